"""Tenders and the commitments we make in them: the records, their rules, and the commitment check.

A commitment is a promise (future tense); an indicator reading is an achievement (past tense).
They live apart on purpose: a commitment may point at an indicator (a plain id) so that, once the
tender is won, what we promised can be tracked against what we then measure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass, replace

from svdesk.domain.dates import format_date
from svdesk.domain.errors import ValidationError


class TenderStatus(str, enum.Enum):
    DRAFTING = "drafting"
    SUBMITTED = "submitted"
    WON = "won"
    LOST = "lost"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_sent(self) -> bool:
        """Submitted, won or lost: an answer went to the buyer, so its text is on record."""
        return self in (TenderStatus.SUBMITTED, TenderStatus.WON, TenderStatus.LOST)


# How often a commitment is reported to the buyer (the words used in the drafted answer).
FREQUENCIES = {
    "": "",
    "monthly": "every month",
    "quarterly": "every quarter",
    "six-monthly": "every six months",
    "yearly": "every year",
    "end": "at the end of the contract",
}
FREQUENCY_LABELS = {
    "": "(not chosen)", "monthly": "Monthly", "quarterly": "Quarterly", "six-monthly": "Every six months",
    "yearly": "Yearly", "end": "At the end of the contract",
}

MAX_LINE = 300
MAX_TEXT = 20000
MAX_QUESTION = 50000


@dataclass(frozen=True)
class Tender:
    id: str = ""
    buyer: str = ""
    title: str = ""
    reference: str = ""
    deadline: dt.date | None = None
    deadline_time: str = ""          # "12:00" or ""
    contract_value_pence: int | None = None
    contract_months: int | None = None
    contract_start: dt.date | None = None
    sv_weighting: float | None = None  # per cent of the total score
    word_limit: int | None = None
    question: str = ""
    local_context: str = ""          # why it matters in this area, in the user's words
    status: TenderStatus = TenderStatus.DRAFTING
    score: str = ""
    feedback: str = ""
    notes: str = ""
    stories_chosen: bool = False     # False: svdesk picks the stories; True: only ``story_ids`` (maybe none)
    story_ids: tuple[str, ...] = ()  # the stories the person chose for the answer, in order
    question_parts: str = ""         # the person's corrections to the question's parts (JSON), or ""
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    @property
    def name(self) -> str:
        """What the tender is called in lists and messages."""
        return self.title.strip() or self.buyer.strip() or "Untitled tender"

    @property
    def contract_end(self) -> dt.date | None:
        if self.contract_start is None or not self.contract_months:
            return None
        return add_months(self.contract_start, self.contract_months) - dt.timedelta(days=1)

    def problems(self) -> list[str]:
        problems = []
        for label, value, longest in (("The buyer", self.buyer, MAX_LINE), ("The contract title", self.title, MAX_LINE),
                                      ("The reference", self.reference, MAX_LINE)):
            if len(value) > longest:
                problems.append(f"{label} is too long (at most {longest} characters).")
        if self.deadline_time and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", self.deadline_time):
            problems.append("Write the deadline time like 12:00 (24-hour clock).")
        if self.contract_value_pence is not None and self.contract_value_pence < 0:
            problems.append("The contract value cannot be negative.")
        if self.contract_months is not None and not 1 <= self.contract_months <= 600:
            problems.append("The contract length must be between 1 and 600 months.")
        if self.sv_weighting is not None and not 0 <= self.sv_weighting <= 100:
            problems.append("The social value weighting is a percentage between 0 and 100.")
        if self.word_limit is not None and not 20 <= self.word_limit <= 100000:
            problems.append("The word limit must be between 20 and 100,000 words.")
        if len(self.question) > MAX_QUESTION:
            problems.append(f"The question is too long to keep (at most {MAX_QUESTION:,} characters).")
        for label, value in (("The local context is", self.local_context), ("The feedback is", self.feedback),
                             ("The notes are", self.notes)):
            if len(value) > MAX_TEXT:
                problems.append(f"{label} too long (at most {MAX_TEXT:,} characters).")
        if len(self.score) > MAX_LINE:
            problems.append(f"The score is too long (at most {MAX_LINE} characters).")
        return problems

    def validated(self) -> "Tender":
        problems = self.problems()
        if problems:
            raise ValidationError(problems)
        return self


@dataclass(frozen=True)
class Commitment:
    id: str = ""
    tender_id: str = ""
    position: int = 0
    promise: str = ""        # what we promise, in one line
    for_whom: str = ""       # who benefits
    unit: str = ""           # what is counted: "work placements", "young people trained"
    per_year: float | None = None
    over_contract: float | None = None
    by_when: dt.date | None = None
    indicator_id: str = ""   # an indicator of ours (plain id), when there is one
    actions: str = ""
    people: str = ""
    milestones: str = ""
    kpis: str = ""
    frequency: str = ""      # a key of FREQUENCIES
    evidence: str = ""
    accountable: str = ""
    value_per_unit_pence: int | None = None   # what one unit is worth, in the person's own figure
    value_basis: str = ""                     # where that figure comes from, in their words
    additional: bool | None = None            # True over and above the core contract; False part of it
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    @property
    def name(self) -> str:
        return self.promise.strip() or "Untitled commitment"

    @property
    def quantity(self) -> float | None:
        """How many over the contract (what a value per unit multiplies); None for a level ("60 %")."""
        if is_level(self.unit):
            return None
        return self.over_contract

    def problems(self) -> list[str]:
        problems = []
        for label, value in (("What we promise", self.promise), ("Who it is for", self.for_whom),
                             ("What is counted", self.unit), ("Who is accountable", self.accountable)):
            if len(value) > MAX_LINE * 2:
                problems.append(f"{label} is too long (at most {MAX_LINE * 2} characters).")
        for label, value in (("The actions", self.actions), ("The people", self.people),
                             ("The milestones", self.milestones), ("The KPIs", self.kpis),
                             ("The evidence", self.evidence)):
            if len(value) > MAX_TEXT:
                problems.append(f"{label} are too long (at most {MAX_TEXT:,} characters).")
        for label, value in (("The number a year", self.per_year), ("The number over the contract", self.over_contract)):
            if value is not None and (value < 0 or value > 1e9 or value != value):
                problems.append(f"{label} must be a number of 0 or more.")
        if self.frequency not in FREQUENCIES:
            problems.append("Choose how often it is reported from the list.")
        if self.value_per_unit_pence is not None and not 0 <= self.value_per_unit_pence <= 10**11:
            problems.append("The value of one unit must be an amount of £0 or more.")
        if len(self.value_basis) > MAX_LINE * 2:
            problems.append(f"Where the value comes from is too long (at most {MAX_LINE * 2} characters).")
        if self.value_per_unit_pence is not None and not self.value_basis.strip():
            problems.append("Say where the value of one unit comes from (e.g. “the buyer's rate for a volunteer hour”).")
        return problems

    def validated(self) -> "Commitment":
        problems = self.problems()
        if problems:
            raise ValidationError(problems)
        return self


# -- the commitment check --------------------------------------------------------------------------
# Words that promise effort rather than a result: an evaluator reads them as "may not happen".
_VAGUE = re.compile(r"\b(try(?:ing)? to|aim(?:s|ing)? to|where possible|wherever possible|if possible|seek(?:s|ing)? to|"
                    r"endeavour(?:s|ing)? to|hope(?:s)? to|as appropriate|where appropriate|look(?:ing)? to|"
                    r"explore|consider(?:ing)?|strive(?:s)? to|up to)\b", re.IGNORECASE)
# What says something changes for people (an outcome), not just what is done (an output).
_OUTCOME = re.compile(r"(%|per cent|\b(?:into|in) (?:work|employment|education|training|jobs?)\b|\bimprov|\breduc|"
                      r"\bincreas|\bfewer\b|\bconfiden|well-?being|\boutcome|months? (?:on|later|after)|"
                      r"\bqualifi|\bgain|\bsustain|\bmov(?:e|ed|ing) (?:into|on)|\bprogress(?:ed|ing)? (?:into|to))",
                      re.IGNORECASE)


def check_commitment(commitment: Commitment, tender: Tender | None = None,
                     other_buyers: tuple[str, ...] = ()) -> list[str]:
    """What an evaluator would find missing or weak, one plain sentence each (empty when it is
    complete). ``other_buyers``: the buyers of the person's other tenders, which a commitment
    copied from an earlier answer may still name."""
    c = commitment
    found = []
    vague = list(dict.fromkeys(m.group(0).lower() for m in _VAGUE.finditer(c.promise)))
    if vague:
        found.append(f"Vague wording ({', '.join(f'“{v}”' for v in vague)}): say what you will do, not what you will "
                     "try to do.")
    if re.search(r"\bsupport", c.promise, re.IGNORECASE) and c.per_year is None and c.over_contract is None:
        found.append("“Support” without a number: say how many people or groups, and how.")
    if not c.promise.strip():
        found.append("Say what you promise, in one line.")
    if c.per_year is None and c.over_contract is None:
        found.append("No number: say how many, a year and over the contract (e.g. 12 a year, 36 in total).")
    elif not c.unit.strip():
        found.append("Say what the number counts (e.g. work placements).")
    if c.by_when is None:
        found.append("No date: say by when it will be done.")
    if not c.for_whom.strip():
        found.append("No beneficiary: say who benefits (e.g. young people aged 16–24 in Small Heath).")
    if not (c.evidence.strip() or c.kpis.strip() or c.indicator_id):
        found.append("No way to evidence it: say what you will measure and what evidence the buyer will see.")
    if not (c.actions.strip() or c.milestones.strip()):
        found.append("No delivery plan: say what you will do and the milestones.")
    elif not c.milestones.strip():
        found.append("No milestones: list the steps on the way and when each is due.")
    if c.promise.strip() and not _OUTCOME.search(" ".join((c.promise, c.unit, c.kpis))):
        found.append("Only outputs: add what will change for people (an outcome, e.g. how many move into work "
                     "six months on).")
    named = [b for b in other_buyers if b.strip() and (tender is None or b.strip().casefold() != tender.buyer.strip().casefold())
             and b.strip().casefold() in " ".join((c.promise, c.for_whom, c.actions, c.people, c.kpis, c.evidence)).casefold()]
    if named:
        found.append(f"It names another buyer (“{named[0].strip()}”): it may be copied from an earlier tender — "
                     "check it fits this one.")
    if not c.accountable.strip():
        found.append("Nobody is accountable: name the person (or role) who answers for it.")
    if tender is not None:
        end = tender.contract_end
        if c.by_when is not None and end is not None and c.by_when > end:
            found.append(f"The date is after the contract ends ({format_date(end)}).")
        years = contract_years_count(tender.contract_months)
        if c.per_year is not None and c.over_contract is not None and years and not is_level(c.unit):
            expected = c.per_year * years
            if abs(expected - c.over_contract) > 1e-6:
                found.append(f"{format_number(c.per_year)} a year over {format_years(tender.contract_months)} "
                             f"makes {format_number(expected)}, but the total says {format_number(c.over_contract)}: "
                             "check which is right.")
    return found


def is_level(unit: str) -> bool:
    """A commitment counted as a level ("60 % of those who complete") rather than a number of things."""
    return unit.strip().startswith("%")


def commitment_is_complete(commitment: Commitment, tender: Tender | None = None) -> bool:
    return not check_commitment(commitment, tender)


# -- deadlines -------------------------------------------------------------------------------------
def days_left(deadline: dt.date | None, today: dt.date) -> int | None:
    if deadline is None:
        return None
    return (deadline - today).days


def describe_days_left(days: int | None) -> str:
    if days is None:
        return "No deadline"
    if days == 0:
        return "Due today"
    if days == 1:
        return "Due tomorrow"
    if days > 1:
        return f"{days} days left"
    if days == -1:
        return "1 day ago"
    return f"{-days} days ago"


def describe_deadline(tender: Tender, today: dt.date) -> str:
    """'Due 27 Nov 2026 at 12:00 — 5 days left' (or what is true after the deadline)."""
    if tender.deadline is None:
        return "No deadline set"
    when = format_date(tender.deadline) + (f" at {tender.deadline_time}" if tender.deadline_time else "")
    if tender.status is not TenderStatus.DRAFTING:
        return f"Deadline was {when}" if tender.deadline < today else f"Deadline {when}"
    days = days_left(tender.deadline, today)
    if days < 0:
        return f"Deadline passed {when} ({describe_days_left(days)})"
    return f"Due {when} — {describe_days_left(days).lower()}"


# -- numbers, money and durations --------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contract_years_count(months: int | None) -> float | None:
    return months / 12 if months else None


def format_years(months: int | None) -> str:
    """'3 years', '18 months', '1 year'."""
    if not months:
        return ""
    if months % 12 == 0:
        years = months // 12
        return "1 year" if years == 1 else f"{years} years"
    return "1 month" if months == 1 else f"{months} months"


def format_number(value: float | None) -> str:
    """12 -> '12', 2.5 -> '2.5', 1200 -> '1,200'."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def parse_number(text: str) -> float | None:
    """'12', '1,200', '2.5' -> a number; '' -> None; anything else raises ValidationError."""
    cleaned = (text or "").strip().replace(",", "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError([f"'{text.strip()}' is not a number; write it like 12 or 2.5."]) from None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise ValidationError([f"'{text.strip()}' is not a number of 0 or more."])
    return value


def format_pounds(pence: int | None) -> str:
    """'£180,000' (pence shown only when there are some)."""
    if pence is None:
        return ""
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}" + (f".{rest:02d}" if rest else "")


