"""Every speed figure svdesk claims, in one table: start-up, opening a big file, story search,
every export of the big file and peak memory, each beside its target. Run by hand (timings are
never tests); ``tests/benchmarks/test_bench_runs.py`` only checks that it runs on a tiny file.

    python tests/benchmarks/bench_all.py [--runs 5] [--scale 1.0 | --big FILE] [--json] [--check]
    python tests/benchmarks/bench_all.py --scale 0.1,1,5 [--big F1K,F10K,F50K] [--runs 3]

With several scales (``bench_sweep.py``) it prints what a person waits for at each size side by
side (1k / 10k / 50k stories), each beside issue 17's goal, including the longest stretch the
window's thread was busy (``bench_window.py``); ``--big`` then gives one file per scale, in the
same order (a 50k file takes minutes to make: make it once with ``bigfile.py --scale 5``).

It writes, in a temporary folder: the demo, an empty file and the big file
(``tests/benchmarks/bigfile.py``: 10,000 stories, 500 tenders, 2,000 consultations, 20 years of
readings, 200+ MB of evidence). ``--big FILE`` uses a copy of an existing big file instead of
making one. Each measure runs in fresh processes, so it includes what a person waits for:
starting Python and Qt, opening the file, and the first export loading reportlab or python-docx.
Every open uses a fresh user-data folder, so the automatic backup on opening has to copy the file
(the case of a file changed since it was last opened).

Exit status: 2 when something could not be measured (it is printed under the table); with
``--check``, 1 when a target is missed; otherwise 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_startup  # noqa: E402  (the start-up measure: reused, not copied)
import bigfile  # noqa: E402

TODAY = dt.date(2026, 11, 22)
DEMO_TENDERS = {"drafting": "4799f033-1385-5bcc-88bb-cc6106e19b21", "won": "61f67f22-6977-5fca-ab0c-eaf84f58bda6"}
# (export, format, which target applies)
EXPORT_PLAN = [("tender answer", fmt, "tender") for fmt in ("txt", "md", "docx", "pdf")]
EXPORT_PLAN += [("delivery report", fmt, "tender") for fmt in ("txt", "md", "docx", "pdf")]
EXPORT_PLAN += [("CIC34 report", fmt, "cic34") for fmt in ("txt", "docx", "pdf")]
EXPORT_PLAN += [("impact summary", "pdf", "summary")]
EXPORT_PLAN += [("statement", fmt, None) for fmt in ("txt", "md", "docx", "pdf")]
TARGETS = {"start": 1.5, "open": 1.3, "search_p95_ms": 20.0, "tender": 0.5, "cic34": 1.0, "summary": 1.5,
           "memory_mb": 250.0}

# Opening a file the way the window does (open_workspace, background=True), timed after the imports.
OPEN = textwrap.dedent(
    """
    import sys, time
    from svdesk.store.workspace import open_workspace
    t0 = time.perf_counter()
    workspace = open_workspace(sys.argv[1], background=True)  # as the window opens files
    took = time.perf_counter() - t0
    workspace.close()
    print(took)
    """
)

# Story search as the Stories page does it on each keystroke: how many match (counted up to the
# list's cap) and the first page of list rows, newest first.
SEARCH = textwrap.dedent(
    """
    import json, sys, time
    from svdesk.domain.consent import ConsentState
    from svdesk.store.orgfile import open_file
    from svdesk.store.stories_search import StoryFilter
    from svdesk.store.workspace import Workspace
    from svdesk.ui.stories.list_model import BATCH, COUNT_CAP
    workspace = Workspace.around(open_file(sys.argv[1], backup=False))
    queries, rounds = json.loads(sys.argv[2]), int(sys.argv[3])
    filters = [StoryFilter(), StoryFilter(status="ready"), StoryFilter(consent=ConsentState.CURRENT)]
    repo, times = workspace.stories, []
    for query in queries[:3]:  # warm the page cache like a person who has the page open
        repo.summaries(repo.search_ids(query, limit=BATCH))
    for _ in range(rounds):
        for query in queries:
            for chosen in filters:
                t0 = time.perf_counter()
                repo.count_matches(query, chosen, cap=COUNT_CAP + 1)
                repo.summaries(repo.search_ids(query, chosen, limit=BATCH))
                times.append((time.perf_counter() - t0) * 1000)
    workspace.close()
    print(json.dumps(times))
    """
)

# One export, first in a fresh process (cold: loads reportlab / python-docx), then warm.
EXPORT = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from pathlib import Path
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace
    path, kind, fmt, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), int(sys.argv[5])
    tenders, today = json.loads(sys.argv[6]), dt.date.fromisoformat(sys.argv[7])
    sys.path.insert(0, sys.argv[8])
    from bench_all import run_export
    workspace = Workspace.around(open_file(path, backup=False))
    times = []
    for number in range(runs):
        t0 = time.perf_counter()
        run_export(workspace, kind, fmt, out / f"{kind}-{number}.{fmt}", tenders, today)
        times.append(time.perf_counter() - t0)
    workspace.close()
    print(json.dumps(times))
    """
)

