"""What an SQLite error means, said plainly: the disk is full, the file is read-only, it is busy.

A full disk shows in two ways. SQLite says "database or disk is full" (SQLITE_FULL) when a write
to the file or its journal fails; but a read-only command on a file with a write-ahead journal
must first make the journal's shared-memory file (``-shm``), and when that cannot grow SQLite
only says "disk I/O error". So an I/O error is called a full disk when the folder has (next to)
no free space left.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from svdesk.domain.errors import SvdeskError

# Below this much free space, SQLite cannot make or grow a journal (its pages are 4 KB; the
# shared-memory index grows 32 KB at a time).
NEARLY_FULL_BYTES = 1024 * 1024


def disk_is_full(error: sqlite3.Error, path: Path | None) -> bool:
    text = str(error).lower()
    name = getattr(error, "sqlite_errorname", "") or ""
    if "full" in text or name.startswith("SQLITE_FULL"):
        return True
    if path is None or not ("disk i/o" in text or name.startswith("SQLITE_IOERR")):
        return False
    folder = Path(path).parent if str(Path(path).parent) else Path(".")
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def plain_write_error(error: sqlite3.Error, path: Path | None = None) -> SvdeskError:
    text = str(error).lower()
    if disk_is_full(error, path):
        return SvdeskError("The disk is full, so the last change was not saved. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return SvdeskError("The file cannot be written (it or its folder is read-only). The last change was not saved.")
    if "locked" in text or "busy" in text:
        return SvdeskError("Another program is using the file, so the last change was not saved. Try again in a moment.")
    if "disk i/o" in text:
        return SvdeskError("The disk reported an error, so the last change was not saved.")
    return SvdeskError(f"The last change could not be saved ({error}).")


def plain_read_error(error: sqlite3.Error, path: Path | None = None) -> SvdeskError | None:
    """The plain sentence for an error met while reading a file, or None when it is not one a
    person can do anything about (the caller then treats it as unexpected). A command that only
    reads changes nothing, whatever happened."""
    text = str(error).lower()
    name = Path(path).name if path else "the file"
    if disk_is_full(error, path):
        return SvdeskError(f"The disk is full, so svdesk could not read {name} (even reading needs a little space "
                           "for SQLite's working files beside it). Free some space and try again; nothing was changed.")
    if "malformed" in text or "not a database" in text:
        # Reading commands do not check every page first (svdesk check does): they met a bad one.
        return SvdeskError(f"{name} is damaged and cannot be read safely; nothing was changed. "
                           "'svdesk backups FILE' lists the copies you can go back to.")
    if "locked" in text or "busy" in text:
        return SvdeskError(f"Another program is using {name}, so it could not be read. Try again in a moment; "
                           "nothing was changed.")
    if "disk i/o" in text or "unable to open" in text:
        return SvdeskError(f"The disk reported an error while reading {name}; nothing was changed. Check the disk, "
                           "or copy the file somewhere else and try there.")
    return None


@contextlib.contextmanager
def plain_read_errors(path: Path, missing: str = "") -> Iterator[None]:
    """Reads inside the block; a SQLite error becomes a plain ``SvdeskError``. ``missing`` names
    what a file from an older svdesk lacks ("stories"), for a table it does not have yet."""
    try:
        yield
    except sqlite3.OperationalError as error:
        text = str(error).lower()
        if ("no such table" in text or "no such column" in text) and not disk_is_full(error, path):
            lacks = f" and has no {missing} yet" if missing else ""
            raise SvdeskError(f"{Path(path).name} was made by an older svdesk{lacks}; open it "
                              "in svdesk once to bring it up to date.") from None
        plain = plain_read_error(error, path)
        raise (plain or SvdeskError(f"{Path(path).name} could not be read ({error}).")) from None
