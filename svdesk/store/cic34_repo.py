"""The CIC34 report's records: rows <-> svdesk.domain.cic34, one financial year at a time.

Years are keyed by their last day (ISO date). Directors' pay, asset transfers and dividends are
lists with a position; removing one is soft (``deleted_at``) so the page can undo it. A part's
own text and the organisation's wording are soft-deleted too when reset.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, replace

from svdesk import paths
from svdesk.domain.cic34 import (
    AssetTransfer, DirectorPay, Dividend, Office, Part, Signatory, clean_part_text, validated,
)
from svdesk.domain.cic34_wording import (
    Source, WordingDefault, WordingValue, check_wording, defaults_from_json, resolve,
)
from svdesk.domain.dates import parse_iso_date, utc_now_stamp
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.textsafe import clean_line, clean_text
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, update_changed


@functools.lru_cache(maxsize=1)
def wording_defaults() -> tuple[WordingDefault, ...]:
    data = json.loads(paths.resource("cic34", "wording.json").read_text("utf-8"))
    return defaults_from_json(data)


def _key(year_end: dt.date) -> str:
    return year_end.isoformat()


# -- row <-> record ------------------------------------------------------------------------------
def _pay(row: dict) -> DirectorPay:
    return DirectorPay(row["id"], parse_iso_date(row["year_end"]), row["director"], row["amount_pence"],
                       row["accounts_note"], row["position"])


def _transfer(row: dict) -> AssetTransfer:
    return AssetTransfer(row["id"], parse_iso_date(row["year_end"]), row["recipient"], row["what"],
                         row["value_pence"], row["position"])


def _dividend(row: dict) -> Dividend:
    return Dividend(row["id"], parse_iso_date(row["year_end"]), row["amount_pence"], row["description"],
                    row["position"])


@dataclass(frozen=True)
class _ListTable:
    table: str
    to_record: object
    fields: tuple[str, ...]  # the editable columns, in the record's attribute names


_PAY = _ListTable("cic34_pay", _pay, ("director", "amount_pence", "accounts_note"))
_TRANSFERS = _ListTable("cic34_transfers", _transfer, ("recipient", "what", "value_pence"))
_DIVIDENDS = _ListTable("cic34_dividends", _dividend, ("amount_pence", "description"))


@dataclass(frozen=True)
class PartEdit:
    """The person's own text for one part of one year's report."""

    year_end: dt.date
    part: Part
    text: str
    drafted: str  # what svdesk had drafted when they started editing
    updated_at: str


class Cic34Repo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    # -- the three lists --------------------------------------------------------------------------
    def _list(self, spec: _ListTable, year_end: dt.date, deleted: bool = False) -> list:
        condition = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        rows = self._file.query(
            f"SELECT * FROM {spec.table} WHERE year_end = ? AND {condition} ORDER BY position, created_at, id",
            [_key(year_end)],
        )
        return [spec.to_record(row) for row in rows]

    def _get(self, spec: _ListTable, record_id: str):
        row = self._file.query_one(f"SELECT * FROM {spec.table} WHERE id = ?", [record_id])
        if row is None:
            raise SvdeskError("That record no longer exists; it may have been removed.")
        return spec.to_record(row)

    def _add(self, spec: _ListTable, record, what: str):
        record = validated(replace(record, **{name: _clean_field(name, getattr(record, name))
                                              for name in spec.fields}))
        values = {name: getattr(record, name) for name in spec.fields}
        with self._file.write(what) as db:
            last = db.execute(f"SELECT COALESCE(MAX(position), -1) FROM {spec.table} WHERE year_end = ?",
                              [_key(record.year_end)]).fetchone()[0]
            row = stamped({"year_end": _key(record.year_end), "position": last + 1, **values}, new=True)
            db[spec.table].insert(row)
        return self._get(spec, row["id"])

    def _update(self, spec: _ListTable, record_id: str, action: str, **changes):
        unknown = set(changes) - set(spec.fields)
        if unknown:
            raise ValueError(f"cannot change {sorted(unknown)}")
        current = self._get(spec, record_id)
        changed = validated(replace(current, **{k: _clean_field(k, v) for k, v in changes.items()}))
        if changed == current:
            return current
        values = {name: getattr(changed, name) for name in spec.fields}
        with self._file.write(action) as db:
            update_changed(db, spec.table, record_id, values)
        return self._get(spec, record_id)

    def _set_deleted(self, spec: _ListTable, record_id: str, deleted: bool, what: str) -> None:
        now = utc_now_stamp()
        with self._file.write(what) as db:
            db.execute(f"UPDATE {spec.table} SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [now if deleted else None, now, record_id])

    def _move(self, spec: _ListTable, record_id: str, step: int, what: str) -> None:
        record = self._get(spec, record_id)
        items = self._list(spec, record.year_end)
        ids = [item.id for item in items]
        index = ids.index(record_id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        with self._file.write(what) as db:
            for position, item_id in enumerate(ids):
                db.execute(f"UPDATE {spec.table} SET position = ? WHERE id = ?", [position, item_id])

    # directors' pay
    def pay(self, year_end: dt.date) -> list[DirectorPay]:
        return self._list(_PAY, year_end)

    def add_pay(self, year_end: dt.date, director: str, amount_pence: int | None = None,
                accounts_note: str = "") -> DirectorPay:
        return self._add(_PAY, DirectorPay("", year_end, director, amount_pence, accounts_note), "directors' pay")

    def update_pay(self, pay_id: str, **changes) -> DirectorPay:
        return self._update(_PAY, pay_id, "directors' pay", **changes)

    def remove_pay(self, pay_id: str) -> None:
        self._set_deleted(_PAY, pay_id, True, "directors' pay")

    def restore_pay(self, pay_id: str) -> None:
        self._set_deleted(_PAY, pay_id, False, "directors' pay")

    def move_pay(self, pay_id: str, step: int) -> None:
        self._move(_PAY, pay_id, step, "directors' pay")

    def copy_directors(self, from_year_end: dt.date, to_year_end: dt.date) -> list[DirectorPay]:
        """Adds last year's directors to this year (names only, amounts to fill in), skipping
        those already listed. Returns the rows added."""
        present = {clean_line(item.director).casefold() for item in self.pay(to_year_end)}
        added = []
        with self._file.write("directors' pay"):
            for item in self.pay(from_year_end):
                if clean_line(item.director).casefold() not in present:
                    added.append(self.add_pay(to_year_end, item.director, accounts_note=item.accounts_note))
        return added

    # asset transfers
    def transfers(self, year_end: dt.date) -> list[AssetTransfer]:
        return self._list(_TRANSFERS, year_end)

    def add_transfer(self, year_end: dt.date, recipient: str, what: str = "",
                     value_pence: int | None = None) -> AssetTransfer:
        return self._add(_TRANSFERS, AssetTransfer("", year_end, recipient, what, value_pence), "asset transfers")

    def update_transfer(self, transfer_id: str, **changes) -> AssetTransfer:
        return self._update(_TRANSFERS, transfer_id, "asset transfers", **changes)

    def remove_transfer(self, transfer_id: str) -> None:
        self._set_deleted(_TRANSFERS, transfer_id, True, "asset transfers")

    def restore_transfer(self, transfer_id: str) -> None:
        self._set_deleted(_TRANSFERS, transfer_id, False, "asset transfers")

    # dividends
    def dividends(self, year_end: dt.date) -> list[Dividend]:
        return self._list(_DIVIDENDS, year_end)

    def add_dividend(self, year_end: dt.date, amount_pence: int, description: str = "") -> Dividend:
        return self._add(_DIVIDENDS, Dividend("", year_end, amount_pence, description), "dividends")

    def update_dividend(self, dividend_id: str, **changes) -> Dividend:
        return self._update(_DIVIDENDS, dividend_id, "dividends", **changes)

    def remove_dividend(self, dividend_id: str) -> None:
        self._set_deleted(_DIVIDENDS, dividend_id, True, "dividends")

    def restore_dividend(self, dividend_id: str) -> None:
        self._set_deleted(_DIVIDENDS, dividend_id, False, "dividends")

    def dividend_totals(self, year_ends: list[dt.date]) -> dict[dt.date, int | None]:
        """Each year's total dividends in pence; None for a year with nothing recorded."""
        keys = [_key(day) for day in year_ends]
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        rows = self._file.query(
            f"SELECT year_end, SUM(amount_pence) AS total FROM cic34_dividends "
            f"WHERE deleted_at IS NULL AND year_end IN ({marks}) GROUP BY year_end", keys)
        found = {row["year_end"]: row["total"] for row in rows}
        return {day: found.get(_key(day)) for day in year_ends}

    # -- signatory --------------------------------------------------------------------------------
    def signatory(self, year_end: dt.date) -> Signatory:
        row = self._file.query_one("SELECT * FROM cic34_signatories WHERE year_end = ?", [_key(year_end)])
        if row is None:
            return Signatory(year_end)
        signed = parse_iso_date(row["signed_on"]) if row["signed_on"] else None
        filed = parse_iso_date(row["filed_on"]) if row["filed_on"] else None
        return Signatory(year_end, row["name"], Office(row["office"]), signed, filed)

    def save_signatory(self, signatory: Signatory) -> Signatory:
        signatory = validated(replace(signatory, name=clean_line(signatory.name)))
        values = {"name": signatory.name, "office": signatory.office.value,
                  "signed_on": signatory.signed_on.isoformat() if signatory.signed_on else None,
                  "filed_on": signatory.filed_on.isoformat() if signatory.filed_on else None}
        if self.signatory(signatory.year_end) == signatory:
            return signatory
        row = self._file.query_one("SELECT id FROM cic34_signatories WHERE year_end = ?", [_key(signatory.year_end)])
        with self._file.write("signatory") as db:
            if row:
                update_changed(db, "cic34_signatories", row["id"], values)
            else:
                db["cic34_signatories"].insert(stamped({"year_end": _key(signatory.year_end), **values}, new=True))
        return signatory

    # -- the person's own text per part ------------------------------------------------------------
    def part_edits(self, year_end: dt.date) -> dict[Part, PartEdit]:
        rows = self._file.query(
            "SELECT * FROM cic34_texts WHERE year_end = ? AND deleted_at IS NULL", [_key(year_end)])
        return {Part(row["part"]): PartEdit(year_end, Part(row["part"]), row["text"], row["drafted"],
                                            row["updated_at"]) for row in rows if row["part"] in _PART_VALUES}

    def save_part_text(self, year_end: dt.date, part: Part, text: str, drafted: str) -> PartEdit | None:
        """Keeps the person's text for a part. Text equal to the draft is not an edit: nothing
        is kept (and an earlier edit is reset), so the part follows the records again."""
        text = clean_part_text(text)
        drafted = clean_part_text(drafted)
        if len(text) > 60_000:
            raise ValidationError([f"{part.short} is too long to keep (at most 60,000 characters)."])
        current = self.part_edits(year_end).get(part)
        if text == drafted:
            if current is not None:
                self.reset_part(year_end, part)
            return None
        if current is not None and current.text == text:
            return current
        row = self._file.query_one("SELECT id, drafted FROM cic34_texts WHERE year_end = ? AND part = ?",
                                   [_key(year_end), part.value])
        with self._file.write(f"{part.short} text") as db:
            if row:
                # Keep the draft the edit started from, unless the edit is being revived.
                kept = drafted if current is None else row["drafted"]
                update_changed(db, "cic34_texts", row["id"], {"text": text, "drafted": kept, "deleted_at": None})
            else:
                db["cic34_texts"].insert(stamped(
                    {"year_end": _key(year_end), "part": part.value, "text": text, "drafted": drafted}, new=True))
        return self.part_edits(year_end)[part]

    def reset_part(self, year_end: dt.date, part: Part) -> None:
        """Back to the drafted text; the person's text is kept aside so ``undo_reset`` can
        bring it back."""
        now = utc_now_stamp()
        with self._file.write(f"{part.short} text") as db:
            db.execute("UPDATE cic34_texts SET deleted_at = ?, updated_at = ? "
                       "WHERE year_end = ? AND part = ? AND deleted_at IS NULL", [now, now, _key(year_end), part.value])

    def undo_reset(self, year_end: dt.date, part: Part) -> bool:
        row = self._file.query_one("SELECT id FROM cic34_texts WHERE year_end = ? AND part = ? "
                                   "AND deleted_at IS NOT NULL", [_key(year_end), part.value])
        if row is None:
            return False
        with self._file.write(f"{part.short} text") as db:
            db.execute("UPDATE cic34_texts SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), row["id"]])
        return True

    # -- wording ----------------------------------------------------------------------------------
    def wording(self, year_end: dt.date) -> dict[str, WordingValue]:
        rows = self._file.query(
            "SELECT key, year_end, text FROM cic34_wording WHERE deleted_at IS NULL AND year_end IN ('', ?)",
            [_key(year_end)])
        organisation = {row["key"]: row["text"] for row in rows if row["year_end"] == ""}
        year = {row["key"]: row["text"] for row in rows if row["year_end"] != ""}
        return resolve(wording_defaults(), organisation, year)

    def set_wording(self, key: str, text: str, year_end: dt.date | None = None) -> WordingValue:
        """The organisation's own text for a sentence: every year (``year_end`` None) or one year."""
        default = _default(key)
        text = check_wording(default, text)
        scope = _key(year_end) if year_end else ""
        row = self._file.query_one("SELECT id FROM cic34_wording WHERE key = ? AND year_end = ?", [key, scope])
        with self._file.write("wording") as db:
            if row:
                update_changed(db, "cic34_wording", row["id"], {"text": text, "deleted_at": None})
            else:
                db["cic34_wording"].insert(stamped({"key": key, "year_end": scope, "text": text}, new=True))
        if year_end:
            return self.wording(year_end)[key]
        return WordingValue(default, text, Source.ORGANISATION)

    def reset_wording(self, key: str, year_end: dt.date | None = None) -> None:
        _default(key)
        scope = _key(year_end) if year_end else ""
        now = utc_now_stamp()
        with self._file.write("wording") as db:
            db.execute("UPDATE cic34_wording SET deleted_at = ?, updated_at = ? WHERE key = ? AND year_end = ? "
                       "AND deleted_at IS NULL", [now, now, key, scope])

    # -- the impact summary's stories ----------------------------------------------------------------
    def summary_story_ids(self, year_end: dt.date) -> list[str] | None:
        """The stories the person chose to feature, in order; None when svdesk should pick."""
        row = self._file.query_one("SELECT story_ids FROM cic34_summary WHERE year_end = ?", [_key(year_end)])
        return list(json.loads(row["story_ids"])) if row else None

    def set_summary_story_ids(self, year_end: dt.date, story_ids: list[str] | None) -> None:
        """Chooses the featured stories (at most two); None goes back to svdesk's choice."""
        if story_ids is not None and (len(story_ids) > 2 or not all(isinstance(i, str) for i in story_ids)):
            raise ValidationError(["Choose at most two stories for the summary."])
        if self.summary_story_ids(year_end) == story_ids:
            return
        with self._file.write("summary stories") as db:
            db.execute("DELETE FROM cic34_summary WHERE year_end = ?", [_key(year_end)])
            if story_ids is not None:
                db["cic34_summary"].insert(stamped(
                    {"year_end": _key(year_end), "story_ids": json.dumps(list(story_ids))}, new=True))

    # -- which years have anything ----------------------------------------------------------------
    def years_with_records(self) -> list[dt.date]:
        rows = self._file.query(
            "SELECT year_end FROM cic34_pay WHERE deleted_at IS NULL "
            "UNION SELECT year_end FROM cic34_transfers WHERE deleted_at IS NULL "
            "UNION SELECT year_end FROM cic34_dividends WHERE deleted_at IS NULL "
            "UNION SELECT year_end FROM cic34_signatories "
            "UNION SELECT year_end FROM cic34_texts WHERE deleted_at IS NULL "
            "ORDER BY 1")
        return [parse_iso_date(row["year_end"]) for row in rows]


_PART_VALUES = {part.value for part in Part}


def _default(key: str) -> WordingDefault:
    for default in wording_defaults():
        if default.key == key:
            return default
    raise SvdeskError(f"There is no sentence called '{key}'.")


_ONE_LINE = ("director", "recipient")


def _clean_field(name: str, value):
    if isinstance(value, str):
        return clean_line(value) if name in _ONE_LINE else clean_text(value).strip()
    return value
