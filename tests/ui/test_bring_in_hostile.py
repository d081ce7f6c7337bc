"""The preview of bringing another copy in shows words from that copy exactly as written: a
file anyone could have made must not get its text read as HTML, nor a huge value into a tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from svdesk.services.merge import Conflict, MergePlan
from svdesk.ui.shell.merge_dialog import MINE, THEIRS, MergePreviewDialog

MARKUP = "<img src='file:///etc/passwd'><b>bold</b> & <a href='x'>link</a>"


def _plan(value: str, note: str) -> MergePlan:
    conflict = Conflict(key="stories:s1:quote", kind="story", label=f"the story \u201c{MARKUP}\u201d", field="quote",
                        field_label="Quote", mine="Jo's words", theirs=value)
    return MergePlan("Jo's laptop", "Sam's laptop", counts={"stories": {"new": 0, "changed": 0, "removed": 0,
                                                                        "conflicts": 1}},
                     conflicts=[conflict], notes=[note])


def _rich(text: str) -> str:
    """What a tooltip shows, as plain text (Qt reads a tooltip as HTML when it looks like it)."""
    from PySide6.QtGui import Qt as GuiQt, QTextDocument

    document = QTextDocument()
    if GuiQt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText()


def test_markup_from_the_other_copy_is_shown_as_written(qtbot):
    dialog = MergePreviewDialog(_plan(MARKUP, f"kept the story \u201c{MARKUP}\u201d with its edits"), "sam.svdesk")
    qtbot.addWidget(dialog)
    [notes] = [label for label in dialog.findChildren(QLabel) if label.accessibleName() == "Notes"]
    assert notes.textFormat() == Qt.TextFormat.PlainText and MARKUP in notes.text()
    table = dialog.conflicts
    assert _rich(table.item(0, THEIRS).toolTip()) == MARKUP
    assert MARKUP in _rich(table.item(0, 0).toolTip())
    assert table.item(0, THEIRS).text() == MARKUP  # a table cell is plain text already


def test_a_huge_value_is_shortened_in_its_tooltip(qtbot):
    huge = "word " * 200_000  # a megabyte of text in one field
    dialog = MergePreviewDialog(_plan(huge, "a note"), "sam.svdesk")
    qtbot.addWidget(dialog)
    tip = _rich(dialog.conflicts.item(0, THEIRS).toolTip())
    assert len(tip) <= 5000 and tip.endswith("\u2026")
    assert len(dialog.conflicts.item(0, THEIRS).text()) < 400
    assert dialog.conflicts.item(0, MINE).toolTip()
