"""Indicators, their readings and their optional money values: ``workspace.indicators``.

The 2-3 rule is enforced here for every caller (window, command line, import): at most
``ACTIVE_LIMIT`` indicators can be active; the window asks before the 4th and 5th.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from decimal import Decimal

from svdesk.domain.attachments import Attachment
from svdesk.domain.dates import parse_iso_date, today, utc_now_stamp
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.financial_year import YearEnd
from svdesk.domain.counting import added_up, may_overlap
from svdesk.domain.measures import (
    ACTIVE_LIMIT, Counting, Indicator, Reading, parse_value, reading_problems, value_to_text,
)
from svdesk.domain.periods import describe_period
from svdesk.domain.progress import ChartSpec, Progress, RangeTotal, YearTotal, chart_spec, progress, total_between, year_totals
from svdesk.domain.sroi import Valuation
from svdesk.store.frameworks_repo import TagRepo
from svdesk.store.measures_rows import (
    indicator_from_row, indicator_values, reading_from_row, valuation_from_row, valuation_values,
)
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, update_changed

READINGS_TABLE = "readings"
INDICATORS_TABLE = "indicators"

TOO_MANY = (
    f"You already have {ACTIVE_LIMIT} active indicators, the most svdesk keeps. Archive one first "
    "(its readings are kept and it can be restored later), then add the new one."
)


@dataclass(frozen=True)
class NewReading:
    """One reading to write (from the grid or an import)."""

    start: dt.date
    end: dt.date
    value: Decimal
    note: str = ""
    recorded_by: str = ""


class IndicatorRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile
        # year_totals for the file as it is now: a report asks for each indicator's years several
        # times (this year, last year's comparison, the leaflet's charts), over its whole history.
        self._totals: tuple = ((), {})  # (change mark, {(indicator id, today): figures})

    def transaction(self, what: str):
        """Groups several writes into one user action (all or nothing)."""
        return self._file.write(what)

    # -- reading indicators ---------------------------------------------------------------------------
    def year_end(self) -> YearEnd:
        row = self._file.query_one("SELECT year_end_day, year_end_month FROM organisation ORDER BY created_at LIMIT 1")
        return YearEnd(row["year_end_day"], row["year_end_month"]) if row else YearEnd(31, 3)

    def all(self) -> list[Indicator]:
        """Active indicators first (in the user's order), then archived ones."""
        rows = self._file.query(
            "SELECT * FROM indicators WHERE deleted_at IS NULL"
            " ORDER BY archived_at IS NOT NULL, position, created_at, id"
        )
        return [indicator_from_row(row) for row in rows]

    def active(self) -> list[Indicator]:
        return [indicator for indicator in self.all() if indicator.is_active]

    def archived(self) -> list[Indicator]:
        return [indicator for indicator in self.all() if not indicator.is_active]

    def active_count(self) -> int:
        row = self._file.query_one(
            "SELECT count(*) AS n FROM indicators WHERE deleted_at IS NULL AND archived_at IS NULL")
        return row["n"]

    def get(self, indicator_id: str) -> Indicator:
        row = self._file.query_one("SELECT * FROM indicators WHERE id = ? AND deleted_at IS NULL", [indicator_id])
        if row is None:
            raise SvdeskError("That indicator is no longer in the file.")
        return indicator_from_row(row)

    def find(self, name_or_id: str) -> Indicator | None:
        """By id, or by name (ignoring case and extra spaces)."""
        wanted = " ".join(str(name_or_id).split()).casefold()
        for indicator in self.all():
            if indicator.id == name_or_id.strip() or " ".join(indicator.name.split()).casefold() == wanted:
                return indicator
        return None

    # -- writing indicators ---------------------------------------------------------------------------
    def _check_name(self, indicator: Indicator) -> None:
        clash = self.find(indicator.name)
        if clash is not None and clash.id != indicator.id:
            raise ValidationError([f"There is already an indicator called '{clash.name}'; give this one another name."])

    def add(self, indicator: Indicator, tags: list[str] | tuple[str, ...] = ()) -> Indicator:
        indicator = indicator.validated()
        self._check_name(replace(indicator, id=""))
        if self.active_count() >= ACTIVE_LIMIT:
            raise SvdeskError(TOO_MANY)
        row = stamped(indicator_values(indicator), new=True)
        with self._file.write("indicators") as db:
            top = db.execute("SELECT coalesce(max(position), 0) FROM indicators").fetchone()[0]
            row["position"] = top + 1
            db["indicators"].insert(row)
            if tags:
                TagRepo.replace_in(db, INDICATORS_TABLE, row["id"], sorted(set(tags)))
        return self.get(row["id"])

    def save(self, indicator: Indicator) -> Indicator:
        """Stores changed details. Changing the unit is refused while readings do not fit it."""
        indicator = indicator.validated()
        current = self.get(indicator.id)
        self._check_name(indicator)
        if indicator.unit != current.unit or indicator.scale != current.scale:
            misfits = [r for r in self.readings(indicator.id) if indicator.value_problem(r.value)]
            if misfits:
                year_end = self.year_end()
                shown = ", ".join(f"{describe_period(r.start, r.end, current.frequency, year_end, short=True)} "
                                  f"({current.show(r.value)})" for r in misfits[:5])
                more = f" and {len(misfits) - 5} more" if len(misfits) > 5 else ""
                raise ValidationError([
                    f"{len(misfits)} reading{'s do' if len(misfits) != 1 else ' does'} not fit "
                    f"{indicator.unit.label.lower()}: {shown}{more}. Change those readings first."])
        with self._file.write("indicators") as db:
            update_changed(db, "indicators", indicator.id, indicator_values(indicator))
        return self.get(indicator.id)

    def archive(self, indicator_id: str) -> None:
        self.get(indicator_id)
        with self._file.write("indicators") as db:
            db.execute("UPDATE indicators SET archived_at = ?, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), utc_now_stamp(), indicator_id])

    def restore(self, indicator_id: str) -> None:
        """Makes an archived indicator active again (refused when that would be one too many)."""
        indicator = self.get(indicator_id)
        if indicator.is_active:
            return
        if self.active_count() >= ACTIVE_LIMIT:
            raise SvdeskError(TOO_MANY.replace("then add the new one", "then restore this one"))
        with self._file.write("indicators") as db:
            top = db.execute("SELECT coalesce(max(position), 0) FROM indicators").fetchone()[0]
            db.execute("UPDATE indicators SET archived_at = NULL, position = ?, updated_at = ? WHERE id = ?",
                       [top + 1, utc_now_stamp(), indicator_id])

    def delete(self, indicator_id: str) -> None:
        """Removes an indicator (with its readings kept, hidden); ``undelete`` brings it back."""
        self.get(indicator_id)
        with self._file.write("indicators") as db:
            db.execute("UPDATE indicators SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), utc_now_stamp(), indicator_id])

    def undelete(self, indicator_id: str) -> None:
        row = self._file.query_one("SELECT * FROM indicators WHERE id = ?", [indicator_id])
        if row is None or row["deleted_at"] is None:
            return
        if row["archived_at"] is None and self.active_count() >= ACTIVE_LIMIT:
            raise SvdeskError(TOO_MANY.replace("then add the new one", "then bring this one back"))
        with self._file.write("indicators") as db:
            db.execute("UPDATE indicators SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), indicator_id])

    def move(self, indicator_id: str, offset: int) -> None:
        """Moves an active indicator up (-1) or down (+1) in the list."""
        order = [indicator.id for indicator in self.active()]
        if indicator_id not in order:
            return
        index = order.index(indicator_id)
        target = max(0, min(len(order) - 1, index + offset))
        if target == index:
            return
        order.insert(target, order.pop(index))
        with self._file.write("indicators") as db:
            for position, ident in enumerate(order, start=1):
                db.execute("UPDATE indicators SET position = ? WHERE id = ?", [position, ident])

    # -- readings --------------------------------------------------------------------------------------
    def readings(self, indicator_id: str, start: dt.date | None = None, end: dt.date | None = None) -> list[Reading]:
        sql = "SELECT * FROM readings WHERE indicator_id = ? AND deleted_at IS NULL"
        params: list = [indicator_id]
        if start is not None:
            sql += " AND period_start >= ?"
            params.append(start.isoformat())
        if end is not None:
            sql += " AND period_end <= ?"
            params.append(end.isoformat())
        return [reading_from_row(row) for row in self._file.query(sql + " ORDER BY period_start, period_end", params)]

    def reading_ends(self, indicator_ids: list[str]) -> set[dt.date]:
        """The days the readings of ``indicator_ids`` end on, without reading the readings."""
        rows = self._file.conn.execute(
            "SELECT DISTINCT period_end FROM readings WHERE deleted_at IS NULL AND indicator_id IN "
            "(SELECT value FROM json_each(?))", [json.dumps(list(indicator_ids))])
        return {parse_iso_date(row[0]) for row in rows}

    def reading(self, reading_id: str) -> Reading:
        row = self._file.query_one("SELECT * FROM readings WHERE id = ?", [reading_id])
        if row is None:
            raise SvdeskError("That reading is no longer in the file.")
        return reading_from_row(row)

    def deleted_readings(self, indicator_id: str) -> list[Reading]:
        rows = self._file.query("SELECT * FROM readings WHERE indicator_id = ? AND deleted_at IS NOT NULL"
                                " ORDER BY deleted_at DESC", [indicator_id])
        return [reading_from_row(row) for row in rows]

    def _overlap(self, db, indicator_id: str, start: dt.date, end: dt.date, other_than: str | None) -> dict | None:
        rows = db.query(
            "SELECT * FROM readings WHERE indicator_id = ? AND deleted_at IS NULL AND period_start <= ?"
            " AND period_end >= ? AND id IS NOT ? AND NOT (period_start = ? AND period_end = ?)",
            [indicator_id, end.isoformat(), start.isoformat(), other_than, start.isoformat(), end.isoformat()])
        indicator, year_end = None, None
        for row in rows:
            if indicator is None:
                indicator, year_end = self.get(indicator_id), self.year_end()
            other = reading_from_row(row)
            if not may_overlap(indicator, (start, end), (other.start, other.end), year_end):
                return row
        return None

    def _overlap_problem(self, indicator: Indicator, row: dict) -> str:
        reading = reading_from_row(row)
        shown = describe_period(reading.start, reading.end, indicator.frequency, self.year_end(), short=True)
        return (f"This period overlaps the reading for {shown}; a day can only be counted once. "
                "Change or delete that reading first.")

    def record(self, indicator_id: str, start: dt.date, end: dt.date, value, note: str = "",
               recorded_by: str = "", source: str = "") -> Reading:
        """Adds the reading for a period, or replaces the value of the one already there."""
        ids = self.record_many(indicator_id, [NewReading(start, end, value, note, recorded_by)], source)
        return self.reading(ids[0])

    def record_many(self, indicator_id: str, items: list[NewReading], source: str = "") -> list[str]:
        """Writes several readings in ONE transaction: all of them, or (on any problem) none."""
        indicator = self.get(indicator_id)
        ids = []
        with self._file.write("readings") as db:
            for item in items:
                value = (parse_value(indicator.unit, item.value, indicator.scale)
                         if not isinstance(item.value, Decimal) else item.value)
                problems = reading_problems(indicator.unit, item.start, item.end, value, indicator.scale)
                if problems:
                    raise ValidationError(problems)
                clash = self._overlap(db, indicator_id, item.start, item.end, None)
                if clash:
                    raise ValidationError([self._overlap_problem(indicator, clash)])
                same = next(iter(db.query(
                    "SELECT id FROM readings WHERE indicator_id = ? AND period_start = ? AND period_end = ?"
                    " AND deleted_at IS NULL", [indicator_id, item.start.isoformat(), item.end.isoformat()])), None)
                values = {"value": value_to_text(value), "note": item.note.strip(), "recorded_by": item.recorded_by.strip()}
                if same:
                    update_changed(db, "readings", same["id"], values | ({"source": source} if source else {}))
                    ids.append(same["id"])
                else:
                    row = stamped(values | {"indicator_id": indicator_id, "period_start": item.start.isoformat(),
                                            "period_end": item.end.isoformat(), "source": source}, new=True)
                    db["readings"].insert(row)
                    ids.append(row["id"])
        return ids

    def update_reading(self, reading_id: str, *, value=None, note: str | None = None,
                       recorded_by: str | None = None, start: dt.date | None = None, end: dt.date | None = None) -> Reading:
        reading = self.reading(reading_id)
        indicator = self.get(reading.indicator_id)
        changes: dict = {}
        if value is not None:
            changes["value"] = value_to_text(value if isinstance(value, Decimal) else parse_value(indicator.unit, value, indicator.scale))
        if note is not None:
            changes["note"] = note.strip()
        if recorded_by is not None:
            changes["recorded_by"] = recorded_by.strip()
        new_start, new_end = start or reading.start, end or reading.end
        if (new_start, new_end) != (reading.start, reading.end):
            if new_end < new_start:
                raise ValidationError(["A reading's period cannot end before it starts."])
            changes["period_start"], changes["period_end"] = new_start.isoformat(), new_end.isoformat()
        if not changes:
            return reading
        with self._file.write("readings") as db:
            clash = self._overlap(db, reading.indicator_id, new_start, new_end, reading_id) or next(iter(db.query(
                "SELECT * FROM readings WHERE indicator_id = ? AND period_start = ? AND period_end = ? AND id != ?"
                " AND deleted_at IS NULL", [reading.indicator_id, new_start.isoformat(), new_end.isoformat(), reading_id])), None)
            if clash:
                raise ValidationError([self._overlap_problem(indicator, clash)])
            update_changed(db, "readings", reading_id, changes)
        return self.reading(reading_id)

    def delete_reading(self, reading_id: str) -> None:
        """Hides a reading; ``restore_reading`` brings it back (its evidence stays attached)."""
        with self._file.write("readings") as db:
            db.execute("UPDATE readings SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), utc_now_stamp(), reading_id])

    def restore_reading(self, reading_id: str) -> Reading:
        reading = self.reading(reading_id)
        indicator = self.get(reading.indicator_id)
        with self._file.write("readings") as db:
            clash = next(iter(db.query(
                "SELECT * FROM readings WHERE indicator_id = ? AND deleted_at IS NULL AND period_start <= ?"
                " AND period_end >= ? AND id != ?",
                [reading.indicator_id, reading.end.isoformat(), reading.start.isoformat(), reading_id])), None)
            if clash:
                raise SvdeskError(self._overlap_problem(indicator, clash).replace(
                    "This period overlaps", "The deleted reading cannot come back: its period overlaps"))
            db.execute("UPDATE readings SET deleted_at = NULL, updated_at = ? WHERE id = ?", [utc_now_stamp(), reading_id])
        return self.reading(reading_id)

    # -- evidence ----------------------------------------------------------------------------------------
    def evidence(self, reading_id: str) -> list[Attachment]:
        from svdesk.store.attachments_repo import AttachmentRepo

        return AttachmentRepo(self._file).list_for(READINGS_TABLE, reading_id)

    def evidence_counts(self, reading_ids: list[str]) -> dict[str, int]:
        from svdesk.store.attachments_repo import AttachmentRepo

        return AttachmentRepo(self._file).count_for(READINGS_TABLE, reading_ids)

    # -- figures -------------------------------------------------------------------------------------------
    def progress(self, indicator_id: str, on: dt.date | None = None) -> Progress:
        return progress(self.get(indicator_id), self.readings(indicator_id), self.year_end(), on or today())

    def year_totals(self, indicator_id: str) -> list[YearTotal]:
        mark, key = self._file.change_mark(), (indicator_id, today())
        remembered_mark, remembered = self._totals
        writing = self._file.conn.in_transaction  # what a write reads may yet be rolled back
        if remembered_mark == mark and key in remembered and not writing:
            return list(remembered[key])
        figures = year_totals(self.get(indicator_id), self.readings(indicator_id), self.year_end(), today())
        if not writing:  # a new tuple, never changed in place: the status thread may be reading it
            kept = dict(remembered) if remembered_mark == mark and len(remembered) < 64 else {}
            self._totals = (mark, {**kept, key: tuple(figures)})
        return list(figures)

    def total_between(self, indicator_id: str, start: dt.date, end: dt.date) -> RangeTotal:
        return total_between(self.get(indicator_id), self.readings(indicator_id), start, end, self.year_end())

    def chart_spec(self, indicator_id: str) -> ChartSpec:
        return chart_spec(self.get(indicator_id), self.readings(indicator_id), self.year_end())

    def own_source(self, indicator: Indicator) -> str:
        """Where the figures come from in the person's words: their "how it is collected", unless it
        is still the library's guidance copied in unchanged (guidance is never printed as a source)."""
        from svdesk.store.indicator_library import suggestion

        how = " ".join(indicator.how_collected.split())
        offered = suggestion(indicator.library_key) if indicator.library_key else None
        if offered is not None and how == " ".join(offered.how_collected.split()):
            return ""
        return how

    def describe(self, reading: Reading, indicator: Indicator | None = None) -> str:
        indicator = indicator or self.get(reading.indicator_id)
        return describe_period(reading.start, reading.end, indicator.frequency, self.year_end())

    # -- money values -------------------------------------------------------------------------------------
    def valuation(self, indicator_id: str) -> Valuation | None:
        row = self._file.query_one("SELECT * FROM indicator_valuations WHERE indicator_id = ?", [indicator_id])
        return valuation_from_row(row) if row else None

    def save_valuation(self, indicator_id: str, valuation: Valuation) -> Valuation:
        indicator = self.get(indicator_id)
        if valuation.enabled and not can_be_valued(indicator):
            raise ValidationError(["Money values can only be estimated for counts of things, people or hours."])
        valuation = valuation.validated()
        current = self.valuation(indicator_id)
        with self._file.write("valuations") as db:
            if current:
                update_changed(db, "indicator_valuations", current.id, valuation_values(valuation))
            else:
                db["indicator_valuations"].insert(
                    stamped(valuation_values(valuation) | {"indicator_id": indicator_id}, new=True))
        return self.valuation(indicator_id)



def can_be_valued(indicator: Indicator) -> bool:
    """Money values need a quantity added up over a year: things, attendances, new people or hours
    (not a rate, a level, a score, money, or a headcount that repeats people)."""
    return added_up(indicator) and indicator.how_counted is not Counting.MONEY
