"""Publishing benchmark on the big file (500 tenders; every won contract and every indicator
chosen, as ``svdesk publish --all``): building the publication and writing the folder and its
zip, in a fresh process (cold) and repeated (warm median). The goal: under 2 s. Run by hand:

    python tests/benchmarks/bench_publish.py [--runs 5] [--big FILE | --scale 1.0]

``--big FILE`` publishes from a copy of an existing big file (made by bigfile.py); without it one
is made first (about half a minute).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

GOAL = 2.0
HERE = Path(__file__).resolve().parent

ONE = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from pathlib import Path
    t_start = time.perf_counter()
    from svdesk.store.workspace import open_workspace
    from svdesk.services.publish import publish, resolve_choices
    path, folder, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    ws = open_workspace(path, read_only=True)
    times, counts = [], {}
    for run in range(runs):
        t0 = time.perf_counter()
        tenders, indicators = resolve_choices(ws, [], [], everything=True)
        outcome = publish(ws, folder / f"site{run}", tenders, indicators, make_zip=True, today=dt.date(2026, 11, 22))
        times.append(time.perf_counter() - t0)
        counts = {"contracts": len(tenders), "indicators": len(indicators),
                  "bytes": sum(p.stat().st_size for p in outcome.files)}
    ws.close()
    print(json.dumps({"times": times, **counts}))
    """
)


def _bigfile():
    spec = importlib.util.spec_from_file_location("bigfile", HERE / "bigfile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(path: Path, folder: Path, runs: int) -> dict:
    result = subprocess.run([sys.executable, "-c", ONE, str(path), str(folder), str(runs)],
                            capture_output=True, text=True, timeout=600, check=True)
    data = json.loads(result.stdout)
    times = data.pop("times")
    return {"cold": times[0], "warm": statistics.median(times[1:]) if len(times) > 1 else times[0], **data}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", type=Path, help="an existing big file to copy (else one is made)")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.svdesk"
        if args.big:
            shutil.copyfile(args.big, big)
        else:
            _bigfile().make_big_file(big, scale=args.scale)
        m = measure(big, folder, args.runs)
    print(f"published {m['contracts']} won contracts and {m['indicators']} indicators ({m['bytes'] / 1e6:.1f} MB)")
    print(f"cold {m['cold']:.3f} s, warm {m['warm']:.3f} s (goal: under {GOAL} s) — "
          f"{'OK' if max(m['cold'], m['warm']) < GOAL else 'TOO SLOW'}")
    print(json.dumps(m))
    return 0 if max(m["cold"], m["warm"]) < GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
