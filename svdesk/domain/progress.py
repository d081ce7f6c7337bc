"""How an indicator is doing: progress against the target, and the plain data a chart is drawn
from. Figures come from ``svdesk.domain.counting`` (the one rule for combining readings).

"On track" is decided honestly and the same way everywhere: the expected value is the straight
line from the baseline (value, date) to the target (value, date), read at the date of the latest
reading, and the measured value is compared with it in the indicator's direction.

- Added up (things, attendances, new people, money): baseline and target are amounts per financial
  year. This year's total so far is compared with the line's yearly amount pro rata to the days
  the readings cover: a period without a reading is unknown, never zero. Until the readings cover
  about three months of the year it is "too early to say".
- People taking part: compared with the target only through a yearly count of different people.
- Levels and percentages: the latest reading; scores: the average of the latest year's readings.

A target already reached is "target met"; once the target date has passed without reaching it,
"target missed". Without a baseline there is no line, so only met/missed can be said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from svdesk.domain.dates import format_date
from svdesk.domain.financial_year import FinancialYear, YearEnd, year_containing
from svdesk.domain.counting import (
    ADDED_UP, YearFigure, YearTotal, added_up, combine, covered_days, headcount_range, is_whole_year, unit_name,
    year_figure, year_figures,
)
from svdesk.domain.measures import Counting, Direction, Indicator, Reading, Unit
from svdesk.domain.periods import describe_period, periods_between

__all__ = ["ChartSpec", "Progress", "RangeTotal", "YearFigure", "YearTotal", "chart_spec", "expected_at",
           "progress", "total_between", "year_totals"]
TOO_EARLY_DAYS = 90  # about three months of readings before a year's total is compared with the line

STATUS_LABELS = {
    "no_readings": "no readings yet",
    "no_target": "no target set",
    "no_baseline": "add a baseline to see if this is on track",
    "too_early": "too early to say",
    "needs_yearly": "record a yearly count to compare with the target",
    "on_track": "on track",
    "behind": "behind",
    "met": "target met",
    "missed": "target missed",
}


@dataclass(frozen=True)
class Progress:
    status: str
    headline: str
    context: str = ""
    detail: str = ""
    current: Decimal | None = None
    expected: Decimal | None = None
    as_of: dt.date | None = None
    year: FinancialYear | None = None
    missing: tuple[str, ...] = ()
    short: str = ""  # one line for lists: "194 of 320 in 2026/27 — on track"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def sentence(self) -> str:
        return f"{self.context}: {self.headline}" if self.context else self.headline


@dataclass(frozen=True)
class RangeTotal:
    value: Decimal | None
    readings: int
    left_out: int
    text: str


@dataclass(frozen=True)
class ChartSpec:
    """Everything needed to draw an indicator's progress, in plain values (no Qt, no PDF)."""

    title: str
    y_label: str
    unit: Unit
    direction: Direction
    points: tuple[tuple[dt.date, float], ...]
    baseline: tuple[dt.date, float] | None
    target: tuple[dt.date, float] | None
    expected: tuple[tuple[dt.date, float], ...]
    y_min: float
    y_max: float
    baseline_label: str = "Baseline"
    target_label: str = "Target"


# -- combining readings (the rule lives in svdesk.domain.counting) ---------------------------------
def year_totals(indicator: Indicator, readings: list[Reading], year_end: YearEnd,
                today: dt.date | None = None) -> list[YearFigure]:
    return year_figures(indicator, readings, year_end, today)


def total_between(indicator: Indicator, readings: list[Reading], start: dt.date, end: dt.date,
                  year_end: YearEnd | None = None) -> RangeTotal:
    """The figure for readings whose whole period lies between ``start`` and ``end``; readings only
    partly inside are left out (and counted in ``left_out``) rather than guessed at."""
    # One pass: asking ``r not in inside`` compared every reading with every other (20 years of
    # monthly readings: a third of a second each time the Progress tab was shown).
    inside, partly = [], []
    for r in readings:
        if start <= r.start and r.end <= end:
            inside.append(r)
        elif r.start <= end and r.end >= start:
            partly.append(r)
    value = combine(indicator, inside, year_end)
    if value is None and inside and year_end is not None:
        text = headcount_range(indicator, inside, year_end)
    else:
        text = indicator.show(value)
    return RangeTotal(value, len(inside), len(partly), text)


