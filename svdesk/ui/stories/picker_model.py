"""The stories a tender answer may tell, as a checkable list that reads its rows on demand (a file
may hold thousands of stories: one Qt item per story took most of a second to build)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal

STORY_ROLE = Qt.ItemDataRole.UserRole + 20


class StoryPickerModel(QAbstractListModel):
    """Stories whose consent covers the use come first and can be ticked; the others follow,
    greyed, each saying why. ``checked_changed`` is emitted when the person ticks or unticks."""

    checked_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []          # (StorySummary, Decision), allowed first
        self._checked: set[str] = set()

    def set_stories(self, decisions, checked) -> None:
        self.beginResetModel()
        self._rows = sorted(decisions, key=lambda pair: not pair[1].allowed)  # stable: keeps the newest first
        self._checked = set(checked)
        self.endResetModel()

    def chosen_ids(self) -> list[str]:
        """The ticked stories that may be used, in list order."""
        return [summary.id for summary, decision in self._rows if decision.allowed and summary.id in self._checked]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][1].allowed:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.ItemIsUserCheckable  # shown, greyed: consent does not allow it

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        summary, decision = self._rows[index.row()]
        title = summary.title or "Untitled story"
        if role == Qt.ItemDataRole.DisplayRole:
            return title if decision.allowed else f"{title} — consent does not cover tenders"
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = decision.allowed and summary.id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{title}\nConsent covers tenders." if decision.allowed else f"{summary.title}\n{decision.explain()}"
        if role == STORY_ROLE:
            return summary.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt's name
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        summary, decision = self._rows[index.row()]
        if not decision.allowed:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(summary.id)
        else:
            self._checked.discard(summary.id)
        self.dataChanged.emit(index, index, [role])
        self.checked_changed.emit()
        return True
