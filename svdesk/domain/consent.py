"""Consent to use a person's story, and the one rule every export obeys.

A story about a real person is personal data (UK GDPR). Consent is specific (which uses), informed
(what they were told), recorded (when, how, by whom), can expire and can be withdrawn at any time,
after which no new use is allowed. Special category data (health, ethnicity, religion, ...) and
stories about children need explicit consent before any use outside the organisation.

``may_use`` is pure: the same story, consent, use, date and level always give the same decision,
and it says why in plain English, so a person can fix what is missing.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Protocol

from svdesk.domain.dates import format_date
from svdesk.domain.errors import SvdeskError


class Use(str, enum.Enum):
    INTERNAL = "internal"
    TENDERS_FUNDERS = "tenders_funders"
    PUBLIC_REPORTS = "public_reports"
    WEBSITE_SOCIAL = "website_social"

    @property
    def label(self) -> str:
        return _USE_LABELS[self]

    @property
    def short_label(self) -> str:
        return _USE_SHORT[self]

    @property
    def is_external(self) -> bool:
        return self is not Use.INTERNAL


_USE_LABELS = {
    Use.INTERNAL: "internal use",
    Use.TENDERS_FUNDERS: "tenders and funders",
    Use.PUBLIC_REPORTS: "CIC34 and public reports",
    Use.WEBSITE_SOCIAL: "website and social media",
}
_USE_SHORT = {
    Use.INTERNAL: "Internal",
    Use.TENDERS_FUNDERS: "Tenders",
    Use.PUBLIC_REPORTS: "Reports",
    Use.WEBSITE_SOCIAL: "Web",
}
USE_ORDER = (Use.INTERNAL, Use.TENDERS_FUNDERS, Use.PUBLIC_REPORTS, Use.WEBSITE_SOCIAL)


class IdLevel(str, enum.Enum):
    """How identifiable the person is in what we write, from least to most."""

    ANONYMOUS = "anonymous"
    FIRST_NAME = "first_name"
    NAMED = "named"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]

    def at_most(self, other: "IdLevel") -> "IdLevel":
        """The less identifying of the two."""
        return self if self.rank <= other.rank else other


_LEVEL_RANK = {IdLevel.ANONYMOUS: 0, IdLevel.FIRST_NAME: 1, IdLevel.NAMED: 2}
_LEVEL_LABELS = {
    IdLevel.ANONYMOUS: "anonymous",
    IdLevel.FIRST_NAME: "first name only",
    IdLevel.NAMED: "full name",
}
LEVEL_ORDER = (IdLevel.NAMED, IdLevel.FIRST_NAME, IdLevel.ANONYMOUS)


class Method(str, enum.Enum):
    """How consent was given."""

    SIGNED_FORM = "signed_form"
    VERBAL = "verbal"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    Method.SIGNED_FORM: "Signed form",
    Method.VERBAL: "Verbal (recorded by a member of staff)",
    Method.ONLINE: "Online form",
}


class ConsentState(str, enum.Enum):
    """A summary of a consent record on a given day (for lists and filters)."""

    NONE = "none"
    CURRENT = "current"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ConsentState.NONE: "No consent",
    ConsentState.CURRENT: "Consent given",
    ConsentState.EXPIRED: "Consent expired",
    ConsentState.WITHDRAWN: "Consent withdrawn",
}


@dataclass(frozen=True)
class Consent:
    """What the person agreed to. A story without a record has ``Consent()``: nothing given."""

    given: bool = False
    given_on: dt.date | None = None
    method: Method | None = None
    recorded_by: str = ""
    given_by: str = ""  # who agreed: the person, or a parent or guardian for a child
    told: str = ""  # what they were told about how the story would be used
    uses: frozenset[Use] = field(default_factory=frozenset)
    level: IdLevel = IdLevel.ANONYMOUS  # the most identifying level they agreed to
    expires_on: dt.date | None = None  # last day the consent covers
    explicit: bool = False  # explicit consent for special category data or a child's story
    photos: bool = False  # photographs and video of them may be used with the story (a separate tick)
    withdrawn_on: dt.date | None = None
    withdrawal_note: str = ""

    def state(self, on_date: dt.date) -> ConsentState:
        if self.withdrawn_on is not None and on_date >= self.withdrawn_on:
            return ConsentState.WITHDRAWN
        if not self.given:
            return ConsentState.NONE
        if self.expires_on is not None and on_date > self.expires_on:
            return ConsentState.EXPIRED
        return ConsentState.CURRENT

    def problems(self) -> list[str]:
        """What makes this record incomplete or contradictory (it is saved anyway, but refused)."""
        found = []
        if self.given:
            if self.given_on is None:
                found.append("Say on which date consent was given.")
            if self.method is None:
                found.append("Say how consent was given (signed form, verbal or online).")
            elif self.method is Method.VERBAL and not self.recorded_by.strip():
                found.append("Verbal consent needs the name of the person who recorded it.")
            if not self.uses:
                found.append("Tick at least one use the person agreed to.")
            if self.given_on and self.expires_on and self.expires_on < self.given_on:
                found.append("The expiry date is before the date consent was given.")
        if self.given_on and self.withdrawn_on and self.withdrawn_on < self.given_on:
            found.append("The withdrawal date is before the date consent was given.")
        return found

    @property
    def is_complete(self) -> bool:
        return not self.problems()


class StoryFacts(Protocol):
    """What the rule needs to know about a story."""

    status: str
    special_categories: frozenset[str]
    about_child: bool


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[str, ...]
    use: Use
    level: IdLevel
    on_date: dt.date

    def __bool__(self) -> bool:
        return self.allowed

    def explain(self) -> str:
        return " ".join(self.reasons)


class ConsentRefused(SvdeskError):
    """A story was about to be used in a way its consent does not allow."""

    def __init__(self, title: str, decision: Decision):
        self.decision = decision
        super().__init__(
            f"“{title}” cannot be used for {decision.use.label} on {format_date(decision.on_date)}: "
            + decision.explain()
        )


SPECIAL_CATEGORIES = {
    "health": "Health (physical or mental)",
    "ethnicity": "Racial or ethnic origin",
    "religion": "Religious or philosophical beliefs",
    "sexuality": "Sex life or sexual orientation",
    "politics": "Political opinions",
    "trade_union": "Trade union membership",
    "genetic_biometric": "Genetic or biometric data",
    "criminal": "Criminal convictions or offences",
}


# Short names for check boxes (the full names above go in tooltips and screen-reader names).
SPECIAL_CATEGORY_SHORT = {
    "health": "Health",
    "ethnicity": "Ethnic origin",
    "religion": "Religion or belief",
    "sexuality": "Sexuality",
    "politics": "Political opinions",
    "trade_union": "Trade union",
    "genetic_biometric": "Genetic or biometric",
    "criminal": "Criminal offences",
}


def describe_categories(categories: frozenset[str] | set[str]) -> str:
    names = [SPECIAL_CATEGORIES.get(key, key).split(" (")[0].lower() for key in sorted(categories)]
    return ", ".join(names)


def uses_text(uses) -> str:
    chosen = [use.label for use in USE_ORDER if use in uses]
    return ", ".join(chosen) if chosen else "nothing"


NO_PHOTO_CONSENT = ("The story has photographs or video of the person, and they have not agreed to "
                    "photographs and video (a separate tick on the consent record).")


def may_use(story: StoryFacts, consent: Consent, use: Use, on_date: dt.date, level: IdLevel,
            has_photos: bool = False) -> Decision:
    """Whether ``story`` may be used for ``use`` on ``on_date`` with the person identified at
    ``level``, and every reason why not. ``has_photos``: photographs or video are attached to the
    story; without the separate photo tick the story is not used at all, for any use."""
    reasons: list[str] = []
    if story.status != "ready":
        reasons.append("The story is still a draft; mark it ready first.")
    if consent.withdrawn_on is not None and on_date >= consent.withdrawn_on:
        reasons.append(f"Consent was withdrawn on {format_date(consent.withdrawn_on)}.")
    if not consent.given:
        reasons.append("No consent has been recorded for this story.")
        return Decision(False, tuple(reasons), use, level, on_date)
    if consent.given_on is None:
        reasons.append("The consent record has no date.")
    elif on_date < consent.given_on:
        reasons.append(f"Consent was only given on {format_date(consent.given_on)}.")
    if consent.method is None:
        reasons.append("The consent record does not say how consent was given.")
    elif consent.method is Method.VERBAL and not consent.recorded_by.strip():
        reasons.append("Verbal consent needs the name of the person who recorded it.")
    if consent.expires_on is not None and on_date > consent.expires_on:
        reasons.append(f"Consent expired on {format_date(consent.expires_on)}.")
    if use not in consent.uses:
        reasons.append(f"Consent does not cover {use.label} (it covers: {uses_text(consent.uses)}).")
    if has_photos and not consent.photos:
        reasons.append(NO_PHOTO_CONSENT)
    if level.rank > consent.level.rank:
        reasons.append(
            f"They agreed to be identified {_level_phrase(consent.level)} at most, not {_level_phrase(level)}."
        )
    if use.is_external and not consent.explicit:
        if story.special_categories:
            reasons.append(
                f"This story includes special category data ({describe_categories(story.special_categories)}) "
                "and there is no explicit consent for use outside the organisation."
            )
        if story.about_child:
            reasons.append(
                "This story is about a child and there is no explicit consent (from a parent or guardian) "
                "for use outside the organisation."
            )
    return Decision(not reasons, tuple(reasons), use, level, on_date)


def _level_phrase(level: IdLevel) -> str:
    return {
        IdLevel.ANONYMOUS: "anonymously",
        IdLevel.FIRST_NAME: "by first name only",
        IdLevel.NAMED: "by full name",
    }[level]
