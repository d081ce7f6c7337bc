"""The consultation log as a table model (a few dozen rows a year: all loaded at once)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from svdesk.domain import dates
from svdesk.domain.consultations import Consultation

COLUMNS = ("Date", "What", "Who", "People")


class ConsultationModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Consultation] = []

    def set_items(self, items: list[Consultation]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                dates.format_date(item.held_on) if item.held_on else "No date",
                item.title or item.how.label,
                item.who_text().capitalize() or "—",
                "" if item.people is None else f"{item.people:,}",
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.heading() + (f"\nWe heard: {item.heard[:200]}" if item.heard else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, consultation_id: str | None) -> int | None:
        return next((row for row, item in enumerate(self.items) if item.id == consultation_id), None)
