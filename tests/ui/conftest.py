from pathlib import Path

import pytest


class FakeDialogs:
    """Stands in for every modal dialog: answers are queued by the test, questions recorded."""

    def __init__(self):
        self.messages: list[tuple[str, str, str]] = []
        self.answers: list = []
        self.shown: list = []

    def _next(self, default=None):
        return self.answers.pop(0) if self.answers else default

    def info(self, parent, title, text):
        self.messages.append(("info", title, text))

    def error(self, parent, title, text):
        self.messages.append(("error", title, text))

    def confirm(self, parent, title, text, yes="Continue"):
        self.messages.append(("confirm", title, text))
        return bool(self._next(True))

    def ask_text(self, parent, title, label, text=""):
        self.messages.append(("ask_text", title, label))
        return self._next(None)

    def choose(self, parent, title, label, items):
        self.messages.append(("choose", title, label))
        return self._next(None)

    def open_file(self, parent, title, folder, file_filter=""):
        self.messages.append(("open_file", title, folder))
        value = self._next(None)
        return Path(value) if value else None

    def open_files(self, parent, title, folder, file_filter=""):
        self.messages.append(("open_files", title, folder))
        return [Path(item) for item in self._next([])]

    def save_file(self, parent, title, suggested, file_filter=""):
        self.messages.append(("save_file", title, suggested))
        value = self._next(None)
        return Path(value) if value else None

    def choose_folder(self, parent, title, folder):
        self.messages.append(("choose_folder", title, folder))
        value = self._next(None)
        return Path(value) if value else None

    def run(self, dialog):
        """The app's own dialogs are kept (``shown``) for the test to drive, never shown modally."""
        self.messages.append(("run", dialog.windowTitle(), ""))
        self.shown.append(dialog)
        return False

    def errors(self):
        return [message for message in self.messages if message[0] == "error"]


@pytest.fixture
def dialogs():
    return FakeDialogs()


@pytest.fixture
def page_ctx(workspace, dialogs):
    from svdesk.ui.common.context import PageContext

    opened = []
    ctx = PageContext(workspace=workspace, dialogs=dialogs, open_external=opened.append)
    ctx.opened = opened
    return ctx


@pytest.fixture
def settings(tmp_path):
    from svdesk.ui.shell.settings import UserSettings

    return UserSettings(tmp_path / "settings.ini")


@pytest.fixture
def controller(qtbot, settings, dialogs):
    from svdesk.ui.shell.controller import AppController

    opened = []
    ctrl = AppController(settings, dialogs, open_external=opened.append)
    yield ctrl
    for window in list(ctrl.windows):
        window.close()
    if ctrl.welcome is not None:
        ctrl.welcome.close()


@pytest.fixture(scope="session")
def _shared_demo(qapp, demo_source, tmp_path_factory):
    from tests.ui.shared_window import SharedDemoWindow

    shared = SharedDemoWindow(tmp_path_factory.mktemp("shared-window"), demo_source, FakeDialogs())
    yield shared
    shared.discard()


@pytest.fixture
def demo_window(_shared_demo):
    """The demo's main window, shown and with every page made, SHARED by the tests that only
    look at it (see tests/ui/shared_window.py). The test fails if it wrote to the file, asked a
    question or opened a file (it needs a window of its own), and the window is then made again."""
    _shared_demo.reset()
    mark = _shared_demo.mark()
    yield _shared_demo.window()
    problem = _shared_demo.problem_since(mark)
    if problem is not None:
        _shared_demo.discard()
        pytest.fail(problem)


@pytest.fixture
def demo_copied_not_rewritten(monkeypatch, demo_source):
    """``write_demo`` copies the demo written once this session instead of writing it again from
    its JSON (about half a second each): for the tests of opening the demo in the window and of
    the self-test's pages, not of writing the demo (the session's ``demo_source`` writes it, and
    tests/store and tests/test_selftest.py test that)."""
    import shutil

    from svdesk.store import demo

    def copied(target: Path) -> Path:
        shutil.copyfile(demo_source, target)
        return Path(target)

    monkeypatch.setattr(demo, "write_demo", copied)
