"""Values and dates no reading can have, as spreadsheets and typing deliver them: each is one plain
ValidationError (decimal arithmetic and date arithmetic used to raise on them)."""

import datetime as dt
from decimal import Decimal

import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.financial_year import YearEnd
from svdesk.domain.measures import Frequency, Unit, parse_value
from svdesk.domain.periods import parse_day, parse_period

VALUES = ["1e308", "-1e308", "9" * 100, "1" * 30, "0." + "0" * 98 + "1", "NaN", "inf", "-Infinity", "sNaN",
          float("inf"), float("-inf"), float("nan"), 1e308, 10 ** 100, Decimal("1E+400"), Decimal("NaN"),
          "1.000000000000000000000000000000001"]


@pytest.mark.parametrize("unit", list(Unit))
@pytest.mark.parametrize("raw", VALUES, ids=[repr(value)[:20] for value in VALUES])
def test_values_no_reading_can_have_are_refused_plainly(unit, raw):
    with pytest.raises(ValidationError) as caught:
        parse_value(unit, raw)
    [problem] = caught.value.problems
    assert "\n" not in problem and len(problem) < 200


@pytest.mark.parametrize("unit", [unit for unit in Unit if unit not in (Unit.PERCENTAGE, Unit.SCORE)])
def test_the_largest_allowed_value_still_parses(unit):
    assert parse_value(unit, "1000000000000") == Decimal("1000000000000")


PERIODS = ["Jan 0000", "0000", "31/12/9999", "Dec 9999", "Q4 9999", "9998/99", "9999", "01/01/0001",
           "Jan 1899", "01/01/1800 to 31/12/2025", dt.date(9999, 12, 31), dt.datetime(1, 1, 1), dt.date(2101, 1, 1)]


@pytest.mark.parametrize("frequency", list(Frequency))
@pytest.mark.parametrize("raw", PERIODS, ids=[str(value) for value in PERIODS])
def test_periods_outside_1900_to_2100_are_refused_plainly(frequency, raw):
    with pytest.raises(ValidationError) as caught:
        parse_period(raw, frequency, YearEnd(31, 3))
    [problem] = caught.value.problems
    assert "\n" not in problem


@pytest.mark.parametrize("raw", ["31/12/9999", "01/01/0001", dt.date(9999, 12, 31), dt.datetime(1800, 5, 1)])
def test_days_outside_1900_to_2100_are_refused(raw):
    with pytest.raises(ValidationError, match="outside the years svdesk takes"):
        parse_day(raw)


def test_the_edges_of_the_range_are_read():
    assert parse_period("Jan 1900", Frequency.MONTHLY, YearEnd(31, 3)).start == dt.date(1900, 1, 1)
    assert parse_period("Q3 2100", Frequency.QUARTERLY, YearEnd(31, 12)).end == dt.date(2100, 9, 30)
    assert parse_day("31/12/2100") == dt.date(2100, 12, 31)
