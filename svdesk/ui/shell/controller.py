"""Opens, creates and closes organisation files and the windows that show them."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from svdesk.domain.errors import SvdeskError
from svdesk.domain.organisation import Organisation
from svdesk.store.fileformat import FileRefused
from svdesk.services.files import new_organisation_file, warm_up
from svdesk.store.workspace import Workspace, open_workspace
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.dialogs import Dialogs
from svdesk.ui.shell.file_watch import watch_background_check
from svdesk.ui.shell.main_window import MainWindow
from svdesk.ui.shell.settings import UserSettings

if TYPE_CHECKING:
    from svdesk.ui.shell.welcome import WelcomeWindow


def _open_with_system(path: str) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def first_size(window: MainWindow, wanted: tuple[int, int] = (1100, 720)) -> tuple[int, int]:
    """The size a first window opens at: ``wanted``, or less on a screen whose free area (less
    the desktop's panels, and the window's frame) is smaller."""
    screen = window.screen()
    if screen is None:
        return wanted
    free = screen.availableGeometry()
    return min(wanted[0], free.width() - 16), min(wanted[1], free.height() - 40)


def _warm_up_modules() -> None:
    """On the warm-up thread after the first paint: imports only (never a Qt object). The pages
    built in idle moments import these for their first showing; imported there, each took 50-70 ms
    of one stretch of the window's thread on the 50k file (issue 17)."""
    warm_up()
    import svdesk.compose.cic34  # noqa: F401  (the CIC34 page's year picker and draft)
    import svdesk.compose.tender  # noqa: F401  (the Tenders page's first answer)
    import svdesk.compose.delivery  # noqa: F401  (...and its delivery tab)