# -- the straight line from baseline to target ----------------------------------------------------
def expected_at(indicator: Indicator, day: dt.date) -> Decimal | None:
    """Where the straight line from baseline to target is on ``day`` (flat before and after)."""
    if None in (indicator.baseline_value, indicator.baseline_date, indicator.target_value, indicator.target_date):
        return None
    if day <= indicator.baseline_date:
        return indicator.baseline_value
    if day >= indicator.target_date:
        return indicator.target_value
    share = Decimal((day - indicator.baseline_date).days) / Decimal((indicator.target_date - indicator.baseline_date).days)
    return indicator.baseline_value + (indicator.target_value - indicator.baseline_value) * share


def _meets(direction: Direction, value: Decimal, goal: Decimal) -> bool:
    return value >= goal if direction is Direction.HIGHER else value <= goal


def _round(value: Decimal, unit: Unit) -> Decimal:
    places = Decimal("0.01") if unit is Unit.MONEY else Decimal("0.1") if unit in (Unit.PERCENTAGE, Unit.SCORE, Unit.HOURS) else Decimal(1)
    return value.quantize(places, rounding=ROUND_HALF_UP)


def _share(value: Decimal, of: Decimal) -> str:
    if of <= 0:
        return ""
    return f" ({(value * 100 / of).quantize(Decimal(1), rounding=ROUND_HALF_UP)} %)"


def progress(indicator: Indicator, readings: list[Reading], year_end: YearEnd, today: dt.date) -> Progress:
    if not readings:
        return Progress("no_readings", "No readings yet", short="No readings yet")
    counting = indicator.how_counted
    if counting in ADDED_UP:
        return _progress_of_sum(indicator, readings, year_end, today)
    if counting is Counting.TAKING_PART:
        return _progress_of_headcount(indicator, readings, year_end, today)
    return _progress_of_level(indicator, readings, year_end, today)


def _status(indicator: Indicator, value: Decimal, expected: Decimal | None, as_of: dt.date, settled: bool) -> str:
    """settled: the value can no longer change (a whole year for sums; any reading for levels)."""
    target, direction = indicator.target_value, indicator.direction
    reached = _meets(direction, value, target)
    if reached and (settled or direction is Direction.HIGHER):
        return "met"
    if indicator.target_date and as_of >= indicator.target_date and settled:
        return "missed"
    if expected is None:
        return "no_baseline"
    return "on_track" if _meets(direction, value, expected) else "behind"


def _latest_year(readings: list[Reading], year_end: YearEnd) -> tuple[FinancialYear, list[Reading]]:
    latest = max(readings, key=lambda r: r.end)
    fy = year_containing(latest.end, year_end)
    return fy, [r for r in readings if fy.contains(r.end)]


