"""Shared by the merge tests: copies of one file, and every record of a file to compare."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from svdesk.store.migrations.m012_row_versions import MERGED_TABLES


def open_workspace(path: Path, read_only: bool = False):
    """A copy opened as svdesk opens it (``svdesk.store.workspace.open_workspace``: checked,
    locked, upgraded), without the backup copy on opening: an fsync'd copy of the whole file that
    no merge test looks at (``apply_merge`` makes its own copy first, and the tests check that one).
    The tests of backups on opening are in tests/store/test_orgfile.py."""
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    return Workspace.around(open_file(path, read_only=read_only, backup=False))


def copies(source: Path, folder: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        target = folder / f"{name}.svdesk"
        shutil.copyfile(source, target)
        out.append(target)
    return out


def records(path: Path) -> dict[str, list[tuple]]:
    """Every record of every merged table (and the evidence files' contents), sorted: what two
    files must agree on to hold "the same records"."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for table in MERGED_TABLES:
            out[table] = sorted(tuple(map(repr, row)) for row in conn.execute(f"SELECT * FROM {table}"))
        out["blobs"] = sorted(row[0] for row in conn.execute("SELECT sha256 FROM blobs"))
        return out
    finally:
        conn.close()


def integrity_ok(path: Path) -> bool:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
