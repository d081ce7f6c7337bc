"""The question's parts as a Qt table model: number, the buyer's words, kind and coverage."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from svdesk.ui.common.colours import GOOD, PROBLEM, WARNING, themed

COLUMNS = ("", "Part of the question", "Kind", "Coverage")
COVERAGE_COLOURS = {"covered": GOOD, "thin": WARNING, "missing": PROBLEM}
COVERAGE_LABELS = {"covered": "Covered", "thin": "Thin", "missing": "Missing"}


class PartsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.parts: tuple = ()
        self.coverage: tuple = ()
        self.labels: dict[str, str] = {}

    def set_plan(self, parts, coverage, labels: dict[str, str]) -> None:
        self.beginResetModel()
        self.parts, self.coverage, self.labels = tuple(parts), tuple(coverage), dict(labels)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.parts)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.parts):
            return None
        part = self.parts[index.row()]
        coverage = self.coverage[index.row()] if index.row() < len(self.coverage) else None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return f"{index.row() + 1}."
            if column == 1:
                return part.heading()
            if column == 2:
                also = [self.labels.get(k, k) for k in part.also]
                return self.labels.get(part.kind, part.kind) + (f" (also {', '.join(also).lower()})" if also else "")
            if column == 3 and coverage is not None:
                return COVERAGE_LABELS.get(coverage.status, coverage.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = f"\n\n{COVERAGE_LABELS.get(coverage.status, '')}: {coverage.reason}" if coverage else ""
            return part.text + reason
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and coverage is not None:
            return QColor(themed(COVERAGE_COLOURS[coverage.status], on_lists=True)) if coverage.status in COVERAGE_COLOURS else None
        return None
