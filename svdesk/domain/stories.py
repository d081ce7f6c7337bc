"""Stories of change: what we record, when a story is complete, and how it is written out at a
given identification level (named, first name only, anonymous).

Rendering is where privacy is kept: a story used anonymously never shows the person's recorded
name or pseudonym — not in the attribution, and not in the text either, where any mention is
replaced and a warning tells the person to rewrite it.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from svdesk.domain.consent import SPECIAL_CATEGORIES, ConsentState, IdLevel, Use
from svdesk.domain.dates import format_date
from svdesk.domain.textfold import fold, words
from svdesk.domain.textsafe import clean_line, clean_text


class Status(str, enum.Enum):
    DRAFT = "draft"
    READY = "ready"

    @property
    def label(self) -> str:
        return "Draft" if self is Status.DRAFT else "Ready"


MAX_TITLE = 200
MAX_FIELD = 20_000
MAX_KEYWORDS = 30

# Suggested domains of change (Most Significant Change): the person can type their own.
DOMAIN_SUGGESTIONS = (
    "Skills and work",
    "Confidence and wellbeing",
    "Getting around",
    "Belonging and community",
    "Environment",
    "Money",
)

TEXT_FIELDS = ("before", "what_we_did", "after", "quote", "why_it_matters")
FIELD_HEADINGS = {
    "before": "Before",
    "what_we_did": "What we did",
    "after": "After",
    "quote": "In their words",
    "why_it_matters": "Why it matters",
}

REDACTED = "[name removed]"
_FALLBACK_REDACTED = "[…]"
_ANONYMOUS_DEFAULTS = ("someone we worked with", "a person we supported", "one participant")


@dataclass(frozen=True)
class Story:
    id: str = ""
    title: str = ""
    story_date: dt.date | None = None
    domain: str = ""
    level: IdLevel = IdLevel.ANONYMOUS  # how identifiable the story is meant to be when shared
    person_name: str = ""
    pseudonym: str = ""
    anonymous_as: str = ""  # how to describe them when anonymous, e.g. "a trainee, 19"
    before: str = ""
    what_we_did: str = ""
    after: str = ""
    quote: str = ""
    why_it_matters: str = ""
    keywords: tuple[str, ...] = ()
    status: str = Status.DRAFT.value
    special_categories: frozenset[str] = field(default_factory=frozenset)
    about_child: bool = False
    created_at: str = ""
    updated_at: str = ""

    def problems(self) -> list[str]:
        """Why this story cannot be marked ready yet (empty when it can)."""
        found = []
        if not self.title.strip():
            found.append("Give the story a short title.")
        if self.story_date is None:
            found.append("Say when it happened (a date).")
        if not (self.after.strip() or self.what_we_did.strip()):
            found.append("Say what changed (the “After” box) or what you did.")
        if self.level is not IdLevel.ANONYMOUS and not self.person_name.strip():
            found.append("Record the person's name, or make the story anonymous.")
        return found

    def input_problems(self) -> list[str]:
        """Values that cannot be saved at all, draft or not."""
        found = []
        if len(self.title) > MAX_TITLE:
            found.append(f"The title is too long (at most {MAX_TITLE} characters).")
        for name in TEXT_FIELDS:
            if len(getattr(self, name)) > MAX_FIELD:
                found.append(f"“{FIELD_HEADINGS[name]}” is too long (at most {MAX_FIELD:,} characters).")
        if len(self.keywords) > MAX_KEYWORDS:
            found.append(f"Use at most {MAX_KEYWORDS} tags.")
        unknown = sorted(set(self.special_categories) - set(SPECIAL_CATEGORIES))
        if unknown:
            found.append("Unknown kind of special category data: " + ", ".join(unknown) + ".")
        if self.status not in {status.value for status in Status}:
            found.append("A story is either a draft or ready.")
        return found

    @property
    def is_ready(self) -> bool:
        return self.status == Status.READY.value

    def name_warning(self, allowed: IdLevel) -> str:
        """A warning when the text names the person more than ``allowed`` permits ("" if fine)."""
        banned = banned_words(self, allowed)
        if not banned:
            return ""
        texts = [self.title, *(getattr(self, name) for name in TEXT_FIELDS)]
        if any(set(words(text)) & banned for text in texts):
            if allowed is IdLevel.ANONYMOUS:
                return ("The story text mentions the person's name or pseudonym, but it may only be used "
                        "anonymously: exports will show “[name removed]” there. Rewrite it without the name.")
            return ("The story text mentions the person's surname, but they agreed to first name only: "
                    "exports leave the surname out. Rewrite it with the first name only.")
        return ""


def parse_keywords(text: str) -> tuple[str, ...]:
    """'apprenticeship, Small Heath;  cycling' -> ('apprenticeship', 'Small Heath', 'cycling')."""
    seen, found = set(), []
    for part in re.split(r"[,;\n]", text or ""):
        word = clean_line(part)[:60]
        if word and fold(word) not in seen:
            seen.add(fold(word))
            found.append(word)
    return tuple(found)


@dataclass(frozen=True)
class StorySummary:
    """One row of the story list."""

    id: str
    title: str
    story_date: dt.date | None
    status: str
    consent_state: ConsentState
    use_count: int
    level: IdLevel
    domain: str = ""

    @property
    def date_text(self) -> str:
        return format_date(self.story_date) if self.story_date else "No date"


@dataclass(frozen=True)
class StoryUse:
    """One line of the use log: this story went into that document, for that use, on that day."""

    id: str
    story_id: str
    use: Use
    document: str
    used_on: dt.date
    level: IdLevel
    created_at: str = ""

    def describe(self) -> str:
        """'“Tender: Youth cycling 2026” (tenders and funders, 3 Mar 2026)'."""
        return f"“{self.document}” ({self.use.label}, {format_date(self.used_on)})"


@dataclass(frozen=True)
class UsableStory:
    """A story as an export may print it: already rendered at ``level``."""

    story_id: str
    title: str
    story_date: dt.date | None
    domain: str
    level: IdLevel
    who: str
    before: str
    what_we_did: str
    after: str
    quote: str
    why_it_matters: str
    indicator_ids: tuple[str, ...] = ()
    photo_ids: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def text_parts(self) -> list[tuple[str, str]]:
        """(heading, text) for each part that has text, in reading order."""
        return [(FIELD_HEADINGS[name], getattr(self, name)) for name in TEXT_FIELDS if getattr(self, name).strip()]


def banned_words(story: Story, level: IdLevel) -> set[str]:
    """Folded words that must not appear when the story is shown at ``level``."""
    name = words(story.person_name)
    if level is IdLevel.NAMED:
        return set()
    if level is IdLevel.FIRST_NAME:
        return set(name[1:]) - set(name[:1])
    return set(name) | set(words(story.pseudonym))


@functools.lru_cache(maxsize=32768)
def _token_words(token: str) -> tuple[str, ...]:
    """The folded words of one token. Cached: stories repeat the same few thousand words, and
    folding (NFKD and friends) is the slow part of checking every word of every story."""
    return tuple(words(token))


def _redact(text: str, banned: set[str], marker: str, drop_after: set[str] = frozenset()) -> tuple[str, bool]:
    """``text`` with every banned word replaced by ``marker`` (runs of them by one marker).

    A banned word right after a word in ``drop_after`` is simply left out, so at first-name level
    "Łukasz Nowak" becomes "Łukasz" rather than "Łukasz [name removed]".
    """
    text = unicodedata.normalize("NFC", text)
    if not banned or not text:
        return text, False
    # Folding is character by character, so a banned word in any token is also in the folded
    # whole: most texts never name the person and are returned as they are, without the walk.
    folded = fold(text)
    if not any(word in folded for word in banned):
        return text, False
    pieces: list[str] = []
    last = 0
    hit = False
    previous = ""  # "marker", "dropped", or the folded previous word
    for match in re.finditer(r"[^\W_]+", text):
        token_words = _token_words(match.group())
        gap = text[last:match.start()]
        joined = gap.strip() in ("", "-")
        if token_words and all(word in banned for word in token_words):
            hit = True
            if joined and previous in ("marker", "dropped"):
                pass  # "Pritchard-Jones", "Łukasz Nowak": one marker for the whole name
            elif joined and previous in drop_after:
                previous = "dropped"
            else:
                pieces += [gap, marker]
                previous = "marker"
        else:
            pieces += [gap, match.group()]
            previous = token_words[-1] if token_words else ""
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), hit


def _first_free(candidates, banned: set[str]) -> str:
    for candidate in candidates:
        if candidate and not set(words(candidate)) & banned:
            return candidate
    return "anonymous"


def who_at(story: Story, level: IdLevel) -> str:
    """How the person is named at ``level``: full name, first name, or the anonymous description."""
    banned = banned_words(story, level)
    name = clean_line(story.person_name)
    if level is IdLevel.NAMED and name:
        return name
    if level is IdLevel.FIRST_NAME and name:
        return name.split()[0]
    if level is not IdLevel.ANONYMOUS and story.pseudonym.strip():
        return clean_line(story.pseudonym)
    described, _ = _redact(clean_line(story.anonymous_as), banned, "")
    described = " ".join(described.split()).strip(" ,;-")
    return _first_free((described, *_ANONYMOUS_DEFAULTS), banned)


def _redaction(story: Story, level: IdLevel) -> tuple[set[str], str, set[str]]:
    """(banned words, the marker that replaces them, first-name words they may follow unmarked)."""
    banned = banned_words(story, level)
    marker = REDACTED if not {"name", "removed"} & banned else _FALLBACK_REDACTED
    first = set(words(story.person_name)[:1]) if level is IdLevel.FIRST_NAME else set()
    return banned, marker, first


def rendered_title(story: Story, level: IdLevel) -> str:
    """The title exactly as ``render`` prints it at ``level``, without rendering the rest: for
    listing and ordering a year of stories before any of them is printed. Needs only the
    story's title, person's name and pseudonym."""
    banned, marker, first = _redaction(story, IdLevel(level))
    return _redact(clean_line(story.title), banned, marker, first)[0]


def told_fragments(story: Story, level: IdLevel) -> tuple[str, str, str]:
    """(title, quote, after) exactly as ``render`` prints them at ``level``, without redacting
    the story's long parts: for finding which of a year's stories an edited text tells. Needs
    only the title, quote, after, person's name and pseudonym (``StoriesRepo.listing`` reads them)."""
    banned, marker, first = _redaction(story, IdLevel(level))
    return (_redact(clean_line(story.title), banned, marker, first)[0],
            _redact(clean_text(story.quote).strip(), banned, marker, first)[0],
            _redact(clean_text(story.after).strip(), banned, marker, first)[0])


