"""A fresh, fully migrated organisation file in memory, made fast for the tests.

``svdesk.store.workspace.memory_workspace`` runs every migration step (about a tenth of a second);
hundreds of tests and property examples start from an empty file. Here the steps run once, and
each workspace is a byte-for-byte copy of that migrated file (SQLite's backup copies every table,
index, trigger and full-text table, and the application id and schema version in the header).
tests/store/test_memory_files.py checks the copy against a freshly migrated file.
"""

from __future__ import annotations

import functools
import sqlite3

from svdesk.domain.organisation import Organisation
from svdesk.store.orgfile import OrgFile, new_memory_file
from svdesk.store.workspace import Workspace


@functools.cache
def _migrated() -> sqlite3.Connection:
    return new_memory_file().conn


def memory_workspace(organisation: Organisation | None = None) -> Workspace:
    """What ``svdesk.store.workspace.memory_workspace`` returns, from a copy of the migrated file."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _migrated().backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")  # a setting of the connection, not of the file
    workspace = Workspace.around(OrgFile(conn, None))
    workspace.organisation.save(organisation or Organisation(name="Test CIC"))
    return workspace
