"""The window refuses a FIFO, device or folder given as the file to open, at once (issue 13)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest


@pytest.fixture
def no_hang():
    """A regression (open() waiting on the FIFO for ever) fails after 20 s instead of hanging."""
    def give_up(_signum, _frame):
        raise TimeoutError("opening hung")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_the_window_refuses_what_is_not_a_file(kind, controller, dialogs, tmp_path, no_hang):
    if kind == "fifo":
        path = tmp_path / "Org.svdesk"
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/null")
    else:
        path = tmp_path / "Folder.svdesk"
        path.mkdir()
    assert controller.open_path(path) is None
    assert dialogs.errors(), dialogs.messages
    title, text = dialogs.errors()[-1][1:]
    assert title == "Cannot open this file"
    assert {"fifo": "pipe (FIFO)", "device": "device", "folder": "folder"}[kind] in text
