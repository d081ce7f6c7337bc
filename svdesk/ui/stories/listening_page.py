"""Step 5 — Who we listened to: the consultation log that CIC34 Part 2 is written from."""

from __future__ import annotations


from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QSplitter,
    QStackedWidget, QVBoxLayout, QWidget,
)

from svdesk.domain import dates
from svdesk.domain.consultations import MAX_PEOPLE, MAX_TITLE, Consultation, Method, Stakeholder
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.financial_year import year_containing
from svdesk.services.attachments import Owner
from svdesk.ui.common.attachment_list import AttachmentList
from svdesk.ui.stories.consent_editor import field_column, labelled
from svdesk.ui.stories.consultation_model import COLUMNS, ConsultationModel
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.date_field import DateField
from svdesk.ui.common.page_base import Page, page_header, scrolling
from svdesk.ui.common.record_list import EmptyState, RecordBin, never_narrower_than_its_fields, record_table
from svdesk.ui.common.widgets import ProblemLabel, SavingTextEdit
from svdesk.services import stories as story_services

class ListeningPage(Page):
    key = "listening"
    title = "Who we listened to"
    reads_when_made = True

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._current: str | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 4)
        outer.addWidget(page_header(
            self.title,
            "Each time you ask people what they think — a survey, a meeting, a chat at the open day — note who, "
            "how, what you heard and what you changed. Your CIC34 report (Part 2) is written from this log.",
        ))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        self.by_year = QLabel()
        self.by_year.setWordWrap(True)
        self.by_year.setAccessibleDescription("Consultations per financial year")
        column.addWidget(self.by_year)
        self.bin = RecordBin(self, ctx.dialogs, ctx.workspace.consultations, "consultation", "consultations",
                             describe=lambda item: item.title or item.how.label,
                             choice_label=lambda item: item.heading(), changed=self._after_bin,
                             to_bin=lambda item_id: story_services.bin_consultation(ctx.workspace, item_id),
                             from_bin=lambda item_id: story_services.restore_consultation(ctx.workspace, item_id))
        self.undo_bar, self.undo_label, self.undo_button = self.bin.undo_bar, self.bin.undo_label, self.bin.undo_button
        column.addWidget(self.undo_bar)
        self.model = ConsultationModel(self)
        self.table = record_table(self.model, "Consultations", (1, 2), self.fontMetrics().height() + 10)
        column.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New consultation")
        self.bin_button, self.restore_button = self.bin.bin_button, self.bin.restore_button
        for button in (self.new_button, self.bin_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch()
        column.addLayout(buttons)
        splitter.addWidget(left)

        self.editor = self._build_editor()
        self.right = QStackedWidget()
        self.empty = EmptyState(
            "Nothing recorded yet",
            "Think back over the year: a feedback form at the end of a course, a chat with neighbours, a meeting "
            "with a funder. Each counts. Record what you heard and what you changed because of it — the Regulator "
            "wants to see the change, not only the meeting.",
            "Record a consultation")
        self.empty_title, self.empty_help, self.empty_new = self.empty.title, self.empty.help, self.empty.button
        self.right.addWidget(self.empty)
        self.editor_scroll = scrolling(self.editor)
        self.editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        never_narrower_than_its_fields(self.editor_scroll)
        self.right.addWidget(self.editor_scroll)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 580])

        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._row_changed(current.row()))
        self.new_button.clicked.connect(self.new_consultation)
        self.empty_new.clicked.connect(self.new_consultation)
        self.bin_button.clicked.connect(self.move_to_bin)
        self.refresh()

    def _build_editor(self) -> QWidget:
        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(4, 0, 4, 8)
        box = QGroupBox("The consultation")
        form = field_column(box)
        self.held_on = DateField(optional=False)
        labelled(form, "&Date", self.held_on, "When it happened (the first day, if it ran for a while).")
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setPlaceholderText("e.g. Trainee feedback survey, summer 2025")
        labelled(form, "&Title", self.title_edit)
        who = QWidget()
        grid = QGridLayout(who)
        grid.setContentsMargins(0, 0, 0, 0)
        self.who: dict[Stakeholder, QCheckBox] = {}
        for position, group in enumerate(Stakeholder):
            check = QCheckBox(group.label[0].upper() + group.label[1:])
            check.setAccessibleName(f"We listened to {group.label}")
            self.who[group] = check
            grid.addWidget(check, position // 3, position % 3)
        labelled(form, "&Who we listened to", who, buddy=self.who[Stakeholder.SERVICE_USERS])
        self.who_other = QLineEdit()
        self.who_other.setMaxLength(200)
        self.who_other.setPlaceholderText("e.g. parents of holiday club children")
        self.who_other_label = labelled(form, "Others (who)", self.who_other)
        self.how = QComboBox()
        for method in Method:
            self.how.addItem(method.label, method.value)
        labelled(form, "&How", self.how)
        self.how_other = QLineEdit()
        self.how_other.setMaxLength(200)
        self.how_other.setPlaceholderText("e.g. conversations at the Saturday drop-in")
        self.how_other_label = labelled(form, "Other way (how)", self.how_other)
        self.people = QSpinBox()
        self.people.setRange(0, MAX_PEOPLE)
        self.people.setSpecialValueText("Not counted")
        self.people.setGroupSeparatorShown(True)
        self.people.setMaximumWidth(200)
        labelled(form, "How many &people", self.people, "Roughly is fine; leave at “Not counted” if you don't know.")
        self.heard = SavingTextEdit()
        self.heard.setFixedHeight(100)
        labelled(form, "What we h&eard", self.heard,
                 "The main things people said, good and bad — e.g. “Nine said 9:30 starts were hard to get to.”",
                 help_first=True)
        self.changed = SavingTextEdit()
        self.changed.setFixedHeight(100)
        labelled(form, "What we &changed as a result", self.changed,
                 "What you did differently because of it, and when. If nothing changed, say why.", help_first=True)
        self.files = AttachmentList(self.ctx, "evidence", "Consultation files", "Attach files…")
        labelled(form, "Files", self.files, "Survey results, notes of the meeting, photos of the flip charts.",
                 buddy=self.files.add_button)
        self.problems = ProblemLabel()
        form.addWidget(self.problems)
        layout.addWidget(box)
        layout.addStretch()

        self.held_on.date_edited.connect(lambda value: self._save(held_on=value))
        self.held_on.validity_changed.connect(lambda problem: self._show_problems())
        # Each field's value as it would be saved; what they showed when loaded is kept, so
        # leaving a field unchanged saves nothing (even when it tidied the stored text).
        self._readers = {"title": self.title_edit.text, "who_other": self.who_other.text,
                         "how_other": self.how_other.text, "people": lambda: self.people.value() or None,
                         "heard": self.heard.toPlainText, "changed": self.changed.toPlainText}
        self._shown: dict = {}
        for check in self.who.values():
            check.toggled.connect(lambda _checked: self._save(who=tuple(g for g, c in self.who.items() if c.isChecked())))
        self.how.activated.connect(lambda _i: self._save(how=Method(self.how.currentData())))
        for field, edit in (("title", self.title_edit), ("who_other", self.who_other), ("how_other", self.how_other),
                            ("people", self.people), ("heard", self.heard), ("changed", self.changed)):
            edit.editingFinished.connect(lambda field=field: self._save_field(field))
        return editor

    # -- file -> widgets --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.workspace.file.is_closed:
            return
        writable = not self.ctx.workspace.read_only
        for button in (self.new_button, self.empty_new, self.restore_button):
            button.setEnabled(writable)
        self._lock_if_read_only()  # already while the list is read
        self._read_all()

    def _lock_if_read_only(self) -> None:
        read_only = self.ctx.workspace.read_only
        for widget in (self.held_on, self.title_edit, self.who_other, self.how_other, self.heard, self.changed):
            widget.setReadOnly(read_only)
        for widget in (*self.who.values(), self.how, self.people):
            widget.setEnabled(not read_only)

    def _read_all(self, then=None) -> None:
        """Reads every consultation, and counts them per year, off the window's thread (10,000
        in a big file: a quarter second or more); the list shows what it showed until they come."""
        if not self.model.items:
            self.by_year.setText("Reading the consultations…")
        self.read(_every_consultation, then or self._fill)

    def _fill(self, read: tuple[list[Consultation], str]) -> None:
        items, per_year = read
        self.model.set_items(items)
        self.by_year.setText(per_year)
        row = self.model.row_of(self._current)
        if row is None and self.model.rowCount():
            row = 0
        self._select_row(row)

    def _select_row(self, row: int | None) -> None:
        if row is None:
            self.table.selectionModel().clearSelection()
            self._show(None)
            return
        index = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show(self.model.items[row].id)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.model.items) and self.model.items[row].id != self._current:
            self.finish_editing()
            self._show(self.model.items[row].id)

    def _show(self, consultation_id: str | None) -> None:
        self._current = consultation_id
        self.bin_button.setEnabled(bool(consultation_id) and not self.ctx.workspace.read_only)
        if consultation_id is None:
            self.empty_new.setVisible(not self.ctx.workspace.read_only)
            self.right.setCurrentWidget(self.empty)
            self.files.set_owner(None, None)
            return
        item = self.ctx.workspace.consultations.get(consultation_id)
        self._loading = True
        try:
            self.held_on.set_date(item.held_on)
            self.title_edit.setText(item.title)
            for group, check in self.who.items():
                check.setChecked(group in item.who)
            self.who_other.setText(item.who_other)
            self.how.setCurrentIndex(self.how.findData(item.how.value))
            self.how_other.setText(item.how_other)
            self.people.setValue(item.people or 0)
            self.heard.set_text_quietly(item.heard)
            self.changed.set_text_quietly(item.changed)
        finally:
            self._loading = False
        self._shown = {field: read() for field, read in self._readers.items()}
        self.files.set_owner(Owner.CONSULTATION, consultation_id)
        self._lock_if_read_only()
        self._show_problems(item)
        self.right.setCurrentWidget(self.editor_scroll)

    def _show_problems(self, item: Consultation | None = None) -> None:
        if self._current is None:
            return
        item = item or self.ctx.workspace.consultations.get(self._current)
        problems = [self.held_on.problem] if self.held_on.problem else []
        problems += [problem for problem in item.problems() if not (self.held_on.problem and "date" in problem)]
        self.problems.show_problems(problems)
        # "Others" and "Other" ask for a word more only when chosen.
        for widgets, shown in (((self.who_other, self.who_other_label), Stakeholder.OTHER in item.who),
                               ((self.how_other, self.how_other_label), item.how is Method.OTHER)):
            for widget in widgets:
                widget.setVisible(shown)

    # -- widgets -> file --------------------------------------------------------------------------
    def _save_field(self, field: str) -> None:
        value = self._readers[field]()
        if self._loading or value == self._shown.get(field):
            return
        if self._save(**{field: value}):
            self._shown[field] = value  # a refused value is tried again when the field is left

    def _save(self, **changes) -> bool:
        if self._loading or not self._current or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return False
        try:
            saved = story_services.update_consultation(self.ctx.workspace, self._current, **changes)
        except ValidationError as error:
            self.problems.show_problems(error.problems)
            return False
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return False
        row = self.model.row_of(saved.id)
        if "held_on" in changes:
            self._read_all(self._reordered)  # the list is in date order, the counts per year change
        elif row is not None:
            self.model.items[row] = saved
            self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, len(COLUMNS) - 1))
        self._show_problems(saved)
        self.status_changed.emit()
        return True

    def _reordered(self, read: tuple[list[Consultation], str]) -> None:
        """The list read again after a date changed: the consultation shown stays selected, its
        fields as they are (the person may be typing in the next one)."""
        items, per_year = read
        self.model.set_items(items)
        self.by_year.setText(per_year)
        row = self.model.row_of(self._current)
        if row is not None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
        elif self._current is not None:
            self._fill(read)  # gone meanwhile (from another copy): show what is there

    def new_consultation(self) -> None:
        if self.ctx.workspace.read_only:
            return
        self.finish_editing()
        item = story_services.add_consultation(self.ctx.workspace, dates.today())
        self._current = item.id
        self.refresh()
        self.title_edit.setFocus()
        self.status_changed.emit()

    def move_to_bin(self) -> None:
        if self._current and not self.ctx.workspace.read_only:
            self.bin.move(self._current)

    def _after_bin(self, consultation_id: str | None) -> None:
        self._current = consultation_id
        self.refresh()
        self.status_changed.emit()

    # -- Page -------------------------------------------------------------------------------------
    def finish_editing(self) -> None:
        self.heard.finish()
        self.changed.finish()

    def status_text(self) -> str:
        return self.journey_status(self.ctx.workspace) or ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        if workspace.file.is_closed:
            return ""
        repo = workspace.consultations
        count = repo.count()
        if not count:
            return "None recorded yet"
        latest = repo.latest()
        text = f"{count} consultation{'s' if count != 1 else ''}"
        return text + (f", latest {dates.format_date(latest.held_on)}" if latest else "")


def _every_consultation(workspace) -> tuple[list[Consultation], str]:
    """Every consultation, and how many were held in each financial year (on the reading thread)."""
    items = workspace.consultations.listing()  # long texts cut: the one shown is read whole
    if not items:
        return items, "No consultations recorded yet."
    year_end = workspace.organisation.get().year_end
    counts: dict = {}
    for item in items:
        if item.held_on:
            year = year_containing(item.held_on, year_end)
            counts[year] = counts.get(year, 0) + 1
    this_year = year_containing(dates.today(), year_end)
    parts = [f"{year.label}: {count}" for year, count in sorted(counts.items(), reverse=True)]
    if this_year not in counts:
        parts.insert(0, f"{this_year.label}: none yet")
    return items, "Recorded per financial year — " + " · ".join(parts)
