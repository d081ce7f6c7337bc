"""Stories and consent records <-> table rows, and the folded text the search index holds."""

from __future__ import annotations

import functools
import json
from collections.abc import Collection

from svdesk.domain.consent import Consent, IdLevel, Method, Use
from svdesk.domain.exposure import story_words
from svdesk.domain.dates import parse_iso_date
from svdesk.domain.stories import Story, StoryUse
from svdesk.domain.textfold import fold

STORY_COLUMNS = (
    "title", "story_date", "domain", "level", "person_name", "pseudonym", "anonymous_as", "before",
    "what_we_did", "after", "quote", "why_it_matters", "keywords", "status", "special_categories",
    "about_child",
)
CONSENT_COLUMNS = (
    "given", "given_on", "method", "recorded_by", "given_by", "told", "uses", "level", "expires_on",
    "explicit", "withdrawn_on", "withdrawal_note", "photos",
)


def _date(value):
    return parse_iso_date(value) if value else None


def _iso(value):
    return value.isoformat() if value else None


def story_to_row(story: Story) -> dict:
    return {
        "title": story.title,
        "story_date": _iso(story.story_date),
        "domain": story.domain,
        "level": story.level.value,
        "person_name": story.person_name,
        "pseudonym": story.pseudonym,
        "anonymous_as": story.anonymous_as,
        "before": story.before,
        "what_we_did": story.what_we_did,
        "after": story.after,
        "quote": story.quote,
        "why_it_matters": story.why_it_matters,
        "keywords": json.dumps(list(story.keywords), ensure_ascii=False),
        "status": story.status,
        "special_categories": json.dumps(sorted(story.special_categories)),
        "about_child": int(story.about_child),
    }


def story_from_row(row: dict) -> Story:
    return Story(
        id=row["id"], title=row["title"], story_date=_date(row["story_date"]), domain=row["domain"],
        level=IdLevel(row["level"]), person_name=row["person_name"], pseudonym=row["pseudonym"],
        anonymous_as=row["anonymous_as"], before=row["before"], what_we_did=row["what_we_did"],
        after=row["after"], quote=row["quote"], why_it_matters=row["why_it_matters"],
        keywords=tuple(json.loads(row["keywords"])), status=row["status"],
        special_categories=frozenset(json.loads(row["special_categories"])),
        about_child=bool(row["about_child"]), created_at=row["created_at"], updated_at=row["updated_at"],
    )


def consent_to_row(consent: Consent) -> dict:
    return {
        "given": int(consent.given),
        "given_on": _iso(consent.given_on),
        "method": consent.method.value if consent.method else None,
        "recorded_by": consent.recorded_by,
        "given_by": consent.given_by,
        "told": consent.told,
        "uses": json.dumps([use.value for use in Use if use in consent.uses]),
        "level": consent.level.value,
        "expires_on": _iso(consent.expires_on),
        "explicit": int(consent.explicit),
        "withdrawn_on": _iso(consent.withdrawn_on),
        "withdrawal_note": consent.withdrawal_note,
        "photos": int(consent.photos),
    }


def consent_from_row(row: dict | None) -> Consent:
    if row is None:
        return Consent()
    return Consent(
        given=bool(row["given"]), given_on=_date(row["given_on"]),
        method=Method(row["method"]) if row["method"] else None, recorded_by=row["recorded_by"],
        given_by=row["given_by"], told=row["told"], uses=_uses(row["uses"]),
        level=IdLevel(row["level"]), expires_on=_date(row["expires_on"]), explicit=bool(row["explicit"]),
        withdrawn_on=_date(row["withdrawn_on"]), withdrawal_note=row["withdrawal_note"],
        photos=bool(row.get("photos") or 0),
    )


@functools.lru_cache(maxsize=256)
def _uses(stored: str) -> frozenset[Use]:
    """The uses a consent covers, from their stored JSON. Cached: there are only a few
    combinations, and a file of 10,000 stories reads them all for every consent check."""
    return frozenset(Use(value) for value in json.loads(stored))


def use_from_row(row: dict) -> StoryUse:
    return StoryUse(id=row["id"], story_id=row["story_id"], use=Use(row["use"]), document=row["document"],
                    used_on=parse_iso_date(row["used_on"]), level=IdLevel(row["level"]),
                    created_at=row["created_at"])


# Each column of the search index (story_text) and the story columns it is folded from.
TEXT_SOURCES = {
    "title": ("title",),
    "quote": ("quote",),
    "body": ("before", "what_we_did", "after", "why_it_matters", "domain", "person_name", "pseudonym",
             "anonymous_as"),
    "tags": ("keywords",),
}
SEARCHED_COLUMNS = frozenset(column for sources in TEXT_SOURCES.values() for column in sources)


def text_row(story: Story, only: Collection[str] | None = None) -> dict:
    """The story's text folded for the search index (names included, so a person's stories can
    be found — for example when they ask to see or withdraw them). ``only``: just these columns
    of the index (folding a long story is the slow part of saving it)."""
    makers = {
        "title": lambda: fold(story.title),
        "quote": lambda: fold(story.quote),
        "body": lambda: fold("\n".join([
            story.before, story.what_we_did, story.after, story.why_it_matters, story.domain,
            story.person_name, story.pseudonym, story.anonymous_as,
        ])),
        "tags": lambda: fold(" ; ".join(story.keywords)),
    }
    return {column: make() for column, make in makers.items() if only is None or column in only}


