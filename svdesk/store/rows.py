"""Small helpers shared by the repositories."""

from __future__ import annotations

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
