"""Tells the person what the background check of a large file found (see
svdesk/store/background_check.py): nothing when all is well, a clear message when the file turns
out to be damaged. Polls, because the check runs in a thread and Qt widgets belong to this one."""

from __future__ import annotations

from PySide6.QtCore import QTimer

POLL_MS = 250


def watch_background_check(window, dialogs) -> None:
    check = window.workspace.file.background
    if check is None:
        return
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if window.workspace.file.is_closed:
            timer.stop()
            return
        if not check.done:
            return
        timer.stop()
        if check.problem:
            window.saved_label.setText("Not saving: the file is damaged")
            dialogs.error(window, "This file is damaged", f"{window.workspace.file.name}: {check.problem}")

    timer.timeout.connect(poll)
    timer.start()
