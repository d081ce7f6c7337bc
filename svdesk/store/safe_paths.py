"""Which paths svdesk may read as a file, and which it may write to.

Two guards every command and the window use:

- ``require_regular_file``: a FIFO, device, socket or folder given where a file is expected would
  make the first ``open()`` wait for ever (a FIFO) or fail strangely; it is refused by its type,
  from ``os.stat``, before anything opens it.
- ``refuse_organisation_target``: no export, dump, demo, load or screenshot may write over an
  organisation file, its journal (``-wal``, ``-shm``, ``-journal``) or its lock file. Commands
  open files without taking a copy first, so an overwritten organisation file could not be
  brought back. The target is recognised by its name (any case, after following symlinks), by
  its first bytes when it exists (an svdesk database or a SQLite journal, whatever its name),
  and by identity (device and inode: a hard link has no other trace) with the files the command
  is reading.

Both only look: they never create, open for writing or change anything.
"""

from __future__ import annotations

import os
import stat
import struct
from collections.abc import Iterable
from pathlib import Path

from svdesk.domain.errors import SvdeskError
from svdesk.store.fileformat import APPLICATION_ID, EXTENSION, SQLITE_MAGIC, file_type_name

# The companions SQLite and svdesk keep beside an organisation file.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
# The first four bytes of a SQLite write-ahead journal (two byte orders).
_WAL_MAGICS = (bytes.fromhex("377f0682"), bytes.fromhex("377f0683"))


class NotAFile(SvdeskError):
    """A path that is a folder, FIFO, device or socket where a file was expected."""


def require_regular_file(path: Path, what: str = "file") -> None:
    """Raises NotAFile (a plain sentence) unless ``path`` is an ordinary file. A missing path is
    left for the caller to report (each says "there is no such file" in its own words)."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError:
        return  # unreadable: the caller's open() says why
    if stat.S_ISREG(mode):
        return
    raise NotAFile(f"{path} is not a file svdesk can read: it is {file_type_name(mode)}, not a {what}, "
                   "so svdesk did not open it.")


def organisation_files(path: Path) -> list[Path]:
    """An organisation file and every companion it may have beside it."""
    return [Path(path), *(Path(f"{path}{suffix}") for suffix in COMPANION_SUFFIXES)]


def refuse_organisation_target(target: Path, reading: Iterable[Path | None] = (),
                               new_organisation: bool = False) -> Path:
    """Returns ``target`` when svdesk may write there; raises SvdeskError (a plain sentence) when
    it is an organisation file or one of its companions, under any spelling. ``reading`` names
    the organisation file(s) the command has open, so a hard link to one is recognised too.
    ``new_organisation``: the target is a new organisation file being made (``load``, ``demo``),
    so its name may end in .svdesk, but it must still not be a companion or an existing file's."""
    target = Path(target)
    refusal = (f"Nothing was written: {target} is an organisation file (or part of one), and svdesk will not "
               "write to it, as that would destroy your records. Choose another name for the output.")
    names = {target.name}
    try:
        names.add(target.resolve().name)  # a symlink's own name may look harmless
    except (OSError, RuntimeError):
        pass
    if any(_is_organisation_name(name, allow_main=new_organisation) for name in names):
        raise SvdeskError(refusal)
    try:
        target_stat = os.stat(target)
    except OSError:
        target_stat = None
    if target_stat is not None:
        if stat.S_ISDIR(target_stat.st_mode):
            raise SvdeskError(f"{target} is a folder; choose a file name to write to.")
        for source in reading:
            if source is None:
                continue
            for part in organisation_files(Path(source)):
                try:
                    part_stat = os.stat(part)
                except OSError:
                    continue
                if (part_stat.st_dev, part_stat.st_ino) == (target_stat.st_dev, target_stat.st_ino):
                    raise SvdeskError(refusal)
        if stat.S_ISREG(target_stat.st_mode) and _looks_like_organisation_data(target):
            raise SvdeskError(refusal)
    return target


def _is_organisation_name(name: str, allow_main: bool = False) -> bool:
    lowered = name.lower()
    if lowered.endswith(EXTENSION) and not allow_main:
        return True
    return any(lowered.endswith(EXTENSION + suffix) for suffix in COMPANION_SUFFIXES)


def _looks_like_organisation_data(path: Path) -> bool:
    """An svdesk database (SQLite with svdesk's application id) or a SQLite journal."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError:
        return False
    if head[:4] in _WAL_MAGICS:
        return True
    if len(head) >= 72 and head.startswith(SQLITE_MAGIC):
        return struct.unpack(">I", head[68:72])[0] == APPLICATION_ID
    return False
