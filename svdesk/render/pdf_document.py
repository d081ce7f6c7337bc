"""Document -> PDF: the page template and the title block, then each block as ``pdf`` draws it
(or the impact summary's leaflet layout, ``pdf_leaflet``). Kept apart from ``pdf`` so that the
leaflet can use ``pdf``'s blocks without the two modules importing each other."""

from __future__ import annotations

import io

from svdesk.document.model import Document
from svdesk.render.clean import clean_document
from svdesk.render.pdf import _block, _gap, markup
from svdesk.render.pdf_style import ACCENT, PAGE_MARGIN_MM, bottom_margin, footer_lines, numbered_canvas, styles


def render_pdf(document: Document) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    document, _ = clean_document(document)
    left, right, top, _ = PAGE_MARGIN_MM
    # The whole footer, however long the organisation's name or the tender's title: the page's
    # text stops higher when the footer needs more lines.
    footer = footer_lines(document.footer or document.title, A4[0] - (left + right) * mm)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=left * mm, rightMargin=right * mm, topMargin=top * mm,
        bottomMargin=bottom_margin(len(footer)), title=document.title, author=document.author,
        subject=document.subtitle, creator="svdesk", keywords=", ".join(document.keywords), lang="en-GB",
    )
    # An empty document still gets its one (empty) page: a PDF without pages is a broken file.
    story = flowables(document, template.width) or [_gap(1)]
    template.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()


def flowables(document: Document, width: float) -> list:
    """The platypus story for a (cleaned) Document, ``width`` points wide."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus.flowables import HRFlowable

    if document.layout == "leaflet":
        from svdesk.render.pdf_leaflet import leaflet_flowables

        return leaflet_flowables(document, width)
    s = styles()
    story: list = []
    title, subtitle, meta = document.printed_front()
    if title:
        story.append(P(markup(title), s["title"]))
    if subtitle:
        story.append(P(markup(subtitle), s["subtitle"]))
    for line in meta:
        story.append(P(markup(line), s["meta"]))
    if story:
        story.append(HRFlowable(width="100%", thickness=1.4, color=HexColor(ACCENT), spaceBefore=7, spaceAfter=10))
    for block in document.blocks:
        story += _block(block, width)
    return story
