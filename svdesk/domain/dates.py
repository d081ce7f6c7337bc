"""Dates as our users read them (3 Mar 2026) and as we store them (ISO 8601).

Month names are svdesk's own English ones, never ``strftime("%b")``/``strptime("%b")``: those
follow the C library's time locale, which Qt sets from the desktop's language, so under a Welsh
or Polish desktop "3 Mar 2026" would be refused and dates would print as "3 Maw 2026".
"""

from __future__ import annotations

import datetime as dt
import re

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
    # Numbers only: strptime reads these the same under every locale.
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    match = _DAY_MONTH_YEAR.match(text)
    month = month_number(match.group(2)) if match else None
    if month is None:
        return None
    try:
        return dt.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:  # 31 Feb, year 0
        return None


def month_number(name: str) -> int | None:
    """'Mar', 'march', 'MARCH' -> 3; None for anything else (English names, whatever the locale)."""
    return _MONTH_NUMBERS.get(name.lower())


def month_label(day: dt.date) -> str:
    """'Mar 2026'."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(_MONTHS, start=1)}
_MONTH_NUMBERS.update({name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)})
# As strptime read them: day and year of up to 2 and 4 digits, the month's short or full name.
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]+) (\d{1,4})$", re.ASCII)


def utc_now_stamp() -> str:
    """A sortable UTC timestamp with microseconds, used for created/updated stamps."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def today() -> dt.date:
    return dt.date.today()
