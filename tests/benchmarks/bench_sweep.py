"""The size sweep of ``bench_all.py --scale 0.1,1,5``: what a person waits for, measured on big
files of 1,000, 10,000 and 50,000 stories side by side, each against the goal of issue 17.
Run by hand through ``bench_all.py`` (timings are never tests).

Every figure comes from fresh processes on a copy of each file (the window saves an edit and
exports write the story use log, so the originals are never changed).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Each row: (key, label, goals by column label or "any", unit). A goal is an upper bound.
ROWS = [
    ("cic34_pdf", "CIC34 report, pdf, first in a process", {"10k": 0.5, "50k": 1.0}, "s"),
    ("cic34_docx", "CIC34 report, docx, first in a process", {"10k": 0.5, "50k": 1.0}, "s"),
    ("cic34_txt_warm", "CIC34 report, txt, warm", {}, "s"),
    ("summary_pdf", "impact summary, pdf, first in a process", {"10k": 0.5, "50k": 1.0}, "s"),
    ("dump_s", "svdesk dump: time", {"10k": 3.0}, "s"),
    ("dump_mb", "svdesk dump: peak memory", {"any": 300.0}, "MB"),
    ("search_p95", "story search p95", {"10k": 10.0, "50k": 20.0}, "ms"),
    ("tenders_again", "showing the Tenders page again", {"50k": 100.0}, "ms"),
    ("cic34_again", "showing CIC34 again", {"50k": 100.0}, "ms"),
    ("summary_again", "showing Summary again", {"50k": 100.0}, "ms"),
    ("any_again", "showing any page again (slowest page)", {"50k": 100.0}, "ms"),
    ("busy_open", "window busy, longest: opening, after first paint", {"any": 100.0}, "ms"),
    ("busy_visit", "window busy, longest: visiting every page", {"any": 100.0}, "ms"),
    ("busy_save", "window busy, longest: saving an edit", {"any": 100.0}, "ms"),
    ("peak_mb", "peak memory: every page shown, every export made", {"50k": 250.0}, "MB"),
    ("start_ratio", "start to painted, vs a bare PySide6 window", {"any": 1.5}, "×"),
]

DUMP = textwrap.dedent(
    """
    import sys, time
    t0 = time.perf_counter()
    from svdesk.cli import main
    code = main(["dump", sys.argv[1], "-o", sys.argv[2]])
    took = time.perf_counter() - t0
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print(code, took, peak / 1024)
    """
)


def _label(scale: float) -> str:
    stories = round(10_000 * scale)
    return f"{stories // 1000}k" if stories >= 1000 else str(stories)


def _goal(goals: dict, label: str) -> float | None:
    return goals.get(label, goals.get("any"))


def measure_scale(bench, big: Path, runs: int, only: set | None) -> dict:
    """The sweep's figures for one file (already a copy in the benchmark's folder)."""
    import bench_all
    import bench_startup

    figures: dict[str, float] = {}
    out = bench.folder / f"out-{big.stem}"
    out.mkdir(exist_ok=True)
    tenders, today = json.dumps(bench_all.DEMO_TENDERS), bench_all.TODAY.isoformat()

    def export(kind: str, fmt: str, count: int) -> list[float]:
        return json.loads(bench_all._run(bench_all.EXPORT, str(big), kind, fmt, str(out), str(count), tenders, today,
                                         str(HERE), env=bench.env()))

    def wanted(group: str) -> bool:
        return not only or group in only

    if wanted("export"):
        export("CIC34 report", "txt", 1)  # unmeasured: compiles every module once, as an install does
        figures["cic34_pdf"] = statistics.median(export("CIC34 report", "pdf", 1)[0] for _ in range(runs))
        figures["cic34_docx"] = statistics.median(export("CIC34 report", "docx", 1)[0] for _ in range(runs))
        figures["cic34_txt_warm"] = statistics.median(export("CIC34 report", "txt", 1 + runs)[1:])
        figures["summary_pdf"] = statistics.median(export("impact summary", "pdf", 1)[0] for _ in range(runs))
    if wanted("dump"):
        code, took, peak = bench_all._run(DUMP, str(big), str(out / "dump.json"), env=bench.env()).split()
        if code != "0":
            raise RuntimeError(f"svdesk dump exited with {code}")
        figures["dump_s"], figures["dump_mb"] = float(took), float(peak)
        (out / "dump.json").unlink(missing_ok=True)
    if wanted("search"):
        times = json.loads(bench_all._run(bench_all.SEARCH, str(big), json.dumps(bench_all.QUERIES), "1",
                                          env=bench.env()))
        figures["search_p95"] = bench_all.percentile(times, 0.95)
    if wanted("window"):
        window = _window(bench, big)
        again = window["show_again_ms"]
        figures.update(tenders_again=again["tenders"], cic34_again=again["cic34"], summary_again=again["summary"],
                       any_again=max(again.values()))
        longest = window["longest_ms"]
        figures.update(busy_open=longest.get("opening", 0.0), busy_visit=longest.get("visiting every page", 0.0),
                       busy_save=longest.get("saving an edit", 0.0))
    if wanted("memory"):
        plan = [(kind, fmt) for kind, fmt, _target in bench_all.EXPORT_PLAN]
        result = json.loads(bench_all._run(bench_all.MEMORY, str(big), str(out), json.dumps(plan), str(HERE), tenders,
                                           today, env=bench.env()))
        figures["peak_mb"] = result["peak_mb"]
    if wanted("start"):
        bench_startup._time(bench_startup.BARE, env=bench.env())  # warm the disk cache
        bench_startup._time(bench_startup.SVDESK, str(big), env=bench.env())
        bare, ours = [], []
        for _ in range(runs):  # interleaved, so a busy moment hurts both alike
            bare.append(bench_startup._time(bench_startup.BARE, env=bench.env())[0])  # wall clock
            ours.append(bench_startup._time(bench_startup.SVDESK, str(big), env=bench.env())[0])
        figures["start_ratio"] = statistics.median(ours) / statistics.median(bare)
    return figures


def _window(bench, big: Path) -> dict:
    # The window saves an edit: a copy of the copy, so the other measures see the file as made.
    copy = big.with_name(f"{big.stem}-window.svdesk")
    shutil.copyfile(big, copy)
    try:
        run = subprocess.run([sys.executable, str(HERE / "bench_window.py"), str(copy), "--json"], capture_output=True,
                             text=True, env=bench.env(), timeout=1800)
        if run.returncode != 0:
            raise RuntimeError(f"the window measure failed:\n{run.stderr[-3000:]}")
        return json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        copy.unlink(missing_ok=True)


def run_sweep(bench, scales: list[float], bigs: list[Path | None], runs: int, only: set | None) -> tuple[dict, list]:
    """{column label: figures} for each scale, and what could not be measured."""
    import bigfile

    columns: dict[str, dict] = {}
    failures = []
    for scale, source in zip(scales, bigs):
        label = _label(scale)
        big = bench.folder / f"big-{label}.svdesk"
        started = time.perf_counter()
        if source is not None:
            shutil.copyfile(source, big)
        else:
            bigfile.make_big_file(big, scale=scale)
        print(f"{label}: {'copied' if source else 'made'} in {time.perf_counter() - started:.1f} s; measuring…",
              file=sys.stderr, flush=True)
        try:
            columns[label] = measure_scale(bench, big, runs, only)
        except (RuntimeError, subprocess.SubprocessError, ValueError, KeyError) as error:
            failures.append(f"{label}: {str(error).strip()[-1500:]}")
            columns[label] = {}
        big.unlink(missing_ok=True)
    return columns, failures


def print_sweep(columns: dict[str, dict], about: str) -> list[str]:
    """Prints the table; returns the rows whose goal was missed."""
    labels = list(columns)
    print(f"svdesk at growing sizes — {about}")
    print()
    print(f"{'':<52}" + "".join(f"{label:>12}" for label in labels) + "  goal")
    missed = []
    for key, text, goals, unit in ROWS:
        cells = []
        for label in labels:
            value = columns[label].get(key)
            if value is None:
                cells.append(f"{'—':>12}")
                continue
            goal = _goal(goals, label)
            mark = "" if goal is None else (" " if value <= goal else "!")
            if goal is not None and value > goal:
                missed.append(f"{text} ({label})")
            shown = (f"{value * 1000:.0f} ms" if unit == "s" and value < 1 else f"{value:.2f} s" if unit == "s"
                     else f"{value:.2f}×" if unit == "×" else f"{value:.0f} {unit}" if value >= 20
                     else f"{value:.1f} {unit}")
            cells.append(f"{shown + mark:>12}")
        goal_text = ", ".join(f"≤ {bound:g} {'' if unit == '×' else unit}".rstrip() + ("×" if unit == "×" else "")
                              + (f" at {where}" if where != "any" else "") for where, bound in goals.items())
        print(f"{text:<52}" + "".join(cells) + f"  {goal_text or '—'}")
    print()
    print("! marks a figure over its goal")
    return missed
