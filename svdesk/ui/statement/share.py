"""Share ▾: copy or save the AGREED statement (never the draft)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMenu, QToolButton, QWidget

from svdesk.domain.errors import SvdeskError
from svdesk.ui.common.context import PageContext

# (message, action or None, button text) -> shows the page's banner
Announce = Callable[..., None]


class ShareButton(QToolButton):
    def __init__(self, ctx: PageContext, announce: Announce, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.announce = ctx, announce
        self.setText("&Share")
        self.setAccessibleName("Share the agreed statement")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.copy_full_action = menu.addAction("Copy the agreed statement", self.copy_full)
        self.copy_short_action = menu.addAction("Copy the one-sentence version", self.copy_short)
        menu.addSeparator()
        self.save_action = menu.addAction("Save as Word, PDF or text…", self.save)
        self.setMenu(menu)

    def update_state(self, agreed: bool) -> None:
        self.setEnabled(agreed)
        self.setToolTip("Copy or save the agreed version (never the draft)" if agreed
                        else "Agree the statement first: only the agreed version is shared")

    def _may_copy(self, text: str) -> bool:
        """The clipboard is a way out of svdesk too: the same last check as an export."""
        from svdesk.compose.exposure import check_text
        from svdesk.compose.statement import STATEMENT_USES
        from svdesk.domain.errors import SvdeskError

        try:
            check_text(self.ctx.workspace, text, STATEMENT_USES, "statement")
        except SvdeskError as error:
            self.ctx.dialogs.error(self.window(), "Not copied", str(error))
            return False
        return True

    def copy_full(self) -> None:
        agreed = self.ctx.workspace.statements.current_agreed()
        if agreed is not None and self._may_copy(agreed.full_text):
            QApplication.clipboard().setText(agreed.full_text)
            self.announce(f"Copied the agreed statement (version {agreed.version}).", None)

    def copy_short(self) -> None:
        agreed = self.ctx.workspace.statements.current_agreed()
        if agreed is not None and self._may_copy(agreed.short_text):
            QApplication.clipboard().setText(agreed.short_text)
            self.announce(f"Copied the one-sentence version (version {agreed.version}).", None)

    def save(self) -> None:
        from svdesk.compose.statement import file_stem
        from svdesk.services.exports import export_statement
        from svdesk.store.safe_paths import refuse_organisation_target

        workspace = self.ctx.workspace
        folder = workspace.path.parent if workspace.path else Path.home()
        path = self.ctx.dialogs.save_file(
            self.window(), "Save the agreed statement", str(folder / f"{file_stem(workspace)}.docx"),
            "Word (*.docx);;PDF (*.pdf);;Markdown (*.md);;Text (*.txt)",
        )
        if path is None:
            return
        if path.suffix.lower() not in (".docx", ".pdf", ".md", ".txt"):
            path = path.with_name(path.name + ".docx")
        try:
            refuse_organisation_target(path, [workspace.path])
            outcome = export_statement(workspace, path)
        except SvdeskError as error:
            self.ctx.dialogs.error(self.window(), "Not saved", str(error))
            return
        written = outcome.path
        self.announce(" ".join([f"Saved {written.name}.", *outcome.notes]),
                      lambda: self.ctx.open_external(str(written)), "Open &it")
