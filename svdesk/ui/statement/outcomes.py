"""Which outcomes the statement speaks to, in the frameworks buyers use."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QListView, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from svdesk.domain.frameworks import Framework, describe_tag
from svdesk.ui.common.tag_picker import TagPicker
from svdesk.ui.common.widgets import HelpLabel


class OutcomesPanel(QWidget):
    tags_changed = Signal(list)
    frameworks_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(HelpLabel(
            "Tick the outcomes your statement speaks to, in the frameworks buyers use. Tender answers and "
            "your indicators reuse these tags, so a buyer's outcomes can be matched to what you do. "
            "Wording marked (check) has not been confirmed against the source document: check it in the "
            "tender pack."
        ))
        row = QHBoxLayout()
        self.picker = TagPicker()
        for clear in self.picker.filter.findChildren(QToolButton):
            clear.setAccessibleName("Clear the filter")
        row.addWidget(self.picker, 3)

        side = QVBoxLayout()
        chosen_label = QLabel("&Chosen")
        font = QFont(chosen_label.font())
        font.setBold(True)
        chosen_label.setFont(font)
        self.chosen_model = QStringListModel(self)
        self.chosen = QListView()
        self.chosen.setModel(self.chosen_model)
        self.chosen.setAccessibleName("Chosen outcomes")
        self.chosen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chosen.setWordWrap(True)
        chosen_label.setBuddy(self.chosen)
        self.frameworks_button = QPushButton("F&rameworks…")
        self.frameworks_button.setToolTip("Add your own framework (a council's priorities, say) or look at the built-in ones")
        side.addWidget(chosen_label)
        side.addWidget(self.chosen, 1)
        side.addWidget(HelpLabel("A council or funder with its own priorities? Add them as your own framework."))
        side.addWidget(self.frameworks_button)
        row.addLayout(side, 2)
        layout.addLayout(row, 1)

        self._frameworks: list[Framework] = []
        self.picker.tags_changed.connect(self._picked)
        self.frameworks_button.clicked.connect(self.frameworks_requested.emit)

    def set_tags(self, frameworks: list[Framework], tags: list[str]) -> None:
        self._frameworks = frameworks
        self.picker.set_frameworks(frameworks, tags)
        self._show_chosen(tags)

    def set_read_only(self, read_only: bool) -> None:
        self.picker.tree.setEnabled(not read_only)
        self.frameworks_button.setEnabled(not read_only)

    def chosen_tags(self) -> list[str]:
        return self.picker.chosen()

    def _show_chosen(self, tags: list[str]) -> None:
        labels = [describe_tag(tag, self._frameworks) for tag in tags]
        self.chosen_model.setStringList(labels or ["None yet — tick the outcomes on the left."])

    def _picked(self, tags: list) -> None:
        self._show_chosen(tags)
        self.tags_changed.emit(list(tags))
