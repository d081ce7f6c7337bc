"""How an indicator's readings combine into a figure — the one place that rule lives.

Every page, chart, answer, delivery report, CIC34 and summary takes its figures from here, and
names the rule it used, so the same records always give the same figure:

- things or events, attendances, new people, money: added up (each is counted once);
- people taking part in a period: never added across periods, because the same people come back.
  A year's figure is a yearly reading (a count of different people over the whole year) when there
  is one; otherwise the readings are described as they are ("between 10 and 12 people each month");
- a level at a moment (staff, volunteers on the books) and a percentage: the latest reading;
- a score on the person's scale: the average of the readings, always printed with the scale.

A period without a reading is unknown, never zero: figures say which months they cover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from svdesk.domain.financial_year import FinancialYear, YearEnd, year_containing
from svdesk.domain.measures import Counting, Indicator, Reading, Unit, format_number
from svdesk.domain.periods import date_range, describe_period, month_of, month_span

ADDED_UP = frozenset({Counting.THINGS, Counting.ATTENDANCES, Counting.NEW_PEOPLE, Counting.MONEY})
LATEST = frozenset({Counting.LEVEL, Counting.PERCENTAGE})

_RULE_NAMES = {
    Counting.THINGS: "added up",
    Counting.ATTENDANCES: "attendances added up",
    Counting.NEW_PEOPLE: "new people added up",
    Counting.TAKING_PART: "people taking part, never added up across periods",
    Counting.LEVEL: "the latest reading",
    Counting.PERCENTAGE: "the latest reading",
    Counting.SCORE: "the average of the readings",
    Counting.MONEY: "added up",
}


def added_up(indicator: Indicator) -> bool:
    """Whether a year's figure is the total of its readings (baseline and target are yearly amounts)."""
    return indicator.how_counted in ADDED_UP


def yearly_target(indicator: Indicator) -> bool:
    """Whether the baseline and target are amounts for a whole year (added up, or different people
    over a year) rather than levels."""
    return indicator.how_counted in ADDED_UP or indicator.how_counted is Counting.TAKING_PART


def rule_name(indicator: Indicator) -> str:
    """A few words naming the rule, for captions: 'added up', 'the latest reading'."""
    return _RULE_NAMES[indicator.how_counted]


def rule_text(indicator: Indicator) -> str:
    """The rule as one or two sentences for the indicator's page."""
    counting = indicator.how_counted
    noun = indicator.frequency.noun
    if counting in ADDED_UP:
        return ("A year's figure is the total of its readings; the baseline and target are amounts per year. "
                "A period with no reading is unknown, not zero.")
    if counting is Counting.TAKING_PART:
        return (f"The same people can take part {noun} after {noun}, so readings are never added up. A year's "
                "figure is a yearly count of different people when you record one (a reading for the whole "
                "year); the baseline and target are different people in a year.")
    if counting is Counting.SCORE:
        return (f"Scores are on {indicator.scale.text}. A year's figure is the average of its readings, and the "
                "change from the first average to the latest is shown as a change.")
    return "A year's figure is its latest reading (levels and rates are never added up)."


def _latest(readings: list[Reading]) -> Reading:
    return max(readings, key=lambda reading: (reading.end, reading.start))


def _average(readings: list[Reading]) -> Decimal:
    total = sum((reading.value for reading in readings), Decimal(0)) / len(readings)
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def is_whole_year(reading: Reading, year_end: YearEnd) -> bool:
    fy = year_containing(reading.end, year_end)
    return reading.start == fy.start and reading.end == fy.end


def _whole_year(start: dt.date, end: dt.date, year_end: YearEnd) -> bool:
    fy = year_containing(end, year_end)
    return start == fy.start and end == fy.end


