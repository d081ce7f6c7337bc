"""The year's reports on big files: the CIC34 report (pdf, docx, txt) and the impact summary
(pdf), each the FIRST export in a fresh process (so it pays for loading reportlab/python-docx),
and the peak memory of the window with every page shown and every export made. Run by hand;
timings are never tests (``test_bench_runs.py`` only checks that it runs on a tiny file).

    python tests/benchmarks/bench_reports.py FILE [FILE ...] [--runs 3] [--only exports|commands|memory] [--json]

Each FILE is copied first (exports write to the use log). Goals (issue 17): each report under
0.5 s at 10k stories and under 1 s at 50k; the window + every export under 250 MB, measured as
VmHWM (the resident high-water mark) in /proc of the measuring process. Also printed: how many
stories the year holds, so the cost can be read against the year's records, not the file's.

``commands`` times what a person waits for on the command line: the whole ``svdesk export cic34``
/ ``svdesk export summary`` command (starting Python, opening the file, drafting, writing, the use
log), its wall clock and its processor time (user + system, from the child's resource usage).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_all  # noqa: E402  (its export plan and run_export: reused, not copied)

REPORTS = [("CIC34 report", "pdf"), ("CIC34 report", "docx"), ("CIC34 report", "txt"), ("impact summary", "pdf")]
GOALS = {10_000: 0.5, 50_000: 1.0}
MEMORY_MB = 250.0

# One report, first in a fresh process, then again (warm) in the same process.
EXPORT = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from pathlib import Path
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace
    sys.path.insert(0, sys.argv[6])
    from bench_all import run_export
    path, kind, fmt, out, today = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5]
    workspace = Workspace.around(open_file(path, backup=False))
    times = []
    for number in range(2):
        t0, c0 = time.perf_counter(), time.process_time()
        run_export(workspace, kind, fmt, out / f"r{number}.{fmt}", {}, dt.date.fromisoformat(today))
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    workspace.close()
    print(json.dumps(times))
    """
)

# The window opens the file, waits until every page is built, shows each page, then makes every
# export of bench_all's plan in the same process; VmHWM (the resident high-water mark) is read
# from /proc. Dialogs never block: a message would mean something went wrong, so it is an error.
MEMORY = textwrap.dedent(
    """
    import datetime as dt, faulthandler, json, sys
    faulthandler.dump_traceback_later(900, exit=True)
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from svdesk.ui.shell.app import make_application
    app = make_application()
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.settings import UserSettings

    def high_water_mb():
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))

    class NoDialogs(Dialogs):
        def info(self, parent, title, text):
            print(f"info: {title}: {text}", file=sys.stderr)
        def error(self, parent, title, text):
            raise SystemExit(f"error dialog: {title}: {text}")
        def confirm(self, parent, title, text, yes="Continue"):
            raise SystemExit(f"question: {title}: {text}")

    controller = AppController(UserSettings(), NoDialogs())
    window = controller.open_path(sys.argv[1])
    out, plan, tenders = Path(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[5])
    sys.path.insert(0, sys.argv[4])
    from bench_all import run_export
    today = dt.date.fromisoformat(sys.argv[6])
    result = {}

    def step():
        if len(window._built) < len(window._classes):
            QTimer.singleShot(20, step)
            return
        result["after_open_mb"] = high_water_mb()
        for page in window.pages:  # every page shown once, as a person going through the journey would
            window.show_page(page.key)
            app.processEvents()
        result["after_pages_mb"] = high_water_mb()
        for number, (kind, fmt) in enumerate(plan):
            run_export(window.workspace, kind, fmt, out / f"mem-{number}.{fmt}", tenders, today)
        result["vmhwm_mb"] = high_water_mb()
        window.close()
        app.quit()

    QTimer.singleShot(0, step)
    app.exec()
    print(json.dumps(result))
    """
)


def _env(folder: Path, number: int) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    home = folder / f"user-{number}"
    env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPYCACHEPREFIX=str(folder / "pyc"),
               SVDESK_DATA_DIR=str(home / "data"), SVDESK_CONFIG_DIR=str(home / "config"))
    return env


