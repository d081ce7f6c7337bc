"""Every page asks where to save an export the same way."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from svdesk.ui.common.export_target import choose_export_target


def _ctx(dialogs, path):
    return SimpleNamespace(dialogs=dialogs, workspace=SimpleNamespace(path=path))


def test_the_name_offered_sits_beside_the_organisation_file(dialogs, tmp_path):
    dialogs.answers = [None]
    assert choose_export_target(_ctx(dialogs, tmp_path / "Org.svdesk"), None, "Save", "Report 2025-26", "pdf",
                                "PDF files (*.pdf)") is None
    assert dialogs.messages[-1] == ("save_file", "Save", str(tmp_path / "Report 2025-26.pdf"))


def test_a_file_in_memory_offers_the_home_folder(dialogs):
    dialogs.answers = [None]
    choose_export_target(_ctx(dialogs, None), None, "Save", "Answer", "docx", "")
    assert dialogs.messages[-1][2] == str(Path.home() / "Answer.docx")


def test_the_extension_is_added_never_swapped(dialogs, tmp_path):
    ctx = _ctx(dialogs, tmp_path / "Org.svdesk")
    for chosen, expected in (("Bid v2.1", "Bid v2.1.docx"), ("answer", "answer.docx"), ("Answer.DOCX", "Answer.DOCX"),
                             ("notes.txt", "notes.txt.docx")):
        dialogs.answers = [str(tmp_path / chosen)]
        assert choose_export_target(ctx, None, "Save", "x", "docx", "") == tmp_path / expected
