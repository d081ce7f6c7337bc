"""Small reusable widgets: labelled help text, a text box that saves when you leave it, a word
count label."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent, QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from svdesk.domain.words import count_words
from svdesk.ui.common.colours import PROBLEM, on_window, quiet_text


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
        # Softer than the text around it, yet 4.5:1 on this theme (Qt's placeholder grey is not).
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, quiet_text(palette))
        self.setPalette(palette)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        self.setFont(font)


class ProblemLabel(QLabel):
    """Shows what is wrong with a value, in plain English; hidden when nothing is.

    The words are also said to a screen reader as they appear, and set as the description of
    the field being edited (the one refused), so a reader hears them again on that field. The
    window is told too (``problems_changed``), so its save state never claims all is saved."""

    def __init__(self, parent: QWidget | None = None, refused: bool = True):
        super().__init__(parent)
        self.refused = refused  # False: a warning about a value that was saved all the same
        self.setWordWrap(True)
        show_as_plain_text(self)
        self.setStyleSheet(f"color: {on_window(PROBLEM, self.palette())};")
        self.setAccessibleDescription("Problem")
        self._field: QWidget | None = None
        self.hide()

    def show_problems(self, problems: list[str]) -> None:
        text = "\n".join(problems)
        if text == self.text() and self.isHidden() != bool(problems):  # nothing new to say
            return
        self.setText(text)
        self.setVisible(bool(problems))
        self._describe_field(text)
        if text:
            from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))
        told = getattr(self.window(), "problems_changed", None)
        if callable(told):
            told()

    def _describe_field(self, text: str) -> None:
        from PySide6.QtWidgets import QApplication

        if self._field is not None:
            try:
                self._field.setAccessibleDescription("")
            except RuntimeError:  # the field has gone with its page
                pass
            self._field = None
        focused = QApplication.focusWidget()
        if text and focused is not None and focused.window() is self.window() and not isinstance(focused, QLabel):
            from PySide6.QtWidgets import QAbstractButton

            if not isinstance(focused, QAbstractButton):
                focused.setAccessibleDescription(text)
                self._field = focused


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
        self.update_count("")

    def update_count(self, text: str) -> None:
        words = count_words(text)
        noun = "word" if words == 1 else "words"
        if self.limit:
            over = words > self.limit
            self.setText(f"{words} of {self.limit} {noun}" + (" — over the limit" if over else ""))
            self.setStyleSheet(f"color: {on_window(PROBLEM, self.palette())}; font-weight: bold;" if over else "")
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