def may_overlap(indicator: Indicator, one: tuple[dt.date, dt.date], other: tuple[dt.date, dt.date],
                year_end: YearEnd) -> bool:
    """Whether two readings' periods may overlap. Normally never (a day is counted once), but
    people taking part have two kinds of figure: the headcount of each month or quarter, and the
    yearly count of different people, a reading for the whole financial year beside them."""
    if indicator.how_counted is not Counting.TAKING_PART:
        return False
    return _whole_year(*one, year_end) != _whole_year(*other, year_end)


def yearly_count(readings: list[Reading], fy: FinancialYear) -> Reading | None:
    """The year's count of different people (a reading for the whole financial year), if any."""
    return next((r for r in readings if r.start == fy.start and r.end == fy.end), None)


def combine(indicator: Indicator, readings: list[Reading], year_end: YearEnd | None = None) -> Decimal | None:
    """Readings -> one figure by the indicator's rule; None when none can honestly be given
    (no readings, or people taking part with no yearly count among them)."""
    if not readings:
        return None
    counting = indicator.how_counted
    if counting in ADDED_UP:
        return sum((reading.value for reading in readings), Decimal(0))
    if counting in LATEST:
        return _latest(readings).value
    if counting is Counting.SCORE:
        return _average(readings)
    yearly = [r for r in readings if year_end is not None and is_whole_year(r, year_end)]
    return _latest(yearly).value if yearly else None


def headcount_range(indicator: Indicator, readings: list[Reading], year_end: YearEnd) -> str:
    """'between 10 and 12 people each month' — people taking part, described without adding up."""
    values = [r.value for r in readings]
    low, high = min(values), max(values)
    people = "person" if high == 1 else "people"
    each = f" each {indicator.frequency.noun}"
    if len(readings) == 1:
        reading = readings[0]
        return f"{format_number(low, 0)} {people} in {describe_period(reading.start, reading.end, indicator.frequency, year_end, short=True)}"
    if low == high:
        return f"{format_number(low, 0)} {people}{each}"
    return f"between {format_number(low, 0)} and {format_number(high, 0)} {people}{each}"


def covered_days(readings: list[Reading], first: dt.date, last: dt.date) -> int:
    spans = sorted((max(r.start, first), min(r.end, last)) for r in readings if r.end >= first and r.start <= last)
    days, reach = 0, first - dt.timedelta(days=1)
    for start, end in spans:
        start = max(start, reach + dt.timedelta(days=1))
        if end >= start:
            days += (end - start).days + 1
            reach = end
    return days


def so_far(readings: list[Reading], fy: FinancialYear) -> str:
    """'so far, Apr–Nov 2026': the months a part-year figure covers."""
    first = max(min(r.start for r in readings), fy.start)
    last = min(max(r.end for r in readings), fy.end)
    if first == month_of(first).start and last == month_of(last).end:
        return f"so far, {month_span(first, last)}"
    return f"so far, {date_range(first, last)}"


@dataclass(frozen=True)
class YearFigure:
    """One financial year's figure, with what it covers and the rule that made it."""

    year: FinancialYear
    value: Decimal | None        # None: no honest single figure (people taking part without a yearly count)
    readings: int
    periods_expected: int
    complete: bool               # the readings cover every day of the year
    text: str                    # '312', '22.4 on the 7–35 SWEMWBS scale', 'between 10 and 12 people each month'
    qualifier: str               # '' for a whole year; 'so far, Apr–Nov 2026'; '8 of 12 months recorded'
    rule: str                    # rule_name(): 'added up', 'the latest reading', ...
    headline: str = ""           # for a big number when there is no single figure: '10–12'
    headline_words: str = ""     # what it counts: 'people taking part each month (never added up)'

    @property
    def period_text(self) -> str:
        """'in 2025/26', 'in 2026/27 (so far, Apr–Nov 2026)'."""
        return f"in {self.year.label}" + (f" ({self.qualifier})" if self.qualifier else "")

    @property
    def label(self) -> str:
        """'2025/26', '2026/27 (so far, Apr–Nov 2026)'."""
        return self.year.label + (f" ({self.qualifier})" if self.qualifier else "")


