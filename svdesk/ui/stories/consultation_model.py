"""The consultation log as a table model. Every consultation is read (a few dozen a year; a big
file holds 10,000), but the table is given them a window at a time as it scrolls
(``canFetchMore``/``fetchMore``): a view with 10,000 rows took a quarter second each time the page
was shown again."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from svdesk.domain import dates
from svdesk.domain.consultations import Consultation
from svdesk.ui.common.rows_model import RowsTableModel

COLUMNS = ("Date", "What", "Who", "People")
BATCH = 200  # rows given to the view at a time: several screenfuls
_DISPLAY, _ACCESSIBLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
_TIP, _ALIGNMENT = int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = frozenset({_DISPLAY, _ACCESSIBLE, _TIP, _ALIGNMENT})
TIP_CHARS = 200  # of what was heard, in a row's tooltip: the list reads as many (ConsultationRepo.listing)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ConsultationModel(RowsTableModel):
    HEADERS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown = 0  # how many of the rows the view has been given
        self._texts: dict[int, tuple] = {}  # row -> (the item its texts were made from, texts)

    @property
    def items(self) -> list[Consultation]:
        return self.rows

    def set_items(self, items: list[Consultation]) -> None:
        self.beginResetModel()
        self.rows = list(items)
        self._texts = {}
        self._shown = min(BATCH, len(self.rows))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and self._shown < len(self.rows)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt's name
        self._show_up_to(self._shown + BATCH - 1)

    def _show_up_to(self, row: int) -> None:
        last = min(row, len(self.rows) - 1)
        if last >= self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, last)
            self._shown = last + 1
            self.endInsertRows()

    def data(self, index, role=_DISPLAY):
        # Asked for every role of every cell at each paint and column fit (2,000 calls as the page
        # is shown): roles are compared as plain numbers (naming Qt's enum costs a lookup each time)
        # and a row's texts are made once.
        if role not in _ANSWERED or not index.isValid():
            return None
        row = index.row()
        if row >= self._shown:
            return None
        if role == _TIP:
            item = self.rows[row]
            return item.heading() + (f"\nWe heard: {item.heard[:TIP_CHARS]}" if item.heard else "")
        if role == _ALIGNMENT:
            return _RIGHT if index.column() == 3 else None
        texts = self._texts.get(row)
        if texts is None or texts[0] is not self.rows[row]:
            item = self.rows[row]
            texts = self._texts[row] = (item, (
                dates.format_date(item.held_on) if item.held_on else "No date",
                item.title or item.how.label,
                item.who_text().capitalize() or "—",
                "" if item.people is None else f"{item.people:,}",
            ))
        return texts[1][index.column()]

    def row_of(self, consultation_id: str | None) -> int | None:
        """The row of ``consultation_id``, given to the view if it was not yet (None: not listed)."""
        row = next((row for row, item in enumerate(self.items) if item.id == consultation_id), None)
        if row is not None:
            self._show_up_to(row)
        return row
