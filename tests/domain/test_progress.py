"""Totals per financial year and for any dates, progress against target, and the chart's data."""

import datetime as dt
from decimal import Decimal

from svdesk.domain.financial_year import YearEnd
from svdesk.domain.measures import Direction, Frequency, Indicator, Reading, Unit
from svdesk.domain.periods import periods_between
from svdesk.domain.progress import chart_spec, expected_at, progress, total_between, year_totals

MARCH = YearEnd(31, 3)
D = dt.date


def _indicator(**changes) -> Indicator:
    base = dict(id="i", name="Bikes back on the road", unit=Unit.COUNT, frequency=Frequency.MONTHLY,
                baseline_value=Decimal(120), baseline_date=D(2024, 3, 31),
                target_value=Decimal(240), target_date=D(2026, 3, 31))
    return Indicator(**(base | changes))


def _monthly(first: dt.date, last: dt.date, value) -> list[Reading]:
    return [Reading("i", p.start, p.end, Decimal(value)) for p in periods_between(Frequency.MONTHLY, first, last, MARCH)]


def test_year_totals_split_at_the_year_end():
    readings = _monthly(D(2025, 1, 1), D(2025, 6, 30), 10)  # Jan-Mar in 2024/25, Apr-Jun in 2025/26
    totals = year_totals(_indicator(), readings, MARCH)
    assert [(t.year.label, t.value, t.readings, t.complete) for t in totals] == [
        ("2024/25", Decimal(30), 3, False), ("2025/26", Decimal(30), 3, False)]


def test_a_full_year_is_complete_and_a_custom_period_counts_where_it_ends():
    readings = _monthly(D(2024, 4, 1), D(2025, 3, 31), 5)
    readings.append(Reading("i", D(2025, 3, 30), D(2025, 4, 2), Decimal(1)))  # ends in the next year
    totals = year_totals(_indicator(), readings, MARCH)
    assert totals[0].year.label == "2024/25" and totals[0].value == 60 and totals[0].complete
    assert totals[1].year.label == "2025/26" and totals[1].value == 1 and not totals[1].complete


def test_calendar_year_organisations():
    readings = _monthly(D(2025, 11, 1), D(2026, 2, 28), 4)
    totals = year_totals(_indicator(), readings, YearEnd(31, 12))
    assert [(t.year.label, t.value) for t in totals] == [("2025", 8), ("2026", 8)]


def test_levels_take_the_latest_or_the_average():
    readings = [Reading("i", D(2025, 4, 1), D(2025, 6, 30), Decimal(50)),
                Reading("i", D(2025, 7, 1), D(2025, 9, 30), Decimal(70)),
                Reading("i", D(2025, 10, 1), D(2025, 12, 31), Decimal(60))]
    assert year_totals(_indicator(unit=Unit.PERCENTAGE), readings, MARCH)[0].value == 60  # latest
    scores = [Reading("i", r.start, r.end, r.value / 10) for r in readings]
    assert year_totals(_indicator(unit=Unit.SCORE), scores, MARCH)[0].value == Decimal("6.0")  # average


def test_total_between_any_dates_leaves_out_partial_periods():
    readings = _monthly(D(2025, 1, 1), D(2025, 12, 31), 10)
    total = total_between(_indicator(), readings, D(2025, 3, 15), D(2025, 6, 30))
    assert total.value == 30 and total.readings == 3 and total.left_out == 1
    assert total_between(_indicator(), readings, D(2030, 1, 1), D(2030, 2, 1)).value is None


def test_straight_line():
    indicator = _indicator()
    assert expected_at(indicator, D(2020, 1, 1)) == 120
    assert expected_at(indicator, D(2030, 1, 1)) == 240
    halfway = expected_at(indicator, D(2025, 3, 31))  # 365 of 730 days
    assert abs(halfway - Decimal(180)) < Decimal("0.2")
    assert expected_at(_indicator(baseline_value=None), D(2025, 1, 1)) is None