class AppController(QObject):
    def __init__(self, settings: UserSettings, dialogs: Dialogs, open_external=_open_with_system):
        super().__init__()
        self.settings = settings
        self.dialogs = dialogs
        self.open_external = open_external
        self.welcome: WelcomeWindow | None = None
        self.windows: list[MainWindow] = []

    # -- windows ----------------------------------------------------------------------------------
    def show_welcome(self) -> WelcomeWindow:
        if self.welcome is None:
            from svdesk.ui.shell.welcome import WelcomeWindow  # not needed when a file is opened at once

            self.welcome = WelcomeWindow(self.settings.recent_files())
            self.welcome.new_requested.connect(self.new_file)
            self.welcome.open_requested.connect(self.choose_and_open)
            self.welcome.demo_requested.connect(self.open_demo)
            self.welcome.recent_requested.connect(self.open_path)
        self.welcome.set_recent(self.settings.recent_files())
        self.welcome.show()
        self.welcome.raise_()
        return self.welcome

    def _parent(self):
        return self.windows[-1] if self.windows else self.welcome

    def _show_workspace(self, workspace: Workspace) -> MainWindow:
        from svdesk.ui.common.page_reads import PageReads

        background = workspace.file.background
        if background is not None:
            # The page check and backup copy wait for the first paint: on a busy machine the
            # paint came after their usual delay, and a big file's check then ran beside it.
            background.hold()
        # Pages read long lists on a second connection, off the window's thread (issue 17), and
        # the CIC34 and summary pages draft their reports on threads of their own.
        ctx = PageContext(workspace=workspace, dialogs=self.dialogs, open_external=self.open_external,
                          draft_in_background=workspace.path is not None, reads=PageReads(workspace))
        window = MainWindow(ctx)
        window.new_requested.connect(self.new_file)
        window.open_requested.connect(self.choose_and_open)
        window.demo_requested.connect(self.open_demo)
        window.backups_requested.connect(lambda: self.show_backups(window))
        window.merge_requested.connect(lambda: self.bring_in(window))
        window.closed.connect(lambda: self._window_closed(window))
        geometry = self.settings.window_geometry()
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            window.resize(*first_size(window))
        self.windows.append(window)
        window.show()
        watch_background_check(window, self.dialogs)  # a large file's page check runs after it opened
        # The first edit needs sqlite-utils; load it in the background while the person reads,
        # once the window has painted (started earlier, its imports competed with the first paint).
        window.first_painted.connect(self._warm_up)
        if background is not None:
            window.first_painted.connect(background.window_painted)
        if self.welcome is not None:
            self.welcome.hide()
        return window

    _warming = False  # the warm-up thread is started once

    def _warm_up(self) -> None:
        if not self._warming:
            self._warming = True
            threading.Thread(target=_warm_up_modules, name="svdesk-warm-up", daemon=True).start()

    def _window_closed(self, window: MainWindow) -> None:
        self.settings.set_window_geometry(window.saveGeometry())
        window.workspace.close()
        if window in self.windows:
            self.windows.remove(window)
        if not self.windows:
            app = QApplication.instance()
            if app is not None and not app.closingDown():
                self.show_welcome()

    # -- files ------------------------------------------------------------------------------------
    def open_path(self, path: Path, read_only: bool = False) -> MainWindow | None:
        path = Path(path)
        for window in self.windows:
            if window.workspace.path and window.workspace.path.resolve() == path.resolve():
                window.raise_()
                window.activateWindow()
                return window
        try:
            workspace = open_workspace(path, read_only=read_only, background=True)
        except FileRefused as refused:
            if refused.kind == "missing":
                self.settings.remove_recent(path)
                if self.welcome:
                    self.welcome.set_recent(self.settings.recent_files())
            if refused.kind in ("read-only", "in-use"):
                if self.dialogs.confirm(self._parent(), "Open read-only?", f"{path.name}: {refused.reason}",
                                        yes="Open read-only"):
                    return self.open_path(path, read_only=True)
            else:
                self.dialogs.error(self._parent(), "Cannot open this file", f"{path.name}: {refused.reason}\n\nThe file has not been changed.")
            return None
        except SvdeskError as error:
            self.dialogs.error(self._parent(), "Cannot open this file", str(error))
            return None
        self.settings.add_recent(path)
        self.settings.set_last_folder(path.parent)
        return self._show_workspace(workspace)

    def choose_and_open(self) -> MainWindow | None:
        path = self.dialogs.open_file(self._parent(), "Open an svdesk file", self.settings.last_folder())
        return self.open_path(path) if path else None

    def new_file(self) -> MainWindow | None:
        name = self.dialogs.ask_text(self._parent(), "New organisation", "Your organisation's name:")
        if name is None:
            return None
        name = name.strip()
        if not name:
            self.dialogs.error(self._parent(), "New organisation", "Please give your organisation a name.")
            return None
        from svdesk.services.files import default_name

        suggested = str(Path(self.settings.last_folder()) / default_name(name))
        path = self.dialogs.save_file(self._parent(), "Where should svdesk keep this organisation's file?", suggested)
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(".svdesk")
        started = self._ask_incorporation(name)
        try:
            workspace = new_organisation_file(path, Organisation(name=name, incorporated_on=started))
        except SvdeskError as error:
            self.dialogs.error(self._parent(), "Could not create the file", str(error))
            return None
        self.settings.add_recent(path)
        self.settings.set_last_folder(path.parent)
        return self._show_workspace(workspace)

    def _ask_incorporation(self, name: str):
        """The organisation's own start: no report, check or deadline is given for a year before
        it. Optional — cancelling or leaving it empty means "not given" (it can be added later)."""
        from svdesk.domain.dates import parse_user_date

        label = (f"When was {name} incorporated (or when did it start trading)? For example 14/03/2026.\n"
                 "Leave this empty if you are not sure; you can add it on the Our organisation page.")
        for _ in range(3):
            text = self.dialogs.ask_text(self._parent(), "New organisation", label)
            if text is None or not text.strip():
                return None
            day = parse_user_date(text)
            if day is not None:
                return day
            label = f"“{text.strip()}” is not a date svdesk can read. Write it like 14/03/2026 or 14 Mar 2026:"
        return None

    def open_demo(self) -> MainWindow | None:
        from svdesk.services.files import fresh_demo_copy

        try:
            path = fresh_demo_copy()
            workspace = open_workspace(path, background=True)
        except SvdeskError as error:
            self.dialogs.error(self._parent(), "Could not open the demo", str(error))
            return None
        return self._show_workspace(workspace)

    def bring_in(self, window: MainWindow) -> bool:
        from svdesk.ui.shell.bring_in import bring_in_changes

        return bring_in_changes(window, self.dialogs, self.settings)

    def show_backups(self, window: MainWindow) -> None:
        from svdesk.services.files import backups_of, restore_backup

        path = window.workspace.path
        if path is None:
            return
        background = window.workspace.file.background
        if background is not None and not background.hurry(0.5):
            # The copy taken on opening belongs in the list, and must not finish (and rotate an
            # older copy away) after the person has chosen one: let it finish now.
            from svdesk.ui.common.busy import busy_cursor

            with busy_cursor():
                background.finish()
        found = backups_of(path)
        if not found:
            self.dialogs.info(window, "Backup copies", "There are no backup copies of this file yet. svdesk makes one each time you open it.")
            return
        choice = self.dialogs.choose(
            window, "Restore a backup copy",
            "svdesk keeps a copy each time you open this file. Choose one to go back to.\n"
            "The current version is kept as a backup too, so this can be undone.",
            [backup.label for backup in found],
        )
        if choice is None:
            return
        window.close()
        try:
            restore_backup(found[choice].path, path)
        except SvdeskError as error:
            self.dialogs.error(self._parent(), "Could not restore", str(error))
        self.open_path(path)

