"""The CIC34 records' part of dump/load: section "cic34"."""

from __future__ import annotations

import datetime as dt
import json

from svdesk.domain.cic34 import MAX_PART_TEXT, Office, Part
from svdesk.store.cic34_none import NONE_KINDS
from svdesk.store.cic34_repo import wording_defaults
from svdesk.store.orgfile import OrgFile

SECTION = "cic34"

_STAMPS = ("created_at", "updated_at")
# list name -> (table, columns in dump order, order by)
_TABLES = {
    "pay": ("cic34_pay", ("id", "year_end", "director", "amount_pence", "accounts_note", "position",
                          *_STAMPS, "deleted_at"), "year_end, position, id"),
    "transfers": ("cic34_transfers", ("id", "year_end", "recipient", "what", "value_pence", "position",
                                      *_STAMPS, "deleted_at"), "year_end, position, id"),
    "dividends": ("cic34_dividends", ("id", "year_end", "amount_pence", "description", "position",
                                      *_STAMPS, "deleted_at"), "year_end, position, id"),
    "signatories": ("cic34_signatories", ("id", "year_end", "name", "office", "signed_on", "filed_on", *_STAMPS),
                    "year_end, id"),
    "texts": ("cic34_texts", ("id", "year_end", "part", "text", "drafted", *_STAMPS, "deleted_at"),
              "year_end, part, id"),
    "summary": ("cic34_summary", ("id", "year_end", "story_ids", *_STAMPS), "year_end, id"),
    "none_confirmed": ("cic34_none", ("id", "year_end", "what", "confirmed_on", *_STAMPS, "deleted_at"),
                       "year_end, what, id"),
    "wording": ("cic34_wording", ("id", "key", "year_end", "text", *_STAMPS, "deleted_at"),
                "key, year_end, id"),
}

# column -> kind: "text", "date", "optional_date", "year_scope", "int", "optional_int", "stamp",
# "optional_stamp"
_KINDS = {
    "id": "text", "year_end": "date", "director": "text", "amount_pence": "optional_int", "accounts_note": "text",
    "position": "int", "created_at": "stamp", "updated_at": "stamp", "deleted_at": "optional_stamp",
    "recipient": "text", "what": "text", "value_pence": "optional_int", "description": "text",
    "name": "text", "office": "text", "signed_on": "optional_date", "filed_on": "optional_date",
    "part": "text", "text": "text",
    "drafted": "text", "key": "text", "story_ids": "id_list", "confirmed_on": "date",
}
_REQUIRED = {"id", "year_end", "created_at", "updated_at"}


def dump_section(orgfile: OrgFile) -> dict:
    result = {}
    for name, (table, columns, order) in _TABLES.items():
        rows = orgfile.query(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
        result[name] = [{column: _out(column, row[column]) for column in columns} for row in rows]
    return result


def _out(column: str, value):
    # story_ids is JSON in the file and a real list in the dump.
    return json.loads(value) if column == "story_ids" else value


def _in(column: str, value):
    return json.dumps(value) if column == "story_ids" else value


def _kind_problem(kind: str, value) -> str | None:
    if kind == "text":
        return None if isinstance(value, str) else "must be text"
    if kind in ("int", "optional_int"):
        if value is None and kind == "optional_int":
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            return "must be a whole number"
        return None if value >= 0 else "cannot be negative"
    if kind in ("date", "optional_date"):
        if value is None and kind == "optional_date":
            return None
        if not isinstance(value, str):
            return "must be a date like 2026-03-31"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a date like 2026-03-31"
        return None
    if kind == "id_list":
        ok = isinstance(value, list) and len(value) <= 2 and all(isinstance(item, str) for item in value)
        return None if ok else "must be a list of at most two story ids"
    if kind in ("stamp", "optional_stamp"):
        if value is None and kind == "optional_stamp":
            return None
        return None if isinstance(value, str) and len(value) >= 10 else "must be a time stamp"
    return None


def validate_section(data, whole: dict) -> list[str]:
    if not isinstance(data, dict):
        return ["cic34: must be an object with the lists " + ", ".join(_TABLES)]
    from svdesk.store.dump_refs import id_list_problems, listed_ids

    problems = [f"cic34.{key}: unknown list" for key in sorted(set(data) - set(_TABLES))]
    stories = listed_ids(whole, "stories", "stories")
    ids = set()
    wording_keys = {default.key for default in wording_defaults() if default.editable}
    unique_seen: dict[str, set] = {"signatories": set(), "texts": set(), "wording": set(), "summary": set()}
    for name, (_table, columns, _order) in _TABLES.items():
        items = data.get(name, [])
        if not isinstance(items, list):
            problems.append(f"cic34.{name}: must be a list")
            continue
        for index, item in enumerate(items):
            where = f"cic34.{name}[{index}]"
            if not isinstance(item, dict):
                problems.append(f"{where}: must be an object")
                continue
            problems += [f"{where}.{key}: unknown field" for key in sorted(set(item) - set(columns))]
            for column in columns:
                if column not in item:
                    if column in _REQUIRED or _KINDS[column] in ("text", "int", "stamp", "id_list"):
                        problems.append(f"{where}.{column}: is missing")
                    continue
                kind = _KINDS[column]
                if name == "wording" and column == "year_end":
                    value = item[column]
                    problem = None if value == "" else _kind_problem("date", value)
                else:
                    problem = _kind_problem(kind, item[column])
                if problem:
                    problems.append(f"{where}.{column}: {problem}")
            problems += _item_rules(name, where, item, wording_keys)
            if name == "summary":
                problems += id_list_problems(item.get("story_ids"), f"{where}.story_ids", stories, "story")
            if isinstance(item.get("id"), str):
                if item["id"] in ids:
                    problems.append(f"{where}.id: the same id is used twice")
                ids.add(item["id"])
            if name in unique_seen:
                pair = (item.get("year_end"), item.get("part") if name == "texts" else item.get("key"))
                if pair in unique_seen[name]:
                    problems.append(f"{where}: this year already has one")
                unique_seen[name].add(pair)
    return problems


def _item_rules(name: str, where: str, item: dict, wording_keys: set[str]) -> list[str]:
    problems = []
    if name == "pay" and isinstance(item.get("director"), str) and not item["director"].strip():
        problems.append(f"{where}.director: needs a name")
    if name == "transfers" and isinstance(item.get("recipient"), str) and not item["recipient"].strip():
        problems.append(f"{where}.recipient: needs a name")
    if name == "dividends" and "amount_pence" in item and item["amount_pence"] is None:
        problems.append(f"{where}.amount_pence: is missing")
    if name == "none_confirmed" and item.get("what") not in NONE_KINDS:
        problems.append(f"{where}.what: must be one of " + ", ".join(NONE_KINDS))
    if name == "signatories" and item.get("office") not in {office.value for office in Office}:
        problems.append(f"{where}.office: must be director or secretary")
    if name == "texts":
        if item.get("part") not in {part.value for part in Part}:
            problems.append(f"{where}.part: must be one of " + ", ".join(part.value for part in Part))
        if isinstance(item.get("text"), str) and len(item["text"]) > MAX_PART_TEXT:
            problems.append(f"{where}.text: is too long (at most {MAX_PART_TEXT:,} characters)")
    if name == "wording" and item.get("key") not in wording_keys:
        problems.append(f"{where}.key: '{item.get('key')}' is not a sentence that can be changed")
    return problems


def load_section(orgfile: OrgFile, data: dict) -> None:
    for name, (table, columns, _order) in _TABLES.items():
        for item in data.get(name, []):
            orgfile.db[table].insert({column: _in(column, item.get(column)) for column in columns if column in item})
