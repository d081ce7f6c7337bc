"""Who may write an organisation file now: its read-only marks, its single-writer lock, and
tidying the journal files a read-only look leaves behind.

A file whose write bits are all off is read-only to svdesk even when the operating system would
let an administrator write it: that is how a person marks a file "do not change".
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from svdesk.store.fileformat import FileRefused, journal_size
from svdesk.store.lock import AlreadyOpen, WriterLock


def is_read_only(path: Path) -> bool:
    """True when the file or its folder cannot (or should not) be written.

    Besides the permission check, a file whose write bits are all off counts as read-only: that
    is how a person marks a file "read-only", and it must be respected even by an administrator.
    """
    import stat

    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK):
        return True
    if not path.exists():
        return False
    if not os.access(path, os.W_OK):
        return True
    return not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def take_writer_lock(path: Path, instead: str = "you can open it read-only here.") -> WriterLock:
    """The file's single-writer lock, taken; FileRefused (read-only, in-use) when it cannot be."""
    if is_read_only(path):
        raise FileRefused(
            path, "the file or its folder is read-only. Open it read-only, or copy it somewhere you can write.",
            "read-only",
        )
    lock = WriterLock(path)
    try:
        lock.acquire()
    except AlreadyOpen as open_elsewhere:
        raise FileRefused(
            path, f"the file is already open in {open_elsewhere.holder}. Only one window can change it "
            f"at a time; {instead}", "in-use",
        ) from None
    except OSError:
        raise FileRefused(path, "the file's folder cannot be written. Open it read-only, or copy it "
                          "somewhere you can write.", "read-only") from None
    return lock


@contextlib.contextmanager
def writable_or_refused(path: Path, outcome: str) -> Iterator[None]:
    """Holds ``path``'s single-writer lock for the block, as a window does while the file is
    open, after checking the file may be written; FileRefused (ending "``outcome``.") otherwise."""
    try:
        lock = take_writer_lock(Path(path), instead=f"close it there first; {outcome}.")
    except FileRefused as refused:
        if refused.kind != "read-only":
            raise
        raise FileRefused(path, f"the file or its folder is read-only, so {outcome}. (A file marked "
                          "read-only is never changed by svdesk.)", "read-only") from None
    try:
        yield
    finally:
        lock.release()


def journal_absent(path: Path) -> bool:
    return not os.path.lexists(f"{path}-wal") and not os.path.lexists(f"{path}-shm")


def tidy_journal(path: Path) -> None:
    """Removes the empty -wal/-shm files a read-only connection made, the way SQLite itself
    does: a read-write connection that reads once and closes deletes them only when it is the
    last connection to the file, and changes no byte of the file (the journal is empty). Skipped
    while another svdesk holds the file for writing, or when the file may not be written."""
    if journal_size(path) or is_read_only(path):
        return
    lock = WriterLock(path)
    try:
        lock.acquire()
    except (AlreadyOpen, OSError):
        return
    try:
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(str(path))
            try:
                conn.execute("PRAGMA busy_timeout = 0")
                conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            finally:
                conn.close()
    finally:
        lock.release()
