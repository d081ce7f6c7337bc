"""Starting the window: the composition root of the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

# Loaded before PySide6 on purpose. Once PySide6 is loaded, it reads the source of every module
# an import statement names, once each (its ``__feature__`` check): about a hundred modules,
# 70-100 ms of a busy machine's start-up. What opening a file and showing its first page need
# from the store, services and domain (and what they import) is loaded here, unchecked. (The
# workspace loads each repository when first used; the organisation's, before the paint.)
# ``tests/ui/test_startup_path.py`` keeps these modules from being loaded after PySide6.
import svdesk.domain.partial  # noqa: F401 - the first page
import svdesk.domain.words  # noqa: F401
import svdesk.paths  # noqa: F401
import svdesk.services.copies  # noqa: F401 - the window's title
import svdesk.services.files  # noqa: F401
import svdesk.services.statement  # noqa: F401
import svdesk.store.workspace  # noqa: F401
import svdesk.ui.shell.steps  # noqa: F401 - the journey, by key and title (no Qt)

from PySide6.QtWidgets import QApplication  # noqa: E402

from svdesk import APP_NAME, __version__


def make_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("svdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    # Matches the installed .desktop entry (packaging/linux), so the desktop shows our icon.
    app.setDesktopFileName("org.svdesk.svdesk")
    app.setWindowIcon(_app_icon())
    from svdesk.ui.shell.collector import install

    install(app)
    return app


def _app_icon():
    from PySide6.QtGui import QIcon

    from svdesk.paths import resources_dir

    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("svdesk-*.png")):
        icon.addFile(str(png))
    return icon


def _install_last_resort_handler(dialogs) -> None:
    """An unexpected error becomes a sentence in a window (details in the log), never a crash."""
    from svdesk.logs import log_unexpected

    def handler(kind, error, tb):
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        where = log_unexpected(error.with_traceback(tb))
        from svdesk.domain.errors import SvdeskError

        if isinstance(error, SvdeskError):
            dialogs.error(None, "svdesk", str(error))
            return
        dialogs.error(
            None, "Something went wrong",
            "svdesk hit an unexpected problem. Every change you saw saved is safe in your file.\n\n"
            f"Details for support are in {where}.",
        )

    sys.excepthook = handler


def run_window(file: Path | None = None, demo: bool = False, read_only: bool = False) -> int:
    app = make_application()
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.settings import UserSettings

    dialogs = Dialogs()
    _install_last_resort_handler(dialogs)
    controller = AppController(UserSettings(), dialogs)
    opened = None
    if demo:
        opened = controller.open_demo()
    elif file is not None:
        opened = controller.open_path(file, read_only=read_only)
    if opened is None:
        controller.show_welcome()
    return app.exec()
