"""PySide6 6.12 on Python 3.11: ``signal.emit()`` returns True without taking a reference, so
each emit from Python code takes one from True; after a few hundred the process aborts with
"Fatal Python error: bool_dealloc". svdesk.ui guards True and False as it guards None
(svdesk/ui/common/none_guard.py). Run in a child process, because without the guard it aborts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

MANY_EMITS = textwrap.dedent(
    """
    import svdesk.ui  # the guard
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLineEdit

    class Page(QObject):
        status_changed = Signal()
        saved = Signal(str)

    app = QApplication([])
    page, line = Page(), QLineEdit()
    seen = []
    page.saved.connect(seen.append)
    for number in range(20_000):  # far more than the references True starts with
        page.status_changed.emit()
        page.saved.emit("x")
        line.editingFinished.emit()
    print(len(seen))
    """
)


def test_thousands_of_signal_emits_do_not_abort_the_app():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", MANY_EMITS], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "20000"
