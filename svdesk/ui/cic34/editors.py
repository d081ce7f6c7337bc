"""One box per part of the CIC34 form: the text that will be printed, editable, with whether it is
drafted or the person's own, "Copy Part N" for the official form's boxes, and "Reset to the
drafted text" (undoable) — edits are never replaced without being asked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
)

from svdesk.domain.cic34 import PART_TITLES, Part
from svdesk.domain.errors import SvdeskError
from svdesk.ui.common.widgets import ProblemLabel, SavingTextEdit, WordCountLabel
from svdesk.ui.common.colours import ACCENT, QUIET, WARNING, themed
from svdesk.services import cic34 as cic34_services

_HELP = {
    Part.ACTIVITIES: "What you did in the year and who benefited, with highlights — not a list of "
                     "activities, and not last year's text.",
    Part.CONSULTATION: "Who your stakeholders are, how you consulted them and what changed as a result.",
    Part.REMUNERATION: "What each director was paid (or where the accounts show it), then the sentence the "
                       "form requires.",
    Part.TRANSFERS: "Assets given away or sold for less than they were worth, or the nil statement.",
    Part.DIVIDENDS: "Dividends this year and the four before (the detailed form).",
}


def _fit_height(edit: QPlainTextEdit, minimum_lines: int = 3, maximum_lines: int = 30) -> None:
    """Grows the box with its text, so the page scrolls rather than each box."""
    # QPlainTextEdit's document size is counted in (wrapped) lines.
    lines = max(minimum_lines, min(maximum_lines, int(edit.document().size().height()) + 1))
    margins = edit.contentsMargins()
    frame = 2 * edit.frameWidth() + margins.top() + margins.bottom() + 8
    height = lines * edit.fontMetrics().lineSpacing() + frame
    if edit.height() != height:
        edit.setFixedHeight(height)


class GrowingTextEdit(SavingTextEdit):
    """A part's text box: as tall as its text (re-measured when the width changes)."""

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            _fit_height(self)


