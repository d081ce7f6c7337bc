"""The consultation log: who we listened to, how, what we heard and what we changed.

CIC34 Part 2 asks every CIC who its stakeholders are, how it consulted them and what changed as a
result; a log kept through the year answers it in minutes.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from svdesk.domain.dates import format_date


class Stakeholder(str, enum.Enum):
    SERVICE_USERS = "service_users"
    STAFF = "staff"
    VOLUNTEERS = "volunteers"
    FUNDERS = "funders"
    COMMUNITY = "community"
    PARTNERS = "partners"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _STAKEHOLDER_LABELS[self]


_STAKEHOLDER_LABELS = {
    Stakeholder.SERVICE_USERS: "service users",
    Stakeholder.STAFF: "staff",
    Stakeholder.VOLUNTEERS: "volunteers",
    Stakeholder.FUNDERS: "funders",
    Stakeholder.COMMUNITY: "the local community",
    Stakeholder.PARTNERS: "partners",
    Stakeholder.OTHER: "others",
}


class Method(str, enum.Enum):
    SURVEY = "survey"
    MEETING = "meeting"
    INTERVIEWS = "interviews"
    FEEDBACK_FORMS = "feedback_forms"
    FOCUS_GROUP = "focus_group"
    WORKSHOP = "workshop"
    OPEN_EVENT = "open_event"
    ONLINE = "online"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self][0]

    @property
    def phrase(self) -> str:
        """As it reads in a sentence: 'a survey', 'interviews'."""
        return _METHOD_LABELS[self][1]


_METHOD_LABELS = {
    Method.SURVEY: ("Survey", "a survey"),
    Method.MEETING: ("Meeting", "a meeting"),
    Method.INTERVIEWS: ("Interviews", "interviews"),
    Method.FEEDBACK_FORMS: ("Feedback forms", "feedback forms"),
    Method.FOCUS_GROUP: ("Focus group", "a focus group"),
    Method.WORKSHOP: ("Workshop", "a workshop"),
    Method.OPEN_EVENT: ("Open day or drop-in", "an open event"),
    Method.ONLINE: ("Online poll or comments", "an online poll"),
    Method.OTHER: ("Other", "other means"),
}

MAX_TITLE = 200
MAX_TEXT = 20_000
MAX_PEOPLE = 1_000_000


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Consultation:
    id: str = ""
    held_on: dt.date | None = None
    title: str = ""
    who: tuple[Stakeholder, ...] = ()
    who_other: str = ""
    how: Method = Method.MEETING
    how_other: str = ""
    people: int | None = None
    heard: str = ""
    changed: str = ""
    created_at: str = ""
    updated_at: str = ""

    def who_text(self) -> str:
        """'service users and staff' (with 'others' replaced by what the person typed)."""
        labels = []
        for group in self.who:
            if group is Stakeholder.OTHER and self.who_other.strip():
                labels.append(self.who_other.strip())
            else:
                labels.append(group.label)
        return join_words(labels)

    def how_text(self) -> str:
        if self.how is Method.OTHER and self.how_other.strip():
            return self.how_other.strip()
        return self.how.phrase

    def heading(self) -> str:
        """'12 Jun 2025 — Trainee survey' for lists and reports."""
        when = format_date(self.held_on) if self.held_on else "No date"
        return f"{when} — {self.title.strip() or self.how.label}"

    def problems(self) -> list[str]:
        """What is missing or wrong; a consultation is saved anyway so nothing typed is lost."""
        found = []
        if self.held_on is None:
            found.append("Say when it happened (a date).")
        if not self.who:
            found.append("Tick who you listened to.")
        if self.people is not None and not 0 <= self.people <= MAX_PEOPLE:
            found.append("The number of people must be between 0 and 1,000,000.")
        if not self.heard.strip():
            found.append("Say what you heard.")
        return found

    def input_problems(self) -> list[str]:
        found = []
        if len(self.title) > MAX_TITLE:
            found.append(f"The title is too long (at most {MAX_TITLE} characters).")
        if len(self.heard) > MAX_TEXT or len(self.changed) > MAX_TEXT:
            found.append(f"The text is too long (at most {MAX_TEXT:,} characters).")
        if self.people is not None and not 0 <= self.people <= MAX_PEOPLE:
            found.append("The number of people must be between 0 and 1,000,000.")
        return found
