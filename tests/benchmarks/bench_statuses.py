"""How long the window's thread is busy working out the journey's statuses after a change is
saved (the CIC34 report and impact summary statuses are drafted on a background thread; this
measures what is left on the thread that draws). Run by hand; not a test: timings flake.

    python tests/benchmarks/bench_statuses.py FILE [--saves 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", help="an .svdesk file (say, one made by tests/benchmarks/bigfile.py); it is changed")
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer

    from svdesk.ui.shell.app import make_application
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.settings import UserSettings

    app = make_application()
    window = AppController(UserSettings(), Dialogs()).open_path(args.file)
    if window is None:
        return 1
    results: dict[str, list[float]] = {"main": [], "background": []}

    def measure() -> None:
        staff = window.workspace.organisation.get().staff
        for number in range(args.saves):
            window.workspace.organisation.update(staff=staff + number % 2)  # a change saved, as a page saves it
            started = time.perf_counter()
            window.update_statuses()
            results["main"].append(time.perf_counter() - started)
            worker = window._status_worker
            if worker is not None:
                worker.wait_idle(30)
                results["background"].append(time.perf_counter() - started)
            app.processEvents()
        window.workspace.organisation.update(staff=staff)
        window.close()
        app.quit()

    QTimer.singleShot(2000, measure)  # after the first paint and the first statuses
    app.exec()
    main_ms = statistics.median(results["main"]) * 1000
    print(f"statuses on the window's thread after a save (median of {args.saves}): {main_ms:.1f} ms")
    if results["background"]:
        print(f"until the background statuses are ready: {statistics.median(results['background']) * 1000:.0f} ms")
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter teardown (see tests/conftest.py)


if __name__ == "__main__":
    raise SystemExit(main())
