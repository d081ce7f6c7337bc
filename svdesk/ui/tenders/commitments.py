"""A tender's commitments: the list (in the answer's order) and an editor for the chosen one, with
the commitment check saying, one sentence each, what an evaluator would find missing."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.tenders import (
    FREQUENCY_LABELS, Commitment, Tender, check_commitment, contract_years_count, format_number, parse_number,
)
from svdesk.ui.common.page_base import scrolling
from svdesk.ui.tenders.form import DateEdit, UndoBar, add_row, new_form
from svdesk.ui.tenders.models import CommitmentsModel
from svdesk.ui.common.widgets import ProblemLabel, SavingTextEdit
from svdesk.ui.common.colours import GOOD, WARNING, themed
from svdesk.services import tenders as tender_services

_FIELDS = ("promise", "for_whom", "unit", "per_year", "over_contract", "by_when", "indicator_id", "actions",
           "people", "milestones", "kpis", "frequency", "evidence", "accountable")


class CommitmentsTab(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tender: Tender | None = None
        self.current: Commitment | None = None
        self._loading = False

        self.model = CommitmentsModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Commitments in this tender")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton("&Add")
        self.from_indicator = QPushButton("From an &indicator…")
        self.copy_button = QPushButton("Cop&y from a tender…")
        self.remove_button = QPushButton("Remo&ve")
        self.up_button = QPushButton("Up")
        self.up_button.setAccessibleName("Move the commitment up")
        self.down_button = QPushButton("Down")
        self.down_button.setAccessibleName("Move the commitment down")
        self.locked = QLabel()
        self.locked.setWordWrap(True)
        self.locked.setAccessibleDescription("Why commitments cannot change")
        self.undo_bar = UndoBar()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("&Commitments, in the answer's order")
        caption.setBuddy(self.list)
        left_layout.addWidget(caption)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        left_layout.addLayout(buttons)
        more = QHBoxLayout()
        more.addWidget(self.from_indicator)
        more.addWidget(self.copy_button)
        left_layout.addLayout(more)
        left_layout.addWidget(self.locked)
        left_layout.addWidget(self.undo_bar)

        self.editor = self._build_editor()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([230, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.list.selectionModel().currentChanged.connect(lambda current, _previous: self._show_row(current.row()))
        self.add_button.clicked.connect(self.add)
        self.from_indicator.clicked.connect(self.add_from_indicator)
        self.copy_button.clicked.connect(self.copy_from_tender)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))

    def _build_editor(self) -> QWidget:
        body = QWidget()
        outer = QVBoxLayout(body)
        form = new_form()
        outer.addLayout(form)
        self.promise = QLineEdit()
        self.promise.setMaxLength(600)
        self.promise.setPlaceholderText("e.g. Paid six-week work placements in our bike workshop")
        add_row(form, "What we &promise", self.promise, "One line, specific: what will happen.")
        self.for_whom = QLineEdit()
        self.for_whom.setMaxLength(600)
        self.for_whom.setPlaceholderText("e.g. young people aged 16–24 in Small Heath who are not in work or training")
        add_row(form, "For &whom", self.for_whom, "Who benefits, as precisely as you can (age, place, situation).")
        numbers = QWidget()
        row = QHBoxLayout(numbers)
        row.setContentsMargins(0, 0, 0, 0)
        self.per_year = QLineEdit()
        self.per_year.setPlaceholderText("12")
        self.per_year.setAccessibleName("How many a year")
        self.over_contract = QLineEdit()
        self.over_contract.setAccessibleName("How many over the contract")
        for widget in (self.per_year, QLabel("a year"), self.over_contract, QLabel("over the contract")):
            row.addWidget(widget)
        row.addStretch()
        self.per_year.setFixedWidth(70)
        self.over_contract.setFixedWidth(70)
        add_row(form, "How &many", numbers, "Per contract year and in total; for a level, e.g. 60 %, fill in a year only.",
                buddy=self.per_year)
        self.unit = QLineEdit()
        self.unit.setMaxLength(600)
        self.unit.setPlaceholderText("e.g. work placements, or % of those who complete")
        add_row(form, "What is &counted", self.unit, "The unit of the figures, as it reads after the number.")
        self.by_when = DateEdit()
        add_row(form, "By w&hen", self.by_when, "When it will all be done — usually the contract's last day.")
        self.indicator = QComboBox()
        self.indicator.setAccessibleName("Linked indicator")
        add_row(form, "Measured &as", self.indicator,
                "One of your indicators, if it counts this: once the tender is won, delivery is tracked against it.")
        self.actions = SavingTextEdit()
        self.actions.setFixedHeight(64)
        add_row(form, "Ac&tions", self.actions, "How you will deliver it: the steps, in a few sentences.")
        self.people = SavingTextEdit()
        self.people.setFixedHeight(48)
        add_row(form, "&People", self.people, "Who does the work (roles, partners, referral routes).")
        self.milestones = SavingTextEdit()
        self.milestones.setFixedHeight(64)
        self.milestones.setPlaceholderText("One per line, e.g. First cohort starts June 2025")
        add_row(form, "Mi&lestones", self.milestones, "One per line, with dates.")
        self.kpis = QLineEdit()
        self.kpis.setMaxLength(2000)
        add_row(form, "&KPIs", self.kpis, "What you will count and report, e.g. placements started and completed.")
        self.frequency = QComboBox()
        for key, label in FREQUENCY_LABELS.items():
            self.frequency.addItem(label, key)
        add_row(form, "Reported &every", self.frequency, "How often the buyer hears how it is going.")
        self.evidence = QLineEdit()
        self.evidence.setMaxLength(2000)
        add_row(form, "&Evidence", self.evidence, "What the buyer can check, e.g. signed timesheets and exit surveys.")
        self.accountable = QLineEdit()
        self.accountable.setMaxLength(600)
        add_row(form, "Acco&untable", self.accountable, "The person (and role) who answers for it.")
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.check.setAccessibleDescription("Commitment check")
        outer.addWidget(self.check)
        self.problems = ProblemLabel()
        outer.addWidget(self.problems)
        outer.addStretch()
        for line in (self.promise, self.for_whom, self.per_year, self.over_contract, self.unit, self.by_when, self.kpis,
                     self.evidence, self.accountable):
            line.editingFinished.connect(self.save)
        for box in (self.actions, self.people, self.milestones):
            box.editingFinished.connect(self.save)
        self.indicator.activated.connect(lambda _index: self.save())
        self.frequency.activated.connect(lambda _index: self.save())
        self.per_year.textEdited.connect(self._suggest_total)
        return scrolling(body)

    # -- loading ----------------------------------------------------------------------------------
    def load(self, tender: Tender, keep: str | None = None) -> None:
        self.tender = tender
        items = self.ctx.workspace.tenders.commitments(tender.id)
        self.model.set_items(items, tender)
        self._fill_indicators()
        sent = tender.status.is_sent
        self.locked.setText("This answer has been sent, so its commitments are on record; you can still link each "
                            "one to an indicator to track delivery." if sent else "")
        self.locked.setVisible(sent)
        editable = not sent and not self.ctx.workspace.read_only
        for button in (self.add_button, self.from_indicator, self.copy_button, self.remove_button, self.up_button,
                       self.down_button):
            button.setEnabled(editable)
        row = self.model.row_of(keep) if keep else (0 if items else -1)
        if row < 0 and items:
            row = 0
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_row(row)

    def _fill_indicators(self) -> None:
        self.indicator.clear()
        self.indicator.addItem("(not linked to an indicator)", "")
        repo = self.ctx.workspace.indicators
        for indicator in repo.active():
            self.indicator.addItem(indicator.name, indicator.id)

    def _show_row(self, row: int) -> None:
        self.current = self.model.items[row] if 0 <= row < len(self.model.items) else None
        c = self.current
        self.editor.setEnabled(c is not None)
        self._loading = True
        try:
            c_or_blank = c or Commitment()
            self.promise.setText(c_or_blank.promise)
            self.for_whom.setText(c_or_blank.for_whom)
            self.unit.setText(c_or_blank.unit)
            self.per_year.setText(format_number(c_or_blank.per_year))
            self.over_contract.setText(format_number(c_or_blank.over_contract))
            self.by_when.set_date(c_or_blank.by_when)
            index = self.indicator.findData(c_or_blank.indicator_id)
            if index < 0 and c_or_blank.indicator_id:
                self.indicator.addItem("(an indicator no longer in use)", c_or_blank.indicator_id)
                index = self.indicator.count() - 1
            self.indicator.setCurrentIndex(max(0, index))
            self.actions.set_text_quietly(c_or_blank.actions)
            self.people.set_text_quietly(c_or_blank.people)
            self.milestones.set_text_quietly(c_or_blank.milestones)
            self.kpis.setText(c_or_blank.kpis)
            self.frequency.setCurrentIndex(max(0, self.frequency.findData(c_or_blank.frequency)))
            self.evidence.setText(c_or_blank.evidence)
            self.accountable.setText(c_or_blank.accountable)
            for line in (self.promise, self.for_whom, self.unit, self.kpis, self.evidence, self.accountable):
                line.setCursorPosition(0)  # show the start of long text, not its end
        finally:
            self._loading = False
        sent = self.tender is not None and self.tender.status.is_sent
        read_only = self.ctx.workspace.read_only
        for widget in (self.promise, self.for_whom, self.unit, self.per_year, self.over_contract, self.by_when,
                       self.kpis, self.evidence, self.accountable, self.actions, self.people, self.milestones):
            widget.setReadOnly(sent or read_only)
        self.frequency.setEnabled(not (sent or read_only))
        self.indicator.setEnabled(not read_only)
        self.problems.show_problems([])
        self._show_check()

    def _show_check(self) -> None:
        if self.current is None:
            self.check.setText("Add a commitment: what you promise, for whom, how many, by when, and how you will "
                               "show it was done.")
            self.check.setStyleSheet("")
            return
        missing = check_commitment(self.current, self.tender)
        if missing:
            self.check.setText("An evaluator would look for:\n• " + "\n• ".join(missing))
            self.check.setStyleSheet(f"color: {themed(WARNING)};")
        else:
            self.check.setText("Complete: specific, measurable, time-bound, with a way to evidence it.")
            self.check.setStyleSheet(f"color: {themed(GOOD)};")

    def _suggest_total(self, text: str) -> None:
        years = contract_years_count(self.tender.contract_months) if self.tender else None
        try:
            per_year = parse_number(text)
        except ValidationError:
            return
        if per_year is not None and years:
            self.over_contract.setPlaceholderText(format_number(per_year * years))

    # -- saving -----------------------------------------------------------------------------------
    def _from_widgets(self) -> Commitment:
        problems = []
        values = {}
        for name, box in (("per_year", self.per_year), ("over_contract", self.over_contract)):
            try:
                values[name] = parse_number(box.text())
            except ValidationError as error:
                problems += error.problems
        try:
            values["by_when"] = self.by_when.date()
        except ValueError as error:
            problems.append(str(error))
        if problems:
            raise ValidationError(problems)
        return replace(
            self.current, promise=self.promise.text().strip(), for_whom=self.for_whom.text().strip(),
            unit=self.unit.text().strip(), indicator_id=self.indicator.currentData() or "",
            actions=self.actions.toPlainText(), people=self.people.toPlainText(), milestones=self.milestones.toPlainText(),
            kpis=self.kpis.text().strip(), frequency=self.frequency.currentData() or "",
            evidence=self.evidence.text().strip(), accountable=self.accountable.text().strip(), **values,
        )

    def save(self) -> None:
        if self._loading or self.current is None or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return
        try:
            candidate = self._from_widgets()
            if candidate == self.current:
                return
            saved = tender_services.save_commitment(self.ctx.workspace, candidate)
        except ValidationError as error:
            self.problems.show_problems(error.problems)
            return
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            self._show_row(self.model.row_of(self.current.id))
            return
        self.problems.show_problems([])
        self.current = saved
        row = self.model.row_of(saved.id)
        self.model.items[row] = saved
        self.model.dataChanged.emit(self.model.index(row), self.model.index(row))
        self._show_check()
        self.changed.emit()

    def finish_editing(self) -> None:
        for box in (self.actions, self.people, self.milestones):
            box.finish()

    # -- list actions -----------------------------------------------------------------------------
    def _add(self, **values) -> None:
        try:
            added = tender_services.add_commitment(self.ctx.workspace, self.tender.id, **values)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not added", str(error))
            return
        self.load(self.tender, keep=added.id)
        self.promise.setFocus()
        self.changed.emit()

    def add(self) -> None:
        self._add()

    def add_from_indicator(self) -> None:
        repo = self.ctx.workspace.indicators
        indicators = repo.active()
        if not indicators:
            self.ctx.dialogs.info(self, "No indicators yet", "Add your indicators on the What we measure page first; "
                                  "a commitment linked to one is tracked once the tender is won.")
            return
        choice = self.ctx.dialogs.choose(self, "Commitment from an indicator", "Which indicator will this commitment "
                                         "be measured by?", [indicator.name for indicator in indicators])
        if choice is None:
            return
        indicator = indicators[choice]
        values = {"indicator_id": indicator.id, "unit": indicator.name[:600]}
        if getattr(indicator, "who_benefits", ""):
            values["for_whom"] = indicator.who_benefits[:600]
        if getattr(indicator, "how_collected", ""):
            # Its first sentence: where the figures come from.
            values["evidence"] = indicator.how_collected.split(". ")[0].split("; ")[0].rstrip(".")[:2000]
        self._add(**values)

    def copy_from_tender(self) -> None:
        pairs = [(tender, c) for tender in self.ctx.workspace.tenders.all() if tender.id != self.tender.id
                 for c in self.ctx.workspace.tenders.commitments(tender.id)]
        if not pairs:
            self.ctx.dialogs.info(self, "Nothing to copy", "Your other tenders have no commitments yet.")
            return
        choice = self.ctx.dialogs.choose(self, "Copy a commitment", "Copy which commitment into this tender?",
                                         [f"{c.name} — {tender.name}" for tender, c in pairs])
        if choice is None:
            return
        source = pairs[choice][1]
        self._add(**{name: getattr(source, name) for name in _FIELDS})

    def remove(self) -> None:
        if self.current is None:
            return
        removed = self.current
        try:
            tender_services.bin_commitment(self.ctx.workspace, removed.id)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not removed", str(error))
            return
        self.undo_bar.offer(f"Removed “{removed.name}”.", lambda: self._restore(removed.id))
        self.load(self.tender)
        self.changed.emit()

    def _restore(self, commitment_id: str) -> None:
        try:
            tender_services.restore_commitment(self.ctx.workspace, commitment_id)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not restored", str(error))
            return
        self.load(self.tender, keep=commitment_id)
        self.changed.emit()

    def _move(self, step: int) -> None:
        if self.current is None:
            return
        try:
            tender_services.move_commitment(self.ctx.workspace, self.current.id, step)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not moved", str(error))
            return
        self.load(self.tender, keep=self.current.id)
        self.changed.emit()
