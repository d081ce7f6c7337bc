"""Our statement: the guided questions, the working draft, and the agreed versions.

An organisation has one statement. Its working copy (answers, full text, one-sentence version)
changes freely; "Mark as agreed" freezes the text as a numbered version with the date and who
agreed it. Everything that leaves the app (tenders, CIC34, summaries) uses the latest agreed
version — never the draft — through ``StatementRepo.current_agreed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from svdesk.domain.dates import format_date
from svdesk.domain.errors import ValidationError
from svdesk.domain.words import count_words

FULL_MIN_WORDS = 50
FULL_MAX_WORDS = 150
SHORT_MAX_WORDS = 30
MAX_ANSWER_CHARS = 4000
MAX_TEXT_CHARS = 20000
MAX_AGREED_BY = 120
MAX_NOTE = 1000
EARLIEST_AGREEMENT = dt.date(1990, 1, 1)

AGREED_BY_SUGGESTIONS = (
    "Board meeting", "All staff", "Directors", "Team meeting", "Members' meeting", "Sole trader",
)


@dataclass(frozen=True)
class Question:
    key: str
    question: str
    # The words the answer follows in the drafted statement, shown as the box's placeholder so
    # the person writes a fragment that reads well after them.
    stem: str
    help: str


QUESTIONS: tuple[Question, ...] = (
    Question(
        "who", "Who do you work with?", "We work with …",
        "The people (or places) you are there for. Be specific: age, situation, what they have in "
        "common. Buyers score a clear “who” highly.",
    ),
    Question(
        "challenges", "What do they face?", "Many of them face …",
        "The problem or barrier that makes your work matter, in the words they would use "
        "themselves.",
    ),
    Question(
        "activities", "What do you do?", "We …",
        "Your main activities, briefly — what someone would see if they visited. Start with a verb "
        "(run, train, collect …).",
    ),
    Question(
        "change_soon", "What changes for them soon?", "As a result, they …",
        "What is different for people during or just after working with you: a skill, a "
        "qualification, a habit, a feeling.",
    ),
    Question(
        "change_long", "What changes in the long run?", "In the longer run, …",
        "What those first changes lead to over months or years, for them or for the area.",
    ),
    Question(
        "place", "Where?", "… in …",
        "The neighbourhoods, town or region you serve. A named place makes the statement concrete.",
    ),
    Question(
        "evidence", "How do you know?", "We know this because we …",
        "What you count, record or ask so you can tell the change happens. One or two checks "
        "are enough.",
    ),
)

ANSWER_KEYS = tuple(question.key for question in QUESTIONS)


@dataclass(frozen=True)
class Answers:
    who: str = ""
    challenges: str = ""
    activities: str = ""
    change_soon: str = ""
    change_long: str = ""
    place: str = ""
    evidence: str = ""

    def get(self, key: str) -> str:
        return getattr(self, key)

    def as_dict(self) -> dict[str, str]:
        return {item.name: getattr(self, item.name) for item in fields(self)}

    def is_empty(self) -> bool:
        return not any(value.strip() for value in self.as_dict().values())

    def answered(self) -> int:
        return sum(1 for value in self.as_dict().values() if value.strip())

    def problems(self) -> list[str]:
        found = []
        for question in QUESTIONS:
            if len(self.get(question.key)) > MAX_ANSWER_CHARS:
                found.append(f"The answer to “{question.question}” is too long "
                             f"(at most {MAX_ANSWER_CHARS:,} characters).")
        return found


@dataclass(frozen=True)
class ExampleKind:
    """Example answers for one kind of social enterprise (resources/statement/examples.json)."""

    key: str
    name: str
    organisation: str
    answers: Answers


def answers_from_dict(data: dict) -> Answers:
    """Answers from a mapping; unknown keys are ignored and missing ones are empty."""
    return Answers(**{key: str(data.get(key) or "") for key in ANSWER_KEYS})


@dataclass(frozen=True)
class Statement:
    """The working copy: answers, the text being edited, and what was last drafted from answers."""

    id: str = ""
    kind: str = ""
    answers: Answers = field(default_factory=Answers)
    full_text: str = ""
    short_text: str = ""
    # The text the templates last produced; when the text still equals it, the person has not
    # edited it, so a new draft may replace it without asking.
    full_drafted: str = ""
    short_drafted: str = ""
    # The person's own text from before the last redraft, so a redraft can be undone.
    full_before_redraft: str | None = None
    short_before_redraft: str | None = None
    updated_at: str = ""

    @property
    def full_edited(self) -> bool:
        return bool(self.full_text.strip()) and self.full_text != self.full_drafted

    @property
    def short_edited(self) -> bool:
        return bool(self.short_text.strip()) and self.short_text != self.short_drafted

    @property
    def can_undo_redraft(self) -> bool:
        return self.full_before_redraft is not None or self.short_before_redraft is not None

    @property
    def is_blank(self) -> bool:
        return self.answers.is_empty() and not self.full_text.strip() and not self.short_text.strip()

    def problems(self) -> list[str]:
        found = self.answers.problems()
        if len(self.full_text) > MAX_TEXT_CHARS or len(self.short_text) > MAX_TEXT_CHARS:
            found.append(f"The statement is too long to keep (at most {MAX_TEXT_CHARS:,} characters).")
        return found


@dataclass(frozen=True)
class StatementVersion:
    """One agreed version, as it was agreed."""

    id: str
    statement_id: str
    number: int
    full_text: str
    short_text: str
    agreed_on: dt.date
    agreed_by: str
    note: str = ""
    created_at: str = ""

    @property
    def label(self) -> str:
        return f"Agreed {format_date(self.agreed_on)} by {self.agreed_by}"

    @property
    def title(self) -> str:
        return f"Version {self.number} — {format_date(self.agreed_on)}"

    def same_text(self, full_text: str, short_text: str) -> bool:
        return _normal(self.full_text) == _normal(full_text) and _normal(self.short_text) == _normal(short_text)


@dataclass(frozen=True)
class AgreedStatement:
    """What exports use: the latest agreed version with the statement's tags."""

    full_text: str
    short_text: str
    agreed_on: dt.date
    agreed_by: str
    version: int
    tags: tuple[str, ...] = ()
    statement_id: str = ""
    version_id: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return f"Agreed {format_date(self.agreed_on)} by {self.agreed_by}"


