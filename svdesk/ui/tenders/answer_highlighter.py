"""The answer editor's highlighting: the lines that become headings, in bold."""

from __future__ import annotations

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat


class HeadingHighlighter(QSyntaxHighlighter):
    """Shows in bold the lines that become headings in Word and PDF (a short line on its own,
    without a full stop), so the person sees the structure they are editing."""

    def __init__(self, document):
        super().__init__(document)
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        from svdesk.compose.answer_text import is_heading_line

        block = self.currentBlock()
        before, after = block.previous(), block.next()
        alone = (not before.isValid() or not before.text().strip()) and (not after.isValid() or not after.text().strip())
        if alone and is_heading_line(text):
            self.setFormat(0, len(text), self.bold)
