"""CIC34 and impact summary export benchmark on the demo: drafting, and each export (Word, PDF,
text, summary PDF), in a fresh process ("cold": includes loading reportlab/python-docx) and warm
(repeated in one process). Run by hand; prints a table and JSON. Not a test: timings flake.

    python tests/benchmarks/bench_cic34.py [--runs 5]

Goal: each export of the demo under 1 s.
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
from pathlib import Path

ONE_RUN = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from svdesk.store.workspace import open_workspace
    from svdesk.compose.cic34 import default_year, draft_report
    from svdesk.services.exports import export_report
    from svdesk.services.exports import export_summary

    path, out, runs, only = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    workspace = open_workspace(path)
    year = default_year(workspace)
    steps = {
        "draft CIC34 (with checks)": lambda: draft_report(workspace, year),
        "export CIC34 docx": lambda: export_report(workspace, year, "docx", out / "r.docx"),
        "export CIC34 pdf": lambda: export_report(workspace, year, "pdf", out / "r.pdf"),
        "export CIC34 txt": lambda: export_report(workspace, year, "txt", out / "r.txt"),
        "export summary pdf": lambda: export_summary(workspace, year, out / "s.pdf"),
    }
    timings = {}
    try:
        for name, action in steps.items():
            if only not in ("all", name):
                continue
            for _ in range(runs):
                t0 = time.perf_counter()
                action()
                timings.setdefault(name, []).append(time.perf_counter() - t0)
    finally:
        workspace.close()
    print(json.dumps(timings))
    """
)

STEPS = ["draft CIC34 (with checks)", "export CIC34 docx", "export CIC34 pdf", "export CIC34 txt",
         "export summary pdf"]
CLI = {
    "svdesk export cic34 (docx)": ["export", "cic34", "{demo}", "-o", "{out}/cli.docx"],
    "svdesk export cic34 (pdf)": ["export", "cic34", "{demo}", "-o", "{out}/cli.pdf"],
    "svdesk export summary": ["export", "summary", "{demo}", "-o", "{out}/cli-summary.pdf"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="svdesk-bench-") as folder:
        env["SVDESK_DATA_DIR"] = str(Path(folder) / "data")
        env["SVDESK_CONFIG_DIR"] = str(Path(folder) / "config")
        demo = Path(folder) / "demo.svdesk"
        subprocess.run([sys.executable, "-m", "svdesk", "demo", str(demo)], check=True, env=env,
                       capture_output=True)
        out = Path(folder) / "out"
        out.mkdir()
        # Cold: each step alone in a fresh process (so it pays for loading reportlab/python-docx).
        cold: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for step in STEPS:
                result = subprocess.run([sys.executable, "-c", ONE_RUN, str(demo), str(out), "1", step], env=env,
                                        capture_output=True, text=True, check=True)
                cold.setdefault(step, []).extend(json.loads(result.stdout)[step])
        result = subprocess.run([sys.executable, "-c", ONE_RUN, str(demo), str(out), str(args.runs), "all"],
                                env=env, capture_output=True, text=True, check=True)
        warm = json.loads(result.stdout)
        # What a person waits for on the command line: the whole command, start to finish.
        cli: dict[str, list[float]] = {}
        for name, argv in CLI.items():
            command = [sys.executable, "-m", "svdesk", *(a.format(demo=demo, out=out) for a in argv)]
            for _ in range(args.runs):
                t0 = time.perf_counter()
                subprocess.run(command, env=env, capture_output=True, check=True)
                cli.setdefault(name, []).append(time.perf_counter() - t0)
    rows = []
    print(f"{'step':32} {'cold median':>12} {'cold max':>10} {'warm median':>12}")
    for name in STEPS:
        row = {"step": name, "cold_median_s": round(statistics.median(cold[name]), 3),
               "cold_max_s": round(max(cold[name]), 3), "warm_median_s": round(statistics.median(warm[name]), 3)}
        rows.append(row)
        print(f"{name:32} {row['cold_median_s']:>12.3f} {row['cold_max_s']:>10.3f} {row['warm_median_s']:>12.3f}")
    print(f"\n{'whole command':32} {'median':>12} {'max':>10}")
    commands = []
    for name, values in cli.items():
        commands.append({"command": name, "median_s": round(statistics.median(values), 3),
                         "max_s": round(max(values), 3)})
        print(f"{name:32} {statistics.median(values):>12.3f} {max(values):>10.3f}")
    slow = [row["step"] for row in rows if row["cold_max_s"] >= 1.0]
    print("\ngoal (each export < 1 s, cold):", "met" if not slow else f"NOT met for {', '.join(slow)}")
    print(json.dumps({"runs": args.runs, "results": rows, "commands": commands}))
    return 0 if not slow else 1


if __name__ == "__main__":
    sys.exit(main())