def sync_search(db, story_id: str, text: bool | Collection[str] = True) -> None:
    """Brings the search tables in step with one story (call inside the write that changed it).
    ``text``: whether its text may have changed, or which of its columns did (SEARCHED_COLUMNS;
    the merge knows): only those parts of the index are folded again, and the full-text index is
    rewritten only when the folded text differs from what it holds."""
    row = _one(db, "SELECT * FROM stories WHERE id = ?", [story_id])
    if row is None:
        return
    consent = _one(db, "SELECT given, expires_on, withdrawn_on FROM story_consents WHERE story_id = ?",
                   [story_id]) or {"given": 0, "expires_on": None, "withdrawn_on": None}
    listed = {
        "live": int(row["deleted_at"] is None), "story_date": row["story_date"], "created_at": row["created_at"],
        "status": row["status"], "given": consent["given"], "expires_on": consent["expires_on"],
        "withdrawn_on": consent["withdrawn_on"],
    }
    sync_name_words(db, story_id, row["person_name"], row["pseudonym"])
    found = _one(db, "SELECT rowid FROM story_list WHERE story_id = ?", [story_id])
    if found is None:
        cursor = db.execute(
            "INSERT INTO story_list (story_id, live, story_date, created_at, status, given, expires_on, withdrawn_on) "
            "VALUES (:story_id, :live, :story_date, :created_at, :status, :given, :expires_on, :withdrawn_on)",
            {"story_id": story_id, **listed})
        db.execute("INSERT INTO story_text (rowid, title, quote, body, tags) VALUES (:rowid, :title, :quote, :body, :tags)",
                   {"rowid": cursor.lastrowid, **text_row(story_from_row(row))})
        return
    db.execute("UPDATE story_list SET live = :live, story_date = :story_date, created_at = :created_at, "
               "status = :status, given = :given, expires_on = :expires_on, withdrawn_on = :withdrawn_on "
               "WHERE rowid = :rowid", {"rowid": found["rowid"], **listed})
    if not text:
        return
    held = _one(db, "SELECT title, quote, body, tags FROM story_text WHERE rowid = ?", [found["rowid"]])
    only = None if text is True or held is None else [
        column for column, sources in TEXT_SOURCES.items() if not set(sources).isdisjoint(text)]
    folded = text_row(story_from_row(row), only)
    if held is None:
        db.execute("INSERT INTO story_text (rowid, title, quote, body, tags) VALUES (:rowid, :title, :quote, :body, :tags)",
                   {"rowid": found["rowid"], **folded})
    elif any(held[column] != value for column, value in folded.items()):
        # An update of story_text re-indexes the whole story (trigger story_text_au): only when needed.
        db.execute(f"UPDATE story_text SET {', '.join(f'{column} = :{column}' for column in folded)} WHERE rowid = :rowid",
                   {"rowid": found["rowid"], **folded})


def _one(db, sql: str, params: list) -> dict | None:
    """One row as a dict, read on the connection itself (sqlite-utils' ``query`` parses each
    statement first: a merge syncs hundreds of stories)."""
    cursor = db.conn.execute(sql, params)
    found = cursor.fetchone()
    return None if found is None else dict(zip([d[0] for d in cursor.description], found))


# What the last check before an export reads of a story and its consent (see
# svdesk/store/exposure_repo.py), in the columns of ``story_name_facts`` (migration m010). A story
# without a consent record reads as "not given" (all NULL).
NAME_FACTS_COLUMNS = ("story_id", "level", "special_categories", "about_child", "deleted", "given", "given_on",
                      "method", "recorded", "uses", "consent_level", "expires_on", "explicit", "withdrawn_on")
NAME_FACTS_SELECT = (
    "SELECT s.id, s.level, s.special_categories, s.about_child, s.deleted_at IS NOT NULL, c.given, c.given_on, "
    "c.method, c.recorded_by != '', c.uses, c.level, c.expires_on, c.explicit, c.withdrawn_on "
    "FROM stories s LEFT JOIN story_consents c ON c.story_id = s.id")


def sync_name_words(db, story_id: str, person_name: str, pseudonym: str) -> None:
    """Brings the index of stories by name word and their facts (migration m010) in step with one
    story and its consent: what the last check before an export reads."""
    words = story_words(person_name, pseudonym)
    held = {row[0] for row in db.execute("SELECT token FROM story_name_tokens WHERE story_id = ?", [story_id])}
    if held - words:
        db.conn.executemany("DELETE FROM story_name_tokens WHERE token = ? AND story_id = ?",
                            [(word, story_id) for word in held - words])
    if words - held:
        db.conn.executemany("INSERT INTO story_name_tokens (token, story_id) VALUES (?, ?)",
                            [(word, story_id) for word in words - held])
    db.execute(f"INSERT OR REPLACE INTO story_name_facts ({', '.join(NAME_FACTS_COLUMNS)}, changed) "
               f"{NAME_FACTS_SELECT.replace(' FROM ', ', (SELECT mark FROM story_names_mark) FROM ', 1)} "
               "WHERE s.id = ?", [story_id])
    db.execute("DELETE FROM story_names_stale WHERE story_id = ?", [story_id])
