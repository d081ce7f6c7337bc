"""How far each story's person may be named for a use today, as the last check before an
export uses it: every story of the file counts (in the bin and of every year too), but only the
stories a document could name are read.

See ``svdesk.domain.exposure`` for the rule. A story can change what the rule finds in a text
only if one of its name words is among the text's words (``text_words``/``story_words``): the
file keeps an index from each folded name word to its stories (migration m010, kept in step by
``stories_rows.sync_name_words``), so a check folds the document once, asks SQLite which stories
share a word with it, and reads and decides only those — the cost follows the document, not the
number of stories. Stories whose name changed without the index (``story_names_stale``) are
always read; a file opened read-only before its upgrade has no index and is read whole.

What was read is kept until a story's name or consent changes (``story_names_mark``, raised by
triggers), for the same uses and day: exporting one format after another, or after an edit
elsewhere, reads nothing again but the index.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from dataclasses import dataclass

from svdesk.domain.consent import Consent, IdLevel, Method, Use, may_use
from svdesk.domain.dates import parse_iso_date
from svdesk.domain.exposure import Exposure, ExposureMatcher, NamedStory, prepare
from svdesk.store.orgfile import OrgFile
from svdesk.store.stories_rows import NAME_FACTS_SELECT


@dataclass(frozen=True)
class _Facts:
    """The story as the consent rule sees it. Its status is left out on purpose: whether a
    person may be named is a matter of their consent, not of whether the story is finished."""

    special_categories: frozenset[str]
    about_child: bool
    status: str = "ready"


class FileMatcher:
    """The matcher for a document that goes to every one of ``uses`` on ``on_date``, over the
    whole file: ``find`` reads the small facts rows of the stories the text could name, and
    decides again only those whose facts changed since they were last decided."""

    def __init__(self, orgfile: OrgFile, uses: tuple[Use, ...], on_date: dt.date, indexed: bool,
                 known: dict | None = None):
        self._file = orgfile
        self._uses = uses
        self._on = on_date
        self._indexed = indexed
        # story id -> (its row as read, the story decided): shared by the repository between
        # matchers for the same uses and day, and checked against the row read each time.
        self._read: dict[str, tuple[tuple, NamedStory]] = {} if known is None else known
        self._last: tuple | None = None  # (stories, matcher) of the last text

    def find(self, text: str) -> list[Exposure]:
        prepared = prepare(text)
        if not prepared.words:
            return []
        # Inside a write the rows may yet be rolled back: decide from them, but do not remember.
        read = dict(self._read) if self._file.conn.in_transaction else self._read
        stories = self._stories(prepared.words, read)
        stories = tuple(sorted(stories, key=lambda story: story.story_id))
        if self._last is None or self._last[0] != stories:
            self._last = (stories, ExposureMatcher(stories))
        return self._last[1].find(prepared)

    def _stories(self, words: frozenset[str], read: dict) -> list[NamedStory]:
        conn = self._file.conn
        if not self._indexed:
            return [self._decided(row, row[4:8], row[8:], row, read) for row in conn.execute(_LIVE + _NAMED)]
        facts = {row[0]: row for row in conn.execute(
            "SELECT * FROM story_name_facts WHERE story_id IN (SELECT story_id FROM story_name_tokens "
            "WHERE token IN (SELECT value FROM json_each(?)))", [json.dumps(sorted(words))])}
        stale = [row[0] for row in conn.execute("SELECT story_id FROM story_names_stale")]
        for story_id in stale:
            facts.pop(story_id, None)
        unknown = [story_id for story_id, row in facts.items() if read.get(story_id, (None,))[0] != row]
        names = {}
        if unknown:  # title and names come before the stories' long text: reading them does not read it
            names = {row[0]: row for row in conn.execute(
                "SELECT id, title, person_name, pseudonym FROM stories WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(unknown)])}
        stories = []
        for story_id, row in facts.items():
            known = read.get(story_id)
            if known is not None and known[0] == row:
                stories.append(known[1])
            elif story_id in names:
                stories.append(self._decided(names[story_id], row[1:5], row[5:14], row, read))
        if stale:  # changed behind the repository's back: read from the stories, never remembered
            stories += [self._decided(row, row[4:8], row[8:], row, {}) for row in conn.execute(
                _LIVE + _NAMED + " AND s.id IN (SELECT value FROM json_each(?))", [json.dumps(stale)])]
        return stories

    def _decided(self, names: tuple, story: tuple, consent: tuple, row: tuple, read: dict) -> NamedStory:
        facts = _relevant(tuple(story) + (tuple(consent) if consent[0] is not None else _NO_CONSENT), self._on)
        decided = NamedStory(names[0], names[1], names[2], names[3], *_allowed(facts, self._uses, self._on))
        read[names[0]] = (row, decided)
        return decided


_NAMED = " WHERE (s.person_name != '' OR s.pseudonym != '')"
_LIVE = NAME_FACTS_SELECT.replace("SELECT s.id,", "SELECT s.id, s.title, s.person_name, s.pseudonym,", 1)


class ExposureRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile
        self._cached: tuple | None = None  # (question, stories' mark, matcher)
        self._known: dict[tuple, dict] = {}  # (uses, day) -> what FileMatcher decided, story by story

    def matcher(self, uses: tuple[Use, ...], on_date: dt.date) -> FileMatcher:
        """The matcher for a document that goes to every one of ``uses`` on ``on_date``."""
        uses = tuple(sorted({Use(use) for use in uses}, key=lambda use: use.value))
        question = (self._file.change_mark(), uses, on_date)
        writing = self._file.conn.in_transaction
        if self._cached is not None and self._cached[0] == question and not writing:
            return self._cached[2]
        mark = self._mark()
        if (not writing and mark is not None and self._cached is not None
                and self._cached[0][1:] == question[1:] and self._cached[1] == mark):
            matcher = self._cached[2]  # the file changed, but not its stories' names or consent
        else:
            if (uses, on_date) not in self._known and len(self._known) >= 8:
                self._known.clear()
            known = self._known.setdefault((uses, on_date), {}) if mark is not None else None
            matcher = FileMatcher(self._file, uses, on_date, indexed=mark is not None, known=known)
        # Inside a write the rows may yet be rolled back: do not remember what they said.
        self._cached = None if writing else (question, mark, matcher)
        return matcher

    def _mark(self) -> int | None:
        """The stories' mark, or None for a file without the index (opened read-only before its
        upgrade): its stories are then all read, and kept only until the file changes."""
        try:
            row = self._file.conn.execute("SELECT mark FROM story_names_mark WHERE id = 1").fetchone()
        except sqlite3.OperationalError as error:
            if "no such table" not in str(error):
                raise
            return None
        return None if row is None else row[0]


_NO_CONSENT = (None,) * 9


def _relevant(facts: tuple, on_date: dt.date) -> tuple:
    """``facts`` with each consent date that cannot change the decision on ``on_date`` replaced
    by one that decides the same (consent given in the past: ``on_date`` itself; an expiry or a
    withdrawal still to come: none), so that stories differing only in such dates share one
    remembered decision. A date that can change it (given later, expired, withdrawn) is kept,
    since the reason quotes it."""
    given_on, expires_on, withdrawn_on = facts[5], facts[10], facts[12]
    on = on_date.isoformat()
    if given_on and _date(given_on) <= on_date:
        given_on = on
    if expires_on and _date(expires_on) >= on_date:
        expires_on = None
    if withdrawn_on and _date(withdrawn_on) > on_date:
        withdrawn_on = None
    return (*facts[:5], given_on, *facts[6:10], expires_on, facts[11], withdrawn_on)


# The decision depends only on these few values, and most of them repeat from story to story
# and from one export to the next: remembered, a file of 10,000 stories is decided again in a
# few milliseconds after one of them changes.
@functools.lru_cache(maxsize=65536)
def _allowed(facts: tuple, uses: tuple[Use, ...], on_date: dt.date) -> tuple[IdLevel | None, str]:
    (level, special, child, deleted, given, given_on, method, recorded, stored_uses, consent_level, expires_on,
     explicit, withdrawn_on) = facts
    if deleted:
        return None, "the story is in the bin"
    consent = Consent() if given is None else Consent(
        given=bool(given), given_on=_date(given_on), method=Method(method) if method else None,
        recorded_by="recorded" if recorded else "", uses=_uses(stored_uses), level=IdLevel(consent_level),
        expires_on=_date(expires_on), explicit=bool(explicit), withdrawn_on=_date(withdrawn_on))
    story = _Facts(_categories(special), bool(child))
    for use in uses:
        decision = may_use(story, consent, use, on_date, IdLevel.ANONYMOUS)
        if not decision:
            return None, decision.reasons[0]
    allowed = IdLevel(level).at_most(consent.level)
    if allowed is IdLevel.NAMED:
        return allowed, ""
    if consent.level.rank <= allowed.rank:
        return allowed, _AGREED[consent.level]
    return allowed, _STORY_SET[allowed]


@functools.lru_cache(maxsize=64)
def _uses(stored: str) -> frozenset[Use]:
    return frozenset(Use(value) for value in json.loads(stored))


@functools.lru_cache(maxsize=64)
def _categories(stored: str) -> frozenset[str]:
    return frozenset(json.loads(stored))


@functools.lru_cache(maxsize=8192)  # dates repeat from story to story
def _date(value: str | None) -> dt.date | None:
    return parse_iso_date(value) if value else None


_AGREED = {IdLevel.ANONYMOUS: "they agreed to be described anonymously only",
           IdLevel.FIRST_NAME: "they agreed to their first name only"}
_STORY_SET = {IdLevel.ANONYMOUS: "the story is set to be told anonymously",
              IdLevel.FIRST_NAME: "the story is set to use their first name only"}
