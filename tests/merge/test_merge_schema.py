"""Every table of records is merged, and its version triggers name every column (a later step
that adds a column must install them again)."""

from __future__ import annotations

from svdesk.store.migrations.m012_row_versions import MERGED_TABLES, columns_of

NOT_RECORDS = {"meta", "blobs", "row_versions", "row_history", "_sqlite_migrations"}


def test_every_table_of_records_is_merged(workspace):
    conn = workspace.file.conn
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    records = [t for t in tables if t not in NOT_RECORDS and {"id", "created_at", "updated_at"} <= set(columns_of(conn, t))]
    assert sorted(records) == sorted(MERGED_TABLES)


def test_triggers_name_every_column(workspace):
    conn = workspace.file.conn
    for table in MERGED_TABLES:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                           [f"{table}_rv_au"]).fetchone()[0]
        assert all(f'old."{column}"' in sql for column in columns_of(conn, table)), table


def test_every_change_gets_a_new_version_and_keeps_the_old_values(workspace):
    conn = workspace.file.conn
    story = workspace.stories.new(title="First")
    first = conn.execute("SELECT version FROM row_versions WHERE tbl = 'stories' AND id = ?", [story.id]).fetchone()[0]
    workspace.stories.update(story.id, title="Second")
    second = conn.execute("SELECT version FROM row_versions WHERE tbl = 'stories' AND id = ?", [story.id]).fetchone()[0]
    assert first != second
    import json

    [(version, text)] = conn.execute("SELECT version, row_json FROM row_history WHERE tbl = 'stories' AND id = ?",
                                     [story.id]).fetchall()
    columns = columns_of(conn, "stories")
    assert version == first and dict(zip(columns, json.loads(text)))["title"] == "First"
