"""Tender benchmark on the demo: drafting an answer, and every tender export (answer and delivery
report, in each format), cold (a fresh process: the first export also loads reportlab or
python-docx) and warm (median of repeated runs). The goal: every export under 0.5 s. Also checks
that reportlab and python-docx are not imported before something is exported. Run by hand:

    python tests/benchmarks/bench_tender.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

GOAL = 0.5
TENDERS = {"drafting": "4799f033-1385-5bcc-88bb-cc6106e19b21", "won": "61f67f22-6977-5fca-ab0c-eaf84f58bda6"}

ONE = textwrap.dedent(
    """
    import datetime as dt, sys, time, json
    from pathlib import Path
    from svdesk.store.workspace import open_workspace
    kind, tender, fmt, folder, runs = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), int(sys.argv[5])
    ws = open_workspace(Path(sys.argv[6]))
    from svdesk.compose.tender import draft_answer
    from svdesk.services.exports import export_answer
    from svdesk.services.exports import export_delivery
    before = sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'docx'})
    times = []
    for run in range(runs):
        t0 = time.perf_counter()
        if kind == "draft":
            draft_answer(ws, tender, dt.date(2026, 11, 22))
        elif kind == "answer":
            export_answer(ws, tender, fmt, folder / f"a{run}.{fmt}", today=dt.date(2026, 11, 22))
        else:
            export_delivery(ws, tender, fmt, folder / f"d{run}.{fmt}", dt.date(2026, 11, 22))
        times.append(time.perf_counter() - t0)
    ws.close()
    print(json.dumps({"times": times, "heavy_before": before}))
    """
)


def measure(kind: str, tender: str, fmt: str, runs: int, demo: Path, folder: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", ONE, kind, tender, fmt, str(folder), str(runs), str(demo)],
                            capture_output=True, text=True, timeout=300, check=True)
    data = json.loads(result.stdout)
    times = data["times"]
    return {"cold": times[0], "warm": statistics.median(times[1:]) if len(times) > 1 else times[0],
            "heavy_before": data["heavy_before"]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from svdesk.store.demo import write_demo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo = write_demo(folder / "demo.svdesk")
        rows = []
        for name, tender in TENDERS.items():
            rows.append(("draft", name, "-", measure("draft", tender, "txt", args.runs, demo, folder)))
            for fmt in ("txt", "md", "docx", "pdf"):
                rows.append(("answer", name, fmt, measure("answer", tender, fmt, args.runs, demo, folder)))
        for fmt in ("txt", "md", "docx", "pdf"):
            rows.append(("delivery", "won", fmt, measure("delivery", TENDERS["won"], fmt, args.runs, demo, folder)))
    print(f"{'what':<10}{'tender':<10}{'format':<8}{'cold s':>8}{'warm s':>8}  heavy libraries before")
    worst = 0.0
    for kind, name, fmt, m in rows:
        worst = max(worst, m["cold"], m["warm"])
        print(f"{kind:<10}{name:<10}{fmt:<8}{m['cold']:>8.3f}{m['warm']:>8.3f}  {', '.join(m['heavy_before']) or 'none'}")
    print(f"\nslowest: {worst:.3f} s (goal: under {GOAL} s) — {'OK' if worst < GOAL else 'TOO SLOW'}")
    print(json.dumps([{"what": k, "tender": n, "format": f, **m} for k, n, f, m in rows]))
    return 0 if worst < GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
