"""Recognising an svdesk file from its first bytes, without opening it for writing.

Every check here reads the file and never writes it, so a file we refuse keeps every byte.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from svdesk.domain.errors import SvdeskError

SQLITE_MAGIC = b"SQLite format 3\x00"
# "SVDK" in ASCII: PRAGMA application_id marks a SQLite file as ours.
APPLICATION_ID = 0x5356444B
EXTENSION = ".svdesk"


class FileRefused(SvdeskError):
    """The file cannot be opened; it has been left exactly as it was."""

    def __init__(self, path: Path, reason: str, kind: str):
        self.path = Path(path)
        self.reason = reason
        self.kind = kind
        super().__init__(f"{self.path.name or self.path}: {reason}")


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    user_version: int
    application_id: int


def read_header(path: Path) -> Header:
    """Reads the 100-byte SQLite header, refusing anything that is not a plausible svdesk file."""
    import stat as stat_module

    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise FileRefused(path, "there is no such file.", "missing") from None
    except OSError as error:
        raise FileRefused(path, f"the file could not be read ({error.strerror}).", "unreadable") from None
    if stat_module.S_ISDIR(mode):
        raise FileRefused(path, "this is a folder, not an svdesk file.", "folder")
    if not stat_module.S_ISREG(mode):
        # A pipe (FIFO) would make open() wait for ever; a device or socket is never our file.
        raise FileRefused(path, f"this is {file_type_name(mode)}, not an ordinary file, so it is not an svdesk "
                          "file; svdesk did not open it.", "not-a-file")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(100)
    except PermissionError:
        raise FileRefused(path, "svdesk is not allowed to read this file.", "unreadable") from None
    except OSError as error:
        raise FileRefused(path, f"the file could not be read ({error.strerror}).", "unreadable") from None
    if size == 0:
        raise FileRefused(path, "the file is empty, so it is not an svdesk file.", "empty")
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise FileRefused(path, "this is not an svdesk file (it is not a database svdesk can read).", "foreign")
    raw_page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    page_count = struct.unpack(">I", head[28:32])[0]
    user_version = struct.unpack(">I", head[60:64])[0]
    application_id = struct.unpack(">I", head[68:72])[0]
    header = Header(page_size, page_count, user_version, application_id)
    if application_id != APPLICATION_ID:
        raise FileRefused(
            path,
            "this is a database made by another program, not an svdesk file.",
            "foreign",
        )
    if page_size < 512 or page_size & (page_size - 1) or size % page_size:
        raise FileRefused(path, "the file is damaged (its size does not fit its layout).", "damaged")
    # A file whose recent changes are still in its -wal journal may legitimately be shorter than
    # the page count says; only without a journal is a short file a truncated one.
    if page_count and size < page_count * page_size and not journal_size(path):
        raise FileRefused(path, "the file is damaged: it is shorter than it should be (truncated).", "damaged")
    return header


def file_type_name(mode: int) -> str:
    """"a folder", "a pipe (FIFO)", … for a path that is not an ordinary file (from os.stat)."""
    import stat as stat_module

    if stat_module.S_ISDIR(mode):
        return "a folder"
    if stat_module.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat_module.S_ISSOCK(mode):
        return "a socket"
    if stat_module.S_ISCHR(mode) or stat_module.S_ISBLK(mode):
        return "a device"
    return "not an ordinary file"


def journal_size(path: Path) -> int:
    """The size of the file's -wal journal; 0 when there is none. Another svdesk closing the file
    removes the journal at any moment, so it is looked at once (never "exists, then stat")."""
    try:
        return os.stat(f"{path}-wal").st_size
    except OSError:
        return 0


def is_probably_svdesk(path: Path) -> bool:
    try:
        read_header(path)
    except FileRefused:
        return False
    return True


def signature(path: Path) -> list:
    """The file's (and its journal's) size and time: unchanged means no new backup copy is needed."""
    parts = []
    for candidate in (Path(path), Path(f"{path}-wal")):
        try:
            stat = candidate.stat()
        except FileNotFoundError:
            continue
        # SQLite creates an empty journal on every open: only a journal with pages in it
        # (changes not yet folded into the file) makes the file differ from its last copy.
        if stat.st_size or candidate.name == Path(path).name:
            parts.append([stat.st_size, stat.st_mtime_ns])
    return parts


def fsync_dir(path: Path) -> None:
    """Makes a rename or a new file in ``path`` durable (a no-op where the OS cannot)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
