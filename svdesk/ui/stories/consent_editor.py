"""The consent record of one story: what the person agreed to, whether the story can be used today
for each purpose (and why not), withdrawal, and where the story has been used."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from svdesk.domain import dates
from svdesk.domain.consent import LEVEL_ORDER, USE_ORDER, Consent, ConsentState, IdLevel, Method
from svdesk.domain.dates import format_date
from svdesk.domain.errors import SvdeskError
from svdesk.services.attachments import CONSENT_FORM, Owner
from svdesk.ui.common.attachment_list import AttachmentList
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.date_field import DateField
from svdesk.ui.common.export_target import export_to_chosen_file
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, SavingTextEdit
from svdesk.ui.common.colours import GOOD, PROBLEM, themed
from svdesk.services import stories as story_services



def labelled(form: QVBoxLayout, text: str, field: QWidget, help_text: str = "", buddy: QWidget | None = None,
             help_first: bool = False) -> QLabel:
    """One field in a column: its caption (whose keyboard shortcut goes to ``buddy`` or the field),
    the field, and a line of help (before the field when it is a writing prompt)."""
    caption = QLabel(text)
    target = buddy or field
    caption.setBuddy(target)
    if not target.accessibleName():
        target.setAccessibleName(text.replace("&", ""))
    form.addSpacing(4)
    form.addWidget(caption)
    help_label = HelpLabel(help_text) if help_text else None
    if help_label is not None:
        target.setAccessibleDescription(help_text)
    if help_label is not None and help_first:
        form.addWidget(help_label)
    form.addWidget(field)
    if help_label is not None and not help_first:
        form.addWidget(help_label)
    return caption


def field_column(box: QWidget) -> QVBoxLayout:
    column = QVBoxLayout(box)
    column.setSpacing(3)
    return column


def verdict_html(repo, story_id: str, detailed: bool) -> str:
    """Whether the story can be used today, per use, as rich text (``detailed``: with reasons)."""
    today = dates.today()
    consent = repo.consent_for(story_id)
    state = consent.state(today)
    if state is ConsentState.WITHDRAWN:
        return (f"<span style='color:{themed(PROBLEM)}'>✘</span> <b>Consent withdrawn on {format_date(consent.withdrawn_on)}</b>: "
                "the story is left out of every export.")
    if state is ConsentState.NONE:
        return f"<span style='color:{themed(PROBLEM)}'>✘</span> <b>No consent recorded yet</b>: the story cannot be used."
    decisions = [(use, repo.check_use(story_id, use, today)) for use in USE_ORDER]
    if not detailed:
        allowed = [use.label for use, decision in decisions if decision]
        if not allowed:
            first = next(decision for _use, decision in decisions if not decision)
            return f"<span style='color:{themed(PROBLEM)}'>✘</span> <b>Cannot be used yet</b>: {html.escape(first.reasons[0])}"
        level = next(decision.level for _use, decision in decisions if decision)
        return (f"<span style='color:{themed(GOOD)}'>✔</span> <b>May be used for</b> {html.escape(', '.join(allowed))} "
                f"({html.escape(level.label)}).")
    lines = []
    for use, decision in decisions:
        name = html.escape(use.label[0].upper() + use.label[1:])
        if decision:
            lines.append(f"<span style='color:{themed(GOOD)}'>✔</span> <b>{name}</b>: yes ({html.escape(decision.level.label)})")
        else:
            lines.append(f"<span style='color:{themed(PROBLEM)}'>✘</span> <b>{name}</b>: no — {html.escape(decision.explain())}")
    return "<b>Can we use this story today?</b><br>" + "<br>".join(lines)


class ConsentEditor(QGroupBox):
    changed = Signal()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__("Consent", parent)
        self.ctx = ctx
        self.story_id: str | None = None
        self._loading = False
        layout = QVBoxLayout(self)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setAccessibleDescription("Can this story be used today")
        layout.addWidget(self.verdict)

        self.given = QCheckBox("They gave consent for this story")
        self.given.setAccessibleName("They have given consent for their story to be used")
        layout.addWidget(self.given)
        form = QVBoxLayout()
        form.setSpacing(3)
        layout.addLayout(form)
        self.given_on = DateField()
        labelled(form, "&Date given", self.given_on)
        self.method = QComboBox()
        self.method.addItem("Not recorded", None)
        for method in Method:
            self.method.addItem(method.label, method.value)
        labelled(form, "&How", self.method)
        self.recorded_by = QLineEdit()
        self.recorded_by.setMaxLength(120)
        labelled(form, "&Recorded by", self.recorded_by, "Who took the consent (needed for verbal consent).")
        self.given_by = QLineEdit()
        self.given_by.setMaxLength(200)
        self.given_by.setPlaceholderText("The person themselves, or a parent or guardian")
        labelled(form, "&Who agreed", self.given_by)
        self.told = SavingTextEdit()
        self.told.setFixedHeight(64)
        self.told.setPlaceholderText("e.g. We said the story would go in tenders and our annual report, that we would "
                                     "show it to them first, and that they can change their mind at any time.")
        labelled(form, "What they were &told", self.told,
                 "What you explained: how the story will be used, where it may appear, and that they can "
                 "change their mind at any time.")

        uses_box = QWidget()
        uses_grid = QGridLayout(uses_box)
        uses_grid.setContentsMargins(0, 0, 0, 0)
        self.uses = {}
        for position, use in enumerate(USE_ORDER):
            box = QCheckBox(use.label[0].upper() + use.label[1:])
            box.setAccessibleName(f"Allowed use: {use.label}")
            self.uses[use] = box
            uses_grid.addWidget(box, position, 0)  # one column: the panel is narrow beside the list
        labelled(form, "&Uses they agreed to", uses_box, buddy=self.uses[USE_ORDER[0]])

        self.level = QComboBox()
        for level in LEVEL_ORDER:
            self.level.addItem(level.label[0].upper() + level.label[1:], level.value)
        labelled(form, "May be &identified by", self.level, "The most they agreed to: full name, first name only, or not at all.")
        self.expires_on = DateField()
        labelled(form, "&Valid until", self.expires_on, "Leave empty if they did not set an end date.")
        self.explicit = QCheckBox("They said a clear yes to these sensitive details being used")
        self.explicit.setAccessibleName("A clear yes for sensitive details (explicit consent)")
        labelled(form, "A cl&ear yes", self.explicit,
                 "The law calls this \u201cexplicit consent\u201d: a definite yes, not just going along with it. "
                 "Needed before a story with health or other sensitive details, or about a child (from a parent "
                 "or guardian), is used outside the organisation.")
        self.photos = QCheckBox("They agreed to photographs and video of them")
        self.photos.setAccessibleName("Photographs and video")
        labelled(form, "&Photos and video", self.photos, "A separate tick on the consent form.")
        self.form_files = AttachmentList(ctx, CONSENT_FORM, "Signed consent form", "Attach the signed form…",
                                         "Documents and images (*.pdf *.jpg *.jpeg *.png *.heic *.docx);;All files (*)")
        labelled(form, "Signed form", self.form_files, buddy=self.form_files.add_button)
        printing = QWidget()
        print_row = QHBoxLayout(printing)
        print_row.setContentsMargins(0, 0, 0, 0)
        self.print_pdf = QPushButton("Print a consent &form…")
        self.print_pdf.setToolTip("A form with this story on it, for them to read, tick and sign (PDF)")
        self.print_word = QPushButton("As Word, to adapt…")
        self.print_word.setAccessibleName("Save the consent form as Word, to adapt the wording")
        print_row.addWidget(self.print_pdf)
        print_row.addWidget(self.print_word)
        print_row.addStretch()
        labelled(form, "No form yet?", printing,
                 "A form with this story on it that asks what this record needs: where it may be used, how "
                 "they are named, until when. The wording is a starting point: read it and make it yours "
                 "(it is not legal advice).", buddy=self.print_pdf)
        self.problems = ProblemLabel()
        layout.addWidget(self.problems)

        # Withdrawal: recorded inline, so nobody has to find a menu on a difficult phone call.
        self.withdraw_box = QGroupBox("If they change their mind")
        withdraw_form = field_column(self.withdraw_box)
        self.withdrawn_on = DateField(optional=False)
        labelled(withdraw_form, "With&drawn on", self.withdrawn_on)
        self.withdrawal_note = QLineEdit()
        self.withdrawal_note.setMaxLength(1000)
        self.withdrawal_note.setPlaceholderText("e.g. Rang Amara on 3 Mar; happy for us to keep it on file")
        labelled(withdraw_form, "&Note", self.withdrawal_note)
        self.withdraw_button = QPushButton("Record withdrawal")
        withdraw_form.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.withdraw_box)
        self.withdrawn_label = QLabel()
        self.withdrawn_label.setWordWrap(True)
        self.withdrawn_label.setTextFormat(Qt.TextFormat.RichText)
        self.withdrawn_label.setAccessibleDescription("Withdrawal")
        self.cancel_withdrawal = QPushButton("Cancel this withdrawal (recorded by mistake)")
        layout.addWidget(self.withdrawn_label)
        layout.addWidget(self.cancel_withdrawal, 0, Qt.AlignmentFlag.AlignLeft)

        self.used_in = QLabel()
        self.used_in.setWordWrap(True)
        self.used_in.setTextFormat(Qt.TextFormat.RichText)
        self.used_in.setAccessibleDescription("Used in")
        self.used_in.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.used_in)

        self.given.toggled.connect(self._save)
        self.method.currentIndexChanged.connect(self._save)
        self.level.currentIndexChanged.connect(self._save)
        self.explicit.toggled.connect(self._save)
        self.photos.toggled.connect(self._save)
        for box in self.uses.values():
            box.toggled.connect(self._save)
        for line in (self.recorded_by, self.given_by):
            line.editingFinished.connect(self._save)
        self.told.editingFinished.connect(self._save)
        for field in (self.given_on, self.expires_on):
            field.date_edited.connect(self._save)
            field.validity_changed.connect(lambda _problem: self._show_problems())
        self.withdraw_button.clicked.connect(self.withdraw)
        self.print_pdf.clicked.connect(lambda: self.print_form("pdf"))
        self.print_word.clicked.connect(lambda: self.print_form("docx"))
        self.cancel_withdrawal.clicked.connect(self._cancel_withdrawal)

    # -- file -> widgets --------------------------------------------------------------------------
    def load(self, story_id: str | None) -> None:
        self.story_id = story_id
        repo = self.ctx.workspace.stories
        consent = repo.consent_for(story_id) if story_id else Consent()
        self._loading = True
        try:
            self.given.setChecked(consent.given)
            self.given_on.set_date(consent.given_on)
            self.method.setCurrentIndex(max(0, self.method.findData(consent.method.value if consent.method else None)))
            self.recorded_by.setText(consent.recorded_by)
            self.given_by.setText(consent.given_by)
            self.told.set_text_quietly(consent.told)
            for use, box in self.uses.items():
                box.setChecked(use in consent.uses)
            self.level.setCurrentIndex(self.level.findData(consent.level.value))
            self.expires_on.set_date(consent.expires_on)
            self.explicit.setChecked(consent.explicit)
            self.photos.setChecked(consent.photos)
            self.withdrawn_on.set_date(dates.today())
            self.withdrawal_note.clear()
        finally:
            self._loading = False
        self.form_files.set_owner(Owner.STORY if story_id else None, story_id)
        self._show_state(consent)

    def _show_state(self, consent: Consent) -> None:
        read_only = self.ctx.workspace.read_only or not self.story_id
        for widget in (self.given, self.method, self.level, self.explicit, self.photos, *self.uses.values(),
                       self.withdraw_button, self.cancel_withdrawal):
            widget.setEnabled(not read_only)
        for widget in (self.given_on, self.recorded_by, self.given_by, self.told, self.expires_on):
            widget.setReadOnly(read_only)
        for widget in (self.given_on, self.method, self.recorded_by, self.given_by, self.told, self.level,
                       self.expires_on, self.explicit, self.photos, *self.uses.values()):
            widget.setEnabled(consent.given and not read_only)
        withdrawn = consent.withdrawn_on is not None
        self.withdraw_box.setVisible(consent.given and not withdrawn)
        self.withdrawn_label.setVisible(withdrawn)
        self.cancel_withdrawal.setVisible(withdrawn)
        if withdrawn:
            note = f" {html.escape(consent.withdrawal_note)}" if consent.withdrawal_note else ""
            self.withdrawn_label.setText(
                f"<b style='color:{themed(PROBLEM)}'>Consent withdrawn on {format_date(consent.withdrawn_on)}.</b>{note}<br>"
                "From that day the story is left out of every export.")
        self._show_verdict()
        self._show_uses(withdrawn)
        self._show_problems(consent)

    def refresh_verdict(self) -> None:
        self._show_verdict()

    def _show_verdict(self) -> None:
        self.verdict.setText(verdict_html(self.ctx.workspace.stories, self.story_id, detailed=True) if self.story_id else "")

    def _show_uses(self, withdrawn: bool) -> None:
        uses = self.ctx.workspace.stories.uses_of(self.story_id) if self.story_id else []
        if not uses:
            self.used_in.setText("<b>Used in:</b> not used in any document yet.")
            return
        heading = ("<b>Used in</b> — ask whoever holds these to take the story down:" if withdrawn else "<b>Used in:</b>")
        items = "".join(f"<li>{html.escape(use.describe())}</li>" for use in uses)
        self.used_in.setText(f"{heading}<ul style='margin-top:2px'>{items}</ul>")

    def _show_problems(self, consent: Consent | None = None) -> None:
        consent = consent or (self.ctx.workspace.stories.consent_for(self.story_id) if self.story_id else Consent())
        problems = [field.problem for field in (self.given_on, self.expires_on) if field.problem]
        problems += consent.problems()
        self.problems.show_problems(problems)

    # -- widgets -> file --------------------------------------------------------------------------
    def _from_widgets(self, current: Consent) -> Consent:
        method = self.method.currentData()
        return replace(
            current, given=self.given.isChecked(), given_on=self.given_on.date(),
            method=Method(method) if method else None, recorded_by=self.recorded_by.text(),
            given_by=self.given_by.text(), told=self.told.toPlainText(),
            uses=frozenset(use for use, box in self.uses.items() if box.isChecked()),
            level=IdLevel(self.level.currentData()), expires_on=self.expires_on.date(), explicit=self.explicit.isChecked(),
            photos=self.photos.isChecked(),
        )

    def _save(self, *_args) -> None:
        if self._loading or not self.story_id or self.ctx.workspace.read_only:
            return
        repo = self.ctx.workspace.stories
        try:
            current = repo.consent_for(self.story_id)
            candidate = self._from_widgets(current)
            if candidate.given and not current.given and candidate.given_on is None:
                # Ticking "given" usually happens on the day: start from today, editable.
                candidate = replace(candidate, given_on=dates.today())
                self.given_on.set_date(candidate.given_on)
            saved = story_services.save_consent(self.ctx.workspace, self.story_id, candidate)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Consent not saved", str(error))
            return
        self._show_state(saved)
        self.changed.emit()

    def withdraw(self) -> None:
        if not self.story_id or self.ctx.workspace.read_only:
            return
        on_date = self.withdrawn_on.date()
        if self.withdrawn_on.problem or on_date is None:
            self.problems.show_problems([self.withdrawn_on.problem or "Say on which date they withdrew consent."])
            return
        repo = self.ctx.workspace.stories
        try:
            used = story_services.withdraw_consent(self.ctx.workspace, self.story_id, on_date,
                                                  self.withdrawal_note.text())
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Withdrawal not saved", str(error))
            return
        self._show_state(repo.consent_for(self.story_id))
        self.changed.emit()
        if used:
            places = "\n".join(f"• {use.describe()}" for use in used)
            self.ctx.dialogs.info(
                self, "Consent withdrawn",
                f"From {format_date(on_date)} this story is left out of every export.\n\nIt has been used in:\n{places}\n\n"
                "Ask the buyers, funders or whoever runs the website to remove it from anything still in use.")
        else:
            self.ctx.dialogs.info(self, "Consent withdrawn",
                                  f"From {format_date(on_date)} this story is left out of every export. "
                                  "It had not been used in any document.")

    def _cancel_withdrawal(self) -> None:
        if not self.story_id or not self.ctx.dialogs.confirm(
            self, "Cancel the withdrawal?",
            "Only do this if the withdrawal was recorded by mistake. If the person really withdrew consent, "
            "keep it: the story must not be used again.", yes="Cancel the withdrawal",
        ):
            return
        saved = story_services.cancel_withdrawal(self.ctx.workspace, self.story_id)
        self._show_state(saved)
        self.changed.emit()

    def print_form(self, fmt: str) -> None:
        """Saves the consent form for this story and opens it, ready to print (or to adapt)."""
        from svdesk.compose.consent_form import file_stem
        from svdesk.services.exports import export_consent_form

        if self.story_id is None:
            return
        story_id = self.story_id
        file_filter = "PDF files (*.pdf)" if fmt == "pdf" else "Word documents (*.docx)"
        outcome = export_to_chosen_file(
            self.ctx, self.window(), "Save a consent form to print", file_stem(self.ctx.workspace, story_id), fmt,
            file_filter, lambda path: export_consent_form(self.ctx.workspace, fmt, path, story_id))
        if outcome is None:
            return
        if outcome.notes:  # say what the PDF could not show before the person prints it
            self.ctx.dialogs.info(self.window(), "Consent form saved", " ".join(outcome.notes))
        self.ctx.open_external(str(outcome.path))

    def finish_editing(self) -> None:
        self.told.finish()