def test_on_track_and_behind_for_a_sum():
    # On 30 Sep 2025 (548 of the 730 days) the line is at 120 + 120 × 548/730 = 210.1 a year;
    # 183 of the year's 365 days have passed, so about 210.1 × 183/365 = 105.3 is expected by then.
    on_track = _monthly(D(2025, 4, 1), D(2025, 9, 30), 18)   # 108
    result = progress(_indicator(), on_track, MARCH, D(2025, 10, 10))
    assert result.status == "on_track"
    assert result.expected == 105
    assert result.headline == "108 of 240 a year (45 %) — on track"
    assert result.context == "2025/26 (so far, Apr–Sep 2025)"
    assert "Expected for the 6 months the readings cover: about 105" in result.detail
    behind = _monthly(D(2025, 4, 1), D(2025, 9, 30), 17)     # 102
    assert progress(_indicator(), behind, MARCH, D(2025, 10, 10)).status == "behind"


def test_a_missing_month_counts_as_nothing_and_is_named():
    readings = [r for r in _monthly(D(2025, 4, 1), D(2025, 9, 30), 20) if r.start.month != 6]
    result = progress(_indicator(), readings, MARCH, D(2025, 10, 10))
    assert result.missing == ("Jun 2025",)
    assert "Jun 2025" in result.detail


def test_met_and_missed():
    met = _monthly(D(2025, 4, 1), D(2025, 12, 31), 30)  # 270 of 240
    assert progress(_indicator(), met, MARCH, D(2026, 1, 5)).status == "met"
    missed = _monthly(D(2025, 4, 1), D(2026, 3, 31), 15)  # 180 in the target year
    assert progress(_indicator(), missed, MARCH, D(2026, 4, 5)).status == "missed"


def test_lower_is_better():
    waste = _indicator(direction=Direction.LOWER, baseline_value=Decimal(1200), target_value=Decimal(600))
    low = _monthly(D(2025, 4, 1), D(2025, 9, 30), 60)   # 360 by half year; the line allows ~460
    result = progress(waste, low, MARCH, D(2025, 10, 1))
    assert result.status == "on_track" and "or less" in result.headline
    high = _monthly(D(2025, 4, 1), D(2025, 9, 30), 90)  # 540
    assert progress(waste, high, MARCH, D(2025, 10, 1)).status == "behind"


def test_levels_compare_the_latest_reading():
    rate = _indicator(unit=Unit.PERCENTAGE, frequency=Frequency.YEARLY, baseline_value=Decimal(45),
                      baseline_date=D(2023, 3, 31), target_value=Decimal(65), target_date=D(2027, 3, 31))
    readings = [Reading("i", D(2024, 4, 1), D(2025, 3, 31), Decimal(58))]  # line at 31 Mar 2025 = 55
    result = progress(rate, readings, MARCH, D(2025, 10, 1))
    assert result.status == "on_track"
    assert result.headline.startswith("58 % against a target of 65 %")
    readings = [Reading("i", D(2024, 4, 1), D(2025, 3, 31), Decimal(52))]
    assert progress(rate, readings, MARCH, D(2025, 10, 1)).status == "behind"


def test_plain_messages_without_readings_target_or_baseline():
    assert progress(_indicator(), [], MARCH, D(2025, 1, 1)).headline == "No readings yet"
    readings = _monthly(D(2025, 4, 1), D(2025, 5, 31), 3)
    assert progress(_indicator(target_value=None, target_date=None), readings, MARCH, D(2025, 6, 1)).status == "no_target"
    no_baseline = progress(_indicator(baseline_value=None, baseline_date=None), readings, MARCH, D(2025, 6, 1))
    assert no_baseline.status == "no_baseline" and "baseline" in no_baseline.status_label


def test_chart_puts_a_yearly_target_on_the_monthly_scale():
    spec = chart_spec(_indicator(), _monthly(D(2025, 4, 1), D(2025, 6, 30), 12), MARCH)
    assert spec.y_label == "Number a month"
    assert spec.baseline == (D(2024, 3, 31), 10.0) and spec.target == (D(2026, 3, 31), 20.0)
    assert spec.expected == (spec.baseline, spec.target)
    assert [value for _, value in spec.points] == [12.0, 12.0, 12.0]
    assert spec.y_max >= 20 and spec.target_label == "Target (20 a month)"
    rate = chart_spec(_indicator(unit=Unit.PERCENTAGE, baseline_value=Decimal(95), target_value=Decimal(99)), [], MARCH)
    assert rate.y_max == 100 and rate.points == ()
