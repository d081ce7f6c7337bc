"""Indicators (what we measure) and readings (what we measured), with the rules for their values.

Values are ``Decimal`` so that money is exact to the penny and totals never drift. Each unit
says how its readings combine into a year's figure:

- count, people, hours, money: readings are added up (a year's figure is the total);
- percentage: the latest reading (a rate describes one group at one time; averaging the rates of
  groups of different sizes would give a number nobody measured);
- score 0-10: the average of the readings (scores come from repeated surveys; the average over the
  year is the fair summary, and the number of readings is shown beside it).

For summable units the baseline and the target are amounts per financial year ("40 young people a
year"); for percentages and scores they are levels ("65 %").
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from svdesk.domain.errors import ValidationError

ACTIVE_LIMIT = 5
COMFORTABLE = 3
WHY_TWO_OR_THREE = (
    "Two or three indicators, recorded every month or quarter, say more than ten collected once "
    "in a rush before a deadline. Fewer numbers means they actually get measured, each one can "
    "carry its evidence, and buyers and funders remember them."
)

MAX_NAME = 160
MAX_TEXT = 2000
_MAX_VALUE = Decimal("1000000000000")
_MAX_DIGITS = 24  # 13 before the point and more after than any unit keeps


class Unit(str, enum.Enum):
    COUNT = "count"
    PEOPLE = "people"
    HOURS = "hours"
    PERCENTAGE = "percentage"
    MONEY = "money"
    SCORE = "score"

    @property
    def label(self) -> str:
        return _UNIT_LABELS[self]

    @property
    def summable(self) -> bool:
        return self in (Unit.COUNT, Unit.PEOPLE, Unit.HOURS, Unit.MONEY)

    @property
    def aggregation(self) -> str:
        if self.summable:
            return "sum"
        return "latest" if self is Unit.PERCENTAGE else "average"

    @property
    def aggregation_text(self) -> str:
        return {
            "sum": "A year's figure is the total of its readings; the baseline and target are amounts per year.",
            "latest": "A year's figure is its latest reading (rates of different groups are not averaged).",
            "average": "A year's figure is the average of its readings.",
        }[self.aggregation]

    @property
    def rule_text(self) -> str:
        return _UNIT_RULES[self]


_UNIT_LABELS = {
    Unit.COUNT: "Number of things",
    Unit.PEOPLE: "Number of people",
    Unit.HOURS: "Hours",
    Unit.PERCENTAGE: "Percentage",
    Unit.MONEY: "Money (£)",
    Unit.SCORE: "Score from 0 to 10",
}
_UNIT_RULES = {
    Unit.COUNT: "a whole number, 0 or more",
    Unit.PEOPLE: "a whole number of people, 0 or more",
    Unit.HOURS: "hours, 0 or more, in quarters of an hour at most (like 7.5 or 7.25)",
    Unit.PERCENTAGE: "a percentage from 0 to 100",
    Unit.MONEY: "an amount in pounds, 0 or more, to the penny",
    Unit.SCORE: "a score from 0 to 10 (one decimal place at most)",
}


class Direction(str, enum.Enum):
    HIGHER = "higher"
    LOWER = "lower"

    @property
    def label(self) -> str:
        return "Higher is better" if self is Direction.HIGHER else "Lower is better"


class Frequency(str, enum.Enum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def label(self) -> str:
        return {"monthly": "Every month", "quarterly": "Every quarter", "yearly": "Every year"}[self.value]

    @property
    def per_year(self) -> int:
        return {"monthly": 12, "quarterly": 4, "yearly": 1}[self.value]

    @property
    def noun(self) -> str:
        return {"monthly": "month", "quarterly": "quarter", "yearly": "year"}[self.value]


# -- values ----------------------------------------------------------------------------------------
_CLEAN = re.compile(r"[\s,£%]")


def parse_value(unit: Unit, raw) -> Decimal:
    """A reading's value from what a person typed (or a spreadsheet cell); ValidationError if wrong.

    Accepts '1,234', '£1,234.50', '78%', ' 12 ' and plain numbers.
    """
    if isinstance(raw, bool):
        raise ValidationError(["A value must be a number, not yes/no."])
    if isinstance(raw, (int, Decimal)):
        value = Decimal(raw)
        shown = str(raw)
    elif isinstance(raw, float):
        # Spreadsheet cells arrive as floats: 12.0 is 12, 0.1 + 0.2 is 0.3.
        value = Decimal(repr(raw))
        if value.is_finite() and abs(value) <= _MAX_VALUE \
                and abs(value - value.quantize(Decimal("0.0001"))) < Decimal("0.0000001"):
            value = value.quantize(Decimal("0.0001"))
        shown = repr(raw)
    else:
        shown = str(raw or "").strip()
        if not shown:
            raise ValidationError(["Enter a value."])
        cleaned = _CLEAN.sub("", shown)
        if cleaned.startswith("(") and cleaned.endswith(")"):
            cleaned = "-" + cleaned[1:-1]
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise ValidationError([f"'{shown}' is not a number; enter {unit.rule_text}."])
    if not value.is_finite():
        raise ValidationError([f"{_show(shown)} is not a number; enter {unit.rule_text}."])
    # Checked before normalising: a number of 1e308 or 100 digits is beyond what decimal
    # arithmetic at 28 digits can round, and is no real reading anyway.
    if abs(value) > _MAX_VALUE:
        raise ValidationError([f"{_show(shown)} is not allowed here: it is too large to be right."])
    if len(value.as_tuple().digits) > _MAX_DIGITS:
        raise ValidationError([f"{_show(shown)} is not allowed here: it has more digits than any reading needs."])
    value = _normalise(value)
    problem = value_problem(unit, value)
    if problem:
        raise ValidationError([f"{_show(shown)} is not allowed here: {problem}."])
    return value


def _show(text: str) -> str:
    return f"'{text}'" if len(text) <= 24 else f"'{text[:21]}…'"


def _normalise(value: Decimal) -> Decimal:
    """12.50 -> 12.5, 12.0 -> 12 (so equal values compare and print the same)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def value_problem(unit: Unit, value: Decimal) -> str | None:
    """Why ``value`` is not acceptable for ``unit`` (None when it is)."""
    if value < 0:
        return "it cannot be negative"
    if value > _MAX_VALUE:
        return "it is too large to be right"
    whole = value == value.to_integral_value()
    if unit in (Unit.COUNT, Unit.PEOPLE) and not whole:
        return "it must be a whole number"
    if unit is Unit.HOURS and (value * 4) != (value * 4).to_integral_value():
        return "hours can be recorded in quarters of an hour at most (like 7.5 or 7.25)"
    if unit is Unit.PERCENTAGE:
        if value > 100:
            return "a percentage is at most 100"
        if _places(value) > 2:
            return "use two decimal places at most"
    if unit is Unit.MONEY and _places(value) > 2:
        return "money is recorded to the penny (two decimal places at most)"
    if unit is Unit.SCORE:
        if value > 10:
            return "a score is at most 10"
        if _places(value) > 1:
            return "use one decimal place at most"
    return None


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_number(value: Decimal | float | int, places: int | None = None) -> str:
    value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is None:
        places = min(_places(value), 2)
    return f"{value:,.{places}f}"


