"""Which laptop a copy of an organisation file is on: its name ("Jo's laptop"), shown in the
window title and in what a merge says, kept in the file's ``meta`` table.

The name belongs to the computer, not to the file: a file copied to another computer keeps its
records but not the name. So the name is stored with the computer it was given on
(``copy_host``); on another computer ``copy_name`` reads as not set, and the default is made
from that computer's user and host name ("jo on riverside-laptop").
"""

from __future__ import annotations

import getpass
import os

NAME_KEY = "copy_name"
HOST_KEY = "copy_host"
MAX_NAME = 80


def this_computer() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment (some services): go on without
        user = ""
    host = _host_name() or ""
    return f"{user}@{host}"


def _host_name() -> str:
    """What socket.gethostname gives, without importing socket before the window's first paint
    (the title names this copy)."""
    try:
        return os.uname().nodename
    except AttributeError:  # Windows
        import socket

        return socket.gethostname()


def default_copy_name() -> str:
    user, _, host = this_computer().partition("@")
    if user and host:
        return f"{user} on {host}"
    return user or host or "this computer"


def _meta(orgfile, key: str) -> str | None:
    row = orgfile.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def copy_name(workspace) -> str | None:
    """This copy's laptop name, or None when none was given on this computer."""
    orgfile = getattr(workspace, "file", workspace)
    name = _meta(orgfile, NAME_KEY)
    if not name or _meta(orgfile, HOST_KEY) != this_computer():
        return None
    return name


def copy_name_or_default(workspace) -> str:
    return copy_name(workspace) or default_copy_name()


def stored_copy_name(orgfile) -> str | None:
    """The other copy's name in a merge: the name given on the computer that copy was last
    named on — unless that is this computer, when the name is this copy's own, carried along
    when the file was copied (the caller then names the copy by its file)."""
    if _meta(orgfile, HOST_KEY) == this_computer():
        return None
    return _meta(orgfile, NAME_KEY) or None


def set_copy_name(workspace, name: str) -> str:
    """Names this copy (one line, at most 80 characters); returns the name as kept."""
    from svdesk.domain.errors import SvdeskError

    orgfile = getattr(workspace, "file", workspace)
    clean = " ".join(str(name).split())[:MAX_NAME]
    if not clean:
        raise SvdeskError("Give this copy a name, such as \u201cJo's laptop\u201d.")
    with orgfile.write("copy name") as db:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [NAME_KEY, clean])
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [HOST_KEY, this_computer()])
    return clean


def ensure_copy_name(workspace) -> str:
    """The name, giving the default one first when this computer has none (first open here)."""
    return copy_name(workspace) or set_copy_name(workspace, default_copy_name())
