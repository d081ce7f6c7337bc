"""Property tests: any text, in any block, renders in every format without an error, and reads
back from the file as the renderers' own cleaning says it should (``svdesk.render.clean``);
what a format leaves out is exactly what ``svdesk.render.inspect`` reports."""

from __future__ import annotations

import html.parser
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk import render
from svdesk.document.model import BulletList, Document, Figure, Figures, Heading, Paragraph, Quote, Span, Table
from svdesk.domain.textsafe import clean_text
from svdesk.render.markdown import escape, escape_block
from tests.hostile.expected import pieces
from tests.hostile.readback import READERS, found, have_pdftotext, invisible, markdown_leaks, squash

# Everything, plus what people paste by accident or on purpose, often.
_SPECIAL = list("\x00\x07\x0b\x0c\x1b\x7f\r\n\t\u2028\u2029\u202e\u200b\ufeff\ud800<>&*_[]`#|\\$~!-+=.()'\"“”")
_any_char = st.one_of(st.characters(), st.sampled_from(_SPECIAL))
any_text = st.text(alphabet=_any_char, max_size=60)
# For PDF read-back: what DejaVu draws and pdftotext reads back unchanged (no ligatures,
# combining marks or right-to-left letters, whose extraction is checked on the corpus).
_pdf_char = st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x17F, exclude_categories=("Mn", "Cc")),
                      st.sampled_from(_SPECIAL))
pdf_text = st.text(alphabet=_pdf_char, max_size=60)


def spans(text_strategy):
    return st.lists(st.builds(Span, text_strategy, st.booleans(), st.booleans()), min_size=1, max_size=3).map(tuple)


def blocks(text_strategy):
    table = st.integers(1, 3).flatmap(lambda columns: st.builds(
        Table,
        st.lists(text_strategy, min_size=columns, max_size=columns).map(tuple),
        st.lists(st.lists(text_strategy, min_size=columns, max_size=columns).map(tuple), max_size=3).map(tuple),
        caption=text_strategy))
    return st.one_of(
        st.builds(Heading, st.integers(1, 3), text_strategy),
        st.builds(Paragraph, spans(text_strategy), st.sampled_from(["body", "lead", "note", "estimate", "warning"])),
        st.builds(BulletList, st.lists(spans(text_strategy), min_size=1, max_size=3).map(tuple), st.booleans()),
        table,
        st.builds(Quote, text_strategy, text_strategy),
        st.builds(Figures, st.lists(st.builds(Figure, text_strategy, text_strategy), min_size=1, max_size=3)),
    )


def documents(text_strategy):
    return st.builds(Document, text_strategy, st.lists(blocks(text_strategy), max_size=5).map(tuple),
                     subtitle=text_strategy, meta=st.lists(text_strategy, max_size=2).map(tuple))


class _HtmlText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _read(fmt: str, data: bytes, tmp_path) -> str:
    if fmt == "html":
        parser = _HtmlText()
        parser.feed(data.decode("utf-8"))
        return " ".join(parser.parts)
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(data)
    return READERS[fmt](path)


def _check(document, fmt: str, got: str, drop: str = "", chunks: int = 1) -> None:
    haystack = squash(got, drop)
    whole, cells = pieces(document, "txt" if fmt == "html" else fmt)
    for piece, is_cell in [(p, False) for p in whole] + [(c, True) for c in cells]:
        for part in piece.split() if (is_cell and fmt == "txt") else [piece]:
            assert found(squash(part, drop), haystack, chunks), (fmt, part)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(document=documents(any_text))
def test_any_document_renders_and_reads_back(fmt, document, tmp_path):
    data = render.render(document, fmt)
    assert data
    got = _read(fmt, data, tmp_path)
    if fmt == "html":   # charts and figures aside, the page holds the words of the text export
        got = got.replace("\u00a0", " ")
    _check(document, fmt, got)
    if fmt == "md":
        path = tmp_path / "leaks.md"
        path.write_bytes(data)
        assert markdown_leaks(path) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(document=documents(any_text))
def test_any_document_renders_as_pdf(document, tmp_path):
    assert render.render(document, "pdf").startswith(b"%PDF")


@pytest.mark.skipif(not have_pdftotext(), reason="pdftotext is not installed")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(document=documents(pdf_text))
def test_pdf_reads_back(document, tmp_path):
    data = render.render(document, "pdf")
    got = _read("pdf", data, tmp_path)
    report = render.inspect(document, "pdf")
    whole, cells = pieces(document, "pdf")
    drop = "".join(report.unshowable) + invisible("".join(whole + cells))
    _check(document, "pdf", got, drop, 2 * (got.count("\f") + 1))


@given(line=st.text(alphabet=_any_char, max_size=80).map(lambda t: clean_text(t).replace("\n", " ")))
def test_markdown_escape_unescapes_to_the_literal_line(line):
    escaped = escape(line)
    assert re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped) == line.strip()


@given(text=st.text(alphabet=_any_char, max_size=120).map(clean_text))
def test_markdown_block_keeps_every_word(text):
    escaped = escape_block(text)
    unescaped = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped.replace("\\\n", "\n"))
    assert squash(unescaped) == squash(text)


@given(text=any_text)
def test_inspect_reports_exactly_what_is_left_out(text):
    document = Document("t", (Paragraph(text),))
    report = render.inspect(document, "docx")
    normalised = re.sub("\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", text)
    kept = clean_text(text)
    assert sum(item.count for item in report.removed) == len(normalised) - len(kept)
    assert not any(item.char in kept for item in report.removed)
    assert bool(report.removed) == bool(report.sentences())
