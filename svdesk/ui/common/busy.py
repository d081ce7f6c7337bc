"""The busy cursor while the window's thread does something the person waits for (an export, a
merge, finishing a backup copy): shown for the work, taken away however it ends."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def busy_cursor():
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
