"""Small reusable widgets: labelled help text, a text box that saves when you leave it, a word
count label."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent, QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from svdesk.domain.words import count_words


def show_as_plain_text(label: QLabel) -> None:
    """Never reads the label's text as HTML (it may hold what the person typed).

    Written as the property's number (Qt.TextFormat.PlainText is 0): labels are made while the
    first window is being painted, and naming any ``Qt`` enum makes PySide build the whole
    namespace (about 14 ms) first. ``tests/ui/test_widgets.py`` checks the result."""
    label.setProperty("textFormat", 0)


class HelpLabel(QLabel):
    """One or two sentences of help under a field: what to write and why, with an example."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        show_as_plain_text(self)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self.setPalette(palette)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        self.setFont(font)


class ProblemLabel(QLabel):
    """Shows what is wrong with a value, in plain English; hidden when nothing is."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        show_as_plain_text(self)
        self.setStyleSheet("color: #b00020;")
        self.setAccessibleName("Problem")
        self.hide()

    def show_problems(self, problems: list[str]) -> None:
        self.setText("\n".join(problems))
        self.setVisible(bool(problems))


class SavingTextEdit(QPlainTextEdit):
    """A multi-line box that emits ``editingFinished`` when focus leaves it, like QLineEdit."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._dirty = False
        self.textChanged.connect(self._mark)

    def _mark(self) -> None:
        self._dirty = True

    def set_text_quietly(self, text: str) -> None:
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        self._dirty = False

    def finish(self) -> None:
        """Emits editingFinished if the text changed (also used before the window closes)."""
        if self._dirty:
            self._dirty = False
            self.editingFinished.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.finish()
        super().focusOutEvent(event)


class WordCountLabel(QLabel):
    """'123 words' (and 'of 150' when there is a limit), updated live."""

    def __init__(self, limit: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.limit = limit
        self.setAccessibleName("Word count")
        self.update_count("")

    def update_count(self, text: str) -> None:
        words = count_words(text)
        noun = "word" if words == 1 else "words"
        if self.limit:
            over = words > self.limit
            self.setText(f"{words} of {self.limit} {noun}" + (" — over the limit" if over else ""))
            self.setStyleSheet("color: #b00020; font-weight: bold;" if over else "")
        else:
            self.setText(f"{words} {noun}")


class UndoBar(QWidget):
    """A line saying what was just done, with a button to take it back; hidden until then."""

    def __init__(self, button_text: str = "Undo", accessible_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout, QPushButton

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(button_text)
        if accessible_name:
            self.button.setAccessibleName(accessible_name)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def announce(self, text: str) -> None:
        self.label.setText(text)
        self.show()
