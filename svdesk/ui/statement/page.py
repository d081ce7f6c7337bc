"""Step 2 — Our statement: guided questions -> a drafted statement the team edits and agrees.

Write tab: the questions on the left, the draft with word counts and suggestions on the right.
Outcomes tab: framework tags. History tab: agreed versions, viewable and comparable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.statement import SHORT_MAX_WORDS, Agreement, Statement, draft_differs
from svdesk.domain.statement_draft import compose, hard_trim
from svdesk.domain.words import count_words
from svdesk.store.statement_library import example_kinds, hint_words
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.page_base import Page, scrolling
from svdesk.ui.statement.agree import AgreeDialog
from svdesk.ui.statement.draft_panel import DraftPanel
from svdesk.ui.statement.history import HistoryPanel
from svdesk.ui.statement.outcomes import OutcomesPanel
from svdesk.ui.statement.share import ShareButton
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel
from svdesk.services import statement as statement_services

_BADGE = "padding: 3px 8px; border-radius: 4px; background-color: {bg}; color: {fg};"
AGREED_COLOURS = {"bg": "#dcefe0", "fg": "#14532d"}
DRAFT_COLOURS = {"bg": "#fdf0d5", "fg": "#7a4a00"}
NEW_COLOURS = {"bg": "#e8e8e8", "fg": "#333333"}


class StatementPage(Page):
    key = "statement"
    title = "Our statement"
    reads_when_made = True

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.repo = ctx.workspace.statements
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(6)

        top = QHBoxLayout()
        heading = QLabel(self.title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.badge = QLabel()
        self.badge.setAccessibleDescription("Agreement")
        self.agree_button = QPushButton("Mark as &agreed…")
        self.agree_button.setToolTip("Record that your board or team agreed this text; exports use the agreed version")
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.badge)
        top.addStretch()
        self.share_button = ShareButton(ctx, lambda *args: self._show_banner(*args))
        top.addWidget(self.share_button)
        top.addWidget(self.agree_button)
        layout.addLayout(top)
        self.intro = HelpLabel(
            "Say in a few sentences who you work with and what changes for them. Answer the questions, edit "
            "the draft, then agree it with your board or team: tenders and your CIC34 report use the agreed "
            "version, never a draft."
        )
        layout.addWidget(self.intro)

        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_undo = QPushButton("&Undo")
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_undo)
        self.banner.hide()
        self._banner_action = None
        layout.addWidget(self.banner)
        self.problems = ProblemLabel()
        layout.addWidget(self.problems)

        from svdesk.ui.statement.questions import QuestionsPanel

        self.questions = QuestionsPanel(example_kinds())
        self.draft = DraftPanel(hint_words())
        write = QSplitter(Qt.Orientation.Horizontal)
        questions_area = scrolling(self.questions)
        questions_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        write.addWidget(questions_area)
        write.addWidget(self.draft)
        write.setChildrenCollapsible(False)
        write.setSizes([420, 460])
        self.write_splitter = write
        self.outcomes = OutcomesPanel()
        self.history = HistoryPanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(write, "&Write")
        self.tabs.addTab(self.outcomes, "&Outcomes")
        self.tabs.addTab(self.history, "Histor&y")
        layout.addWidget(self.tabs, 1)

        self.questions.answer_finished.connect(self._answer_finished)
        self.questions.kind_changed.connect(self._kind_changed)
        self.questions.example_requested.connect(self._show_example)
        self.draft.full_finished.connect(lambda text: self._save_text(full_text=text))
        self.draft.short_finished.connect(lambda text: self._save_text(short_text=text))
        self.draft.redraft_clicked.connect(self.redraft)
        self.draft.previous_clicked.connect(self._bring_back)
        self.draft.trim_clicked.connect(self._trim)
        self.agree_button.clicked.connect(self.mark_as_agreed)
        self.banner_undo.clicked.connect(self._undo)
        self.outcomes.tags_changed.connect(self._tags_changed)
        self.outcomes.frameworks_requested.connect(self.open_frameworks)
        self.history.copy_requested.connect(self._copy_version)
        self.history.withdraw_requested.connect(self._withdraw)
        self.refresh()

    # -- the journey ------------------------------------------------------------------------------
    @classmethod
    def journey_status(cls, workspace) -> str | None:
        if workspace.file.is_closed:
            return ""
        return workspace.statements.status()

    def status_text(self) -> str:
        return self.journey_status(self.ctx.workspace) or ""

    # -- file -> widgets --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.workspace.file.is_closed:
            return
        statement = self.repo.get()
        self.questions.set_statement(statement)
        self._show_draft(statement)
        self._show_outcomes()
        self._show_history(statement)
        read_only = self.ctx.workspace.read_only
        self.questions.set_read_only(read_only)
        self.draft.set_read_only(read_only)
        self.outcomes.set_read_only(read_only)
        self._enable_agree(statement)

    def _show_draft(self, statement: Statement) -> None:
        notes = []
        if statement.short_text and not statement.short_edited:
            drafted = self.repo.draft_from(statement.answers)
            if drafted.short_text == statement.short_text:
                notes = drafted.notes
        self.draft.set_statement(statement, notes)
        self._show_badge(statement)

    def _show_badge(self, statement: Statement | None = None) -> None:
        statement = statement or self.repo.get()
        latest = self.repo.latest()
        if latest is not None:
            text = f"Agreed {format_date(latest.agreed_on)} by {latest.agreed_by} · version {latest.number}"
            colours = AGREED_COLOURS
            if draft_differs(statement, latest):
                text += " · the draft has changes not yet agreed"
                colours = DRAFT_COLOURS
        elif statement.is_blank:
            text, colours = "Not started", NEW_COLOURS
        else:
            text, colours = "Draft — not yet agreed", DRAFT_COLOURS
        self._enable_agree(statement)
        self.badge.setText(text)
        self.badge.setStyleSheet(_BADGE.format(**colours))
        self.status_changed.emit()

    def _enable_agree(self, statement: Statement) -> None:
        self.share_button.update_state(self.repo.latest() is not None)
        can = not self.ctx.workspace.read_only and bool(statement.full_text.strip())
        self.agree_button.setEnabled(can)
        self.agree_button.setToolTip(
            "Record that your board or team agreed this text; exports use the agreed version" if can
            else "Write the statement first (answer the questions, or type it yourself)"
        )

    def _show_outcomes(self) -> None:
        tags = self.repo.tags()
        self.outcomes.set_tags(self.ctx.workspace.frameworks.all(), tags)
        self.tabs.setTabText(1, f"&Outcomes ({len(tags)})" if tags else "&Outcomes")

    def _show_history(self, statement: Statement) -> None:
        versions = self.repo.versions()
        self.history.set_history(versions, statement, self.ctx.workspace.read_only)
        self.tabs.setTabText(2, f"Histor&y ({len(versions)})" if versions else "Histor&y")

    # -- widgets -> file --------------------------------------------------------------------------
    def _writable(self) -> bool:
        return not (self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed)

    def _run(self, action):
        """Runs a change; problems are shown on the page (typed text stays where it is)."""
        try:
            result = action()
        except ValidationError as error:
            self.problems.show_problems(error.problems)
            return None
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return None
        self.problems.show_problems([])
        return result

    def _answer_finished(self, key: str, text: str) -> None:
        if not self._writable():
            return
        statement = self._run(lambda: statement_services.save_answer(self.ctx.workspace, key, text))
        if statement is not None:
            self._show_draft(statement)
            self.history.set_history(self.repo.versions(), statement, self.ctx.workspace.read_only)

    def _kind_changed(self, kind: str) -> None:
        if self._writable():
            self._run(lambda: statement_services.set_kind(self.ctx.workspace, kind))

    def _save_text(self, full_text: str | None = None, short_text: str | None = None) -> None:
        if not self._writable():
            return
        statement = self._run(lambda: statement_services.save_text(self.ctx.workspace, full_text=full_text,
                                                                    short_text=short_text))
        if statement is not None:
            self.draft.set_statement(statement, [] if short_text is not None else None)
            self._show_badge(statement)
            self.history.set_history(self.repo.versions(), statement, self.ctx.workspace.read_only)

    def redraft(self) -> None:
        self.finish_editing()
        statement = self.repo.get()
        if statement.answers.is_empty():
            self.ctx.dialogs.info(self, "Nothing to draft from yet",
                                  "Answer at least one of the questions on the left; the draft is made from your answers.")
            return
        if statement.full_edited or statement.short_edited:
            if not self.ctx.dialogs.confirm(
                self, "Redraft from your answers?",
                "This replaces the statement and the one-sentence version with a new draft from your answers.\n\n"
                "Your edited text is kept: “Bring back earlier text” returns to it at any time.",
                yes="Redraft",
            ):
                return
        statement = self._run(lambda: statement_services.redraft(self.ctx.workspace))
        if statement is not None:
            self._show_draft(statement)

    def _bring_back(self) -> None:
        statement = self._run(lambda: statement_services.bring_back_earlier_text(self.ctx.workspace))
        if statement is not None:
            self._show_draft(statement)

    def _trim(self) -> None:
        self.draft.finish()
        text = self.draft.short_edit.toPlainText()
        words = count_words(text)
        if words <= SHORT_MAX_WORDS:
            return
        statement = self._run(lambda: statement_services.save_text(self.ctx.workspace, short_text=hard_trim(text)))
        if statement is not None:
            self._show_draft(statement)
            self.draft.show_notes([f"Cut from {words} to {count_words(statement.short_text)} words, whole words "
                                   "only. Read it through: the end may need rewording."])

    def _tags_changed(self, tags: list) -> None:
        # Called from inside the picker's own signal: never rebuild the picker here (its items
        # would be deleted under the signal's feet); the picker already shows the choice.
        if self._writable():
            saved = self._run(lambda: statement_services.set_outcomes(self.ctx.workspace, tags))
            if saved is not None:
                self.tabs.setTabText(1, f"&Outcomes ({len(saved)})" if saved else "&Outcomes")

    def _show_example(self) -> None:
        kind = self.questions.current_kind()
        if kind is None:
            return
        draft = compose(kind.answers, kind.organisation)
        self.ctx.dialogs.info(
            self, f"Example — {kind.name}",
            f"{draft.full_text}\n\nIn one sentence: {draft.short_text}\n\n"
            f"{kind.organisation} is made up; this is what svdesk drafts from its example answers. "
            "Your own statement should be in your own words.",
        )

    # -- agreeing ---------------------------------------------------------------------------------
    def ask_agreement(self, statement: Statement, latest, today) -> Agreement | None:
        """Asks when and by whom (replaced in tests: a real modal dialog would wait forever)."""
        from svdesk.ui.statement.agree import agreed_by_suggestion

        dialog = AgreeDialog(statement, latest, today, self, agreed_by_suggestion(self.ctx.workspace, today))
        return dialog.agreement() if self.run_dialog(dialog) else None

    def run_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def mark_as_agreed(self) -> None:
        self.finish_editing()
        if not self._writable():
            return
        statement = self.repo.get()
        if not statement.full_text.strip():
            self.ctx.dialogs.info(self, "Nothing to agree yet",
                                  "Answer the questions (or write the statement yourself) first, then mark it as agreed.")
            return
        agreement = self.ask_agreement(statement, self.repo.latest(), self.repo.today())
        if agreement is None:
            return
        try:
            version = statement_services.agree(self.ctx.workspace, agreement)
        except ValidationError as error:
            self.ctx.dialogs.error(self, "Not agreed", "\n".join(error.problems))
            return
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not agreed", str(error))
            return
        self.refresh()
        self._show_banner(f"Version {version.number} is agreed ({version.label}). Tender answers and reports "
                          "now use it.", lambda: self._withdrawn(version.id))

    def _withdraw(self, version_id: str) -> None:
        version = self.repo.version(version_id)
        if not self.ctx.dialogs.confirm(
            self, "Withdraw this agreement?",
            f"Version {version.number} ({version.label}) will no longer count as agreed, and exports go back "
            "to the version before it. Use this when it was marked as agreed by mistake; you can undo it.",
            yes="Withdraw",
        ):
            return
        self._withdrawn(version_id)

    def _withdrawn(self, version_id: str) -> None:
        version = self._run(lambda: statement_services.withdraw_agreement(self.ctx.workspace, version_id))
        if version is None:
            return
        self.refresh()
        latest = self.repo.latest()
        now = f"version {latest.number} is the agreed one again" if latest else "nothing is agreed now"
        self._show_banner(f"Version {version.number} is no longer agreed; {now}.",
                          lambda: self._restored(version_id))

    def _restored(self, version_id: str) -> None:
        version = self._run(lambda: statement_services.restore_agreement(self.ctx.workspace, version_id))
        if version is not None:
            self.refresh()
            self._show_banner(f"Version {version.number} is agreed again ({version.label}).", None)

    def _copy_version(self, version_id: str) -> None:
        version = self.repo.version(version_id)
        statement = self.repo.get()
        if statement.full_text.strip() and not version.same_text(statement.full_text, statement.short_text):
            if not self.ctx.dialogs.confirm(
                self, f"Start the draft from version {version.number}?",
                f"The draft will be replaced by the text of version {version.number}. Your current draft is kept: "
                "“Bring back earlier text” on the Write tab returns to it.",
                yes="Copy into draft",
            ):
                return
        if self._run(lambda: statement_services.copy_version_to_draft(self.ctx.workspace, version_id)) is not None:
            self.refresh()
            self.tabs.setCurrentIndex(0)

    # -- banner -----------------------------------------------------------------------------------
    def _show_banner(self, text: str, action, button: str = "&Undo") -> None:
        self.banner_text.setText(text)
        self._banner_action = action
        self.banner_undo.setText(button)
        self.banner_undo.setVisible(action is not None)
        self.banner.show()

    def _undo(self) -> None:
        action, self._banner_action = self._banner_action, None
        self.banner.hide()
        if action is not None:
            action()

    # -- frameworks -------------------------------------------------------------------------------
    def open_frameworks(self) -> None:
        from svdesk.ui.common.frameworks_dialog import FrameworksDialog

        dialog = FrameworksDialog(self.ctx.workspace, self.ctx.dialogs, self)
        self.run_dialog(dialog)
        self._show_outcomes()

    def finish_editing(self) -> None:
        self.questions.finish()
        self.draft.finish()
