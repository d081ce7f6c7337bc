"""restore-backup respects the single-writer lock, a read-only file and a file not svdesk's (issue 13)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tests.safety.helpers import digest, run_cli


@pytest.fixture
def backup_of(org, tmp_path, monkeypatch):
    """A backup copy of ``org`` (taken when opened), in a private backups folder."""
    monkeypatch.setenv("SVDESK_DATA_DIR", str(tmp_path / "data"))
    from svdesk.store.backups import list_backups
    from svdesk.store.workspace import open_workspace

    open_workspace(org).close()
    found = list_backups(org)
    assert found
    return found[0].path


def test_refused_while_another_process_has_the_file_open_and_saving(org, backup_of, capsys):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from svdesk.store.orgfile import open_file
        from svdesk.store.workspace import Workspace
        ws = Workspace.around(open_file({str(org)!r}, backup=False))
        ws.organisation.update(area_served="Saved by the other window")
        print("open", flush=True)
        sys.stdin.readline()
        ws.close()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "open"
        companions = {suffix: digest(f"{org}{suffix}") for suffix in ("", "-wal", "-shm")}
        assert companions["-wal"] is not None  # the other window's save is in the journal
        code, _out, err = run_cli(capsys, "restore-backup", org, backup_of)
        assert code == 1
        assert "already open" in err and "nothing was restored" in err
        assert {suffix: digest(f"{org}{suffix}") for suffix in ("", "-wal", "-shm")} == companions
    finally:
        child.stdin.write("\n")
        child.stdin.close()
        child.wait(timeout=60)
        child.stdout.close()
    from svdesk.store.workspace import open_workspace

    ws = open_workspace(org, read_only=True)
    assert ws.organisation.get().area_served == "Saved by the other window"  # the save survived
    ws.close()


def test_refused_on_a_file_marked_read_only(org, backup_of, capsys):
    before = digest(org)
    os.chmod(org, 0o444)
    try:
        code, _out, err = run_cli(capsys, "restore-backup", org, backup_of)
    finally:
        os.chmod(org, 0o644)
    assert code == 1 and "read-only" in err and "nothing was restored" in err
    assert digest(org) == before


@pytest.mark.parametrize("kind", ["text file", "another program's database"])
def test_refused_over_a_file_that_is_not_svdesks(org, backup_of, capsys, kind):
    other = org.parent / "Notes.svdesk"
    if kind == "text file":
        other.write_text("my notes, not an svdesk file\n", "utf-8")
    else:
        conn = sqlite3.connect(other)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    before = digest(other)
    code, _out, err = run_cli(capsys, "restore-backup", other, backup_of)
    assert code == 1 and "only restores over its own files" in err
    assert digest(other) == before


def test_a_normal_restore_still_works_and_frees_the_lock(org, backup_of, capsys):
    from svdesk.store.workspace import open_workspace

    ws = open_workspace(org)
    ws.organisation.update(area_served="Changed after the copy")
    ws.close()
    code, _out, err = run_cli(capsys, "restore-backup", org, backup_of)
    assert code == 0, err
    ws = open_workspace(org)  # the restore let go of the lock
    assert ws.organisation.get().area_served != "Changed after the copy"
    ws.close()
