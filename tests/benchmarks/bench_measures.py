"""Measures benchmark: an indicator with 20 years of monthly readings (240) is opened on the What
we measure page and its chart drawn (summary, figures per year, chart painted). Target: under
100 ms. Run by hand; prints a table and JSON. Not a test: timings flake.

    python tests/benchmarks/bench_measures.py [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _setup(workspace):
    from svdesk.domain.measures import Frequency, Indicator, Unit
    from svdesk.domain.periods import periods_between
    from svdesk.store.indicators_repo import NewReading

    repo = workspace.indicators
    year_end = repo.year_end()
    ids = []
    for name in ("Bikes back on the road", "Hours of training"):
        indicator = repo.add(Indicator(name=name, unit=Unit.COUNT, frequency=Frequency.MONTHLY,
                                       baseline_value=Decimal(120), baseline_date=dt.date(2006, 3, 31),
                                       target_value=Decimal(400), target_date=dt.date(2027, 3, 31)))
        periods = periods_between(Frequency.MONTHLY, dt.date(2006, 12, 1), dt.date(2026, 11, 30), year_end)
        repo.record_many(indicator.id, [NewReading(p.start, p.end, Decimal(10 + (i * 7) % 23))
                                        for i, p in enumerate(periods)])
        ids.append(indicator.id)
    assert len(repo.readings(ids[0])) == 240
    return ids


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("SVDESK_DATA_DIR", os.path.join(tmp, "data"))
        os.environ.setdefault("SVDESK_CONFIG_DIR", os.path.join(tmp, "config"))
        from PySide6.QtWidgets import QApplication

        from svdesk.store.workspace import create_workspace
        from svdesk.ui.shell.app import make_application
        from svdesk.ui.common.context import PageContext
        from svdesk.ui.common.dialogs import Dialogs
        from svdesk.ui.measures.page import MeasuresPage

        app = make_application()
        workspace = create_workspace(os.path.join(tmp, "bench.svdesk"))
        ids = _setup(workspace)
        page = MeasuresPage(PageContext(workspace=workspace, dialogs=Dialogs()))
        page.resize(1100, 700)
        page.show()
        app.processEvents()

        def open_indicator(indicator_id: str) -> float:
            start = time.perf_counter()
            page.list.setCurrentIndex(page.list_model.index(page.list_model.row_of(indicator_id)))
            page.progress_panel.chart.grab()  # forces the chart to be laid out and painted
            return time.perf_counter() - start

        first_start = time.perf_counter()
        page.refresh()  # first time: builds the tabs
        page.progress_panel.chart.grab()
        first = time.perf_counter() - first_start
        times = [open_indicator(ids[run % 2]) for run in range(args.runs)]
        assert page.progress_panel.chart.has_chart and len(page.progress_panel.chart.spec.points) == 240
        page.close()
        workspace.close()
        QApplication.processEvents()
    result = {
        "readings": 240,
        "first_open_ms": round(first * 1000, 1),
        "open_and_draw_median_ms": round(statistics.median(times) * 1000, 1),
        "open_and_draw_max_ms": round(max(times) * 1000, 1),
        "runs": args.runs,
        "target_ms": 100,
    }
    print(f"{'measure':<44}{'ms':>8}")
    print(f"{'first open (builds the tabs)':<44}{result['first_open_ms']:>8.1f}")
    print(f"{'open indicator + draw chart (median)':<44}{result['open_and_draw_median_ms']:>8.1f}")
    print(f"{'open indicator + draw chart (slowest)':<44}{result['open_and_draw_max_ms']:>8.1f}")
    print(json.dumps(result))
    return 0 if result["open_and_draw_median_ms"] < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
