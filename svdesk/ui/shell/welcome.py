"""The first window: start a new organisation, open a file, a recent file, or the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from svdesk.ui.common.widgets import HelpLabel

PATH_ROLE = Qt.ItemDataRole.UserRole + 1

_STEPS = (
    ("Say it", "agree a short statement of the difference you make"),
    ("Keep it", "two or three numbers and people's stories, with their consent"),
    ("Use it", "draft a tender's social value answer or your CIC34 report in minutes"),
)


class WelcomeWindow(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, recent: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Welcome — svdesk")
        self.setObjectName("welcome")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QWidget()
        column.setMaximumWidth(640)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(12, 28, 12, 24)
        layout.setSpacing(10)

        title = QLabel("svdesk")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel("Your social value, kept as you go and ready when a tender or your CIC34 is due.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        steps = QFrame()
        steps.setFrameShape(QFrame.Shape.StyledPanel)
        steps_layout = QVBoxLayout(steps)
        for number, (name, text) in enumerate(_STEPS, start=1):
            line = QLabel(f"<b>{number}. {name}</b> — {text}")
            line.setWordWrap(True)
            steps_layout.addWidget(line)
        layout.addWidget(steps)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New organisation…")
        self.new_button.setDefault(True)
        self.open_button = QPushButton("&Open a file…")
        self.demo_button = QPushButton("Try the &demo")
        self.demo_button.setToolTip("Opens a fresh copy of a fictional community bike workshop; the original never changes.")
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        layout.addLayout(buttons)

        recent_label = QLabel("&Recent files")
        bold = recent_label.font()
        bold.setBold(True)
        recent_label.setFont(bold)
        self.recent_model = QStandardItemModel(self)
        self.recent_view = QListView()
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.recent_view.setAccessibleName("Recent files")
        self.recent_view.setAlternatingRowColors(True)
        recent_label.setBuddy(self.recent_view)
        layout.addSpacing(8)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent_view, 1)
        self.empty_hint = HelpLabel("Files you open will be listed here. Each organisation is one .svdesk file you can copy and back up.")
        layout.addWidget(self.empty_hint)
        layout.addWidget(HelpLabel("Everything stays on this computer; svdesk works offline."))
        self.set_recent(recent)

        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(self.open_requested.emit)
        self.demo_button.clicked.connect(self.demo_requested.emit)
        self.recent_view.activated.connect(self._open_recent)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_requested.emit)
        QShortcut(QKeySequence.StandardKey.Open, self, self.open_requested.emit)
        self.resize(760, 560)
        self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_recent(self, recent: list[Path]) -> None:
        self.recent_model.clear()
        for path in recent:
            item = QStandardItem(f"{path.stem}    —    {path.parent}")
            item.setData(str(path), PATH_ROLE)
            item.setToolTip(str(path))
            item.setData(f"{path.stem}, in {path.parent}", Qt.ItemDataRole.AccessibleTextRole)
            self.recent_model.appendRow(item)
        self.empty_hint.setVisible(not recent)
        self.recent_view.setVisible(bool(recent))

    def _open_recent(self, index) -> None:
        self.recent_requested.emit(Path(index.data(PATH_ROLE)))
