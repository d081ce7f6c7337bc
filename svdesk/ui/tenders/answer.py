"""The answer: drafted from the records within the word limit, edited here (kept as you type),
exported or copied; once sent, the exact text sent is shown read-only with its date."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton, QSplitter, QToolButton, QTreeView,
    QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date, today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.tenders import Tender, TenderStatus
from svdesk.services import tenders as tender_services
from svdesk.ui.tenders.answer_highlighter import HeadingHighlighter
from svdesk.ui.common.page_base import scrolling
from svdesk.ui.stories.picker_model import StoryPickerModel
from svdesk.ui.tenders.answer_output import FORMATS, AnswerOutput
from svdesk.ui.tenders.criteria import CriteriaPanel
from svdesk.ui.tenders.parts import QuestionPartsPanel
from svdesk.ui.common.widgets import HelpLabel, SavingTextEdit, WordCountLabel

# Dark text on both: these backgrounds are light whatever the desktop's theme.
_SENT_STYLE = "color: #1a1a1a; background: #e6f2ea; border: 1px solid #9cc9ad; border-radius: 4px; padding: 6px;"
_WARNING_STYLE = "color: #1a1a1a; background: #fff4d6; border: 1px solid #d9a400; border-radius: 4px; padding: 6px;"

SAVE_DELAY_MS = 1200


class AnswerTab(QWidget):
    changed = Signal()
    status_requested = Signal(object)   # the page changes the status (sending freezes the text)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tender: Tender | None = None
        self._loading = False
        # What load() leaves until the tab is looked at: listing every story with its consent
        # decision, checking a sent answer against every story's person and the question's
        # parts took seconds with 50,000 stories, on the thread that draws, for a tab not shown.
        self._stories_for: Tender | None = None
        self._sent_to_check = None
        self._parts_pending = False

        self.auto_stories = QCheckBox("Let svdesk &choose (up to two)")
        self.auto_stories.setToolTip("svdesk picks up to two ready stories whose consent covers tenders, preferring "
                                     "those linked to your commitments' indicators.")
        self.stories_model = StoryPickerModel(self)
        # A one-column tree rather than a list: long titles are elided to the panel's width.
        self.stories = QTreeView()
        self.stories.setHeaderHidden(True)
        self.stories.setRootIsDecorated(False)
        self.stories.setModel(self.stories_model)
        self.stories.setAccessibleName("Stories for this answer")
        self.stories.setMinimumHeight(90)
        self.stories.setTextElideMode(Qt.TextElideMode.ElideRight)

        self.draft_button = QPushButton("&Draft the answer")
        self.draft_button.setDefault(True)
        from svdesk.compose.answer_cuts import CUT_ORDER_TEXT

        self.draft_button.setToolTip("Writes the answer from your commitments, results, stories and agreed "
                                     "statement, in the order evaluators read.\n\n" + CUT_ORDER_TEXT)
        self.versions_button = QPushButton("Earlier &versions…")
        self.copy_button = QPushButton("C&opy")
        self.copy_button.setToolTip("Copies the answer as plain and formatted text, to paste into a tender portal.")
        self.export_button = QToolButton()
        self.export_button.setText("&Export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setAccessibleName("Export the answer")
        menu = QMenu(self.export_button)
        for fmt, label, _filter in FORMATS:
            menu.addAction(label, lambda fmt=fmt: self.export(fmt))
        self.export_button.setMenu(menu)
        self.submit_button = QPushButton("Mark as &submitted…")
        self.reopen_button = QPushButton("Prepare a &new submission…")

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setAccessibleDescription("What the draft left out, and what to check")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setToolTip(CUT_ORDER_TEXT)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleDescription("Submitted answer")
        self.banner.setStyleSheet(_SENT_STYLE)
        self.editor = SavingTextEdit()
        self.editor.setAccessibleName("The answer")
        self.editor.setPlaceholderText("Press Draft the answer: svdesk writes it from your commitments, results, "
                                       "stories and statement, within the word limit. Then edit it here.")
        self.editor.setTabChangesFocus(True)
        self.highlighter = HeadingHighlighter(self.editor.document())
        self.frozen = QPlainTextEdit()
        self.frozen.setReadOnly(True)
        self.frozen.setAccessibleName("The answer as sent")
        self.frozen_highlighter = HeadingHighlighter(self.frozen.document())
        self.count = WordCountLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Last export")
        self.open_button = QPushButton("Open it")
        self.open_button.hide()
        self.output = AnswerOutput(ctx, self, self.result, self.open_button)
        # What the buyer will score, beside the draft: each criterion and what covers it.
        self.criteria = CriteriaPanel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        buttons = QHBoxLayout()
        for widget in (self.draft_button, self.versions_button, self.copy_button, self.export_button):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.reopen_button)
        layout.addLayout(buttons)

        editor_side = QWidget()
        text_layout = QVBoxLayout(editor_side)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.banner)
        text_layout.addWidget(self.editor, 1)
        text_layout.addWidget(self.frozen, 1)
        below = QHBoxLayout()
        below.addWidget(HelpLabel("Headings count as words, as in the buyer's word processor."), 1)
        below.addWidget(self.count)
        text_layout.addLayout(below)
        # The question's parts above the answer, so each part and its coverage sit beside the text.
        self.parts = QuestionPartsPanel(ctx)
        text_side = QSplitter(Qt.Orientation.Vertical)
        text_side.addWidget(scrolling(self.parts))
        text_side.addWidget(editor_side)
        text_side.setChildrenCollapsible(False)
        text_side.setSizes([230, 400])
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 0, 0)
        side_layout.addWidget(self.criteria)   # the evaluator's checklist first, beside the draft
        stories_caption = QLabel("Stories in the answer")
        bold = stories_caption.font()
        bold.setBold(True)
        stories_caption.setFont(bold)
        side_layout.addWidget(stories_caption)
        side_layout.addWidget(self.auto_stories)
        side_layout.addWidget(self.stories)
        self.sent_stories = QLabel()
        self.sent_stories.setWordWrap(True)
        self.sent_stories.setAccessibleDescription("Stories in the answer as sent")
        side_layout.addWidget(self.sent_stories)
        side_layout.addWidget(self.notes)
        side_layout.addStretch()
        splitter = QSplitter()
        splitter.addWidget(text_side)
        splitter.addWidget(scrolling(side))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([560, 250])
        layout.addWidget(splitter, 1)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.open_button)
        layout.addLayout(result_row)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_text)
        self.editor.textChanged.connect(self._typed)
        self.editor.editingFinished.connect(self.save_text)
        self.draft_button.clicked.connect(self.draft)
        self.versions_button.clicked.connect(self.earlier_versions)
        self.copy_button.clicked.connect(self.copy)
        self.submit_button.clicked.connect(lambda: self.status_requested.emit(TenderStatus.SUBMITTED))
        self.reopen_button.clicked.connect(lambda: self.status_requested.emit(TenderStatus.DRAFTING))
        self.auto_stories.toggled.connect(self._auto_toggled)
        self.stories_model.checked_changed.connect(self._story_checked)
        self.parts.records_changed.connect(self._records_changed)
        self.parts.parts_changed.connect(self._records_changed)

    # -- loading ----------------------------------------------------------------------------------
    def load(self, tender: Tender) -> None:
        # Typing is saved by finish_editing (the page calls it before showing another tender);
        # whatever the editor holds now is replaced by what is stored.
        self._timer.stop()
        self.tender = tender
        workspace = self.ctx.workspace
        state = workspace.tenders.answer(tender.id)
        sent = workspace.tenders.latest_submission(tender.id) if tender.status.is_sent else None
        self.count.limit = tender.word_limit
        self._loading = True
        try:
            self.editor.set_text_quietly(state.text)
            self.auto_stories.setChecked(not tender.stories_chosen)
        finally:
            self._loading = False
        self._stories_for = tender
        self._sent_to_check = sent
        read_only = workspace.read_only
        frozen = sent is not None
        self.editor.setVisible(not frozen)
        self.frozen.setVisible(frozen)
        self.banner.setVisible(frozen)
        for widget in (self.draft_button, self.submit_button, self.auto_stories, self.stories):
            widget.setEnabled(not frozen and not read_only)
        self.versions_button.setEnabled(not frozen and not read_only)
        self.editor.setReadOnly(read_only)
        self.submit_button.setVisible(not frozen)
        self.auto_stories.setVisible(not frozen)
        self.stories.setVisible(not frozen)
        self.sent_stories.setVisible(frozen)
        if frozen:
            from svdesk.compose.tender import sent_stories_sentence

            self.sent_stories.setText(sent_stories_sentence(workspace, sent.story_ids))
        self.reopen_button.setVisible(frozen and tender.status is TenderStatus.SUBMITTED and not read_only)
        if frozen:
            self.frozen.setPlainText(sent.text)
            self._show_banner(sent, "")
            self.count.update_count(sent.text)
            self.notes.setText("")
            self.notes.hide()
            self.criteria.set_criteria(())
        else:
            self.count.update_count(state.text)
            self._show_notes(list(state.notes), self._checks(tender))
            self._show_criteria(tender)
        self.result.setText("")
        self.open_button.hide()
        self._parts_pending = True
        if self._looked_at():
            self.load_rest()

    def _show_banner(self, sent, warning: str) -> None:
        limit = f" of {sent.word_limit:,}" if sent.word_limit else ""
        self.banner.setText(f"Submitted on {format_date(sent.submitted_on)} — the exact text sent ({sent.words:,}"
                            f"{limit} words). It is kept as it was and cannot be changed." + warning)
        self.banner.setStyleSheet(_WARNING_STYLE if warning else _SENT_STYLE)

    def _looked_at(self) -> bool:
        """Shown, or the current tab of its tab widget (a page not on screen, as in a test)."""
        from PySide6.QtWidgets import QStackedWidget

        holder = self.parentWidget()
        return self.isVisible() or not isinstance(holder, QStackedWidget) or holder.currentWidget() is self

    def load_rest(self) -> None:
        """Does what load() left until the tab is looked at (the page calls this when the tab is
        chosen; showing the tab does it too)."""
        self._fill_stories_pending()
        sent, self._sent_to_check = self._sent_to_check, None
        if sent is not None:
            self._show_banner(sent, self._sent_exposure(sent))
        if self._parts_pending and self.tender is not None:
            self._parts_pending = False
            self.parts.load(self.tender, read_only=self.tender.status.is_sent or self.ctx.workspace.read_only)

    def _sent_exposure(self, sent) -> str:
        from svdesk.compose.tender import sent_answer_warning

        warning = sent_answer_warning(self.ctx.workspace, sent.text, sent.submitted_on, today())
        return f"\n\n{warning}" if warning else ""

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Commitments or the question may have changed on another tab since the parts were shown.
        super().showEvent(event)
        if self.tender is not None:
            self.tender = self.ctx.workspace.tenders.get(self.tender.id)
            self._parts_pending = True
            self.load_rest()
            self._show_criteria(None if self.tender.status.is_sent else self.tender)

    def _records_changed(self) -> None:
        """A gap was filled or the parts changed: a draft nobody has edited is drafted again."""
        self.tender = self.ctx.workspace.tenders.get(self.tender.id)
        state = self.ctx.workspace.tenders.answer(self.tender.id)
        if not state.edited:
            self.draft()
        else:
            self._show_notes(list(state.notes), self._checks(self.tender))
            self._show_criteria(self.tender)
        self.changed.emit()

    def _checks(self, tender: Tender) -> list[str]:
        from svdesk.compose.tender_material import gather

        try:
            return gather(self.ctx.workspace, tender, today()).checks
        except SvdeskError:
            return []

    def _show_criteria(self, tender: Tender | None) -> None:
        from svdesk.compose.tender import criteria_for

        try:
            self.criteria.set_criteria(criteria_for(self.ctx.workspace, tender, today=today()) if tender else ())
        except SvdeskError:
            self.criteria.set_criteria(())

    def _show_notes(self, left_out: list[str], checks: list[str]) -> None:
        parts = []
        if left_out:
            limit = f"{self.tender.word_limit:,} words" if self.tender.word_limit else "the limit"
            parts.append(f"To fit {limit}, the draft:\n• " + "\n• ".join(left_out))
        if checks:
            parts.append("Before you send it:\n• " + "\n• ".join(checks))
        self.notes.setText("\n\n".join(parts))
        self.notes.setVisible(bool(parts))

    def _fill_stories_pending(self) -> None:
        tender, self._stories_for = self._stories_for, None
        if tender is None or self.ctx.workspace.file.is_closed:
            return
        loading, self._loading = self._loading, True
        try:
            self._fill_stories(tender)
        finally:
            self._loading = loading

    def _fill_stories(self, tender: Tender) -> None:
        repo = self.ctx.workspace.stories
        from svdesk.compose.tender_material import TENDER_USE, chosen_stories

        if tender.stories_chosen:
            chosen = set(tender.story_ids)
        else:  # show what svdesk would choose, so switching to "my choice" starts from it
            commitments = self.ctx.workspace.tenders.commitments(tender.id)
            chosen = {story.story_id for story in chosen_stories(self.ctx.workspace, tender, commitments, today())}
        self.stories_model.set_stories(repo.decisions_for(TENDER_USE, today()), chosen)
        self.stories.setEnabled(tender.stories_chosen and not self.ctx.workspace.read_only)
        self.stories.scrollToTop()

    # -- stories ----------------------------------------------------------------------------------
    def _chosen_story_ids(self) -> list[str]:
        self._fill_stories_pending()  # the list starts from what svdesk would choose
        return self.stories_model.chosen_ids()

    def _auto_toggled(self, automatic: bool) -> None:
        if self._loading or self.tender is None:
            return
        self._fill_stories_pending()
        self.stories.setEnabled(not automatic)
        self._save_stories(None if automatic else self._chosen_story_ids())

    def _story_checked(self) -> None:
        if self._loading or self.tender is None or self.auto_stories.isChecked():
            return
        self._save_stories(self._chosen_story_ids())

    def _save_stories(self, story_ids: list[str] | None) -> None:
        """None: svdesk chooses; a list: exactly these (maybe none)."""
        from dataclasses import replace

        chosen = story_ids is not None
        try:
            self.tender = tender_services.save_tender(
                self.ctx.workspace, replace(self.tender, stories_chosen=chosen, story_ids=tuple(story_ids or ())))
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
        if chosen and len(story_ids) > 2:
            self.result.setText("Only the first two chosen stories go into the answer.")

    # -- editing ----------------------------------------------------------------------------------
    def _typed(self) -> None:
        self.count.update_count(self.editor.toPlainText())
        if not self._loading:
            self._timer.start()

    def save_text(self) -> None:
        self._timer.stop()
        # A line's neighbours decide whether it is a heading: look again once typing pauses.
        # (Re-highlighting reports a change of the text; it is not one, so it is not passed on.)
        blocked = self.editor.blockSignals(True)
        self.highlighter.rehighlight()
        self.editor.blockSignals(blocked)
        if self.tender is None or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return
        if self.tender.status.is_sent:
            return
        try:
            tender_services.save_answer_text(self.ctx.workspace, self.tender.id, self.editor.toPlainText())
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))

    def finish_editing(self) -> None:
        self.editor.finish()
        self.save_text()

    def draft(self) -> None:
        self.save_text()
        state = self.ctx.workspace.tenders.answer(self.tender.id)
        if state.edited and not self.ctx.dialogs.confirm(
            self, "Draft the answer again?",
            "The editor holds your own edits. A new draft replaces them in the editor; your edited text is kept "
            "under Earlier versions, so you can bring it back at any time.", yes="Draft again",
        ):
            return
        try:
            draft = tender_services.redraft_answer(self.ctx.workspace, self.tender.id, today())
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Could not draft the answer", str(error))
            return
        self._loading = True
        try:
            self.editor.set_text_quietly(draft.text)
        finally:
            self._loading = False
        self.count.update_count(draft.text)
        self._show_notes(list(draft.left_out), list(draft.checks))
        self.criteria.set_criteria(draft.criteria)
        words = f"{draft.words:,} words" + (f" of {draft.limit:,}" if draft.limit else "")
        self.result.setText(f"Drafted: {words}.")
        self.changed.emit()

    def earlier_versions(self) -> None:
        self.save_text()
        versions = self.ctx.workspace.tenders.versions(self.tender.id)
        if not versions:
            self.ctx.dialogs.info(self, "No earlier versions", "Earlier texts are kept here whenever a new draft or a "
                                  "restored version replaces the text in the editor. There are none yet.")
            return
        labels = [f"{format_date(v.created_at)} {v.created_at[11:16]} — "
                  f"{'your edited text' if v.kind == 'edited' else 'a draft'}, {v.words:,} words" for v in versions]
        choice = self.ctx.dialogs.choose(self, "Earlier versions", "Bring back which text? (The text in the editor "
                                         "is kept as an earlier version too.)", labels)
        if choice is None:
            return
        tender_services.bring_back_answer_version(self.ctx.workspace, versions[choice].id)
        self.load(self.ctx.workspace.tenders.get(self.tender.id))
        self.changed.emit()

    # -- out --------------------------------------------------------------------------------------
    def copy(self) -> None:
        self.save_text()
        self.output.copy(self.tender.id)

    def export(self, fmt: str) -> None:
        self.save_text()
        self.output.export(self.tender, fmt)
