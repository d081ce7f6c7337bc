"""The checks before filing the CIC34 report, as a list model and its view (hundreds of checks
with years of records: one item per check, never a widget per check)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QListView, QStyle

_LEVEL_ICONS = {
    "problem": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_LEVEL_WORDS = {"problem": "To fix", "warning": "Worth a look", "info": "Good to know"}


class ChecksModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.checks: list = []

    def set_checks(self, checks) -> None:
        self.beginResetModel()
        self.checks = list(checks)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.checks)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        check = self.checks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return check.text
        if role == Qt.ItemDataRole.DecorationRole:
            return QApplication.style().standardIcon(_LEVEL_ICONS[check.level])
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{_LEVEL_WORDS[check.level]}: {check.text}"
        if role == Qt.ItemDataRole.UserRole:
            return check
        return None


# Up to this many checks the list is as tall as its wrapped text and the page scrolls; a longer
# list (hundreds, with years of records) scrolls within itself and is laid out in batches:
# measuring every wrapped item at once kept the window busy for a third of a second.
FITTED_CHECKS = 40
LONG_LIST_LINES = 18


class ChecksView(QListView):
    """The checks, as tall as their wrapped text (the page scrolls, not the list) while they are
    few; a long list scrolls within a fixed height."""

    def fit(self) -> None:
        model = self.model()
        rows = model.rowCount() if model else 0
        long_list = rows > FITTED_CHECKS
        self.setLayoutMode(QListView.LayoutMode.Batched if long_list else QListView.LayoutMode.SinglePass)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if long_list
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if long_list:
            self.setFixedHeight(self.fontMetrics().lineSpacing() * LONG_LIST_LINES + 2 * self.frameWidth())
            return
        self.doItemsLayout()
        if rows:
            # Where the last item ends, scrolled to the top: every wrapped line included.
            last = self.visualRect(model.index(rows - 1, 0))
            height = last.bottom() + self.verticalOffset() + self.spacing() + 1
        else:
            height = 0
        self.setFixedHeight(max(36, height + 2 * self.frameWidth() + 2))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self.fit)
