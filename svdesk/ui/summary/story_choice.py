"""The year's stories the leaflet may feature, each with a tick box: a list model and its view.

A year of a large organisation holds hundreds of usable stories; a check box widget for each
took seconds to make, lay out and style on the window's thread. One list view draws them all
from this model instead, and lays out only what is seen."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QListView

SHOWN_ROWS = 10  # rows the list shows before it scrolls


class StoryChoiceModel(QAbstractListModel):
    """``toggled(story_id, ticked)`` when the person ticks or unticks a story; what shows as ticked
    is ``chosen``, set by the page once the choice is saved (a refused tick never shows)."""

    toggled = Signal(str, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list = []  # StoryEntry: id, title as printed, level
        self.chosen: list[str] = []
        self.editable = True

    def set_stories(self, entries, chosen, editable: bool) -> None:
        self.beginResetModel()
        self.entries, self.chosen, self.editable = list(entries), list(chosen), editable
        self.endResetModel()

    def set_chosen(self, chosen) -> None:
        self.chosen = list(chosen)
        if self.entries:
            self.dataChanged.emit(self.index(0), self.index(len(self.entries) - 1), [Qt.ItemDataRole.CheckStateRole])

    def ticked(self) -> list[str]:
        return [entry.story_id for entry in self.entries if entry.story_id in self.chosen]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if entry.story_id in self.chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.title}\nTold as: {entry.level.label.lower()}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return f"Told as: {entry.level.label.lower()}"
        if role == Qt.ItemDataRole.UserRole:
            return entry.story_id
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not self.editable:
            return False
        ticked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.toggled.emit(self.entries[index.row()].story_id, ticked)
        return True


class StoryChoiceView(QListView):
    """As tall as its stories up to SHOWN_ROWS, then it scrolls."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)

    def fit(self) -> None:
        rows = self.model().rowCount() if self.model() else 0
        row_height = self.sizeHintForRow(0) if rows else self.fontMetrics().lineSpacing()
        self.setFixedHeight(row_height * max(1, min(rows, SHOWN_ROWS)) + 2 * self.frameWidth() + 2)
        self.setVisible(rows > 0)
