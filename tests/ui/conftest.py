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


class SharedDemoWindow:
    """One main window on a copy of the demo, built once for the tests that only look at it
    (building a window and every page is most of such a test's time). It is made as the app
    makes it, less the controller's backup copy on opening (as ``demo_workspace``): those tests
    are about the window, not about opening files."""

    SIZE = (1100, 720)  # the size a first window opens at

    def __init__(self, folder: Path, demo: Path):
        self._folder, self._demo = folder, demo
        self._window = None
        self.dialogs = FakeDialogs()
        self.opened: list = []
        self.built = 0

    def window(self):
        if self._window is None:
            import shutil

            from svdesk.store.orgfile import open_file
            from svdesk.store.workspace import Workspace
            from svdesk.ui.common.context import PageContext
            from svdesk.ui.shell.main_window import MainWindow

            self.built += 1
            copy = self._folder / f"shared demo {self.built}.svdesk"
            shutil.copyfile(self._demo, copy)
            workspace = Workspace.around(open_file(copy, backup=False))
            self._window = MainWindow(PageContext(workspace=workspace, dialogs=self.dialogs,
                                                  open_external=self.opened.append))
            self._window.resize(*self.SIZE)
            self._window.show()
            self._window.finish_starting()
        return self._window

    def reset(self) -> None:
        """Back to how a window opens: its size, the first page, every tab on its first sheet,
        nothing asked or opened. (Anything else a test changes, such as a row chosen in a table,
        stays: a test of the shared window must not depend on it.)"""
        from PySide6.QtWidgets import QApplication, QTabWidget

        window = self.window()
        window.resize(*self.SIZE)
        for page in window.pages:
            for tabs in page.findChildren(QTabWidget):
                tabs.setCurrentIndex(0)
        window.show_page(window.pages[0].key)
        window.journey.setFocus()
        self.dialogs.messages.clear()
        self.dialogs.answers.clear()
        self.opened.clear()
        QApplication.processEvents()

    def discard(self) -> None:
        if self._window is not None:
            window, self._window = self._window, None
            window.close()
            window.deleteLater()


@pytest.fixture(scope="session")
def _shared_demo(qapp, demo_source, tmp_path_factory):
    shared = SharedDemoWindow(tmp_path_factory.mktemp("shared-window"), demo_source)
    yield shared
    shared.discard()


@pytest.fixture
def demo_window(_shared_demo):
    """The demo's main window, shown and with every page made, SHARED by the tests that only
    read: the test fails if the file's change mark moved (it wrote something; such a test needs
    its own window: ``controller.open_path(demo_copy)``), if it asked a question or opened a
    file, and the window is then made again for the next test."""
    _shared_demo.reset()
    window = _shared_demo.window()
    mark = window.workspace.file.change_mark()
    yield window
    changed = window.workspace.file.is_closed or window.workspace.file.change_mark() != mark
    asked = list(_shared_demo.dialogs.messages) + list(_shared_demo.opened)
    if changed or asked:
        _shared_demo.discard()
        pytest.fail("A test of the shared demo window " + ("changed its file" if changed else f"asked or opened {asked}")
                    + ": give it a window of its own (controller.open_path(demo_copy)).")


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
