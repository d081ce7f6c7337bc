"""The statement's part of ``svdesk dump`` / ``svdesk load``: the working copy and every agreed
version (withdrawn ones too, so an undo survives the round trip). Its tags travel in the
frameworks section (owner_table "statements"), which checks through ``owned_ids`` they point here."""

from __future__ import annotations

import datetime as dt

from svdesk.domain.statement import Statement
from svdesk.store.orgfile import OrgFile
from svdesk.store.statement_repo import (
    NULLABLE_COLUMNS, OWNER_TABLE, STATEMENT_COLUMNS, VERSION_COLUMNS, _statement_from_row,
)

SECTION = "statement"
_STAMPS = ("id", "created_at", "updated_at")


def dump_section(orgfile: OrgFile) -> dict:
    statements = [
        {key: row[key] for key in ("id", *STATEMENT_COLUMNS, "created_at", "updated_at")}
        for row in orgfile.query("SELECT * FROM statements ORDER BY created_at, id")
    ]
    versions = [
        {key: row[key] for key in ("id", *VERSION_COLUMNS, "created_at", "updated_at", "deleted_at")}
        for row in orgfile.query("SELECT * FROM statement_versions ORDER BY statement_id, number, created_at, id")
    ]
    return {"statements": statements, "versions": versions}


def _is_text(value) -> bool:
    return isinstance(value, str)


def _check_statement(item, where: str) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: must be an object"]
    problems = []
    for key in (*_STAMPS, *(column for column in STATEMENT_COLUMNS if column not in NULLABLE_COLUMNS)):
        if key in _STAMPS or key in item:
            if not _is_text(item.get(key)):
                problems.append(f"{where}.{key}: a text value is required")
    for key in NULLABLE_COLUMNS:
        if item.get(key) is not None and not _is_text(item.get(key)):
            problems.append(f"{where}.{key}: must be text or null")
    unknown = set(item) - {*_STAMPS, *STATEMENT_COLUMNS}
    problems += [f"{where}.{key}: unknown field" for key in sorted(unknown)]
    if not problems:
        row = {column: "" for column in STATEMENT_COLUMNS}
        row.update({key: None for key in NULLABLE_COLUMNS})
        row.update(item)
        statement: Statement = _statement_from_row(row)
        problems += [f"{where}: {problem}" for problem in statement.problems()]
    return problems


def _check_version(item, where: str, statement_ids: set[str]) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: must be an object"]
    problems = []
    for key in (*_STAMPS, "statement_id", "full_text", "short_text", "agreed_on", "agreed_by"):
        if not _is_text(item.get(key)):
            problems.append(f"{where}.{key}: a text value is required")
    if "note" in item and not _is_text(item["note"]):
        problems.append(f"{where}.note: must be text")
    if item.get("deleted_at") is not None and not _is_text(item.get("deleted_at")):
        problems.append(f"{where}.deleted_at: must be text or null")
    number = item.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        problems.append(f"{where}.number: must be a whole number from 1")
    if _is_text(item.get("agreed_on")):
        try:
            dt.date.fromisoformat(item["agreed_on"])
        except ValueError:
            problems.append(f"{where}.agreed_on: '{item['agreed_on']}' is not a date like 2026-03-03")
    if _is_text(item.get("agreed_by")) and not item["agreed_by"].strip():
        problems.append(f"{where}.agreed_by: say who agreed it")
    if _is_text(item.get("statement_id")) and item["statement_id"] not in statement_ids:
        problems.append(f"{where}.statement_id: there is no statement with id {item['statement_id']}")
    unknown = set(item) - {*_STAMPS, *VERSION_COLUMNS, "deleted_at"}
    problems += [f"{where}.{key}: unknown field" for key in sorted(unknown)]
    return problems


def validate_section(data, whole: dict) -> list[str]:
    if not isinstance(data, dict):
        return ["statement: must be an object with 'statements' and 'versions' lists"]
    problems = [f"statement.{key}: unknown field" for key in sorted(set(data) - {"statements", "versions"})]
    statements = data.get("statements", [])
    versions = data.get("versions", [])
    if not isinstance(statements, list) or not isinstance(versions, list):
        return problems + ["statement: 'statements' and 'versions' must be lists"]
    ids: set[str] = set()
    for index, item in enumerate(statements):
        where = f"statement.statements[{index}]"
        problems += _check_statement(item, where)
        if isinstance(item, dict) and _is_text(item.get("id")):
            if item["id"] in ids:
                problems.append(f"{where}.id: the id {item['id']} is used twice")
            ids.add(item["id"])
    version_ids: set[str] = set()
    numbers: set[tuple[str, int]] = set()
    for index, item in enumerate(versions):
        where = f"statement.versions[{index}]"
        problems += _check_version(item, where, ids)
        if not isinstance(item, dict):
            continue
        if _is_text(item.get("id")):
            if item["id"] in version_ids:
                problems.append(f"{where}.id: the id {item['id']} is used twice")
            version_ids.add(item["id"])
        if item.get("deleted_at") is None and isinstance(item.get("number"), int):
            key = (item.get("statement_id"), item["number"])
            if key in numbers:
                problems.append(f"{where}.number: two agreed versions are both numbered {item['number']}")
            numbers.add(key)
    return problems


def owned_ids(data) -> dict[str, set]:
    """Statements can be tagged; the frameworks section checks each tag's statement is here."""
    from svdesk.store.dump_refs import listed_ids

    return {OWNER_TABLE: listed_ids({SECTION: data}, SECTION, "statements")}


def load_section(orgfile: OrgFile, data: dict) -> None:
    for item in data.get("statements", []):
        row = {column: "" for column in STATEMENT_COLUMNS}
        row.update({key: None for key in NULLABLE_COLUMNS})
        row.update(item)
        orgfile.db["statements"].insert(row)
    for item in data.get("versions", []):
        orgfile.db["statement_versions"].insert({"note": "", "deleted_at": None, **item})
