"""The "stories" section of a dump: stories, consent records, the use log and indicator links.

The search index is not dumped: it is rebuilt from the stories when a dump is loaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from svdesk.domain.consent import SPECIAL_CATEGORIES, IdLevel, Method, Use
from svdesk.domain.dates import parse_iso_date
from svdesk.domain.stories import Status
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import streamed
from svdesk.store.stories_rows import CONSENT_COLUMNS, STORY_COLUMNS, sync_search

SECTION = "stories"
OWNER_TABLE = "stories"
_STORY_FIELDS = ("id", *STORY_COLUMNS, "created_at", "updated_at", "deleted_at")
_CONSENT_FIELDS = ("id", "story_id", *CONSENT_COLUMNS, "created_at", "updated_at")
_USE_FIELDS = ("id", "story_id", "use", "document", "used_on", "level", "created_at", "updated_at")
_LINK_FIELDS = ("id", "story_id", "indicator_id", "created_at", "updated_at")
_LEVELS = {level.value for level in IdLevel}


def dump_section(orgfile: OrgFile) -> dict:
    return {key: list(rows) for key, rows in dump_section_lazily(orgfile).items()}


def dump_section_lazily(orgfile: OrgFile) -> dict:
    """The section with its lists as iterators: ``svdesk dump`` holds one story at a time (a file
    of 50,000 stories held them all, over 300 MB, before writing the first)."""
    return {"stories": _stories(orgfile), "consents": _consents(orgfile),
            "uses": (_pick(row, _USE_FIELDS) for row in streamed(
                orgfile, "SELECT * FROM story_uses ORDER BY used_on, created_at, id")),
            "indicator_links": (_pick(row, _LINK_FIELDS) for row in streamed(
                orgfile, "SELECT * FROM story_indicators ORDER BY story_id, indicator_id"))}


def _pick(row: dict, fields: tuple) -> dict:
    return {key: row[key] for key in fields}


def _stories(orgfile: OrgFile) -> Iterator[dict]:
    for row in streamed(orgfile, "SELECT * FROM stories ORDER BY story_date, created_at, id"):
        item = _pick(row, _STORY_FIELDS)
        item["keywords"] = json.loads(row["keywords"])
        item["special_categories"] = json.loads(row["special_categories"])
        item["about_child"] = bool(row["about_child"])
        yield item


def _consents(orgfile: OrgFile) -> Iterator[dict]:
    for row in streamed(orgfile, "SELECT * FROM story_consents ORDER BY story_id, id"):
        item = _pick(row, _CONSENT_FIELDS)
        item["given"] = bool(row["given"])
        item["explicit"] = bool(row["explicit"])
        item["photos"] = bool(row["photos"])
        item["uses"] = json.loads(row["uses"])
        yield item


def owned_ids(data) -> dict[str, set]:
    return {OWNER_TABLE: {item["id"] for item in data.get("stories", []) if isinstance(item, dict) and "id" in item}}


def _check_date(problems: list[str], where: str, value, required: bool = False) -> None:
    if value is None:
        if required:
            problems.append(f"{where}: a date is required")
        return
    if not isinstance(value, str):
        problems.append(f"{where}: must be a date like 2026-03-03")
        return
    try:
        parse_iso_date(value)
    except ValueError:
        problems.append(f"{where}: '{value}' is not a date like 2026-03-03")


def _check_record(problems, where, item, fields, texts) -> bool:
    if not isinstance(item, dict):
        problems.append(f"{where}: must be an object")
        return False
    for key in ("id", "created_at", "updated_at"):
        if not isinstance(item.get(key), str):
            problems.append(f"{where}.{key}: a text value is required")
    problems += [f"{where}.{key}: unknown field" for key in sorted(set(item) - set(fields))]
    for key in texts:
        if key in item and not isinstance(item[key], str):
            problems.append(f"{where}.{key}: must be text")
    return True


def validate_section(data, whole: dict) -> list[str]:
    if not isinstance(data, dict):
        return ["stories: must be an object with stories, consents, uses and indicator_links lists"]
    problems = []
    for key in ("stories", "consents", "uses", "indicator_links"):
        if not isinstance(data.get(key, []), list):
            problems.append(f"stories.{key}: must be a list")
    if problems:
        return problems
    problems += [f"stories.{key}: unknown part" for key in sorted(set(data) - {"stories", "consents", "uses", "indicator_links"})]
    story_ids = set()
    texts = ("title", "domain", "person_name", "pseudonym", "anonymous_as", "before", "what_we_did", "after",
             "quote", "why_it_matters")
    for index, item in enumerate(data.get("stories", [])):
        where = f"stories.stories[{index}]"
        if not _check_record(problems, where, item, _STORY_FIELDS, texts):
            continue
        if item.get("id") in story_ids:
            problems.append(f"{where}.id: the same id is used twice")
        story_ids.add(item.get("id"))
        _check_date(problems, f"{where}.story_date", item.get("story_date"))
        if item.get("level", "anonymous") not in _LEVELS:
            problems.append(f"{where}.level: must be one of " + ", ".join(sorted(_LEVELS)))
        if item.get("status", "draft") not in {status.value for status in Status}:
            problems.append(f"{where}.status: must be draft or ready")
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(word, str) for word in keywords):
            problems.append(f"{where}.keywords: must be a list of words")
        categories = item.get("special_categories", [])
        if not isinstance(categories, list) or any(value not in SPECIAL_CATEGORIES for value in categories):
            problems.append(f"{where}.special_categories: must list some of " + ", ".join(SPECIAL_CATEGORIES))
        if not isinstance(item.get("about_child", False), bool):
            problems.append(f"{where}.about_child: must be true or false")
    with_consent = set()
    for index, item in enumerate(data.get("consents", [])):
        where = f"stories.consents[{index}]"
        if not _check_record(problems, where, item, _CONSENT_FIELDS, ("recorded_by", "given_by", "told", "withdrawal_note")):
            continue
        if item.get("story_id") not in story_ids:
            problems.append(f"{where}.story_id: belongs to a story that is not in the dump")
        if item.get("story_id") in with_consent:
            problems.append(f"{where}.story_id: a story has only one consent record")
        with_consent.add(item.get("story_id"))
        for key in ("given", "explicit", "photos"):
            if not isinstance(item.get(key, False), bool):
                problems.append(f"{where}.{key}: must be true or false")
        for key in ("given_on", "expires_on", "withdrawn_on"):
            _check_date(problems, f"{where}.{key}", item.get(key))
        if item.get("method") is not None and item.get("method") not in {method.value for method in Method}:
            problems.append(f"{where}.method: must be signed_form, verbal, online or null")
        uses = item.get("uses", [])
        if not isinstance(uses, list) or any(value not in {use.value for use in Use} for value in uses):
            problems.append(f"{where}.uses: must list some of " + ", ".join(use.value for use in Use))
        if item.get("level", "anonymous") not in _LEVELS:
            problems.append(f"{where}.level: must be one of " + ", ".join(sorted(_LEVELS)))
    use_ids = set()
    for index, item in enumerate(data.get("uses", [])):
        where = f"stories.uses[{index}]"
        if not _check_record(problems, where, item, _USE_FIELDS, ("document",)):
            continue
        if item.get("id") in use_ids:
            problems.append(f"{where}.id: the same id is used twice")
        use_ids.add(item.get("id"))
        if item.get("story_id") not in story_ids:
            problems.append(f"{where}.story_id: belongs to a story that is not in the dump")
        if item.get("use") not in {use.value for use in Use}:
            problems.append(f"{where}.use: must be one of " + ", ".join(use.value for use in Use))
        if item.get("level") not in _LEVELS:
            problems.append(f"{where}.level: must be one of " + ", ".join(sorted(_LEVELS)))
        if not isinstance(item.get("document"), str) or not item["document"].strip():
            problems.append(f"{where}.document: the document's name is required")
        _check_date(problems, f"{where}.used_on", item.get("used_on"), required=True)
    known_indicators = _indicator_ids(whole)
    seen_links = set()
    for index, item in enumerate(data.get("indicator_links", [])):
        where = f"stories.indicator_links[{index}]"
        if not _check_record(problems, where, item, _LINK_FIELDS, ("indicator_id",)):
            continue
        if item.get("story_id") not in story_ids:
            problems.append(f"{where}.story_id: belongs to a story that is not in the dump")
        if not isinstance(item.get("indicator_id"), str) or not item["indicator_id"]:
            problems.append(f"{where}.indicator_id: an indicator id is required")
        elif known_indicators is not None and item["indicator_id"] not in known_indicators:
            problems.append(f"{where}.indicator_id: refers to an indicator that is not in the dump")
        pair = (item.get("story_id"), item.get("indicator_id"))
        if pair in seen_links:
            problems.append(f"{where}: the same link is listed twice")
        seen_links.add(pair)
    return problems


def _indicator_ids(whole: dict) -> set | None:
    """Indicator ids listed by the measures section (none when it is missing: a link is then dangling)."""
    from svdesk.store.dump_refs import listed_ids

    return listed_ids(whole, "measures", "indicators")


def load_section(orgfile: OrgFile, data: dict) -> None:
    db = orgfile.db
    with_consent = {item["story_id"] for item in data.get("consents", [])}
    for item in data.get("stories", []):
        row = {key: item[key] for key in _STORY_FIELDS if key in item}
        row["keywords"] = json.dumps(item.get("keywords", []), ensure_ascii=False)
        row["special_categories"] = json.dumps(sorted(item.get("special_categories", [])))
        row["about_child"] = int(bool(item.get("about_child", False)))
        db["stories"].insert(row)
        if item["id"] not in with_consent:
            # A story always has a consent record; a dump written by hand may leave it out.
            from svdesk.domain.ids import new_id

            db["story_consents"].insert({"id": new_id(), "story_id": item["id"], "created_at": item["created_at"],
                                         "updated_at": item["created_at"]})
    for item in data.get("consents", []):
        row = {key: item[key] for key in _CONSENT_FIELDS if key in item}
        row["given"] = int(bool(item.get("given", False)))
        row["explicit"] = int(bool(item.get("explicit", False)))
        row["photos"] = int(bool(item.get("photos", False)))
        row["uses"] = json.dumps(item.get("uses", []))
        db["story_consents"].insert(row)
    for item in data.get("uses", []):
        db["story_uses"].insert({key: item[key] for key in _USE_FIELDS})
    for item in data.get("indicator_links", []):
        db["story_indicators"].insert({key: item[key] for key in _LINK_FIELDS})
    for row in orgfile.query("SELECT id FROM stories ORDER BY created_at, id"):
        sync_search(db, row["id"])
