"""For any text at all, every renderer succeeds, and the text, Markdown (read by a Markdown
viewer) and Word exports give back exactly the cleaned words. The PDF reads back all of the
text its font can show."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk import render
from svdesk.document.model import BulletList, Document, Heading, Paragraph, Quote, Table
from svdesk.domain.textsafe import clean_line, clean_text


def words(text: str) -> list[str]:
    return text.split()


def contains(haystack: str, needle: str) -> bool:
    return " ".join(words(needle)) in " ".join(words(haystack))


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.text())
def test_every_format_accepts_any_text(text):
    doc = Document(text, [Heading(1, text), Paragraph(text, role="estimate"), BulletList([text], numbered=True),
                          Table((text, "n"), [(text, "1")], caption=text), Quote(text, text)],
                   subtitle=text, meta=(text,))
    for fmt in render.FORMATS:
        assert render.render(doc, fmt)
    assert isinstance(render.inspect(doc, "pdf").sentences(), list)


@settings(max_examples=80, deadline=None)
@given(st.text())
def test_plain_text_gives_back_the_cleaned_words(text):
    assert contains(render.render_text(Document("t", [Paragraph(text)])), clean_text(text))
    assert contains(render.render_text(Document("t", [Heading(2, text)])), clean_line(text))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_markdown_viewer_shows_the_cleaned_words(qapp, text):
    from PySide6.QtGui import QTextDocument

    viewer = QTextDocument()
    viewer.setMarkdown(render.render(Document("t", [Paragraph(text), BulletList([text])]), "md").decode())
    shown = viewer.toPlainText()
    assert words(shown)[1:] == words(clean_text(text)) * 2


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.text())
def test_word_gives_back_the_cleaned_text(text):
    import docx

    word = docx.Document(io.BytesIO(render.render(Document("t", [Paragraph(text)]), "docx")))
    assert word.paragraphs[-1].text == clean_text(text)
