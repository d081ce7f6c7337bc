"""How an indicator is doing: totals per financial year and for any dates, progress against the
target, and the plain data a chart is drawn from.

"On track" is decided honestly and the same way everywhere: the expected value is the straight
line from the baseline (value, date) to the target (value, date), read at the date of the latest
reading, and the measured value is compared with it in the indicator's direction.

- Summable units (count, people, hours, money): baseline and target are amounts per financial year.
  This year's total so far is compared with the line's yearly amount at the latest reading,
  pro rata to the part of the year that has passed by then (a month with no reading counts as 0).
- Levels (percentage, score): the latest reading is compared with the line at its date.

A target already reached is "target met"; once the target date has passed without reaching it,
"target missed". Without a baseline there is no line, so only met/missed can be said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from svdesk.domain.dates import format_date
from svdesk.domain.financial_year import FinancialYear, YearEnd, year_containing
from svdesk.domain.measures import Direction, Indicator, Reading, Unit, format_value
from svdesk.domain.periods import describe_period, periods_between

STATUS_LABELS = {
    "no_readings": "no readings yet",
    "no_target": "no target set",
    "no_baseline": "add a baseline to see if this is on track",
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
class YearTotal:
    year: FinancialYear
    value: Decimal | None
    readings: int
    periods_expected: int
    complete: bool
    text: str


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


# -- combining readings -------------------------------------------------------------------------
def combine(unit: Unit, readings: list[Reading]) -> Decimal | None:
    """Readings -> one figure: total, latest or average, as the unit says (None when none)."""
    if not readings:
        return None
    if unit.aggregation == "sum":
        return sum((reading.value for reading in readings), Decimal(0))
    if unit.aggregation == "latest":
        return max(readings, key=lambda reading: (reading.end, reading.start)).value
    average = sum((reading.value for reading in readings), Decimal(0)) / len(readings)
    return average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _covered_days(readings: list[Reading], first: dt.date, last: dt.date) -> int:
    spans = sorted((max(r.start, first), min(r.end, last)) for r in readings if r.end >= first and r.start <= last)
    days, reach = 0, first - dt.timedelta(days=1)
    for start, end in spans:
        start = max(start, reach + dt.timedelta(days=1))
        if end >= start:
            days += (end - start).days + 1
            reach = end
    return days


def year_totals(indicator: Indicator, readings: list[Reading], year_end: YearEnd) -> list[YearTotal]:
    """One figure per financial year that has readings, oldest first.

    A reading belongs to the financial year its period ends in.
    """
    by_year: dict[FinancialYear, list[Reading]] = {}
    for reading in readings:
        by_year.setdefault(year_containing(reading.end, year_end), []).append(reading)
    totals = []
    for fy in sorted(by_year):
        found = by_year[fy]
        value = combine(indicator.unit, found)
        complete = _covered_days(found, fy.start, fy.end) == (fy.end - fy.start).days + 1
        totals.append(YearTotal(fy, value, len(found), indicator.frequency.per_year, complete,
                                format_value(indicator.unit, value)))
    return totals


def total_between(indicator: Indicator, readings: list[Reading], start: dt.date, end: dt.date) -> RangeTotal:
    """The figure for readings whose whole period lies between ``start`` and ``end``; readings only
    partly inside are left out (and counted in ``left_out``) rather than guessed at."""
    inside = [r for r in readings if start <= r.start and r.end <= end]
    partly = [r for r in readings if r not in inside and r.start <= end and r.end >= start]
    value = combine(indicator.unit, inside)
    return RangeTotal(value, len(inside), len(partly), format_value(indicator.unit, value))


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
    if indicator.unit.summable:
        return _progress_of_sum(indicator, readings, year_end, today)
    return _progress_of_level(indicator, readings, year_end)


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


def _progress_of_sum(indicator: Indicator, readings: list[Reading], year_end: YearEnd, today: dt.date) -> Progress:
    unit = indicator.unit
    latest = max(readings, key=lambda r: r.end)
    fy = year_containing(latest.end, year_end)
    in_year = [r for r in readings if fy.contains(r.end)]
    total = combine(unit, in_year)
    as_of = min(latest.end, fy.end)
    complete_year = as_of >= fy.end
    context = f"{fy.label}" if complete_year else f"{fy.label} so far (to {format_date(as_of)})"
    missing = tuple(
        describe_period(p.start, p.end, indicator.frequency, year_end, short=True)
        for p in periods_between(indicator.frequency, fy.start, as_of, year_end)
        if p.end <= as_of and not any(r.start <= p.end and r.end >= p.start for r in in_year)
    )
    if indicator.target_value is None:
        return Progress("no_target", f"{format_value(unit, total)} — no target set", context,
                        "Set a target to see whether this is on track.", total, None, as_of, fy, missing,
                        f"{format_value(unit, total)} in {fy.label} — no target set")
    target = indicator.target_value
    fraction = Decimal((as_of - fy.start).days + 1) / Decimal((fy.end - fy.start).days + 1)
    yearly = expected_at(indicator, as_of)
    expected = _round(yearly * fraction, unit) if yearly is not None else None
    status = _status(indicator, total, expected, as_of, settled=complete_year)
    if indicator.direction is Direction.HIGHER:
        figures = f"{format_value(unit, total)} of {format_value(unit, target)}{_share(total, target)}"
    else:
        figures = f"{format_value(unit, total)}, aiming for {format_value(unit, target)} or less{_share(total, target)}"
    detail = ""
    if yearly is not None:
        part = "the whole year" if complete_year else f"{_part_of_year(fy, as_of)} of the year"
        detail = (f"Expected by {format_date(as_of)}: about {format_value(unit, expected)} — {part} at "
                  f"{format_value(unit, _round(yearly, unit))} a year, on the straight line from the baseline "
                  f"({format_value(unit, indicator.baseline_value)} a year, {format_date(indicator.baseline_date)}) "
                  f"to the target ({format_value(unit, target)} a year by {format_date(indicator.target_date)}).")
    if missing:
        noun = indicator.frequency.noun if len(missing) == 1 else indicator.frequency.noun + "s"
        detail += f" No reading yet for {len(missing)} {noun}: {', '.join(missing)} (counted as nothing)."
    short = (f"{format_value(unit, total)} of {format_value(unit, target)} in {fy.label}"
             if indicator.direction is Direction.HIGHER else f"{format_value(unit, total)} in {fy.label}")
    return Progress(status, f"{figures} — {STATUS_LABELS[status]}", context, detail.strip(),
                    total, expected, as_of, fy, missing, f"{short} — {STATUS_LABELS[status]}")


def _part_of_year(fy: FinancialYear, as_of: dt.date) -> str:
    days = (as_of - fy.start).days + 1
    months = round(days / ((fy.end - fy.start).days + 1) * 12)
    return f"{months} month" + ("" if months == 1 else "s")


def _progress_of_level(indicator: Indicator, readings: list[Reading], year_end: YearEnd) -> Progress:
    unit = indicator.unit
    latest = max(readings, key=lambda r: (r.end, r.start))
    when = describe_period(latest.start, latest.end, indicator.frequency, year_end, short=True)
    context = f"Latest reading, {when}"
    value = latest.value
    if indicator.target_value is None:
        return Progress("no_target", f"{format_value(unit, value)} — no target set", context,
                        "Set a target to see whether this is on track.", value, None, latest.end,
                        short=f"{format_value(unit, value)} ({when}) — no target set")
    target = indicator.target_value
    expected = expected_at(indicator, latest.end)
    status = _status(indicator, value, expected, latest.end, settled=True)
    aim = "" if indicator.direction is Direction.HIGHER else " or less"
    headline = (f"{format_value(unit, value)} against a target of {format_value(unit, target)}{aim} "
                f"by {format_date(indicator.target_date)} — {STATUS_LABELS[status]}")
    detail = ""
    if expected is not None:
        detail = (f"Expected by {format_date(latest.end)}: about {format_value(unit, _round(expected, unit))}, on the "
                  f"straight line from the baseline ({format_value(unit, indicator.baseline_value)}, "
                  f"{format_date(indicator.baseline_date)}) to the target.")
    short = f"{format_value(unit, value)} (target {format_value(unit, target)}) — {STATUS_LABELS[status]}"
    return Progress(status, headline, context, detail, value, expected, latest.end, short=short)


# -- chart ------------------------------------------------------------------------------------------
_Y_NOUN = {Unit.COUNT: "Number", Unit.PEOPLE: "People", Unit.HOURS: "Hours", Unit.MONEY: "£",
           Unit.PERCENTAGE: "%", Unit.SCORE: "Score (0–10)"}


def chart_spec(indicator: Indicator, readings: list[Reading], year_end: YearEnd) -> ChartSpec:
    """Readings over time with the baseline, the target and the line between them.

    Summable units are drawn per period ("People a quarter"), with the yearly baseline and target
    divided by the number of periods in a year, so readings and target share one scale.
    """
    unit = indicator.unit
    scale = Decimal(indicator.frequency.per_year) if unit.summable else Decimal(1)
    y_label = _Y_NOUN[unit] + (f" a {indicator.frequency.noun}" if unit.summable else "")

    def marker(value: Decimal | None, day: dt.date | None):
        if value is None or day is None:
            return None
        return (day, float(value / scale))

    points = tuple((r.midpoint, float(r.value)) for r in sorted(readings, key=lambda r: (r.start, r.end)))
    baseline = marker(indicator.baseline_value, indicator.baseline_date)
    target = marker(indicator.target_value, indicator.target_date)
    expected = (baseline, target) if baseline and target else ()
    per = f" a {indicator.frequency.noun}"

    def label(word: str, value: Decimal | None, day: dt.date | None) -> str:
        if value is None or day is None:
            return word
        if unit.summable and indicator.frequency.per_year > 1:
            return f"{word} ({format_value(unit, _round(value / scale, unit))}{per})"
        return f"{word} ({format_value(unit, value)})"

    values = [value for _, value in points] + [m[1] for m in (baseline, target) if m]
    top = max(values, default=1.0) or 1.0
    ceiling = {Unit.PERCENTAGE: 100.0, Unit.SCORE: 10.0}.get(unit)
    y_max = top * 1.12
    if ceiling is not None:
        y_max = min(ceiling, y_max)
    return ChartSpec(indicator.name, y_label, unit, indicator.direction, points, baseline, target,
                     tuple(expected), 0.0, y_max,
                     label("Baseline", indicator.baseline_value, indicator.baseline_date),
                     label("Target", indicator.target_value, indicator.target_date))

