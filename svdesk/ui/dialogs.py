"""Every modal question the app asks goes through ``Dialogs``, so tests can replace it (a real
modal dialog in an offscreen test would wait forever)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

FILE_FILTER = "svdesk files (*.svdesk);;All files (*)"


class Dialogs:
    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str, yes: str = "Continue") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is accept

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def choose(self, parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
        value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
        return items.index(value) if ok and value in items else None

    def open_file(self, parent: QWidget | None, title: str, folder: str, file_filter: str = FILE_FILTER) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
        return Path(name) if name else None

    def open_files(self, parent: QWidget | None, title: str, folder: str, file_filter: str = "All files (*)") -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, title, folder, file_filter)
        return [Path(name) for name in names]

    def save_file(self, parent: QWidget | None, title: str, suggested: str, file_filter: str = FILE_FILTER) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(name) if name else None
