"""A large file opens at once; its page check and backup copy run just after, in the background
(svdesk/store/background_check.py). The threshold is lowered so that small test files count as
large."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time

import pytest

from svdesk.domain.errors import SvdeskError
from svdesk.store import background_check, backups
from svdesk.store.orgfile import open_file
from svdesk.store.workspace import Workspace


@pytest.fixture
def large(monkeypatch):
    monkeypatch.setattr(background_check, "LARGE_FILE_BYTES", 0)
    monkeypatch.setattr(background_check, "START_DELAY", 0)


def _with_evidence(file_workspace) -> os.PathLike:
    """A closed file whose last pages hold an attachment's bytes."""
    path = file_workspace.path
    file_workspace.attachments.add("organisation", "x", "scan.pdf", os.urandom(300_000))
    file_workspace.close()
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_large_file_is_checked_and_copied_after_opening(file_workspace, large):
    path = _with_evidence(file_workspace)
    workspace = Workspace.around(open_file(path, background=True))
    check = workspace.file.background
    assert check is not None
    assert check.wait(30)
    assert check.problem is None
    assert check.backup_path is not None and check.backup_path.exists()
    assert [backup.reason for backup in backups.list_backups(path)] == ["open"]
    with sqlite3.connect(check.backup_path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    workspace.organisation.save(workspace.organisation.get())  # the file takes changes as usual
    workspace.close()


def test_small_file_is_checked_before_opening_and_copied_just_after(file_workspace):
    path = _with_evidence(file_workspace)
    orgfile = open_file(path, background=True)
    try:
        assert orgfile.background is not None  # the copy waits for the window...
        assert not orgfile.background._check  # ...but every page was checked before opening
        assert orgfile.background.hurry(30)
        assert orgfile.background.problem is None
        assert len(backups.list_backups(path)) == 1
    finally:
        orgfile.close()


def test_commands_copy_before_opening(file_workspace):
    path = _with_evidence(file_workspace)
    orgfile = open_file(path)
    try:
        assert orgfile.background is None
        assert len(backups.list_backups(path)) == 1
    finally:
        orgfile.close()


def test_the_copy_is_the_file_as_opened_even_when_edited_at_once(file_workspace, large, monkeypatch):
    path = _with_evidence(file_workspace)
    go = threading.Event()
    run = background_check.BackgroundCheck._run

    def held(self):
        go.wait(30)
        run(self)

    monkeypatch.setattr(background_check.BackgroundCheck, "_run", held)
    workspace = Workspace.around(open_file(path, background=True))
    before = workspace.organisation.get()
    workspace.organisation.save(before.__class__(**{**before.__dict__, "name": "Renamed straight away"}))
    go.set()
    assert workspace.file.background.wait(30)
    copy = workspace.file.background.backup_path
    workspace.close()
    with sqlite3.connect(copy) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM organisation")]
    conn.close()
    assert names == [before.name]


def test_damage_found_in_the_background_stops_saving_and_keeps_the_good_copies(file_workspace, large):
    path = _with_evidence(file_workspace)
    good = Workspace.around(open_file(path, background=True))  # a good copy, made while the file was healthy
    assert good.file.background.wait(30)
    good.close()
    copies = backups.list_backups(path)
    assert len(copies) == 1
    data = bytearray(path.read_bytes())
    data[-4096 * 3:-4096] = bytes(4096 * 2)  # pages of the attachment's bytes, read by no open-time check
    path.write_bytes(bytes(data))
    damaged_digest = _digest(path)

    workspace = Workspace.around(open_file(path, background=True))
    check = workspace.file.background
    assert check.wait(30)
    assert check.problem == background_check.DAMAGED
    with pytest.raises(SvdeskError, match="found damage"):
        workspace.organisation.save(workspace.organisation.get())
    workspace.close()
    assert backups.list_backups(path) == copies  # the damaged state was not copied over a good one
    assert _digest(path) == damaged_digest  # and nothing was written to it


def test_closing_during_a_long_copy_cancels_it_cleanly(file_workspace, large, monkeypatch):
    path = _with_evidence(file_workspace)
    monkeypatch.setattr(background_check, "_STEP_PAGES", 1)
    monkeypatch.setattr(background_check, "CLOSE_WAIT", 0.2)
    progress = background_check.BackgroundCheck._progress

    def slow(self, *args):
        time.sleep(0.05)
        progress(self, *args)

    monkeypatch.setattr(background_check.BackgroundCheck, "_progress", slow)
    workspace = Workspace.around(open_file(path, background=True))
    check = workspace.file.background
    started = time.perf_counter()
    workspace.close()
    assert time.perf_counter() - started < 5
    assert check.done and check.backup_path is None and check.problem is None
    folder = backups.folder_for(path)
    assert not list(folder.glob(".*.partial"))
    assert backups.list_backups(path) == []
    assert not any(thread.name == "svdesk-check-and-copy" for thread in threading.enumerate())
    # The file is as good as before, and the next opening makes the copy.
    monkeypatch.setattr(background_check.BackgroundCheck, "_progress", progress)
    reopened = Workspace.around(open_file(path, background=True))
    assert reopened.file.background.wait(30)
    reopened.close()
    assert [backup.reason for backup in backups.list_backups(path)] == ["open"]


def test_read_only_large_file_is_checked_but_not_copied(file_workspace, large):
    path = _with_evidence(file_workspace)
    orgfile = open_file(path, read_only=True, background=True)
    try:
        assert orgfile.background.wait(30)
        assert orgfile.background.problem is None
        assert backups.list_backups(path) == []
    finally:
        orgfile.close()


def test_commands_still_check_and_copy_a_large_file_before_opening_it(file_workspace, large):
    path = _with_evidence(file_workspace)
    orgfile = open_file(path)  # as svdesk's commands open files
    try:
        assert orgfile.background is None
        assert [backup.reason for backup in backups.list_backups(path)] == ["open"]
    finally:
        orgfile.close()


def test_a_copy_left_half_written_by_a_crash_is_cleared(file_workspace):
    path = _with_evidence(file_workspace)
    folder = backups.folder_for(path)
    stale, fresh = folder / ".20240101T000000000000Z-open.svdesk.partial", folder / ".other.partial"
    stale.write_bytes(b"x" * 1000)
    fresh.write_bytes(b"x")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    open_file(path, background=True).close()
    assert not stale.exists()
    assert fresh.exists()  # possibly another copy still being written: left alone


def test_without_a_second_connection_the_check_and_copy_happen_at_once(file_workspace, large, monkeypatch):
    path = _with_evidence(file_workspace)

    def refuse(*_args, **_kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(background_check, "BackgroundCheck", refuse)
    orgfile = open_file(path, background=True)
    try:
        assert orgfile.background is None
        assert [backup.reason for backup in backups.list_backups(path)] == ["open"]
    finally:
        orgfile.close()


def test_closing_straight_after_opening_makes_the_copy_without_waiting_for_the_delay(file_workspace, large,
                                                                                     monkeypatch):
    path = _with_evidence(file_workspace)
    monkeypatch.setattr(background_check, "START_DELAY", 60)
    orgfile = open_file(path, background=True)
    started = time.perf_counter()
    orgfile.close()
    assert time.perf_counter() - started < 10
    assert [backup.reason for backup in backups.list_backups(path)] == ["open"]


def test_a_check_held_by_the_window_starts_only_after_its_first_paint(file_workspace, large, monkeypatch):
    # On a busy machine the window's first paint came after START_DELAY, and a big file's check
    # then ran beside the paint (issue 17): a window holds the work until it has painted.
    path = _with_evidence(file_workspace)
    monkeypatch.setattr(background_check, "START_DELAY", 0.05)
    orgfile = open_file(path, background=True)
    try:
        check = orgfile.background
        check.hold()
        assert not check.wait(0.6)  # well past START_DELAY: still waiting for the paint
        assert backups.list_backups(path) == []
        check.window_painted()
        assert check.wait(30)
        assert check.problem is None
        assert [backup.reason for backup in backups.list_backups(path)] == ["open"]
    finally:
        orgfile.close()


def test_a_held_check_starts_start_delay_after_the_paint_not_after_opening(file_workspace, large, monkeypatch):
    path = _with_evidence(file_workspace)
    monkeypatch.setattr(background_check, "START_DELAY", 0.5)
    orgfile = open_file(path, background=True)
    try:
        check = orgfile.background
        check.hold()
        time.sleep(0.7)  # past START_DELAY after opening
        check.window_painted()
        assert not check.wait(0.2)  # the delay counts from the paint
        assert check.wait(30)
    finally:
        orgfile.close()


def test_a_held_check_still_runs_when_hurried_or_closed(file_workspace, large, monkeypatch):
    path = _with_evidence(file_workspace)
    monkeypatch.setattr(background_check, "START_DELAY", 60)
    orgfile = open_file(path, background=True)
    orgfile.background.hold()
    assert orgfile.background.hurry(30)  # File > Backup copies before the window painted
    orgfile.close()
    assert [backup.reason for backup in backups.list_backups(path)] == ["open"]

    time.sleep(0.01)
    os.utime(path, None)  # changed since its copy: opening it again makes another
    orgfile = open_file(path, background=True)
    orgfile.background.hold()
    started = time.perf_counter()
    orgfile.close()  # closed before the window painted: the check and copy run now
    assert time.perf_counter() - started < 10
    assert orgfile.background.done and orgfile.background.problem is None
    assert [backup.reason for backup in backups.list_backups(path)] == ["open", "open"]
