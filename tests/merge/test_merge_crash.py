"""A merge killed (SIGKILL) at 20 random moments leaves the file as before or as after, and
intact: never half-merged."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from svdesk.services.merge import apply_merge
from svdesk.store.indicators_repo import NewReading
from svdesk.store.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).parent))
from merge_helpers import copies, integrity_ok, records  # noqa: E402

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from svdesk.services.merge import apply_merge
    print("start", flush=True)
    apply_merge(Path(sys.argv[1]), Path(sys.argv[2]), prefer="theirs")
    print("done", flush=True)
    """
)


def _many_changes(path: Path) -> None:
    ws = open_workspace(path)
    try:
        indicator = ws.indicators.active()[0]
        months = [dt.date(2050 + n // 12, n % 12 + 1, 1) for n in range(240)]
        ws.indicators.record_many(indicator.id, [
            NewReading(start=m, end=(m.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
                       value=str(n)) for n, m in enumerate(months)])
        for n, story in enumerate(ws.stories.search()):
            ws.stories.update(story.id, quote=f"Quote from the other laptop {n} " + "words " * 200)
        for n in range(40):
            ws.stories.new(title=f"A new story {n}")
    finally:
        ws.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_twenty_kills_leave_before_or_after(demo_source, tmp_path):
    pristine, theirs = copies(demo_source, tmp_path, "pristine", "theirs")
    _many_changes(theirs)
    before = records(pristine)
    finished = shutil.copyfile(pristine, tmp_path / "finished.svdesk")
    started = time.perf_counter()
    apply_merge(finished, theirs, prefer="theirs")
    duration = time.perf_counter() - started
    after = records(finished)
    assert after != before
    rng = random.Random(18)
    outcomes = []
    for n in range(20):
        mine = tmp_path / f"mine{n}.svdesk"
        shutil.copyfile(pristine, mine)
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(mine), str(theirs)], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "start"
            time.sleep(rng.uniform(0, duration * 1.2))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        assert integrity_ok(mine)
        now = records(mine)
        assert now in (before, after), f"kill {n} left a half-merged file"
        outcomes.append(now == after)
    assert not all(outcomes)  # some kills landed before the commit
