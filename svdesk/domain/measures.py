"""Indicators (what we measure) and readings (what we measured), with the rules for their values.

Values are ``Decimal`` so that money is exact to the penny and totals never drift. The unit says
what a value is; the indicator's ``counting`` says how its readings combine (the rule itself lives
in ``svdesk.domain.counting``). A score is on a scale the person names (lowest, highest).
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
    def rule_text(self) -> str:
        return _UNIT_RULES[self]


_UNIT_LABELS = {
    Unit.COUNT: "Number of things",
    Unit.PEOPLE: "Number of people",
    Unit.HOURS: "Hours",
    Unit.PERCENTAGE: "Percentage",
    Unit.MONEY: "Money (£)",
    Unit.SCORE: "Score on a scale",
}
_UNIT_RULES = {
    Unit.COUNT: "a whole number, 0 or more",
    Unit.PEOPLE: "a whole number of people, 0 or more",
    Unit.HOURS: "hours, 0 or more, in quarters of an hour at most (like 7.5 or 7.25)",
    Unit.PERCENTAGE: "a percentage from 0 to 100",
    Unit.MONEY: "an amount in pounds, 0 or more, to the penny",
    Unit.SCORE: "a score on the indicator's scale (one decimal place at most)",
}


@dataclass(frozen=True)
class Scale:
    """The scale a score is on, as the person named it ("SWEMWBS", 7 to 35)."""

    name: str
    low: Decimal
    high: Decimal

    @property
    def span(self) -> str:
        return f"{format_number(self.low)}–{format_number(self.high)}"

    @property
    def text(self) -> str:
        """'the 7–35 SWEMWBS scale' (a scale called just 'score' reads 'a 0–10 scale')."""
        name = " ".join(self.name.split())
        if not name or name.lower() in ("score", "scale"):
            return f"a {self.span} scale"
        return f"the {self.span} {name} scale"


# Common scales offered when a score is set up (the person can name any other).
COMMON_SCALES = (
    ("SWEMWBS (short Warwick-Edinburgh wellbeing)", "SWEMWBS", 7, 35),
    ("WEMWBS (Warwick-Edinburgh wellbeing)", "WEMWBS", 14, 70),
    ("ONS personal wellbeing (0 to 10)", "ONS wellbeing", 0, 10),
    ("A 1 to 5 rating", "rating", 1, 5),
)
DEFAULT_SCALE = Scale("score", Decimal(0), Decimal(10))


class Counting(str, enum.Enum):
    """How an indicator's readings combine over time; see svdesk.domain.counting for the rule."""

    THINGS = "things"                # sessions, meals, bikes repaired: added up
    ATTENDANCES = "attendances"      # visits (the same person twice is two): added up
    NEW_PEOPLE = "new_people"        # first-time participants each period: added up
    TAKING_PART = "taking_part"      # a headcount each period that repeats people: never added up
    LEVEL = "level"                  # staff, volunteers on the books: the latest
    SCORE = "score"                  # a score on the person's scale: averages
    PERCENTAGE = "percentage"        # a rate: the latest
    MONEY = "money"                  # pounds: added up

    @property
    def label(self) -> str:
        return _COUNTING_LABELS[self]


