"""The CIC34 community interest report: the records it needs and the rules around it.

A report belongs to one financial year, identified by the year's last day (``year_end``, as the
form's header says "year ending"). Money is kept in whole pence so sums are exact.

What lives here: directors' pay, asset transfers other than for full consideration, dividends
(CICs limited by shares), the signatory, the parts of the form, the filing deadline, and
parsing/formatting of pounds. No Qt, no SQL.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass

from svdesk.domain.errors import ValidationError
from svdesk.domain.textsafe import clean_line, clean_text

MAX_PENCE = 100_000_000_00  # £100m: more than any small CIC pays; catches a slipped key
MAX_NAME = 200
MAX_TEXT = 2000
MAX_PART_TEXT = 60_000


# -- the parts of the form ------------------------------------------------------------------------
class Part(str, enum.Enum):
    """The boxes of the form, in order. ``DIVIDENDS`` is only on the detailed form (CICs limited
    by shares); ``SIGNATURE`` is the signing block at the end."""

    ACTIVITIES = "part1"
    CONSULTATION = "part2"
    REMUNERATION = "part3"
    TRANSFERS = "part4"
    DIVIDENDS = "dividends"

    @property
    def number(self) -> int | None:
        return {"part1": 1, "part2": 2, "part3": 3, "part4": 4}.get(self.value)

    @property
    def short(self) -> str:
        return f"Part {self.number}" if self.number else "Dividends"


PART_TITLES = {
    Part.ACTIVITIES: "Part 1 – General description of the company's activities and impact",
    Part.CONSULTATION: "Part 2 – Consultation with stakeholders",
    Part.REMUNERATION: "Part 3 – Directors' remuneration",
    Part.TRANSFERS: "Part 4 – Transfers of assets other than for full consideration",
    Part.DIVIDENDS: "Dividends",
}


class Office(str, enum.Enum):
    DIRECTOR = "director"
    SECRETARY = "secretary"

    @property
    def label(self) -> str:
        return "Director" if self is Office.DIRECTOR else "Secretary"


# -- money ----------------------------------------------------------------------------------------
_MONEY = re.compile(r"^(?:£\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$")


def parse_pounds(text: str) -> int | None:
    """'£1,250.50' / '1250.5' / '1250' -> pence; '' -> None. Raises ValidationError otherwise."""
    value = "".join((text or "").split())
    if not value:
        return None
    lowered = value.lower()
    if lowered in ("nil", "none", "£0", "0"):
        return 0
    match = _MONEY.match(value)
    if not match:
        raise ValidationError([f"'{text.strip()}' is not an amount in pounds; write it like 24000 or £24,000.00."])
    pounds = int(match.group(1).replace(",", ""))
    pence = int((match.group(2) or "0").ljust(2, "0"))
    total = pounds * 100 + pence
    if total > MAX_PENCE:
        raise ValidationError([f"{format_pounds(total)} looks too large; please check the amount."])
    return total


def format_pounds(pence: int | None) -> str:
    """12345600 -> '£123,456'; 12345 -> '£123.45'; None -> ''."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    pounds, rest = divmod(pence, 100)
    if rest:
        return f"{sign}£{pounds:,}.{rest:02d}"
    return f"{sign}£{pounds:,}"


