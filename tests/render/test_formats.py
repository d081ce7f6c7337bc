"""Every block type in every format, read back as a reader's program would read it."""

from __future__ import annotations

import html.parser
import io
import re
import zipfile

import pytest

from svdesk import render
from svdesk.document.model import Document, Paragraph, Table
from tests.render.conftest import HOSTILE, NAMES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", render.FORMATS)
def test_every_format_renders_every_block(full_document, fmt, tmp_path):
    data = render.render(full_document, fmt)
    assert data
    path = render.write(full_document, fmt, tmp_path / f"out{render.EXTENSIONS[fmt]}")
    assert path.read_bytes()[:4] == data[:4]


def test_text_is_wrapped_aligned_and_literal(full_document):
    text = render.render_text(full_document)
    lines = text.splitlines()
    assert lines[0] == "Social value answer — Birmingham City Council"
    assert lines[1] == "=" * len(lines[0])
    assert all(len(line) <= 78 for line in lines)
    for needle in NAMES:
        assert needle in squash(text)
    assert "*not italic*.\nA line of its own." in text
    assert "• 30 young people a year" in text and "1. Recruit through the youth centre" in text
    assert "1. Second numbered list starts at one" in text
    header = next(line for line in lines if line.startswith("Milestone "))
    row = next(line for line in lines if line.startswith("Year 1 complete"))
    # Numbers are right-aligned under their heading.
    assert header.index("Young people") + len("Young people") == row.index("30") + 2
    assert "“Before I came here I had never finished anything.”" in text  # no doubled quotation marks
    assert "— Jay, 19 (shared with consent)" in text
    assert re.search(r"^2025/26 +58 +60 +18$", text, re.M), "the chart's data is given as a table"


def test_markdown_reads_back_literally_in_a_markdown_viewer(full_document, qapp):
    from PySide6.QtGui import QTextDocument

    md = render.render(full_document, "md").decode("utf-8")
    assert md.startswith("# Social value answer — Birmingham City Council\n")
    assert "\n## Our commitment\n" in md and "\n### How we will deliver it\n" in md and "\n#### Milestones\n" in md
    assert f"**{HOSTILE.replace('<', chr(92) + '<').replace('>', chr(92) + '>').replace('&', chr(92) + '&')}**" in md
    assert "| :--- | :--- | ---: |" in md
    viewer = QTextDocument()
    viewer.setMarkdown(md)
    shown = viewer.toPlainText()
    for needle in (*NAMES, "*not italic*", "First cohort | starts", "<contract BCC-2026-114>"):
        assert needle in shown, needle
    assert "\\" not in shown  # every escape was consumed by the viewer


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)


def test_html_for_the_clipboard_escapes_everything(full_document):
    page = render.render_html(full_document)
    parser = _Text()
    parser.feed(page)
    text = squash(" ".join(parser.parts))
    for needle in NAMES:
        assert needle in text
    assert "b" not in [t for t in parser.tags if t == "b"], "user text never becomes a tag"
    for tag in ("h1", "h2", "h3", "h4", "ul", "ol", "table", "th", "blockquote", "strong", "em", "caption"):
        assert tag in parser.tags
    fragment = render.render_html(full_document, fragment=True)
    assert not fragment.startswith("<!DOCTYPE") and "<h2>Our commitment</h2>" in fragment


def test_word_file_uses_real_styles_and_reads_back(full_document):
    import docx

    data = render.render(full_document, "docx")
    word = docx.Document(io.BytesIO(data))
    by_style = {}
    for paragraph in word.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["Social value answer — Birmingham City Council"]
    assert by_style["Subtitle"] == ["Youth cycling skills & bike repair <contract BCC-2026-114>"]
    assert by_style["Heading 1"] == ["Our commitment", "Why it matters here"]
    assert by_style["Heading 2"] == ["How we will deliver it"] and by_style["Heading 3"] == ["Milestones"]
    assert by_style["List Bullet"] == ["30 young people a year", "100 bikes back on the road"]
    assert by_style["List Number"][0] == "Recruit through the youth centre"
    assert by_style["Quote"] == ["“Before I came here I had never finished anything.”"]
    assert by_style["Attribution"] == ["— Jay, 19 (shared with consent)"]
    assert {"Lead", "Estimate", "Note", "Warning", "Caption", "Meta"} <= set(by_style)
    body = "\n".join(p.text for p in word.paragraphs)
    for needle in NAMES:
        assert needle in body
    assert "*not italic*.\nA line of its own." in body  # a user line break is a Word line break
    hostile_run = next(r for p in word.paragraphs for r in p.runs if r.text == HOSTILE)
    assert hostile_run.bold

    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Milestone", "By", "Young people"]
    assert [c.text for c in table.rows[1].cells] == ["First cohort | starts", "Apr 2027", "10"]
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None, "header row repeats on each page"
    assert table.rows[1].cells[2].paragraphs[0].alignment == 2  # right
    figures = word.tables[1]
    assert [p.text for p in figures.rows[0].cells[0].paragraphs] == ["58", "young people trained"]

    # The two numbered lists are separate lists: the second starts again at 1.
    numbered = [p for p in word.paragraphs if p.style.name == "List Number"]
    ids = {p._p.pPr.numPr.numId.val if p._p.pPr.numPr is not None else None for p in numbered}
    assert len(ids) == 2

    pictures = word.inline_shapes
    assert len(pictures) == 2
    descriptions = [shape._inline.docPr.get("descr") for shape in pictures]
    assert descriptions[0].startswith("Line chart: Young people completing the course. Completed (young people)")
    assert "Target 60" in descriptions[0]

    assert word.core_properties.title == "Social value answer — Birmingham City Council"
    assert word.core_properties.author == "Riverside Bike Works CIC"
    section = word.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    assert "Riverside Bike Works CIC · Social value answer" in section.footer.paragraphs[0].text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert 'w:val="en-GB"' in package.read("word/styles.xml").decode()
        assert any(name.startswith("word/media/") and name.endswith(".png") for name in package.namelist())


