"""Situations a careful desktop app must survive: a second writer, a full disk, read-only files."""

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from svdesk.domain.errors import SvdeskError
from svdesk.store.fileformat import FileRefused
from svdesk.store.lock import lock_path
from svdesk.store.workspace import open_workspace


def test_second_writer_is_refused_and_read_only_works(file_workspace):
    path = file_workspace.path
    with pytest.raises(FileRefused) as raised:
        open_workspace(path)
    assert raised.value.kind == "in-use"
    assert "already open" in raised.value.reason
    reader = open_workspace(path, read_only=True)
    assert reader.organisation.get().name == "Test CIC"
    reader.close()
    file_workspace.close()
    # The lock file is kept (removing it would race with the next opener); its holder note is cleared.
    assert lock_path(path).exists() and lock_path(path).stat().st_size == 0
    again = open_workspace(path)  # the lock went with the first window
    again.close()


def test_lock_held_by_another_process_and_freed_when_it_dies(file_workspace):
    path = file_workspace.path
    file_workspace.close()
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from svdesk.store.workspace import open_workspace
            ws = open_workspace({str(path)!r})
            print("open", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(FileRefused) as raised:
            open_workspace(path)
        assert raised.value.kind == "in-use"
        child.kill()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    ws = open_workspace(path)  # a crashed holder never leaves the file locked
    ws.close()


def test_disk_full_mid_save_changes_nothing(file_workspace):
    ws = file_workspace
    ws.organisation.update(area_served="Before")
    pages = ws.file.conn.execute("PRAGMA page_count").fetchone()[0]
    # SQLite answers exactly as on a full disk once the file may not grow.
    ws.file.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(SvdeskError, match="disk is full"):
        ws.attachments.add("organisation", "x", "big.bin", os.urandom(2_000_000))
    with pytest.raises(SvdeskError, match="disk is full"):
        with ws.file.write() as db:  # a user action with two steps: neither may land
            db.execute("UPDATE organisation SET area_served = 'Half-done'")
            db.execute("INSERT INTO meta (key, value) VALUES ('filler', ?)", ["x" * 3_000_000])
    assert ws.organisation.get().area_served == "Before"
    assert ws.attachments.list_for("organisation", "x") == []
    ws.file.conn.execute("PRAGMA max_page_count = 1073741823")
    ws.organisation.update(area_served="After")  # and the file goes on working
    path = ws.path
    ws.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_file_marked_read_only_opens_read_only(file_workspace):
    path = file_workspace.path
    file_workspace.close()
    os.chmod(path, 0o444)
    try:
        with pytest.raises(FileRefused) as raised:
            open_workspace(path)
        assert raised.value.kind == "read-only"
        ws = open_workspace(path, read_only=True)
        with pytest.raises(SvdeskError, match="read-only"):
            ws.organisation.update(staff=3)
        ws.close()
    finally:
        os.chmod(path, 0o644)


def test_lone_surrogate_is_refused_with_a_sentence(workspace):
    with pytest.raises(SvdeskError, match="broken character"):
        workspace.organisation.update(area_served="bad \ud800 text")
    assert "\ud800" not in workspace.organisation.get().area_served
