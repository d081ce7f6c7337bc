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

A word hundreds of stories share (a common first name, a pseudonym such as "Sam") would still
bring them all in. Written alone it names nobody once one story may be named by it (the rule's
"a name someone else may be given here"), and a run of such words ("Zoë Clarke", shared by every
story about her) nobody once one story may be named by that run. So a story whose words in the
text are all shared words is read only when, at some place in the text, its run there (a word
alone, or the part of a stretch of joined shared words that is its own) is one nobody read so
far may be named by: its stories are then read until one who may is found, and if none may, all
that could be named by it there. The others cannot change what is found
(``tests/store/test_exposure_shortcut.py`` compares it with reading every story).

What was read is kept until a story's name or consent changes (``story_names_mark``, raised by
triggers), for the same uses and day: exporting one format after another, or after an edit
elsewhere, reads nothing again but the index.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from dataclasses import dataclass, replace

from svdesk.domain.consent import Consent, IdLevel, Method, Use, may_use
from svdesk.domain.dates import parse_iso_date
from svdesk.domain.exposure import (Exposure, ExposureMatcher, NamedStory, PreparedText, alone_allowed, joined_runs,
                                    prepare, runs_allowed)
from svdesk.domain.exposure_words import name_words
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
        stories = self._stories(prepared, read)
        stories = tuple(sorted(stories, key=lambda story: story.story_id))
        if self._last is None or self._last[0] != stories:
            self._last = (stories, ExposureMatcher(stories))
        return self._last[1].find(prepared)

    def _without_photo_consent(self, stories: list[NamedStory]) -> list[NamedStory]:
        """A story with photographs or video and no photo consent may not be used at all (the same
        rule as svdesk.domain.consent.may_use), so its names may not appear either. Read each time,
        not remembered: attaching a photo changes none of the facts rows above."""
        named = [story.story_id for story in stories if story.allowed is not None]
        if not named:
            return stories
        photos = ("a.owner_table = 'stories' AND a.deleted_at IS NULL AND "
                  "(a.role = 'photo' OR a.media_type LIKE 'image/%' OR a.media_type LIKE 'video/%') AND "
                  "a.owner_id IN (SELECT value FROM json_each(?))")
        try:
            refused = {row[0] for row in self._file.conn.execute(
                "SELECT DISTINCT a.owner_id FROM attachments a LEFT JOIN story_consents c ON c.story_id = a.owner_id "
                f"WHERE (c.photos IS NULL OR c.photos = 0) AND {photos}", [json.dumps(named)])}
        except sqlite3.OperationalError as error:
            if "no such column" not in str(error):
                raise
            # A file read before its upgrade has no photo tick yet: nobody has given it.
            refused = {row[0] for row in self._file.conn.execute(
                f"SELECT DISTINCT a.owner_id FROM attachments a WHERE {photos}", [json.dumps(named)])}
        return [replace(story, allowed=None, reason=_NO_PHOTO_CONSENT) if story.story_id in refused else story
                for story in stories]

    def _stories(self, prepared: PreparedText, read: dict) -> list[NamedStory]:
        conn = self._file.conn
        if not self._indexed:
            return self._without_photo_consent(
                [self._decided(row, row[4:8], row[8:], row, read) for row in conn.execute(_LIVE + _NAMED)])
        words = json.dumps(sorted(prepared.words))
        counts = conn.execute(_COUNTS, [words, _FEW + 1]).fetchall()
        # Words many stories share: see the module's note, ``_runs_checked`` and ``_until_allowed``.
        shared = {word for word, number in counts if number > _FEW}
        runs = joined_runs(prepared, shared)
        shared -= {first for run in runs for first, then in zip(run, run[1:]) if first == then}
        pieces = {piece for run in runs for piece in _pieces(run, shared) if len(piece) > 1}
        # Longer stretches of shared words (a list of names without commas): every story with two
        # joined words of them is read.
        pairs = sorted({pair for piece in pieces if len(piece) > _LONGEST for pair in zip(piece, piece[1:])})
        few = [word for word, number in counts if word not in shared]
        stale = [row[0] for row in conn.execute("SELECT story_id FROM story_names_stale")]
        stories = self._from_facts(conn.execute(_FACTS, [json.dumps(few), json.dumps(pairs)]), stale, read)
        if stale:  # changed behind the repository's back: read from the stories, never remembered
            stories += self._without_photo_consent([self._decided(row, row[4:8], row[8:], row, {}) for row in conn.execute(
                _LIVE + _NAMED + " AND s.id IN (SELECT value FROM json_each(?))", [json.dumps(stale)])])
        # Runs first: a story that may be named by a full name may be named by each of its words.
        short = sorted(piece for piece in pieces if len(piece) <= _LONGEST)
        if short:
            stories += self._runs_checked(short, stories, stale, read)
        if shared:
            stories += self._until_allowed(sorted(shared), stories, stale, read)
        return stories

    def _runs_checked(self, pieces: list[tuple[str, ...]], stories: list[NamedStory], stale: list[str],
                      read: dict) -> list[NamedStory]:
        """For each run a story could be named by in these stretches of shared words (each part of
        a stretch, where the words either side are not that story's): nothing to read if no story
        could, or if one story may be named by that run; otherwise the stories that could."""
        allowed = set()
        for story in stories:
            allowed |= runs_allowed(story)
        seen = {story.story_id for story in stories} | set(stale)
        more: list[NamedStory] = []

        def decide(rows) -> None:
            nonlocal allowed
            for story in self._from_facts([row for row in rows if row[0] not in seen], (), read):
                seen.add(story.story_id)
                more.append(story)
                allowed |= runs_allowed(story)

        conn = self._file.conn
        for piece in pieces:
            for first in range(len(piece)):
                for last in range(first + 2, len(piece) + 1):
                    run = piece[first:last]
                    besides = ({piece[first - 1]} if first else set()) | ({piece[last]} if last < len(piece) else set())
                    if run in allowed or besides & set(run):
                        continue
                    words = sorted(set(run))
                    # One who may be fully named by it, the likeliest first; else any story could
                    # be named by it here? Then every story named so, and if none may be, those.
                    decide(conn.execute(_with_all(len(words), "SELECT f.*") + _LIKELY_NAMED + " LIMIT 1",
                                        {**_numbered(words), **self._likely()}).fetchall())
                    if run in allowed:
                        continue
                    could = (_with_all(len(words), "SELECT t0.story_id") + " AND NOT EXISTS (SELECT 1 FROM "
                             "story_name_tokens x WHERE x.story_id = t0.story_id AND x.token IN "
                             "(SELECT value FROM json_each(:besides)))")
                    arguments = {**_numbered(words), "besides": json.dumps(sorted(besides))}
                    if conn.execute(could + " LIMIT 1", arguments).fetchone() is None:
                        continue  # no story could be named by this run here
                    named = [row[0] for row in conn.execute(
                        _with_all(len(words), "SELECT s.id, s.person_name, s.pseudonym", "stories s ON s.id"),
                        _numbered(words)) if run in (name_words(row[1]), name_words(row[2]))]
                    if named:
                        decide(conn.execute("SELECT * FROM story_name_facts WHERE story_id IN "
                                            "(SELECT value FROM json_each(?))", [json.dumps(named)]).fetchall())
                    if run not in allowed:
                        decide(conn.execute(f"SELECT * FROM story_name_facts WHERE story_id IN ({could})",
                                            arguments).fetchall())
        return more

    def _likely(self) -> dict:
        uses = [use.value for use in self._uses] or [""]
        return {"day": self._on.isoformat(), **{f"use{n}": uses[min(n, len(uses) - 1)] for n in range(4)}}

    def _until_allowed(self, shared: list[str], stories: list[NamedStory], stale: list[str],
                       read: dict) -> list[NamedStory]:
        """For each shared word: its stories, decided in turn (those likeliest to be allowed
        first) until one may be named by that word alone. The others, whose only word in the
        text it is, cannot change what the check finds: they are not read. If none may, all are."""
        allowed = set()
        for story in stories:
            allowed |= alone_allowed(story)
        seen = {story.story_id for story in stories} | set(stale)
        more: list[NamedStory] = []
        for word in shared:
            if word in allowed:
                continue
            for rows in self._sharing(word):
                for story in self._from_facts([row for row in rows if row[0] not in seen], (), read):
                    seen.add(story.story_id)
                    more.append(story)
                    allowed |= alone_allowed(story)
                if word in allowed:
                    break
        return more

    def _sharing(self, word: str):
        """The facts rows of the stories named by ``word``, a few at a time: first a few of those
        likeliest to be allowed (only a guess, to find one soon: each is decided by the rule
        itself), then all of them."""
        likely = {"word": word, **self._likely()}
        # One who may be fully named may be named by any word of their name: the first guess.
        yield self._file.conn.execute(_SHARING + _LIKELY_NAMED + " LIMIT 1", likely).fetchall()
        yield self._file.conn.execute(_SHARING + _LIKELY + " LIMIT 1", likely).fetchall()
        cursor = self._file.conn.execute(_SHARING, {"word": word})
        try:
            size = 4
            while rows := cursor.fetchmany(size):
                yield rows
                size = min(size * 2, 256)
        finally:
            cursor.close()

    def _from_facts(self, rows, stale, read: dict) -> list[NamedStory]:
        """The stories of these facts rows, decided (again only when their row changed)."""
        facts = {row[0]: row for row in rows}
        for story_id in stale:
            facts.pop(story_id, None)
        unknown = [story_id for story_id, row in facts.items() if read.get(story_id, (None,))[0] != row]
        names = {}
        if unknown:  # title and names come before the stories' long text: reading them does not read it
            names = {row[0]: row for row in self._file.conn.execute(
                "SELECT id, title, person_name, pseudonym FROM stories WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(unknown)])}
        stories = []
        for story_id, row in facts.items():
            known = read.get(story_id)
            if known is not None and known[0] == row:
                stories.append(known[1])
            elif story_id in names:
                stories.append(self._decided(names[story_id], row[1:5], row[5:14], row, read))
        # After the remembered decisions: the shortcuts above then look further for a story that
        # may be named, as they would for any other refusal.
        return self._without_photo_consent(stories)

    def _decided(self, names: tuple, story: tuple, consent: tuple, row: tuple, read: dict) -> NamedStory:
        facts = _relevant(tuple(story) + (tuple(consent) if consent[0] is not None else _NO_CONSENT), self._on)
        decided = NamedStory(names[0], names[1], names[2], names[3], *_allowed(facts, self._uses, self._on))
        read[names[0]] = (row, decided)
        return decided


_FEW = 8  # a word of at most this many stories: they are all read
_TOKENS_IN = "SELECT story_id FROM story_name_tokens WHERE token IN (SELECT value FROM json_each(?))"
# How many stories each word of the text names, counted only up to ?2 (more is "many").
_COUNTS = ("SELECT value, (SELECT count(*) FROM (SELECT 1 FROM story_name_tokens WHERE token = value LIMIT ?2)) "
           "AS n FROM json_each(?1) WHERE n > 0")
# The stories of the few-story words, and those with both words of a pair written joined.
_FACTS = (f"SELECT * FROM story_name_facts WHERE story_id IN ({_TOKENS_IN} UNION "
          "SELECT one.story_id FROM json_each(?) pair JOIN story_name_tokens one "
          "ON one.token = json_extract(pair.value, '$[0]') JOIN story_name_tokens other "
          "ON other.token = json_extract(pair.value, '$[1]') AND other.story_id = one.story_id)")
_LONGEST = 4  # words in a stretch of shared words whose every part is checked on its own


def _with_all(number: int, select: str, joined: str = "story_name_facts f ON f.story_id") -> str:
    """The stories with every one of ``number`` words (:w0, :w1, ...), one index lookup per word."""
    chain = " ".join(f"JOIN story_name_tokens t{n} ON t{n}.token = :w{n} AND t{n}.story_id = t0.story_id"
                     for n in range(1, number))
    return f"{select} FROM story_name_tokens t0 {chain} JOIN {joined} = t0.story_id WHERE t0.token = :w0"


def _numbered(words: list[str]) -> dict:
    return {f"w{n}": word for n, word in enumerate(words)}


_SHARING = ("SELECT f.* FROM story_name_tokens t JOIN story_name_facts f ON f.story_id = t.story_id "
            "WHERE t.token = :word")
# What most stories that may be named have (only a guess: see FileMatcher._sharing).
_LIKELY = (" AND f.deleted = 0 AND f.given = 1 AND f.withdrawn_on IS NULL AND f.level != 'anonymous' "
           "AND f.consent_level != 'anonymous' AND coalesce(f.expires_on >= :day, 1) "
           "AND (f.explicit OR f.special_categories = '[]' AND NOT f.about_child) "
           + " ".join(f"AND instr(f.uses, '\"' || :use{n} || '\"')" for n in range(4)))
_LIKELY_NAMED = _LIKELY + " AND f.level = 'named' AND f.consent_level = 'named'"


def _pieces(run: tuple[str, ...], words: set[str]) -> list[tuple[str, ...]]:
    """``run`` cut at the words not among ``words``."""
    pieces, piece = [], []
    for word in run:
        if word in words:
            piece.append(word)
        else:
            pieces.append(tuple(piece))
            piece = []
    return [*pieces, tuple(piece)]


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
_NO_PHOTO_CONSENT = "the story has photographs or video and they have not agreed to photographs and video"


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
