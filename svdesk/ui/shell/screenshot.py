"""Renders one page of the window to a PNG without a display (docs, support, and looking)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from svdesk.domain.errors import SvdeskError
from svdesk.store.safe_paths import refuse_organisation_target
from svdesk.store.workspace import Workspace
from svdesk.ui.shell.app import make_application
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.dialogs import Dialogs
from svdesk.ui.shell.main_window import MainWindow
from svdesk.ui.shell.steps import page_classes
from svdesk.services.files import open_private_copy


GETTING_STARTED = "getting-started"


def _temporary_copy(path: Path) -> Workspace:
    folder = Path(tempfile.mkdtemp(prefix="svdesk-shot-"))
    return open_private_copy(path, folder / path.name)


def page_keys() -> list[str]:
    return [cls.key for cls in page_classes()]


def render_page(file: Path, page: str, output: Path, size: tuple[int, int] = (1100, 720)) -> Path:
    if page not in page_keys() and page not in ("welcome", GETTING_STARTED):
        raise SvdeskError(f"There is no page '{page}'. Pages: welcome, {GETTING_STARTED}, {', '.join(page_keys())}.")
    refuse_organisation_target(Path(output), [Path(file)])
    make_application()
    if page == "welcome":
        from svdesk.ui.shell.welcome import WelcomeWindow

        widget = WelcomeWindow([Path(file)])
    else:
        # Work on a private copy, so the page looks as it does in use (editable) while the
        # file itself is never touched.
        workspace = _temporary_copy(Path(file))
        widget = MainWindow(PageContext(workspace=workspace, dialogs=Dialogs()))
        widget.finish_starting()  # (a new file then shows Getting started: the page asked for comes after)
        if page == GETTING_STARTED:
            widget.show_getting_started()
        else:
            widget.show_page(page)
        # Show the file the person asked for, not the private copy the page was drawn from.
        widget.file_label.setText(str(Path(file).resolve()))
    widget.resize(*size)
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    image = widget.grab()
    widget.close()
    if page != "welcome":
        workspace.close()
        shutil.rmtree(workspace.path.parent, ignore_errors=True)
    if not image.save(str(output), "PNG"):
        raise SvdeskError(f"Could not write {output}.")
    return Path(output)
