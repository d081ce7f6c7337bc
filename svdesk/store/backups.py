"""Automatic backup copies of an organisation file, kept in the user's data folder.

A copy is taken each time a file is opened (the last ``KEEP`` are kept per file, fewer when
they would take more than ``BUDGET_BYTES``) and before any schema upgrade or restore. Copies are made with SQLite's online backup, so they include changes
still in the write-ahead journal and are always consistent. A file that has not changed since
its newest copy is not copied again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from svdesk import paths
from svdesk.domain.dates import format_date
from svdesk.store import atomic, fileformat
from svdesk.store.fileformat import EXTENSION

KEEP = 10
# A file of hundreds of MB (years of photos and evidence) would fill gigabytes with ten copies:
# one file's copies of one kind (on opening; before an upgrade; before a restore) may take
# BUDGET_BYTES together, but the newest KEEP_AT_LEAST of each kind always stay.
KEEP_AT_LEAST = 3
BUDGET_BYTES = 1024 ** 3
_STATE = "state.json"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str

    @property
    def label(self) -> str:
        reasons = {
            "open": "when opened",
            "before-upgrade": "before an upgrade",
            "before-restore": "before a restore",
            "before-merge": "before bringing in another copy",
        }
        local = self.taken_at.astimezone()
        when = f"{format_date(local.date())}, {local:%H:%M:%S}"
        return f"{when} ({reasons.get(self.reason, self.reason)})"


def folder_for(path: Path) -> Path:
    resolved = str(Path(path).resolve())
    digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:10]
    folder = paths.backups_dir() / f"{Path(path).stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def make_backup(conn: sqlite3.Connection, path: Path, reason: str = "open", signature: list | None = None,
                pages: int = -1, progress=None) -> Path | None:
    """Copies the open database to the backups folder; returns the copy (None if unchanged).

    ``signature`` is the file's state when the copy was decided on (default: now); ``pages`` and
    ``progress`` are passed to SQLite's backup, so a long copy can be stepped and cancelled (by
    raising from ``progress``): the partial copy is then removed and the exception goes on.
    """
    folder = folder_for(path)
    state_file = folder / _STATE
    signature = fileformat.signature(path) if signature is None else signature
    _remove_stale_partials(folder)
    if reason == "open":
        with contextlib.suppress(OSError, ValueError):
            state = json.loads(state_file.read_text("utf-8"))
            if state.get("signature") == signature and any(folder.glob(f"*-open{EXTENSION}")):
                return None
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{stamp}-{reason}{EXTENSION}"
    try:
        # Cancelled by ``progress`` (any exception), the partial copy is removed and nothing is left.
        with atomic.replacing(target, suffix=".partial") as partial:
            dest = sqlite3.connect(str(partial))
            try:
                conn.backup(dest, pages=pages, progress=progress)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
    except (OSError, sqlite3.Error) as error:
        # A backup that cannot be written must not stop the person working: report, go on.
        _note_failure(folder, error)
        return None
    with contextlib.suppress(OSError):
        state_file.write_text(json.dumps({"signature": signature, "source": str(Path(path).resolve())}), "utf-8")
    _rotate(folder, reason)
    return target


def _remove_stale_partials(folder: Path) -> None:
    """A copy interrupted by the computer stopping leaves a ``.partial`` file; only the process
    holding the file's lock makes copies, so one untouched for an hour is nobody's."""
    import time

    for leftover in folder.glob(".*.partial"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > 3600:
                leftover.unlink()


def _note_failure(folder: Path, error: Exception) -> None:
    with contextlib.suppress(OSError):
        (folder / "last-error.txt").write_text(f"{dt.datetime.now().isoformat()} {error}\n", "utf-8")


def _rotate(folder: Path, reason: str) -> None:
    newest_first = sorted(folder.glob(f"*-{reason}{EXTENSION}"), reverse=True)  # names start with the time
    total = 0
    for position, copy in enumerate(newest_first):
        with contextlib.suppress(OSError):
            total += copy.stat().st_size
        if position >= KEEP or (position >= KEEP_AT_LEAST and total > BUDGET_BYTES):
            with contextlib.suppress(OSError):
                copy.unlink()


def list_backups(path: Path) -> list[Backup]:
    """Newest first."""
    found = []
    for item in folder_for(path).glob(f"*{EXTENSION}"):
        stamp, _, reason = item.stem.partition("-")
        try:
            taken = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.timezone.utc)
        except ValueError:
            continue
        found.append(Backup(item, taken, reason))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def copy_before_change(conn: sqlite3.Connection, path: Path, reason: str) -> Path | None:
    """A backup copy made just before a large change by the process holding the file's lock
    (a merge): the journal is folded into the file, then the file is copied as bytes, about
    twice as fast as SQLite's page-by-page backup on a file of hundreds of MB. When the journal
    cannot be folded in (a reader is in the middle of a read), the page-by-page copy is made."""
    import shutil

    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error:
        busy = 1
    if busy:
        return make_backup(conn, path, reason=reason)
    folder = folder_for(path)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{stamp}-{reason}{EXTENSION}"
    try:
        with atomic.replacing(target, suffix=".partial") as partial:
            shutil.copyfile(path, partial)
    except OSError as error:
        _note_failure(folder, error)
        return None
    _rotate(folder, reason)
    return target