# Peak memory: the app opens the big file in its window, waits until every page is built, shows
# each page, then runs every export in the same process. ru_maxrss is the high-water mark (KB on
# Linux). Dialogs never block here: a message would mean something went wrong, so it is an error.
# Automatic garbage collection is off in the app (ui/shell/collector.py): its timer collects on the
# window's thread between a person's actions, so it is run here between one export and the next.
MEMORY = textwrap.dedent(
    """
    import datetime as dt, faulthandler, json, resource, sys, time
    faulthandler.dump_traceback_later(600, exit=True)
    t0 = time.perf_counter()
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from svdesk.ui.shell.app import make_application
    app = make_application()
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.settings import UserSettings
    from svdesk.ui.shell.collector import collect_due

    class NoDialogs(Dialogs):
        def info(self, parent, title, text):
            print(f"info: {title}: {text}", file=sys.stderr)
        def error(self, parent, title, text):
            raise SystemExit(f"error dialog: {title}: {text}")
        def confirm(self, parent, title, text, yes="Continue"):
            raise SystemExit(f"question: {title}: {text}")

    controller = AppController(UserSettings(), NoDialogs())
    window = controller.open_path(sys.argv[1])
    out, plan = Path(sys.argv[2]), json.loads(sys.argv[3])
    sys.path.insert(0, sys.argv[4])
    from bench_all import run_export
    today = dt.date.fromisoformat(sys.argv[6])
    result = {}

    def step():
        if len(window._built) < len(window._classes):
            QTimer.singleShot(20, step)
            return
        result["ready_s"] = time.perf_counter() - t0
        for page in window.pages:  # every page shown once, as a person going through the journey would
            window.show_page(page.key)
            app.processEvents()
        result["after_pages_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for number, (kind, fmt) in enumerate(plan):
            run_export(window.workspace, kind, fmt, out / f"mem-{number}.{fmt}", json.loads(sys.argv[5]), today)
            collect_due()  # as the window's collector timer does between one export and the next
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        window.close()
        app.quit()

    QTimer.singleShot(0, step)
    app.exec()
    print(json.dumps(result))
    """
)

def run_export(workspace, kind: str, fmt: str, target: Path, tenders: dict, today: dt.date) -> None:
    """One export of the big file, as the pages do it (run inside the measuring processes)."""
    if kind == "tender answer":
        from svdesk.services.exports import export_answer

        export_answer(workspace, tenders["drafting"], fmt, target, today=today)
    elif kind == "delivery report":
        from svdesk.services.exports import export_delivery

        export_delivery(workspace, tenders["won"], fmt, target, today)
    elif kind == "CIC34 report":
        from svdesk.compose.cic34 import default_year
        from svdesk.services.exports import export_report

        export_report(workspace, default_year(workspace, today), fmt, target, today)
    elif kind == "impact summary":
        from svdesk.compose.cic34 import default_year
        from svdesk.services.exports import export_summary

        export_summary(workspace, default_year(workspace, today), target, today)
    elif kind == "statement":
        from svdesk.services.exports import export_statement

        export_statement(workspace, target, fmt)
    else:
        raise SystemExit(f"unknown export {kind}")
    if not target.exists() or not target.stat().st_size:
        raise SystemExit(f"{kind} ({fmt}): nothing was written")


