"""How far each story's person may be named for a use today, read for every story in the file
(in the bin and of every year too), as the matcher the last check before an export uses.

See ``svdesk.domain.exposure`` for the rule. Reading 10,000 stories and deciding their consent
costs tens of milliseconds, so the matcher is remembered until the file changes (its change
mark), for the same uses and day: exporting one format after another asks the same question.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from svdesk.domain.consent import IdLevel, Use, may_use
from svdesk.domain.exposure import ExposureMatcher, NamedStory
from svdesk.store.orgfile import OrgFile
from svdesk.store.stories_rows import consent_from_row


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
        self._cached: tuple | None = None  # (question, matcher)

    def matcher(self, uses: tuple[Use, ...], on_date: dt.date) -> ExposureMatcher:
        """The matcher for a document that goes to every one of ``uses`` on ``on_date``."""
        uses = tuple(sorted({Use(use) for use in uses}, key=lambda use: use.value))
        question = (self._file.change_mark(), uses, on_date)
        if self._cached is not None and self._cached[0] == question and not self._file.conn.in_transaction:
            return self._cached[1]
        matcher = ExposureMatcher(self._named(uses, on_date))
        # Inside a write the rows may yet be rolled back: do not remember what they said.
        self._cached = None if self._file.conn.in_transaction else (question, matcher)
        return matcher

    def _named(self, uses: tuple[Use, ...], on_date: dt.date) -> list[NamedStory]:
        consents = {row["story_id"]: row for row in self._file.query("SELECT * FROM story_consents")}
        rows = self._file.query(
            "SELECT id, title, person_name, pseudonym, level, special_categories, about_child, deleted_at "
            "FROM stories WHERE person_name != '' OR pseudonym != ''")
        named = []
        for row in rows:
            allowed, reason = self._allowed(row, consents.get(row["id"]), uses, on_date)
            named.append(NamedStory(row["id"], row["title"], row["person_name"], row["pseudonym"], allowed, reason))
        return named

    @staticmethod
    def _allowed(row: dict, consent_row: dict | None, uses, on_date) -> tuple[IdLevel | None, str]:
        if row["deleted_at"] is not None:
            return None, "the story is in the bin"
        consent = consent_from_row(consent_row)
        facts = _Facts(frozenset(json.loads(row["special_categories"])), bool(row["about_child"]))
        level = IdLevel(row["level"]).at_most(consent.level)
        for use in uses:
            decision = may_use(facts, consent, use, on_date, IdLevel.ANONYMOUS)
            if not decision:
                return None, decision.reasons[0]
        if level is IdLevel.NAMED:
            return level, ""
        if consent.level.rank <= level.rank:
            return level, _AGREED[consent.level]
        return level, _STORY_SET[level]


_AGREED = {IdLevel.ANONYMOUS: "they agreed to be described anonymously only",
           IdLevel.FIRST_NAME: "they agreed to their first name only"}
_STORY_SET = {IdLevel.ANONYMOUS: "the story is set to be told anonymously",
              IdLevel.FIRST_NAME: "the story is set to use their first name only"}
