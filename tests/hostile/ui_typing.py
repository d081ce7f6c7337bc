"""Typing into every text field of every page, generically (for the hostile-text UI test).

``walk`` visits each page of a window, and on it every tab of every tab widget, and types into
each editable QLineEdit / QPlainTextEdit / QTextEdit it finds there (never a spin box's, date
box's or combo box's own line edit): focus, setText, then what leaving the field does. After
each field it notes whether the text reached the file (a marker at the start of the text is
looked for in every TEXT column) and which new problems the page shows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTabWidget, QTextEdit,
)

EDITORS = (QLineEdit, QPlainTextEdit, QTextEdit)


@dataclass
class Typed:
    key: tuple                 # (page, tab titles, accessible name, number among same-named)
    shown: str                 # what the field shows after typing
    stored: list[str] = field(default_factory=list)   # new values in the file holding the marker
    problems: list[str] = field(default_factory=list)  # new problems or error dialogs

    @property
    def saved(self) -> bool:
        return bool(self.stored)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def settle_page(window, page, timeout: float = 30.0) -> None:
    """Waits until the page shows what it read: a window on a file reads long lists and drafts
    reports off its thread (issue 17), so a page just shown may still say "Reading…"; the walk
    must type into the fields a person sees once it has arrived."""
    reads = window.ctx.reads
    deadline = time.monotonic() + timeout
    while reads is not None and reads.busy and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    if hasattr(page, "wait_drafted"):
        page.wait_drafted()
    settle()


def editable(widget, page) -> bool:
    if not shiboken6.isValid(widget) or not widget.isVisibleTo(page) or not widget.isEnabled():
        return False
    if widget.isReadOnly():
        return False
    if isinstance(widget, QLineEdit):
        # The line edit inside a spin box, date box or combo box is not free text.
        return not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)) and not widget.inputMask()
    return True


def text_of(widget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def type_into(widget, text: str) -> None:
    """As a person would: focus, replace the text, leave the field."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.textEdited.emit(text)
        widget.editingFinished.emit()
    else:
        widget.setPlainText(text)
        finish = getattr(widget, "finish", None)   # SavingTextEdit saves on focus-out
        if callable(finish):
            finish()
        else:
            QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    if shiboken6.isValid(widget):
        widget.clearFocus()
    settle()


def visible_problems(page) -> list[str]:
    """Texts of the problem labels the page shows (``ProblemLabel`` describes itself as "Problem")."""
    return [label.text() for label in page.findChildren(QLabel)
            if shiboken6.isValid(label) and label.accessibleDescription() == "Problem" and label.isVisibleTo(page)
            and label.text()]


def text_cells(workspace, marker: str) -> dict[tuple, str]:
    """Every TEXT cell of the file that holds ``marker``: (table, column, row) -> value."""
    found = {}
    tables = [(row["name"], row["sql"]) for row in workspace.file.query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    for table, sql in tables:
        info = workspace.file.query(f'PRAGMA table_info("{table}")')
        columns = [row["name"] for row in info if row["type"].upper() == "TEXT"]
        if not columns:
            continue
        listed = ", ".join(f'"{column}"' for column in columns)
        # A WITHOUT ROWID table (the merge's row versions) is told apart by its primary key.
        keys = [f'"{row["name"]}"' for row in sorted(info, key=lambda row: row["pk"]) if row["pk"]]
        identity = f"json_array({', '.join(keys)})" if "WITHOUT ROWID" in sql.upper() else "rowid"
        for number, row in enumerate(workspace.file.query(f'SELECT {identity} AS _row, {listed} FROM "{table}"')):
            for column in columns:
                value = row[column]
                if isinstance(value, str) and marker in value:
                    found[(table, column, row["_row"])] = value
    return found


def _tab_paths(page) -> list[tuple]:
    """Every combination worth visiting: no tab change, then each tab of each tab widget."""
    paths: list[tuple] = [()]
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            paths.append((tabs, index))
    return paths


def walk(window, text: str, marker: str, dialogs, only: set | None = None, revert: bool = False) -> list[Typed]:
    """Types ``marker + text`` into every editable field of every page of ``window`` (or only
    those whose key is in ``only``); with ``revert``, puts each field's text back afterwards, so
    a value one field refuses does not hold back the next."""
    typed: list[Typed] = []
    done: set[int] = set()
    workspace = window.workspace
    for page in window.pages:
        window.show_page(page.key)
        settle_page(window, page)
        for path in _tab_paths(page):
            if path:
                tabs, index = path
                if not shiboken6.isValid(tabs) or not tabs.isVisibleTo(page) or not tabs.isTabEnabled(index):
                    continue
                tabs.setCurrentIndex(index)
                settle()
                where = tabs.tabText(index).replace("&", "")
            else:
                where = ""
            counts: dict[str, int] = {}
            for widget in [w for kind in EDITORS for w in page.findChildren(kind)]:
                if not editable(widget, page):
                    continue
                name = widget.accessibleName() or widget.objectName() or type(widget).__name__
                counts[name] = counts.get(name, 0) + 1
                key = (page.key, where, name, counts[name])
                pointer = shiboken6.getCppPointer(widget)[0]
                if pointer in done or (only is not None and key not in only):
                    continue
                done.add(pointer)
                before_cells = text_cells(workspace, marker)
                before_problems = set(visible_problems(page))
                before_errors = len(dialogs.errors())
                original = text_of(widget)
                type_into(widget, marker + text)
                shown = text_of(widget) if shiboken6.isValid(widget) else ""
                after_cells = text_cells(workspace, marker)
                stored = [value for cell, value in after_cells.items() if before_cells.get(cell) != value]
                problems = [p for p in visible_problems(page) if p not in before_problems]
                problems += [message[2] for message in dialogs.errors()[before_errors:]]
                typed.append(Typed(key, shown, stored, problems))
                if revert and shiboken6.isValid(widget):
                    type_into(widget, original)
    return typed
