"""Checking a file and copying it just after it opened, in the background.

Opening a file used to read every byte of it twice before the window appeared: ``PRAGMA
quick_check`` (every page) and the automatic backup copy. That is fine for a file of a few MB,
but years of records with photos and scanned evidence make files of hundreds of MB, and the
person would wait seconds for their window on every open. So when the window opens a file, the
backup copy (and, for a large file, the page check) runs on a second, read-only connection in a
background thread, started before ``open_file`` returns:

- The connection starts its read transaction at once (while nothing can have changed yet), so
  the backup copy is exactly the file as it was opened, even if the person edits meanwhile
  (SQLite's write-ahead journal keeps the older pages for the reader).
- A file under ``LARGE_FILE_BYTES`` has had its every page checked before the window shows (a
  few milliseconds); only its copy waits. Even a small file's copy costs a noticeable part of
  the start-up (a copy and two ``fsync`` calls), and the window is wanted first.
- A large file has still passed, before the window shows, every check that needs no full read:
  the header (magic, owner, page size, a file not shorter than its page count), svdesk's tables,
  the schema version and steps. SQLite itself checks each page it reads, so damage in a record
  the person opens is caught the moment it is read; a write never goes through a damaged page.
- The work waits ``START_DELAY`` after opening; a window that opened the file holds it until
  ``START_DELAY`` after its first paint instead (``hold``, ``window_painted``), so that neither
  competes with the paint however late a busy machine makes it.
- If the background check finds damage, the file stops accepting changes (``problem`` says why
  and every write is refused with that sentence), and no backup is made of the damaged state,
  so the older, good copies are not rotated away. ``svdesk check`` still runs the full
  ``integrity_check`` on demand.
- Closing the file waits for the copy to finish (a copy made while the person worked is worth
  the wait), up to ``CLOSE_WAIT`` seconds; after that it is cancelled and its partial file removed.

Every file opened by a command (``open_file`` without ``background``), and any file about to be
upgraded to a newer format, is checked and copied before ``open_file`` returns, as before.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path

from svdesk.store.fileformat import FileRefused, signature

# Below this, the page check takes a few milliseconds: do it before returning.
LARGE_FILE_BYTES = 16 * 1024 * 1024
CLOSE_WAIT = 60.0
# The work starts a moment after opening, so that it does not compete with the window's first
# paint for the processor and the disk (the snapshot it copies is taken at once regardless).
START_DELAY = 1.5
# A window that holds the work (``hold``) lets it start START_DELAY after its first paint instead:
# on a busy machine the paint can come later than START_DELAY after opening, and a check of a
# 1.6 GB file then ran beside it. At the latest this long after opening (a window never painted).
HOLD_LIMIT = 30.0
_STEP_PAGES = 2048  # pages copied per step of the backup (8 MB at 4 KB pages): cancellable in between

DAMAGED = ("svdesk checked this file after opening it and found damage, so it will not save changes to it "
           "(that could make the damage worse). What you see is shown as it is. Close this window, then "
           "restore a backup copy (File ▸ Backup copies), or run 'svdesk check' on the file for details.")


def is_large(path: Path) -> bool:
    total = 0
    for part in (Path(path), Path(f"{path}-wal")):
        with contextlib.suppress(OSError):
            total += part.stat().st_size
    return total >= LARGE_FILE_BYTES


def start(orgfile, backup: bool, check: bool = True) -> None:
    """Starts the page check (when ``check``) and the copy (when ``backup``) of ``orgfile``, just opened."""
    try:
        orgfile.background = BackgroundCheck(orgfile.path, backup=backup, check=check)
        return
    except sqlite3.Error:
        pass
    # No second connection could be made (say, a read-only folder without the journal's shared
    # memory file): check, and copy, now, as for a command.
    damaged = False
    if check:
        try:
            damaged = [row[0] for row in orgfile.conn.execute("PRAGMA quick_check(5)")] != ["ok"]
        except sqlite3.OperationalError:
            damaged = False
        except sqlite3.DatabaseError:
            damaged = True
    if damaged:
        orgfile.close()
        raise FileRefused(orgfile.path, "the file is damaged and cannot be read safely.", "damaged")
    if backup:
        from svdesk.store import backups

        backups.make_backup(orgfile.conn, orgfile.path, reason="open")


class _Cancelled(Exception):
    pass


class BackgroundCheck:
    """The page check (when ``check``), then the on-open backup copy (when ``backup``), of the
    file at ``path``."""

    def __init__(self, path: Path, backup: bool = True, check: bool = True):
        self.path = Path(path)
        self._check = check
        self.problem: str | None = None
        self.backup_path: Path | None = None
        self._cancel = threading.Event()
        self._go = threading.Event()  # start now rather than after START_DELAY
        self._held = threading.Event()  # a window asked the work to wait for its first paint
        self._painted = threading.Event()  # ...and has painted (or the work is wanted now)
        self._painted_at = 0.0
        self._done = threading.Event()
        # The file's size and time now, before any change: what the backup's "unchanged" test
        # compares with next time.
        self._signature = signature(self.path) if backup else None
        self._conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None,
                                     check_same_thread=False)
        try:
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self._conn.execute("BEGIN")
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
        except sqlite3.Error:
            self._conn.close()
            raise
        self._thread = threading.Thread(target=self._run, name="svdesk-check-and-copy", daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the check (and copy) has finished."""
        return self._done.wait(timeout)

    def hold(self) -> None:
        """Called by the window that opened the file, before it is shown: the work starts only
        START_DELAY after ``window_painted`` (or when hurried or finished), not after opening."""
        self._held.set()

    def window_painted(self) -> None:
        self._painted_at = time.monotonic()
        self._painted.set()

    def hurry(self, timeout: float) -> bool:
        """Starts the work now if it is still waiting for the window to settle, and waits for it
        up to ``timeout`` seconds (say, before listing the backup copies). True once finished."""
        self._start_now()
        return self._done.wait(timeout)

    def _start_now(self) -> None:
        self._painted.set()
        self._go.set()

    def finish(self, timeout: float | None = None) -> None:
        """Lets the work finish (cancelling it after ``timeout`` seconds, default ``CLOSE_WAIT``);
        always returns with the thread ended and the reading connection closed."""
        self._start_now()  # closing: no first paint to make way for any more
        if not self._done.wait(CLOSE_WAIT if timeout is None else timeout):
            self._cancel.set()
            with contextlib.suppress(sqlite3.Error):
                self._conn.interrupt()
        self._thread.join()

    def _wait_for_the_window(self) -> None:
        """START_DELAY after opening; when held, START_DELAY after the window's first paint."""
        if self._go.wait(START_DELAY) or not self._held.is_set():
            return
        painted = self._painted.wait(max(0.0, HOLD_LIMIT - START_DELAY))
        if painted and not self._go.is_set():
            self._go.wait(max(0.0, START_DELAY - (time.monotonic() - self._painted_at)))

    def _progress(self, _status, _remaining, _total) -> None:
        if self._cancel.is_set():
            raise _Cancelled()

    def _run(self) -> None:
        try:
            self._wait_for_the_window()
            if self._cancel.is_set():
                return
            if self._check:
                found = [row[0] for row in self._conn.execute("PRAGMA quick_check(5)")]
                if found != ["ok"]:
                    self.problem = DAMAGED
                    return
            if self._signature is not None and not self._cancel.is_set():
                from svdesk.store import backups  # here, not at start-up: hashlib and json with it

                self.backup_path = backups.make_backup(
                    self._conn, self.path, reason="open", signature=self._signature,
                    pages=_STEP_PAGES, progress=self._progress)
        except _Cancelled:
            pass
        except sqlite3.OperationalError:
            # Interrupted by ``finish``, or the disk could not be read just now: nothing is known
            # to be wrong with the file, so nothing is claimed.
            pass
        except sqlite3.DatabaseError:  # "malformed", "not a database": SQLite found damage
            self.problem = DAMAGED
        except Exception:  # noqa: BLE001 - a background thread must never die with a traceback
            # Not damage as far as we know (say, an unexpected error in the copy): the copy is
            # simply not made this time, as when the backups folder cannot be written.
            pass
        finally:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._done.set()