def render(story: Story, level: IdLevel, indicator_ids=(), photo_ids=()) -> UsableStory:
    """The story as it may be printed at ``level``; the name rules are enforced here."""
    return _render(story, IdLevel(level), tuple(indicator_ids), tuple(photo_ids))


# Rendering is a pure function of its arguments (the story is frozen, stamps included), and the
# journey redrafts the year's report after every change: with years of stories, remembering the
# last renderings keeps that redraft from checking every word of every story again.
@functools.lru_cache(maxsize=1024)
def _render(story: Story, level: IdLevel, indicator_ids: tuple, photo_ids: tuple) -> UsableStory:
    banned, marker, first = _redaction(story, level)
    redacted_any = False
    values = {}
    for name in ("title", *TEXT_FIELDS):
        raw = clean_line(story.title) if name == "title" else clean_text(getattr(story, name)).strip()
        values[name], hit = _redact(raw, banned, marker, first)
        redacted_any = redacted_any or hit
    domain, hit = _redact(clean_line(story.domain), banned, marker, first)
    redacted_any = redacted_any or hit
    warnings = []
    if redacted_any:
        warnings.append(story.name_warning(level) or "A name was removed from the story text.")
    return UsableStory(
        story_id=story.id, title=values["title"], story_date=story.story_date, domain=domain,
        level=level, who=who_at(story, level), before=values["before"], what_we_did=values["what_we_did"],
        after=values["after"], quote=values["quote"], why_it_matters=values["why_it_matters"],
        indicator_ids=tuple(indicator_ids), photo_ids=tuple(photo_ids) if level is not IdLevel.ANONYMOUS else (),
        warnings=tuple(warnings),
    )
