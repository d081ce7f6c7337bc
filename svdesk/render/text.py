"""Document -> plain text: wrapped at 78 columns, tables as aligned columns, charts as their data.

Meant to be read in any editor and pasted into a tender portal's text box: no markup, user line
breaks kept, words never split (a long web address runs past the margin rather than breaking),
bullets as "•". Title underlined with "=", level-1 headings with "-".
"""

from __future__ import annotations

import textwrap

from svdesk.document.chartdata import chart_table
from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figures, Heading, PageBreak, Paragraph, Quote, Table, spans_text,
)
from svdesk.render.clean import clean_document, display_width, quote_body

WIDTH = 78
_GAP = "  "


def render_text(document: Document, width: int = WIDTH) -> str:
    document, _ = clean_document(document)
    out: list[str] = []
    title, subtitle, meta_lines = document.printed_front()
    if title:
        out += [title, "=" * min(width, max(3, display_width(title)))]
    if subtitle:
        out += wrap(subtitle, width)
    out += [line for meta in meta_lines for line in wrap(meta, width)]
    parts = ["\n".join(out)] if out else []
    for block in document.blocks:
        text = _block(block, width)
        if text:
            parts.append(text)
    return "\n\n".join(parts).rstrip() + "\n"


def wrap(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> list[str]:
    """Wraps each of the user's lines on its own; only ever breaks at spaces."""
    lines: list[str] = []
    prefix = first
    for raw in text.split("\n"):
        wrapped = textwrap.wrap(
            raw.expandtabs(4), width, initial_indent=prefix, subsequent_indent=rest,
            break_long_words=False, break_on_hyphens=False, drop_whitespace=True,
        )
        lines += wrapped or [prefix.rstrip()]
        prefix = rest
    return lines


def _block(block, width: int) -> str:
    if isinstance(block, Heading):
        if block.level == 1:
            return f"\n{block.text}\n" + "-" * min(width, max(3, display_width(block.text)))
        return block.text
    if isinstance(block, Paragraph):
        return "\n".join(wrap(block.text, width))
    if isinstance(block, BulletList):
        lines = []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}. " if block.numbered else "• "
            pad = " " * len(marker) if not block.numbered else " " * len(f"{len(block.items)}. ")
            lines += wrap(spans_text(item), width, marker.rjust(len(pad)), pad)
        return "\n".join(lines)
    if isinstance(block, Table):
        return table_text(block, width)
    if isinstance(block, Quote):
        lines = wrap(f"“{quote_body(block.text)}”", width, "    ", "    ")
        if block.attribution:
            lines += wrap(f"— {block.attribution}", width, "      ", "        ")
        return "\n".join(lines)
    if isinstance(block, Figures):
        values = [item.value for item in block.items]
        column = max((display_width(v) for v in values), default=0)
        lines = []
        for item in block.items:
            value = item.value + " " * (column - display_width(item.value))
            lines += wrap(item.label, width, f"{value}{_GAP}", " " * (column + len(_GAP)))
        return "\n".join(lines)
    if isinstance(block, ChartSpec):
        lines = [block.title] if block.title else []
        lines.append(table_text(chart_table(block), width))
        return "\n".join(lines)
    if isinstance(block, PageBreak):
        return ""
    raise TypeError(f"cannot render {type(block).__name__}")


def table_text(table: Table, width: int = WIDTH) -> str:
    """Columns sized to their content; when too wide, the widest columns wrap."""
    columns = len(table.header)
    align = table.alignments()
    rows = [table.header, *table.rows]
    natural = [max((max((display_width(line) for line in row[c].split("\n")), default=0) for row in rows), default=0)
               for c in range(columns)]
    natural = [max(1, n) for n in natural]
    available = max(columns * 6, width - len(_GAP) * (columns - 1))
    sizes = _fit(natural, available)
    lines = []
    for index, row in enumerate(rows):
        cells = [_cell_lines(row[c], sizes[c]) for c in range(columns)]
        height = max(len(cell) for cell in cells)
        for line_no in range(height):
            parts = []
            for c in range(columns):
                text = cells[c][line_no] if line_no < len(cells[c]) else ""
                pad = " " * max(0, sizes[c] - display_width(text))
                parts.append(pad + text if align[c] == "right" else text + pad)
            lines.append(_GAP.join(parts).rstrip())
        if index == 0:
            lines.append(_GAP.join("-" * size for size in sizes))
    if table.caption:
        lines += wrap(table.caption, width)
    return "\n".join(lines)


def _fit(natural: list[int], available: int) -> list[int]:
    sizes = list(natural)
    while sum(sizes) > available:
        widest = max(range(len(sizes)), key=lambda i: sizes[i])
        if sizes[widest] <= 8:
            break
        sizes[widest] -= 1
    return sizes


def _cell_lines(text: str, size: int) -> list[str]:
    lines = []
    for raw in text.split("\n"):
        lines += textwrap.wrap(raw.expandtabs(4), size, break_long_words=False, break_on_hyphens=False) or [""]
    return lines or [""]