def format_value(unit: Unit, value: Decimal | None, short: bool = False) -> str:
    """'312', '78 %', '7.5 hours', '£1,234.50', '7.4 out of 10'; '' for None."""
    if value is None:
        return ""
    if unit is Unit.MONEY:
        places = 0 if value == value.to_integral_value() else 2
        return "£" + format_number(value, places)
    if unit is Unit.PERCENTAGE:
        return f"{format_number(value, min(_places(value), 2))} %"
    if unit is Unit.HOURS:
        text = format_number(value)
        return text if short else f"{text} {'hour' if value == 1 else 'hours'}"
    if unit is Unit.SCORE:
        text = format_number(value, min(_places(value), 1))
        return text if short else f"{text} out of 10"
    return format_number(value, 0 if value == value.to_integral_value() else 1)


def value_to_text(value: Decimal | None) -> str | None:
    """How a value is stored: plain digits, no grouping, '' never (None for no value)."""
    return None if value is None else format(_normalise(value), "f")


def value_from_text(text: str | None) -> Decimal | None:
    return None if text in (None, "") else Decimal(text)


# -- records -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    name: str = ""
    outcome: str = ""
    unit: Unit = Unit.COUNT
    direction: Direction = Direction.HIGHER
    frequency: Frequency = Frequency.MONTHLY
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    target_value: Decimal | None = None
    target_date: dt.date | None = None
    how_collected: str = ""
    collected_by: str = ""
    who_benefits: str = ""
    contribution: str = ""
    library_key: str = ""
    id: str = ""
    archived_at: str | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_active(self) -> bool:
        return self.archived_at is None

    def problems(self) -> list[str]:
        found = []
        if not self.name.strip():
            found.append("The indicator needs a name, for example 'Bikes refurbished and back on the road'.")
        elif len(self.name) > MAX_NAME:
            found.append(f"The name is too long (at most {MAX_NAME} characters).")
        for label, text in (("outcome", self.outcome), ("how it is collected", self.how_collected),
                            ("who collects it", self.collected_by), ("who benefits", self.who_benefits),
                            ("contribution", self.contribution)):
            if len(text) > MAX_TEXT:
                found.append(f"The note on {label} is too long (at most {MAX_TEXT} characters).")
        for label, value in (("baseline", self.baseline_value), ("target", self.target_value)):
            if value is not None:
                problem = value_problem(self.unit, value)
                if problem:
                    found.append(f"The {label} {format_number(value)} does not fit the unit: {problem}.")
        if self.baseline_value is not None and self.baseline_date is None:
            found.append("Give the date the baseline was measured (for a yearly amount, the end of that year).")
        if self.target_value is not None and self.target_date is None:
            found.append("Give the date the target should be reached by.")
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            found.append("The target date must come after the baseline date.")
        return found

    def validated(self) -> "Indicator":
        found = self.problems()
        if found:
            raise ValidationError(found)
        return replace(self, name=" ".join(self.name.split()))


@dataclass(frozen=True)
class Reading:
    indicator_id: str
    start: dt.date
    end: dt.date
    value: Decimal
    note: str = ""
    recorded_by: str = ""
    source: str = ""
    id: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def midpoint(self) -> dt.date:
        return self.start + (self.end - self.start) / 2


def reading_problems(unit: Unit, start: dt.date, end: dt.date, value: Decimal) -> list[str]:
    found = []
    if end < start:
        found.append("A reading's period cannot end before it starts.")
    problem = value_problem(unit, value)
    if problem:
        found.append(f"{format_number(value)} does not fit the unit: {problem}.")
    return found
