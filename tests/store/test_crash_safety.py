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
