"""The preview of bringing in another copy's changes: what would come across, and a choice for
each field that was changed on both laptops. Bring in is enabled only once every field has one.

A conflict row offers its two values as two checkable cells; checking one unchecks the other,
so the row always shows the value that will be kept. Space toggles the current cell, so the
whole choice can be made from the keyboard."""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout,
)

MINE, THEIRS = 2, 3  # the columns of the two values in the conflicts table
SHOWN_CHARACTERS = 300  # a long value (a story's text) is shortened in its cell; the tooltip has it all


def _cell(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(_plain_tip(tooltip if tooltip is not None else text))
    return item


TIP_CHARACTERS = 2000


def _plain_tip(text: str) -> str:
    """A tooltip that shows the text as written: Qt reads a tooltip that looks like HTML as HTML,
    and the text comes from another file (anyone could have written "<img src=…>" in it)."""
    if len(text) > TIP_CHARACTERS:
        text = text[:TIP_CHARACTERS].rstrip() + " …"
    return "<p style='white-space:pre-wrap'>" + _escape(text) + "</p>"


def _value_cell(value: str) -> QTableWidgetItem:
    shown = value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS].rstrip() + " …"
    item = _cell(shown or "(empty)", value or "(empty)")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    return item


class MergePreviewDialog(QDialog):
    def __init__(self, plan, other_name: str, parent=None):
        super().__init__(parent)
        self.plan = plan
        self._updating = False
        self.setWindowTitle("Bring in changes from another copy")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)

        heading = QLabel(f"From <b>{_escape(plan.theirs_name)}</b> ({_escape(other_name)}) into "
                         f"<b>{_escape(plan.mine_name)}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.summary = QLabel(plan.summary() + ".")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("What would change")
        layout.addWidget(self.summary)

        self.counts = self._counts_table(plan)
        layout.addWidget(self.counts)

        if plan.notes:
            notes = QLabel("\n".join(f"• {note}" for note in plan.notes))
            notes.setTextFormat(Qt.TextFormat.PlainText)  # record names from the other copy, as written
            notes.setWordWrap(True)
            notes.setAccessibleName("Notes")
            layout.addWidget(notes)

        self.conflicts = None
        if plan.conflicts:
            layout.addWidget(self._conflicts_section(plan))

        reassurance = QLabel("A backup copy of this file is made first. "
                             + ("The value you do not keep stays in the record's history. " if plan.conflicts else "")
                             + "The other copy is not changed.")
        reassurance.setWordWrap(True)
        layout.addWidget(reassurance)

        self.buttons = QDialogButtonBox()
        self.bring_in = self.buttons.addButton("&Bring in", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ready()

    # -- counts -----------------------------------------------------------------------------------
    def _counts_table(self, plan) -> QTableWidget:
        from svdesk.domain.merge_rules import kind_word

        rows = [(table, kinds) for table, kinds in plan.counts.items() if any(kinds.values())]
        table = QTableWidget(len(rows), 4)
        table.setHorizontalHeaderLabels(["Records", "New", "Changed", "Changed on both"])
        table.setAccessibleName("What would come across, by kind of record")
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # figures to read, not to pick
        for row, (name, kinds) in enumerate(rows):
            table.setItem(row, 0, _cell(kind_word(name, 2).capitalize()))
            for column, key in enumerate(("new", "changed", "conflicts"), start=1):
                cell = _cell(str(kinds.get(key, 0)))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, cell)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        height = header.height() + sum(table.rowHeight(r) for r in range(len(rows))) + 4
        table.setMaximumHeight(min(height, 220))
        return table

    # -- conflicts --------------------------------------------------------------------------------
    def _conflicts_section(self, plan):
        from PySide6.QtWidgets import QWidget

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        count = len(plan.conflicts)
        intro = QLabel(f"<b>{count} {'field was' if count == 1 else 'fields were'} changed on both laptops.</b> "
                       "Tick the value to keep in each row.")
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        column.addWidget(intro)
        table = QTableWidget(count, 4)
        table.setHorizontalHeaderLabels(["Record", "Field", f"On {plan.mine_name} (this copy)", f"On {plan.theirs_name}"])
        table.setAccessibleName("Fields changed on both laptops: tick the value to keep")
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        for row, conflict in enumerate(plan.conflicts):
            label = conflict.label or conflict.kind
            table.setItem(row, 0, _cell(label[:1].upper() + label[1:]))
            table.setItem(row, 1, _cell(conflict.field_label))
            table.setItem(row, MINE, _value_cell(conflict.mine))
            table.setItem(row, THEIRS, _value_cell(conflict.theirs))
        header = table.horizontalHeader()
        for column_number in range(4):
            header.setSectionResizeMode(column_number, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        table.itemChanged.connect(self._ticked)
        if count:  # the keyboard starts on the first choice; nothing looks chosen until ticked
            table.selectionModel().setCurrentIndex(table.model().index(0, MINE),
                                                   QItemSelectionModel.SelectionFlag.NoUpdate)
        self.conflicts = table
        column.addWidget(table, 1)

        shortcuts = QHBoxLayout()
        keep_mine = QPushButton("Keep all from &this copy")
        keep_theirs = QPushButton("Keep all from the &other copy")
        keep_mine.clicked.connect(lambda: self.choose_all("mine"))
        keep_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        shortcuts.addWidget(keep_mine)
        shortcuts.addWidget(keep_theirs)
        shortcuts.addStretch(1)
        self.undecided = QLabel()
        self.undecided.setAccessibleName("Choices left")
        shortcuts.addWidget(self.undecided)
        column.addLayout(shortcuts)
        return box

    def _ticked(self, item: QTableWidgetItem) -> None:
        if self._updating or item.column() not in (MINE, THEIRS):
            return
        if item.checkState() == Qt.CheckState.Checked:
            other = self.conflicts.item(item.row(), THEIRS if item.column() == MINE else MINE)
            self._updating = True
            try:
                other.setCheckState(Qt.CheckState.Unchecked)
            finally:
                self._updating = False
        self._update_ready()

    def choose(self, row: int, side: str) -> None:
        self.conflicts.item(row, MINE if side == "mine" else THEIRS).setCheckState(Qt.CheckState.Checked)

    def choose_all(self, side: str) -> None:
        for row in range(self.conflicts.rowCount()):
            self.choose(row, side)

    def choices(self) -> dict[str, str]:
        """conflict key -> "mine" | "theirs", for every row with a tick."""
        chosen: dict[str, str] = {}
        if self.conflicts is None:
            return chosen
        for row, conflict in enumerate(self.plan.conflicts):
            if self.conflicts.item(row, MINE).checkState() == Qt.CheckState.Checked:
                chosen[conflict.key] = "mine"
            elif self.conflicts.item(row, THEIRS).checkState() == Qt.CheckState.Checked:
                chosen[conflict.key] = "theirs"
        return chosen

    def _update_ready(self) -> None:
        left = len(self.plan.conflicts) - len(self.choices())
        self.bring_in.setEnabled(left == 0)
        if self.conflicts is not None:
            self.undecided.setText("Every field has a choice" if left == 0 else f"{left} still to choose")
