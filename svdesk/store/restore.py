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
from svdesk.store import atomic
from svdesk.store.backups import make_backup
from svdesk.store.orgfile import health_check


def restore_backup(backup: Path, target: Path) -> None:
    """Replaces ``target`` (which must be closed) by the backup copy, keeping a copy of it first."""
    backup, target = Path(backup), Path(target)
    health_check(backup, full=True)
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
        # replayed over the restored copy.
        for journal in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