# Kept for callers that used the earlier name.
YearTotal = YearFigure


def year_figures(indicator: Indicator, readings: list[Reading], year_end: YearEnd,
                 today: dt.date | None = None) -> list[YearFigure]:
    """One figure per financial year that has readings, oldest first.

    A reading belongs to the financial year its period ends in. ``today`` tells a year still under
    way ("so far, Apr–Nov 2026") from one that has ended with months missing ("8 of 12 months
    recorded"); without it a year whose readings stop early is taken to be under way.
    """
    by_year: dict[FinancialYear, list[Reading]] = {}
    for reading in readings:
        by_year.setdefault(year_containing(reading.end, year_end), []).append(reading)
    return [year_figure(indicator, by_year[fy], fy, year_end, today) for fy in sorted(by_year)]


def year_figure(indicator: Indicator, found: list[Reading], fy: FinancialYear, year_end: YearEnd,
                today: dt.date | None = None) -> YearFigure:
    value = combine(indicator, found, year_end)
    complete = covered_days(found, fy.start, fy.end) == (fy.end - fy.start).days + 1
    if value is None and found:
        text = headcount_range(indicator, found, year_end)
    else:
        text = indicator.show(value)
    qualifier = ""
    if not complete:
        if max(r.end for r in found) < fy.end and (today is None or today <= fy.end):
            qualifier = so_far(found, fy)
        else:
            noun = indicator.frequency.noun
            recorded = len({(r.start, r.end) for r in found})
            qualifier = f"{recorded} of {indicator.frequency.per_year} {noun}s recorded"
    headline, words = "", ""
    if value is None and found:
        low, high = min(r.value for r in found), max(r.value for r in found)
        headline = format_number(low, 0) if low == high else f"{format_number(low, 0)}–{format_number(high, 0)}"
        words = f"people taking part each {indicator.frequency.noun} (never added up)"
    return YearFigure(fy, value, len(found), indicator.frequency.per_year, complete, text, qualifier,
                      rule_name(indicator), headline, words)


def score_change(indicator: Indicator, figures: list[YearFigure]) -> str:
    """'up 2.9 from 19.5 in 2025/26' — a score's change from its first average to its latest."""
    known = [f for f in figures if f.value is not None]
    if indicator.how_counted is not Counting.SCORE or len(known) < 2 or known[0].value == known[-1].value:
        return ""
    first, latest = known[0], known[-1]
    difference = latest.value - first.value
    word = "up" if difference > 0 else "down"
    return f"{word} {format_number(abs(difference), 1)} from {indicator.show(first.value, short=True)} in {first.year.label}"


def unit_name(indicator: Indicator) -> str:
    """What a chart's axis counts, in the person's words when they gave them ('sessions',
    'kg of food'): 'people taking part in a month', '£', 'SWEMWBS score (7–35)'. 'number' only
    for a count nobody has named."""
    counting, noun = indicator.how_counted, indicator.frequency.noun
    if indicator.unit is Unit.SCORE:
        scale = indicator.scale
        name = scale.name if scale.name.lower() not in ("score", "scale", "") else "Score"
        return f"{name} ({scale.span})"
    if indicator.unit in (Unit.PERCENTAGE, Unit.MONEY):
        return "%" if indicator.unit is Unit.PERCENTAGE else "£"
    words = " ".join(indicator.unit_words.split())
    people = indicator.unit is Unit.PEOPLE
    if not words:
        words = "hours" if indicator.unit is Unit.HOURS else "people" if people else ""
    if counting is Counting.TAKING_PART:
        return f"{words or 'people'} taking part in a {noun}"
    if counting is Counting.NEW_PEOPLE:
        return f"new {words or 'people'}"
    if counting is Counting.ATTENDANCES:
        return "attendances" if words in ("", "people") else f"attendances ({words})"
    if counting is Counting.LEVEL:
        return f"{words or 'number'} at the time"
    return words or "number"
