import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svdesk.domain.errors import ValidationError
from svdesk.domain.financial_year import FinancialYear, YearEnd, parse_label, year_containing

MARCH = YearEnd(31, 3)


def test_label_spans_two_years():
    fy = year_containing(dt.date(2025, 4, 1), MARCH)
    assert fy == FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert fy.label == "2025/26"


@pytest.mark.parametrize(
    "day, label",
    [
        (dt.date(2026, 3, 31), "2025/26"),  # the year end itself belongs to the year it ends
        (dt.date(2026, 4, 1), "2026/27"),
        (dt.date(2000, 1, 1), "1999/00"),
        (dt.date(2024, 2, 29), "2023/24"),
    ],
)
def test_year_end_boundaries(day, label):
    assert year_containing(day, MARCH).label == label


def test_calendar_year_label():
    fy = year_containing(dt.date(2025, 12, 31), YearEnd(31, 12))
    assert (fy.start, fy.end, fy.label) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025")


def test_leap_day_year_end_falls_back_to_28_february():
    leap = YearEnd(29, 2)
    assert year_containing(dt.date(2024, 2, 29), leap).end == dt.date(2024, 2, 29)
    fy = year_containing(dt.date(2025, 2, 28), leap)
    assert fy.end == dt.date(2025, 2, 28)
    assert fy.start == dt.date(2024, 3, 1)
    assert year_containing(dt.date(2025, 3, 1), leap).end == dt.date(2026, 2, 28)


def test_thirtieth_of_month_year_end():
    fy = year_containing(dt.date(2025, 7, 1), YearEnd(30, 6))
    assert (fy.start, fy.end) == (dt.date(2025, 7, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize("text", ["2025/26", "2025-26", "2025/2026", " 2025 / 26 "])
def test_parse_label(text):
    assert parse_label(text, MARCH) == FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def test_parse_label_calendar_year():
    assert parse_label("2025", YearEnd(31, 12)).label == "2025"


@pytest.mark.parametrize("text", ["", "25/26", "2025/27", "twenty", "2025/26/27"])
def test_parse_label_rejects(text):
    with pytest.raises(ValidationError):
        parse_label(text, MARCH)


@pytest.mark.parametrize("day, month", [(0, 3), (32, 1), (30, 2), (31, 4), (1, 13)])
def test_bad_year_end(day, month):
    with pytest.raises(ValidationError):
        YearEnd(day, month)


year_ends = st.builds(
    lambda month, day: YearEnd(min(day, 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31), month),
    st.integers(1, 12), st.integers(1, 31),
)


@given(st.dates(dt.date(1901, 1, 1), dt.date(2199, 12, 31)), year_ends)
def test_every_day_falls_in_exactly_one_year(day, year_end):
    fy = year_containing(day, year_end)
    assert fy.contains(day)
    assert fy.previous(year_end).end + dt.timedelta(days=1) == fy.start
    assert fy.next(year_end).start - dt.timedelta(days=1) == fy.end
    assert 365 <= (fy.end - fy.start).days + 1 <= 366
    assert parse_label(fy.label, year_end) == fy


def test_days_in_month_matches_the_calendar_module():
    import calendar

    from svdesk.domain.financial_year import days_in_month

    for year in (1, 1900, 1999, 2000, 2023, 2024, 2100, 9999):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
