"""The "tenders" section of a dump: tenders, commitments, earlier answer versions and the answers
as sent. Whole numbers in REAL columns are written as 12 (not 12.0) so dump -> load -> dump is
identical."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from svdesk.domain.errors import ValidationError
from svdesk.domain.tenders import FREQUENCIES, TenderStatus
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import streamed
from svdesk.store.tenders_repo import (
    ANSWER_COLUMNS, COMMITMENT_COLUMNS, TENDER_COLUMNS, commitment_from_row, tender_from_row,
)

SECTION = "tenders"
_JSON_LISTS = ("story_ids", "answer_notes", "answer_story_ids")
_STAMPS = ("created_at", "updated_at")


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def dump_section(orgfile: OrgFile) -> dict:
    return {key: list(rows) for key, rows in dump_section_lazily(orgfile).items()}


def dump_section_lazily(orgfile: OrgFile) -> dict:
    """The section with its lists as iterators: ``svdesk dump`` holds one record at a time."""
    return {"tenders": _tenders(orgfile), "commitments": _commitments(orgfile),
            "versions": ({key: row[key] for key in ("id", "tender_id", "text", "kind", "words", *_STAMPS)}
                         for row in streamed(orgfile, "SELECT * FROM tender_answer_versions ORDER BY created_at, id")),
            "submissions": _submissions(orgfile)}


def _tenders(orgfile: OrgFile) -> Iterator[dict]:
    for row in streamed(orgfile, "SELECT * FROM tenders ORDER BY created_at, id"):
        item = {"id": row["id"]}
        for key in (*TENDER_COLUMNS, *ANSWER_COLUMNS):
            item[key] = json.loads(row[key]) if key in _JSON_LISTS else _number(row[key])
        item["stories_chosen"] = bool(row["stories_chosen"])
        item.update(created_at=row["created_at"], updated_at=row["updated_at"], deleted_at=row["deleted_at"])
        yield item


def _commitments(orgfile: OrgFile) -> Iterator[dict]:
    for row in streamed(orgfile, "SELECT * FROM commitments ORDER BY tender_id, position, created_at, id"):
        item = {"id": row["id"], **{key: _number(row[key]) for key in COMMITMENT_COLUMNS}}
        item["additional"] = None if row["additional"] is None else bool(row["additional"])
        item.update(created_at=row["created_at"], updated_at=row["updated_at"], deleted_at=row["deleted_at"])
        yield item


def _submissions(orgfile: OrgFile) -> Iterator[dict]:
    for row in streamed(orgfile, "SELECT * FROM tender_submissions ORDER BY created_at, id"):
        item = {key: row[key] for key in ("id", "tender_id", "text", "words", "word_limit", "submitted_on")}
        item["commitments"] = json.loads(row["commitments"])
        item["story_ids"] = json.loads(row["story_ids"])
        item.update(created_at=row["created_at"], updated_at=row["updated_at"])
        yield item


# -- validation ------------------------------------------------------------------------------------
# field -> kind: "text" (str), "id", "date?" (ISO date or null), "int?", "num?", "stamp", "stamp?", "list"
_TENDER_FIELDS = {
    "id": "id", "buyer": "text", "title": "text", "reference": "text", "deadline": "date?", "deadline_time": "text",
    "contract_value_pence": "int?", "contract_months": "int?", "contract_start": "date?", "sv_weighting": "num?",
    "word_limit": "int?", "question": "text", "local_context": "text", "status": "text", "score": "text",
    "feedback": "text", "notes": "text", "stories_chosen": "bool", "story_ids": "list",
    "question_parts": "text?", "answer_text": "text", "answer_generated": "text",
    "answer_notes": "list", "answer_story_ids": "list", "answer_generated_at": "text", "answer_updated_at": "text",
    "created_at": "stamp", "updated_at": "stamp", "deleted_at": "stamp?",
}
_COMMITMENT_FIELDS = {
    "id": "id", "tender_id": "id", "position": "int", "promise": "text", "for_whom": "text", "unit": "text",
    "per_year": "num?", "over_contract": "num?", "by_when": "date?", "indicator_id": "text", "actions": "text",
    "people": "text", "milestones": "text", "kpis": "text", "frequency": "text", "evidence": "text",
    "accountable": "text", "value_per_unit_pence": "int?", "value_basis": "text?", "additional": "bool?",
    "created_at": "stamp", "updated_at": "stamp", "deleted_at": "stamp?",
}
_VERSION_FIELDS = {"id": "id", "tender_id": "id", "text": "text", "kind": "text", "words": "int",
                   "created_at": "stamp", "updated_at": "stamp"}
# A submission keeps its commitments as they were sent (``commitment_snapshot``).
_SNAPSHOT_FIELDS = {key: kind for key, kind in _COMMITMENT_FIELDS.items() if key != "deleted_at"}
_SUBMISSION_FIELDS = {"id": "id", "tender_id": "id", "text": "text", "words": "int", "word_limit": "int?",
                      "submitted_on": "date", "commitments": "list", "story_ids": "list",
                      "created_at": "stamp", "updated_at": "stamp"}


def _is_date(value) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and len(value) == 10


def _check_value(kind: str, value) -> str | None:
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if value is None:
        return None if optional else "a value is required"
    if kind in ("text", "id", "stamp") and not isinstance(value, str):
        return "must be text"
    if kind == "id" and not value:
        return "must not be empty"
    if kind == "stamp" and not (len(value) >= 10 and _is_date(value[:10])):
        return "must be a timestamp like 2026-03-03T10:00:00.000000Z"
    if kind == "date" and not _is_date(value):
        return "must be a date like 2026-03-03"
    if kind == "int" and (not isinstance(value, int) or isinstance(value, bool)):
        return "must be a whole number"
    if kind == "num" and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        return "must be a number"
    if kind == "bool" and not isinstance(value, bool):
        return "must be true or false"
    if kind == "list" and not isinstance(value, list):
        return "must be a list"
    return None


def _check_record(item, spec: dict, where: str) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: must be an object"]
    problems = []
    for key, kind in spec.items():
        if key not in item:
            if not kind.endswith("?"):
                problems.append(f"{where}.{key}: missing")
            continue
        problem = _check_value(kind, item[key])
        if problem:
            problems.append(f"{where}.{key}: {problem}")
    problems += [f"{where}.{key}: unknown field" for key in sorted(set(item) - set(spec))]
    return problems


def owned_ids(data) -> dict[str, set]:
    """Tenders can be tagged; the frameworks section checks each tag's tender is here."""
    from svdesk.store.dump_refs import listed_ids

    return {"tenders": listed_ids({SECTION: data}, SECTION, "tenders")}


