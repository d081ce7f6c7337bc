"""The CIC34 page's signing block: who signs (a director or the secretary), when, and when the
report was filed at Companies House (which ends the deadline reminders)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from svdesk.domain.cic34 import Office, Signatory
from svdesk.domain import dates
from svdesk.domain.dates import format_date, parse_user_date
from svdesk.domain.errors import ValidationError
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel
from svdesk.services import cic34 as cic34_services


class SigningBox(QGroupBox):
    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__("Signed", parent)
        self.ctx = ctx
        self.year = None
        self._shown: Signatory | None = None
        form = QFormLayout(self)
        self.sign_name = QLineEdit()
        self.sign_name.setMaxLength(200)
        self.sign_name.setPlaceholderText("e.g. Priya Bassi")
        self.sign_office = QComboBox()
        for office in Office:
            self.sign_office.addItem(office.label, office.value)
        self.sign_date = QLineEdit()
        self.sign_date.setPlaceholderText("e.g. 9 Dec 2026")
        self.sign_today = QPushButton("&Today")
        self.sign_today.setAccessibleName("Signed today")
        self.filed_date = QLineEdit()
        self.filed_date.setPlaceholderText("when you send it with the accounts")
        self.filed_today = QPushButton("Toda&y")
        self.filed_today.setAccessibleName("Filed today")

        def with_button(edit: QLineEdit, button: QPushButton) -> QWidget:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(edit)
            row.addWidget(button)
            row.addStretch()
            return holder

        rows = (("Na&me", self.sign_name, "Signed by: name", self.sign_name),
                ("O&ffice held", self.sign_office, "Signed by: office held", self.sign_office),
                ("D&ate signed", self.sign_date, "Date signed", with_button(self.sign_date, self.sign_today)),
                ("Filed at Companies &House", self.filed_date, "Date filed at Companies House",
                 with_button(self.filed_date, self.filed_today)))
        for label, widget, name, shown in rows:
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(name)
            form.addRow(caption, shown)
        self.sign_problems = ProblemLabel()
        form.addRow("", self.sign_problems)
        form.addRow("", HelpLabel("A director or the secretary signs the report. Enter the date when it is signed, "
                                  "and when you file it, so svdesk stops reminding you of the deadline."))
        for edit in (self.sign_name, self.sign_date, self.filed_date):
            edit.editingFinished.connect(self.save)
        self.sign_office.activated.connect(lambda _index: self.save())
        self.sign_today.clicked.connect(lambda: self.set_today(self.sign_date))
        self.filed_today.clicked.connect(lambda: self.set_today(self.filed_date))

    def show_signatory(self, year, signatory: Signatory) -> None:
        self.year = year
        self.sign_name.setText(signatory.name)
        self.sign_office.setCurrentIndex(self.sign_office.findData(signatory.office.value))
        self.sign_date.setText(format_date(signatory.signed_on) if signatory.signed_on else "")
        self.filed_date.setText(format_date(signatory.filed_on) if signatory.filed_on else "")
        read_only = self.ctx.workspace.read_only
        for widget in (self.sign_name, self.sign_date, self.filed_date):
            widget.setReadOnly(read_only)
        for widget in (self.sign_office, self.sign_today, self.filed_today):
            widget.setEnabled(not read_only)
        # As the boxes show it: leaving a box unchanged saves nothing (even a tidied name).
        self._shown = self._from_boxes()[0]

    def _from_boxes(self) -> tuple[Signatory | None, list[str]]:
        dates, problems = [], []
        for edit in (self.sign_date, self.filed_date):
            text = edit.text().strip()
            day = parse_user_date(text) if text else None
            if text and day is None:
                problems.append(f"“{text}” is not a date svdesk can read; write it like 9 Dec 2026.")
            dates.append(day)
        if problems:
            return None, problems
        return Signatory(self.year.end, self.sign_name.text(), Office(self.sign_office.currentData()), *dates), []

    def save(self) -> None:
        if self.year is None or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return
        signatory, problems = self._from_boxes()
        if problems:
            self.sign_problems.show_problems(problems)  # what was typed stays in its box
            return
        if signatory == self._shown:
            return
        try:
            saved = cic34_services.save_signatory(self.ctx.workspace, signatory)
        except ValidationError as error:
            self.sign_problems.show_problems(error.problems)
            return
        self._shown = signatory  # a refused one is tried again when a box is left
        self.sign_problems.show_problems([])
        if saved.signed_on:
            self.sign_date.setText(format_date(saved.signed_on))
        if saved.filed_on:
            self.filed_date.setText(format_date(saved.filed_on))
        self.changed.emit()

    def set_today(self, edit: QLineEdit) -> None:
        edit.setText(format_date(dates.today()))
        self.save()

    def focus(self) -> None:
        widget = self.sign_date if self.sign_name.text().strip() else self.sign_name
        widget.setFocus()
