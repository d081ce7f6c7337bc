"""What the Stories and the Listening pages share: a table of records beside the editor, a
friendly panel when there are none, and a bin with an undo bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QPushButton, QScrollArea, QTableView, QVBoxLayout, QWidget,
)

from svdesk.ui.common.attachment_list import name_inner_buttons
from svdesk.ui.common.widgets import HelpLabel, UndoBar


FIT_ROWS = 100  # rows read to fit a column to its contents (besides those in view)


def record_table(model, name: str, stretch: tuple[int, ...], row_height: int) -> QTableView:
    """A read-only table of ``model``'s records, one selected at a time: ``name`` for screen
    readers ("Stories"), the ``stretch`` columns sharing the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Fitting asks up to 1,000 rows by default, each time the rows change or the table is shown
    # (10,000 consultations: a frozen window); the first rows and those in view are enough.
    header.setResizeContentsPrecision(FIT_ROWS)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    table.setCornerButtonEnabled(False)
    name_inner_buttons(table, f"Select all {name.lower()}")
    return table


class _NeverNarrowerThanItsFields(QObject):
    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area
        area.widget().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            # Once the layout has settled; not at all if the area is deleted first (a window
            # closed at once: its pages are made in idle moments, so this can be pending).
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        self.area.setMinimumWidth(self.area.widget().minimumSizeHint().width()
                                  + self.area.verticalScrollBar().sizeHint().width() + 4)


def never_narrower_than_its_fields(area: QScrollArea) -> None:
    """The editor beside a list scrolls up and down, never sideways: the splitter may narrow it
    only as far as its widest row, which changes as records are shown (a row of attachment
    buttons, an undo button), so this follows it."""
    _NeverNarrowerThanItsFields(area)


class EmptyState(QWidget):
    """Shown instead of the editor while there is nothing to edit: a title, a few words on what
    to record, and a button to start."""

    def __init__(self, title: str, help_text: str, button_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        self.title = QLabel(title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.help = HelpLabel(help_text)
        self.button = QPushButton(button_text)
        column.addStretch(1)
        column.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.help)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)


class RecordBin:
    """Moving one kind of record to the bin (with an undo bar) and back out of it.

    ``repo`` has get and removed (for reading); ``to_bin(record_id)`` and ``from_bin(record_id)``
    are the services that move a record; ``describe`` names a record in a sentence,
    ``choice_label`` in the list of binned records; ``changed(record_id)`` is called after each
    move with the record to show (None: none)."""

    def __init__(self, owner: QWidget, dialogs, repo, noun: str, plural: str, describe: Callable,
                 choice_label: Callable, changed: Callable[[str | None], None], *,
                 to_bin: Callable[[str], None], from_bin: Callable[[str], None]):
        self.owner, self.dialogs, self.repo = owner, dialogs, repo
        self.to_bin, self.from_bin = to_bin, from_bin
        self.noun, self.plural = noun, plural
        self.describe, self.choice_label, self.changed = describe, choice_label, changed
        self._binned: str | None = None

        self.undo_bar = UndoBar("Undo", f"Undo moving the {noun} to the bin")
        self.undo_label, self.undo_button = self.undo_bar.label, self.undo_bar.button
        self.bin_button = QPushButton("Move to &bin")
        self.restore_button = QPushButton("Restore from bin…")
        self.undo_button.clicked.connect(self.undo)
        self.restore_button.clicked.connect(self.restore)

    def move(self, record_id: str) -> None:
        record = self.repo.get(record_id)
        self.to_bin(record_id)
        self._binned = record_id
        self.undo_bar.announce(f"“{self.describe(record)}” was moved to the bin.")
        self.changed(None)

    def undo(self) -> None:
        binned, self._binned = self._binned, None
        if binned:
            self.from_bin(binned)
        self.undo_bar.hide()
        self.changed(binned)

    def restore(self) -> None:
        binned = self.repo.removed()
        if not binned:
            self.dialogs.info(self.owner, "The bin is empty", f"There are no {self.plural} in the bin.")
            return
        choice = self.dialogs.choose(self.owner, f"Restore a {self.noun}", f"Choose a {self.noun} to bring back:",
                                     [self.choice_label(record) for record in binned])
        if choice is None:
            return
        self.from_bin(binned[choice].id)
        self.undo_bar.hide()
        self.changed(binned[choice].id)
