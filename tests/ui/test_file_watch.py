"""The window tells the person when the background check of a large file finds damage."""

from __future__ import annotations

import os

from svdesk.store import background_check


def test_damage_found_after_opening_is_reported_in_the_window(qtbot, controller, dialogs, file_workspace, monkeypatch):
    path = file_workspace.path
    file_workspace.attachments.add("organisation", "x", "scan.pdf", os.urandom(300_000))
    file_workspace.close()
    data = bytearray(path.read_bytes())
    data[-4096 * 3:-4096] = bytes(4096 * 2)
    path.write_bytes(bytes(data))
    monkeypatch.setattr(background_check, "LARGE_FILE_BYTES", 0)
    monkeypatch.setattr(background_check, "START_DELAY", 0)

    window = controller.open_path(path)
    assert window is not None  # opened at once; the check runs after
    qtbot.waitUntil(lambda: bool(dialogs.errors()), timeout=10_000)
    title, text = dialogs.errors()[0][1:]
    assert title == "This file is damaged"
    assert "will not save changes" in text and "Backup copies" in text
    assert "damaged" in window.saved_label.text()


def test_a_healthy_large_file_opens_without_a_message(qtbot, controller, dialogs, file_workspace, monkeypatch):
    path = file_workspace.path
    file_workspace.close()
    monkeypatch.setattr(background_check, "LARGE_FILE_BYTES", 0)
    monkeypatch.setattr(background_check, "START_DELAY", 0)
    window = controller.open_path(path)
    check = window.workspace.file.background
    qtbot.waitUntil(lambda: check.done, timeout=10_000)
    qtbot.wait(2 * 250 + 50)  # the window has looked at least once since
    assert dialogs.messages == []
    assert window.saved_label.text() == "All changes saved"


def test_the_check_of_a_large_file_waits_for_the_windows_first_paint(qtbot, controller, dialogs, file_workspace,
                                                                      monkeypatch):
    # Started a fixed delay after opening, a big file's check ran beside the first paint on a
    # busy machine (issue 17); now it starts that delay after the paint.
    import time

    path = file_workspace.path
    file_workspace.close()
    monkeypatch.setattr(background_check, "LARGE_FILE_BYTES", 0)
    monkeypatch.setattr(background_check, "START_DELAY", 0.05)
    window = controller.open_path(path)
    check = window.workspace.file.background
    time.sleep(0.6)  # no events handled: the window has not painted yet
    assert not check.done
    qtbot.waitUntil(lambda: check.done, timeout=10_000)
    assert check.problem is None
