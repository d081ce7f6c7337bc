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
