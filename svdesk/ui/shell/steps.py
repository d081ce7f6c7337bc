"""One page per step of the journey, in the order the journey shows them."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class PageStep:
    """A step of the journey, known by key and title without importing its page: the window
    lists every step at once but builds (and imports) the pages after it has been painted,
    which keeps the page modules (about 40 ms of imports) out of the start-up.
    ``tests/ui/test_page_steps.py`` checks that key and title match the page class."""

    key: str
    title: str
    where: str  # "package.module:Class" under svdesk.ui
    # The status drafts a whole report or counts every record (a tenth of a second or more with years
    # of records): the window works it out on a second connection, off the thread that draws
    # (ui/shell/status_worker.py).
    slow_status: bool = False

    def page_class(self):
        module, _, name = self.where.partition(":")
        return getattr(importlib.import_module(f"svdesk.ui.{module}"), name)

    def is_imported(self) -> bool:
        """Whether the page's module is loaded already (asking imports nothing)."""
        return f"svdesk.ui.{self.where.partition(':')[0]}" in sys.modules

    def __call__(self, ctx):
        return self.page_class()(ctx)

    def journey_status(self, workspace) -> str | None:
        return self.page_class().journey_status(workspace)


STEPS = (
    PageStep("organisation", "Our organisation", "organisation.page:OrganisationPage"),
    PageStep("statement", "Our statement", "statement.page:StatementPage"),
    # These count every record (every story's consent, every reading): a second or more at 50,000.
    PageStep("measures", "What we measure", "measures.page:MeasuresPage", slow_status=True),
    PageStep("stories", "Stories", "stories.page:StoriesPage", slow_status=True),
    PageStep("listening", "Who we listened to", "stories.listening_page:ListeningPage", slow_status=True),
    PageStep("tenders", "Tenders", "tenders.page:TendersPage", slow_status=True),
    PageStep("cic34", "CIC34 report", "cic34.page:Cic34Page", slow_status=True),
    PageStep("summary", "Impact summary", "summary.page:SummaryPage", slow_status=True),
)


def page_steps() -> tuple[PageStep, ...]:
    return STEPS


def page_classes():
    return [step.page_class() for step in STEPS]
