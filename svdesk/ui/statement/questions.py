"""The guided questions, each with plain help and an example for the person's kind of work."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from svdesk.domain.statement import QUESTIONS, ExampleKind, Statement
from svdesk.ui.common.widgets import HelpLabel, SavingTextEdit

# How long typing may pause before the answer is saved (and the draft follows it).
SAVE_AFTER_MS = 900


class QuestionsPanel(QWidget):
    """Emits ``answer_finished(key, text)`` when an answer is left or typing pauses."""

    answer_finished = Signal(str, str)
    kind_changed = Signal(str)
    example_requested = Signal()

    def __init__(self, kinds: tuple[ExampleKind, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._kinds = kinds
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(6)

        kind_row = QHBoxLayout()
        kind_label = QLabel("E&xamples for")
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(kind.name, kind.key)
        self.kind.setAccessibleName("Show examples for this kind of work")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(10)
        kind_label.setBuddy(self.kind)
        self.example_button = QPushButton("See an exam&ple…")
        self.example_button.setToolTip("Show a whole statement drafted from these example answers")
        kind_row.addWidget(kind_label)
        kind_row.addWidget(self.kind, 1)
        layout.addLayout(kind_row)
        progress_row = QHBoxLayout()
        self.progress = HelpLabel("")
        self.progress.setAccessibleDescription("Questions answered")
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.example_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(progress_row)

        self.boxes: dict[str, SavingTextEdit] = {}
        self.examples: dict[str, HelpLabel] = {}
        self._timers: dict[str, QTimer] = {}
        for number, question in enumerate(QUESTIONS, start=1):
            layout.addWidget(self._question(number, question))
        layout.addStretch()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.example_button.clicked.connect(self.example_requested.emit)
        self._show_examples()

    def _question(self, number: int, question) -> QWidget:
        box = QFrame()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 2)
        column.setSpacing(2)
        title = QLabel(f"&{number}. {question.question}")
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        edit = SavingTextEdit()
        edit.setPlaceholderText(question.stem)
        edit.setAccessibleName(question.question)
        edit.setAccessibleDescription(question.help)
        line = edit.fontMetrics().lineSpacing()
        edit.setFixedHeight(int(line * 3.2) + 12)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        title.setBuddy(edit)
        example = HelpLabel("")
        example.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(title)
        column.addWidget(HelpLabel(question.help))
        column.addWidget(edit)
        column.addWidget(example)
        self.boxes[question.key] = edit
        self.examples[question.key] = example

        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(SAVE_AFTER_MS)
        timer.timeout.connect(edit.finish)
        self._timers[question.key] = timer
        edit.textChanged.connect(lambda t=timer: None if self._loading else t.start())
        edit.editingFinished.connect(lambda key=question.key: self._finished(key))
        return box

    # -- state ------------------------------------------------------------------------------------
    def set_statement(self, statement: Statement) -> None:
        self._loading = True
        try:
            for key, edit in self.boxes.items():
                edit.set_text_quietly(statement.answers.get(key))
            index = self.kind.findData(statement.kind)
            if index >= 0 and index != self.kind.currentIndex():
                self.kind.setCurrentIndex(index)
        finally:
            self._loading = False
        self._show_examples()
        self.update_progress()

    def set_read_only(self, read_only: bool) -> None:
        for edit in self.boxes.values():
            edit.setReadOnly(read_only)
        self.kind.setEnabled(True)  # looking at examples changes nothing worth refusing

    def current_kind(self) -> ExampleKind | None:
        key = self.kind.currentData()
        return next((kind for kind in self._kinds if kind.key == key), None)

    def answer(self, key: str) -> str:
        return self.boxes[key].toPlainText()

    def finish(self) -> None:
        for key, edit in self.boxes.items():
            self._timers[key].stop()
            edit.finish()

    def update_progress(self) -> None:
        answered = sum(1 for edit in self.boxes.values() if edit.toPlainText().strip())
        if answered == 0:
            text = ("Answer in your own words — a phrase is enough. Each answer follows the grey words in "
                    "its box, so the draft on the right reads as one statement.")
        else:
            text = f"{answered} of {len(self.boxes)} questions answered."
        self.progress.setText(text)

    # -- events -----------------------------------------------------------------------------------
    def _finished(self, key: str) -> None:
        self._timers[key].stop()
        self.update_progress()
        if not self._loading:
            self.answer_finished.emit(key, self.boxes[key].toPlainText())

    def _kind_changed(self) -> None:
        self._show_examples()
        if not self._loading:
            self.kind_changed.emit(self.kind.currentData() or "")

    def _show_examples(self) -> None:
        kind = self.current_kind()
        for question in QUESTIONS:
            label = self.examples[question.key]
            example = kind.answers.get(question.key) if kind else ""
            label.setText(f"For example: {example}" if example else "")
            label.setVisible(bool(example))
