"""The sentences svdesk drafts the CIC34 report with, each visible and (where the form allows)
editable: marked when not confirmed from the law, for every year or for the chosen year only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from svdesk.domain.cic34_wording import Source, WordingValue
from svdesk.domain.errors import ValidationError
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, SavingTextEdit
from svdesk.ui.common.colours import ACCENT, QUIET, WARNING, themed
from svdesk.services import cic34 as cic34_services

EVERY_YEAR, THIS_YEAR = 0, 1


class WordingRow(QFrame):
    changed = Signal()

    def __init__(self, ctx, value: WordingValue, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.key = value.key
        self.year = None
        self.value = value
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.label = QLabel(f"<b>{value.default.label}</b>")
        top.addWidget(self.label)
        self.badge = QLabel()
        self.badge.setAccessibleDescription(f"{value.default.label}: status")
        top.addWidget(self.badge)
        top.addStretch()
        layout.addLayout(top)
        layout.addWidget(HelpLabel(value.default.why))
        self.edit = SavingTextEdit()
        self.edit.setAccessibleName(value.default.label)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 14)
        layout.addWidget(self.edit)
        self.problems = ProblemLabel()
        layout.addWidget(self.problems)
        row = QHBoxLayout()
        self.scope_label = QLabel("Use it for")
        self.scope = QComboBox()
        self.scope.setAccessibleName(f"{value.default.label}: use it for")
        self.scope_label.setBuddy(self.scope)
        # Seven boxes on the tab say "Use it for": a reader hears which wording each is for.
        self.scope_label.setAccessibleName(f"{value.default.label}: use it for")
        self.default_button = QPushButton("Use the default")
        self.confirm_button = QPushButton("This wording is right for us")
        self.confirm_button.setToolTip("Keeps this sentence as it is and stops marking it (check).")
        row.addWidget(self.scope_label)
        row.addWidget(self.scope)
        row.addWidget(self.default_button)
        row.addWidget(self.confirm_button)
        row.addStretch()
        layout.addLayout(row)
        self.edit.editingFinished.connect(self.save)
        self.scope.activated.connect(lambda _index: self.save(force=True))
        self.default_button.clicked.connect(self.use_default)
        self.confirm_button.clicked.connect(self.confirm)

    def show_value(self, year, value: WordingValue) -> None:
        self.year, self.value = year, value
        default = value.default
        self.edit.set_text_quietly(value.text)
        editable = default.editable and not self.ctx.workspace.read_only
        self.edit.setReadOnly(not editable)
        # A sentence that cannot be changed should not look like a box to type in.
        self.edit.setStyleSheet("" if editable else "QPlainTextEdit { background: palette(window); }")
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItems(["every year", f"{year.label} only"])
        self.scope.setCurrentIndex(THIS_YEAR if value.source is Source.YEAR else EVERY_YEAR)
        self.scope.blockSignals(False)
        for widget in (self.scope, self.scope_label, self.default_button):
            widget.setVisible(default.editable)
        self.scope.setEnabled(editable)
        self.default_button.setEnabled(editable and value.source is not Source.DEFAULT)
        self.confirm_button.setVisible(editable and value.needs_checking)
        if not default.editable:
            badge, colour = "Required by the form, as written", ACCENT
        elif value.source is Source.DEFAULT and default.check:
            badge, colour = "(check) Suggested wording, not confirmed from the law", WARNING
        elif value.source is Source.DEFAULT:
            badge, colour = "Default wording", QUIET
        elif value.source is Source.YEAR:
            badge, colour = f"Your wording for {year.label}", ACCENT
        else:
            badge, colour = "Your wording for every year", ACCENT
        self.badge.setText(badge)
        self.badge.setStyleSheet(f"color: {themed(colour)};")

    def save(self, force: bool = False) -> None:
        if self.year is None or not self.value.default.editable or self.ctx.workspace.read_only:
            return
        text = self.edit.toPlainText()
        same = " ".join(text.split()) == " ".join(self.value.text.split())
        try:
            if self.scope.currentIndex() == THIS_YEAR:
                if self.value.source is not Source.YEAR or not same:
                    cic34_services.set_wording(self.ctx.workspace, self.key, text, self.year.end)
                else:
                    return
            elif self.value.source is Source.YEAR:  # from "this year only" to every year
                cic34_services.set_wording_every_year(self.ctx.workspace, self.key, text, self.year.end)
            elif not same:
                cic34_services.set_wording(self.ctx.workspace, self.key, text)
            else:
                return
        except ValidationError as error:
            self.problems.show_problems(error.problems)
            return
        self.problems.show_problems([])
        self.changed.emit()

    def confirm(self) -> None:
        """The default reads right for us: make it the organisation's own (no longer marked)."""
        try:
            cic34_services.set_wording(self.ctx.workspace, self.key, self.value.default.text)
        except ValidationError as error:
            self.problems.show_problems(error.problems)
            return
        self.changed.emit()

    def use_default(self) -> None:
        cic34_services.use_default_wording(self.ctx.workspace, self.key,
                                           self.year.end if self.value.source is Source.YEAR else None)
        self.problems.show_problems([])
        self.changed.emit()

    def finish(self) -> None:
        self.edit.finish()


class WordingPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: dict[str, WordingRow] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(HelpLabel(
            "The sentences svdesk drafts your report with. Those marked (check) come from guidance but were not "
            "confirmed from the law: read them, and change any that do not fit — for every year, or for the "
            "chosen year only. A part you edited keeps your own text whatever you change here."))
        self.box = QVBoxLayout()
        layout.addLayout(self.box)
        layout.addStretch()

    def set_year(self, year) -> None:
        values = self.ctx.workspace.cic34.wording(year.end)
        for key, value in values.items():
            row = self.rows.get(key)
            if row is None:
                row = WordingRow(self.ctx, value)
                row.changed.connect(self.changed.emit)
                self.rows[key] = row
                self.box.addWidget(row)
            row.show_value(year, value)

    def finish(self) -> None:
        for row in self.rows.values():
            row.finish()
