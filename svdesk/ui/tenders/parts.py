"""The question, part by part, beside the answer: each part the evaluator scores with its kind and
coverage (covered, thin or missing, and why); the person can change a part's kind, merge it with
the next or split it, and fill a gap in place — a commitment as one row, a line of local context,
a value per unit, or a commitment marked over and above — without leaving the Answer tab."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.ui.common.colours import QUIET, themed
from svdesk.ui.tenders.parts_model import PartsModel
from svdesk.services import tenders as tender_services

FILL_BUTTONS = {"commitment": "&Add a commitment for this part", "local": "&Add a line about the area",
                "value": "&Give a commitment a value", "additional": "&Mark a commitment as over and above"}


class QuestionPartsPanel(QWidget):
    records_changed = Signal()   # a gap was filled: the draft may change
    parts_changed = Signal()     # the person changed the parts

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tender = None
        self.question = None
        self.plan = None
        self.caption = QLabel("The question, part by part")
        bold = self.caption.font()
        bold.setBold(True)
        self.caption.setFont(bold)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.model = PartsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Parts of the question")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of this part")
        self.merge_button = QPushButton("&Merge with next")
        self.split_button = QPushButton("Sp&lit…")
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setAccessibleDescription("What the records hold for this part")
        self.fill_button = QPushButton()
        self.fill_button.setAccessibleName("Fill the gap in this part")
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleDescription("Earlier feedback from this buyer")
        self.feedback.setStyleSheet(f"color: {themed(QUIET)};")

        # Fill a gap: the forms appear under the part that needs them.
        self.commitment_form = QWidget()
        form = QFormLayout(self.commitment_form)
        form.setContentsMargins(0, 0, 0, 0)
        self.new_promise, self.new_number, self.new_unit = QLineEdit(), QLineEdit(), QLineEdit()
        self.new_for_whom, self.new_by_when, self.new_reported = QLineEdit(), QLineEdit(), QLineEdit()
        for label, field, hint in (("What", self.new_promise, "e.g. Paid work placements"),
                                   ("How many", self.new_number, "over the contract, e.g. 36"),
                                   ("Counted in", self.new_unit, "e.g. placements"),
                                   ("For whom", self.new_for_whom, "e.g. young people aged 16–24 in Walsall"),
                                   ("By when", self.new_by_when, "e.g. 31/3/2028"),
                                   ("How reported", self.new_reported, "what you will count and report")):
            field.setPlaceholderText(hint)
            field.setAccessibleName(label)
            form.addRow(label, field)
        self.add_commitment_button = QPushButton("Add the commitment")
        form.addRow("", self.add_commitment_button)
        self.local_form = QWidget()
        local = QHBoxLayout(self.local_form)
        local.setContentsMargins(0, 0, 0, 0)
        self.local_line = QLineEdit()
        self.local_line.setAccessibleName("A line about the area")
        self.local_line.setPlaceholderText("Why it matters in this area, e.g. youth unemployment here is twice the "
                                           "national rate (source).")
        self.add_local_button = QPushButton("Add")
        local.addWidget(self.local_line, 1)
        local.addWidget(self.add_local_button)
        self.value_form = QWidget()
        value = QFormLayout(self.value_form)
        value.setContentsMargins(0, 0, 0, 0)
        self.value_commitment = QComboBox()
        self.value_amount, self.value_basis = QLineEdit(), QLineEdit()
        self.value_amount.setPlaceholderText("e.g. £12.50")
        self.value_basis.setPlaceholderText("where the value comes from, e.g. the buyer's rate for a volunteer hour")
        self.value_commitment.setAccessibleName("Commitment to give a value")
        self.value_amount.setAccessibleName("Value of one")
        self.value_basis.setAccessibleName("Basis of the value")
        value.addRow("Commitment", self.value_commitment)
        value.addRow("Value of one", self.value_amount)
        value.addRow("Basis", self.value_basis)
        self.save_value_button = QPushButton("Save the value")
        value.addRow("", self.save_value_button)
        for widget in (self.commitment_form, self.local_form, self.value_form):
            widget.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.facts)
        layout.addWidget(self.table, 1)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Kind:"))
        controls.addWidget(self.kind, 1)
        controls.addWidget(self.merge_button)
        controls.addWidget(self.split_button)
        layout.addLayout(controls)
        layout.addWidget(self.reason)
        layout.addWidget(self.fill_button)
        for widget in (self.commitment_form, self.local_form, self.value_form, self.feedback):
            layout.addWidget(widget)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.kind.activated.connect(self._kind_chosen)
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button.clicked.connect(self.split_selected)
        self.fill_button.clicked.connect(self.fill_selected)
        self.add_commitment_button.clicked.connect(self.add_commitment)
        self.add_local_button.clicked.connect(self.add_local_line)
        self.local_line.returnPressed.connect(self.add_local_line)
        self.save_value_button.clicked.connect(self.save_value)

    def fill_from_question(self, tender):
        """Fills the word limit and weighting the question states when the tender has none yet
        (the person can correct them on the Details tab); returns the tender, changed or not."""
        from svdesk.compose.question_kinds import parse

        if self.ctx.workspace.read_only or (tender.word_limit is not None and tender.sv_weighting is not None):
            return tender
        facts = parse(tender.question).facts
        changes = {}
        if tender.word_limit is None and facts.word_limit and 20 <= facts.word_limit <= 100000:
            changes["word_limit"] = facts.word_limit
        if tender.sv_weighting is None and facts.weighting is not None:
            changes["sv_weighting"] = facts.weighting
        if not changes:
            return tender
        try:
            return tender_services.update_tender(self.ctx.workspace, tender.id, **changes)
        except (ValidationError, SvdeskError):
            return tender

    # -- showing ------------------------------------------------------------------------------------
    def load(self, tender, read_only: bool = False) -> None:
        from svdesk.compose.question_kinds import earlier_feedback, question_of, vocabulary
        from svdesk.compose.tender import plan_for

        self.tender = tender
        row = max(0, self.table.currentIndex().row())
        self.question = question_of(tender)
        try:
            self.plan = plan_for(self.ctx.workspace, tender)
        except SvdeskError:
            self.plan = None
        vocab = vocabulary()
        labels = {kind.key: kind.label for kind in vocab.kinds}
        if self.kind.count() != len(vocab.kinds):
            self.kind.clear()
            for kind in vocab.kinds:
                self.kind.addItem(kind.label, kind.key)
        self.model.set_plan(self.question.parts, self.plan.coverage if self.plan else (), labels)
        facts = self.question.facts
        said = [f"the question says {facts.word_limit:,} words" if facts.word_limit else "",
                f"page limit {facts.page_limit}" if facts.page_limit else "",
                f"weighting {facts.weighting:g} %" if facts.weighting is not None else ""]
        said = [s for s in said if s]
        if not self.question.parts:
            self.facts.setText("Paste the buyer's question on the Details tab: svdesk finds its parts and drafts the "
                               "answer part by part. Without parts, the draft follows the usual evaluator order.")
        else:
            self.facts.setText(f"{len(self.question.parts)} parts" + (f" — {'; '.join(said)}." if said else "."))
        feedback = earlier_feedback(self.ctx.workspace, tender)
        self.feedback.setText("Earlier feedback from this buyer:\n• " + "\n• ".join(feedback) if feedback else "")
        self.feedback.setVisible(bool(feedback))
        for widget in (self.kind, self.merge_button, self.split_button, self.fill_button):
            widget.setEnabled(not read_only)
        self.table.setVisible(bool(self.question.parts))
        if self.question.parts:
            self.table.selectRow(min(row, len(self.question.parts) - 1))
        self._show_selected()

    def selected(self) -> int | None:
        row = self.table.currentIndex().row()
        return row if self.question and 0 <= row < len(self.question.parts) else None

    def _show_selected(self) -> None:
        index = self.selected()
        has = index is not None
        for widget in (self.kind, self.merge_button, self.split_button):
            widget.setVisible(has)
        self.merge_button.setEnabled(has and index < len(self.question.parts) - 1)
        coverage = self.plan.coverage[index] if has and self.plan and index < len(self.plan.coverage) else None
        if has:
            self.kind.setCurrentIndex(max(0, self.kind.findData(self.question.parts[index].kind)))
        self.reason.setText(f"{coverage.status.capitalize()}: {coverage.reason}" if coverage else "")
        fill = coverage.fill if coverage and coverage.status != "covered" else ""
        self.fill_button.setText(FILL_BUTTONS.get(fill, ""))
        self.fill_button.setVisible(fill in FILL_BUTTONS)
        for widget in (self.commitment_form, self.local_form, self.value_form):
            widget.hide()

    # -- the person's corrections ----------------------------------------------------------------------
    def _save(self, question) -> None:
        self.tender = tender_services.save_question_parts(self.ctx.workspace, self.tender, question)
        self.load(self.tender)
        self.parts_changed.emit()

    def _kind_chosen(self) -> None:
        from svdesk.domain.tender_question import with_kind

        index = self.selected()
        kind = self.kind.currentData()
        if index is not None and kind and kind != self.question.parts[index].kind:
            self._save(with_kind(self.question, index, kind))

    def merge_selected(self) -> None:
        from svdesk.domain.tender_question import merged

        index = self.selected()
        if index is not None and index < len(self.question.parts) - 1:
            self._save(merged(self.question, index))

    def split_selected(self) -> None:
        from svdesk.compose.question_kinds import vocabulary
        from svdesk.domain.tender_question import split

        index = self.selected()
        if index is None:
            return
        text = self.question.parts[index].text
        words = self.ctx.dialogs.ask_text(self, "Split this part", "Copy the words the second part starts with:\n\n"
                                          + text)
        if not words or not words.strip():
            return
        position = text.find(words.strip())
        at_word = len(text[:position].split()) if position > 0 else 0
        if at_word <= 0:
            self.ctx.dialogs.error(self, "Not split", "Those words are not in the part after its first word: copy "
                                                      "them exactly as they appear.")
            return
        self._save(split(self.question, index, at_word, vocabulary()))

    # -- filling a gap ------------------------------------------------------------------------------------
    def fill_selected(self) -> None:
        index = self.selected()
        if index is None or not self.plan:
            return
        fill = self.plan.coverage[index].fill
        if fill == "commitment":
            self.commitment_form.show()
            self.new_promise.setFocus()
        elif fill == "local":
            self.local_form.show()
            self.local_line.setFocus()
        elif fill == "value":
            self._fill_commitment_choice(self.value_commitment)
            self.value_form.show()
        elif fill == "additional":
            self.mark_additional()

    def _commitments(self):
        return self.ctx.workspace.tenders.commitments(self.tender.id)

    def _fill_commitment_choice(self, combo: QComboBox) -> None:
        combo.clear()
        for commitment in self._commitments():
            combo.addItem(commitment.name, commitment.id)

    def add_commitment(self) -> None:
        from svdesk.domain.dates import parse_user_date
        from svdesk.domain.tenders import parse_number

        try:
            by_when = parse_user_date(self.new_by_when.text()) if self.new_by_when.text().strip() else None
            tender_services.add_commitment(
                self.ctx.workspace, self.tender.id, promise=self.new_promise.text().strip(),
                over_contract=parse_number(self.new_number.text()),
                unit=self.new_unit.text().strip(), for_whom=self.new_for_whom.text().strip(), by_when=by_when,
                kpis=self.new_reported.text().strip())
        except (ValidationError, SvdeskError, ValueError) as error:
            problems = getattr(error, "problems", None) or [str(error)]
            self.ctx.dialogs.error(self, "Commitment not added", " ".join(problems))
            return
        for field in (self.new_promise, self.new_number, self.new_unit, self.new_for_whom, self.new_by_when,
                      self.new_reported):
            field.clear()
        self._changed()

    def add_local_line(self) -> None:
        line = " ".join(self.local_line.text().split())
        if not line:
            return
        context = self.tender.local_context.rstrip()
        try:
            tender_services.update_tender(self.ctx.workspace, self.tender.id,
                                          local_context=f"{context}\n{line}".strip())
        except (ValidationError, SvdeskError) as error:
            self.ctx.dialogs.error(self, "Not added", " ".join(getattr(error, "problems", None) or [str(error)]))
            return
        self.local_line.clear()
        self._changed()

    def save_value(self) -> None:
        from svdesk.domain.tenders import parse_pounds

        commitment_id = self.value_commitment.currentData()
        if not commitment_id:
            return
        repo = self.ctx.workspace.tenders
        try:
            pence = parse_pounds(self.value_amount.text())
            tender_services.save_commitment(self.ctx.workspace, replace(
                repo.get_commitment(commitment_id), value_per_unit_pence=pence,
                value_basis=self.value_basis.text().strip()))
        except (ValidationError, SvdeskError) as error:
            self.ctx.dialogs.error(self, "Value not saved", " ".join(getattr(error, "problems", None) or [str(error)]))
            return
        self.value_amount.clear()
        self.value_basis.clear()
        self._changed()

    def mark_additional(self) -> None:
        commitments = self._commitments()
        if not commitments:
            self.ctx.dialogs.error(self, "No commitments yet", "Add a commitment first, then mark it as over and above "
                                                               "the core contract.")
            return
        choice = self.ctx.dialogs.choose(self, "Over and above the core contract",
                                         "Which commitment is over and above what the contract requires?",
                                         [c.name for c in commitments])
        if choice is None:
            return
        try:
            tender_services.save_commitment(self.ctx.workspace, replace(commitments[choice], additional=True))
        except (ValidationError, SvdeskError) as error:
            self.ctx.dialogs.error(self, "Not marked", " ".join(getattr(error, "problems", None) or [str(error)]))
            return
        self._changed()

    def _changed(self) -> None:
        self.tender = self.ctx.workspace.tenders.get(self.tender.id)
        self.load(self.tender)
        self.records_changed.emit()
