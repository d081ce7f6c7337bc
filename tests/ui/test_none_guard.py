"""PySide6 6.12 on Python 3.11 takes a reference from None on every call that returns nothing;
svdesk.ui guards against it (svdesk/ui/common/none_guard.py). Run in a child process, because without
the guard the process aborts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

MANY_CALLS = textwrap.dedent(
    """
    import svdesk.ui  # the guard
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label, model = QLabel(), QStandardItemModel()
    for number in range(40_000):  # far more than the references None starts with
        label.setText(str(number))
        item = QStandardItem("story")
        item.setData(number, 257)
        model.appendRow(item)
    print(model.rowCount())
    """
)


def test_thousands_of_qt_calls_do_not_abort_the_app():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", MANY_CALLS], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "40000"
