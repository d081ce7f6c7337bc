"""Writing one story: short Most Significant Change prompts, who it is about, the indicators it
illustrates, photos, and its consent record. Every field saves when you leave it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget,
)

from svdesk.domain.consent import LEVEL_ORDER, SPECIAL_CATEGORIES, SPECIAL_CATEGORY_SHORT, IdLevel
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.stories import DOMAIN_SUGGESTIONS, MAX_TITLE, Status, Story, parse_keywords
from svdesk.domain.words import count_words
from svdesk.services.attachments import DOCUMENT, PHOTO, Owner
from svdesk.ui.common.attachment_list import AttachmentList
from svdesk.ui.stories.consent_editor import ConsentEditor, field_column, labelled, verdict_html
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.date_field import DateField
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, SavingTextEdit
from svdesk.services import stories as story_services

INDICATOR_ROLE = Qt.ItemDataRole.UserRole + 1

# (field, label, prompt under it): short prompts in the spirit of Most Significant Change.
STORY_PROMPTS = (
    ("before", "&Before", "Who, where, when? What was life like for them before they came to you?"),
    ("what_we_did", "What we &did", "What did you (and others) do with them? Be specific: sessions, weeks, people."),
    ("after", "&After", "What changed? What can they do, have or feel now that they could not before?"),
    ("quote", "In their &words", "A sentence they said, exactly as they said it — in any language."),
    ("why_it_matters", "Why it &matters", "Why does this change matter, and why this story? What else helped?"),
)


class StoryEditor(QWidget):
    """Edits the story ``story_id``; ``story_changed(id)`` after anything was saved."""

    story_changed = Signal(str)
    consent_requested = Signal()  # "show me the consent record" (the page scrolls to it)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.story_id: str | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 8)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleDescription("Consent at a glance")
        self.summary.linkActivated.connect(lambda _link: self.consent_requested.emit())
        layout.addWidget(self.summary)
        # Whether the story is ready sits at the top, beside whether it may be used.
        self.status = QComboBox()
        for status in Status:
            self.status.addItem("Draft — still being written or checked" if status is Status.DRAFT
                                else "Ready — checked with the person", status.value)
        labelled(layout, "&Status", self.status, "Only stories marked ready go into tenders and reports.")
        intro = HelpLabel("What changed? Why does it matter? Who, where, when? Write it plainly, in a few "
                          "sentences each — and check it with the person before you use it.")
        layout.addWidget(intro)

        about = QGroupBox("The story")
        form = field_column(about)
        self.title = QLineEdit()
        self.title.setMaxLength(MAX_TITLE)
        self.title.setPlaceholderText("e.g. From the sofa to the workshop floor")
        labelled(form, "&Title", self.title)
        self.story_date = DateField(optional=False)
        labelled(form, "Dat&e", self.story_date, "When the change happened (roughly is fine).")
        self.domain = QComboBox()
        self.domain.setEditable(True)
        self.domain.addItems(DOMAIN_SUGGESTIONS)
        self.domain.lineEdit().setPlaceholderText("Pick one or type your own")
        labelled(form, "Kind of c&hange", self.domain,
                 "Which part of life changed (evaluators call this the \u201cdomain of change\u201d), so you can pick "
                 "a balanced set.")
        self.texts: dict[str, SavingTextEdit] = {}
        for field, label, prompt in STORY_PROMPTS:
            edit = SavingTextEdit()
            edit.setFixedHeight(56 if field == "quote" else 84)
            self.texts[field] = edit
            labelled(form, label, edit, prompt, help_first=True)
        self.words = QLabel()
        self.words.setAccessibleDescription("Word count")
        form.addWidget(self.words)
        self.name_warning = ProblemLabel(refused=False)  # the story is saved; this is advice
        self.name_warning.setAccessibleDescription("Name warning")
        form.addWidget(self.name_warning)
        self.keywords = QLineEdit()
        self.keywords.setMaxLength(1000)
        self.keywords.setPlaceholderText("e.g. Cytech, care leavers, Small Heath")
        labelled(form, "Ta&gs", self.keywords, "Words to find it by later, separated by commas.")
        self.problems = ProblemLabel()
        form.addWidget(self.problems)
        layout.addWidget(about)

        who = QGroupBox("Who it is about")
        who_form = field_column(who)
        self.person_name = QLineEdit()
        self.person_name.setMaxLength(200)
        labelled(who_form, "&Name", self.person_name, "Their real name, as recorded on the consent form.")
        self.pseudonym = QLineEdit()
        self.pseudonym.setMaxLength(200)
        labelled(who_form, "&Pseudonym", self.pseudonym,
                 "Optional: a changed name for talking about the story inside the team. Never printed when the "
                 "story is used anonymously — in a small community even a changed name can point to someone.")
        self.anonymous_as = QLineEdit()
        self.anonymous_as.setMaxLength(200)
        self.anonymous_as.setPlaceholderText("e.g. a trainee, 19")
        labelled(who_form, "When anonymous, &say", self.anonymous_as,
                 "How exports describe them when no name may be used. Keep it vague enough not to identify them.")
        self.level = QComboBox()
        for level in LEVEL_ORDER:
            self.level.addItem(level.label[0].upper() + level.label[1:], level.value)
        labelled(who_form, "Tell it &with", self.level,
                 "How identifiable the story is meant to be. Exports never go beyond what consent allows.")
        self.about_child = QCheckBox("The story is about a child (under 18)")
        who_form.addWidget(self.about_child)
        categories = QWidget()
        grid = QGridLayout(categories)
        grid.setContentsMargins(0, 0, 0, 0)
        self.categories: dict[str, QCheckBox] = {}
        for position, (key, label) in enumerate(SPECIAL_CATEGORIES.items()):
            box = QCheckBox(SPECIAL_CATEGORY_SHORT[key])
            box.setAccessibleName(f"Special category data: {label}")
            box.setToolTip(label)
            self.categories[key] = box
            grid.addWidget(box, position // 2, position % 2)
        labelled(who_form, "Sensitive detai&ls", categories,
                 "Tick what the story reveals about them (the law calls these \u201cspecial category data\u201d). "
                 "Before use outside the organisation these need a clear yes from the person (explicit consent).",
                 buddy=next(iter(self.categories.values())))
        layout.addWidget(who)

        links = QGroupBox("Evidence")
        links_form = field_column(links)
        self.indicator_model = QStandardItemModel(self)
        self.indicators = QListView()
        self.indicators.setModel(self.indicator_model)
        self.indicators.setMaximumHeight(96)
        self.indicators.setAccessibleName("Indicators this story illustrates")
        self.no_indicators = HelpLabel("No indicators yet: add them in step 3, What we measure.")
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.indicators)
        column.addWidget(self.no_indicators)
        labelled(links_form, "Ill&ustrates", holder, "The numbers this story puts a face to.", buddy=self.indicators)
        self.photos = AttachmentList(ctx, PHOTO, "Photos", "Add photos…",
                                     "Images (*.jpg *.jpeg *.png *.heic *.webp);;All files (*)")
        labelled(links_form, "Ph&otos", self.photos, "Printed only when the person may be identified.",
                 buddy=self.photos.add_button)
        self.documents = AttachmentList(ctx, DOCUMENT, "Other documents", "Add documents…")
        labelled(links_form, "Do&cuments", self.documents, "Notes, interview transcripts: kept here, never exported.",
                 buddy=self.documents.add_button)
        layout.addWidget(links)

        self.consent = ConsentEditor(ctx)
        layout.addWidget(self.consent)
        layout.addStretch()

        # Each text field's value as it would be saved; what they showed when loaded is kept, so
        # leaving a field unchanged saves nothing (even when it tidied the stored text).
        self._readers = {
            "title": self.title.text,
            "domain": lambda: self.domain.currentText().strip(),
            "keywords": lambda: parse_keywords(self.keywords.text()),
            "person_name": lambda: self.person_name.text().strip(),
            "pseudonym": lambda: self.pseudonym.text().strip(),
            "anonymous_as": lambda: self.anonymous_as.text().strip(),
            **{field: edit.toPlainText for field, edit in self.texts.items()},
        }
        self._shown: dict = {}
        self.title.editingFinished.connect(lambda: self._save_field("title"))
        self.story_date.date_edited.connect(lambda value: self._save(story_date=value))
        self.story_date.validity_changed.connect(lambda problem: self.problems.show_problems([problem] if problem else []))
        self.domain.lineEdit().editingFinished.connect(lambda: self._save_field("domain"))
        self.domain.activated.connect(lambda _i: self._save_field("domain"))
        for field, edit in self.texts.items():
            edit.editingFinished.connect(lambda field=field: self._save_field(field))
            edit.textChanged.connect(self._count_words)
        self.keywords.editingFinished.connect(lambda: self._save_field("keywords"))
        self.status.activated.connect(lambda _i: self._save(status=self.status.currentData()))
        for field in ("person_name", "pseudonym", "anonymous_as"):
            getattr(self, field).editingFinished.connect(lambda field=field: self._save_field(field))
        self.level.activated.connect(lambda _i: self._save(level=IdLevel(self.level.currentData())))
        self.about_child.toggled.connect(lambda checked: self._save(about_child=checked))
        for box in self.categories.values():
            box.toggled.connect(lambda _checked: self._save(special_categories=frozenset(
                key for key, other in self.categories.items() if other.isChecked())))
        self.indicator_model.itemChanged.connect(self._indicators_changed)
        self.consent.changed.connect(self._consent_changed)
        for files in (self.photos, self.documents):
            files.changed.connect(lambda: self.story_changed.emit(self.story_id or ""))

    # -- file -> widgets --------------------------------------------------------------------------
    def load(self, story_id: str | None) -> None:
        self.story_id = story_id
        story = self.ctx.workspace.stories.get(story_id) if story_id else Story()
        self._loading = True
        try:
            self.title.setText(story.title)
            self.story_date.set_date(story.story_date)
            self.domain.setCurrentText(story.domain)
            for field, edit in self.texts.items():
                edit.set_text_quietly(getattr(story, field))
            self.keywords.setText(", ".join(story.keywords))
            self.status.setCurrentIndex(self.status.findData(story.status))
            self.person_name.setText(story.person_name)
            self.pseudonym.setText(story.pseudonym)
            self.anonymous_as.setText(story.anonymous_as)
            self.level.setCurrentIndex(self.level.findData(story.level.value))
            self.about_child.setChecked(story.about_child)
            for key, box in self.categories.items():
                box.setChecked(key in story.special_categories)
            self._load_indicators()
        finally:
            self._loading = False
        self._shown = {field: read() for field, read in self._readers.items()}
        self.problems.show_problems([])
        self.photos.set_owner(Owner.STORY if story_id else None, story_id)
        self.documents.set_owner(Owner.STORY if story_id else None, story_id)
        self.consent.load(story_id)
        self._count_words()
        self._show_name_warning(story)
        self._set_writable(bool(story_id) and not self.ctx.workspace.read_only)

    def _set_writable(self, writable: bool) -> None:
        for widget in (self.title, self.story_date, self.keywords, self.person_name, self.pseudonym, self.anonymous_as,
                       *self.texts.values()):
            widget.setReadOnly(not writable)
        for widget in (self.domain, self.status, self.level, self.about_child, *self.categories.values(), self.indicators):
            widget.setEnabled(writable)

    def indicator_choices(self) -> list[tuple[str, str]]:
        repo = getattr(self.ctx.workspace, "indicators", None)
        if repo is None:
            return []
        try:
            return [(indicator.id, indicator.name) for indicator in repo.all()]
        except SvdeskError:
            return []

    def _load_indicators(self) -> None:
        self.indicator_model.clear()
        linked = set(self.ctx.workspace.stories.indicators_for(self.story_id)) if self.story_id else set()
        for indicator_id, name in self.indicator_choices():
            item = QStandardItem(name)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(indicator_id, INDICATOR_ROLE)
            item.setCheckState(Qt.CheckState.Checked if indicator_id in linked else Qt.CheckState.Unchecked)
            self.indicator_model.appendRow(item)
        has = self.indicator_model.rowCount() > 0
        self.indicators.setVisible(has)
        self.no_indicators.setVisible(not has)

    def _count_words(self) -> None:
        total = sum(count_words(edit.toPlainText()) for edit in self.texts.values())
        self.words.setText(f"{total} word{'s' if total != 1 else ''} in the story")

    def _show_summary(self) -> None:
        if not self.story_id:
            self.summary.clear()
            return
        uses = self.ctx.workspace.stories.uses_of(self.story_id)
        used = f" Used in {len(uses)} document{'s' if len(uses) != 1 else ''}." if uses else ""
        self.summary.setText(verdict_html(self.ctx.workspace.stories, self.story_id, detailed=False)
                             + f"{used} <a href='#consent'>Consent record</a>")

    def _show_name_warning(self, story: Story | None = None) -> None:
        self._show_summary()
        if not self.story_id:
            self.name_warning.show_problems([])
            return
        story = story or self.ctx.workspace.stories.get(self.story_id)
        consent = self.ctx.workspace.stories.consent_for(self.story_id)
        allowed = story.level.at_most(consent.level) if consent.given else IdLevel.ANONYMOUS
        warning = story.name_warning(allowed)
        self.name_warning.show_problems([warning] if warning else [])

    # -- widgets -> file --------------------------------------------------------------------------
    def _save_field(self, field: str) -> None:
        value = self._readers[field]()
        if self._loading or value == self._shown.get(field):
            return
        if self._save(**{field: value}):
            self._shown[field] = value  # a refused value is tried again when the field is left

    def _save(self, **changes) -> bool:
        if self._loading or not self.story_id or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return False
        repo = self.ctx.workspace.stories
        try:
            story = story_services.update_story(self.ctx.workspace, self.story_id, **changes)
        except ValidationError as error:
            # What was typed stays on screen; a story that is not complete stays a draft.
            self.problems.show_problems(error.problems)
            if "status" in changes:
                self._loading = True
                self.status.setCurrentIndex(self.status.findData(repo.get(self.story_id).status))
                self._loading = False
            return False
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return False
        self.problems.show_problems([])
        self._show_name_warning(story)
        self.consent.refresh_verdict()  # the verdict depends on the story too (status, flags)
        self.story_changed.emit(self.story_id)
        return True

    def _indicators_changed(self, _item) -> None:
        if self._loading or not self.story_id:
            return
        chosen = [self.indicator_model.item(row).data(INDICATOR_ROLE) for row in range(self.indicator_model.rowCount())
                  if self.indicator_model.item(row).checkState() == Qt.CheckState.Checked]
        try:
            story_services.link_indicators(self.ctx.workspace, self.story_id, chosen)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Link not saved", str(error))
            self._loading = True
            self._load_indicators()
            self._loading = False
            return
        self.story_changed.emit(self.story_id)

    def _consent_changed(self) -> None:
        self._show_name_warning()
        if self.story_id:
            self.story_changed.emit(self.story_id)

    def finish_editing(self) -> None:
        for edit in self.texts.values():
            edit.finish()
        self.consent.finish_editing()
