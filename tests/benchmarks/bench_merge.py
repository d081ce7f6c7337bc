"""Merge benchmark (issue 18): two copies of the big file, each with 500 changes made on its own
laptop, the second brought into the first (``apply_merge``, backup copy included), in a fresh
process. Goals: under 5 s and under 250 MB peak memory. Run by hand:

    python tests/benchmarks/bench_merge.py [--big FILE | --scale 1.0]

``--big FILE`` works on copies of an existing big file (made by bigfile.py; the file itself is
only read); without it one is made first (about half a minute). Also printed: the one-off
upgrade that gives an existing file its record versions (migration m011), and the preview alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

GOAL_SECONDS, GOAL_MB = 5.0, 250
HERE = Path(__file__).resolve().parent

UPGRADE = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from svdesk.store.workspace import open_workspace
    t0 = time.perf_counter()
    ws = open_workspace(Path(sys.argv[1]))
    ws.close()
    print(json.dumps({"upgrade": time.perf_counter() - t0}))
    """
)

EDITS = textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    from svdesk.store.indicators_repo import NewReading
    from svdesk.store.workspace import open_workspace
    path, side = Path(sys.argv[1]), sys.argv[2]
    ws = open_workspace(path)
    stories = sorted(s.id for s in ws.stories.search(limit=600))
    indicator = ws.indicators.active()[0]
    if side == "a":
        for n, story_id in enumerate(stories[:300]):          # 300 edited stories
            ws.stories.update(story_id, title=f"Retitled on Jo's laptop {n}")
        for n in range(100):                                   # 100 new readings, one transaction each
            start = dt.date(2100 + n // 12, n % 12 + 1, 1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            ws.indicators.record_many(indicator.id, [NewReading(start=start, end=end, value=str(n))])
        for n, tender in enumerate(ws.tenders.all()[:100]):   # 100 tenders' notes
            ws.tenders.update(tender.id, notes=f"Note from Jo {n}")
    else:
        for n, story_id in enumerate(stories[150:450]):       # 300 stories, 150 of them also retitled by Jo
            ws.stories.update(story_id, quote=f"Quote added on Sam's laptop {n}")
        for n in range(190):                                   # 190 new stories
            ws.stories.new(title=f"New on Sam's laptop {n}")
        for n in range(10):                                    # 10 new photos of 1 MB
            ws.attachments.add("stories", stories[n], f"photo{n}.jpg", bytes([n]) * (1024 * 1024))
    ws.close()
    """
)

MERGE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    t0 = time.perf_counter()
    from svdesk.services.merge import merge_into, open_for_merge, preview_into
    from svdesk.store import backups
    mine, other = Path(sys.argv[1]), Path(sys.argv[2])
    made = []
    copy = backups.copy_before_change
    def timed_copy(*args, **kwargs):
        start = time.perf_counter()
        try:
            return copy(*args, **kwargs)
        finally:
            made.append(time.perf_counter() - start)
    backups.copy_before_change = timed_copy
    t1 = time.perf_counter()
    mine_file = open_for_merge(mine)       # what `svdesk merge` and the window do, in this order
    t2 = time.perf_counter()
    plan = preview_into(mine_file, other)
    t3 = time.perf_counter()
    result = merge_into(mine_file, other, prefer="theirs", plan=plan)
    t4 = time.perf_counter()
    mine_file.close()
    print(json.dumps({"import": t1 - t0, "open": t2 - t1, "preview": t3 - t2, "apply": t4 - t3,
                      "backup": made[0] if made else 0.0, "summary": plan.summary(),
                      "conflicts": len(plan.conflicts), "changed": result.changed_rows,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def _run(code: str, *args) -> str:
    # Backup copies (two of 310 MB on the upgrade, one per merge) go to the benchmark's own
    # folder, never into the person's data folder.
    env = {**os.environ, "SVDESK_DATA_DIR": str(Path(args[0]).parent / "data")}
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          timeout=1800, check=True, env=env).stdout


def _copy_big(source: Path, target: Path) -> None:
    """A consistent copy that never writes to ``source`` (nor its journal)."""
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        conn.close()
        dest.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        base = folder / "base.svdesk"
        if args.big:
            _copy_big(args.big, base)
        else:
            spec = importlib.util.spec_from_file_location("bigfile", HERE / "bigfile.py")
            bigfile = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(bigfile)
            bigfile.make_big_file(base, scale=args.scale)
        upgrade = json.loads(_run(UPGRADE, base))["upgrade"]
        a, b = folder / "jo.svdesk", folder / "sam.svdesk"
        shutil.copyfile(base, a)
        shutil.copyfile(base, b)
        base.unlink()
        _run(EDITS, a, "a")
        _run(EDITS, b, "b")
        figures = json.loads(_run(MERGE, a, b))
    total = figures["open"] + figures["preview"] + figures["apply"]
    print(f"upgrade of the big file (record versions, once): {upgrade:.2f} s")
    print(f"plan: {figures['summary']} ({figures['conflicts']} conflicts, decided by --prefer)")
    print(f"open {figures['open']:.2f} s, preview {figures['preview']:.2f} s, apply {figures['apply']:.2f} s "
          f"(of which the backup copy {figures['backup']:.2f} s): together {total:.2f} s "
          f"(goal < {GOAL_SECONDS} s): {'pass' if total < GOAL_SECONDS else 'MISS'}")
    print(f"peak memory {figures['peak_mb']:.0f} MB (goal < {GOAL_MB} MB): "
          f"{'pass' if figures['peak_mb'] < GOAL_MB else 'MISS'}")
    print(json.dumps({"upgrade": upgrade, **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