_COUNTING_LABELS = {
    Counting.THINGS: "Things or events (added up)",
    Counting.ATTENDANCES: "Attendances or visits (added up)",
    Counting.NEW_PEOPLE: "New people each period (added up)",
    Counting.TAKING_PART: "People taking part each period (never added up)",
    Counting.LEVEL: "A level at a moment, like staff or volunteers (the latest)",
    Counting.SCORE: "A score on a scale (averages)",
    Counting.PERCENTAGE: "A percentage (the latest)",
    Counting.MONEY: "Money (added up)",
}
# Which ways of counting fit each unit; the first is what a unit means when nothing else is said
# (and what a file from before counting rules is upgraded to: a headcount of people is never summed).
COUNTINGS_FOR = {
    Unit.COUNT: (Counting.THINGS, Counting.ATTENDANCES, Counting.LEVEL),
    Unit.PEOPLE: (Counting.TAKING_PART, Counting.NEW_PEOPLE, Counting.ATTENDANCES, Counting.LEVEL),
    Unit.HOURS: (Counting.THINGS,),
    Unit.PERCENTAGE: (Counting.PERCENTAGE,),
    Unit.MONEY: (Counting.MONEY, Counting.LEVEL),
    Unit.SCORE: (Counting.SCORE,),
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


def parse_value(unit: Unit, raw, scale: Scale | None = None) -> Decimal:
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
    problem = value_problem(unit, value, scale)
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


def value_problem(unit: Unit, value: Decimal, scale: Scale | None = None) -> str | None:
    """Why ``value`` is not acceptable for ``unit`` (None when it is); scores against ``scale``."""
    if unit is Unit.SCORE:
        scale = scale or DEFAULT_SCALE
        if value < scale.low or value > scale.high:
            return f"a score on {scale.text} runs from {format_number(scale.low)} to {format_number(scale.high)}"
        if _places(value) > 1:
            return "use one decimal place at most"
        return None
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
    return None


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_number(value: Decimal | float | int, places: int | None = None) -> str:
    value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is None:
        places = min(_places(value), 2)
    return f"{value:,.{places}f}"


def format_value(unit: Unit, value: Decimal | None, short: bool = False, scale: Scale | None = None) -> str:
    """'312', '78 %', '7.5 hours', '£1,234.50', '22.4 on the 7–35 SWEMWBS scale'; '' for None."""
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
        return text if short else f"{text} on {(scale or DEFAULT_SCALE).text}"
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
    counting: Counting | None = None   # None: the unit's usual way (COUNTINGS_FOR)
    scale_name: str = ""
    scale_low: Decimal | None = None
    scale_high: Decimal | None = None
    unit_words: str = ""               # what one counts, in the person's words: "sessions", "kg of food"
    id: str = ""
    archived_at: str | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_active(self) -> bool:
        return self.archived_at is None

    @property
    def how_counted(self) -> Counting:
        allowed = COUNTINGS_FOR[self.unit]
        return self.counting if self.counting in allowed else allowed[0]

    @property
    def scale(self) -> Scale | None:
        """The scale of a score (0–10 when none was named); None for other units."""
        if self.unit is not Unit.SCORE:
            return None
        if self.scale_low is None or self.scale_high is None:
            return Scale(self.scale_name or DEFAULT_SCALE.name, DEFAULT_SCALE.low, DEFAULT_SCALE.high)
        return Scale(self.scale_name, self.scale_low, self.scale_high)

    def show(self, value: Decimal | None, short: bool = False) -> str:
        """A value of this indicator as people read it (scores with their scale)."""
        return format_value(self.unit, value, short, self.scale)

    def value_problem(self, value: Decimal) -> str | None:
        return value_problem(self.unit, value, self.scale)

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
        if self.unit is Unit.SCORE and (self.scale_low is None) != (self.scale_high is None):
            found.append("Give both the lowest and the highest score of the scale.")
        elif self.unit is Unit.SCORE and self.scale_low is not None and self.scale_high <= self.scale_low:
            found.append("The highest score of the scale must be above the lowest.")
        elif self.unit is Unit.SCORE and self.scale_low is not None and (self.scale_low < 0 or self.scale_high > _MAX_VALUE):
            found.append("A scale runs from 0 or more.")
        if len(self.unit_words) > MAX_NAME:
            found.append(f"What it counts is too long (at most {MAX_NAME} characters).")
        if len(self.scale_name) > MAX_NAME:
            found.append(f"The scale's name is too long (at most {MAX_NAME} characters).")
        for label, value in (("baseline", self.baseline_value), ("target", self.target_value)):
            if value is not None:
                problem = value_problem(self.unit, value, self.scale)
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


def reading_problems(unit: Unit, start: dt.date, end: dt.date, value: Decimal, scale: Scale | None = None) -> list[str]:
    found = []
    if end < start:
        found.append("A reading's period cannot end before it starts.")
    problem = value_problem(unit, value, scale)
    if problem:
        found.append(f"{format_number(value)} does not fit the unit: {problem}.")
    return found
