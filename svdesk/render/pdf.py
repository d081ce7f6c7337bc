"""Document -> PDF with reportlab platypus, in svdesk's look (``pdf_style``).

reportlab reads paragraph text as markup, so EVERY user string goes through ``markup()``
(xml.sax.saxutils.escape, line breaks as <br/>) and only our own code adds <b>/<i>: the text
``x<y>z & <b>not bold`` prints exactly so. DejaVu Sans is embedded (subset) as a family, so bold
and italic runs use the real faces and Polish, Welsh, accents, € and dashes print and can be
copied back out. Characters DejaVu lacks print as an empty box (see ``fonts``).

Long content is safe: paragraphs split across pages, long words are broken, table rows and
quotes taller than a page split inside the row.
"""

from __future__ import annotations

import io
from dataclasses import replace
from xml.sax.saxutils import escape

from svdesk.compose.document import (
    BulletList, ChartSpec, Document, Figures, Heading, PageBreak, Paragraph, Quote, Span, Table,
)
from svdesk.render.clean import clean_document, quote_body
from svdesk.render.inline import tagged
from svdesk.render.pdf_style import (
    ACCENT, ACCENT_LIGHT, PAGE_MARGIN_MM, RULE, ZEBRA, numbered_canvas, styles,
)


def markup(text: str) -> str:
    """User text as reportlab paragraph markup that prints it verbatim."""
    return escape(text).replace("\t", " ").replace("\n", "<br/>")


def spans_markup(spans: tuple[Span, ...]) -> str:
    return tagged(spans, markup, "i", "b")


# reportlab wraps a paragraph's remaining text again each time it splits it over a page, so
# one paragraph holding a whole pasted report (1 MB) takes many minutes. Longer text is set as
# consecutive paragraphs with no space between them, broken at the user's own line breaks where
# possible, which reads the same and renders in linear time.
LONG_TEXT = 6000


def pieces(spans: tuple[Span, ...], limit: int = LONG_TEXT) -> list[tuple[Span, ...]]:
    """``spans`` cut into runs of at most ``limit`` characters, at a line break, a sentence end
    or a space where there is one in the second half of the run; one run when short enough."""
    if sum(len(span.text) for span in spans) <= limit:
        return [spans]
    result: list[tuple[Span, ...]] = []
    current: list[Span] = []
    size = 0
    for span in spans:
        text = span.text
        while text:
            room = limit - size
            if len(text) <= room:
                current.append(replace(span, text=text))
                size += len(text)
                break
            cut, skip = _cut(text, room)
            if cut == 0 and not current:
                cut, skip = room, 0
            if cut:
                current.append(replace(span, text=text[:cut]))
            text = text[cut + skip:]
            result.append(tuple(current))
            current, size = [], 0
    if current:
        result.append(tuple(current))
    return [run for run in result if run]


