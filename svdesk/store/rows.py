"""Small helpers shared by the repositories."""

from __future__ import annotations

from collections.abc import Iterator

from svdesk.domain.dates import utc_now_stamp
from svdesk.domain.ids import new_id


def stamped(values: dict, *, new: bool) -> dict:
    """Adds the id and created/updated stamps every row carries."""
    now = utc_now_stamp()
    row = dict(values)
    if new:
        row.setdefault("id", new_id())
        row.setdefault("created_at", now)
    row["updated_at"] = now
    return row


def without_none(row: dict) -> dict:
    return {key: value for key, value in row.items() if value is not None}


def streamed(orgfile, sql: str, params=()) -> Iterator[dict]:
    """The rows of a query one at a time, as dicts (``OrgFile.query`` reads them all first).
    Lazy: the query runs when the first row is asked for, so a dump can hold one record at a
    time of a section of 50,000 stories, and its sections' queries never overlap."""
    cursor = orgfile.conn.execute(sql, params)
    names = [column[0] for column in cursor.description or ()]
    for row in cursor:
        yield dict(zip(names, row))


def holds(db, table: str, row_id, values: dict) -> bool:
    """True when the row already holds every one of ``values`` (its stamps aside). SQLite does the
    comparing, with each value bound as the write would bind it, so a number, a flag, a date or a
    list is compared as it is stored — not as Python sees it."""
    # sqlite-utils is warmed up after the window's first paint (tests/ui/test_startup_path.py);
    # this module is read before it, so the adapter it writes with is imported only here.
    from sqlite_utils.db import jsonify_if_needed

    columns = [column for column in values if column not in ("created_at", "updated_at")]
    if not columns:
        return True
    # BINARY: a change of case is a change, whatever collation a column may one day be given.
    where = " AND ".join(f"[{column}] IS ? COLLATE BINARY" for column in columns)
    params = [jsonify_if_needed(values[column]) for column in columns]
    return db.execute(f"SELECT 1 FROM [{table}] WHERE id = ? AND {where}", [row_id, *params]).fetchone() is not None


def update_changed(db, table: str, row_id, values: dict) -> bool:
    """Writes ``values`` onto the row with a new "updated at" stamp, unless it holds them already:
    a field left unchanged must not touch the file (no new stamp, no new row version for
    ``svdesk merge`` to see as a change, nobody told the file changed). True when written."""
    if holds(db, table, row_id, values):
        return False
    db[table].update(row_id, stamped(values, new=False))
    return True
