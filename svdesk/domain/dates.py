"""Dates as our users read them (3 Mar 2026) and as we store them (ISO 8601)."""

from __future__ import annotations

import datetime as dt

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]


def format_date(value: dt.date | str | None) -> str:
    """'3 Mar 2026' — British order, no leading zero, short month."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = parse_iso_date(value)
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def parse_iso_date(text: str) -> dt.date:
    """Accepts '2026-03-03' (and a full ISO timestamp, whose date part is used)."""
    return dt.date.fromisoformat(text[:10])


def parse_user_date(text: str) -> dt.date | None:
    """Reads a date as a British user may type it; None when it cannot be read.

    Accepts 2026-03-03, 3/3/2026, 03/03/26, 3 Mar 2026, 3 March 2026.
    """
    text = " ".join(text.strip().split())
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def utc_now_stamp() -> str:
    """A sortable UTC timestamp with microseconds, used for created/updated stamps."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def today() -> dt.date:
    return dt.date.today()
