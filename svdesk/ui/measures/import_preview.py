"""The import preview: every row of the sheet with what will happen to it, or what is wrong with it.
Nothing is written until the person presses Import (and not at all while any row has a problem)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from svdesk.domain.measures import format_value
from svdesk.services.measures import ImportPlan, ImportRow
from svdesk.ui.common.rows_model import RowsTableModel
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel
from svdesk.ui.common.colours import PROBLEM, QUIET, themed

_HEADERS = ("Row", "Indicator", "Period", "Value", "Note", "What happens")


def _outcome(row: ImportRow) -> str:
    if row.problems:
        return "Problem: " + " ".join(row.problems)
    if row.action == "same":
        return "Already recorded — skipped"
    if row.action == "replace":
        return f"Replaces {row.previous}"
    return "New reading"


class ImportRowsModel(RowsTableModel):
    HEADERS = _HEADERS

    def set_rows(self, rows: list[ImportRow]) -> None:
        # Problems first: they are what the person has to act on.
        super().set_rows(sorted(rows, key=lambda row: (not row.problems, row.line)))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return [
                str(row.line), row.indicator.name if row.indicator else "", row.period_text,
                format_value(row.indicator.unit, row.value, short=True) if row.indicator and row.value is not None else row.value_text,
                row.note, _outcome(row),
            ][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.problems:
                return QBrush(QColor(themed(PROBLEM, on_lists=True)))
            if row.action == "same":
                return QBrush(QColor(themed(QUIET, on_lists=True)))
        return None


class ImportPreview(QWidget):
    confirmed = Signal()
    cancelled = Signal()
    replace_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleDescription("Import summary")
        self.file_problems = ProblemLabel()
        self.notes = HelpLabel("")
        self.model = ImportRowsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Rows to import")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.replace = QCheckBox("&Replace readings already in the file for the same period")
        self.replace.setToolTip("Without this, a row for a period that already has a different value is a problem.")
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace)
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(HelpLabel("Check every row. Nothing is saved until you press Import, and nothing at all "
                                   "while any row has a problem."))
        layout.addWidget(self.summary)
        layout.addWidget(self.file_problems)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.confirmed.emit)
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.replace.toggled.connect(self.replace_changed.emit)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.title.setText(f"Import readings from {plan.source}")
        self.summary.setText(plan.summary())
        self.summary.setStyleSheet(f"color: {themed(PROBLEM)}; font-weight: bold;" if plan.problems else "font-weight: bold;")
        self.file_problems.show_problems(plan.file_problems)
        self.notes.setText(" ".join(plan.notes))
        self.notes.setVisible(bool(plan.notes))
        self.model.set_rows(plan.rows)
        self.table.setVisible(bool(plan.rows))
        count = len(plan.to_write)
        self.import_button.setText(f"Import {count} reading{'s' if count != 1 else ''}" if count else "Import")
        self.import_button.setEnabled(plan.can_import)
