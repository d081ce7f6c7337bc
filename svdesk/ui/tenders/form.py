"""Small pieces the tender tabs share: labelled form rows, date and number boxes that keep what
was typed when it cannot be read, and an undo bar for deletions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date, parse_user_date
from svdesk.ui.common.widgets import HelpLabel


def add_row(form: QFormLayout, label: str, field: QWidget, help_text: str = "", buddy: QWidget | None = None) -> None:
    """A label (with its mnemonic and buddy), the field, and one line of help under it."""
    caption = QLabel(label)
    target = buddy or field
    caption.setBuddy(target)
    if not target.accessibleName():
        target.setAccessibleName(label.replace("&", ""))
    if help_text:
        target.setAccessibleDescription(help_text)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 2)
    column.setSpacing(1)
    column.addWidget(field)
    if help_text:
        column.addWidget(HelpLabel(help_text))
    form.addRow(caption, holder)


def name_inner_buttons(widget: QWidget) -> None:
    """Gives Qt's own unnamed buttons (a table's corner button, a filter box's clear button) a
    name a screen reader can read."""
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QTableView

    for button in widget.findChildren(QAbstractButton):
        if button.text() or button.accessibleName() or button.toolTip():
            continue
        if isinstance(button.parent(), QTableView):
            button.setAccessibleName("Select every row")
        elif isinstance(button.parent(), QLineEdit):
            button.setAccessibleName("Clear the text")


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return form


class DateEdit(QLineEdit):
    """A date typed the British way (27/11/2026, 27 Nov 2026, 2026-11-27); empty means none.
    ``date()`` raises ValueError with a plain sentence when the text cannot be read."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("e.g. 27 Nov 2026")
        self.setMaxLength(40)

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_date(value) if value else "")

    def date(self) -> dt.date | None:
        text = self.text().strip()
        if not text:
            return None
        value = parse_user_date(text)
        if value is None:
            raise ValueError(f"“{text}” is not a date; write it like 27 Nov 2026 or 27/11/2026.")
        return value


class UndoBar(QWidget):
    """'Tender deleted. [Undo]' — shown after a deletion until dismissed or replaced."""

    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setAccessibleDescription("Last change")
        self.undo = QPushButton("&Undo")
        self.undo.setAccessibleName("Undo the deletion")
        self.close_button = QPushButton("Dismiss")
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo)
        layout.addWidget(self.close_button)
        self.setStyleSheet("UndoBar { background: #fff6dd; border: 1px solid #e8d49a; border-radius: 4px; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._action = None
        self.undo.clicked.connect(self._undo)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, text: str, action) -> None:
        self.label.setText(text)
        self._action = action
        self.show()

    def _undo(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()
        self.undo_requested.emit()
