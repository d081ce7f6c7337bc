"""How far each story's person may be named for a use today, read for every story in the file
(in the bin and of every year too), as the matcher the last check before an export uses.

See ``svdesk.domain.exposure`` for the rule. The matcher is remembered until the file changes
(its change mark), for the same uses and day: exporting one format after another asks the same
question. After a change it is built again only when the stories' names or consent changed
(most edits are elsewhere: an answer, a part of the report).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass

from svdesk.domain.consent import Consent, IdLevel, Method, Use, may_use
from svdesk.domain.dates import parse_iso_date
from svdesk.domain.exposure import ExposureMatcher, NamedStory
from svdesk.store.orgfile import OrgFile


@dataclass(frozen=True)
class _Facts:
    """The story as the consent rule sees it. Its status is left out on purpose: whether a
    person may be named is a matter of their consent, not of whether the story is finished."""

    special_categories: frozenset[str]
    about_child: bool
    status: str = "ready"


class ExposureRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile
        self._cached: tuple | None = None  # (question, rows read, matcher)

    def matcher(self, uses: tuple[Use, ...], on_date: dt.date) -> ExposureMatcher:
        """The matcher for a document that goes to every one of ``uses`` on ``on_date``."""
        uses = tuple(sorted({Use(use) for use in uses}, key=lambda use: use.value))
        question = (self._file.change_mark(), uses, on_date)
        if self._cached is not None and self._cached[0] == question and not self._file.conn.in_transaction:
            return self._cached[2]
        rows = self._rows()
        if self._cached is not None and self._cached[0][1:] == question[1:] and self._cached[1] == rows:
            matcher = self._cached[2]  # the file changed, but not its stories' names or consent
        else:
            matcher = ExposureMatcher(self._named(rows, uses, on_date))
        # Inside a write the rows may yet be rolled back: do not remember what they said.
        self._cached = None if self._file.conn.in_transaction else (question, rows, matcher)
        return matcher

    def _rows(self) -> tuple[list, dict]:
        # Plain tuples, not dicts, only the columns the rule reads, and two scans rather than a
        # join (which would look each consent up one by one): 10,000 rows add up.
        consents = {row[0]: row[1:] for row in self._file.conn.execute(
            "SELECT story_id, given, given_on, method, recorded_by != '', uses, level, expires_on, explicit, "
            "withdrawn_on FROM story_consents")}
        stories = self._file.conn.execute(
            "SELECT id, title, person_name, pseudonym, level, special_categories, about_child, "
            "deleted_at IS NOT NULL FROM stories WHERE person_name != '' OR pseudonym != ''").fetchall()
        return stories, consents

    @staticmethod
    def _named(rows: tuple[list, dict], uses: tuple[Use, ...], on_date: dt.date) -> list[NamedStory]:
        stories, consents = rows
        return [NamedStory(row[0], row[1], row[2], row[3],
                           *_allowed(row[4:] + consents.get(row[0], _NO_CONSENT), uses, on_date)) for row in stories]


_NO_CONSENT = (None,) * 9


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
    story = _Facts(frozenset(json.loads(special)), bool(child))
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


def _date(value: str | None) -> dt.date | None:
    return parse_iso_date(value) if value else None


_AGREED = {IdLevel.ANONYMOUS: "they agreed to be described anonymously only",
           IdLevel.FIRST_NAME: "they agreed to their first name only"}
_STORY_SET = {IdLevel.ANONYMOUS: "the story is set to be told anonymously",
              IdLevel.FIRST_NAME: "the story is set to use their first name only"}