def _progress_of_sum(indicator: Indicator, readings: list[Reading], year_end: YearEnd,
                     today: dt.date | None = None) -> Progress:
    show = indicator.show
    fy, in_year = _latest_year(readings, year_end)
    figure = year_figure(indicator, in_year, fy, year_end, today)
    total = figure.value
    as_of = min(max(r.end for r in in_year), fy.end)
    complete_year = as_of >= fy.end
    context = figure.label
    missing = tuple(
        describe_period(p.start, p.end, indicator.frequency, year_end, short=True)
        for p in periods_between(indicator.frequency, fy.start, as_of, year_end)
        if p.end <= as_of and not any(r.start <= p.end and r.end >= p.start for r in in_year)
    )
    where = f"in {figure.label}"
    # Lists are narrow: a part year is named by its months alone ("(so far, Apr–Sep 2026)").
    brief = f"({figure.qualifier})" if figure.qualifier.startswith("so far") else where
    if indicator.target_value is None:
        return Progress("no_target", f"{show(total)} — no target set", context,
                        "Set a target to see whether this is on track.", total, None, as_of, fy, missing,
                        f"{show(total)} {where} — no target set")
    target = indicator.target_value
    covered = covered_days(in_year, fy.start, as_of)
    # Only the days the readings cover are compared: a period without a reading is unknown, not zero.
    fraction = Decimal(covered) / Decimal((fy.end - fy.start).days + 1)
    yearly = expected_at(indicator, as_of)
    expected = _round(yearly * fraction, indicator.unit) if yearly is not None else None
    status = _status(indicator, total, expected, as_of, settled=complete_year)
    if status in ("on_track", "behind") and not complete_year and covered < TOO_EARLY_DAYS:
        status = "too_early"
    if indicator.direction is Direction.HIGHER:
        figures = f"{show(total)} of {show(target)} a year{_share(total, target)}"
    else:
        figures = f"{show(total)}, aiming for {show(target)} a year or less{_share(total, target)}"
    detail = ""
    if status == "too_early":
        detail = (f"The readings so far cover {covered} days of {fy.label}; after about three months there "
                  "is enough to compare with the target. ")
    if yearly is not None:
        part = "the whole year" if fraction == 1 else f"the {_months(covered)} the readings cover"
        detail += (f"Expected for {part}: about {show(expected)}, at {show(_round(yearly, indicator.unit))} a "
                   f"year on the straight line from the baseline ({show(indicator.baseline_value)} a year, "
                   f"{format_date(indicator.baseline_date)}) to the target ({show(target)} a year by "
                   f"{format_date(indicator.target_date)}).")
    if missing:
        noun = indicator.frequency.noun if len(missing) == 1 else indicator.frequency.noun + "s"
        detail += (f" No reading yet for {len(missing)} {noun}: {', '.join(missing)} (unknown, not counted as "
                   "zero, and left out of the comparison).")
    short = (f"{show(total)} of {show(target)} {brief}"
             if indicator.direction is Direction.HIGHER else f"{show(total)} {brief}")
    return Progress(status, f"{figures} — {STATUS_LABELS[status]}", context, detail.strip(),
                    total, expected, as_of, fy, missing, f"{short} — {STATUS_LABELS[status]}")


def _months(days: int) -> str:
    months = max(1, round(days / 30.4))
    return f"{months} month" + ("" if months == 1 else "s")


def _progress_of_headcount(indicator: Indicator, readings: list[Reading], year_end: YearEnd,
                           today: dt.date | None = None) -> Progress:
    """People taking part: never added up; compared with a yearly target only by a yearly count."""
    show = indicator.show
    fy, in_year = _latest_year(readings, year_end)
    figure = year_figure(indicator, in_year, fy, year_end, today)
    as_of = max(r.end for r in in_year)
    context = figure.label
    if figure.value is None:
        offer = (f"Readings of people taking part are never added up, because the same people come back. "
                 f"To compare with a yearly target, record how many different people took part in the whole "
                 f"of {fy.label} (one reading for the whole year).")
        if indicator.target_value is None:
            return Progress("no_target", f"{figure.text} — no target set", context, offer, None, None, as_of, fy,
                            short=f"{figure.text} {figure.period_text} — no target set")
        status = "needs_yearly"
        return Progress(status, f"{figure.text} — {STATUS_LABELS[status]}", context,
                        f"{offer} The target is {show(indicator.target_value)} different people a year.",
                        None, None, as_of, fy, short=f"{figure.text} {figure.period_text} — {STATUS_LABELS[status]}")
    value = figure.value
    if indicator.target_value is None:
        return Progress("no_target", f"{show(value)} — no target set", context,
                        "Set a target to see whether this is on track.", value, None, as_of, fy,
                        short=f"{show(value)} {figure.period_text} — no target set")
    expected = expected_at(indicator, fy.end)
    status = _status(indicator, value, expected, fy.end, settled=True)
    aim = " a year" if indicator.direction is Direction.HIGHER else " a year or less"
    headline = f"{show(value)} different people, against a target of {show(indicator.target_value)}{aim} — {STATUS_LABELS[status]}"
    return Progress(status, headline, context, "From the yearly count of different people.", value, expected,
                    as_of, fy, short=f"{show(value)} of {show(indicator.target_value)} {figure.period_text} — "
                                     f"{STATUS_LABELS[status]}")


