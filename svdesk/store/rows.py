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
