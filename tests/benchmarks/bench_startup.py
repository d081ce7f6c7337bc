"""Start-up benchmark: time to the end of the main window's first paint on the demo (or FILE), beside a
bare PySide6 window measured in the same run, runs interleaved; also the processor time each used.
Run by hand; prints a table and JSON. Not a test: timings flake.

    python tests/benchmarks/bench_startup.py [--runs 5] [--file PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

# Both measures stop at the end of the window's first real paint: the first Paint event the
# window receives, and the zero-delay timer it queues, which runs once that paint pass is over.
# (A zero-delay timer queued before the event loop starts can run before anything was painted,
# and grab() then paints on demand: that measured drawing into a picture, not the window.)
PAINTED = textwrap.dedent(
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                QTimer.singleShot(0, self.done)
            return False
        def done(self):
            print(time.perf_counter() - t0, time.process_time()); app.quit()
    first_paint = FirstPaint()
    """
)

BARE = textwrap.dedent(
    """
    import time; t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
    app = QApplication([])
    w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1100, 720)
    """
) + PAINTED + textwrap.dedent(
    """
    w.installEventFilter(first_paint); w.show()
    app.exec()
    """
)

SVDESK = textwrap.dedent(
    """
    import sys, time; t0 = time.perf_counter()
    from svdesk.ui.shell.app import make_application
    app = make_application()
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.settings import UserSettings
    """
) + PAINTED + textwrap.dedent(
    """
    # The filter goes on every window as it is made, before it is shown (the controller shows it).
    from svdesk.ui.shell.main_window import MainWindow
    made = MainWindow.__init__
    def watched(self, *args, **kwargs):
        made(self, *args, **kwargs); self.installEventFilter(first_paint)
    MainWindow.__init__ = watched
    c = AppController(UserSettings(), Dialogs())
    w = c.open_path(sys.argv[1])
    app.exec()
    """
)


def _time(code: str, *args: str, env: dict) -> tuple[float, float]:
    """Seconds to the end of the first paint: on the clock, and of processor time (every thread
    of the process, from its start): on a shared machine the second depends far less on the load."""
    # A moment's pause first: the previous run's exit (a big file closed, backups written out)
    # otherwise slows whichever run comes next, the bare window included.
    time.sleep(0.3)
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", help="an .svdesk file (default: a fresh demo)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # Installed packages carry compiled bytecode; let the warm-up runs write ours too, as a
        # user's first start does, so source compilation is not timed.
        base = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env = {**base, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "SVDESK_DATA_DIR": os.path.join(tmp, "data"), "SVDESK_CONFIG_DIR": os.path.join(tmp, "config")}
        target = args.file
        if not target:
            target = os.path.join(tmp, "demo.svdesk")
            subprocess.run([sys.executable, "-m", "svdesk", "demo", target], check=True, env=env, capture_output=True)
        _time(BARE, env=env)  # warm the disk cache for both
        _time(SVDESK, target, env=env)
        load_before = os.getloadavg()[0]
        # Interleaved, each taking the first turn every other run: on a shared machine the load
        # drifts, and one window's run right after the other's exit (a big file's check and copy
        # finishing) slows it; runs of one kind after all runs of the other measured the drift.
        bare, ours = [], []
        for run in range(args.runs):
            for kind in ((BARE, SVDESK) if run % 2 == 0 else (SVDESK, BARE)):
                if kind is BARE:
                    bare.append(_time(BARE, env=env))
                else:
                    ours.append(_time(SVDESK, target, env=env))
    result = {
        "bare_window_s": statistics.median(run[0] for run in bare),
        "svdesk_window_s": statistics.median(run[0] for run in ours),
        "ratio": statistics.median(run[0] for run in ours) / statistics.median(run[0] for run in bare),
        "bare_processor_s": statistics.median(run[1] for run in bare),
        "svdesk_processor_s": statistics.median(run[1] for run in ours),
        "processor_ratio": statistics.median(run[1] for run in ours) / statistics.median(run[1] for run in bare),
        "runs": args.runs,
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],  # before, after
    }
    print(f"{'measure':<28}{'median (s)':>12}")
    print(f"{'bare PySide6 window':<28}{result['bare_window_s']:>12.3f}")
    print(f"{'svdesk main window (file)':<28}{result['svdesk_window_s']:>12.3f}")
    print(f"{'ratio (target <= 1.5)':<28}{result['ratio']:>12.2f}")
    print(f"{'processor time: bare':<28}{result['bare_processor_s']:>12.3f}")
    print(f"{'processor time: svdesk':<28}{result['svdesk_processor_s']:>12.3f}")
    print(f"{'processor time ratio':<28}{result['processor_ratio']:>12.2f}")
    print(f"load average before / after: {result['load_average'][0]} / {result['load_average'][1]}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
