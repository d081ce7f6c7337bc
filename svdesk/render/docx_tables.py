"""Tables and headline figures for the Word export.

Tables: a shaded header row that repeats on every page, light horizontal rules, zebra rows,
per-column alignment, optional relative column widths. Headline figures: a borderless table,
up to four figures a row, value large over its label.
"""

from __future__ import annotations

from svdesk.document.model import Figures, Table
from svdesk.render.docx_style import ACCENT, RULE, TEXT_WIDTH_CM, ZEBRA


def _set(element, **attributes) -> None:
    from docx.oxml.ns import qn

    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), str(value))


def _child(parent, tag: str, **attributes):
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{tag}")
    _set(element, **attributes)
    parent.append(element)
    return element


def _borders(table, colour: str, *, outer: bool = True) -> None:
    tbl_pr = table._tbl.tblPr
    borders = _child(tbl_pr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        visible = side in ("top", "bottom", "insideH") and outer
        _child(borders, side, val="single" if visible else "nil", sz=4, space=0, color=colour)


def _shade(cell, fill: str) -> None:
    _child(cell._tc.get_or_add_tcPr(), "shd", val="clear", color="auto", fill=fill)


def add_table(writer, block: Table) -> None:
    out = writer.out
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    align = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
             "centre": WD_ALIGN_PARAGRAPH.CENTER}
    alignments = [align[a] for a in block.alignments()]
    columns = len(block.header)
    table = out.add_table(rows=len(block.rows) + 1, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _borders(table, RULE)
    widths = None
    if block.widths:
        total = sum(block.widths)
        widths = [Cm(TEXT_WIDTH_CM * w / total) for w in block.widths]
        table.autofit = False
        # LibreOffice lays a table out by its grid columns, Word by its cells: set both.
        for column, width in zip(table.columns, widths):
            column.width = width
    for row_index, row in enumerate(table.rows):
        header = row_index == 0
        values = block.header if header else block.rows[row_index - 1]
        if header:
            _child(row._tr.get_or_add_trPr(), "tblHeader")
        for column, cell in enumerate(row.cells):
            paragraph = cell.paragraphs[0]
            paragraph._p.style = writer.style_id("Table Text")
            paragraph.alignment = alignments[column]
            run = paragraph.add_run(values[column])
            if header:
                run.bold = True
                run.font.color.rgb = _white()
                run.font.size = Pt(10)
                _shade(cell, ACCENT)
            elif row_index % 2 == 0:
                _shade(cell, ZEBRA)
            if widths:
                cell.width = widths[column]
    # A little air after the table, before the next paragraph.
    table._tbl.addnext(_spacer())


def _white():
    from docx.shared import RGBColor

    return RGBColor(0xFF, 0xFF, 0xFF)


def _spacer():
    from docx.oxml import OxmlElement

    paragraph = OxmlElement("w:p")
    ppr = _child(paragraph, "pPr")
    _child(ppr, "spacing", before=0, after=0, line=120, lineRule="exact")
    return paragraph


def add_figures(writer, block: Figures) -> None:
    out = writer.out
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    items = list(block.items)
    if not items:
        return
    per_row = min(4, len(items))
    rows = [items[i:i + per_row] for i in range(0, len(items), per_row)]
    table = out.add_table(rows=len(rows), cols=per_row)
    _borders(table, RULE, outer=False)
    for row, chunk in zip(table.rows, rows):
        for cell, item in zip(row.cells, chunk):
            value = cell.paragraphs[0]
            value._p.style = writer.style_id("Figure Value")
            value.alignment = WD_ALIGN_PARAGRAPH.LEFT
            value.add_run(item.value)
            label = writer.para(item.label, "Figure Label", container=cell)
            label.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table._tbl.addnext(_spacer())
