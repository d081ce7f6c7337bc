"""The single-writer lock is exclusive (issue 13): never two holders, whatever the timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from svdesk.store.lock import AlreadyOpen, WriterLock, lock_path

# Each worker takes the lock WANTED times. While it holds it, it creates a marker file with
# O_EXCL: if the marker is already there, another process holds the lock too (an overlap).
_WORKER = textwrap.dedent("""
    import json, os, sys, time
    from svdesk.store.lock import AlreadyOpen, WriterLock
    target, marker, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
    held = overlaps = refused = 0
    deadline = time.monotonic() + 240
    while held < wanted and time.monotonic() < deadline:
        lock = WriterLock(target)
        try:
            lock.acquire()
        except AlreadyOpen:
            refused += 1
            continue
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            overlaps += 1
        else:
            os.close(fd)
            os.unlink(marker)
        held += 1
        lock.release()
    print(json.dumps({"held": held, "overlaps": overlaps, "refused": refused}))
""")


@pytest.mark.slow  # 1,200 contended acquisitions by 4 processes; the fast representatives:
# tests/store/test_hostile_situations.py (a second writer refused; a lock freed when its process dies)
def test_many_processes_never_hold_the_lock_at_once(tmp_path):
    target = tmp_path / "Org.svdesk"
    marker = tmp_path / "holder.marker"
    workers, each = 4, 300  # 1,200 acquisitions in all
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, str(target), str(marker), str(each)],
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(workers)]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0
        results.append(json.loads(out))
    assert sum(result["held"] for result in results) == workers * each
    assert sum(result["overlaps"] for result in results) == 0
    assert sum(result["refused"] for result in results) > 0  # they did contend


def test_release_keeps_the_lock_file_and_frees_it(tmp_path):
    target = tmp_path / "Org.svdesk"
    first = WriterLock(target)
    first.acquire()
    assert json.loads(lock_path(target).read_text())["pid"] == os.getpid()
    with pytest.raises(AlreadyOpen):
        WriterLock(target).acquire()  # a second window of the same process too
    first.release()
    assert lock_path(target).exists()  # never unlinked: that is what raced
    second = WriterLock(target)
    second.acquire()
    second.release()


def test_opening_survives_the_journal_vanishing_between_two_looks(tmp_path, monkeypatch):
    """Another svdesk closing the file removes its -wal at any moment: "it exists" followed by
    "how big is it" must never become FileNotFoundError."""
    from svdesk.store.orgfile import health_check, open_file
    from svdesk.store.workspace import create_workspace

    path = tmp_path / "Org.svdesk"
    create_workspace(path).close()
    real_exists = Path.exists
    # The journal "exists" when asked, and is gone when looked at: the race, made certain.
    monkeypatch.setattr(Path, "exists", lambda self: True if str(self).endswith("-wal") else real_exists(self))
    health_check(path)
    open_file(path, read_only=True).close()
    open_file(path, backup=False).close()
