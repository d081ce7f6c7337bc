"""The journey lists its steps without importing the pages; each step must match its page."""

from svdesk.ui.shell.steps import page_classes, page_steps
from svdesk.ui.common.page_base import Page


def test_each_step_names_its_page_exactly():
    for step, cls in zip(page_steps(), page_classes(), strict=True):
        assert issubclass(cls, Page)
        assert (step.key, step.title) == (cls.key, cls.title)


def test_steps_are_unique_and_in_journey_order():
    keys = [step.key for step in page_steps()]
    assert keys == ["organisation", "statement", "measures", "stories", "listening", "tenders", "cic34", "summary"]