def _reference_problems(lists: dict, whole: dict) -> list[str]:
    """Story and indicator ids a tender, its commitments and its sent answers name must be in the dump."""
    from svdesk.store.dump_refs import id_list_problems, listed_ids

    stories, indicators = listed_ids(whole, "stories", "stories"), listed_ids(whole, "measures", "indicators")
    problems = []

    def indicator(item, where):
        value = item.get("indicator_id") if isinstance(item, dict) else None
        if isinstance(value, str) and value and indicators is not None and value not in indicators:
            problems.append(f"{where}.indicator_id: there is no indicator '{value}' in the dump")

    for index, item in enumerate(lists["tenders"]):
        if isinstance(item, dict):
            for key in ("story_ids", "answer_story_ids"):
                problems += id_list_problems(item.get(key), f"tenders.tenders[{index}].{key}", stories, "story")
    for index, item in enumerate(lists["commitments"]):
        indicator(item, f"tenders.commitments[{index}]")
    for index, item in enumerate(lists["submissions"]):
        if isinstance(item, dict):
            where = f"tenders.submissions[{index}]"
            problems += id_list_problems(item.get("story_ids"), f"{where}.story_ids", stories, "story")
            sent = item.get("commitments")
            for number, commitment in enumerate(sent if isinstance(sent, list) else []):
                indicator(commitment, f"{where}.commitments[{number}]")
                if isinstance(commitment, dict) and commitment.get("tender_id") != item.get("tender_id"):
                    problems.append(f"{where}.commitments[{number}].tender_id: must be the tender this answer "
                                    "was sent for")
    return problems


