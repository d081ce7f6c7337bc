"""Big content never crashes an export: a 10,000-word paragraph, a 500-row table, a quote and a
table cell each longer than a page."""

from __future__ import annotations

import io

import pytest

from svdesk import render
from svdesk.document.model import Document, Heading, Paragraph, Quote, Table

WORDS = " ".join(f"word{n}" for n in range(10_000))


def big_document() -> Document:
    rows = [(f"Row {n}", f"{n * 3:,}", "Digbeth & Small Heath <site>") for n in range(500)]
    return Document("Large", [
        Heading(1, "A long paragraph"),
        Paragraph(WORDS),
        Table(("Item", "Count", "Where"), rows, caption="500 rows"),
        Quote(WORDS[:40_000], "Someone with a lot to say"),
        Table(("Long cell",), [(WORDS[:30_000],)]),
        Paragraph("x" * 20_000),  # one "word" wider than the page
    ])


@pytest.mark.slow
@pytest.mark.parametrize("fmt", render.FORMATS)
def test_large_content_renders(fmt, tmp_path):
    data = render.render(big_document(), fmt)
    assert len(data) > 50_000
    if fmt == "docx":
        import docx

        word = docx.Document(io.BytesIO(data))
        assert len(word.tables[0].rows) == 501
        assert word.tables[0].rows[500].cells[0].text == "Row 499"
    if fmt in ("txt", "md", "html"):
        text = data.decode("utf-8")
        assert "word9999" in text and "Row 499" in text


@pytest.mark.slow
def test_large_pdf_reads_back_complete(pdftotext, tmp_path):
    text = pdftotext(render.render(big_document(), "pdf"), tmp_path)
    assert "word0 word1" in text and "word9999" in text
    assert "Row 499" in text and "Digbeth & Small Heath <site>" in text
    assert text.count("\f") > 20