def _run(code: str, *args: str, env: dict) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError(f"a benchmark step failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def _counts(path: Path) -> dict:
    """Stories in the file, and in the year the reports are for (2025/26, as bench_all's TODAY)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        total = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        year = conn.execute("SELECT count(*) FROM stories WHERE story_date BETWEEN '2025-04-01' AND '2026-03-31'"
                            ).fetchone()[0]
    finally:
        conn.close()
    return {"stories": total, "stories_in_year": year}


def _command(kind: str, fmt: str, path: Path, out: Path) -> list[str]:
    if kind == "impact summary":
        return [sys.executable, "-m", "svdesk", "export", "summary", str(path), "--year", "2025/26", "-o", str(out)]
    return [sys.executable, "-m", "svdesk", "export", "cic34", str(path), "--year", "2025/26", "--format", fmt,
            "-o", str(out)]


def _time_command(argv: list[str], env: dict) -> tuple[float, float]:
    """(wall, processor) seconds of one whole command in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # From this checkout: ``python -m`` puts the working folder first on the path.
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=1800, cwd=HERE.parents[1])
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[3:5])} failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(source: Path, folder: Path, runs: int, only: str | None) -> dict:
    copy = folder / source.name
    shutil.copyfile(source, copy)
    found = {"file": source.name, **_counts(copy), "exports": {}}
    out = folder / "out"
    out.mkdir(exist_ok=True)
    today = bench_all.TODAY.isoformat()
    number = 0
    if only in (None, "exports"):
        for kind, fmt in REPORTS:  # unmeasured: compiles every module once (the bytecode cache), as an install does
            number += 1
            _run(EXPORT, str(copy), kind, fmt, str(out), today, str(HERE), env=_env(folder, number))
        for kind, fmt in REPORTS:
            cold, cold_cpu, warm = [], [], []
            for _ in range(runs):
                number += 1
                times = json.loads(_run(EXPORT, str(copy), kind, fmt, str(out), today, str(HERE),
                                        env=_env(folder, number)))
                cold.append(times[0][0])
                cold_cpu.append(times[0][1])
                warm.append(times[1][0])
            # CPU time beside the wall clock: on a shared machine the wall clock mostly measures the others.
            found["exports"][f"{kind} ({fmt})"] = {"first_median_s": round(statistics.median(cold), 3),
                                                   "first_max_s": round(max(cold), 3),
                                                   "first_cpu_median_s": round(statistics.median(cold_cpu), 3),
                                                   "warm_median_s": round(statistics.median(warm), 3)}
    if only in (None, "commands"):
        found["commands"] = {}
        env = _env(folder, 0)
        env["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
        for kind, fmt in REPORTS:
            target = out / f"command.{fmt}"
            _time_command(_command(kind, fmt, copy, target), env)  # unmeasured: compiles every module once
            walls, cpus = [], []
            for _ in range(runs):
                wall, cpu = _time_command(_command(kind, fmt, copy, target), env)
                walls.append(wall)
                cpus.append(cpu)
            found["commands"][f"{kind} ({fmt})"] = {"wall_median_s": round(statistics.median(walls), 3),
                                                    "cpu_median_s": round(statistics.median(cpus), 3),
                                                    "cpu_min_s": round(min(cpus), 3)}
    if only in (None, "memory"):
        plan = [(kind, fmt) for kind, fmt, _target in bench_all.EXPORT_PLAN]
        number += 1
        result = json.loads(_run(MEMORY, str(copy), str(out), json.dumps(plan), str(HERE),
                                 json.dumps(bench_all.DEMO_TENDERS), today, env=_env(folder, number)))
        found["memory"] = {key: round(value, 1) for key, value in result.items()}
    copy.unlink()
    return found


def goal_for(stories: int) -> float | None:
    return next((seconds for size, seconds in sorted(GOALS.items()) if stories <= size * 1.05), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("exports", "commands", "memory"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--load-before", type=float, default=None,
                        help="wait (up to 10 minutes) until the 1-minute load average is below this")
    args = parser.parse_args()
    if args.load_before is not None:
        for _ in range(60):
            if os.getloadavg()[0] < args.load_before:
                break
            time.sleep(10)
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results, missed = [], []
    with tempfile.TemporaryDirectory(prefix="svdesk-bench-reports-") as folder:
        for path in args.files:
            found = measure(path, Path(folder), args.runs, args.only)
            results.append(found)
            goal = goal_for(found["stories"])
            print(f"\n{found['file']}: {found['stories']:,} stories, {found['stories_in_year']:,} in 2025/26")
            for name, row in found["exports"].items():
                met = "" if goal is None else ("  met" if row["first_median_s"] < goal else f"  NOT met (< {goal} s)")
                print(f"  {name:24} first {row['first_median_s']:.3f} s (max {row['first_max_s']:.3f}, CPU "
                      f"{row['first_cpu_median_s']:.3f} s)  warm {row['warm_median_s']:.3f} s{met}")
                if goal is not None and row["first_median_s"] >= goal:
                    missed.append(f"{found['file']} {name}")
            for name, row in found.get("commands", {}).items():
                met = "" if goal is None else ("  met" if row["cpu_median_s"] < goal and row["wall_median_s"] < goal
                                               else f"  NOT met (< {goal} s)")
                print(f"  whole command, {name:24} wall {row['wall_median_s']:.3f} s, processor "
                      f"{row['cpu_median_s']:.3f} s (min {row['cpu_min_s']:.3f}){met}")
                if goal is not None and (row["cpu_median_s"] >= goal or row["wall_median_s"] >= goal):
                    missed.append(f"{found['file']} command {name}")
            if "memory" in found:
                memory = found["memory"]
                met = "met" if memory["vmhwm_mb"] < MEMORY_MB else f"NOT met (< {MEMORY_MB:.0f} MB)"
                print(f"  window, every page shown: {memory['after_pages_mb']:.0f} MB; + every export: "
                      f"VmHWM {memory['vmhwm_mb']:.0f} MB  {met}")
                if memory["vmhwm_mb"] >= MEMORY_MB:
                    missed.append(f"{found['file']} memory")
    if args.json:
        print(json.dumps(results))
    print("\ngoals:", "met" if not missed else "NOT met: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
