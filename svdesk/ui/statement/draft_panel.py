"""The draft: the full statement and its one-sentence version, with live word counts and the
quality hints beside them."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from svdesk.domain.statement import FULL_MAX_WORDS, FULL_MIN_WORDS, SHORT_MAX_WORDS, Statement
from svdesk.domain.statement_hints import Hint, HintWords, statement_hints
from svdesk.domain.words import count_words
from svdesk.ui.common.widgets import HelpLabel, SavingTextEdit, WordCountLabel
from svdesk.ui.common.colours import WARNING, themed

SAVE_AFTER_MS = 1500


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def hints_html(hints: list[Hint], has_text: bool) -> str:
    """The hints as simple rich text (every user-visible string escaped)."""
    if not has_text:
        return ("<p>Suggestions appear here as the statement takes shape: whether it names who you work "
                "with, says what changes for them and how you know, and avoids jargon.</p>")
    if not hints:
        return ("<p><b>No suggestions.</b> The statement names who you work with, says what changes for "
                "them and how you know, in plain words.</p>")
    parts = []
    for hint in hints:
        parts.append(
            f"<p style='margin-bottom:8px'><b>{html.escape(hint.title)}</b><br>"
            f"{html.escape(hint.why)}<br><i>{html.escape(hint.fix)}</i></p>"
        )
    return "".join(parts)


class DraftPanel(QWidget):
    full_finished = Signal(str)
    short_finished = Signal(str)
    redraft_clicked = Signal()
    previous_clicked = Signal()
    trim_clicked = Signal()

    def __init__(self, words: HintWords, parent: QWidget | None = None):
        super().__init__(parent)
        self._words = words
        # The texts above, the suggestions below, with a handle between them to give either room.
        texts = QWidget()
        layout = QVBoxLayout(texts)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)

        head = QHBoxLayout()
        full_label = _bold(QLabel("Your state&ment"))
        self.full_count = WordCountLabel()
        self.full_aim = HelpLabel(f"aim for {FULL_MIN_WORDS}–{FULL_MAX_WORDS}")
        head.addWidget(full_label)
        head.addStretch()
        head.addWidget(self.full_count)
        head.addWidget(self.full_aim)
        layout.addLayout(head)

        self.full_edit = SavingTextEdit()
        self.full_edit.setAccessibleName("Your statement")
        self.full_edit.setPlaceholderText("Your statement is drafted here from your answers. "
                                          "Then change any word you like.")
        self.full_edit.setMinimumHeight(self.full_edit.fontMetrics().lineSpacing() * 5 + 12)
        full_label.setBuddy(self.full_edit)
        layout.addWidget(self.full_edit, 5)

        actions = QHBoxLayout()
        self.redraft_button = QPushButton("&Redraft from answers")
        self.redraft_button.setToolTip("Draft both texts again from your answers; edited text is kept aside")
        self.previous_button = QPushButton("&Bring back earlier text")
        self.previous_button.setToolTip("Swap back to the text from before the last redraft (press again to swap back)")
        self.follow_label = HelpLabel("")
        actions.addWidget(self.redraft_button)
        actions.addWidget(self.previous_button)
        actions.addWidget(self.follow_label, 1)
        layout.addLayout(actions)

        short_head = QHBoxLayout()
        short_label = _bold(QLabel("O&ne-sentence version"))
        self.short_count = WordCountLabel(limit=SHORT_MAX_WORDS)
        self.trim_button = QPushButton(f"&Trim to {SHORT_MAX_WORDS} words")
        self.trim_button.setToolTip("Cut whole words from the end until it fits")
        short_head.addWidget(short_label)
        short_head.addStretch()
        short_head.addWidget(self.short_count)
        short_head.addWidget(self.trim_button)
        layout.addLayout(short_head)
        self.short_edit = SavingTextEdit()
        self.short_edit.setAccessibleName("One-sentence version")
        self.short_edit.setAccessibleDescription(f"At most {SHORT_MAX_WORDS} words, for forms and e-mail footers")
        self.short_edit.setPlaceholderText(f"At most {SHORT_MAX_WORDS} words, for forms, bios and e-mail footers.")
        line = self.short_edit.fontMetrics().lineSpacing()
        self.short_edit.setFixedHeight(int(line * 3) + 12)
        self.short_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        short_label.setBuddy(self.short_edit)
        layout.addWidget(self.short_edit)
        self.notes = HelpLabel("")
        self.notes.setAccessibleDescription("Note about the one-sentence version")
        self.notes.hide()
        layout.addWidget(self.notes)

        suggestions = QWidget()
        hints_layout = QVBoxLayout(suggestions)
        hints_layout.setContentsMargins(0, 4, 0, 0)
        hints_layout.setSpacing(2)
        self.hints_label = _bold(QLabel("Suggestions"))
        hints_layout.addWidget(self.hints_label)
        self.hints = QTextBrowser()
        self.hints.setAccessibleName("Suggestions")
        self.hints.setFrameShape(QFrame.Shape.NoFrame)
        self.hints.setOpenLinks(False)
        palette = self.hints.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.hints.setPalette(palette)
        self.hints.setMinimumHeight(80)
        hints_layout.addWidget(self.hints, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(texts)
        self.splitter.addWidget(suggestions)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([340, 230])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 0, 0, 0)
        outer.addWidget(self.splitter)
        self.current_hints: list[Hint] = []

        self._timers = {}
        for edit, signal in ((self.full_edit, self.full_finished), (self.short_edit, self.short_finished)):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(SAVE_AFTER_MS)
            timer.timeout.connect(edit.finish)
            self._timers[edit] = timer
            edit.textChanged.connect(self._live)
            edit.textChanged.connect(timer.start)
            edit.editingFinished.connect(lambda e=edit, s=signal: self._finished(e, s))
        self.redraft_button.clicked.connect(self.redraft_clicked.emit)
        self.previous_button.clicked.connect(self.previous_clicked.emit)
        self.trim_button.clicked.connect(self.trim_clicked.emit)
        self._live()

    # -- state ------------------------------------------------------------------------------------
    def set_statement(self, statement: Statement, notes: list[str] | None = None) -> None:
        for edit, text in ((self.full_edit, statement.full_text), (self.short_edit, statement.short_text)):
            self._timers[edit].stop()
            edit.set_text_quietly(text)
        self.previous_button.setVisible(statement.can_undo_redraft)
        if statement.full_edited or statement.short_edited:
            self.follow_label.setText("Edited by you: your answers no longer change it.")
        elif statement.full_text:
            self.follow_label.setText("Follows your answers until you edit it.")
        else:
            self.follow_label.setText("")
        self.show_notes(notes or [])
        self._live()

    def show_notes(self, notes: list[str]) -> None:
        self.notes.setText(" ".join(notes))
        self.notes.setVisible(bool(notes))

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.full_edit, self.short_edit):
            edit.setReadOnly(read_only)
        for button in (self.redraft_button, self.previous_button, self.trim_button):
            button.setEnabled(not read_only)

    def finish(self) -> None:
        for edit, timer in self._timers.items():
            timer.stop()
            edit.finish()

    # -- events -----------------------------------------------------------------------------------
    def _finished(self, edit: SavingTextEdit, signal) -> None:
        self._timers[edit].stop()
        signal.emit(edit.toPlainText())

    def _live(self) -> None:
        full, short = self.full_edit.toPlainText(), self.short_edit.toPlainText()
        self.full_count.update_count(full)
        self.short_count.update_count(short)
        words = count_words(full)
        outside = bool(words) and not FULL_MIN_WORDS <= words <= FULL_MAX_WORDS
        self.full_aim.setStyleSheet(f"color: {themed(WARNING)};" if outside else "")
        self.trim_button.setVisible(count_words(short) > SHORT_MAX_WORDS)
        self.current_hints = statement_hints(full, short, self._words)
        self.hints.setHtml(hints_html(self.current_hints, bool(full.strip() or short.strip())))
        count = len(self.current_hints)
        self.hints_label.setText(f"Suggestions ({count})" if count else "Suggestions")
