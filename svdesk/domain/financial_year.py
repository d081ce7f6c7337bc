"""Financial years: which year a date falls in, its start and end, and its label (2025/26).

An organisation's year end is a day and a month (31 Mar for most UK CICs). A year end of 29 Feb
means the last day of February, so it falls on 28 Feb in ordinary years.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from svdesk.domain.dates import MONTH_NAMES
from svdesk.domain.errors import ValidationError


def days_in_month(year: int, month: int) -> int:
    """28 to 31. (The calendar module would do, but it pulls in locale: this is on the start-up path.)"""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


@dataclass(frozen=True)
class YearEnd:
    day: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValidationError(["The year-end month must be between 1 and 12."])
        # 29 Feb is a legitimate year end (it means "last day of February").
        longest = 29 if self.month == 2 else days_in_month(2001, self.month)
        if not 1 <= self.day <= longest:
            raise ValidationError([f"The year-end day must be between 1 and {longest} for that month."])

    def in_year(self, year: int) -> dt.date:
        """The year-end date that falls in calendar year ``year``."""
        last = days_in_month(year, self.month)
        return dt.date(year, self.month, min(self.day, last))

    @property
    def is_calendar_year(self) -> bool:
        return self.day == 31 and self.month == 12


DEFAULT_YEAR_END = YearEnd(31, 3)


@dataclass(frozen=True, order=True)
class FinancialYear:
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """'2025/26' for a year that spans two calendar years, '2025' for a calendar year."""
        if self.start.year == self.end.year:
            return str(self.end.year)
        return f"{self.start.year}/{self.end.year % 100:02d}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self, year_end: YearEnd) -> "FinancialYear":
        return year_containing(self.start - dt.timedelta(days=1), year_end)

    def next(self, year_end: YearEnd) -> "FinancialYear":
        return year_containing(self.end + dt.timedelta(days=1), year_end)

    def __str__(self) -> str:
        return self.label


@functools.lru_cache(maxsize=4096)
def year_containing(day: dt.date, year_end: YearEnd) -> FinancialYear:
    """The financial year that ``day`` falls in. (Remembered: a year's figures ask it once per
    reading, and an indicator may hold hundreds of readings with the same few period ends.)"""
    end = year_end.in_year(day.year)
    if day > end:
        end = year_end.in_year(day.year + 1)
    start = year_end.in_year(end.year - 1) + dt.timedelta(days=1)
    return FinancialYear(start, end)


def year_ending_in(calendar_year: int, year_end: YearEnd) -> FinancialYear:
    return year_containing(year_end.in_year(calendar_year), year_end)


_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[/-]\s*(\d{2}|\d{4}))?\s*$")


def parse_label(label: str, year_end: YearEnd) -> FinancialYear:
    """'2025/26' (or '2025-26', '2025/2026'; '2025' for calendar years) -> that financial year."""
    match = _LABEL.match(label or "")
    if not match:
        raise ValidationError([f"'{label}' is not a financial year; write it like 2025/26."])
    first = int(match.group(1))
    second = match.group(2)
    if second is None:
        # A single year names the year that ends in it.
        return year_ending_in(first, year_end)
    following = (first + 1) if len(second) == 4 else (first + 1) % 100
    if int(second) != following:
        raise ValidationError([f"'{label}' is not a financial year; the second year must follow the first."])
    fy = year_ending_in(first + 1, year_end)
    if fy.start.year != first:
        raise ValidationError([
            f"'{label}' does not fit a year ending {year_end.day} "
            f"{MONTH_NAMES[year_end.month - 1]}; try {fy.label}."
        ])
    return fy
