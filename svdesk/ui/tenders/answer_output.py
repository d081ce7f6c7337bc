"""The answer going out of the Answer tab: copied for a tender portal, or exported to a file —
each first checked against the word and page limits as the buyer counts them (the person may
still send it, having been told), and the result said under the answer with a button to open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from svdesk.domain.dates import today
from svdesk.domain.errors import SvdeskError
from svdesk.ui.common.export_target import export_to_chosen_file

FORMATS = (("docx", "&Word (.docx)…", "Word documents (*.docx)"), ("pdf", "&PDF…", "PDF files (*.pdf)"),
           ("md", "&Markdown…", "Markdown (*.md)"), ("txt", "&Text…", "Text files (*.txt)"))


class AnswerOutput:
    """Copy and export for one Answer tab: ``parent`` owns the dialogs, ``result`` and
    ``open_button`` show what happened."""

    def __init__(self, ctx, parent: QWidget, result: QLabel, open_button: QPushButton):
        self.ctx = ctx
        self.parent = parent
        self.result = result
        self.open_button = open_button
        self.last_path: Path | None = None
        open_button.clicked.connect(lambda: self.last_path and self.ctx.open_external(str(self.last_path)))

    def allow_over_limit(self, tender_id: str, fmt: str, yes: str) -> bool | None:
        """False when the answer is within its limits; True when it is over and the person still
        wants it out; None when they would rather shorten it first."""
        from svdesk.services.answer_limits import over_limit_warning

        try:
            warning = over_limit_warning(self.ctx.workspace, tender_id, fmt, today())
        except SvdeskError:
            return False   # the export itself says what is wrong
        if not warning:
            return False
        words, pages = "words as the buyer counts" in warning, "pages of A4" in warning
        title = ("Over the word and page limits" if words and pages else
                 "Over the page limit" if pages else "Over the word limit")
        return True if self.ctx.dialogs.confirm(self.parent, title, warning, yes=yes) else None

    def copy(self, tender_id: str) -> None:
        from svdesk.services.exports import clipboard_answer, record_answer_story_uses

        allow = self.allow_over_limit(tender_id, "txt", "Copy anyway")
        if allow is None:
            return
        try:
            plain, html, answer = clipboard_answer(self.ctx.workspace, tender_id, today=today(),
                                                   allow_over_limit=allow)
            if answer.story_ids and self.ctx.workspace.read_only:
                raise SvdeskError("The answer includes a story, and each use must be recorded in the use log, but "
                                  "this file is open read-only.")
        except SvdeskError as error:
            self.ctx.dialogs.error(self.parent, "Not copied", str(error))
            return
        mime = QMimeData()
        mime.setText(plain)
        mime.setHtml(html)
        QApplication.clipboard().setMimeData(mime)
        record_answer_story_uses(self.ctx.workspace, answer.story_ids,
                                 f"Tender answer for {answer.tender.name} (copied)", today())
        which = "the answer as sent" if answer.kind == "submitted" else "the answer"
        self.result.setText(f"Copied {which} ({answer.words:,} words) as plain and formatted text: paste it into "
                            "the tender portal or a document.")
        self.open_button.hide()

    def export(self, tender, fmt: str) -> None:
        from svdesk.compose.tender import safe_file_stem
        from svdesk.services.exports import export_answer

        allow = self.allow_over_limit(tender.id, fmt, "Export anyway")
        if allow is None:
            return
        label, file_filter = next((label, f) for key, label, f in FORMATS if key == fmt)
        outcome = export_to_chosen_file(
            self.ctx, self.parent, f"Export the answer as {label.replace('&', '').rstrip('…')}",
            f"{safe_file_stem(tender.name)} - social value answer", fmt, file_filter,
            lambda path: export_answer(self.ctx.workspace, tender.id, fmt, path, today=today(),
                                       allow_over_limit=allow))
        if outcome is None:
            return
        self.last_path = outcome.path
        self.result.setText(" ".join([f"Saved {outcome.path.name} in {outcome.path.parent}.", *outcome.notes]))
        self.open_button.show()
