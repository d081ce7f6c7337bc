"""What every page of the journey offers the main window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from svdesk.ui.common.context import PageContext
from svdesk.ui.common.widgets import HelpLabel


class Page(QWidget):
    """A step of the journey. Subclasses set ``key`` and ``title`` and build their widgets."""

    key = ""
    title = ""
    # Emitted when the short status under the step's name may have changed.
    status_changed = Signal()
    # True when the page reads the file as it is made (its __init__ calls refresh): the window
    # then need not read it again when the page is first shown, if nothing changed meanwhile.
    reads_when_made = False

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"page-{self.key}")
        self.setAccessibleName(self.title)

    def status_text(self) -> str:
        return ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        """The step's status without building the page (None: build the page to know).

        Pages whose status is cheap to compute from the repositories override this, so the
        journey shows every status as soon as the window opens.
        """
        return None

    def refresh(self) -> None:
        """Reloads what the page shows from the file (called when the page is shown)."""

    def read(self, work, then, part: str = "") -> None:
        """``then(work(workspace))``: off the window's thread when the window reads there (then
        ``then`` runs later, and only for the newest read of this page's ``part``), else at once.
        ``work`` must return plain records, never touch a widget."""
        reads = self.ctx.reads
        if reads is None:
            then(work(self.ctx.workspace))
        else:
            reads.read(f"{self.key}:{part}", work, then)

    def reads_at_once(self) -> bool:
        """True when what a page asks to read arrives at once (tests, screenshots, after
        ``finish_starting``); False when it arrives in a later idle moment of a window."""
        reads = self.ctx.reads
        return reads is None or reads.at_once

    def reading(self, part: str = "") -> bool:
        """True while a read of ``part`` asked through ``read`` has not been answered."""
        reads = self.ctx.reads
        return reads is not None and reads.pending(f"{self.key}:{part}")

    def finish_editing(self) -> None:
        """Saves a field that still has focus (called before switching page or closing)."""

    def show_pending(self) -> None:
        """Shows now what the page left for its next idle moment (MainWindow.finish_starting)."""

    def stop_background(self, finish: bool = True) -> None:
        """Ends any reading the page does on a thread of its own (called before the file
        closes, whose connection must be the last one closed); from then on it reads on the spot.
        With ``finish``, what was still being read is read now (not when the window closes)."""


def page_header(title: str, intro: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 8)
    heading = QLabel(title)
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    heading.setFont(font)
    heading.setAccessibleName(title)
    layout.addWidget(heading)
    layout.addWidget(HelpLabel(intro))
    return box


def scrolling(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area
