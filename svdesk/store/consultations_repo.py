"""The consultation log (who we listened to), and its part of dump/load."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from svdesk.domain.consultations import Consultation, Method, Stakeholder
from svdesk.domain.dates import parse_iso_date, utc_now_stamp
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.ids import new_id
from svdesk.domain.textsafe import clean_line
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, update_changed

OWNER_TABLE = "consultations"
_COLUMNS = ("held_on", "title", "who", "who_other", "how", "how_other", "people", "heard", "changed")


LISTED_CHARS = 200  # of a consultation's long texts, in the log's list (its tooltip shows as many)


def to_row(item: Consultation) -> dict:
    return {
        "held_on": item.held_on.isoformat() if item.held_on else None,
        "title": item.title,
        "who": json.dumps([group.value for group in Stakeholder if group in item.who]),
        "who_other": item.who_other,
        "how": item.how.value,
        "how_other": item.how_other,
        "people": item.people,
        "heard": item.heard,
        "changed": item.changed,
    }


def from_row(row: dict) -> Consultation:
    return Consultation(
        id=row["id"], held_on=parse_iso_date(row["held_on"]) if row["held_on"] else None, title=row["title"],
        who=tuple(Stakeholder(value) for value in json.loads(row["who"])), who_other=row["who_other"],
        how=Method(row["how"]), how_other=row["how_other"], people=row["people"], heard=row["heard"],
        changed=row["changed"], created_at=row["created_at"], updated_at=row["updated_at"],
    )


class ConsultationRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    def all(self) -> list[Consultation]:
        """Newest first (the order of the log on screen)."""
        from svdesk.store.rows import streamed

        # Row by row: every row's dict at once, then every Consultation, made 16 MB of 9 with 10,000.
        return [from_row(row) for row in streamed(self._file, "SELECT * FROM consultations WHERE deleted_at IS NULL "
                                                  "ORDER BY held_on IS NULL DESC, held_on DESC, created_at DESC")]

    def listing(self) -> list[Consultation]:
        """Newest first, for the log's list: what was heard and changed cut to their first
        ``LISTED_CHARS`` characters in SQL (a list shows a line of them; 10,000 whole texts held
        megabytes all the while the page is open). Never saved back: the page reads the one it
        edits whole with ``get``."""
        from svdesk.store.rows import streamed

        return [from_row(row) for row in streamed(self._file, (
            f"SELECT id, held_on, title, who, who_other, how, how_other, people, "
            f"substr(heard, 1, {LISTED_CHARS}) AS heard, substr(changed, 1, {LISTED_CHARS}) AS changed, "
            "created_at, updated_at FROM consultations WHERE deleted_at IS NULL "
            "ORDER BY held_on IS NULL DESC, held_on DESC, created_at DESC"))]

    def between(self, start: dt.date, end: dt.date) -> list[Consultation]:
        """Consultations held from ``start`` to ``end`` inclusive, oldest first (CIC34 Part 2)."""
        rows = self._file.query(
            "SELECT * FROM consultations WHERE deleted_at IS NULL AND held_on BETWEEN ? AND ? "
            "ORDER BY held_on, created_at", [start.isoformat(), end.isoformat()])
        return [from_row(row) for row in rows]

    def any_between(self, start: dt.date, end: dt.date) -> bool:
        """Whether any consultation was held from ``start`` to ``end`` inclusive: one index probe
        (reading the year's records whole took 110 ms of the window's thread on the 50k file)."""
        row = self._file.query_one(
            "SELECT 1 AS found FROM consultations WHERE deleted_at IS NULL AND held_on BETWEEN ? AND ? LIMIT 1",
            [start.isoformat(), end.isoformat()])
        return row is not None

    def get(self, consultation_id: str) -> Consultation:
        row = self._file.query_one("SELECT * FROM consultations WHERE id = ?", [consultation_id])
        if row is None:
            raise SvdeskError("That consultation is no longer in the file.")
        return from_row(row)

    def add(self, held_on: dt.date | None = None, title: str = "") -> Consultation:
        item = Consultation(id=new_id(), held_on=held_on, title=clean_line(title))
        with self._file.write("consultations") as db:
            db["consultations"].insert(stamped({"id": item.id, **to_row(item)}, new=True))
        return self.get(item.id)

    def save(self, item: Consultation) -> Consultation:
        """Saves what was typed; only values that cannot be stored at all are refused."""
        item = replace(item, title=clean_line(item.title), who_other=clean_line(item.who_other),
                       how_other=clean_line(item.how_other))
        problems = item.input_problems()
        if problems:
            raise ValidationError(problems)
        if self._file.query_one("SELECT id FROM consultations WHERE id = ?", [item.id]) is None:
            raise SvdeskError("That consultation is no longer in the file, so the change was not saved.")
        with self._file.write("consultations") as db:
            update_changed(db, "consultations", item.id, to_row(item))
        return self.get(item.id)

    def remove(self, consultation_id: str) -> None:
        with self._file.write("consultations") as db:
            db.execute("UPDATE consultations SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), utc_now_stamp(), consultation_id])

    def restore(self, consultation_id: str) -> None:
        with self._file.write("consultations") as db:
            db.execute("UPDATE consultations SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), consultation_id])

    def removed(self) -> list[Consultation]:
        rows = self._file.query("SELECT * FROM consultations WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC")
        return [from_row(row) for row in rows]

    def count(self) -> int:
        row = self._file.query_one("SELECT count(*) AS n FROM consultations WHERE deleted_at IS NULL")
        return row["n"] if row else 0

    def latest(self) -> Consultation | None:
        """The most recently held (the first dated one in ``all``), read alone: there may be thousands."""
        row = self._file.query_one(
            "SELECT * FROM consultations WHERE deleted_at IS NULL AND held_on IS NOT NULL AND held_on != '' "
            "ORDER BY held_on DESC, created_at DESC LIMIT 1")
        return from_row(row) if row else None


# -- dump / load ---------------------------------------------------------------------------------
SECTION = "consultations"
_FIELDS = ("id", *_COLUMNS, "created_at", "updated_at", "deleted_at")


def _decode(row: dict) -> dict:
    return {**row, "who": json.loads(row["who"])}


def dump_section(orgfile: OrgFile) -> list:
    return list(dump_section_lazily(orgfile))


def dump_section_lazily(orgfile: OrgFile):
    """One consultation at a time, for ``svdesk dump`` (there may be tens of thousands)."""
    from svdesk.store.rows import streamed

    for row in streamed(orgfile, "SELECT * FROM consultations ORDER BY held_on, created_at, id"):
        row["who"] = json.loads(row["who"])
        yield {key: row[key] for key in _FIELDS}


def validate_section(data, whole: dict) -> list[str]:
    if not isinstance(data, list):
        return ["consultations: must be a list"]
    problems = []
    seen = set()
    stakeholders = {group.value for group in Stakeholder}
    methods = {method.value for method in Method}
    for index, item in enumerate(data):
        where = f"consultations[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        for key in ("id", "created_at", "updated_at"):
            if not isinstance(item.get(key), str):
                problems.append(f"{where}.{key}: a text value is required")
        if item.get("id") in seen:
            problems.append(f"{where}.id: the same id is used twice")
        seen.add(item.get("id"))
        problems += [f"{where}.{key}: unknown field" for key in sorted(set(item) - set(_FIELDS))]
        for key in ("title", "who_other", "how_other", "heard", "changed"):
            if key in item and not isinstance(item[key], str):
                problems.append(f"{where}.{key}: must be text")
        for key in ("held_on", "deleted_at"):
            value = item.get(key)
            if value is not None and not isinstance(value, str):
                problems.append(f"{where}.{key}: must be text or null")
        if isinstance(item.get("held_on"), str):
            try:
                parse_iso_date(item["held_on"])
            except ValueError:
                problems.append(f"{where}.held_on: '{item['held_on']}' is not a date like 2026-03-03")
        who = item.get("who", [])
        if not isinstance(who, list) or any(value not in stakeholders for value in who):
            problems.append(f"{where}.who: must list some of " + ", ".join(sorted(stakeholders)))
        if item.get("how", "meeting") not in methods:
            problems.append(f"{where}.how: '{item.get('how')}' is not one of " + ", ".join(sorted(methods)))
        people = item.get("people")
        if people is not None and (not isinstance(people, int) or isinstance(people, bool) or people < 0):
            problems.append(f"{where}.people: must be a whole number of at least 0, or null")
    return problems


def owned_ids(data) -> dict[str, set]:
    return {OWNER_TABLE: {item["id"] for item in data if isinstance(item, dict) and "id" in item}}


def load_section(orgfile: OrgFile, data: list) -> None:
    for item in data:
        row = {key: item.get(key) for key in _FIELDS if key in item}
        row["who"] = json.dumps(item.get("who", []))
        orgfile.db["consultations"].insert(row)
