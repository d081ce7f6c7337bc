"""Getting started: the first hour's path through a new file, as a checklist with a way to each
place. A new file opens on it; Help → Getting started brings it back."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from svdesk.ui.common.page_base import page_header, scrolling
from svdesk.ui.common.widgets import HelpLabel


@dataclass(frozen=True)
class FirstStep:
    title: str
    status: str  # what the file holds now, in a few words
    done: bool
    places: tuple[tuple[str, str], ...]  # (page key, button text)


def _profile(workspace) -> tuple[bool, str]:
    from svdesk.ui.organisation.page import OrganisationPage

    org = workspace.organisation.get()
    profile = OrganisationPage.journey_status(workspace) or ""  # what the steps list says, too
    return bool(org.name.strip()) and not org.problems() and not profile.startswith("Needs"), profile


def _any_usable_story(workspace) -> bool:
    from svdesk.domain.consent import Use
    from svdesk.domain.dates import today

    on = today()
    return any(workspace.stories.usable_ids(use, on) for use in Use)


def first_steps(workspace) -> list[FirstStep]:
    """Each step of the first hour and how far the file has got with it (from the file only)."""
    org = workspace.organisation.get()
    named, profile = _profile(workspace)
    agreed = workspace.statements.latest()
    statement_status = workspace.statements.status()
    active = workspace.indicators.active_count()
    usable = _any_usable_story(workspace)
    tenders = workspace.tenders.all()
    answered = [t for t in tenders if workspace.tenders.answer(t.id).text.strip()]
    return [
        FirstStep("Say who you are", f"Done: {org.name}" if named else profile or "Your organisation's details",
                  named, (("organisation", "Go to Our organisation"),)),
        FirstStep("Write and agree your social value statement",
                  statement_status or ("Agreed" if agreed else "Not started"), agreed is not None,
                  (("statement", "Go to Our statement"),)),
        FirstStep("Choose two or three indicators to count",
                  f"{active} chosen" if active else "None chosen yet", active >= 2,
                  (("measures", "Go to What we measure"),)),
        FirstStep("Record a story, with the person's consent",
                  "At least one story can be used" if usable else "No story with consent yet", usable,
                  (("stories", "Go to Stories"),)),
        FirstStep("Answer a tender's social value question, or draft your CIC34 report",
                  f"{len(answered)} tender answer{'s' if len(answered) != 1 else ''} drafted" if answered
                  else f"{len(tenders)} tender{'s' if len(tenders) != 1 else ''}, no answer yet",
                  bool(answered), (("tenders", "Go to Tenders"), ("cic34", "Go to CIC34 report"))),
    ]


def is_new_file(workspace) -> bool:
    """At most one of the first steps done: the same answer as counting ``first_steps``, but
    the cheap steps are asked first and it stops at the second step done (every story's consent
    and every tender's answer took seconds to read on a big file, just to say it is not new)."""
    done = 0
    for step_done in (
        lambda: _profile(workspace)[0],
        lambda: workspace.statements.latest() is not None,
        lambda: workspace.indicators.active_count() >= 2,
        lambda: any(workspace.tenders.answer(t.id).text.strip() for t in workspace.tenders.all()),
        lambda: _any_usable_story(workspace),
    ):
        done += bool(step_done())
        if done >= 2:
            return False
    return True


class GettingStarted(QWidget):
    """The checklist. ``go`` carries the page key of the button pressed."""

    go = Signal(str)

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("getting-started")
        self.setAccessibleName("Getting started")
        outer = QVBoxLayout(self)
        outer.addWidget(page_header(
            "Getting started",
            "Five steps take a new file from blank to a tender answer or CIC34 report. Each step says "
            "how far you have got; its button takes you there. Help → Getting started brings this back."))
        self.area = scrolling(QWidget())
        outer.addWidget(self.area, 1)
        self.rows: list[tuple[QLabel, QLabel, HelpLabel, list[QPushButton]]] = []
        self.refresh()

    def refresh(self) -> None:
        """Builds the list afresh from the file (five rows: cheap, and never out of step)."""
        if self.workspace.file.is_closed:
            return
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 1)
        self.rows = []
        steps = first_steps(self.workspace)
        for number, step in enumerate(steps, 1):
            # Done or not is said in words and a symbol, never by colour alone.
            mark = QLabel("✔ Done" if step.done else "○ To do")
            title = QLabel(f"<b>{number}. {step.title}</b>")
            title.setWordWrap(True)
            status = HelpLabel(step.status)
            text = QVBoxLayout()
            text.addWidget(title)
            text.addWidget(status)
            buttons = QHBoxLayout()
            made = []
            for key, caption in step.places:
                button = QPushButton(caption)
                button.setAccessibleName(f"{caption} — step {number}: {step.title}")
                button.clicked.connect(lambda _checked=False, key=key: self.go.emit(key))
                buttons.addWidget(button)
                made.append(button)
            grid.addWidget(mark, number - 1, 0)
            grid.addLayout(text, number - 1, 1)
            grid.addLayout(buttons, number - 1, 2)
            self.rows.append((mark, title, status, made))
        grid.setRowStretch(len(steps), 1)
        self.area.setWidget(body)  # the old list goes with its widget

    def done_count(self) -> int:
        return sum(step.done for step in first_steps(self.workspace))
