"""The window half of ``svdesk --self-test``: the welcome window and every page of the journey,
drawn on a private copy of the demo, with the same building blocks as the real window.

A page fails when building or showing it raises (also inside a Qt slot, where Python only
prints the error), when Qt reports a critical error, when it draws nothing, or when it asks the
person something (a modal question on opening would stall a real start-up).

``svdesk.selftest.choose_qt_platform`` must run before this module is imported.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from svdesk.domain.errors import SvdeskError
from svdesk.store.workspace import Workspace
from svdesk.ui.shell.app import make_application
from svdesk.ui.common.context import PageContext
from svdesk.ui.shell.main_window import MainWindow
from svdesk.ui.shell.steps import page_classes
from svdesk.services.files import open_private_copy

WINDOW_SIZE = (1100, 720)


class PageProblem(SvdeskError):
    """A plain sentence about what went wrong on a page."""


class _Questions:
    """Stands in for ``Dialogs``: answers every question with "no" and remembers it was asked,
    whatever the method (pages may add kinds of question that this module does not know about)."""

    def __init__(self):
        self.asked: list[str] = []

    def __getattr__(self, kind: str):
        if kind.startswith("_"):
            raise AttributeError(kind)

        def ask(_parent=None, title="", *_args, **_kwargs):
            self.asked.append(f"{kind} '{title}'")
            return [] if kind == "open_files" else None

        return ask


class _Trouble:
    """Collects what would otherwise only be printed: errors raised in slots and Qt's criticals."""

    def __init__(self):
        self.questions = _Questions()
        self.errors: list[str] = []
        self.log: list[str] = []

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        previous_hook = sys.excepthook

        def hook(kind, error, tb):
            self.errors.append(f"{kind.__name__}: {error}")
            self.log.append("".join(traceback.format_exception(kind, error, tb)))

        def on_message(mode, _context, message):
            if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
                self.errors.append(f"Qt: {message}")

        sys.excepthook = hook
        previous_handler = qInstallMessageHandler(on_message)
        try:
            yield
        finally:
            sys.excepthook = previous_hook
            qInstallMessageHandler(previous_handler)

    def raise_if_any(self, where: str) -> None:
        if self.errors:
            if self.log:
                _write_to_log("".join(self.log))
            first, more = self.errors[0], len(self.errors) - 1
            self.errors.clear()
            self.log.clear()
            raise PageProblem(f"{where} failed: {first}" + (f" (and {more} more)" if more else ""))
        if self.questions.asked:
            asked = ", ".join(self.questions.asked)
            self.questions.asked.clear()
            raise PageProblem(f"{where} asked a question while opening ({asked}).")


def render_every_page(demo: Path, folder: Path) -> list[str]:
    """Renders the welcome window and each page to ``folder/NN-key.png``; returns the keys.
    Raises PageProblem (an SvdeskError) with a sentence on the first page that fails."""
    app = make_application()
    trouble = _Trouble()
    rendered: list[str] = []
    with trouble.watching():
        _render_welcome(demo, folder, trouble)
        rendered.append("welcome")
        workspace = open_private_copy(demo, folder.with_name(f"{folder.name}.svdesk"))
        try:
            rendered += _render_pages(workspace, folder, trouble)
        finally:
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            workspace.close()
    return rendered


def platform_name() -> str:
    return QApplication.platformName() or "unknown"


def _render_welcome(demo: Path, folder: Path, trouble: _Trouble) -> None:
    from svdesk.ui.shell.welcome import WelcomeWindow

    welcome = WelcomeWindow([demo])
    try:
        _show(welcome, (720, 480))
        trouble.raise_if_any("the welcome window")
        _save(_check_drawn(welcome, "the welcome window"), folder / "00-welcome.png")
    finally:
        welcome.close()
        welcome.deleteLater()


def _render_pages(workspace: Workspace, folder: Path, trouble: _Trouble) -> list[str]:
    keys = []
    try:
        window = MainWindow(PageContext(workspace=workspace, dialogs=trouble.questions))
    except Exception as error:  # noqa: BLE001 - turned into the self-test's sentence
        _write_to_log(traceback.format_exc())
        raise PageProblem(f"the main window could not be built: {type(error).__name__}: {error}") from None
    try:
        _show(window, WINDOW_SIZE)
        trouble.raise_if_any("the main window")
        for number, cls in enumerate(page_classes(), start=1):
            where = f"the page '{cls.title or cls.key}'"
            try:
                page = window.show_page(cls.key)
                _settle()
                if window.current_page() is not page:
                    raise PageProblem(f"{where} could not be shown.")
                page.status_text()
                trouble.raise_if_any(where)
                _check_drawn(page, where)
                _save(window.grab().toImage(), folder / f"{number:02d}-{cls.key}.png")
                page.finish_editing()
                _settle()
                trouble.raise_if_any(where)
            except PageProblem:
                raise
            except Exception as error:  # noqa: BLE001 - turned into the self-test's sentence
                _write_to_log(traceback.format_exc())
                raise PageProblem(f"{where} failed: {type(error).__name__}: {error}") from None
            keys.append(cls.key)
    finally:
        window.close()
        window.deleteLater()
    trouble.raise_if_any("closing the main window")
    return keys


def _show(widget: QWidget, size: tuple[int, int]) -> None:
    widget.resize(*size)
    if QApplication.platformName() != "offscreen":
        # On a real display: laid out and drawn as in use, but never flashed on the screen.
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()
    _settle()


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _check_drawn(widget: QWidget, where: str) -> QImage:
    image = widget.grab().toImage()
    if image.isNull() or image.width() < 50 or image.height() < 50:
        raise PageProblem(f"{where} drew nothing (its picture is {image.width()}×{image.height()}).")
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)}
    if len(colours) < 3:
        raise PageProblem(f"{where} drew an empty area (only {len(colours)} colour(s)).")
    return image


def _save(image: QImage, target: Path) -> None:
    if not image.save(str(target), "PNG"):
        raise PageProblem(f"the picture of a page could not be saved to {target}.")


def _write_to_log(text: str) -> None:
    import datetime as dt

    from svdesk import __version__

    with contextlib.suppress(Exception):
        from svdesk.paths import log_file

        with open(log_file(), "a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat()} svdesk {__version__} self-test\n{text}")
