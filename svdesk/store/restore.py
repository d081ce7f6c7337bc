"""Putting a backup copy back in place of an organisation file, safely: the copy is checked in
full first, and the current file is itself kept as a backup before it is replaced. Kept apart
from ``backups`` because it needs ``orgfile``'s health check, and ``orgfile`` makes backups."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from svdesk.domain.errors import SvdeskError
from svdesk.store import atomic, fileformat
from svdesk.store.backups import make_backup
from svdesk.store.file_access import writable_or_refused
from svdesk.store.orgfile import health_check
from svdesk.store.safe_paths import require_regular_file


def restore_backup(backup: Path, target: Path) -> None:
    """Replaces ``target`` by the backup copy, keeping a copy of it first.

    Refused, with the target untouched, when another svdesk has the target open for writing
    (its single-writer lock is taken, and held until the restore is finished, so nothing can
    open the file half-way through), when the target or its folder is read-only, and when the
    target is not an svdesk file (a damaged svdesk file may be replaced: that is what a restore
    is for)."""
    backup, target = Path(backup), Path(target)
    require_regular_file(backup, "backup copy")
    health_check(backup, full=True)
    require_regular_file(target, "svdesk file")
    if os.path.lexists(target) and not target.exists():
        raise SvdeskError(f"{target} is a link to a file that does not exist, so nothing was restored.")
    if target.exists():
        _refuse_foreign(target)
    with writable_or_refused(target, "nothing was restored"):
        _replace_with_copy(backup, target)


def _refuse_foreign(target: Path) -> None:
    try:
        fileformat.read_header(target)
    except fileformat.FileRefused as refused:
        if refused.kind in ("foreign", "not-a-file", "folder", "unreadable"):
            raise SvdeskError(f"{target.name}: {refused.reason} svdesk only restores over its own files, so "
                              "nothing was restored.") from None


def _replace_with_copy(backup: Path, target: Path) -> None:
    # Taken aside first: keeping a copy of the current file rotates the oldest copies away,
    # and the one being restored may be among them.
    with atomic.replacing(target, suffix=".restoring") as tmp:
        shutil.copyfile(backup, tmp)
        with open(tmp, "rb+") as handle:  # on disk before anything of the current file is touched
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.closing(sqlite3.connect(str(target))) as conn:
                kept = make_backup(conn, target, reason="before-restore")
            if kept is None:
                raise SvdeskError("The current file could not be copied first, so nothing was restored.")
        # The journal files belong to the version being replaced; left behind they would be
        # replayed over the restored copy. Nobody else has the file open for writing (we hold its
        # lock), so the journal holds no change that is not in the copy just kept.
        for journal in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
