"""An edit shown as saved survives the process being killed straight after."""

import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent(
    """
    import sys, time
    from svdesk.store.workspace import open_workspace
    ws = open_workspace(sys.argv[1])
    ws.organisation.update(area_served="Saved just before the crash", staff=7)
    print("saved", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_edit_survives_sigkill(file_workspace):
    path = file_workspace.path
    file_workspace.close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "saved"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    from svdesk.store.workspace import open_workspace

    ws = open_workspace(path)
    org = ws.organisation.get()
    ws.close()
    assert (org.area_served, org.staff) == ("Saved just before the crash", 7)


EDITOR = textwrap.dedent(
    """
    import sys
    from svdesk.store.workspace import open_workspace
    ws = open_workspace(sys.argv[1])
    start = int(sys.argv[2])
    for number in range(start, start + 100000):
        ws.attachments.add("organisation", "crash", f"edit-{number}.txt", f"edit {number}".encode())
        ws.organisation.update(staff=number)
        print(number, flush=True)  # acknowledged: the edit is committed
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_fifty_random_kills_lose_nothing_acknowledged(file_workspace):
    """Scripted edits in a child process, killed at random moments: every acknowledged edit is
    there afterwards and the file is always intact."""
    import random
    import time

    from svdesk.store.workspace import open_workspace

    path = file_workspace.path
    file_workspace.close()
    rng = random.Random(20261122)
    acknowledged = -1
    for _round in range(50):
        child = subprocess.Popen([sys.executable, "-c", EDITOR, str(path), str(acknowledged + 1)],
                                 stdout=subprocess.PIPE, text=True)
        try:
            # Killed at a random moment once it is editing: how long Python takes to start
            # depends on the machine's load, so a fixed delay from launch may kill it first.
            first = child.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.5))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            lines = (first + child.stdout.read()).split()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        if lines:
            acknowledged = int(lines[-1])
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        ws = open_workspace(path)
        try:
            names = {a.filename for a in ws.attachments.list_for("organisation", "crash")}
            assert {f"edit-{n}.txt" for n in range(acknowledged + 1)} <= names
            # At most the one edit in flight when the kill came may have landed unacknowledged.
            assert len(names) <= acknowledged + 2
            if acknowledged >= 0:
                assert ws.organisation.get().staff >= acknowledged
        finally:
            ws.close()
    assert acknowledged > 50  # the children really were editing when killed
