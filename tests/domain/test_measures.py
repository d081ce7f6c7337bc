"""Values by unit, their display, and the rules for an indicator."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svdesk.domain.errors import ValidationError
from svdesk.domain.measures import Indicator, Unit, format_value, parse_value, value_problem, value_to_text


@pytest.mark.parametrize("unit, text, expected", [
    (Unit.COUNT, "12", Decimal(12)),
    (Unit.COUNT, "1,234", Decimal(1234)),
    (Unit.PEOPLE, " 7 ", Decimal(7)),
    (Unit.HOURS, "7.5", Decimal("7.5")),
    (Unit.HOURS, "7.25", Decimal("7.25")),
    (Unit.PERCENTAGE, "78%", Decimal(78)),
    (Unit.PERCENTAGE, "100", Decimal(100)),
    (Unit.PERCENTAGE, "12.35", Decimal("12.35")),
    (Unit.MONEY, "£1,234.50", Decimal("1234.5")),
    (Unit.MONEY, "0.01", Decimal("0.01")),
    (Unit.SCORE, "7.4", Decimal("7.4")),
    (Unit.SCORE, "10", Decimal(10)),
    (Unit.COUNT, 12.0, Decimal(12)),          # a spreadsheet cell
    (Unit.MONEY, 0.1 + 0.2, Decimal("0.3")),  # float noise from a spreadsheet is cleaned
])
def test_good_values(unit, text, expected):
    assert parse_value(unit, text) == expected


@pytest.mark.parametrize("unit, text, words", [
    (Unit.COUNT, "12.5", "whole number"),
    (Unit.PEOPLE, "-1", "negative"),
    (Unit.HOURS, "7.3", "quarters"),
    (Unit.HOURS, "-0.25", "negative"),
    (Unit.PERCENTAGE, "101", "at most 100"),
    (Unit.MONEY, "10.005", "penny"),
    (Unit.SCORE, "11", "runs from 0 to 10"),
    (Unit.SCORE, "7.45", "one decimal"),
    (Unit.COUNT, "twelve", "not a number"),
    (Unit.COUNT, "", "Enter a value"),
    (Unit.COUNT, True, "yes/no"),
    (Unit.MONEY, "NaN", "not a number"),
])
def test_bad_values_say_why(unit, text, words):
    with pytest.raises(ValidationError) as error:
        parse_value(unit, text)
    assert words in str(error.value)


@given(st.integers(min_value=0, max_value=10**9))
def test_any_whole_count_round_trips_through_storage(number):
    value = parse_value(Unit.COUNT, f"{number:,}")
    assert Decimal(value_to_text(value)) == number


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_money_keeps_every_penny(amount):
    value = parse_value(Unit.MONEY, str(amount))
    assert value == amount
    assert value_problem(Unit.MONEY, value) is None


def test_display():
    assert format_value(Unit.COUNT, Decimal(1234)) == "1,234"
    assert format_value(Unit.MONEY, Decimal("1234.5")) == "£1,234.50"
    assert format_value(Unit.MONEY, Decimal(95)) == "£95"
    assert format_value(Unit.PERCENTAGE, Decimal(78)) == "78 %"
    assert format_value(Unit.HOURS, Decimal("7.5")) == "7.5 hours"
    assert format_value(Unit.HOURS, Decimal(1)) == "1 hour"
    assert format_value(Unit.SCORE, Decimal("7.4")) == "7.4 on a 0–10 scale"
    assert format_value(Unit.COUNT, None) == ""


def test_how_each_unit_combines_is_stated():
    from svdesk.domain.counting import rule_name, rule_text
    from svdesk.domain.measures import COUNTINGS_FOR

    for unit in Unit:
        for counting in COUNTINGS_FOR[unit]:
            indicator = Indicator(name="x", unit=unit, counting=counting)
            assert indicator.how_counted is counting
            assert rule_name(indicator) and rule_text(indicator)
    # A number of people with no counting given is a headcount: never added up.
    assert Indicator(name="x", unit=Unit.PEOPLE).how_counted.value == "taking_part"


def test_indicator_rules():
    assert Indicator(name="").problems()
    good = Indicator(name="  Bikes   refurbished ", unit=Unit.COUNT, baseline_value=Decimal(190),
                     baseline_date=dt.date(2023, 3, 31), target_value=Decimal(320), target_date=dt.date(2027, 3, 31))
    assert good.validated().name == "Bikes refurbished"
    problems = Indicator(name="Rate", unit=Unit.PERCENTAGE, baseline_value=Decimal(120), target_value=Decimal(50),
                         target_date=dt.date(2020, 1, 1), baseline_date=dt.date(2021, 1, 1)).problems()
    assert any("baseline" in p and "100" in p for p in problems)
    assert any("after the baseline date" in p for p in problems)
    assert any("date" in p for p in Indicator(name="X", target_value=Decimal(3)).problems())
