"""What an export should say: every piece of text of the Document it was made from, cleaned the
way the renderers clean it (``svdesk.render.clean``), as pieces to look for in the file."""

from __future__ import annotations

from svdesk.document.chartdata import chart_table
from svdesk.document.model import BulletList, ChartSpec, Figures, Heading, Paragraph, Quote, Table
from svdesk.render.clean import clean_document, quote_body


def pieces(document, fmt: str) -> tuple[list[str], list[str]]:
    """(whole pieces that must appear as they are, table cells whose words must appear).

    Table cells are checked word by word in plain text, where a long cell wraps inside its
    column and its lines interleave with the next column's."""
    cleaned, _ = clean_document(document)
    title, subtitle, meta = cleaned.printed_front()   # a tender answer keeps its title block out of the body
    whole = [text for text in (title, subtitle, *meta) if text]
    cells: list[str] = []
    for block in cleaned.blocks:
        if isinstance(block, (Heading, Paragraph)):
            whole.append(block.text)
        elif isinstance(block, BulletList):
            whole += block.texts
        elif isinstance(block, Quote):
            whole += [quote_body(block.text), block.attribution]
        elif isinstance(block, Figures):
            whole += [text for item in block.items for text in (item.value, item.label)]
        elif isinstance(block, Table):
            cells += [*block.header, *(cell for row in block.rows for cell in row)]
            whole.append(block.caption)
        elif isinstance(block, ChartSpec):
            whole.append(block.caption)
            if fmt in ("txt", "md"):   # Word and PDF draw the chart as a picture
                table = chart_table(block)
                cells += [*table.header, *(cell for row in table.rows for cell in row)]
                whole.append(block.title)
    return [text for text in whole if text.strip()], [text for text in cells if text.strip()]
