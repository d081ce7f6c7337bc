"""The first window: start a new organisation, open a file, a recent file, or the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from svdesk.ui.widgets import HelpLabel


class WelcomeWindow(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, recent: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Welcome — svdesk")
        self.setObjectName("welcome")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)

        title = QLabel("svdesk")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(HelpLabel(
            "Say what difference you make, keep a few numbers and stories as you go, and let svdesk "
            "draft your tender answers and your CIC34 report from them. One file per organisation."
        ))

        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New organisation…")
        self.open_button = QPushButton("&Open a file…")
        self.demo_button = QPushButton("Try the &demo")
        self.demo_button.setToolTip("Opens a fresh copy of a fictional community bike workshop; the original never changes.")
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)

        recent_label = QLabel("&Recent files")
        self.recent_model = QStringListModel([str(path) for path in recent])
        self.recent_view = QListView()
        self.recent_view.setModel(self.recent_model)
        self.recent_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.recent_view.setAccessibleName("Recent files")
        recent_label.setBuddy(self.recent_view)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent_view, 1)
        self.empty_hint = HelpLabel("Files you open will be listed here.")
        self.empty_hint.setVisible(not recent)
        layout.addWidget(self.empty_hint)

        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button.clicked.connect(self.open_requested.emit)
        self.demo_button.clicked.connect(self.demo_requested.emit)
        self.recent_view.activated.connect(self._open_recent)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_requested.emit)
        QShortcut(QKeySequence.StandardKey.Open, self, self.open_requested.emit)
        self.resize(620, 420)
        self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_recent(self, recent: list[Path]) -> None:
        self.recent_model.setStringList([str(path) for path in recent])
        self.empty_hint.setVisible(not recent)

    def _open_recent(self, index) -> None:
        self.recent_requested.emit(Path(index.data()))