def _progress_of_level(indicator: Indicator, readings: list[Reading], year_end: YearEnd,
                       today: dt.date | None = None) -> Progress:
    show = indicator.show
    latest = max(readings, key=lambda r: (r.end, r.start))
    fy, in_year = _latest_year(readings, year_end)
    if indicator.how_counted is Counting.SCORE:
        figure = year_figure(indicator, in_year, fy, year_end, today)
        value, context = figure.value, f"Average {figure.period_text}"
        when = figure.label
    else:
        when = describe_period(latest.start, latest.end, indicator.frequency, year_end, short=True)
        value, context = latest.value, f"Latest reading, {when}"
    if indicator.target_value is None:
        return Progress("no_target", f"{show(value)} — no target set", context,
                        "Set a target to see whether this is on track.", value, None, latest.end,
                        short=f"{show(value)} ({when}) — no target set")
    target = indicator.target_value
    expected = expected_at(indicator, latest.end)
    status = _status(indicator, value, expected, latest.end, settled=True)
    aim = "" if indicator.direction is Direction.HIGHER else " or less"
    headline = (f"{show(value)} against a target of {show(target, short=indicator.unit is Unit.SCORE)}{aim} "
                f"by {format_date(indicator.target_date)} — {STATUS_LABELS[status]}")
    detail = ""
    if expected is not None:
        detail = (f"Expected by {format_date(latest.end)}: about {show(_round(expected, indicator.unit), short=True)}, "
                  f"on the straight line from the baseline ({show(indicator.baseline_value, short=True)}, "
                  f"{format_date(indicator.baseline_date)}) to the target.")
    short = f"{show(value)} (target {show(target, short=True)}) — {STATUS_LABELS[status]}"
    return Progress(status, headline, context, detail, value, expected, latest.end, short=short)


# -- chart ------------------------------------------------------------------------------------------
def chart_spec(indicator: Indicator, readings: list[Reading], year_end: YearEnd) -> ChartSpec:
    """Readings over time with the baseline, the target and the line between them.

    Added-up indicators are drawn per period ("attendances a quarter"), with the yearly baseline
    and target divided by the number of periods in a year, so readings and target share one scale.
    People taking part are drawn as they were counted; their yearly target (different people in a
    year) is on another scale, so it is drawn only when the readings are yearly too.
    """
    unit = indicator.unit
    per_period = added_up(indicator)
    scale = Decimal(indicator.frequency.per_year) if per_period else Decimal(1)
    noun = unit_name(indicator)
    y_label = noun[:1].upper() + noun[1:] + (f" a {indicator.frequency.noun}" if per_period else "")
    draw_target = not (indicator.how_counted is Counting.TAKING_PART and indicator.frequency.per_year > 1)

    def marker(value: Decimal | None, day: dt.date | None):
        if value is None or day is None or not draw_target:
            return None
        return (day, float(value / scale))

    if not draw_target:
        # The yearly count of different people is another kind of figure than the headcounts drawn
        # (a year's people, not a month's): it is in the year figures, not on this line.
        readings = [r for r in readings if not is_whole_year(r, year_end)]
    points = tuple((r.midpoint, float(r.value)) for r in sorted(readings, key=lambda r: (r.start, r.end)))
    baseline = marker(indicator.baseline_value, indicator.baseline_date)
    target = marker(indicator.target_value, indicator.target_date)
    expected = (baseline, target) if baseline and target else ()
    per = f" a {indicator.frequency.noun}"

    def label(word: str, value: Decimal | None, day: dt.date | None) -> str:
        if value is None or day is None:
            return word
        if per_period and indicator.frequency.per_year > 1:
            return f"{word} ({indicator.show(_round(value / scale, unit), short=True)}{per})"
        return f"{word} ({indicator.show(value, short=True)})"

    values = [value for _, value in points] + [m[1] for m in (baseline, target) if m]
    top = max(values, default=1.0) or 1.0
    y_min, y_max = 0.0, top * 1.12
    if unit is Unit.PERCENTAGE:
        y_max = min(100.0, y_max)
    if unit is Unit.SCORE:
        y_min, y_max = float(indicator.scale.low), float(indicator.scale.high)
    return ChartSpec(indicator.name, y_label, unit, indicator.direction, points, baseline, target,
                     tuple(expected), y_min, y_max,
                     label("Baseline", indicator.baseline_value, indicator.baseline_date),
                     label("Target", indicator.target_value, indicator.target_date))
