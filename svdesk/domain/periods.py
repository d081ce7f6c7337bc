"""Reading periods: months, quarters and years, and custom dates.

Months are calendar months. Quarters and years follow the organisation's financial year, so that a
year's readings add up to that financial year exactly (for a 31 March year end, Q1 is April to
June). Any other start and end dates are a custom period, shown by its dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from svdesk.domain.dates import MONTH_NAMES, format_date, parse_user_date
from svdesk.domain.errors import ValidationError
from svdesk.domain.financial_year import FinancialYear, YearEnd, parse_label, year_containing
from svdesk.domain.measures import Frequency

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def within(self, first: dt.date | None, last: dt.date | None) -> bool:
        return (first is None or self.start >= first) and (last is None or self.end <= last)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_of(day: dt.date) -> Period:
    return Period(day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1]))


def quarters_of(fy: FinancialYear) -> list[Period]:
    starts = [add_months(fy.start, 3 * k) for k in range(4)]
    ends = [starts[k + 1] - _ONE_DAY for k in range(3)] + [fy.end]
    return [Period(start, end) for start, end in zip(starts, ends)]


def period_containing(frequency: Frequency, day: dt.date, year_end: YearEnd) -> Period:
    if frequency is Frequency.MONTHLY:
        return month_of(day)
    fy = year_containing(day, year_end)
    if frequency is Frequency.YEARLY:
        return Period(fy.start, fy.end)
    return next(quarter for quarter in quarters_of(fy) if quarter.contains(day))


def periods_between(frequency: Frequency, first: dt.date, last: dt.date, year_end: YearEnd) -> list[Period]:
    """Every regular period from the one containing ``first`` to the one containing ``last``."""
    found = []
    period = period_containing(frequency, first, year_end)
    while period.start <= last:
        found.append(period)
        period = period_containing(frequency, period.end + _ONE_DAY, year_end)
    return found


def is_regular(frequency: Frequency, start: dt.date, end: dt.date, year_end: YearEnd) -> bool:
    return period_containing(frequency, start, year_end) == Period(start, end)


def describe_period(start: dt.date, end: dt.date, frequency: Frequency | None, year_end: YearEnd,
                    short: bool = False) -> str:
    """'Apr 2025', 'Q1 2025/26 (Apr–Jun 2025)', '2025/26', or the dates of a custom period."""
    period = Period(start, end)
    fy = year_containing(start, year_end)
    if period == Period(fy.start, fy.end):
        return fy.label
    if period == month_of(start):
        return f"{_MONTHS[start.month - 1]} {start.year}"
    quarters = quarters_of(fy)
    if period in quarters:
        span = month_span(start, end)
        return span if short else f"Q{quarters.index(period) + 1} {fy.label} ({span})"
    if start.day == 1 and end == month_of(end).end:
        return month_span(start, end)
    return date_range(start, end)


def month_span(start: dt.date, end: dt.date) -> str:
    """'Apr–Jun 2025', 'Dec 2025–Feb 2026' for whole months; dates otherwise."""
    if start.day != 1 or end != month_of(end).end:
        return date_range(start, end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]} {end.year}"
    return f"{_MONTHS[start.month - 1]} {start.year}–{_MONTHS[end.month - 1]} {end.year}"


def date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} – {format_date(end)}"
    if start.year == end.year:
        return f"{format_date(start).rsplit(' ', 1)[0]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


# -- reading a period as people write it in a spreadsheet ----------------------------------------
_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(_MONTHS, start=1)}
_MONTH_NUMBER.update({name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)})
_MONTH_NUMBER["sept"] = 9
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?\s*(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NUMERIC_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$")
_QUARTER = re.compile(r"^q([1-4])\s+(.+)$|^(.+?)\s+q([1-4])$")
_MONTH_SPAN = re.compile(r"^([a-z]+)\s*(\d{4})?\s*[-–—]\s*([a-z]+)\s*(\d{4})$")
_RANGE = re.compile(r"^(.+?)\s+(?:to|until|[-–—])\s+(.+)$")


# Readings are for years people can mean; outside these, date arithmetic (a quarter after 9999,
# a year before 1) fails, and a year 0 or 9999 in a sheet is a typing or export slip.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _outside_years(raw) -> ValidationError:
    return ValidationError([f"'{raw}' is outside the years svdesk takes ({FIRST_YEAR} to {LAST_YEAR})."])


def parse_period(raw, frequency: Frequency, year_end: YearEnd) -> Period:
    """A period from a spreadsheet cell; ValidationError (one plain sentence) when it cannot be read.

    Accepts a date (the period of the indicator's frequency that contains it), 'Apr 2025',
    '2025-04', 'Q1 2025/26', 'Apr–Jun 2025', '2025/26', and '3 Mar 2026 to 9 Apr 2026'.
    """
    if isinstance(raw, dt.date) and not FIRST_YEAR <= raw.year <= LAST_YEAR:
        raise _outside_years(raw.strftime("%d/%m/") + f"{raw.year:04d}")
    try:
        period = _parse_period(raw, frequency, year_end)
    except (ValueError, OverflowError):
        raise _outside_years(raw) from None
    if not (FIRST_YEAR <= period.start.year and period.end.year <= LAST_YEAR):
        raise _outside_years(raw)
    return period


def _parse_period(raw, frequency: Frequency, year_end: YearEnd) -> Period:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return period_containing(frequency, raw, year_end)
    text = " ".join(str(raw or "").strip().lower().split())
    # 'Q1 2025/26 (Apr–Jun 2025)', as svdesk itself writes quarters: the part before the brackets.
    text = re.sub(r"\s*\(.*\)$", "", text)
    if not text:
        raise ValidationError(["The period is empty."])
    day = parse_user_date(text)
    if day is not None:
        return period_containing(frequency, day, year_end)
    match = _MONTH_YEAR.match(text)
    if match and match.group(1) in _MONTH_NUMBER:
        return month_of(dt.date(int(match.group(2)), _MONTH_NUMBER[match.group(1)], 1))
    for pattern, year_group, month_group in ((_ISO_MONTH, 1, 2), (_NUMERIC_MONTH, 2, 1)):
        match = pattern.match(text)
        if match and 1 <= int(match.group(month_group)) <= 12:
            return month_of(dt.date(int(match.group(year_group)), int(match.group(month_group)), 1))
    match = _QUARTER.match(text)
    if match:
        number = int(match.group(1) or match.group(4))
        label = match.group(2) or match.group(3)
        try:
            return quarters_of(parse_label(label, year_end))[number - 1]
        except ValidationError:
            pass
    match = _MONTH_SPAN.match(text)
    if match and match.group(1) in _MONTH_NUMBER and match.group(3) in _MONTH_NUMBER:
        last_year = int(match.group(4))
        first_month, last_month = _MONTH_NUMBER[match.group(1)], _MONTH_NUMBER[match.group(3)]
        first_year = int(match.group(2)) if match.group(2) else (last_year if first_month <= last_month else last_year - 1)
        start, end = dt.date(first_year, first_month, 1), month_of(dt.date(last_year, last_month, 1)).end
        if start < end:
            return Period(start, end)
    match = _RANGE.match(text)
    if match:
        start, end = parse_user_date(match.group(1)), parse_user_date(match.group(2))
        if start and end:
            if end < start:
                raise ValidationError([f"'{raw}' ends before it starts."])
            return Period(start, end)
    try:
        fy = parse_label(text, year_end)
        return Period(fy.start, fy.end)
    except ValidationError:
        pass
    raise ValidationError([f"'{raw}' is not a date or period svdesk can read (try 30/04/2025, Apr 2025, "
                           "Q1 2025/26 or 2025/26)."])


def parse_day(raw) -> dt.date:
    """A single date from a cell (a spreadsheet date or typed text)."""
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    else:
        day = parse_user_date(str(raw or ""))
        if day is None:
            raise ValidationError([f"'{raw}' is not a date (write it like 30/04/2025 or 30 Apr 2025)."])
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _outside_years(day.strftime("%d/%m/") + f"{day.year:04d}")
    return day