# -- the filing deadline --------------------------------------------------------------------------
def add_months(day: dt.date, months: int) -> dt.date:
    """Month arithmetic as Companies House does it: a month end maps to a month end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


FILING_MONTHS = 9


def filing_deadline(year_end: dt.date) -> dt.date:
    """The report goes with the accounts: 9 months after the financial year end."""
    return add_months(year_end, FILING_MONTHS)


def days_until(day: dt.date, today: dt.date) -> int:
    return (day - today).days


# -- records --------------------------------------------------------------------------------------
def _name_problem(name: str, what: str) -> str | None:
    if not clean_line(name):
        return f"The {what} needs a name."
    if len(name) > MAX_NAME:
        return f"The {what}'s name is too long (at most {MAX_NAME} characters)."
    return None


@dataclass(frozen=True)
class DirectorPay:
    """One director's remuneration for the year: an amount (0 for unpaid), or a pointer to the
    note in the accounts that gives it (e.g. "note 7 to the accounts"). Both may be empty while
    the person is still finding out; the report's checks say so."""

    id: str
    year_end: dt.date
    director: str
    amount_pence: int | None = None
    accounts_note: str = ""
    position: int = 0

    def problems(self) -> list[str]:
        found = []
        problem = _name_problem(self.director, "director")
        if problem:
            found.append(problem)
        if self.amount_pence is not None and not 0 <= self.amount_pence <= MAX_PENCE:
            found.append("The amount must be between £0 and £100,000,000.")
        if len(self.accounts_note) > MAX_TEXT:
            found.append(f"The pointer to the accounts is too long (at most {MAX_TEXT} characters).")
        return found

    @property
    def is_complete(self) -> bool:
        return self.amount_pence is not None or bool(self.accounts_note.strip())

    @property
    def was_paid(self) -> bool:
        """Paid something, or paid what the accounts say (a pointer implies an amount)."""
        return bool(self.amount_pence) or bool(self.accounts_note.strip())

    def sentence(self) -> str:
        name = clean_line(self.director)
        note = clean_line(self.accounts_note)
        if self.amount_pence:
            text = f"{name}: {format_pounds(self.amount_pence)}"
            return f"{text} (see {note})" if note else text
        if note:
            return f"{name}: see {note}"
        if self.amount_pence == 0:
            return f"{name}: no remuneration"
        return f"{name}: amount not entered yet"


@dataclass(frozen=True)
class AssetTransfer:
    """A transfer of assets other than for full consideration: to whom, what, and its value."""

    id: str
    year_end: dt.date
    recipient: str
    what: str = ""
    value_pence: int | None = None
    position: int = 0

    def problems(self) -> list[str]:
        found = []
        problem = _name_problem(self.recipient, "recipient")
        if problem:
            found.append(problem)
        if len(self.what) > MAX_TEXT:
            found.append(f"The description is too long (at most {MAX_TEXT} characters).")
        if self.value_pence is not None and not 0 <= self.value_pence <= MAX_PENCE:
            found.append("The value must be between £0 and £100,000,000.")
        return found

    @property
    def is_complete(self) -> bool:
        return bool(clean_line(self.what)) and self.value_pence is not None

    def sentence(self) -> str:
        """'Small Heath Food Bank: 12 refurbished bikes (value £1,440)'."""
        what = clean_line(self.what).rstrip(".") or "assets (not described yet)"
        value = format_pounds(self.value_pence) if self.value_pence is not None else "not entered yet"
        return f"{clean_line(self.recipient)}: {what} (value {value})"


@dataclass(frozen=True)
class Dividend:
    """A dividend declared or paid in the year (CICs limited by shares)."""

    id: str
    year_end: dt.date
    amount_pence: int
    description: str = ""
    position: int = 0

    def problems(self) -> list[str]:
        found = []
        if not 0 <= self.amount_pence <= MAX_PENCE:
            found.append("The dividend must be between £0 and £100,000,000.")
        if len(self.description) > MAX_TEXT:
            found.append(f"The description is too long (at most {MAX_TEXT} characters).")
        return found


@dataclass(frozen=True)
class Signatory:
    """Who signs the report (a director or the secretary), when, and when it was filed."""

    year_end: dt.date
    name: str = ""
    office: Office = Office.DIRECTOR
    signed_on: dt.date | None = None
    filed_on: dt.date | None = None

    def problems(self) -> list[str]:
        found = []
        if len(self.name) > MAX_NAME:
            found.append(f"The name is too long (at most {MAX_NAME} characters).")
        if self.signed_on is not None and self.signed_on <= self.year_end:
            found.append("The report is signed after the year it describes has ended; "
                         "check the date.")
        if self.filed_on is not None and self.filed_on <= self.year_end:
            found.append("The report is filed after the year it describes has ended; check the date.")
        elif self.filed_on is not None and self.signed_on is not None and self.filed_on < self.signed_on:
            found.append("The report is filed after it is signed; check the dates.")
        return found


def validated(record):
    """The record, or ValidationError with every problem."""
    found = record.problems()
    if found:
        raise ValidationError(found)
    return record


def clean_part_text(text: str) -> str:
    """What a person typed into a part, tidied the way every export needs it."""
    text = clean_text(text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")
