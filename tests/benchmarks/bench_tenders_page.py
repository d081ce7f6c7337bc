"""The Tenders page with many stories: building it (the first tender shown works out which
stories its consent allows, for every story) and then moving from tender to tender (the
decisions are remembered until the file changes). Run by hand on a big file:

    python tests/benchmarks/bench_tenders_page.py FILE [--switches 8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", help="an .svdesk file, say one made by tests/benchmarks/bigfile.py (read only)")
    parser.add_argument("--switches", type=int, default=8)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from svdesk.store.workspace import open_workspace
    from svdesk.ui.shell.app import make_application
    from svdesk.ui.common.context import PageContext
    from svdesk.ui.common.dialogs import Dialogs

    app = make_application()
    workspace = open_workspace(args.file, read_only=True)
    started = time.perf_counter()
    from svdesk.ui.tenders.page import TendersPage

    page = TendersPage(PageContext(workspace=workspace, dialogs=Dialogs()))
    app.processEvents()
    built = time.perf_counter() - started
    switches = []
    rows = page.model.rowCount()
    for number in range(args.switches):
        started = time.perf_counter()
        page.table.selectRow((number + 1) % rows)
        app.processEvents()
        switches.append(time.perf_counter() - started)
    stories = workspace.stories.count()
    print(f"{stories:,} stories, {rows} tenders")
    print(f"building the page with its first tender: {built * 1000:.0f} ms")
    print(f"showing another tender (median of {args.switches}): {statistics.median(switches) * 1000:.1f} ms")
    workspace.close()
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter teardown (see tests/conftest.py)


if __name__ == "__main__":
    raise SystemExit(main())
