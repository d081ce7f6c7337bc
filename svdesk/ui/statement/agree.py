""""Mark as agreed": when, by whom, and a note — with every problem shown before saying yes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date
from svdesk.domain.statement import (
    AGREED_BY_SUGGESTIONS, MAX_AGREED_BY, MAX_NOTE, Agreement, Statement, StatementVersion, agreement_problems,
)
from svdesk.domain.words import count_words
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def agreed_by_suggestion(workspace, today: dt.date) -> str:
    """Who most likely agrees the statement: the one director of a one-person CIC (named in
    the CIC34 records of the last two years), "Sole trader" for one; otherwise a board meeting."""
    from svdesk.domain.organisation import LegalForm

    org = workspace.organisation.get()
    if org.legal_form is LegalForm.SOLE_TRADER:
        return "Sole trader"
    if org.staff <= 1:
        names = set()
        for year in (today.year, today.year - 1, today.year + 1):
            year_end = org.year_end.in_year(year)
            names.update(pay.director.strip() for pay in workspace.cic34.pay(year_end) if pay.director.strip())
            signatory = workspace.cic34.signatory(year_end)
            if signatory.name.strip() and signatory.office.value == "director":
                names.add(signatory.name.strip())
        if len(names) == 1:
            return names.pop()
    return AGREED_BY_SUGGESTIONS[0]


class AgreeDialog(QDialog):
    """Asks for the agreement's details. ``agreement()`` gives what was entered; the OK button is
    only enabled when the draft can be agreed as it stands."""

    def __init__(self, statement: Statement, latest: StatementVersion | None, today: dt.date,
                 parent: QWidget | None = None, suggested_by: str = AGREED_BY_SUGGESTIONS[0]):
        super().__init__(parent)
        self.setWindowTitle("Mark the statement as agreed")
        self.setMinimumWidth(480)
        self._statement, self._latest, self._today = statement, latest, today
        layout = QVBoxLayout(self)
        number = (latest.number if latest else 0) + 1
        intro = (f"This records the current draft as version {number}: the version your tender answers, "
                 "CIC34 report and summaries will use from now on.")
        if latest is not None and latest.same_text(statement.full_text, statement.short_text):
            intro += (f" The text is the same as version {latest.number}; agreeing it again records that it "
                      "was confirmed.")
        layout.addWidget(HelpLabel(intro))

        form = QFormLayout()
        self.agreed_on = QDateEdit(_qdate(today))
        # "MMM" follows the widget's locale: English names like every other date, whatever the desktop.
        self.agreed_on.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.agreed_on.setDisplayFormat("d MMM yyyy")
        self.agreed_on.setCalendarPopup(True)
        self.agreed_on.setMaximumDate(_qdate(today))
        self.agreed_on.setAccessibleName("Date agreed")
        on_label = QLabel("&Date agreed")
        on_label.setBuddy(self.agreed_on)
        form.addRow(on_label, self.agreed_on)

        self.agreed_by = QComboBox()
        self.agreed_by.setEditable(True)
        if suggested_by not in AGREED_BY_SUGGESTIONS:
            self.agreed_by.addItem(suggested_by)
        self.agreed_by.addItems(AGREED_BY_SUGGESTIONS)
        self.agreed_by.setCurrentText(latest.agreed_by if latest else suggested_by)
        self.agreed_by.lineEdit().setMaxLength(MAX_AGREED_BY)
        self.agreed_by.setAccessibleName("Agreed by")
        by_label = QLabel("Agreed &by")
        by_label.setBuddy(self.agreed_by)
        form.addRow(by_label, self.agreed_by)
        form.addRow("", HelpLabel("Who said yes — for example “Board meeting” or “All staff”."))

        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText("Optional — e.g. minute 4.2, or what changed and why")
        self.note.setAccessibleName("Note")
        note_label = QLabel("&Note")
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        layout.addLayout(form)

        words = count_words(statement.full_text)
        short_words = count_words(statement.short_text)
        self.summary = HelpLabel(f"Statement: {words} word{'s' if words != 1 else ''}. "
                                 f"One-sentence version: {short_words} of 30 words.")
        layout.addWidget(self.summary)
        self.problems = ProblemLabel()
        layout.addWidget(self.problems)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mark as agreed")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.agreed_on.dateChanged.connect(self._check)
        self.agreed_by.currentTextChanged.connect(self._check)
        self.note.textChanged.connect(self._check)
        self._check()

    def agreement(self) -> Agreement:
        day = self.agreed_on.date()
        return Agreement(dt.date(day.year(), day.month(), day.day()), self.agreed_by.currentText(), self.note.text())

    def problems_now(self) -> list[str]:
        return agreement_problems(self._statement, self.agreement(), self._latest, self._today)

    def _check(self) -> None:
        problems = self.problems_now()
        self.problems.show_problems(problems)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def accept(self) -> None:  # noqa: D102 - Qt's name
        if self.problems_now():
            return
        super().accept()


def latest_label(latest: StatementVersion | None) -> str:
    if latest is None:
        return "Not agreed yet"
    return f"Version {latest.number}, agreed {format_date(latest.agreed_on)} by {latest.agreed_by}"