_MONEY = re.compile(r"^£?\s*([0-9][0-9,]*(?:\.[0-9]{1,2})?|\.[0-9]{1,2})\s*([km]|thousand|million)?$", re.IGNORECASE)


def parse_pounds(text: str) -> int | None:
    """'£180,000', '180000', '180k', '1.2m' -> pence; '' -> None."""
    cleaned = (text or "").strip().replace(" ", "")
    if not cleaned:
        return None
    match = _MONEY.match(cleaned.lower())
    if not match:
        raise ValidationError([f"'{text.strip()}' is not an amount of money; write it like £180,000."])
    amount = float(match.group(1).replace(",", ""))
    scale = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}.get((match.group(2) or "").lower(), 1)
    return round(amount * scale * 100)


def parse_percent(text: str) -> float | None:
    cleaned = (text or "").strip().rstrip("%").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValidationError([f"'{text.strip()}' is not a percentage; write it like 20 or 12.5."]) from None
    if not 0 <= value <= 100:
        raise ValidationError(["The social value weighting is a percentage between 0 and 100."])
    return value


def format_percent(value: float | None) -> str:
    return "" if value is None else f"{format_number(value)} %"


@dataclass(frozen=True)
class Submission:
    """The exact answer sent to the buyer, kept as it was: it never changes afterwards."""

    id: str
    tender_id: str
    text: str
    words: int
    word_limit: int | None
    submitted_on: dt.date
    commitments: tuple[dict, ...] = ()  # the commitments as they stood when sent
    story_ids: tuple[str, ...] = ()
    created_at: str = ""


@dataclass(frozen=True)
class AnswerVersion:
    """An earlier text of the answer, kept when a new draft or a restore replaced it."""

    id: str
    tender_id: str
    text: str
    kind: str          # "edited" (the user's own text) or "generated"
    words: int
    created_at: str


@dataclass(frozen=True)
class AnswerState:
    """The answer being worked on: what is in the editor, and the draft it started from."""

    tender_id: str
    text: str = ""
    generated_text: str = ""
    notes: tuple[str, ...] = ()        # what the last draft left out or shortened, one sentence each
    story_ids: tuple[str, ...] = ()    # stories in the last generated draft
    generated_at: str = ""
    updated_at: str = ""

    @property
    def edited(self) -> bool:
        """True when the editor holds text the user changed (or wrote) since the last draft."""
        return bool(self.text.strip()) and self.text != self.generated_text


def with_status(tender: Tender, status: TenderStatus) -> Tender:
    return replace(tender, status=status)
