"""Readings in and out of spreadsheets: CSV and Excel (.xlsx) import with a full preview, CSV export.
Files are read (within limits) by ``sheet_files``.

An import is planned first (``plan_import``): every row is checked and every problem listed with
its spreadsheet row number; nothing is written until ``apply_import`` runs, and then all rows go
in one transaction or none do. openpyxl is imported only when an .xlsx file is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from svdesk.domain.counting import may_overlap
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.measures import Indicator, parse_value, value_to_text
from svdesk.domain.textsafe import from_spreadsheet_cell, spreadsheet_cell
from svdesk.domain.periods import Period, describe_period, parse_day, parse_period, period_containing
from svdesk.store import atomic
from svdesk.store.indicators_repo import IndicatorRepo, NewReading
from svdesk.store.sheet_files import MAX_ROWS, read_sheet  # noqa: F401 - read_sheet is this module's reader

_COLUMNS = {
    "indicator": ("indicator", "indicatorname", "measure", "kpi"),
    "period": ("period", "month", "quarter", "year", "date", "readingdate", "when"),
    "start": ("start", "from", "periodstart", "startdate"),
    "end": ("end", "to", "periodend", "enddate"),
    "value": ("value", "reading", "number", "amount", "result", "total", "count"),
    "note": ("note", "notes", "comment", "comments"),
    "recorded_by": ("recordedby", "by", "who", "enteredby"),
}
_IGNORED = ("unit", "source", "evidence", "evidencefiles")


# -- planning an import ---------------------------------------------------------------------------------
@dataclass
class ImportRow:
    line: int
    indicator: Indicator | None = None
    period: Period | None = None
    value: Decimal | None = None
    note: str = ""
    recorded_by: str = ""
    problems: list[str] = field(default_factory=list)
    action: str = "add"  # add | replace | same (already recorded, nothing to do)
    period_text: str = ""
    value_text: str = ""
    previous: str = ""


@dataclass
class ImportPlan:
    source: str
    rows: list[ImportRow]
    file_problems: list[str]
    notes: list[str]

    @property
    def problems(self) -> list[str]:
        return self.file_problems + [f"Row {row.line}: {problem}" for row in self.rows for problem in row.problems]

    @property
    def to_write(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.problems and row.action in ("add", "replace")]

    @property
    def can_import(self) -> bool:
        return not self.problems and bool(self.to_write)

    def summary(self) -> str:
        if self.problems:
            count = len(self.problems)
            return f"{count} problem{'s' if count != 1 else ''} found. Nothing has been imported; fix the file and try again."
        add = sum(1 for row in self.rows if row.action == "add")
        replace = sum(1 for row in self.rows if row.action == "replace")
        same = sum(1 for row in self.rows if row.action == "same")
        parts = [f"{add} new reading{'s' if add != 1 else ''}"]
        if replace:
            parts.append(f"{replace} replacing a different value")
        if same:
            parts.append(f"{same} already recorded (skipped)")
        return "Ready to import: " + ", ".join(parts) + "."


def _key(text) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return from_spreadsheet_cell(text)


def _header(rows: list[list]) -> tuple[int, dict[str, int], list[str]]:
    for index, row in enumerate(rows):
        if any(_cell_text(cell) for cell in row):
            found, unknown = {}, []
            for column, cell in enumerate(row):
                key = _key(cell)
                if not key:
                    continue
                name = next((name for name, words in _COLUMNS.items() if key in words), None)
                if name and name not in found:
                    found[name] = column
                elif key not in _IGNORED:
                    unknown.append(_cell_text(cell))
            return index, found, unknown
    return -1, {}, []


def has_indicator_column(rows: list[list]) -> bool:
    return "indicator" in _header(rows)[1]


def plan_import(repo: IndicatorRepo, rows: list[list], indicator: Indicator | None = None,
                replace: bool = False, source: str = "") -> ImportPlan:
    """Checks every row; writes nothing. ``indicator`` is the one named on the command line or
    chosen in the window; without it, the sheet needs an Indicator column."""
    year_end = repo.year_end()
    header_index, columns, unknown = _header(rows)
    file_problems, notes = [], []
    if header_index < 0:
        return ImportPlan(source, [], ["The file is empty."], [])
    if len(rows) > MAX_ROWS:
        file_problems.append(f"The file has more than {MAX_ROWS:,} rows; split it into smaller files.")
    if "value" not in columns:
        file_problems.append("The first row needs a 'Value' column heading (the numbers to import).")
    if "period" not in columns and "start" not in columns:
        file_problems.append("The first row needs a 'Period' column (or 'Start' and 'End' columns) saying "
                             "which month, quarter or year each value is for.")
    if indicator is None and "indicator" not in columns:
        file_problems.append("Say which indicator the readings are for: add an 'Indicator' column, or choose the "
                             "indicator (--indicator on the command line).")
    if unknown:
        notes.append("Columns not used: " + ", ".join(f"'{name}'" for name in unknown) + ".")
    if file_problems:
        return ImportPlan(source, [], file_problems, notes)

    planned: list[ImportRow] = []
    existing_cache: dict[str, list] = {}
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        cells = {name: (row[column] if column < len(row) else None) for name, column in columns.items()}
        if not any(_cell_text(value) for value in cells.values()):
            continue
        item = ImportRow(line=offset, note=_cell_text(cells.get("note")), recorded_by=_cell_text(cells.get("recorded_by")))
        item.indicator = _row_indicator(repo, indicator, _cell_text(cells.get("indicator")), item)
        item.value_text = _cell_text(cells.get("value"))
        item.period_text = _cell_text(cells.get("period")) or " – ".join(
            filter(None, (_cell_text(cells.get("start")), _cell_text(cells.get("end")))))
        frequency = item.indicator.frequency if item.indicator else None
        item.period = _row_period(cells, frequency, year_end, item) if frequency else None
        if item.indicator:
            try:
                item.value = parse_value(item.indicator.unit, cells.get("value"), item.indicator.scale)
            except ValidationError as error:
                item.problems += error.problems
        if item.period and item.indicator:
            item.period_text = describe_period(item.period.start, item.period.end, frequency, year_end)
        planned.append(item)

    _check_against_each_other(planned, year_end)
    for item in planned:
        if item.indicator and item.period and item.value is not None and not item.problems:
            existing = existing_cache.setdefault(item.indicator.id, repo.readings(item.indicator.id))
            _check_against_file(item, existing, replace, year_end)
    if not planned:
        file_problems.append("The file has a heading row but no readings under it.")
    return ImportPlan(source, planned, file_problems, notes)


def _row_indicator(repo: IndicatorRepo, chosen: Indicator | None, named: str, item: ImportRow) -> Indicator | None:
    if named:
        found = repo.find(named)
        if found is None:
            item.problems.append(f"unknown indicator '{named}'.")
            return None
        if chosen is not None and found.id != chosen.id:
            item.problems.append(f"names the indicator '{named}', but the import is for '{chosen.name}'.")
            return None
        return found
    if chosen is None:
        item.problems.append("no indicator named in the Indicator column.")
    return chosen


def _row_period(cells: dict, frequency, year_end, item: ImportRow) -> Period | None:
    try:
        if _cell_text(cells.get("period")) and not (_cell_text(cells.get("start")) and _cell_text(cells.get("end"))):
            return parse_period(cells["period"], frequency, year_end)
        if _cell_text(cells.get("start")):
            start = parse_day(cells["start"])
            if not _cell_text(cells.get("end")):
                return period_containing(frequency, start, year_end)
            end = parse_day(cells["end"])
            if end < start:
                item.problems.append("the period ends before it starts.")
                return None
            return Period(start, end)
        item.problems.append("no period or date given.")
    except ValidationError as error:
        item.problems += [f"bad date: {problem}" for problem in error.problems]
    return None


def _check_against_each_other(planned: list[ImportRow], year_end) -> None:
    seen: dict[tuple, list[ImportRow]] = {}
    for item in planned:
        if item.indicator and item.period:
            for other in seen.get(item.indicator.id, []):
                if other.period.start <= item.period.end and other.period.end >= item.period.start and not may_overlap(
                        item.indicator, (item.period.start, item.period.end), (other.period.start, other.period.end),
                        year_end):
                    what = "the same period as" if other.period == item.period else "a period overlapping"
                    item.problems.append(f"duplicate period: {item.period_text} is {what} row {other.line}.")
                    break
            seen.setdefault(item.indicator.id, []).append(item)


def _check_against_file(item: ImportRow, existing: list, replace: bool, year_end) -> None:
    for reading in existing:
        if reading.start > item.period.end or reading.end < item.period.start:
            continue
        if may_overlap(item.indicator, (item.period.start, item.period.end), (reading.start, reading.end), year_end):
            continue  # a yearly count of different people beside the monthly headcounts
        if (reading.start, reading.end) != (item.period.start, item.period.end):
            item.problems.append(f"{item.period_text} overlaps a reading already recorded for "
                                 f"{reading.start:%d/%m/%Y}–{reading.end:%d/%m/%Y}.")
            return
        item.previous = item.indicator.show(reading.value)
        if reading.value == item.value:
            item.action = "same"
        elif replace:
            item.action = "replace"
        else:
            item.problems.append(f"duplicate period: {item.period_text} already has a reading of "
                                 f"{item.indicator.show(reading.value)} in the file, and this row says "
                                 f"{item.indicator.show(item.value)} (import with 'replace' to overwrite).")
        return


def apply_import(repo: IndicatorRepo, plan: ImportPlan) -> int:
    """Writes the planned readings in one transaction; refuses a plan with any problem."""
    if plan.problems:
        raise ValidationError(plan.problems)
    by_indicator: dict[str, list[NewReading]] = {}
    for item in plan.to_write:
        by_indicator.setdefault(item.indicator.id, []).append(
            NewReading(item.period.start, item.period.end, item.value, item.note, item.recorded_by))
    source = f"Imported from {plan.source}" if plan.source else "Imported"
    with repo.transaction("import readings"):
        for indicator_id, items in by_indicator.items():
            repo.record_many(indicator_id, items, source)
    return sum(len(items) for items in by_indicator.values())


# -- export -------------------------------------------------------------------------------------------
EXPORT_HEADER = ["Indicator", "Period", "Start", "End", "Value", "Unit", "Note", "Recorded by", "Source", "Evidence files"]


def export_rows(repo: IndicatorRepo, indicators: list[Indicator]) -> list[list[str]]:
    year_end = repo.year_end()
    rows = [EXPORT_HEADER]
    for indicator in indicators:
        readings = repo.readings(indicator.id)
        for reading in readings:
            files = [attachment.filename for attachment in repo.evidence(reading.id)]
            # Every cell goes through spreadsheet_cell, not only the ones typed by a person today:
            # a cell the next version adds is covered without anyone remembering to.
            rows.append([spreadsheet_cell(cell) for cell in (
                indicator.name, describe_period(reading.start, reading.end, indicator.frequency, year_end),
                reading.start.isoformat(), reading.end.isoformat(), value_to_text(reading.value), indicator.unit.value,
                reading.note, reading.recorded_by, reading.source, "; ".join(files),
            )])
    return rows


def export_csv(repo: IndicatorRepo, indicators: list[Indicator], path: Path) -> int:
    """Writes the readings as CSV (UTF-8 with a BOM, so Excel shows £ and accents); returns the count."""
    from svdesk.store.safe_paths import refuse_organisation_target

    path = refuse_organisation_target(Path(path))
    rows = export_rows(repo, indicators)
    try:
        with atomic.replacing(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
    except OSError as error:
        raise SvdeskError(f"{path} could not be written ({error.strerror or error}).") from None
    return len(rows) - 1


def export_all(workspace, out_dir: Path) -> list[Path]:
    """Every indicator's readings (archived ones too) as one CSV, for svdesk's list of exports."""
    path = Path(out_dir) / "indicator-readings.csv"
    export_csv(workspace.indicators, workspace.indicators.all(), path)
    return [path]
