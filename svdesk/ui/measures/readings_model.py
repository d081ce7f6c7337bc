"""The quick-entry grid's model: one row per period, edits saved at once.

A value that does not fit the unit is not saved, but it is not lost either: the typed text stays
in its cell (in red, with the reason as its tooltip) until it is corrected or cleared. A note typed
for a period that has no value yet waits in the same way and is saved with the value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from svdesk.domain.counting import may_overlap
from svdesk.domain.dates import today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.measures import Frequency, Indicator, Reading, Unit, parse_value, value_to_text
from svdesk.domain.periods import Period, add_months, describe_period, period_containing, periods_between
from svdesk.ui.common.colours import PROBLEM, QUIET, themed
from svdesk.services import measures as measure_services

if TYPE_CHECKING:
    from svdesk.store.workspace import Workspace

PERIOD, VALUE, NOTE, RECORDED_BY, EVIDENCE = range(5)
HEADERS = ("Period", "Value", "Note", "Recorded by", "Evidence")
_VALUE_HEADERS = {Unit.COUNT: "Number", Unit.PEOPLE: "People", Unit.HOURS: "Hours", Unit.PERCENTAGE: "%",
                  Unit.MONEY: "£", Unit.SCORE: "Score"}
# How far back the grid reaches for a new indicator: a year of months or quarters, three years.
_DEFAULT_WINDOW = {Frequency.MONTHLY: 11, Frequency.QUARTERLY: 9, Frequency.YEARLY: 24}


@dataclass
class Row:
    period: Period
    reading: Reading | None = None
    pending: dict[int, str] = field(default_factory=dict)
    problem: str = ""
    evidence: int = 0


class ReadingsModel(QAbstractTableModel):
    problem = Signal(str)      # a plain sentence to show under the grid ("" clears it)
    saved = Signal()           # a reading was written (figures and chart need refreshing)
    deleted = Signal(str, str)  # reading id, period label: the page offers Undo

    def __init__(self, workspace: Workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.repo = workspace.indicators   # for reading; changes go through measure_services
        self.indicator: Indicator | None = None
        self.rows: list[Row] = []
        self.read_only = False
        self.extra_years = 0
        self._year_end = None
        self.default_recorder = ""
        self._pending: dict[str, dict] = {}
        self._shown_id: str | None = None

    # -- loading ----------------------------------------------------------------------------------------
    def set_indicator(self, indicator: Indicator | None, keep_window: bool = False) -> None:
        if not keep_window or indicator is None or self.indicator is None or indicator.id != self.indicator.id:
            self.extra_years = 0
        self.indicator = indicator
        self.reload()

    def show_earlier(self) -> None:
        self.extra_years += 1
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        # Typed text that was not saved is kept per indicator, so switching away and back loses nothing.
        if self._shown_id is not None:
            self._pending[self._shown_id] = {row.period: (row.pending, row.problem) for row in self.rows if row.pending}
        self._shown_id = self.indicator.id if self.indicator is not None else None
        pending = self._pending.get(self._shown_id, {})
        self.rows = []
        if self.indicator is not None:
            self._year_end = self.repo.year_end()
            readings = self.repo.readings(self.indicator.id)
            self.rows = self._build_rows(readings)
            counts = self.repo.evidence_counts([r.id for r in readings])
            latest = max(readings, key=lambda r: r.end, default=None)
            self.default_recorder = latest.recorded_by if latest else self.indicator.collected_by.split(",")[0].strip()
            for row in self.rows:
                if row.reading:
                    row.evidence = counts.get(row.reading.id, 0)
                if row.period in pending and self.indicator:
                    row.pending, row.problem = pending[row.period]
        self.endResetModel()

    def _build_rows(self, readings: list[Reading]) -> list[Row]:
        frequency = self.indicator.frequency
        current = period_containing(frequency, today(), self._year_end)
        first = add_months(current.start, -_DEFAULT_WINDOW[frequency] - 12 * self.extra_years)
        if readings:
            first = min(first, readings[0].start)
        last = max([current.end] + [r.end for r in readings])
        rows = {p: Row(p) for p in periods_between(frequency, first, last, self._year_end)}
        for reading in readings:
            period = Period(reading.start, reading.end)
            # A custom period replaces the regular ones it overlaps, so no day is offered twice;
            # a yearly count of different people stands beside the months (svdesk.domain.counting).
            for other in [p for p in rows if p != period and rows[p].reading is None
                          and p.start <= period.end and p.end >= period.start
                          and not may_overlap(self.indicator, (p.start, p.end), (period.start, period.end),
                                              self._year_end)]:
                del rows[other]
            rows[period] = Row(period, reading)
        return [rows[p] for p in sorted(rows)]

    def label(self, row: Row) -> str:
        return describe_period(row.period.start, row.period.end, self.indicator.frequency, self._year_end)

    def row_for_day(self, day: dt.date) -> int:
        for index, row in enumerate(self.rows):
            if row.period.contains(day):
                return index
        return len(self.rows) - 1

    # -- Qt model -------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == VALUE and self.indicator:
                if self.indicator.unit is Unit.SCORE:
                    return f"Score ({self.indicator.scale.span})"
                return _VALUE_HEADERS[self.indicator.unit]
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (VALUE, NOTE, RECORDED_BY) and not self.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        reading = row.reading
        if role == Qt.ItemDataRole.DisplayRole:
            if column in row.pending:
                return row.pending[column]
            if column == PERIOD:
                return self.label(row)
            if reading is None:
                return "—" if column == VALUE else ""
            return {
                VALUE: self.indicator.show(reading.value, short=True),
                NOTE: reading.note, RECORDED_BY: reading.recorded_by,
                EVIDENCE: f"{row.evidence} file{'s' if row.evidence != 1 else ''}" if row.evidence else "",
            }.get(column)
        if role == Qt.ItemDataRole.EditRole:
            if column in row.pending:
                return row.pending[column]
            if reading is None:
                return self.default_recorder if column == RECORDED_BY else ""
            return {VALUE: value_to_text(reading.value), NOTE: reading.note, RECORDED_BY: reading.recorded_by}.get(column, "")
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in row.pending and row.problem and column == VALUE:
                return QBrush(QColor(themed(PROBLEM, on_lists=True)))
            if reading is None and column == VALUE and VALUE not in row.pending:
                return QBrush(QColor(themed(QUIET, on_lists=True)))
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.problem:
                return row.problem
            if reading is not None and reading.source:
                return reading.source
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.data(index, Qt.ItemDataRole.DisplayRole) or "empty"
            return f"{HEADERS[column]} for {self.label(row)}: {shown}" + (f" — {row.problem}" if row.problem else "")
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        row, column = self.rows[index.row()], index.column()
        text = str(value if value is not None else "").strip()
        try:
            if column == VALUE:
                self._set_value(row, text)
            elif column in (NOTE, RECORDED_BY):
                self._set_text(row, column, text)
            else:
                return False
        except SvdeskError as error:
            # Keep what was typed, say why it was not saved.
            row.pending[column] = text
            row.problem = f"{self.label(row)}: {'; '.join(getattr(error, 'problems', [str(error)]))}"
            self.problem.emit(row.problem + " Nothing was saved for this period; correct the value or clear it.")
        self._changed(index.row())
        return True

    def _set_value(self, row: Row, text: str) -> None:
        if not text:
            row.pending.pop(VALUE, None)
            row.problem = ""
            if row.reading is not None:
                reading = row.reading
                measure_services.bin_reading(self.workspace, reading.id)
                self._refresh_row(row)
                self.deleted.emit(reading.id, self.label(row))
                self.saved.emit()
            self.problem.emit("")
            return
        number = parse_value(self.indicator.unit, text, self.indicator.scale)
        if row.reading is not None:
            measure_services.change_reading(self.workspace, row.reading.id, value=number)
        else:
            note = row.pending.get(NOTE, "")
            recorder = row.pending.get(RECORDED_BY, self.default_recorder)
            measure_services.record_reading(self.workspace, self.indicator.id, row.period.start, row.period.end,
                                            number, note, recorder)
        row.pending.clear()
        row.problem = ""
        self._refresh_row(row)
        self.problem.emit("")
        self.saved.emit()

    def _set_text(self, row: Row, column: int, text: str) -> None:
        if row.reading is None:
            row.pending[column] = text
            if VALUE not in row.pending:
                self.problem.emit(f"{self.label(row)}: enter the value too — the "
                                  f"{'note' if column == NOTE else 'name'} is kept here and saved with it.")
            return
        if column == NOTE:
            measure_services.change_reading(self.workspace, row.reading.id, note=text)
        else:
            measure_services.change_reading(self.workspace, row.reading.id, recorded_by=text)
        row.pending.pop(column, None)
        self._refresh_row(row)
        self.saved.emit()

    def _refresh_row(self, row: Row) -> None:
        if row.reading is None:
            found = [r for r in self.repo.readings(self.indicator.id, row.period.start, row.period.end)
                     if (r.start, r.end) == (row.period.start, row.period.end)]
            row.reading = found[0] if found else None
        else:
            reading = self.repo.reading(row.reading.id)
            row.reading = None if self._is_deleted(reading) else reading
        if row.reading is not None:
            row.evidence = self.repo.evidence_counts([row.reading.id]).get(row.reading.id, 0)
            self.default_recorder = row.reading.recorded_by or self.default_recorder

    def _is_deleted(self, reading: Reading) -> bool:
        return not any(r.id == reading.id for r in self.repo.readings(self.indicator.id, reading.start, reading.end))

    def _changed(self, row_index: int) -> None:
        self.dataChanged.emit(self.index(row_index, 0), self.index(row_index, len(HEADERS) - 1))

    def refresh_evidence(self, row_index: int) -> None:
        if 0 <= row_index < len(self.rows):
            self._refresh_row(self.rows[row_index])
            self._changed(row_index)

    def has_pending(self) -> bool:
        return any(row.pending for row in self.rows)

    def pending_problems(self) -> list[str]:
        return [row.problem for row in self.rows if row.problem]

