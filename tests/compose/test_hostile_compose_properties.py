"""Property tests for the composers on arbitrary text: a tender answer as the person edits it,
and a CIC34 report whose records and edited parts hold anything at all. They never raise, every
format renders, and the person's words come out in the text export."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk import render
from svdesk.compose.answer_text import blocks_to_text, text_to_blocks
from svdesk.document.model import Document
from svdesk.domain.cic34 import Part
from svdesk.domain.textsafe import clean_text
from svdesk.domain.words import count_words
from tests.hostile.readback import squash

TODAY = dt.date(2026, 11, 22)
_SPECIAL = list("\x00\x07\x0b\x0c\r\n\n\n\t\u2028\u202e\ufeff<>&*_[]`#|\\$-•–—“”\"'.:!? ")
# Lone surrogates are not text (no editor can produce one) and the store refuses them with a
# sentence (tests/store/test_hostile_situations.py); everything else must go through.
_char = st.one_of(st.characters(exclude_categories=("Cs",)),
                  st.sampled_from([c for c in _SPECIAL if not 0xD800 <= ord(c) <= 0xDFFF]))
any_text = st.text(alphabet=_char, max_size=200)


answer_text = any_text | st.lists(st.sampled_from(["a", " | ", "|", "\n", "\n\n", "• ", "(b) ", "x y"]), max_size=60).map("".join)


@settings(deadline=None)
@given(text=answer_text)
def test_any_answer_text_becomes_blocks_and_back_unchanged(text):
    """What the answer editor shows after a round trip through blocks is a fixed point: saving
    and reopening an answer never changes it again, and its word count is the count of what is
    exported."""
    once = blocks_to_text(text_to_blocks(text))
    assert blocks_to_text(text_to_blocks(once)) == once
    assert count_words(once) == count_words(blocks_to_text(text_to_blocks(once)))
    for fmt in ("txt", "md"):
        assert render.render(Document("Answer", text_to_blocks(text)), fmt)


# No deadline: the first example renders the first .docx, which imports python-docx. Slow: a
# hundred Word files; the fast suite renders awkward text as .docx in tests/render/test_formats.py.
@settings(deadline=None)
@given(text=answer_text)
@pytest.mark.slow
def test_any_answer_text_renders_as_docx(text):
    assert render.render(Document("Answer", text_to_blocks(text)), "docx")


@pytest.fixture(scope="module")
def cic34_workspace(tmp_path_factory):
    from svdesk.store.demo import write_demo
    from svdesk.store.workspace import open_workspace

    path = write_demo(tmp_path_factory.mktemp("cic34") / "demo.svdesk")
    workspace = open_workspace(path)
    yield workspace
    workspace.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part_text=any_text, heard=any_text, recipient=st.text(alphabet=_char, min_size=1, max_size=80),
       what=any_text)
@pytest.mark.slow
def test_cic34_report_with_any_text(cic34_workspace, part_text, heard, recipient, what, tmp_path_factory):
    from svdesk.compose.cic34 import default_year, draft_report
    from svdesk.domain.errors import ValidationError

    workspace = cic34_workspace
    year = default_year(workspace, TODAY)
    consultation = workspace.consultations.between(year.start, year.end)[0]
    workspace.consultations.save(replace(consultation, heard=heard))
    try:
        workspace.cic34.add_transfer(year.end, recipient, what)
    except ValidationError as error:     # refused in plain words, never an exception of another kind
        assert all(isinstance(problem, str) and problem for problem in error.problems)
    report = draft_report(workspace, year, TODAY)
    drafted = report.parts[0].drafted
    workspace.cic34.save_part_text(year.end, Part.ACTIVITIES, part_text, drafted)
    report = draft_report(workspace, year, TODAY)
    document = report.document()
    text = render.render(document, "txt").decode("utf-8")
    assert squash(clean_text(report.parts[0].text)) in squash(text)
    for fmt in ("docx", "pdf"):
        assert render.render(document, fmt)