class PartEditor(QFrame):
    copied = Signal(str)
    changed = Signal()

    def __init__(self, ctx, part: Part, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.part = part
        self.year = None
        self.draft = None  # the PartDraft shown
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(PART_TITLES[part])
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleDescription(f"{part.short}: drafted or edited")
        layout.addWidget(self.state)
        self.edit = GrowingTextEdit()
        self.edit.setAccessibleName(f"{part.short} text")
        self.edit.setAccessibleDescription(_HELP[part])
        self.edit.setToolTip(_HELP[part])
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.edit)
        self.new_draft = QPlainTextEdit()
        self.new_draft.setReadOnly(True)
        self.new_draft.setAccessibleName(f"{part.short}: the new draft")
        self.new_draft.hide()
        layout.addWidget(self.new_draft)
        self.problems = ProblemLabel()
        layout.addWidget(self.problems)
        row = QHBoxLayout()
        self.copy_button = QPushButton(f"Copy {part.short}")
        self.copy_button.setAccessibleName(f"Copy {part.short} to the clipboard")
        self.reset_button = QPushButton("Reset to the drafted text")
        self.compare_button = QPushButton("See the new draft")
        self.compare_button.setCheckable(True)
        self.undo_button = QPushButton("Undo reset")
        self.words = WordCountLabel()
        for widget in (self.copy_button, self.reset_button, self.compare_button, self.undo_button):
            row.addWidget(widget)
        row.addStretch()
        row.addWidget(self.words)
        layout.addLayout(row)
        self.undo_button.hide()

        self.edit.textChanged.connect(self._typing)
        self.edit.editingFinished.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        self.reset_button.clicked.connect(self.reset)
        self.undo_button.clicked.connect(self.undo)
        self.compare_button.toggled.connect(self._compare)

    # -- showing ----------------------------------------------------------------------------------
    def show_draft(self, year, draft) -> None:
        if year != self.year:
            self.undo_button.hide()
            self.compare_button.setChecked(False)
        # Text being typed (the draft is made off the window's thread, and may arrive mid-sentence)
        # stays in the box: it is saved when the person leaves the box, against the newest draft.
        typing = (year == self.year and self.draft is not None and self.edit.hasFocus()
                  and self.edit.toPlainText() != self.draft.text)
        self.year, self.draft = year, draft
        self.heading.setText(draft.title)
        if not typing:
            self.edit.set_text_quietly(draft.text)
        self.edit.setReadOnly(self.ctx.workspace.read_only)
        self._show_state()
        _fit_height(self.edit)
        self.words.update_count(self.edit.toPlainText())

    def _show_state(self) -> None:
        draft = self.draft
        if draft.records_changed:
            self.state.setText("Your own text. Your records have changed since you edited it — see the new draft, "
                               "or reset to it.")
            self.state.setStyleSheet(f"color: {themed(WARNING)}; font-weight: bold;")
        elif draft.edited:
            self.state.setText("Your own text (kept for this year). “Reset to the drafted text” goes back to "
                               "svdesk's draft.")
            self.state.setStyleSheet(f"color: {themed(ACCENT)}; font-weight: bold;")
        else:
            self.state.setText("Drafted from your records. Edit it here; your text is kept for this year.")
            self.state.setStyleSheet(f"color: {themed(QUIET)};")
        read_only = self.ctx.workspace.read_only
        self.reset_button.setVisible(draft.edited)
        self.reset_button.setEnabled(not read_only)
        self.compare_button.setVisible(draft.records_changed)
        self.new_draft.setPlainText(draft.drafted)
        self.new_draft.setVisible(draft.records_changed and self.compare_button.isChecked())
        if self.new_draft.isVisible():
            _fit_height(self.new_draft, 2, 12)

    def _typing(self) -> None:
        _fit_height(self.edit)
        self.words.update_count(self.edit.toPlainText())

    def _compare(self, on: bool) -> None:
        self.new_draft.setVisible(on and self.draft is not None and self.draft.records_changed)
        if self.new_draft.isVisible():
            _fit_height(self.new_draft, 2, 12)

    # -- actions ----------------------------------------------------------------------------------
    def save(self) -> None:
        if self.draft is None or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return
        try:
            cic34_services.save_part_text(self.ctx.workspace, self.year.end, self.part, self.edit.toPlainText(),
                                          self.draft.drafted)
        except SvdeskError as error:
            # The typed text stays in the box; nothing is lost.
            self.problems.show_problems([str(error)])
            return
        self.problems.show_problems([])
        self.undo_button.hide()
        self.changed.emit()

    def finish(self) -> None:
        self.edit.finish()

    def copy(self) -> None:
        from svdesk.compose.cic34 import REPORT_USES
        from svdesk.compose.exposure import check_text
        from svdesk.domain.errors import SvdeskError

        self.finish()
        text = self.edit.toPlainText()
        try:  # the clipboard is a way out of svdesk too: the same last check as an export
            check_text(self.ctx.workspace, text, REPORT_USES, f"text of {self.part.short}")
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not copied", str(error))
            return
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(f"{self.part.short} is on the clipboard: paste it into the {self.part.short} box of the form.")

    def reset(self) -> None:
        if not self.draft or not self.draft.edited:
            return
        if not self.ctx.dialogs.confirm(
            self, f"Reset {self.part.short}",
            f"Replace your text for {self.part.short} with the text drafted from your records? "
            "You can undo this straight after.", yes="Reset to the drafted text",
        ):
            return
        cic34_services.reset_part(self.ctx.workspace, self.year.end, self.part)
        self.undo_button.show()
        self.changed.emit()

    def undo(self) -> None:
        cic34_services.undo_reset(self.ctx.workspace, self.year.end, self.part)
        self.undo_button.hide()
        self.changed.emit()

    def focus_text(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
