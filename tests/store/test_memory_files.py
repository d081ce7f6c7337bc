"""The tests' fast empty file (tests/memory_files.py) is the file svdesk itself makes in memory."""

from svdesk.domain.organisation import Organisation
from svdesk.store import workspace as store_workspace
from tests.memory_files import memory_workspace as copied_workspace


def _shape(ws) -> dict:
    conn = ws.file.conn
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key NOT IN ('created_at')").fetchall())
    return {
        "schema": sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
                         key=lambda row: (row[0], row[1])),
        "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
        "application_id": conn.execute("PRAGMA application_id").fetchone()[0],
        "foreign_keys": conn.execute("PRAGMA foreign_keys").fetchone()[0],
        "meta": meta,
        "organisation": ws.organisation.get().name,
    }


def test_a_copied_empty_file_is_a_freshly_migrated_one():
    made, copied = store_workspace.memory_workspace(), copied_workspace()
    try:
        assert _shape(copied) == _shape(made)
        assert _shape(made)["foreign_keys"] == 1 and _shape(made)["user_version"] > 0
    finally:
        made.close()
        copied.close()


def test_each_copy_is_its_own_file():
    first, second = copied_workspace(), copied_workspace()
    try:
        first.organisation.save(Organisation(name="Only in the first"))
        assert second.organisation.get().name == "Test CIC"
    finally:
        first.close()
        second.close()


def test_the_copied_file_on_disk_is_a_freshly_created_one(file_workspace, tmp_path):
    """The ``file_workspace`` fixture copies one file made per session: it is what
    ``create_workspace`` makes on the spot, opened the same way (WAL, no backup copy)."""
    (tmp_path / "made").mkdir()
    made = store_workspace.create_workspace(tmp_path / "made" / "Test CIC.svdesk", Organisation(name="Test CIC"))
    try:
        assert _shape(file_workspace) == _shape(made)
        for pragma in ("journal_mode", "synchronous", "page_size", "integrity_check"):
            assert (file_workspace.file.conn.execute(f"PRAGMA {pragma}").fetchone()
                    == made.file.conn.execute(f"PRAGMA {pragma}").fetchone()), pragma
        assert file_workspace.file.path.parent == tmp_path and not file_workspace.read_only
    finally:
        made.close()


def test_each_copied_file_on_disk_is_its_own_file(empty_file_source, file_workspace):
    before = empty_file_source.read_bytes()
    file_workspace.organisation.save(Organisation(name="Only in this test's copy"))
    assert empty_file_source.read_bytes() == before
    assert file_workspace.file.path != empty_file_source