QUERIES = [
    # typing, a letter at a time
    "w", "wh", "whe", "whee", "wheel", "b", "br", "bra", "brak", "brake", "c", "ca", "car", "carg", "cargo bike",
    # names, with and without their accents
    "łukasz", "lukasz", "zoë", "zoe", "siân", "sian", "gwenllian", "małgorzata", "malgorzata", "bartłomiej",
    "øyvind", "dorde", "seán", "chloé", "krzysztof dąbrowski", "grzegorz brzęczyszczykiewicz", "yılmaz",
    # Welsh and Polish words
    "diolch", "gweithdy beiciau", "cymuned", "dziękuję", "dziekuje", "łańcuch", "żółty rower", "świetnie",
    # phrases people search for
    "bike mechanics course", "food bank", "apprenticeship", "Small Heath", "jewellery quarter", "night shift",
    "bus fares", "child seat", "Cytech Technical One", "first job interview",
    # emoji, punctuation and things that would break a naive query
    "🚲", '"AND OR (', "NEAR(", "*", "the", "a", "xyzzy", "#4242", "o'brien",
]


def _run(code: str, *args: str, env: dict, timeout: int = 900) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                            timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"a benchmark step failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Bench:
    def __init__(self, folder: Path, runs: int):
        self.folder = folder
        self.runs = runs
        # As installed: Python keeps compiled bytecode (here in the temporary folder, so the
        # source tree stays clean), even where PYTHONDONTWRITEBYTECODE is set for development.
        self.base_env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        self.base_env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                             PYTHONPYCACHEPREFIX=str(folder / "pycache"))
        self._fresh = 0
        self.rows: list[dict] = []

    def env(self) -> dict:
        """A fresh user-data and settings folder: no earlier backup copy, no remembered state."""
        self._fresh += 1
        home = self.folder / f"user-{self._fresh}"
        return {**self.base_env, "SVDESK_DATA_DIR": str(home / "data"), "SVDESK_CONFIG_DIR": str(home / "config")}

    def row(self, group: str, measure: str, value: float, unit: str, target: float | None = None,
            target_text: str = "", note: str = "") -> None:
        passed = None if target is None else value <= target
        self.rows.append({"group": group, "measure": measure, "value": round(value, 4), "unit": unit,
                          "target": target, "target_text": target_text, "passed": passed, "note": note})

    # -- the measures ---------------------------------------------------------------------------
    def startup(self, files: dict[str, Path]) -> dict[str, float]:
        bench_startup._time(bench_startup.BARE, env=self.env())  # warm the disk cache and the .pyc files
        for path in files.values():
            bench_startup._time(bench_startup.SVDESK, str(path), env=self.env())
        times: dict[str, list[float]] = {"bare": [], **{name: [] for name in files}}
        for _ in range(self.runs):  # interleaved, so a busy moment hurts every measure alike
            times["bare"].append(bench_startup._time(bench_startup.BARE, env=self.env())[0])  # wall clock
            for name, path in files.items():
                times[name].append(bench_startup._time(bench_startup.SVDESK, str(path), env=self.env())[0])
        medians = {name: statistics.median(values) for name, values in times.items()}
        self.row("start", "bare PySide6 window (same run)", medians["bare"], "s")
        for name in files:
            self.row("start", f"svdesk window, {name} file", medians[name], "s", TARGETS["start"] * medians["bare"],
                     f"≤ {TARGETS['start']:g}× bare ({TARGETS['start'] * medians['bare']:.3f} s)",
                     f"{medians[name] / medians['bare']:.2f}× bare")
        return medians

    def opening(self, empty: Path, big: Path, window: dict[str, float]) -> None:
        times = {"empty": [], "big": []}
        _run(OPEN, str(empty), env=self.env())  # warm-up
        _run(OPEN, str(big), env=self.env())
        for _ in range(self.runs):
            for name, path in (("empty", empty), ("big", big)):
                times[name].append(float(_run(OPEN, str(path), env=self.env())))
        empty_s, big_s = statistics.median(times["empty"]), statistics.median(times["big"])
        self.row("open", "open_workspace, empty file", empty_s, "s")
        self.row("open", "open_workspace, big file", big_s, "s", TARGETS["open"] * empty_s,
                 f"≤ 1.3× empty ({TARGETS['open'] * empty_s * 1000:.1f} ms)", f"{big_s / empty_s:.2f}× empty")
        if "big" in window and "empty" in window:  # from the start-up measure
            self.row("open", "window, big file against empty", window["big"], "s", TARGETS["open"] * window["empty"],
                     f"≤ 1.3× empty ({TARGETS['open'] * window['empty']:.3f} s)",
                     f"{window['big'] / window['empty']:.2f}× empty")

    def search(self, big: Path) -> None:
        rounds = max(1, self.runs)
        times = json.loads(_run(SEARCH, str(big), json.dumps(QUERIES), str(rounds), env=self.env()))
        note = f"{len(times)} searches ({len(QUERIES)} queries × 3 filters × {rounds})"
        self.row("search", "story search p50", percentile(times, 0.5), "ms", note=note)
        self.row("search", "story search p95", percentile(times, 0.95), "ms", TARGETS["search_p95_ms"], "≤ 20 ms",
                 f"max {max(times):.1f} ms")

    def exports(self, big: Path) -> None:
        out = self.folder / "exports"
        out.mkdir(exist_ok=True)
        runs = max(2, self.runs)
        for kind, fmt, _target in EXPORT_PLAN:  # unmeasured: compiles every module once, as an install does
            _run(EXPORT, str(big), kind, fmt, str(out), "1", json.dumps(DEMO_TENDERS), TODAY.isoformat(), str(HERE),
                 env=self.env())
        for kind, fmt, target_key in EXPORT_PLAN:
            times = json.loads(_run(EXPORT, str(big), kind, fmt, str(out), str(runs), json.dumps(DEMO_TENDERS),
                                    TODAY.isoformat(), str(HERE), env=self.env()))
            cold, warm = times[0], statistics.median(times[1:])
            target = TARGETS[target_key] if target_key else None
            self.row("export", f"{kind} ({fmt})", cold, "s", target, f"≤ {target} s" if target else "",
                     f"first export in the process; then {warm:.3f} s")

    def memory(self, big: Path) -> None:
        out = self.folder / "memory"
        out.mkdir(exist_ok=True)
        plan = [(kind, fmt) for kind, fmt, _target in EXPORT_PLAN]
        result = json.loads(_run(MEMORY, str(big), str(out), json.dumps(plan), str(HERE), json.dumps(DEMO_TENDERS),
                                 TODAY.isoformat(), env=self.env()))
        self.row("memory", "big file: every page built, in idle moments", result["ready_s"], "s",
                 note="from start; the window is usable from its first paint")
        self.row("memory", "big file: window with every page shown", result["after_pages_mb"], "MB")
        self.row("memory", "big file: window + every export (peak RSS)", result["peak_mb"], "MB",
                 TARGETS["memory_mb"], "≤ 250 MB", "ru_maxrss of the process")