@dataclass(frozen=True)
class Agreement:
    """What the person says when marking the draft as agreed."""

    agreed_on: dt.date
    agreed_by: str
    note: str = ""


def _normal(text: str) -> str:
    # Trailing spaces or a final new line are not a change anyone would call a change.
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def agreement_problems(statement: Statement, agreement: Agreement, latest: StatementVersion | None,
                       today: dt.date) -> list[str]:
    """Every reason the draft cannot be agreed as it stands, in plain English."""
    found = []
    if not statement.full_text.strip():
        found.append("The statement is empty. Write it (or draft it from your answers) before agreeing it.")
    if not statement.short_text.strip():
        found.append("The one-sentence version is empty. Write it before agreeing the statement — "
                     "forms and e-mail footers use it.")
    words = count_words(statement.short_text)
    if words > SHORT_MAX_WORDS:
        found.append(f"The one-sentence version has {words} words; it can have at most {SHORT_MAX_WORDS}. "
                     "Shorten it, then mark the statement as agreed.")
    if not agreement.agreed_by.strip():
        found.append("Say who agreed it — for example “Board meeting” or “All staff”.")
    elif len(agreement.agreed_by.strip()) > MAX_AGREED_BY:
        found.append(f"“Agreed by” is too long (at most {MAX_AGREED_BY} characters).")
    if len(agreement.note) > MAX_NOTE:
        found.append(f"The note is too long (at most {MAX_NOTE} characters).")
    if agreement.agreed_on > today:
        found.append(f"The date agreed cannot be in the future (today is {format_date(today)}).")
    elif agreement.agreed_on < EARLIEST_AGREEMENT:
        found.append("The date agreed looks wrong; please check the year.")
    elif latest is not None and agreement.agreed_on < latest.agreed_on:
        found.append(f"The date agreed cannot be before version {latest.number} was agreed "
                     f"({format_date(latest.agreed_on)}).")
    found += statement.problems()
    return found


def check_agreement(statement: Statement, agreement: Agreement, latest: StatementVersion | None,
                    today: dt.date) -> Agreement:
    found = agreement_problems(statement, agreement, latest, today)
    if found:
        raise ValidationError(found)
    return replace(agreement, agreed_by=" ".join(agreement.agreed_by.split()), note=agreement.note.strip())


def status_text(statement: Statement | None, latest: StatementVersion | None) -> str:
    """What the journey shows under "Our statement"."""
    if latest is not None:
        text = f"Agreed {format_date(latest.agreed_on)}"
        if statement is not None and not latest.same_text(statement.full_text, statement.short_text):
            text += " · draft changes"
        return text
    if statement is None or statement.is_blank:
        return "Not started"
    return "Draft — not yet agreed"


def draft_differs(statement: Statement | None, latest: StatementVersion | None) -> bool:
    if statement is None:
        return False
    if latest is None:
        return bool(statement.full_text.strip() or statement.short_text.strip())
    return not latest.same_text(statement.full_text, statement.short_text)
