"""Finding stories: full-text search (SQLite FTS5 over folded text) with filters, returning ids
first and the rows of the list in windows, so a list of 10,000 stories never loads them all.

Results are newest first, like the list without a search: a predictable order people can scan
(mail programs do the same), and no ranking work for a word found in every story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from svdesk.domain.consent import ConsentState, IdLevel
from svdesk.domain.stories import Story, StorySummary
from svdesk.domain.textfold import fts_query
from svdesk.store.orgfile import OrgFile
from svdesk.store.stories_rows import consent_from_row


@dataclass(frozen=True)
class StoryFilter:
    status: str | None = None  # "draft" / "ready"
    consent: ConsentState | None = None  # on today's date
    indicator_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return self == StoryFilter()


# Which consent state a story is in today, as SQL over story_list l (:today is an ISO date).
_STATE_SQL = {
    ConsentState.WITHDRAWN: "(l.withdrawn_on IS NOT NULL AND l.withdrawn_on <= :today)",
    ConsentState.NONE: "((l.withdrawn_on IS NULL OR l.withdrawn_on > :today) AND l.given = 0)",
    ConsentState.EXPIRED: "((l.withdrawn_on IS NULL OR l.withdrawn_on > :today) AND l.given = 1 "
                          "AND l.expires_on IS NOT NULL AND l.expires_on < :today)",
    ConsentState.CURRENT: "((l.withdrawn_on IS NULL OR l.withdrawn_on > :today) AND l.given = 1 "
                          "AND (l.expires_on IS NULL OR l.expires_on >= :today))",
}


_ORDER = "ORDER BY l.story_date DESC, l.created_at DESC, l.story_id"
# The stories holding the words of a search, each with its place in the list (CROSS JOIN keeps
# this order: the words first, then each story's row by its rowid).
_FROM_WORDS = "story_fts CROSS JOIN story_list l ON l.rowid = story_fts.rowid"


class StorySearch:
    first_window = 100   # ids read at a time when the list is read a window at a time (``_pages``)
    few_matches = 1000   # up to this many matches, a search's pages are cut from all of them, sorted
    def __init__(self, orgfile: OrgFile, today: Callable[[], dt.date]):
        self._file = orgfile
        self._today = today
        self._counted: tuple | None = None   # (search, count, cap) of the last count_matches

    def _where(self, query: str, filters: StoryFilter | None, from_words: bool = False) -> tuple[str, dict]:
        """The WHERE clause (over story_list l) and its parameters for a search. Nothing typed can
        cause an error: each word is quoted (see fts_query). With ``from_words`` the clause is
        for ``_FROM_WORDS``, which reads the stories holding the words first."""
        filters = filters or StoryFilter()
        params: dict = {"today": self._today().isoformat()}
        where = ["l.live = 1"]
        match = fts_query(query)
        if match is not None and from_words:
            where.append("story_fts MATCH :match")
            params["match"] = match
        elif match is not None:
            # SQLite turns the subquery into a set once, then walks story_list_order (the list's
            # own order) and stops at LIMIT: a page costs the same for "a" as for a rare name.
            where.append("l.rowid IN (SELECT rowid FROM story_fts WHERE story_fts MATCH :match)")
            params["match"] = match
        if filters.status:
            where.append("l.status = :status")
            params["status"] = filters.status
        if filters.consent:
            where.append(_STATE_SQL[ConsentState(filters.consent)])
        if filters.indicator_id:
            where.append("l.story_id IN (SELECT story_id FROM story_indicators WHERE indicator_id = :indicator)")
            params["indicator"] = filters.indicator_id
        if filters.date_from:
            where.append("l.story_date >= :date_from")
            params["date_from"] = filters.date_from.isoformat()
        if filters.date_to:
            where.append("l.story_date <= :date_to")
            params["date_to"] = filters.date_to.isoformat()
        return " AND ".join(where), params

    def search_ids(self, query: str = "", filters: StoryFilter | None = None, limit: int | None = None,
                   offset: int = 0) -> list[str]:
        """Ids of matching stories (not in the bin), newest first; ``limit``/``offset`` read one
        page of them, which is what the list does (a common word can match every story)."""
        if limit is not None and fts_query(query) is not None and self._are_few(query, filters):
            return self._every_match(query, filters)[offset:offset + limit]
        where, params = self._where(query, filters)
        sql = f"SELECT l.story_id FROM story_list l WHERE {where} {_ORDER}"
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=limit, offset=offset)
        return [row[0] for row in self._file.conn.execute(sql, params)]

    def _are_few(self, query: str, filters: StoryFilter | None) -> bool:
        """Whether a search has at most ``few_matches`` stories, known from the count just made
        for the same search (the list counts before it reads a page), or counted now."""
        key = (query, filters or StoryFilter(), self._today(), self._file.change_mark())
        if self._counted is not None and self._counted[0] == key:
            count, cap = self._counted[1:]
        else:
            count, cap = self.count_matches(query, filters, cap=self.few_matches + 1), self.few_matches + 1
        return count <= self.few_matches and count < cap

    def _every_match(self, query: str, filters: StoryFilter | None) -> list[str]:
        """The ids of a search with few matches, in the list's order. Walking the list's order
        finds a page of a common word at once, but for a rare name or a typing slip it walks all
        50,000 stories to find the few: reading the stories holding the words, then sorting, does not."""
        where, params = self._where(query, filters, from_words=True)
        rows = self._file.conn.execute(
            f"SELECT l.story_id, l.story_date, l.created_at FROM {_FROM_WORDS} WHERE {where}", params).fetchall()
        # _ORDER, by stable sorts (SQLite compares text by its UTF-8 bytes, which order as
        # Python's code points do; a story without a date comes last, as NULL does in DESC).
        rows.sort(key=lambda row: row[0])
        rows.sort(key=lambda row: row[2], reverse=True)
        rows.sort(key=lambda row: (row[1] is not None, row[1] or ""), reverse=True)
        return [row[0] for row in rows]

    def _pages(self, filters: StoryFilter):
        """The ids of the list, newest first, a window at a time (each window twice the last)."""
        offset, window = 0, self.first_window
        while True:
            page = self.search_ids("", filters, limit=window, offset=offset)
            if not page:
                return
            yield page
            offset += len(page)
            window = min(window * 2, 2000)

    def _ordered_among(self, story_ids: list[str], filters: StoryFilter) -> list[str]:
        """Those of ``story_ids`` that match ``filters``, in the list's order (newest first):
        the few a tender chose, without reading the ids of every story in the file."""
        chosen = list(dict.fromkeys(story_ids))
        if len(chosen) > 500:   # more than one statement may hold: filter the whole list instead
            wanted = set(chosen)
            return [story_id for story_id in self.search_ids("", filters) if story_id in wanted]
        if not chosen:
            return []
        where, params = self._where("", filters)
        names = [f"chosen{i}" for i in range(len(chosen))]
        params.update(zip(names, chosen))
        sql = (f"SELECT l.story_id FROM story_list l WHERE {where} AND l.story_id IN "
               f"({', '.join(':' + name for name in names)}) {_ORDER}")
        return [row[0] for row in self._file.conn.execute(sql, params)]

    def count_matches(self, query: str = "", filters: StoryFilter | None = None, cap: int | None = None) -> int:
        """How many stories match; with ``cap``, counting stops there (the list says "more than")."""
        # Read from the stories holding the words, so counting stops at ``cap`` (through the
        # list's order, every match was found before the first was counted).
        where, params = self._where(query, filters, from_words=fts_query(query) is not None)
        source = _FROM_WORDS if "match" in params else "story_list l"
        inner = f"SELECT 1 FROM {source} WHERE {where}"
        if cap is not None:
            inner += " LIMIT :cap"
            params["cap"] = cap
        count = self._file.conn.execute(f"SELECT count(*) FROM ({inner})", params).fetchone()[0]
        if "match" in params:   # remembered for the page of the same search, read next
            self._counted = ((query, filters or StoryFilter(), self._today(), self._file.change_mark()),
                             count, cap if cap is not None else count + 1)
        return count

    def position_of(self, story_id: str, query: str = "", filters: StoryFilter | None = None) -> int | None:
        """Where ``story_id`` stands in a search's order (None: it does not match)."""
        where, params = self._where(query, filters)
        params["story"] = story_id
        row = self._file.conn.execute(
            f"SELECT l.story_date, l.created_at FROM story_list l WHERE {where} AND l.story_id = :story",
            params).fetchone()
        if row is None:
            return None
        params.update(date=row[0], created=row[1])
        # Rows before it in "story_date DESC, created_at DESC, story_id" (NULL dates sort last).
        before = ("(l.story_date IS NOT NULL AND :date IS NULL) OR l.story_date > :date OR "
                  "(l.story_date IS :date AND (l.created_at > :created OR "
                  "(l.created_at = :created AND l.story_id < :story)))")
        return self._file.conn.execute(
            f"SELECT count(*) FROM story_list l WHERE {where} AND ({before})", params).fetchone()[0]

    def summaries(self, ids: list[str]) -> list[StorySummary]:
        """The list rows for ``ids``, in the same order (a window of a search result)."""
        if not ids:
            return []
        found: dict[str, StorySummary] = {}
        today = self._today()
        # SQLite allows a limited number of parameters: ask in chunks.
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._file.query(
                "SELECT s.id, s.title, s.story_date, s.status, s.level, s.domain, c.story_id AS consent_story, "
                "c.given, c.given_on, c.method, c.recorded_by, c.given_by, c.told, c.uses, c.level AS consent_level, "
                "c.expires_on, c.explicit, c.withdrawn_on, c.withdrawal_note, "
                "(SELECT count(*) FROM story_uses u WHERE u.story_id = s.id) AS use_count "
                f"FROM stories s LEFT JOIN story_consents c ON c.story_id = s.id WHERE s.id IN ({marks})",
                chunk,
            )
            for row in rows:
                consent = consent_from_row({**row, "level": row["consent_level"]} if row["consent_story"] else None)
                found[row["id"]] = StorySummary(
                    id=row["id"], title=row["title"],
                    story_date=dt.date.fromisoformat(row["story_date"]) if row["story_date"] else None,
                    status=row["status"], consent_state=consent.state(today), use_count=row["use_count"],
                    level=IdLevel(row["level"]), domain=row["domain"],
                )
        return [found[story_id] for story_id in ids if story_id in found]

    def search(self, query: str = "", filters: StoryFilter | None = None, limit: int | None = None) -> list[StorySummary]:
        ids = self.search_ids(query, filters)
        return self.summaries(ids[:limit] if limit else ids)

    def earliest_date(self) -> dt.date | None:
        row = self._file.query_one(
            "SELECT min(story_date) AS d FROM stories WHERE deleted_at IS NULL AND story_date IS NOT NULL")
        return dt.date.fromisoformat(row["d"]) if row and row["d"] else None

    def count(self) -> int:
        row = self._file.conn.execute("SELECT count(*) FROM story_list WHERE live = 1").fetchone()
        return row[0]

    def state_counts(self) -> dict[ConsentState, int]:
        """How many stories (not in the bin) are in each consent state today."""
        params = {"today": self._today().isoformat()}
        counts = {}
        for state, condition in _STATE_SQL.items():
            row = self._file.conn.execute(f"SELECT count(*) FROM story_list l WHERE l.live = 1 AND {condition}",
                                          params).fetchone()
            counts[state] = row[0]
        return counts

    def status_counts(self) -> dict[str, int]:
        rows = self._file.conn.execute("SELECT status, count(*) FROM story_list WHERE live = 1 GROUP BY status")
        return {status: count for status, count in rows}

    def openings(self, story_ids: list[str]) -> dict[str, tuple[str, ...]]:
        """(title, and the first 80 characters of the quote, after, what we did and before) of
        each story, read in a few queries: what an edited report is searched for."""
        found = {}
        # The 80 characters are cut in SQL (substr counts characters, as Python's slice does):
        # a story's parts may be pages long, and a big year leaves out thousands of stories.
        for chunk, marks in self._chunks(list(story_ids)):
            for row in self._file.conn.execute(
                    "SELECT id, title, substr(quote, 1, 80), substr(after, 1, 80), substr(what_we_did, 1, 80), "
                    f"substr(before, 1, 80) FROM stories WHERE id IN ({marks})", chunk):
                found[row[0]] = tuple(row[1:])
        return found

    def listing(self, story_ids: list[str]) -> dict[str, tuple[Story, bool]]:
        """(the story with its title, date, names and the quote and after, whether it illustrates
        an indicator) of each story: enough to list, order and rank stories without their text."""
        found = {}
        for chunk, marks in self._chunks(list(story_ids)):
            for row in self._file.conn.execute(
                    "SELECT id, title, story_date, person_name, pseudonym, quote, after, EXISTS (SELECT 1 FROM "
                    "story_indicators i WHERE i.story_id = s.id) FROM stories s WHERE id IN ({marks})".format(
                        marks=marks), chunk):
                story = Story(id=row[0], title=row[1], story_date=dt.date.fromisoformat(row[2]) if row[2] else None,
                              person_name=row[3], pseudonym=row[4], quote=row[5], after=row[6])
                found[row[0]] = (story, bool(row[7]))
        return found

    @staticmethod
    def _chunks(ids: list[str], size: int = 500):
        """(chunk, "?,?,…") pieces of ``ids``: SQLite allows a limited number of parameters."""
        for start in range(0, len(ids), size):
            chunk = ids[start:start + size]
            yield chunk, ",".join("?" * len(chunk))