def print_table(rows: list[dict], about: dict) -> None:
    print(f"svdesk benchmarks, {about['date']} — {about['machine']}")
    print(f"big file: {about['big']}")
    print()
    print(f"{'measure':<50} {'value':>12}  {'target':<26} {'result':<6}  note")
    print("-" * 130)
    group = None
    for row in rows:
        if group is not None and row["group"] != group:
            print()
        group = row["group"]
        value = f"{row['value'] * 1000:.1f} ms" if row["unit"] == "s" and row["value"] < 1 else (
            f"{row['value']:.2f} s" if row["unit"] == "s" else f"{row['value']:.1f} {row['unit']}")
        result = "" if row["passed"] is None else ("pass" if row["passed"] else "MISS")
        print(f"{row['measure']:<50} {value:>12}  {row['target_text']:<26} {result:<6}  {row['note']}")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each timing (medians are reported)")
    parser.add_argument("--scale", type=lambda text: [float(part) for part in text.split(",")], default=[1.0],
                        help="size of the generated big file (1.0 = full); several, comma-separated, for the sweep")
    parser.add_argument("--big", type=lambda text: [Path(part) for part in text.split(",")],
                        help="use a copy of this big file instead of generating one (one per scale in a sweep)")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON (last line)")
    parser.add_argument("--check", action="store_true", help="exit with status 1 when a target is missed")
    parser.add_argument("--only", type=lambda text: set(text.split(",")),
                        help="only these measures, e.g. export,memory (of start, open, search, export, memory;"
                             " in the sweep also window, dump)")
    args = parser.parse_args()
    if len(args.scale) > 1 or (args.only and args.only & {"window", "dump"}):  # measures of the sweep alone
        return sweep(args)
    args.scale, args.big = args.scale[0], (args.big or [None])[0]
    with tempfile.TemporaryDirectory(prefix="svdesk-bench-") as tmp:
        folder = Path(tmp)
        bench = Bench(folder, args.runs)
        setup_env = bench.env()
        os.environ.update({key: setup_env[key] for key in ("SVDESK_DATA_DIR", "SVDESK_CONFIG_DIR")})
        from svdesk.store.demo import write_demo
        from svdesk.store.workspace import create_workspace

        demo = write_demo(folder / "demo.svdesk")
        empty = folder / "empty.svdesk"
        create_workspace(empty).close()
        big = folder / "big.svdesk"
        started = time.perf_counter()
        if args.big:
            shutil.copyfile(args.big, big)
        else:
            bigfile.make_big_file(big, scale=args.scale)
        made = time.perf_counter() - started
        counts = bigfile.describe(big)
        about = {
            "date": dt.date.today().isoformat(), "machine": machine(), "runs": args.runs,
            "big": (f"{counts['file_mb']} MB: {counts['stories']:,} stories (~{counts['story_words_avg']} words), "
                    f"{counts['tenders']} tenders, {counts['consultations']:,} consultations, "
                    f"{counts['readings']:,} readings, {counts['attachments']} attachments "
                    f"({counts['evidence_mb']} MB); {'copied' if args.big else 'generated'} in {made:.1f} s"),
            "counts": counts,
        }
        failures = []

        def measure(group: str, action) -> None:
            # One measure failing (a crash in a child process, a time-out) is reported, and the
            # others still run: the table shows what could be measured.
            try:
                action()
            except (RuntimeError, subprocess.SubprocessError, ValueError, KeyError) as error:
                failures.append(f"{group}: {str(error).strip()[-1500:]}")

        window: dict[str, float] = {}
        groups = {
            "start": lambda: window.update(bench.startup({"demo": demo, "empty": empty, "big": big})),
            "open": lambda: bench.opening(empty, big, window),
            "search": lambda: bench.search(big),
            "export": lambda: bench.exports(big),
            "memory": lambda: bench.memory(big),
        }
        for group, action in groups.items():
            if not args.only or group in args.only:
                measure(group, action)
    print_table(bench.rows, about)
    missed = [row["measure"] for row in bench.rows if row["passed"] is False]
    print()
    print("all targets met" if not missed else f"targets missed: {', '.join(missed)}")
    for failure in failures:
        print(f"COULD NOT MEASURE {failure}")
    if args.json:
        print(json.dumps({"about": about, "rows": bench.rows, "failures": failures}, ensure_ascii=False))
    if failures:
        return 2
    return 1 if (missed and args.check) else 0


def sweep(args) -> int:
    import bench_sweep

    bigs = args.big or [None] * len(args.scale)
    if len(bigs) != len(args.scale):
        print("--big needs one file per scale, in the same order", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="svdesk-sweep-") as tmp:
        bench = Bench(Path(tmp), args.runs)
        columns, failures = bench_sweep.run_sweep(bench, args.scale, bigs, args.runs, args.only)
    missed = bench_sweep.print_sweep(columns, f"{dt.date.today().isoformat()}, {machine()}, medians of {args.runs}")
    print("all goals met" if not missed else f"goals missed: {'; '.join(missed)}")
    for failure in failures:
        print(f"COULD NOT MEASURE {failure}")
    if args.json:
        print(json.dumps({"columns": columns, "failures": failures}))
    if failures:
        return 2
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