def _cut(text: str, room: int) -> tuple[int, int]:
    """(where to cut, characters to drop there): a line break is dropped (the next paragraph
    starts a new line anyway); a sentence end or space stays with the first part."""
    window = text[:room]
    at = window.rfind("\n", room // 2)
    if at >= 0:
        return at, 1
    for separator in (". ", " "):
        at = window.rfind(separator, room // 2)
        if at >= 0:
            return at + len(separator), 0
    return room, 0


def paragraphs(spans: tuple[Span, ...], style, bullet: str | None = None) -> list:
    """reportlab Paragraphs for ``spans`` in ``style`` (see ``LONG_TEXT``): usually one."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as P

    runs = pieces(spans)
    if len(runs) == 1:
        return [P(spans_markup(runs[0]), style, bulletText=bullet)]
    result = []
    for index, run in enumerate(runs):
        first, last = index == 0, index == len(runs) - 1
        part = ParagraphStyle(f"{style.name}-part", parent=style, spaceBefore=style.spaceBefore if first else 0,
                              spaceAfter=style.spaceAfter if last else 0)
        result.append(P(spans_markup(run), part, bulletText=bullet if first else None))
    return result


def render_pdf(document: Document) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    document, _ = clean_document(document)
    left, right, top, bottom = PAGE_MARGIN_MM
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=left * mm, rightMargin=right * mm, topMargin=top * mm,
        bottomMargin=bottom * mm, title=document.title, author=document.author,
        subject=document.subtitle, creator="svdesk", keywords=", ".join(document.keywords), lang="en-GB",
    )
    # An empty document still gets its one (empty) page: a PDF without pages is a broken file.
    story = flowables(document, template.width) or [_gap(1)]
    template.build(story, canvasmaker=numbered_canvas(document.footer or document.title))
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


def _block(block, width: float) -> list:
    from reportlab.platypus import KeepTogether
    from reportlab.platypus import PageBreak as RPageBreak
    from reportlab.platypus import Paragraph as P

    s = styles()
    if isinstance(block, Heading):
        return [P(markup(block.text), s[f"h{block.level}"])]
    if isinstance(block, Paragraph):
        return paragraphs(block.content, s[block.role if block.role != "body" else "body"])
    if isinstance(block, BulletList):
        result = []
        for number, item in enumerate(block.items, start=1):
            bullet = f"{number}." if block.numbered else "•"
            result += paragraphs(item, s["bullet"], bullet)
        if result:
            result[-1].style = _with_space_after(result[-1].style, 8)
        return result
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Quote):
        return [_quote(block, width)]
    if isinstance(block, Figures):
        return [_figures(block, width)] if block.items else []
    if isinstance(block, ChartSpec):
        from svdesk.render.chart_pdf import chart_drawing

        parts = [chart_drawing(block, width, 220)]
        parts.append(P(markup(block.caption), s["caption"]) if block.caption else _gap(10))
        return [KeepTogether(parts)]
    if isinstance(block, PageBreak):
        return [RPageBreak()]
    raise TypeError(f"cannot render {type(block).__name__}")


def _gap(height: float):
    from reportlab.platypus import Spacer

    return Spacer(1, height)


def _with_space_after(style, space: float):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-last", parent=style, spaceAfter=space)


def _column_widths(block: Table, width: float) -> list[float]:
    from svdesk.render.fonts import pdf_measure

    if block.widths:
        total = sum(block.widths)
        return [width * w / total for w in block.widths]
    columns = len(block.header)
    sample = [block.header, *block.rows[:200]]
    natural = []
    for c in range(columns):
        longest = max((max((pdf_measure(line, 9) for line in row[c].split("\n")), default=0) for row in sample),
                      default=0)
        natural.append(min(max(longest + 14, 36.0), width * 0.6))
    total = sum(natural)
    return [width * n / total for n in natural]


def _table(block: Table, width: float) -> list:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as RTable
    from reportlab.platypus import TableStyle

    s = styles()
    enums = {"left": TA_LEFT, "right": TA_RIGHT, "centre": TA_CENTER}
    aligned = {}
    for a in set(block.alignments()):
        aligned[a] = (ParagraphStyle(f"cell-{a}", parent=s["cell"], alignment=enums[a]),
                      ParagraphStyle(f"head-{a}", parent=s["cell_head"], alignment=enums[a]))
    align = block.alignments()
    data = [[paragraphs((Span(cell),), aligned[align[c]][1]) for c, cell in enumerate(block.header)]]
    data += [[paragraphs((Span(cell),), aligned[align[c]][0]) for c, cell in enumerate(row)] for row in block.rows]
    table = RTable(data, colWidths=_column_widths(block, width), repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(ACCENT)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [HexColor("#FFFFFF"), HexColor(ZEBRA)]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    result = [table]
    result.append(P(markup(block.caption), s["caption"]) if block.caption else _gap(10))
    return result


def _quote(block: Quote, width: float):
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as RTable
    from reportlab.platypus import TableStyle

    s = styles()
    cell = paragraphs((Span(f"“{quote_body(block.text)}”"),), s["quote"])
    if block.attribution:
        cell.append(P(markup(f"— {block.attribution}"), s["attribution"]))
    table = RTable([[cell]], colWidths=[width - 8], splitInRow=1, hAlign="LEFT", spaceBefore=4, spaceAfter=12)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(ACCENT_LIGHT)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(ACCENT)),
        ("LEFTPADDING", (0, 0), (-1, -1), 14),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return table


def _figures(block: Figures, width: float):
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as RTable
    from reportlab.platypus import TableStyle

    s = styles()
    items = list(block.items)
    per_row = min(4, len(items))
    rows = [items[i:i + per_row] for i in range(0, len(items), per_row)]
    data = []
    for chunk in rows:
        cells = [[P(markup(item.value), s["figure_value"]), *paragraphs((Span(item.label),), s["figure_label"])]
                 for item in chunk]
        data.append(cells + [""] * (per_row - len(chunk)))
    # splitInRow: a figure with a very long label (a pasted paragraph) must not be taller than a page.
    table = RTable(data, colWidths=[width / per_row] * per_row, hAlign="LEFT", spaceBefore=4, spaceAfter=12,
                   splitInRow=1)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]
    for r, chunk in enumerate(rows):
        for c in range(len(chunk)):
            commands.append(("BACKGROUND", (c, r), (c, r), HexColor(ACCENT_LIGHT)))
            commands.append(("LINEABOVE", (c, r), (c, r), 2.5, HexColor(ACCENT)))
    commands += [("LINEAFTER", (0, 0), (-2, -1), 6, HexColor("#FFFFFF")),
                 ("LINEBELOW", (0, 0), (-1, -2), 6, HexColor("#FFFFFF"))]
    table.setStyle(TableStyle(commands))
    return table
