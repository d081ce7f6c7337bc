"""The "leaflet" layout of a Document in PDF (the impact summary): a banner title, charts two to a
row, and consecutive level-2 sections (e.g. two stories) side by side. Every block is drawn by
``svdesk.render.pdf`` as usual, only narrower; so text is escaped and cleaned the same way.
"""

from __future__ import annotations

from dataclasses import replace

from svdesk.document.model import ChartSpec, Document, Heading
from svdesk.render.pdf import _block, markup
from svdesk.render.pdf_style import ACCENT, INK, styles

GUTTER = 16.0
CHART_HEIGHT = 168.0
BANNER_TEXT = "#FFFFFF"
BANNER_SOFT = "#CFE3E0"


def leaflet_flowables(document: Document, width: float) -> list:
    story = _banner(document, width) if document.front_texts() else []
    blocks = list(document.blocks)
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, ChartSpec):
            run = _run(blocks, index, lambda b: isinstance(b, ChartSpec))
            story += _chart_grid(run, width)
            index += len(run)
        elif isinstance(block, Heading) and block.level == 2:
            sections = _sections(blocks, index)
            if len(sections) > 1:
                story += _section_columns(sections, width)
            else:
                for item in sections[0]:
                    story += _block(item, width)
            index += sum(len(section) for section in sections)
        else:
            story += _block(block, width)
            index += 1
    return story


def _run(blocks: list, start: int, keep) -> list:
    run = []
    for block in blocks[start:]:
        if not keep(block):
            break
        run.append(block)
    return run


def _sections(blocks: list, start: int) -> list[list]:
    """Consecutive level-2 sections from ``start``: each a heading and what follows it, up to the
    next heading of level 1 or 2."""
    sections: list[list] = []
    for block in blocks[start:]:
        if isinstance(block, Heading) and block.level == 1:
            break
        if isinstance(block, Heading) and block.level == 2:
            sections.append([block])
        else:
            sections[-1].append(block)
    return sections


def _banner(document: Document, width: float) -> list:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Spacer, Table, TableStyle

    s = styles()
    title = ParagraphStyle("banner-title", parent=s["title"], textColor=HexColor(BANNER_TEXT), fontSize=24,
                           leading=29, spaceAfter=2)
    subtitle = ParagraphStyle("banner-subtitle", parent=s["subtitle"], textColor=HexColor(BANNER_TEXT),
                              fontSize=13.5, leading=18, spaceAfter=6)
    meta = ParagraphStyle("banner-meta", parent=s["meta"], textColor=HexColor(BANNER_SOFT), fontSize=8.5,
                          leading=12)
    cell = []
    if document.title:
        cell.append(P(markup(document.title), title))
    if document.subtitle:
        cell.append(P(markup(document.subtitle), subtitle))
    for line in document.meta:
        cell.append(P(markup(line), meta))
    banner = Table([[cell]], colWidths=[width], hAlign="LEFT")
    banner.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HexColor(ACCENT)),
        ("LEFTPADDING", (0, 0), (-1, -1), 18),
        ("RIGHTPADDING", (0, 0), (-1, -1), 18),
        ("TOPPADDING", (0, 0), (-1, -1), 16),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 16),
        ("ROUNDEDCORNERS", [5, 5, 5, 5]),
    ]))
    return [banner, Spacer(1, 12)]


def _gutter(per_row: int) -> float:
    return GUTTER if per_row == 2 else GUTTER * 0.75


def _columns(cells: list[list], width: float, per_row: int = 2) -> list:
    """Rows of ``per_row`` cells (flowable lists), GUTTER apart, each row its own flowable so a
    page can break between rows (and a heading keeps only with the first). A short last row is
    centred."""
    from reportlab.platypus import Table, TableStyle

    gutter = _gutter(per_row)
    column = (width - gutter * (per_row - 1)) / per_row
    style = TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ])
    rows = []
    for start in range(0, len(cells), per_row):
        group = cells[start:start + per_row]
        row, widths = [], []
        for number, cell in enumerate(group):
            if number:
                row.append("")
                widths.append(gutter)
            row.append(cell)
            widths.append(column)
        # splitInRow: a cell taller than a page (a very long pasted story) continues on the next.
        table = Table([row], colWidths=widths, hAlign="LEFT" if len(group) == per_row else "CENTER", splitInRow=1)
        table.setStyle(style)
        rows.append(table)
    return rows


def chart_columns(count: int) -> int:
    """Two charts to a row; three in a row when there are exactly three (no lonely last chart)."""
    return 3 if count == 3 else 2


def _chart_grid(charts: list[ChartSpec], width: float) -> list:
    if len(charts) == 1:
        return _block(charts[0], width)
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Spacer

    from svdesk.render.chart_pdf import chart_drawing

    s = styles()
    per_row = chart_columns(len(charts))
    column = (width - _gutter(per_row) * (per_row - 1)) / per_row
    # Titles as paragraphs above the pictures: in a narrow column they wrap instead of being cut.
    title_style = ParagraphStyle("leaflet-chart-title", parent=s["h3"], textColor=HexColor(INK), fontSize=9.5,
                                 leading=12.5, spaceBefore=0, spaceAfter=4)
    cells = []
    for chart in charts:
        cell = [P(markup(chart.title), title_style)] if chart.title else []
        # The legend under the chart names the lines: the plot takes the labels' room too.
        cell.append(_without_line_labels(chart_drawing(replace(chart, title=""), column, CHART_HEIGHT - 24, False)))
        legend = _legend(chart)
        caption = "<br/>".join(part for part in (markup(chart.caption), legend) if part)
        cell.append(P(caption, s["caption"]) if caption else Spacer(1, 10))
        cells.append(cell)
    return _columns(cells, width, per_row)


def _without_line_labels(drawing):
    """In a narrow chart the target and baseline labels, drawn at the right end of their lines,
    sit on the last bar and hide its value: take them out (the legend under the chart says what
    the lines are)."""
    from reportlab.graphics.shapes import Rect, String
    from reportlab.lib.colors import HexColor, white

    from svdesk.render.chartlayout import BASELINE, TARGET

    label_colours = {HexColor(TARGET).hexval(), HexColor(BASELINE).hexval()}

    def is_label(item) -> bool:
        colour = getattr(item, "fillColor", None)
        if colour is None:
            return False
        if isinstance(item, String):
            return colour.hexval() in label_colours
        return isinstance(item, Rect) and colour.hexval() == white.hexval()

    drawing.contents = [item for item in drawing.contents if not is_label(item)]
    return drawing


def _legend(chart: ChartSpec) -> str:
    """'- - - Target 48   ····· Baseline 28', each key in its line's colour (markup)."""
    from svdesk.document.chartdata import format_value
    from svdesk.render.chartlayout import BASELINE, TARGET

    parts = []
    for value, label, colour, key in ((chart.target, chart.target_label or "Target", TARGET, "– – –"),
                                      (chart.baseline, chart.baseline_label or "Baseline", BASELINE, "·····")):
        if value is not None:
            text = f"{markup(label)} {markup(format_value(value, chart.unit))}".replace(" ", "&nbsp;")
            parts.append(f'<font color="{colour}"><b>{key.replace(" ", "&nbsp;")}</b></font>&nbsp;{text}')
    return "&nbsp;&nbsp; ".join(parts)  # each key stays whole; a line may break between them


def _section_columns(sections: list[list], width: float) -> list:
    column = (width - GUTTER) / 2
    cells = []
    for section in sections:
        cell = []
        for block in section:
            cell += _block(block, column)
        cells.append(cell)
    return _columns(cells, width)
