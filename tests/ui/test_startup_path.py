"""The first frame of the main window stays clear of PySide's two slowest classes to make.

Naming anything in the ``Qt`` namespace makes PySide build all of its enums (about 14 ms) and
``QStyle`` costs about 5 ms more: together a quarter of our start-up budget (issue 2: at most twice
a bare window). This runs the real start-up in a fresh interpreter, as the benchmark does, and
checks neither has been made by the time the window has painted. A change that brings one back
fails here with the reason, rather than slowly showing up in the benchmark figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

STARTUP = textwrap.dedent(
    """
    import json, os, sys, threading
    from PySide6 import QtCore, QtWidgets
    from PySide6.QtCore import QTimer
    from svdesk.ui.shell.app import make_application
    app = make_application()
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.settings import UserSettings
    window = AppController(UserSettings(), Dialogs()).open_path(sys.argv[1])
    found = {}
    def painted():
        window.grab()
        found["first_paint"] = {"Qt": "Qt" in vars(QtCore), "QStyle": "QStyle" in vars(QtWidgets)}
        found["warming_before_paint"] = "sqlite_utils" in sys.modules or any(
            thread.name == "svdesk-warm-up" for thread in threading.enumerate())
        window.finish_starting()  # statuses and pages: these may use anything
        for thread in threading.enumerate():
            if thread.name == "svdesk-warm-up":
                thread.join()
        found["warmed_after"] = "sqlite_utils" in sys.modules
        from svdesk.ui.shell.journey import STATUS_ROLE
        found["statuses"] = [window.journey_model.item(row).data(STATUS_ROLE)
                             for row in range(window.journey_model.rowCount())]
        window.close()
        app.quit()
    QTimer.singleShot(0, painted)
    app.exec()
    print(json.dumps(found), flush=True)
    os._exit(0)  # skip PySide's interpreter teardown (see tests/conftest.py)
    """
)


def test_first_paint_needs_neither_the_qt_namespace_nor_qstyle(demo_copy):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", STARTUP, str(demo_copy)], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["first_paint"] == {"Qt": False, "QStyle": False}
    # sqlite-utils is loaded in the background only once the window has painted: its imports
    # competed with the first paint (issue 17), and it is there for the first edit.
    assert found["warming_before_paint"] is False and found["warmed_after"] is True
    # ...and the window still fills in every step's status straight after.
    assert all(found["statuses"]), found["statuses"]


# Records which modules are first loaded after PySide6, up to the window's first Paint event.
LOADED_AFTER_PYSIDE = textwrap.dedent(
    """
    import json, os, sys

    class Watch:
        after = []

        def find_spec(self, name, path=None, target=None):
            if "PySide6" in sys.modules and not name.startswith(("PySide6", "shiboken")):
                Watch.after.append(name)
            return None

    sys.meta_path.insert(0, Watch())
    from svdesk.ui.shell.app import make_application
    app = make_application()
    from PySide6.QtCore import QEvent, QObject
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.settings import UserSettings
    from svdesk.ui.shell.main_window import MainWindow
    found = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "after" not in found:
                found["after"] = list(Watch.after)
                app.quit()
            return False

    first_paint = FirstPaint()
    made = MainWindow.__init__
    def watched(self, *args, **kwargs):
        made(self, *args, **kwargs)
        self.installEventFilter(first_paint)
    MainWindow.__init__ = watched
    AppController(UserSettings(), Dialogs()).open_path(sys.argv[1])
    app.exec()
    print(json.dumps(found), flush=True)
    os._exit(0)
    """
)


def test_the_store_and_domain_are_loaded_before_pyside(demo_copy):
    # Once loaded, PySide6 reads the source of every module an import statement names (its
    # __feature__ check): about 1 ms a module, 70-100 ms of the start-up when the store and
    # domain came after it (issue 17). svdesk/ui/shell/app.py loads them first.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", LOADED_AFTER_PYSIDE, str(demo_copy)], capture_output=True,
                         text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    after = json.loads(run.stdout.strip().splitlines()[-1])["after"]
    assert any(name.startswith("svdesk.ui.") for name in after)  # the watch saw the window's modules
    # The workspace loads each repository (and its helpers) when first used, by design.
    on_first_use = ("svdesk.store.rows", "svdesk.domain.ids")
    late = [name for name in after if (name.startswith(("svdesk.store", "svdesk.services", "svdesk.domain"))
                                       or name == "svdesk.paths")
            and not name.endswith("_repo") and name not in on_first_use]
    assert late == [], f"load these in svdesk/ui/shell/app.py, before PySide6: {late}"


def test_help_and_problem_labels_never_read_text_as_html(qtbot):
    from PySide6.QtCore import Qt

    from svdesk.ui.common.widgets import HelpLabel, ProblemLabel

    help_label = HelpLabel("<b>not bold</b>")
    problem = ProblemLabel()
    qtbot.addWidget(help_label)
    qtbot.addWidget(problem)
    assert help_label.textFormat() == Qt.TextFormat.PlainText
    assert problem.textFormat() == Qt.TextFormat.PlainText


def test_the_start_up_fallback_waits_a_second_from_the_event_loop_not_from_the_window(qtbot, page_ctx):
    # The statuses and pages start after the first paint, or a second later if the window is
    # never painted (minimised). Counted from the window's making, that second ran out before
    # the first paint on a busy machine, and the paint then waited for them (issue 17).
    import time

    from svdesk.ui.shell.main_window import MainWindow

    window = MainWindow(page_ctx)  # never shown, so never painted
    qtbot.addWidget(window)
    started = []
    window.first_painted.connect(lambda: started.append(True))
    time.sleep(1.1)  # the rest of the start-up: no events handled yet
    qtbot.wait(50)  # the event loop's first moments
    assert started == []
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
