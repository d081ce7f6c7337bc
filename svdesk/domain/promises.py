"""Keeping promises: a won tender's commitments tracked against what we then measured.

A commitment is a target per contract year (``per_year``) and over the contract
(``over_contract``). Readings of the linked indicator count from the contract start date: a
reading belongs to the contract year its period ends in, and a reading whose period began before
the contract started is not counted (it is listed, so nothing is hidden) — we never claim work
done before the contract as delivery under it.

"Expected so far" is worked out at the end of the latest counted reading, not today, so a
quarter not yet recorded does not make a promise look behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from svdesk.domain.dates import format_date
from svdesk.domain.tenders import Commitment, add_months, format_number


@dataclass(frozen=True)
class ContractYear:
    number: int
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"Year {self.number} ({format_date(self.start)} – {format_date(self.end)})"

    @property
    def short_label(self) -> str:
        return f"Year {self.number}"


def contract_years(start: dt.date, months: int) -> list[ContractYear]:
    """Twelve-month years from the start (the last one shorter when the length is not whole years)."""
    years = []
    number, cursor, end = 1, start, add_months(start, months) - dt.timedelta(days=1)
    while cursor <= end:
        year_end = min(add_months(cursor, 12) - dt.timedelta(days=1), end)
        years.append(ContractYear(number, cursor, year_end))
        number += 1
        cursor = year_end + dt.timedelta(days=1)
    return years


@dataclass(frozen=True)
class Figure:
    """One measured figure for a period (an indicator reading, as far as tracking needs)."""

    start: dt.date
    end: dt.date
    value: float
    reading_id: str = ""


@dataclass(frozen=True)
class YearProgress:
    year: ContractYear
    target: float | None
    delivered: float | None
    figures: int
    status: str          # "met", "on track", "behind", "not started", "no readings yet", "missed"

    @property
    def delivered_text(self) -> str:
        return "—" if self.delivered is None else format_number(self.delivered)


@dataclass(frozen=True)
class PromiseProgress:
    commitment: Commitment
    linked: bool
    summable: bool
    years: tuple[YearProgress, ...]
    counted: tuple[Figure, ...]        # the figures counted, oldest first
    not_counted: tuple[Figure, ...]    # periods that began before the contract started
    delivered: float | None            # so far (summable: total; levels: latest)
    target: float | None               # over the contract (summable) or the level promised
    expected: float | None             # what the promise implies by ``as_of``
    as_of: dt.date | None
    status: str
    unit: str = ""
    averaged: bool = False             # scores: each contract year's average, never the latest reading
    averaged_over: int = 0             # how many readings the latest average is of
    averaged_year: str = ""            # 'Year 2': the contract year of that average

    @property
    def headline(self) -> str:
        """'27 of 36 placements so far (22 expected by 30 Sep 2026) — on track'."""
        if not self.linked:
            return "Not tracked: link this commitment to one of your indicators to follow its delivery."
        if self.delivered is None:
            return "No readings since the contract started yet."
        unit = f" {self.unit}" if self.unit else ""
        if self.summable:
            of = f" of {format_number(self.target)}" if self.target is not None else ""
            text = f"{format_number(self.delivered)}{of}{unit} so far"
            if self.expected is not None and self.as_of is not None and self.status != "met":
                whole = self.commitment.per_year is not None and float(self.commitment.per_year).is_integer()
                expected = round(self.expected) if whole else round(self.expected, 1)
                text += f" ({format_number(expected)} expected by {format_date(self.as_of)})"
        elif self.averaged:
            noun = "reading" if self.averaged_over == 1 else "readings"
            text = (f"{format_number(self.delivered)}{unit}, the average of {self.averaged_over} {noun} in "
                    f"{self.averaged_year} (to {format_date(self.as_of)})")
            if self.target is not None:
                text += f" (promised {format_number(self.target)})"
        else:
            text = f"{format_number(self.delivered)}{unit} at {format_date(self.as_of)}"
            if self.target is not None:
                text += f" (promised {format_number(self.target)})"
        return f"{text} — {self.status}"


def _year_of(figure: Figure, years: list[ContractYear]) -> ContractYear | None:
    return next((year for year in years if year.start <= figure.end <= year.end), None)


def _average(values: list[float]) -> float:
    """A score's average, to a tenth (as svdesk.domain.counting gives a year's average)."""
    mean = Decimal(str(sum(values))) / len(values)
    return float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def track(commitment: Commitment, contract_start: dt.date | None, contract_months: int | None,
          figures: list[Figure] | None, today: dt.date, summable: bool = True, unit: str = "",
          averaged: bool = False, higher_better: bool = True) -> PromiseProgress:
    """How a promise stands. ``figures`` is None when the commitment is not linked to an indicator.

    ``summable``: the figures are added up (things, attendances, new people, money). Otherwise a
    level: the latest figure, or with ``averaged`` (scores) the average of each contract year's
    figures, the latest year's standing for the promise. ``higher_better`` False: a promise is
    met by staying at or under it."""
    c = commitment
    linked = figures is not None
    if contract_start is None or not contract_months:
        years: list[ContractYear] = []
    else:
        years = contract_years(contract_start, contract_months)
    figures = sorted(figures or [], key=lambda f: (f.end, f.start))
    counted = [f for f in figures if contract_start is not None and f.start >= contract_start and _year_of(f, years)]
    not_counted = [f for f in figures if contract_start is not None and f.start < contract_start <= f.end]
    per_year = c.per_year
    total_target = c.over_contract if c.over_contract is not None else (
        per_year * len(years) if per_year is not None and summable and years else per_year)
    year_rows = []
    for year in years:
        inside = [f for f in counted if year.start <= f.end <= year.end]
        if summable:
            delivered = sum(f.value for f in inside) if inside else None
        elif averaged:
            delivered = _average([f.value for f in inside]) if inside else None
        else:
            delivered = inside[-1].value if inside else None
        year_rows.append(YearProgress(year, per_year, delivered, len(inside),
                                      _year_status(year, per_year, delivered, today, inside, summable or higher_better,
                                                   averaged and not summable)))
    averaged_over, averaged_year = 0, ""
    if not counted:
        delivered_total, as_of = None, None
    elif summable:
        delivered_total, as_of = sum(f.value for f in counted), counted[-1].end
    elif averaged:
        latest = next(row for row in reversed(year_rows) if row.delivered is not None)
        delivered_total, as_of = latest.delivered, counted[-1].end
        averaged_over, averaged_year = latest.figures, latest.year.short_label
    else:
        delivered_total, as_of = counted[-1].value, counted[-1].end
    expected = None
    if summable and as_of is not None and per_year is not None and contract_start is not None:
        expected = _expected(per_year, years, as_of)
        if total_target is not None:
            expected = min(expected, total_target)
    status = _overall_status(linked, summable, delivered_total, total_target, expected, years, today, per_year,
                             summable or higher_better)
    return PromiseProgress(c, linked, summable, tuple(year_rows), tuple(counted), tuple(not_counted),
                           delivered_total, total_target, expected, as_of, status, unit,
                           averaged and not summable, averaged_over, averaged_year)


def _expected(per_year: float, years: list[ContractYear], as_of: dt.date) -> float:
    """The promise pro rata at ``as_of``: whole contract years, plus the share of the current one
    by days, rounded to a tenth."""
    expected = 0.0
    for year in years:
        # A full twelve months is 365 or 366 days; the last year of an 18-month contract is shorter.
        twelve_months = (add_months(year.start, 12) - year.start).days
        if as_of >= year.end:
            expected += per_year * ((year.end - year.start).days + 1) / twelve_months
        elif as_of >= year.start:
            expected += per_year * ((as_of - year.start).days + 1) / twelve_months
    return round(expected, 1)


def _reached(delivered, target, higher_better: bool) -> bool:
    return delivered >= target if higher_better else delivered <= target


def _year_status(year: ContractYear, target, delivered, today: dt.date, inside, higher_better: bool = True,
                 averaged: bool = False) -> str:
    if today < year.start:
        return "not started"
    if delivered is None:
        return "no readings yet"
    if target is None:
        return "recorded"
    if _reached(delivered, target, higher_better):
        return "met"
    if today > year.end:
        return "missed"
    if averaged:
        return "behind"  # an average score is not pro rata: it stands against the promise itself
    elapsed = ((inside[-1].end - year.start).days + 1) / ((year.end - year.start).days + 1)
    # Rounded to a tenth: nobody is behind by a sliver of a placement because a quarter is a day long.
    return "on track" if delivered >= round(target * elapsed, 1) else "behind"


def _overall_status(linked, summable, delivered, target, expected, years, today, per_year,
                    higher_better: bool = True) -> str:
    if not linked:
        return "not tracked"
    if delivered is None:
        return "no readings yet"
    if target is None:
        return "recorded"
    if summable:
        if delivered >= target:
            return "met"
        if years and today > years[-1].end:
            return "missed"
        return "on track" if expected is None or delivered >= expected else "behind"
    return "met" if per_year is not None and _reached(delivered, per_year, higher_better) else "behind"
