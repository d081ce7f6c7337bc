"""Renderer benchmark: each format on a realistic ~1,000-word document with one chart and one
table — cold (a fresh process: imports, font loading and the first render) and warm (median of
repeated renders in one process) — plus the import time of reportlab, python-docx and Pillow on
their own. Run by hand; prints a table and JSON. Not a test: timings depend on the machine.

    python tests/benchmarks/bench_render.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import textwrap

SETUP = textwrap.dedent(
    """
    import time
    t_import = time.perf_counter()
    from svdesk.document.model import (Document, Heading, Paragraph, BulletList, Table, Quote, ChartSpec, Series,
                                         Figures, Figure, bold)
    from svdesk import render
    t_import = time.perf_counter() - t_import

    SENTENCES = [
        "Riverside Bike Works CIC trains young people from Digbeth, Small Heath and Sparkbrook in bike mechanics.",
        "Over the contract we will refurbish 300 donated bikes and return them to local families at low cost.",
        "Łukasz, Zoë and Siân lead the workshop sessions, which run every week during term and holidays.",
        "Each learner works towards a City & Guilds Level 1 award, with mentoring for six months afterwards.",
        "We report progress to the buyer every quarter, with registers, certificates and photographs as evidence.",
    ]

    def paragraph(n):
        return " ".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(5))

    def document():
        blocks = [Heading(1, "Our commitment"), Paragraph(paragraph(0), role="lead")]
        for section in ("How we will deliver it", "How we will measure and report it", "Our track record",
                        "Why it matters here"):
            blocks += [Heading(1, section), Paragraph(paragraph(1)), Paragraph(paragraph(2)),
                       BulletList([SENTENCES[i] for i in range(3)])]
        blocks.insert(8, Table(("Milestone", "By", "Young people", "Bikes"),
                               [("First cohort starts", "Apr 2027", "10", "0"), ("Year 1 complete", "Mar 2028", "30", "100"),
                                ("Year 2 complete", "Mar 2029", "60", "200"), ("Contract end", "Mar 2030", "90", "300")],
                               caption="Cumulative over the contract."))
        blocks.insert(14, ChartSpec("Young people completing the course", "line",
                                    [Series("Completed", [("2022/23", 18), ("2023/24", 31), ("2024/25", 42), ("2025/26", 58)])],
                                    target=60, baseline=18, unit="young people", caption="Source: registers."))
        blocks.append(Quote("Before I came here I had never finished anything.", "Jay, 19"))
        return Document("Social value answer — Birmingham City Council", blocks, subtitle="Contract BCC-2026-114",
                        meta=("Riverside Bike Works CIC", "22 Nov 2026"))
    doc = document()
    """
)

COLD = SETUP + textwrap.dedent(
    """
    import sys, json
    fmt = sys.argv[1]
    t0 = time.perf_counter(); data = render.render(doc, fmt); first = time.perf_counter() - t0
    print(json.dumps({"first": first, "import_svdesk": t_import, "words": doc.word_count(), "bytes": len(data)}))
    """
)

WARM = SETUP + textwrap.dedent(
    """
    import sys, json
    fmt, runs = sys.argv[1], int(sys.argv[2])
    render.render(doc, fmt)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter(); render.render(doc, fmt); times.append(time.perf_counter() - t0)
    print(json.dumps({"times": times}))
    """
)

IMPORT = textwrap.dedent(
    """
    import sys, time, json
    t0 = time.perf_counter()
    for name in sys.argv[1:]:
        __import__(name)
    print(json.dumps({"seconds": time.perf_counter() - t0}))
    """
)

LIBRARIES = {
    "reportlab (platypus, ttfonts, graphics)": ["reportlab.platypus", "reportlab.pdfbase.ttfonts",
                                                 "reportlab.graphics.shapes"],
    "python-docx": ["docx"],
    "Pillow (Image, ImageDraw, ImageFont)": ["PIL.Image", "PIL.ImageDraw", "PIL.ImageFont"],
}


def _run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    _run(COLD, "txt")  # warm the disk cache and .pyc files
    result: dict = {"formats": {}, "imports": {}}
    for fmt in ("txt", "md", "html", "docx", "pdf"):
        cold = [_run(COLD, fmt) for _ in range(3)]
        warm = _run(WARM, fmt, str(args.runs))["times"]
        result["formats"][fmt] = {
            "cold_first_render_s": statistics.median(c["first"] for c in cold),
            "warm_median_s": statistics.median(warm),
            "bytes": cold[0]["bytes"],
        }
        result["words"] = cold[0]["words"]
        result["import_svdesk_render_s"] = statistics.median(c["import_svdesk"] for c in cold)
    for label, modules in LIBRARIES.items():
        result["imports"][label] = statistics.median(_run(IMPORT, *modules)["seconds"] for _ in range(3))

    print(f"Document: {result['words']} words, one chart, one table")
    print(f"{'format':<8}{'cold first (s)':>16}{'warm median (s)':>17}{'size':>10}")
    for fmt, figures in result["formats"].items():
        print(f"{fmt:<8}{figures['cold_first_render_s']:>16.3f}{figures['warm_median_s']:>17.4f}{figures['bytes']:>10,}")
    print(f"\nimport svdesk.compose + svdesk.render: {result['import_svdesk_render_s']:.3f} s")
    for label, seconds in result["imports"].items():
        print(f"import {label:<40}{seconds:>8.3f} s")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