def test_pdf_prints_every_character_verbatim(full_document, pdftotext, tmp_path):
    data = render.render(full_document, "pdf")
    assert data.startswith(b"%PDF")
    text = pdftotext(data, tmp_path)
    flat = squash(text)
    for needle in NAMES:
        assert needle in flat, needle
    assert "*not italic*" in flat and "<contract BCC-2026-114>" in flat
    assert "First cohort | starts" in flat
    assert "Target" in flat and "Baseline" in flat  # chart labels are real text
    pages = text.count("\f")
    assert pages >= 2
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Riverside Bike Works CIC · Social value answer" in text


def test_pdf_embeds_dejavu_as_a_family(full_document):
    data = render.render(full_document, "pdf")
    for face in (b"DejaVuSans", b"DejaVuSans-Bold", b"DejaVuSans-Oblique"):
        assert face in data
    assert b"/Title (Social value answer" in data or b"/Title <" in data


def test_empty_document_renders_in_every_format():
    for fmt in render.FORMATS:
        assert render.render(Document(""), fmt)


def test_tables_with_one_column_and_no_rows(tmp_path):
    doc = Document("t", [Table(("Only",), []), Table(("a", "b"), [("", "")])])
    for fmt in render.FORMATS:
        assert render.render(doc, fmt)
    assert "| Only |" in render.render(doc, "md").decode()


def test_control_characters_are_removed_in_every_format(pdftotext, tmp_path):
    import docx

    dirty = "bell\x07 null\x00 esc\x1b del\x7f c1\x9f half\ud800 end"
    doc = Document("Title\x00", [Paragraph(dirty), Table(("h\x01",), [("c\x02ell",)])])
    outputs = {fmt: render.render(doc, fmt) for fmt in render.FORMATS}
    for fmt in ("txt", "md", "html"):
        text = outputs[fmt].decode("utf-8")
        assert not re.search("[\x00-\x08\x0e-\x1f\x7f-\x9f]", text), fmt
        assert "bell null esc del c1 half end" in text
    word = docx.Document(io.BytesIO(outputs["docx"]))
    assert "bell null esc del c1 half end" in [p.text for p in word.paragraphs]
    assert word.tables[0].rows[1].cells[0].text == "cell"
    assert "bell null esc del c1 half end" in pdftotext(outputs["pdf"], tmp_path)
    report = render.inspect(doc, "docx")
    assert [r.char for r in report.removed] == ["\x00", "\x07", "\x1b", "\x7f", "\x9f", "\ud800", "\x01", "\x02"]
    assert report.sentences()[0].startswith("9 invisible control characters")


def test_pasted_word_line_breaks_survive_as_line_breaks():
    import docx

    doc = Document("t", [Paragraph("one\x0btwo\r\nthree\x0cfour")])
    assert "one\ntwo\nthree\nfour" in render.render_text(doc)
    word = docx.Document(io.BytesIO(render.render(doc, "docx")))
    assert "one\ntwo\nthree\nfour" in [p.text for p in word.paragraphs]


def test_characters_the_pdf_font_lacks_are_reported_and_never_crash(pdftotext, tmp_path):
    doc = Document("t", [Paragraph("Bike 🚲 and 中文 and 😀 Zoë")])
    report = render.inspect(doc, "pdf")
    assert report.unshowable == ("🚲", "中", "文")
    assert "empty box" in report.sentences()[0]
    assert render.inspect(doc, "docx").ok
    text = pdftotext(render.render(doc, "pdf"), tmp_path)
    assert "😀" in text and "Zoë" in text, "an emoji DejaVu has is drawn and copies out correctly"


def test_a_markdown_table_never_breaks_on_a_pipe_or_line_break():
    md = render.render(Document("t", [Table(("a|b", "c"), [("x\ny", "p|q")])]), "md").decode()
    rows = [line for line in md.splitlines() if line.startswith("|")]
    assert rows[2] == "| x y | p\\|q |"
    assert all(re.sub(r"\\\|", "", row).count("|") == 3 for row in rows)


def test_unknown_format_is_a_plain_error():
    from svdesk.domain.errors import SvdeskError

    with pytest.raises(SvdeskError, match="Unknown export format “rtf”"):
        render.render(Document("t"), "rtf")
    assert render.format_for_path("Answer.PDF") == "pdf" and render.format_for_path("a.markdown") == "md"
    assert render.format_for_path("a.odt") is None
