"""The window's attach path: the attachment-name rule ``svdesk load`` uses, the 25 MB limit checked
before a file is read, and pipes or devices refused rather than read for ever."""

import os

import pytest

from svdesk.domain.attachments import MAX_ATTACHMENT_BYTES


@pytest.fixture
def attach_list(qtbot, page_ctx):
    from svdesk.services.attachments import Owner
    from svdesk.ui.common.attachment_list import AttachmentList

    story = page_ctx.workspace.stories.new("Open day")
    widget = AttachmentList(page_ctx, "photo", "Photos")
    qtbot.addWidget(widget)
    widget.set_owner(Owner.STORY, story.id)
    return widget, story


def test_hostile_files_are_refused_in_one_message_and_none_attached(attach_list, page_ctx, dialogs, tmp_path):
    widget, story = attach_list
    names = ["CON.txt", "nul", "Com1.PDF", " leading.pdf", "trailing.", "a:b.pdf", "what?.jpg"]
    paths = []
    for name in names:
        (tmp_path / name).write_bytes(b"data")
        paths.append(tmp_path / name)
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)   # sparse: the check must not read it
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    good = tmp_path / "photo.jpg"
    good.write_bytes(b"\xff\xd8 photo")
    dialogs.answers.append([*paths, big, fifo, good])
    widget.add_files()
    [(_, title, text)] = dialogs.errors()
    assert title == "Some files were not attached"
    lines = text.splitlines()
    assert len(lines) == len(names) + 2, lines
    assert "big.pdf is 26,214,401 bytes, just over 25 MB; files can be at most 25 MB" in text and "pipe.jpg is not a file that can be attached" in text
    attached = page_ctx.workspace.attachments.list_for("stories", story.id)
    assert [item.filename for item in attached] == ["photo.jpg"]
