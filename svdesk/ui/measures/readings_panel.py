"""The Readings tab: the quick-entry grid, custom dates, deleting with undo, evidence files,
and import/export of readings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QApplication, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QStackedWidget,
    QTableView, QVBoxLayout, QWidget,
)

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.measures import Indicator, parse_value
from svdesk.domain.periods import describe_period
from svdesk.services.attachments import Owner
from svdesk.ui.common.attachment_list import AttachmentList
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.date_field import DateField
from svdesk.ui.common.export_target import choose_export_target
from svdesk.ui.measures.import_preview import ImportPreview
from svdesk.ui.measures.readings_model import EVIDENCE, NOTE, PERIOD, RECORDED_BY, VALUE, ReadingsModel
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, UndoBar
from svdesk.services import measures as measure_services

SHEET_FILTER = "Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)"


class ReadingsPanel(QWidget):
    changed = Signal()  # readings or evidence changed: figures, chart and statuses need refreshing

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.repo = ctx.workspace.indicators
        self.indicator: Indicator | None = None
        self._deleted: tuple[str, str] | None = None
        self._sheet: Path | None = None
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._build_grid())
        self.preview = ImportPreview()
        self.stack.addWidget(self.preview)
        self.preview.confirmed.connect(self._import_confirmed)
        self.preview.cancelled.connect(self._close_preview)
        self.preview.replace_changed.connect(lambda _on: self._plan_import())

    # -- building ---------------------------------------------------------------------------------
    def _build_grid(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.help = HelpLabel("")
        self.import_button = QPushButton("&Import…")
        self.import_button.setToolTip("Read readings from a CSV or Excel (.xlsx) sheet, with a preview first.")
        self.export_button = QPushButton("E&xport CSV…")
        top = QHBoxLayout()
        top.addWidget(self.help, 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.model = ReadingsModel(self.ctx.workspace, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Readings, one row per period")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PERIOD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RECORDED_BY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EVIDENCE, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(100)  # a date and a count: the first rows give the width
        self.table.setColumnWidth(VALUE, 90)
        self.table.setColumnWidth(RECORDED_BY, 120)
        layout.addWidget(self.table, 1)
        self.message = ProblemLabel()
        layout.addWidget(self.message)

        self.undo_bar = UndoBar("&Undo", "Undo deleting the reading")
        self.undo_label, self.undo_button = self.undo_bar.label, self.undo_bar.button
        layout.addWidget(self.undo_bar)

        buttons = QHBoxLayout()
        self.earlier_button = QPushButton("Show &earlier periods")
        self.custom_button = QPushButton("&Custom dates…")
        self.delete_button = QPushButton("&Delete reading")
        self.deleted_button = QPushButton("Deleted readings…")
        for button in (self.earlier_button, self.custom_button, self.delete_button, self.deleted_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(self._build_custom())

        self.evidence_box = QGroupBox("Evidence")
        evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence_hint = HelpLabel("")
        self.evidence = AttachmentList(self.ctx, role="evidence", name="Evidence files", add_text="&Attach files…")
        evidence_layout.addWidget(self.evidence_hint)
        evidence_layout.addWidget(self.evidence)
        layout.addWidget(self.evidence_box)

        # Quick entry: Enter saves the value and moves down to the next period.
        self.table.itemDelegate().closeEditor.connect(self._editor_closed)
        self.model.problem.connect(self._show_message)
        self.model.saved.connect(self._saved)
        self.model.deleted.connect(self._reading_deleted)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._current_changed())
        self.evidence.changed.connect(self._evidence_changed)
        self.undo_button.clicked.connect(self.undo_delete)
        self.earlier_button.clicked.connect(self._show_earlier)
        self.custom_button.clicked.connect(self._toggle_custom)
        self.delete_button.clicked.connect(self.delete_current)
        self.deleted_button.clicked.connect(self.restore_deleted)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.export_csv)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        return box

    def _build_custom(self) -> QWidget:
        self.custom_box = QWidget()
        row = QHBoxLayout(self.custom_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.custom_from = DateField(optional=False)
        self.custom_from.setAccessibleName("Custom period: first day")
        self.custom_to = DateField(optional=False)
        self.custom_to.setAccessibleName("Custom period: last day")
        self.custom_value = QLineEdit()
        self.custom_value.setAccessibleName("Custom period: value")
        self.custom_value.setMaximumWidth(120)
        self.custom_add = QPushButton("Add reading")
        for text, widget in (("From", self.custom_from), ("to", self.custom_to), ("value", self.custom_value)):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addWidget(self.custom_add)
        row.addStretch()
        self.custom_box.hide()
        self.custom_add.clicked.connect(self._add_custom)
        self.custom_value.returnPressed.connect(self._add_custom)
        return self.custom_box

    # -- showing an indicator ---------------------------------------------------------------------
    def set_indicator(self, indicator: Indicator | None) -> None:
        same = self.indicator is not None and indicator is not None and indicator.id == self.indicator.id
        self.indicator = indicator
        if not same:
            self._close_preview()
            self.undo_bar.hide()
            self._deleted = None
            self.message.show_problems([])
            self.custom_box.hide()
        read_only = self.ctx.workspace.read_only
        self.model.read_only = read_only
        self.model.set_indicator(indicator, keep_window=same)
        if indicator is not None:
            noun = indicator.frequency.noun
            self.help.setText(
                f"One row per {noun}: type a value and press Enter — it is saved at once. Values are "
                f"{indicator.unit.rule_text}. Clearing a value deletes that reading (you can undo).")
        for button in (self.custom_button, self.delete_button, self.deleted_button, self.import_button):
            button.setEnabled(not read_only and indicator is not None)
        if not same:
            self._select_latest()
        self._current_changed()

    def refresh(self) -> None:
        current = self.table.currentIndex()
        self.model.reload()
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(min(current.row(), self.model.rowCount() - 1), current.column()))
        self._current_changed()

    def _select_latest(self) -> None:
        if not self.model.rows:
            return
        target = max((index for index, row in enumerate(self.model.rows) if row.reading), default=None)
        target = self.model.rowCount() - 1 if target is None else min(target + 1, self.model.rowCount() - 1)
        index = self.model.index(target, VALUE)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def current_row(self):
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _current_changed(self) -> None:
        row = self.current_row()
        reading = row.reading if row else None
        self.delete_button.setEnabled(reading is not None and not self.ctx.workspace.read_only)
        if row is None:
            self.evidence_box.setTitle("Evidence")
            self.evidence.set_owner(None, None)
            self.evidence_hint.setText("Select a period to see or attach its evidence.")
            return
        label = self.model.label(row)
        self.evidence_box.setTitle(f"Evidence for {label}")
        if reading is None:
            self.evidence.set_owner(None, None)
            self.evidence_hint.setText(f"Record the value for {label} first, then attach photos, registers or "
                                       "forms that back it up.")
        else:
            self.evidence.set_owner(Owner.READING, reading.id)
            self.evidence_hint.setText("Photos, sign-in sheets, registers or survey forms that back up this number "
                                       "(up to 25 MB each; kept inside your file).")

    def _editor_closed(self, _editor, hint) -> None:
        if hint != QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            return
        current = self.table.currentIndex()
        row = self.model.rows[current.row()] if current.isValid() else None
        if row is None or row.problem or current.row() + 1 >= self.model.rowCount():
            return
        self.table.setCurrentIndex(self.model.index(current.row() + 1, current.column()))

    # -- edits ------------------------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.message.show_problems([text] if text else [])

    def _saved(self) -> None:
        self._current_changed()
        self.changed.emit()

    def _evidence_changed(self) -> None:
        self.model.refresh_evidence(self.table.currentIndex().row())
        self.changed.emit()

    def _reading_deleted(self, reading_id: str, label: str) -> None:
        self._deleted = (reading_id, label)
        self.undo_bar.announce(f"The reading for {label} was deleted.")

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or row.reading is None or self.ctx.workspace.read_only:
            return
        self.model.setData(self.model.index(self.model.rows.index(row), VALUE), "")

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        try:
            measure_services.restore_reading(self.ctx.workspace, self._deleted[0])
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Cannot bring it back", str(error))
            return
        self._deleted = None
        self.undo_bar.hide()
        self.refresh()
        self.changed.emit()

    def restore_deleted(self) -> None:
        if self.indicator is None:
            return
        deleted = self.repo.deleted_readings(self.indicator.id)
        if not deleted:
            self.ctx.dialogs.info(self, "Deleted readings", "No readings of this indicator have been deleted.")
            return
        year_end = self.repo.year_end()
        items = [f"{describe_period(r.start, r.end, self.indicator.frequency, year_end)}: "
                 f"{self.indicator.show(r.value)}" + (f" — {r.note}" if r.note else "") for r in deleted]
        choice = self.ctx.dialogs.choose(self, "Bring back a deleted reading", "Deleted readings (newest first):", items)
        if choice is None:
            return
        try:
            measure_services.restore_reading(self.ctx.workspace, deleted[choice].id)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Cannot bring it back", str(error))
            return
        self.refresh()
        self.changed.emit()

    def _show_earlier(self) -> None:
        self.model.show_earlier()
        self.table.scrollToTop()

    def _toggle_custom(self) -> None:
        self.custom_box.setVisible(not self.custom_box.isVisible())
        if self.custom_box.isVisible():
            self.custom_from.setFocus()

    def _add_custom(self) -> None:
        if self.indicator is None:
            return
        for field in (self.custom_from, self.custom_to):
            field.editingFinished.emit()
        start, end = self.custom_from.date(), self.custom_to.date()
        problems = [field.problem for field in (self.custom_from, self.custom_to) if field.problem]
        if not problems and (start is None or end is None):
            problems.append("Give the first and the last day of the period.")
        try:
            value = parse_value(self.indicator.unit, self.custom_value.text(), self.indicator.scale) if not problems else None
            if value is not None:
                measure_services.record_reading(self.ctx.workspace, self.indicator.id, start, end, value,
                                                recorded_by=self.model.default_recorder)
        except ValidationError as error:
            problems += error.problems
        except SvdeskError as error:
            problems.append(str(error))
        if problems:
            self._show_message(" ".join(problems))
            return
        self._show_message("")
        self.custom_value.clear()
        self.custom_box.hide()
        self.refresh()
        self.table.setCurrentIndex(self.model.index(self.model.row_for_day(start), VALUE))
        self.changed.emit()

    # -- import / export ---------------------------------------------------------------------------
    def choose_import(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Import readings from a spreadsheet", str(Path.home()), SHEET_FILTER)
        if path is not None:
            self.start_import(path)

    def start_import(self, path: Path) -> None:
        self._sheet = Path(path)
        self.preview.replace.blockSignals(True)
        self.preview.replace.setChecked(False)
        self.preview.replace.blockSignals(False)
        if self._plan_import():
            self.stack.setCurrentWidget(self.preview)

    def _plan_import(self) -> bool:
        try:
            rows = measure_services.read_sheet(self._sheet)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Cannot read the file", str(error))
            return False
        # A sheet with an Indicator column may hold several indicators; otherwise it is this one's.
        plan = measure_services.plan_import(
            self.ctx.workspace, rows, None if measure_services.names_its_indicators(rows) else self.indicator,
            replace=self.preview.replace.isChecked(), source=self._sheet.name)
        self.preview.show_plan(plan)
        return True

    def _import_confirmed(self) -> None:
        plan = self.preview.plan
        try:
            count = measure_services.import_readings(self.ctx.workspace, plan)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Nothing was imported", str(error))
            return
        self._close_preview()
        self.refresh()
        self._show_message("")
        self.ctx.dialogs.info(self, "Readings imported", f"Imported {count} reading{'s' if count != 1 else ''} "
                                                         f"from {plan.source}.")
        self.changed.emit()

    def _close_preview(self) -> None:
        self.stack.setCurrentIndex(0)

    def export_csv(self) -> None:
        if self.indicator is None:
            return
        safe = "".join(ch for ch in self.indicator.name if ch.isalnum() or ch in " -_").strip()[:60] or "readings"
        path = choose_export_target(self.ctx, self, "Export readings as CSV", safe, "csv", "CSV files (*.csv)")
        if path is None:
            return
        try:
            count = measure_services.export_readings(self.ctx.workspace, [self.indicator], path)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not exported", str(error))
            return
        self.ctx.dialogs.info(self, "Readings exported",
                              f"Wrote {count} reading{'s' if count != 1 else ''} to {path}.")

    def finish_editing(self) -> None:
        """Saves a value still being typed in the grid (before switching page or closing)."""
        editor = QApplication.focusWidget()
        if editor is not None and self.table.isAncestorOf(editor) and editor is not self.table:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
