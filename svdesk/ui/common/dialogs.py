"""Every modal question the app asks goes through ``Dialogs``, so tests can replace it (a real
modal dialog in an offscreen test would wait forever).

The dialog classes are looked up when a dialog is first shown, not when the window starts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

FILE_FILTER = "svdesk files (*.svdesk);;All files (*)"


class Dialogs:
    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QtWidgets.QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QtWidgets.QMessageBox.warning(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str, yes: str = "Continue") -> bool:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, title, text, parent=parent)
        accept = box.addButton(yes, QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(accept)  # Enter
        box.setEscapeButton(cancel)  # Escape
        box.exec()
        return box.clickedButton() is accept

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        value, ok = QtWidgets.QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def choose(self, parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
        value, ok = QtWidgets.QInputDialog.getItem(parent, title, label, items, 0, False)
        return items.index(value) if ok and value in items else None

    def open_file(self, parent: QWidget | None, title: str, folder: str, file_filter: str = FILE_FILTER) -> Path | None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title, folder, file_filter)
        return Path(name) if name else None

    def open_files(self, parent: QWidget | None, title: str, folder: str, file_filter: str = "All files (*)") -> list[Path]:
        names, _ = QtWidgets.QFileDialog.getOpenFileNames(parent, title, folder, file_filter)
        return [Path(name) for name in names]

    def save_file(self, parent: QWidget | None, title: str, suggested: str, file_filter: str = FILE_FILTER) -> Path | None:
        name, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(name) if name else None

    def choose_folder(self, parent: QWidget | None, title: str, folder: str) -> Path | None:
        name = QtWidgets.QFileDialog.getExistingDirectory(parent, title, folder)
        return Path(name) if name else None

    def run(self, dialog: QtWidgets.QDialog) -> bool:
        """Shows one of the app's own dialogs (Publish…) modally; True when it was accepted."""
        return dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
