"""Stories, their consent records, the use log and links to indicators.

Everything that leaves the organisation goes through ``usable_for`` / ``record_use``, which both
apply the one consent rule (svdesk.domain.consent.may_use) — there is no other way to get a
story's text out for an export.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace

from svdesk.domain import dates
from svdesk.domain.consent import Consent, ConsentRefused, Decision, IdLevel, Use, may_use
from svdesk.domain.dates import utc_now_stamp
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.ids import new_id
from svdesk.domain.stories import Status, Story, StorySummary, StoryUse, UsableStory, render
from svdesk.domain.textsafe import clean_line
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, update_changed
from svdesk.store.stories_rows import (
    consent_from_row, consent_to_row, story_from_row, story_to_row, sync_search, use_from_row,
)
from svdesk.store.stories_search import StoryFilter, StorySearch

OWNER_TABLE = "stories"
# How many decisions_for questions are remembered at once: the pages ask four or five (tenders
# for the whole file; the report's and the leaflet's uses for one year).
_QUESTIONS_KEPT = 6
# What recording a story's use writes to (an export checks these pages before writing anything).
USE_LOG_TABLES = ("story_uses",)
PHOTO_ROLE = "photo"
DOCUMENT_ROLE = "document"
CONSENT_FORM_ROLE = "consent_form"


class StoryRepo(StorySearch):
    by_id_at_most = 500  # preferred stories read by id; more are found a window of the list at a time
    def __init__(self, orgfile: OrgFile, today: Callable[[], dt.date] | None = None):
        # Looked up when asked, never bound once: tests change dates.today while modules load.
        super().__init__(orgfile, today or (lambda: dates.today()))
        # decisions_for's answers for the file as it is now, by question (use, day, level, dates):
        # the Tenders page and the CIC34 and Summary pages ask different ones in turn.
        self._decided: tuple = ((), {})  # (change mark, {question: answer})
        self._allowed: tuple | None = None  # (question, answer) of the last _usable over every story

    # -- stories ----------------------------------------------------------------------------------
    def new(self, title: str = "", story_date: dt.date | None = None) -> Story:
        """A new draft (with a consent record saying "not given yet")."""
        story = Story(id=new_id(), title=clean_line(title), story_date=story_date or self._today())
        self._check(story)
        row = stamped({"id": story.id, **story_to_row(story)}, new=True)
        with self._file.write("stories") as db:
            db["stories"].insert(row)
            db["story_consents"].insert(stamped({"story_id": story.id, **consent_to_row(Consent())}, new=True))
            sync_search(db, story.id)
        return self.get(story.id)

    def find(self, text: str) -> Story:
        """By id, by an unambiguous start of the id, or by title (for the command line)."""
        text = (text or "").strip()
        rows = self._file.query(
            "SELECT * FROM stories WHERE deleted_at IS NULL AND (id = ? OR id LIKE ? OR lower(title) = lower(?))",
            [text, text.replace("%", "").replace("_", "") + "%", text],
        ) if text else []
        exact = [row for row in rows if row["id"] == text]
        if exact or len(rows) == 1:
            return story_from_row((exact or rows)[0])
        if not rows:
            raise SvdeskError(f"There is no story '{text}'. Use its title or the start of its id "
                              "(svdesk search FILE lists them).")
        found = "; ".join(f"{row['id'][:8]} {row['title']}" for row in rows[:10])
        raise SvdeskError(f"'{text}' matches more than one story ({found}); give more of the id.")

    def get(self, story_id: str) -> Story:
        row = self._file.query_one("SELECT * FROM stories WHERE id = ?", [story_id])
        if row is None:
            raise SvdeskError("That story is no longer in the file.")
        return story_from_row(row)

    def exists(self, story_id: str) -> bool:
        return self._file.query_one(
            "SELECT 1 AS x FROM stories WHERE id = ? AND deleted_at IS NULL", [story_id]) is not None

    def save(self, story: Story) -> Story:
        """Saves every field. A story marked ready must be complete (``Story.problems``)."""
        story = replace(story, title=clean_line(story.title))
        self._check(story)
        if story.is_ready and story.problems():
            raise ValidationError(story.problems())
        current = self._file.query_one("SELECT id FROM stories WHERE id = ?", [story.id])
        if current is None:
            raise SvdeskError("That story is no longer in the file, so the change was not saved.")
        with self._file.write("stories") as db:
            if update_changed(db, "stories", story.id, story_to_row(story)):
                sync_search(db, story.id)
        return self.get(story.id)

    def update(self, story_id: str, **changes) -> Story:
        return self.save(replace(self.get(story_id), **changes))

    def set_status(self, story_id: str, status: Status | str) -> Story:
        return self.update(story_id, status=Status(status).value)

    @staticmethod
    def _check(story: Story) -> None:
        problems = story.input_problems()
        if problems:
            raise ValidationError(problems)

    def remove(self, story_id: str) -> None:
        """Moves the story to the bin; ``restore`` brings it back. Its use log is kept."""
        with self._file.write("stories") as db:
            db.execute("UPDATE stories SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), utc_now_stamp(), story_id])
            sync_search(db, story_id, text=False)

    def restore(self, story_id: str) -> None:
        with self._file.write("stories") as db:
            db.execute("UPDATE stories SET deleted_at = NULL, updated_at = ? WHERE id = ?", [utc_now_stamp(), story_id])
            sync_search(db, story_id, text=False)

    def removed(self, date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[Story]:
        """Stories in the bin, last removed first; optionally only those dated in the range."""
        where, params = "deleted_at IS NOT NULL", []
        if date_from is not None:
            where, params = where + " AND story_date >= ?", [*params, date_from.isoformat()]
        if date_to is not None:
            where, params = where + " AND story_date <= ?", [*params, date_to.isoformat()]
        rows = self._file.query(f"SELECT * FROM stories WHERE {where} ORDER BY deleted_at DESC", params)
        return [story_from_row(row) for row in rows]

    def people_named(self) -> list[str]:
        """Every person's name the stories hold (the story's person, who gave consent), bin included:
        what published wording must never contain."""
        rows = self._file.query(
            "SELECT person_name AS name FROM stories WHERE person_name != '' "
            "UNION SELECT given_by FROM story_consents WHERE given_by != ''")
        return [row["name"] for row in rows]

    # -- consent ----------------------------------------------------------------------------------
    def consent_for(self, story_id: str) -> Consent:
        return consent_from_row(self._file.query_one("SELECT * FROM story_consents WHERE story_id = ?", [story_id]))

    def save_consent(self, story_id: str, consent: Consent) -> Consent:
        """Stores the record as it is (an incomplete record is kept but refuses every use)."""
        consent = replace(consent, recorded_by=clean_line(consent.recorded_by), given_by=clean_line(consent.given_by))
        self.get(story_id)
        values = consent_to_row(consent)
        with self._file.write("consent") as db:
            existing = db.execute("SELECT id FROM story_consents WHERE story_id = ?", [story_id]).fetchone()
            if existing is None:
                db["story_consents"].insert(stamped({"story_id": story_id, **values}, new=True))
                sync_search(db, story_id, text=False)
            elif update_changed(db, "story_consents", existing[0], values):
                sync_search(db, story_id, text=False)
        return self.consent_for(story_id)

    def withdraw(self, story_id: str, on_date: dt.date, note: str = "") -> list[StoryUse]:
        """Records a withdrawal; from ``on_date`` the story is left out of every export.
        Returns where it had been used, so the person can ask for it to be taken down."""
        consent = self.consent_for(story_id)
        self.save_consent(story_id, replace(consent, withdrawn_on=on_date, withdrawal_note=note.strip()))
        return self.uses_of(story_id)

    # -- use log ----------------------------------------------------------------------------------
    def record_use(self, story_id: str, use: Use, document_name: str, when: dt.date,
                   level: IdLevel | None = None) -> StoryUse:
        """Adds to the use log, after checking the consent rule once more."""
        document_name = clean_line(document_name)
        if not document_name:
            raise SvdeskError("Say which document the story was used in.")
        story = self.get(story_id)
        decision = self.check_use(story_id, use, when, level)
        if not decision:
            raise ConsentRefused(story.title or "This story", decision)
        row = stamped({"story_id": story_id, "use": Use(use).value, "document": document_name,
                       "used_on": when.isoformat(), "level": decision.level.value}, new=True)
        with self._file.write("story use") as db:
            db["story_uses"].insert(row)
        return use_from_row(self._file.query_one("SELECT * FROM story_uses WHERE id = ?", [row["id"]]))

    def record_uses(self, told: list[tuple[str, IdLevel]], uses, document_name: str, when: dt.date) -> int:
        """One use-log row per story (id, level it is told at, None: the most identifying allowed)
        and use, in one transaction: the consent rule is checked for every one first, and if any
        is refused nothing is written."""
        document_name = clean_line(document_name)
        if not document_name:
            raise SvdeskError("Say which document the story was used in.")
        told = list(dict.fromkeys((story_id, None if level is None else IdLevel(level)) for story_id, level in told))
        facts = self._facts([story_id for story_id, _level in told])
        photos = self.with_photos(list(facts))
        rows = []
        for story_id, level in told:
            if story_id not in facts:
                raise SvdeskError("That story is no longer in the file.")
            story, consent, deleted = facts[story_id]
            for use in uses:
                decision = may_use(story, consent, Use(use), when, self._level(story, consent, level),
                                   story_id in photos)
                if deleted:
                    decision = Decision(False, ("The story is in the bin.", *decision.reasons), decision.use,
                                        decision.level, when)
                if not decision:
                    raise ConsentRefused(self.get(story_id).title or "This story", decision)
                rows.append(stamped({"story_id": story_id, "use": Use(use).value, "document": document_name,
                                     "used_on": when.isoformat(), "level": decision.level.value}, new=True))
        if rows:
            # Plain SQL: an export records its stories here, and in a fresh process sqlite-utils
            # would cost more to import than the whole use log takes to write.
            columns = list(rows[0])
            sql = (f"INSERT INTO story_uses ({', '.join(columns)}) "
                   f"VALUES ({', '.join('?' for _ in columns)})")
            with self._file.write_rows("story use", USE_LOG_TABLES) as conn:
                conn.executemany(sql, [[row[column] for column in columns] for row in rows])
        return len(rows)

    def uses_of(self, story_id: str) -> list[StoryUse]:
        rows = self._file.query("SELECT * FROM story_uses WHERE story_id = ? ORDER BY used_on, created_at", [story_id])
        return [use_from_row(row) for row in rows]

    # -- indicators -------------------------------------------------------------------------------
    def indicators_for(self, story_id: str) -> list[str]:
        rows = self._file.query("SELECT indicator_id FROM story_indicators WHERE story_id = ? ORDER BY created_at, indicator_id",
                                [story_id])
        return [row["indicator_id"] for row in rows]

    def set_indicators(self, story_id: str, indicator_ids: list[str]) -> None:
        wanted = list(dict.fromkeys(indicator_ids))
        unknown = [value for value in wanted if not self._indicator_exists(value)]
        if unknown:
            raise SvdeskError("That indicator is no longer in the file, so the link was not made.")
        self.get(story_id)
        current = self.indicators_for(story_id)
        if current == wanted:
            return
        with self._file.write("story indicators") as db:
            for value in set(current) - set(wanted):
                db.execute("DELETE FROM story_indicators WHERE story_id = ? AND indicator_id = ?", [story_id, value])
            for value in wanted:
                if value not in current:
                    db["story_indicators"].insert(stamped({"story_id": story_id, "indicator_id": value}, new=True))

    def story_ids_for_indicator(self, indicator_id: str) -> set[str]:
        """Ids of the stories linked to the indicator (in the bin or not)."""
        rows = self._file.query("SELECT story_id FROM story_indicators WHERE indicator_id = ?", [indicator_id])
        return {row["story_id"] for row in rows}

    def stories_for_indicator(self, indicator_id: str) -> list[StorySummary]:
        rows = self._file.query(
            "SELECT s.id FROM story_indicators l JOIN stories s ON s.id = l.story_id "
            "WHERE l.indicator_id = ? AND s.deleted_at IS NULL ORDER BY s.story_date DESC", [indicator_id])
        return self.summaries([row["id"] for row in rows])

    def _indicator_exists(self, indicator_id: str) -> bool:
        """Indicators belong to another capability: no foreign key, so check here when we can."""
        if not isinstance(indicator_id, str) or not indicator_id.strip():
            return False
        columns = {row["name"] for row in self._file.query("PRAGMA table_info(indicators)")}
        if "id" not in columns:
            return True  # a file without indicators yet: nothing to check against
        where = " AND deleted_at IS NULL" if "deleted_at" in columns else ""
        return self._file.query_one(f"SELECT 1 AS x FROM indicators WHERE id = ?{where}", [indicator_id]) is not None

    # -- the consent rule, for exports ------------------------------------------------------------
    def check_use(self, story_id: str, use: Use, on_date: dt.date, level: IdLevel | None = None) -> Decision:
        """The rule's decision for one story. ``level`` None = the most identifying level allowed."""
        story = self.get(story_id)
        consent = self.consent_for(story_id)
        chosen = self._level(story, consent, level)
        decision = may_use(story, consent, Use(use), on_date, chosen, story_id in self.with_photos([story_id]))
        if self._is_deleted(story_id):
            reasons = ("The story is in the bin.", *decision.reasons)
            return Decision(False, reasons, decision.use, decision.level, on_date)
        return decision

    @staticmethod
    def _level(story: Story, consent: Consent, asked: IdLevel | None) -> IdLevel:
        # Never more identifying than the story is written to be, nor than consent allows.
        level = story.level.at_most(consent.level)
        return level if asked is None else IdLevel(asked).at_most(level)

    def _is_deleted(self, story_id: str) -> bool:
        return not self.exists(story_id)

    def decisions_for(self, use: Use, on_date: dt.date, level: IdLevel | None = None,
                      date_from: dt.date | None = None, date_to: dt.date | None = None,
                      ) -> list[tuple[StorySummary, Decision]]:
        """The rule's decision for every story (not in the bin), optionally only those dated in
        ``date_from``..``date_to``. Reads the stories in bulk: a file of 10,000 stories is a
        handful of queries, not 30,000. The last answer is remembered until the file changes:
        showing one tender after another asks the same question each time."""
        return self._decisions(use, on_date, level, date_from, date_to, with_summaries=True)

    def decisions_in(self, use: Use, on_date: dt.date, date_from: dt.date | None = None,
                     date_to: dt.date | None = None) -> list[tuple[Story, Decision]]:
        """``decisions_for``'s decisions, each story given as the facts the rule read with its
        title, date and status (not the list's rows, with consent states and use counts): for
        a report, which decides every story of a year — thousands in a big file."""
        return self._decisions(use, on_date, None, date_from, date_to, with_summaries=False)

    def _decisions(self, use, on_date, level, date_from, date_to, with_summaries: bool) -> list[tuple]:
        mark, question = self._file.change_mark(), (Use(use), on_date, level, date_from, date_to, with_summaries)
        remembered_mark, answers = self._decided
        if remembered_mark == mark and question in answers and not self._file.conn.in_transaction:
            return list(answers[question])
        ids = self.search_ids("", StoryFilter(date_from=date_from, date_to=date_to))
        facts = self._facts(ids)
        photos = self.with_photos(list(facts))
        decided = []
        for summary in self.summaries(ids) if with_summaries else (facts[i][0] for i in ids if i in facts):
            if summary.id not in facts:
                continue
            story, consent, deleted = facts[summary.id]
            decision = may_use(story, consent, Use(use), on_date, self._level(story, consent, level),
                               summary.id in photos)
            if deleted:
                decision = Decision(False, ("The story is in the bin.", *decision.reasons), decision.use,
                                    decision.level, on_date)
            decided.append((summary, decision))
        # Inside a write the answer may yet be rolled back (and total_changes never goes back down).
        if not self._file.conn.in_transaction:
            kept = dict(self._decided[1]) if self._decided[0] == mark else {}
            while len(kept) >= _QUESTIONS_KEPT:  # the oldest question goes first
                kept.pop(next(iter(kept)))
            kept[question] = decided
            # A new tuple, never changed in place: the status thread may be reading the old one.
            self._decided = (mark, kept)
        return list(decided)

    def usable_ids(self, use: Use, on_date: dt.date, level: IdLevel | None = None,
                   story_ids: list[str] | None = None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> list[str]:
        """Ids of the stories ``usable_for`` would give, in the same order, without reading or
        writing out their text: for choosing a few stories among thousands."""
        return [story_id for story_id, _level in self._usable(use, on_date, level, story_ids, date_from, date_to)]

    def usable_for(self, use: Use, on_date: dt.date, level: IdLevel | None = None,
                   story_ids: list[str] | None = None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> list[UsableStory]:
        """Stories that may be used for ``use`` on ``on_date``, rendered at the allowed level
        (optionally only ``story_ids``, and only those dated in ``date_from``..``date_to``)."""
        usable = self._usable(use, on_date, level, story_ids, date_from, date_to)
        ids = [story_id for story_id, _level in usable]
        stories = {}
        for chunk, marks in self._chunks(ids):
            stories.update((row["id"], story_from_row(row)) for row in self._file.query(
                f"SELECT * FROM stories WHERE id IN ({marks})", chunk))
        photos = self._grouped(
            "SELECT owner_id AS story_id, id AS value FROM attachments WHERE owner_table = ? AND role = ? "
            "AND deleted_at IS NULL AND owner_id IN ({marks}) ORDER BY created_at", [OWNER_TABLE, PHOTO_ROLE], ids)
        indicators = self._grouped(
            "SELECT story_id, indicator_id AS value FROM story_indicators WHERE story_id IN ({marks}) "
            "ORDER BY created_at, indicator_id", [], ids)
        return [render(stories[story_id], chosen_level, indicators.get(story_id, []), photos.get(story_id, []))
                for story_id, chosen_level in usable if story_id in stories]

    def usable_levels(self, use: Use, on_date: dt.date, date_from: dt.date | None = None,
                      date_to: dt.date | None = None, story_ids: list[str] | None = None) -> list[tuple[str, IdLevel]]:
        """(id, the most identifying level the rule allows) of each story ``usable_for`` would
        give, in the same order, without reading their text."""
        if story_ids is None:  # the same decisions as the list of stories left out: remembered once
            return [(story.id, decision.level) for story, decision in self.decisions_in(
                use, on_date, date_from=date_from, date_to=date_to)
                if decision.allowed and story.status == Status.READY.value]
        return self._usable(use, on_date, None, story_ids, date_from, date_to)

    def _usable(self, use, on_date, level, story_ids, date_from, date_to) -> list[tuple[str, IdLevel]]:
        """(id, level to tell it at) of each story the rule allows, newest first. The answer for
        every story is remembered until the file changes: a tender answer asks it each time it
        is drafted, checked or shown, and a file may hold 10,000 stories."""
        question = (self._file.change_mark(), Use(use), on_date, level, date_from, date_to)
        if self._allowed is not None and self._allowed[0] == question and not self._file.conn.in_transaction:
            usable = self._allowed[1]
            if story_ids is None:
                return list(usable)
            chosen = set(story_ids)
            return [item for item in usable if item[0] in chosen]
        filters = StoryFilter(status=Status.READY.value, date_from=date_from, date_to=date_to)
        ids = self.search_ids("", filters) if story_ids is None else self._ordered_among(story_ids, filters)
        usable = self._allowed_among(ids, use, on_date, level)
        if story_ids is None and not self._file.conn.in_transaction:
            self._allowed = (question, tuple(usable))
        return usable

    def _allowed_among(self, ids: list[str], use, on_date, level) -> list[tuple[str, IdLevel]]:
        facts = self._facts(ids)
        photos = self.with_photos(list(facts))
        usable = []
        for story_id in ids:
            if story_id not in facts:
                continue
            story, consent, deleted = facts[story_id]
            chosen_level = self._level(story, consent, level)
            if deleted or not may_use(story, consent, Use(use), on_date, chosen_level, story_id in photos):
                continue
            usable.append((story_id, chosen_level))
        return usable

    def with_photos(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` have photographs or video attached (as photos, or any file that is an
        image or a video): such a story needs the person's separate photo consent to be used."""
        found: set[str] = set()
        for chunk, marks in self._chunks(ids):
            found.update(row["owner_id"] for row in self._file.query(
                f"SELECT DISTINCT owner_id FROM attachments WHERE owner_table = ? AND deleted_at IS NULL AND "
                f"(role = ? OR media_type LIKE 'image/%' OR media_type LIKE 'video/%') AND owner_id IN ({marks})",
                [OWNER_TABLE, PHOTO_ROLE, *chunk]))
        return found

    def first_usable_ids(self, use: Use, on_date: dt.date, count: int, preferred=()) -> list[str]:
        """The first ``count`` stories ``usable_ids`` would give, those among ``preferred`` first
        (each group in the list's order). Only as many stories are read as it takes to find them:
        a tender answer prints two stories, and the file may hold 10,000 (the whole answer is
        used when it is already known for this state of the file)."""
        question = (self._file.change_mark(), Use(use), on_date, None, None, None)
        if self._allowed is not None and self._allowed[0] == question and not self._file.conn.in_transaction:
            ids = [story_id for story_id, _level in self._allowed[1]]
            wanted = set(preferred)
            return ([i for i in ids if i in wanted] + [i for i in ids if i not in wanted])[:count]
        filters = StoryFilter(status=Status.READY.value)
        wanted = set(preferred)
        found: list[str] = []
        for first in (True, False):
            # A few preferred stories are read by id; many (or the rest) a window of the list at a time.
            pages = [self._ordered_among(list(wanted), filters)] if first and len(wanted) <= self.by_id_at_most else \
                self._pages(filters)
            for page in pages:
                candidates = [story_id for story_id in page if (story_id in wanted) == first]
                found += [story_id for story_id, _level in self._allowed_among(candidates, use, on_date, None)]
                if len(found) >= count:
                    return found[:count]
        return found[:count]

    def _facts(self, ids: list[str]) -> dict[str, tuple[Story, Consent, bool]]:
        """(story, consent, in the bin) for each of ``ids``, read in a few queries. The story holds
        only what the consent rule looks at (not its text, which may be megabytes in all)."""
        found = {}
        for chunk, marks in self._chunks(ids):
            consents = {row["story_id"]: consent_from_row(row) for row in self._file.query(
                f"SELECT * FROM story_consents WHERE story_id IN ({marks})", chunk)}
            rows = self._file.query(
                "SELECT id, title, story_date, level, status, special_categories, about_child, deleted_at "
                f"FROM stories WHERE id IN ({marks})", chunk)
            for row in rows:
                # The title and date are not the rule's: they let a report list the stories left out.
                story = Story(id=row["id"], title=row["title"], level=IdLevel(row["level"]), status=row["status"],
                              story_date=dt.date.fromisoformat(row["story_date"]) if row["story_date"] else None,
                              special_categories=frozenset(json.loads(row["special_categories"])),
                              about_child=bool(row["about_child"]))
                found[row["id"]] = (story, consents.get(row["id"]) or consent_from_row(None),
                                    row["deleted_at"] is not None)
        return found

    def _grouped(self, sql: str, params: list, ids: list[str]) -> dict[str, list[str]]:
        """``value`` by ``story_id`` for a query over ``ids`` (``{marks}`` in ``sql``), in query order."""
        grouped: dict[str, list[str]] = {}
        for chunk, marks in self._chunks(ids):
            for row in self._file.query(sql.format(marks=marks), [*params, *chunk]):
                grouped.setdefault(row["story_id"], []).append(row["value"])
        return grouped
