"""Choosing an indicator from the library of suggestions (or starting one of your own)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTreeView, QVBoxLayout, QWidget

from svdesk.domain.indicator_library import Suggestion
from svdesk.store.indicator_library import library
from svdesk.ui.common.widgets import HelpLabel

SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 20


class LibraryPanel(QWidget):
    chosen = Signal(object)   # a Suggestion to add
    own_requested = Signal()  # start an indicator of one's own
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        for kind in library():
            top = QStandardItem(kind.name)
            top.setEditable(False)
            top.setToolTip(kind.description)
            for suggestion in kind.suggestions:
                item = QStandardItem(suggestion.name)
                item.setEditable(False)
                item.setData(suggestion, SUGGESTION_ROLE)
                item.setToolTip(suggestion.name)
                top.appendRow(item)
            self.model.appendRow(top)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Suggested indicators by kind of enterprise")
        self.tree.expandAll()
        self.tree.setMinimumWidth(260)

        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.add_button = QPushButton("&Add this indicator")
        self.add_button.setDefault(True)
        details = QWidget()
        column = QVBoxLayout(details)
        column.addWidget(self.title)
        column.addWidget(self.facts)
        column.addWidget(self.body, 1)
        column.addWidget(HelpLabel("Adding copies the suggestion into your file; change any of it afterwards, "
                                   "and add your own baseline and target."))
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.add_button)
        column.addLayout(row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([360, 320])

        heading = QLabel("Suggested indicators")
        heading.setFont(font)
        self.own_button = QPushButton("&Write your own instead")
        self.back_button = QPushButton("&Back")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(self.own_button)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(HelpLabel("Plain-words suggestions grouped by the kind of work you do. Pick the two or "
                                   "three that best show the change you make — or write your own."))
        layout.addWidget(splitter, 1)

        self.tree.selectionModel().currentChanged.connect(lambda current, _old: self._show(current.data(SUGGESTION_ROLE)))
        self.tree.doubleClicked.connect(lambda index: self._choose(index.data(SUGGESTION_ROLE)))
        self.add_button.clicked.connect(lambda: self._choose(self.current()))
        self.own_button.clicked.connect(self.own_requested.emit)
        self.back_button.clicked.connect(self.closed.emit)
        self.select_first()

    def select_first(self) -> None:
        first = self.model.index(0, 0).model().index(0, 0, self.model.index(0, 0))
        self.tree.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select(self, key: str) -> bool:
        for row in range(self.model.rowCount()):
            top = self.model.item(row)
            for child_row in range(top.rowCount()):
                child = top.child(child_row)
                if child.data(SUGGESTION_ROLE).key == key:
                    self.tree.selectionModel().setCurrentIndex(child.index(), QItemSelectionModel.SelectionFlag.ClearAndSelect)
                    return True
        return False

    def current(self) -> Suggestion | None:
        return self.tree.currentIndex().data(SUGGESTION_ROLE)

    def _show(self, suggestion: Suggestion | None) -> None:
        self.add_button.setEnabled(suggestion is not None)
        if suggestion is None:
            self.title.setText("Choose a suggestion on the left")
            self.facts.setText("")
            self.body.setText("")
            return
        self.title.setText(suggestion.name)
        self.facts.setText(f"{suggestion.unit.label} · {suggestion.frequency.label.lower()} · "
                           f"{suggestion.direction.label.lower()}")
        parts = [("Shows", suggestion.outcome), ("How to collect it", suggestion.how_collected),
                 ("Who collects it", suggestion.collected_by), ("Who benefits", suggestion.who_benefits),
                 ("Contribution", suggestion.contribution)]
        self.body.setText("\n\n".join(f"{label}: {text}" for label, text in parts if text))

    def _choose(self, suggestion: Suggestion | None) -> None:
        if suggestion is not None:
            self.chosen.emit(suggestion)
