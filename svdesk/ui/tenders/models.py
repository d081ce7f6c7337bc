"""Qt item models for the tenders page: the tender list, a tender's commitments, and how a won
contract's promises stand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from svdesk.domain.dates import format_date
from svdesk.domain.tenders import (
    Commitment, Tender, TenderStatus, check_commitment, days_left, describe_days_left,
)
from svdesk.ui.common.rows_model import RowsTableModel
from svdesk.ui.common.colours import themed

ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENT = QColor("#b00020")
SOON = QColor("#9a5b00")
DONE = QColor("#1f6f43")


@dataclass
class _Cells:
    """One row of the tenders table as the view shows it, for the tender it was made from."""

    tender: Tender
    today: dt.date
    texts: tuple[str, ...]
    tip: str
    fonts: dict = field(default_factory=dict)
    colours: dict = field(default_factory=dict)


_DISPLAY, _ACCESSIBLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
_TIP, _FONT, _FOREGROUND = (int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.FontRole),
                            int(Qt.ItemDataRole.ForegroundRole))
_ID = int(ID_ROLE)
_ANSWERED = frozenset({_DISPLAY, _ACCESSIBLE, _TIP, _FONT, _FOREGROUND, _ID})


class TendersModel(RowsTableModel):
    HEADERS = ("Contract", "Buyer", "Deadline", "Time left", "Status")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = dt.date.today()
        self._cache: dict[int, _Cells] = {}

    @property
    def tenders(self) -> list[Tender]:
        return self.rows

    def set_tenders(self, tenders: list[Tender], today: dt.date) -> None:
        self.today = today
        self._cache.clear()
        self.set_rows(tenders)

    def row_of(self, tender_id: str) -> int:
        return next((row for row, tender in enumerate(self.tenders) if tender.id == tender_id), -1)

    def time_left(self, tender: Tender) -> str:
        if tender.status is not TenderStatus.DRAFTING:
            return "—"
        return describe_days_left(days_left(tender.deadline, self.today))

    def data(self, index, role=_DISPLAY):
        # Roles compared as plain numbers: naming Qt's enum costs a lookup at each of the view's calls.
        if role not in _ANSWERED or not index.isValid():
            return None
        tender = self.tenders[index.row()]
        if role == _ID:
            return tender.id
        cells = self._cells(index.row(), tender)
        if role == _DISPLAY or role == _ACCESSIBLE:
            return cells.texts[index.column()]
        if role == _TIP:
            return cells.tip
        if role == _FONT:
            return cells.fonts.get(index.column())
        return cells.colours.get(index.column())  # the foreground

    def _cells(self, row: int, tender: Tender) -> "_Cells":
        # The view asks each cell for many roles at every paint and fit (about 24,000 calls for
        # 500 tenders): each row is worked out once, and again only when its tender is replaced.
        cached = self._cache.get(row)
        if cached is not None and cached.tender is tender and cached.today == self.today:
            return cached
        cells = _Cells(tender, self.today, (tender.name, tender.buyer, self._deadline(tender), self.time_left(tender),
                                            tender.status.label), f"{tender.name}\n{tender.buyer}".strip())
        if tender.status is TenderStatus.DRAFTING:
            font = QFont()
            font.setBold(True)
            cells.fonts[3] = font
            left = days_left(tender.deadline, self.today)
            if left is not None and left <= 3:
                cells.colours[3] = QBrush(QColor(themed(URGENT, on_lists=True)))
            elif left is not None and left <= 7:
                cells.colours[3] = QBrush(QColor(themed(SOON, on_lists=True)))
        if tender.status is TenderStatus.WON:
            cells.colours[4] = QBrush(QColor(themed(DONE, on_lists=True)))
        self._cache[row] = cells
        return cells

    @staticmethod
    def _deadline(tender: Tender) -> str:
        if tender.deadline is None:
            return "—"
        return format_date(tender.deadline) + (f" {tender.deadline_time}" if tender.deadline_time else "")


class CommitmentsModel(QAbstractListModel):
    """'1. Paid work placements' with a mark when the commitment check finds something missing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Commitment] = []
        self.tender: Tender | None = None

    def set_items(self, items: list[Commitment], tender: Tender) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.tender = tender
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def row_of(self, commitment_id: str) -> int:
        return next((row for row, item in enumerate(self.items) if item.id == commitment_id), -1)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        missing = check_commitment(item, self.tender)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {item.name}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            mark = f" ({len(missing)} to fix)" if missing else ""
            return f"{index.row() + 1}. {item.name}{mark}"
        if role == Qt.ItemDataRole.DecorationRole and missing:
            from PySide6.QtWidgets import QApplication, QStyle

            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(missing) if missing else "Complete: specific, measurable and time-bound."
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QBrush(QColor(themed(SOON, on_lists=True)))
        return None


class PromisesModel(RowsTableModel):
    """A won contract's promises: what we promised and how delivery stands."""

    HEADERS = ("Commitment", "Measured as", "Promised", "Delivered so far", "Status")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        from svdesk.domain.tenders import format_number, is_level

        tracked = self.rows[index.row()]
        progress = tracked.progress
        c = progress.commitment
        sign = " %" if is_level(c.unit) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                return f"{index.row() + 1}. {c.name}"
            if index.column() == 1:
                return tracked.indicator_name or "Not linked"
            if index.column() == 2:
                if progress.target is None:
                    return "—"
                suffix = " in total" if progress.summable else ""
                return f"{format_number(progress.target)}{sign}{suffix}"
            if index.column() == 3:
                if progress.delivered is None:
                    return "—"
                when = f" (to {format_date(progress.as_of)})" if progress.as_of else ""
                return f"{format_number(progress.delivered)}{sign}{when}"
            return progress.status
        if role == Qt.ItemDataRole.ToolTipRole:
            return progress.headline
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4:
            if progress.status in ("met", "on track"):
                return QBrush(QColor(themed(DONE, on_lists=True)))
            if progress.status in ("behind", "missed", "not tracked"):
                return QBrush(QColor(themed(URGENT, on_lists=True)))
        return None
