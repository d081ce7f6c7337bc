"""One main window on a copy of the demo, shared by the tests that only look at it (building a
window and every page is most of such a test's time); ``demo_window`` in conftest.py hands it
out, reset before each test and checked after it."""

from __future__ import annotations

import shutil
from pathlib import Path


class SharedDemoWindow:
    """Made as the app makes a window, less the controller's backup copy on opening (as
    ``demo_workspace``): the tests that share it are about the window, not about opening files."""

    SIZE = (1100, 720)  # the size a first window opens at

    def __init__(self, folder: Path, demo: Path, dialogs):
        self._folder, self._demo = folder, demo
        self._window = None
        self.dialogs = dialogs
        self.opened: list = []
        self.built = 0

    def window(self):
        if self._window is None:
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
        the keyboard in the steps list, nothing asked or opened. (Anything else a test changes,
        such as a row chosen in a table, stays: a test of the shared window must not depend on it.)"""
        from PySide6.QtWidgets import QApplication, QTabWidget

        window = self.window()
        for page in window.pages:
            for tabs in page.findChildren(QTabWidget):
                tabs.setCurrentIndex(0)
        window.show_page(window.pages[0].key)
        window.journey.setFocus()
        QApplication.processEvents()  # layouts settle first (after a test changed the app's font, say)
        window.resize(*self.SIZE)
        QApplication.processEvents()
        if (window.width(), window.height()) != self.SIZE:  # it cannot be made as it opens: a new one
            self.discard()
            self.window()
        self.dialogs.messages.clear()
        self.dialogs.answers.clear()
        self.opened.clear()

    def mark(self) -> tuple:
        """Where the file stands: SQLite's count of changed rows on the window's connection and
        its count of commits by any other connection."""
        return self.window().workspace.file.change_mark()

    def problem_since(self, mark: tuple) -> str | None:
        """Why the window can no longer be shared since ``mark``, or None."""
        file = self.window().workspace.file
        if file.is_closed or file.change_mark() != mark:
            what = "changed its file"
        elif self.dialogs.messages or self.opened:
            what = f"asked or opened {[*self.dialogs.messages, *self.opened]}"
        else:
            return None
        return f"A test of the shared demo window {what}: give it a window of its own (controller.open_path(demo_copy))."

    def discard(self) -> None:
        if self._window is not None:
            window, self._window = self._window, None
            window.close()
            window.workspace.close()  # (the app's controller closes it when the window closes)
            window.deleteLater()
