"""The tender's details: buyer, contract, deadline, weighting, word limit, the question as pasted,
the outcomes the buyer asks about, status, score and feedback. Every field saves when you leave it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.partial import valid_changes
from svdesk.domain.tenders import (
    Tender, TenderStatus, format_percent, format_pounds, parse_percent, parse_pounds,
)
from svdesk.ui.common.page_base import scrolling
from svdesk.ui.common.tag_picker import TagPicker
from svdesk.ui.tenders.form import DateEdit, add_row, new_form
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, SavingTextEdit
from svdesk.services import tenders as tender_services
from svdesk.services.attachments import Owner, tags_of


class TenderDetails(QWidget):
    saved = Signal()
    # The person chose another status: the page decides (sending an answer freezes it).
    status_chosen = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tender: Tender | None = None
        self._shown: Tender | None = None
        self._loading = False
        body = QWidget()
        outer = QVBoxLayout(body)
        form = new_form()
        outer.addLayout(form)

        self.buyer = QLineEdit()
        self.buyer.setMaxLength(300)
        add_row(form, "&Buyer", self.buyer, "Who is buying — e.g. Birmingham City Council.")
        self.title = QLineEdit()
        self.title.setMaxLength(300)
        add_row(form, "Contract &title", self.title, "As the tender documents name it, with the lot if there is one.")
        self.reference = QLineEdit()
        self.reference.setMaxLength(300)
        add_row(form, "&Reference", self.reference, "The buyer's reference, e.g. BCC-2026-0412.")

        deadline = QWidget()
        row = QHBoxLayout(deadline)
        row.setContentsMargins(0, 0, 0, 0)
        self.deadline = DateEdit()
        self.deadline.setAccessibleName("Deadline date")
        self.deadline_time = QLineEdit()
        self.deadline_time.setPlaceholderText("12:00")
        self.deadline_time.setMaxLength(5)
        self.deadline_time.setFixedWidth(70)
        self.deadline_time.setAccessibleName("Deadline time")
        at = QLabel("at")
        row.addWidget(self.deadline, 1)
        row.addWidget(at)
        row.addWidget(self.deadline_time)
        add_row(form, "&Deadline", deadline, "When the answer must be in; portals close on the minute.",
                buddy=self.deadline)

        self.value = QLineEdit()
        self.value.setPlaceholderText("e.g. £180,000")
        self.value.setMaxLength(30)
        add_row(form, "Contract &value", self.value, "The whole contract's value, if the tender states it.")
        contract = QWidget()
        row = QHBoxLayout(contract)
        row.setContentsMargins(0, 0, 0, 0)
        self.months = QSpinBox()
        self.months.setRange(0, 600)
        self.months.setSpecialValueText("Not set")
        self.months.setSuffix(" months")
        self.months.setAccessibleName("Contract length in months")
        self.start = DateEdit()
        self.start.setAccessibleName("Contract start date")
        starts = QLabel("&starting")
        starts.setBuddy(self.start)
        row.addWidget(self.months)
        row.addWidget(starts)
        row.addWidget(self.start, 1)
        add_row(form, "Contract &length", contract,
                "How long the contract runs and when it starts: promises are tracked from the start date.",
                buddy=self.months)
        self.weighting = QLineEdit()
        self.weighting.setPlaceholderText("e.g. 20 %")
        self.weighting.setMaxLength(10)
        add_row(form, "Social value &weighting", self.weighting, "The share of the total score for social value.")
        self.word_limit = QSpinBox()
        self.word_limit.setRange(0, 100000)
        self.word_limit.setSingleStep(50)
        self.word_limit.setSpecialValueText("No limit")
        self.word_limit.setSuffix(" words")
        add_row(form, "Word l&imit", self.word_limit, "The drafted answer never goes over it.")

        self.question = SavingTextEdit()
        self.question.setMinimumHeight(120)
        self.question.setPlaceholderText("Paste the buyer's social value question here, exactly as written.")
        add_row(form, "The &question", self.question,
                "Keep it word for word: the answer follows what the question asks for.")
        self.outcomes = TagPicker()
        self.outcomes.setMinimumHeight(200)
        add_row(form, "&Outcomes asked about", self.outcomes,
                "Tick the outcomes the buyer's framework names (e.g. PPN 002 or the council's charter); the answer "
                "says which of them you contribute to.", buddy=self.outcomes.tree)
        self.local = SavingTextEdit()
        self.local.setFixedHeight(70)
        self.local.setPlaceholderText("e.g. Small Heath has one of the highest rates of youth unemployment in the city.")
        add_row(form, "Why it matters &here", self.local,
                "A sentence or two about this area or this buyer's aims; it follows your statement in the answer.")

        self.status = QComboBox()
        for status in TenderStatus:
            self.status.addItem(status.label, status.value)
        add_row(form, "&Status", self.status,
                "Marking it submitted keeps the exact answer you sent; won turns its commitments into targets.")
        self.score = QLineEdit()
        self.score.setMaxLength(300)
        self.score.setPlaceholderText("e.g. 16 out of 20 for social value")
        add_row(form, "S&core", self.score, "What the buyer gave you, once you know.")
        self.feedback = SavingTextEdit()
        self.feedback.setFixedHeight(70)
        add_row(form, "&Feedback", self.feedback, "The evaluators' comments: they make the next answer better.")
        self.notes = SavingTextEdit()
        self.notes.setFixedHeight(60)
        add_row(form, "&Notes", self.notes, "Anything else for your team (not part of the answer).")

        self.problems = ProblemLabel()
        outer.addWidget(self.problems)
        outer.addWidget(HelpLabel("Every change is saved as you leave the field."))
        outer.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(body))

        for line in (self.buyer, self.title, self.reference, self.deadline, self.deadline_time, self.value,
                     self.start, self.weighting, self.score):
            line.editingFinished.connect(self.save)
        for box in (self.question, self.local, self.feedback, self.notes):
            box.editingFinished.connect(self.save)
        self.months.editingFinished.connect(self.save)
        self.word_limit.editingFinished.connect(self.save)
        self.outcomes.tags_changed.connect(self._tags_changed)
        self.status.activated.connect(self._status_activated)

    # -- file -> widgets --------------------------------------------------------------------------
    def load(self, tender: Tender) -> None:
        self.tender = tender
        self._loading = True
        try:
            self.buyer.setText(tender.buyer)
            self.title.setText(tender.title)
            self.reference.setText(tender.reference)
            self.deadline.set_date(tender.deadline)
            self.deadline_time.setText(tender.deadline_time)
            self.value.setText(format_pounds(tender.contract_value_pence))
            self.months.setValue(tender.contract_months or 0)
            self.start.set_date(tender.contract_start)
            self.weighting.setText(format_percent(tender.sv_weighting))
            self.word_limit.setValue(tender.word_limit or 0)
            self.question.set_text_quietly(tender.question)
            self.local.set_text_quietly(tender.local_context)
            self.status.setCurrentIndex(self.status.findData(tender.status.value))
            self.score.setText(tender.score)
            self.feedback.set_text_quietly(tender.feedback)
            self.notes.set_text_quietly(tender.notes)
            workspace = self.ctx.workspace
            self.outcomes.set_frameworks(workspace.frameworks.all(), tags_of(workspace, Owner.TENDER, tender.id))
        finally:
            self._loading = False
        # The tender as the boxes show it: leaving a box unchanged saves nothing, even when the
        # boxes tidied the stored text (line endings, spaces at the ends) as they showed it.
        self._shown = self._from_widgets()[0]
        self.problems.show_problems([])
        read_only = workspace.read_only
        for widget in (self.buyer, self.title, self.reference, self.deadline, self.deadline_time, self.value,
                       self.start, self.weighting, self.score, self.question, self.local, self.feedback, self.notes):
            widget.setReadOnly(read_only)
        for widget in (self.months, self.word_limit, self.status, self.outcomes):
            widget.setEnabled(not read_only)

    # -- widgets -> file --------------------------------------------------------------------------
    def _from_widgets(self) -> tuple[Tender, list[str], set[str]]:
        """The tender as the boxes show it, the problems of boxes that cannot be read, and
        which boxes those are (they keep their stored value, so the rest can still be saved)."""
        problems: list[str] = []
        unreadable: set[str] = set()

        def read(name, parse, text):
            try:
                return parse(text)
            except ValidationError as error:
                problems.extend(error.problems)
            except ValueError as error:
                problems.append(str(error))
            unreadable.add(name)
            return getattr(self.tender, name)

        deadline = read("deadline", lambda _: self.deadline.date(), None)
        start = read("contract_start", lambda _: self.start.date(), None)
        value = read("contract_value_pence", parse_pounds, self.value.text())
        weighting = read("sv_weighting", parse_percent, self.weighting.text())
        return replace(
            self.tender, buyer=self.buyer.text().strip(), title=self.title.text().strip(),
            reference=self.reference.text().strip(), deadline=deadline, deadline_time=self.deadline_time.text().strip(),
            contract_value_pence=value, contract_months=self.months.value() or None, contract_start=start,
            sv_weighting=weighting, word_limit=self.word_limit.value() or None, question=self.question.toPlainText(),
            local_context=self.local.toPlainText(), score=self.score.text().strip(),
            feedback=self.feedback.toPlainText(), notes=self.notes.toPlainText(),
        ), problems, unreadable

    def save(self) -> None:
        if self._loading or self.tender is None or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return
        candidate, problems, unreadable = self._from_widgets()
        if not problems and candidate == self._shown:
            return
        try:
            try:
                saved = tender_services.save_tender(self.ctx.workspace, candidate)
                self._shown = candidate  # a refused tender is tried again when a box is left
            except ValidationError as error:
                # What was typed stays in its box; it is saved as soon as it can be read. Every
                # other box is saved now, so a mistyped date does not hold back the notes.
                problems += error.problems
                saved = tender_services.save_tender(
                    self.ctx.workspace, valid_changes(self.tender, candidate, Tender.problems))
        except ValidationError as error:
            self.problems.show_problems(problems or error.problems)
            return
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return
        self.problems.show_problems(problems)
        changed = saved != self.tender
        self.tender = saved
        self._loading = True
        try:
            if "deadline" not in unreadable:
                self.deadline.set_date(saved.deadline)
            if "contract_start" not in unreadable:
                self.start.set_date(saved.contract_start)
            if "contract_value_pence" not in unreadable:
                self.value.setText(format_pounds(saved.contract_value_pence))
            if "sv_weighting" not in unreadable:
                self.weighting.setText(format_percent(saved.sv_weighting))
        finally:
            self._loading = False
        if changed:
            self.saved.emit()

    def _tags_changed(self, tags: list) -> None:
        if self._loading or self.tender is None or self.ctx.workspace.read_only:
            return
        try:
            tender_services.set_tender_tags(self.ctx.workspace, self.tender.id, list(tags))
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return
        self.saved.emit()

    def _status_activated(self, index: int) -> None:
        if self._loading or self.tender is None:
            return
        status = TenderStatus(self.status.itemData(index))
        # Shown back as it is stored until the page has done (or refused) the change.
        self._loading = True
        self.status.setCurrentIndex(self.status.findData(self.tender.status.value))
        self._loading = False
        if status is not self.tender.status:
            self.status_chosen.emit(status)

    def finish_editing(self) -> None:
        for box in (self.question, self.local, self.feedback, self.notes):
            box.finish()