def validate_section(data, whole: dict) -> list[str]:
    if not isinstance(data, dict):
        return ["tenders: must be an object with tenders, commitments, versions and submissions lists"]
    problems = [f"tenders.{key}: unknown part" for key in sorted(set(data) - {"tenders", "commitments", "versions",
                                                                             "submissions"})]
    lists = {}
    for key in ("tenders", "commitments", "versions", "submissions"):
        value = data.get(key, [])
        if not isinstance(value, list):
            problems.append(f"tenders.{key}: must be a list")
            value = []
        lists[key] = value
    tender_ids, seen = set(), set()
    statuses = {status.value for status in TenderStatus}
    for index, item in enumerate(lists["tenders"]):
        where = f"tenders.tenders[{index}]"
        found = _check_record(item, _TENDER_FIELDS, where)
        problems += found
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("status"), str) and item["status"] not in statuses:
            problems.append(f"{where}.status: '{item['status']}' is not one of {', '.join(sorted(statuses))}")
        if isinstance(item.get("id"), str):
            if item["id"] in seen:
                problems.append(f"{where}.id: the same id is used twice")
            seen.add(item["id"])
            tender_ids.add(item["id"])
        if not found and item.get("status") in statuses:
            try:
                row = {"deleted_at": None, **item, "story_ids": json.dumps(item["story_ids"])}
                tender_from_row(row).validated()
            except ValidationError as error:
                problems += [f"{where}: {problem}" for problem in error.problems]
    for index, item in enumerate(lists["commitments"]):
        where = f"tenders.commitments[{index}]"
        found = _check_record(item, _COMMITMENT_FIELDS, where)
        problems += found
        if not isinstance(item, dict):
            continue
        problems += _check_id(item, where, seen, tender_ids)
        if isinstance(item.get("frequency"), str) and item["frequency"] not in FREQUENCIES:
            problems.append(f"{where}.frequency: must be one of {', '.join(key or '(empty)' for key in FREQUENCIES)}")
        elif not found:
            try:
                commitment_from_row({"deleted_at": None, **item}).validated()
            except ValidationError as error:
                problems += [f"{where}: {problem}" for problem in error.problems]
    for index, item in enumerate(lists["versions"]):
        where = f"tenders.versions[{index}]"
        problems += _check_record(item, _VERSION_FIELDS, where)
        if isinstance(item, dict):
            problems += _check_id(item, where, seen, tender_ids)
            if item.get("kind") not in ("edited", "generated"):
                problems.append(f"{where}.kind: must be edited or generated")
    for index, item in enumerate(lists["submissions"]):
        where = f"tenders.submissions[{index}]"
        problems += _check_record(item, _SUBMISSION_FIELDS, where)
        if isinstance(item, dict):
            problems += _check_id(item, where, seen, tender_ids)
            sent = item.get("commitments")
            for number, commitment in enumerate(sent if isinstance(sent, list) else []):
                problems += _check_record(commitment, _SNAPSHOT_FIELDS, f"{where}.commitments[{number}]")
    return problems + _reference_problems(lists, whole)


def _check_id(item: dict, where: str, seen: set, tender_ids: set) -> list[str]:
    problems = []
    if isinstance(item.get("id"), str):
        if item["id"] in seen:
            problems.append(f"{where}.id: the same id is used twice")
        seen.add(item["id"])
    if isinstance(item.get("tender_id"), str) and item["tender_id"] not in tender_ids:
        problems.append(f"{where}.tender_id: there is no tender with this id in the dump")
    return problems


def load_section(orgfile: OrgFile, data: dict) -> None:
    db = orgfile.db
    for item in data.get("tenders", []):
        row = dict(item)
        for key in _JSON_LISTS:
            row[key] = json.dumps(item.get(key, []), ensure_ascii=False)
        row["stories_chosen"] = int(bool(item.get("stories_chosen", False)))
        db["tenders"].insert(row)
    for item in data.get("commitments", []):
        db["commitments"].insert(dict(item))
    for item in data.get("versions", []):
        db["tender_answer_versions"].insert(dict(item))
    for item in data.get("submissions", []):
        row = dict(item)
        row["commitments"] = json.dumps(item.get("commitments", []), ensure_ascii=False)
        row["story_ids"] = json.dumps(item.get("story_ids", []))
        db["tender_submissions"].insert(row)
