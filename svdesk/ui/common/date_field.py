"""A date box that reads what British users type (3/3/2026, 3 Mar 2026, 2026-03-03) and may be
left empty — which QDateEdit cannot do."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from svdesk.domain.dates import format_date, parse_user_date


class DateField(QLineEdit):
    """Emits ``date_edited(date | None)`` when the person leaves the box with a readable date (or
    an empty box); an unreadable one sets ``problem`` and keeps the typed text."""

    date_edited = Signal(object)
    validity_changed = Signal(str)  # the problem ("" when the text is fine but unchanged)

    def __init__(self, parent: QWidget | None = None, optional: bool = True):
        super().__init__(parent)
        self.optional = optional
        self.problem = ""
        self._date: dt.date | None = None
        self.setPlaceholderText("e.g. 3 Mar 2026" + (" (optional)" if optional else ""))
        self.setMaxLength(40)
        self.setMaximumWidth(200)
        self.editingFinished.connect(self._finished)

    def set_date(self, value: dt.date | None) -> None:
        self._date = value
        self.problem = ""
        self.setText(format_date(value) if value else "")

    def date(self) -> dt.date | None:
        return self._date

    def _finished(self) -> None:
        text = self.text().strip()
        value = parse_user_date(text) if text else None
        if text and (value is None or not 1900 <= value.year <= 2100):
            self.problem = f"“{text}” is not a date svdesk can read; write it like 3 Mar 2026 or 3/3/2026."
        elif not text and not self.optional:
            self.problem = "A date is needed here."
        else:
            self.problem = ""
            self.setText(format_date(value) if value else "")
            if value != self._date:
                self._date = value
                self.date_edited.emit(value)
                return
        self.validity_changed.emit(self.problem)
