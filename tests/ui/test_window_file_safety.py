"""The window refuses what is not a file, and never saves over its organisation file (issue 13)."""

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


def test_saving_the_statement_never_overwrites_the_organisation_file(qtbot, dialogs, tmp_path):
    import hashlib

    from svdesk.store.workspace import create_workspace
    from svdesk.ui.common.context import PageContext
    from svdesk.ui.statement.page import StatementPage

    org = tmp_path / "Org.svdesk"
    workspace = create_workspace(org)
    try:
        page = StatementPage(PageContext(workspace=workspace, dialogs=dialogs, open_external=lambda _path: None))
        qtbot.addWidget(page)
        os.link(f"{org}.lock", tmp_path / "statement.docx")  # a hard link to the lock: found by identity
        os.symlink(org, tmp_path / "linked.docx")
        before = hashlib.sha256(org.read_bytes()).hexdigest()
        for name in ("statement.docx", "linked.docx"):
            dialogs.answers = [str(tmp_path / name)]
            page.share_button.save_action.trigger()
            assert "will not write to" in dialogs.errors()[-1][2], name
        assert hashlib.sha256(org.read_bytes()).hexdigest() == before
        assert (tmp_path / "linked.docx").is_symlink()
    finally:
        workspace.close()
