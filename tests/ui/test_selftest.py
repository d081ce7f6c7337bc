"""The window half of the self-test: every page drawn, and a page's trouble turned into a sentence."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage

from svdesk import selftest
from svdesk.services import export_registry as exports
from svdesk.ui.shell import steps as pages_module
from svdesk.ui.shell.steps import page_classes
from svdesk.ui.common.page_base import Page
from svdesk.ui.shell.selftest import PageProblem, render_every_page


class _Step:
    """A journey step for a page made up by the test (duck-typed like PageStep)."""

    def __init__(self, cls):
        self.cls, self.key, self.title = cls, cls.key, cls.title

    def page_class(self):
        return self.cls

    def is_imported(self):
        return True

    def __call__(self, ctx):
        return self.cls(ctx)

    def journey_status(self, workspace):
        return None


class BrokenPage(Page):
    key, title = "broken", "Broken page"

    def refresh(self):
        raise ZeroDivisionError("division by zero in the totals")


class NosyPage(Page):
    key, title = "nosy", "Nosy page"

    def refresh(self):
        self.ctx.dialogs.confirm(self, "Are you sure?", "Really?")


class SlotErrorPage(Page):
    key, title = "slot", "Slot page"

    def refresh(self):
        QTimer.singleShot(0, self._later)

    def _later(self):
        raise KeyError("a missing indicator")


def _with_extra_page(monkeypatch, cls):
    steps = pages_module.page_steps()
    monkeypatch.setattr(pages_module, "STEPS", (*steps[:1], _Step(cls), *steps[1:]))


# Every page made, settled and saved as a picture (about 2.5 s of processor time). The fast suite
# keeps test_a_failing_page_is_one_sentence (the same run: the welcome picture, the window and the
# first page's picture, then each kind of failure) and the accessibility audit draws every page.
@pytest.mark.slow
def test_every_page_is_drawn_to_a_picture(qtbot, demo_copy, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    keys = render_every_page(demo_copy, folder)
    expected = [cls.key for cls in page_classes()]
    assert keys == ["welcome", *expected]
    for number, key in enumerate(expected, start=1):
        image = QImage(str(folder / f"{number:02d}-{key}.png"))
        assert (image.width(), image.height()) == (1100, 720), key
    assert QImage(str(folder / "00-welcome.png")).width() > 0


@pytest.mark.parametrize(("cls", "says"), [
    (BrokenPage, "the page 'Broken page' failed: ZeroDivisionError: division by zero in the totals"),
    (NosyPage, "the page 'Nosy page' asked a question while opening (confirm 'Are you sure?')"),
    (SlotErrorPage, "the page 'Slot page' failed: KeyError: 'a missing indicator'"),
])
def test_a_failing_page_is_one_sentence(qtbot, monkeypatch, demo_copy, tmp_path, cls, says):
    _with_extra_page(monkeypatch, cls)
    folder = tmp_path / "pages"
    folder.mkdir()
    with pytest.raises(PageProblem) as caught:
        render_every_page(demo_copy, folder)
    assert str(caught.value).startswith(says)


def test_the_whole_run_fails_plainly_on_a_broken_page(qtbot, monkeypatch, _private_user_folders,
                                                     demo_copied_not_rewritten):
    _with_extra_page(monkeypatch, BrokenPage)
    monkeypatch.setattr(exports, "EXPORTS", [])
    lines = []
    assert selftest.run_self_test(emit=lines.append) == 1
    text = "\n".join(lines)
    assert "FAILED  window pages: the page 'Broken page' failed: ZeroDivisionError" in text
    assert "Traceback" not in text
    assert "ZeroDivisionError" in (_private_user_folders / "data" / "svdesk.log").read_text("utf-8")
