"""The consultation log as a table model (a few dozen rows a year: all loaded at once)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from svdesk.domain import dates
from svdesk.domain.consultations import Consultation
from svdesk.ui.common.rows_model import RowsTableModel

COLUMNS = ("Date", "What", "Who", "People")


class ConsultationModel(RowsTableModel):
    HEADERS = COLUMNS

    @property
    def items(self) -> list[Consultation]:
        return self.rows

    def set_items(self, items: list[Consultation]) -> None:
        self.set_rows(items)

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
