"""The counting rule: each kind of indicator combines its readings one way, and says so."""

import datetime as dt
from decimal import Decimal

import pytest

from svdesk.domain.counting import headcount_range, rule_name, score_change, year_figures
from svdesk.domain.errors import ValidationError
from svdesk.domain.financial_year import YearEnd
from svdesk.domain.measures import Counting, Frequency, Indicator, Reading, Scale, Unit, parse_value
from svdesk.domain.periods import periods_between
from svdesk.domain.progress import chart_spec, progress

MARCH = YearEnd(31, 3)
D = dt.date


def _monthly(values, first=D(2026, 4, 1)) -> list[Reading]:
    months = periods_between(Frequency.MONTHLY, first, D(2030, 1, 1), MARCH)
    return [Reading("i", p.start, p.end, Decimal(v)) for p, v in zip(months, values)]


def test_people_taking_part_are_never_added_up_across_months():
    attending = Indicator(id="i", name="People attending", unit=Unit.PEOPLE, target_value=Decimal(144),
                          target_date=D(2027, 3, 31))
    assert attending.how_counted is Counting.TAKING_PART
    readings = _monthly([10, 12])
    [figure] = year_figures(attending, readings, MARCH)
    assert figure.value is None and figure.text == "between 10 and 12 people each month"
    assert figure.qualifier == "so far, Apr–May 2026"
    result = progress(attending, readings, MARCH, D(2026, 6, 5))
    assert "22" not in result.headline + result.short + result.detail
    assert result.status == "needs_yearly" and "different people" in result.detail
    # A yearly count of different people is the year's figure, and is compared with the target.
    yearly = readings + [Reading("i", D(2026, 4, 1), D(2027, 3, 31), Decimal(31))]
    [figure] = year_figures(attending, yearly, MARCH)
    assert figure.value == 31 and figure.complete
    assert progress(attending, yearly, MARCH, D(2027, 4, 5)).current == 31


def test_new_people_and_attendances_are_added_up():
    for counting in (Counting.NEW_PEOPLE, Counting.ATTENDANCES):
        indicator = Indicator(id="i", name="x", unit=Unit.PEOPLE, counting=counting)
        [figure] = year_figures(indicator, _monthly([10, 12]), MARCH)
        assert figure.value == 22 and rule_name(indicator).endswith("added up")


def test_a_level_is_the_latest_reading():
    staff = Indicator(id="i", name="Volunteers on the books", unit=Unit.PEOPLE, counting=Counting.LEVEL)
    [figure] = year_figures(staff, _monthly([8, 11, 9]), MARCH)
    assert figure.value == 9


def test_a_score_on_the_persons_scale_is_averaged_and_printed_with_it():
    swemwbs = Indicator(id="i", name="Wellbeing", unit=Unit.SCORE, scale_name="SWEMWBS",
                        scale_low=Decimal(7), scale_high=Decimal(35), frequency=Frequency.QUARTERLY)
    assert parse_value(Unit.SCORE, "19.5", swemwbs.scale) == Decimal("19.5")
    with pytest.raises(ValidationError, match="runs from 7 to 35"):
        parse_value(Unit.SCORE, "6", swemwbs.scale)
    readings = [Reading("i", D(2025, 4, 1), D(2025, 6, 30), Decimal("19.5")),
                Reading("i", D(2026, 4, 1), D(2026, 6, 30), Decimal("21.4")),
                Reading("i", D(2026, 7, 1), D(2026, 9, 30), Decimal("23.4"))]
    figures = year_figures(swemwbs, readings, MARCH)
    assert figures[-1].text == "22.4 on the 7–35 SWEMWBS scale"
    assert score_change(swemwbs, figures) == "up 2.9 from 19.5 in 2025/26"
    spec = chart_spec(swemwbs, readings, MARCH)
    assert (spec.y_min, spec.y_max) == (7.0, 35.0) and "7–35" in spec.y_label


def test_a_period_without_a_reading_is_unknown_and_early_is_too_early():
    bikes = Indicator(id="i", name="Bikes", unit=Unit.COUNT, baseline_value=Decimal(120),
                      baseline_date=D(2026, 3, 31), target_value=Decimal(240), target_date=D(2027, 3, 31))
    # One month recorded: too early to compare, whatever the figure.
    assert progress(bikes, _monthly([1]), MARCH, D(2026, 5, 3)).status == "too_early"
    # Apr and Jun recorded, May missing: compared over the two months recorded only, not as May = 0.
    readings = _monthly([15, 15, 15, 15])
    del readings[1]
    result = progress(bikes, readings, MARCH, D(2026, 8, 3))
    assert "unknown, not counted as zero" in result.detail
    assert result.status in ("on_track", "behind")
    assert result.expected < Decimal(60)  # 3 of 4 months' worth, not 4


def test_scale_rules():
    assert Indicator(name="x", unit=Unit.SCORE, scale_low=Decimal(5), scale_high=Decimal(5)).problems()
    assert Indicator(name="x", unit=Unit.SCORE, scale_low=Decimal(5)).problems()
    assert Scale("score", Decimal(0), Decimal(10)).text == "a 0–10 scale"


def test_headcount_range_of_one_reading_names_its_month():
    indicator = Indicator(id="i", name="x", unit=Unit.PEOPLE)
    assert headcount_range(indicator, _monthly([12]), MARCH) == "12 people in Apr 2026"
