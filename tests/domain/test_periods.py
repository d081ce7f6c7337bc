"""Months, quarters and years following the financial year, and periods as people write them."""

import datetime as dt

import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.financial_year import YearEnd
from svdesk.domain.measures import Frequency
from svdesk.domain.periods import Period, describe_period, parse_period, period_containing, periods_between

MARCH = YearEnd(31, 3)
DECEMBER = YearEnd(31, 12)
TAX_YEAR = YearEnd(5, 4)
D = dt.date


def test_quarters_follow_the_financial_year():
    assert period_containing(Frequency.QUARTERLY, D(2025, 4, 1), MARCH) == Period(D(2025, 4, 1), D(2025, 6, 30))
    assert period_containing(Frequency.QUARTERLY, D(2026, 3, 31), MARCH) == Period(D(2026, 1, 1), D(2026, 3, 31))
    assert period_containing(Frequency.QUARTERLY, D(2026, 2, 14), DECEMBER) == Period(D(2026, 1, 1), D(2026, 3, 31))
    # A year starting 6 April has quarters starting on the 6th
    assert period_containing(Frequency.QUARTERLY, D(2025, 7, 5), TAX_YEAR) == Period(D(2025, 4, 6), D(2025, 7, 5))
    assert period_containing(Frequency.QUARTERLY, D(2026, 4, 5), TAX_YEAR).end == D(2026, 4, 5)


def test_years_and_months():
    assert period_containing(Frequency.YEARLY, D(2026, 3, 31), MARCH) == Period(D(2025, 4, 1), D(2026, 3, 31))
    assert period_containing(Frequency.YEARLY, D(2026, 4, 1), MARCH) == Period(D(2026, 4, 1), D(2027, 3, 31))
    assert period_containing(Frequency.MONTHLY, D(2024, 2, 10), MARCH) == Period(D(2024, 2, 1), D(2024, 2, 29))


def test_periods_between_cover_every_day_once():
    periods = periods_between(Frequency.QUARTERLY, D(2023, 4, 1), D(2026, 3, 31), MARCH)
    assert len(periods) == 12
    for before, after in zip(periods, periods[1:]):
        assert after.start == before.end + dt.timedelta(days=1)


@pytest.mark.parametrize("start, end, frequency, label", [
    (D(2025, 4, 1), D(2025, 4, 30), Frequency.MONTHLY, "Apr 2025"),
    (D(2025, 4, 1), D(2025, 6, 30), Frequency.QUARTERLY, "Q1 2025/26 (Apr–Jun 2025)"),
    (D(2026, 1, 1), D(2026, 3, 31), Frequency.QUARTERLY, "Q4 2025/26 (Jan–Mar 2026)"),
    (D(2025, 4, 1), D(2026, 3, 31), Frequency.YEARLY, "2025/26"),
    (D(2026, 3, 3), D(2026, 4, 9), Frequency.MONTHLY, "3 Mar – 9 Apr 2026"),
    (D(2025, 12, 1), D(2026, 2, 28), Frequency.MONTHLY, "Dec 2025–Feb 2026"),
    (D(2026, 3, 3), D(2026, 3, 3), Frequency.MONTHLY, "3 Mar 2026"),
])
def test_labels(start, end, frequency, label):
    assert describe_period(start, end, frequency, MARCH) == label


@pytest.mark.parametrize("text, frequency, expected", [
    ("Apr 2025", Frequency.MONTHLY, Period(D(2025, 4, 1), D(2025, 4, 30))),
    ("April 2025", Frequency.QUARTERLY, Period(D(2025, 4, 1), D(2025, 4, 30))),
    ("2025-04", Frequency.MONTHLY, Period(D(2025, 4, 1), D(2025, 4, 30))),
    ("04/2025", Frequency.MONTHLY, Period(D(2025, 4, 1), D(2025, 4, 30))),
    ("30/04/2025", Frequency.MONTHLY, Period(D(2025, 4, 1), D(2025, 4, 30))),
    ("30/04/2025", Frequency.QUARTERLY, Period(D(2025, 4, 1), D(2025, 6, 30))),
    ("Q4 2025/26", Frequency.QUARTERLY, Period(D(2026, 1, 1), D(2026, 3, 31))),
    ("Q1 2025/26 (Apr–Jun 2025)", Frequency.QUARTERLY, Period(D(2025, 4, 1), D(2025, 6, 30))),
    ("Jan-Mar 2026", Frequency.QUARTERLY, Period(D(2026, 1, 1), D(2026, 3, 31))),
    ("2025/26", Frequency.YEARLY, Period(D(2025, 4, 1), D(2026, 3, 31))),
    ("3 Mar 2026 to 9 Apr 2026", Frequency.MONTHLY, Period(D(2026, 3, 3), D(2026, 4, 9))),
    (dt.datetime(2025, 5, 31, 0, 0), Frequency.MONTHLY, Period(D(2025, 5, 1), D(2025, 5, 31))),
])
def test_parsing(text, frequency, expected):
    assert parse_period(text, frequency, MARCH) == expected


@pytest.mark.parametrize("text", ["", "Smarch 2025", "31/02/2025", "Q5 2025/26", "9 Apr 2026 to 3 Mar 2026", "soon"])
def test_unreadable_periods(text):
    with pytest.raises(ValidationError):
        parse_period(text, Frequency.MONTHLY, MARCH)
