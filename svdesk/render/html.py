"""Document -> a small, self-contained HTML page: the rich text put on the clipboard, which
Word, LibreOffice, e-mail and most tender portals paste with headings, lists and tables intact.

Every user string is HTML-escaped; line breaks become ``<br>``. Styling is minimal (one <style>
block; ``fragment=True`` leaves it out) so pasted text takes on the target's look. Charts become their data
table with the chart's text alternative as the table's caption.
"""

from __future__ import annotations

from html import escape as _escape

from svdesk.document.chartdata import chart_table
from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figures, Heading, PageBreak, Paragraph, Quote, Span, Table,
)
from svdesk.render.clean import clean_document, quote_body
from svdesk.render.inline import tagged

_STYLE = (
    "body{font-family:'Segoe UI',Calibri,'DejaVu Sans',sans-serif;line-height:1.45;max-width:46em}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #c8d3d2;padding:.25em .6em;"
    "vertical-align:top}th{background:#e6efee}.num{text-align:right}.centre{text-align:center}"
    ".note{color:#555;font-size:.9em}.estimate{font-style:italic;background:#fbf3e4}"
    ".warning{font-weight:bold}.lead{font-size:1.1em}blockquote{border-left:3px solid #1f5f5b;"
    "margin-left:0;padding-left:1em;font-style:italic}caption{caption-side:bottom;text-align:left;"
    "font-size:.9em;color:#555}"
)


def escape(text: str) -> str:
    return "<br>".join(_escape(line, quote=True) for line in text.split("\n"))


def _inline(spans: tuple[Span, ...]) -> str:
    return tagged(spans, escape, "em", "strong")


def render_html(document: Document, *, fragment: bool = False) -> str:
    """A whole page, or with ``fragment=True`` just the body content (for embedding)."""
    document, _ = clean_document(document)
    body = []
    title, subtitle, meta = document.printed_front()
    if title:
        body.append(f"<h1>{escape(title)}</h1>")
    if subtitle:
        body.append(f"<p class=\"lead\">{escape(subtitle)}</p>")
    if meta:
        body.append("<p class=\"note\">" + "<br>".join(escape(m) for m in meta) + "</p>")
    body += [_block(block) for block in document.blocks]
    content = "\n".join(part for part in body if part)
    if fragment:
        return content
    lang = "en-GB"
    return (
        f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(document.title)}</title><style>{_STYLE}</style></head>\n"
        f"<body>\n{content}\n</body></html>\n"
    )


def _block(block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level + 1}>{escape(block.text)}</h{block.level + 1}>"
    if isinstance(block, Paragraph):
        role = "" if block.role == "body" else f" class=\"{block.role}\""
        return f"<p{role}>{_inline(block.content)}</p>"
    if isinstance(block, BulletList):
        tag = "ol" if block.numbered else "ul"
        items = "".join(f"<li>{_inline(item)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Quote):
        cite = f"<br><span class=\"note\">— {escape(block.attribution)}</span>" if block.attribution else ""
        return f"<blockquote><p>“{escape(quote_body(block.text))}”{cite}</p></blockquote>"
    if isinstance(block, Figures):
        items = "".join(f"<li><strong>{escape(i.value)}</strong> {escape(i.label)}</li>" for i in block.items)
        return f"<ul class=\"figures\">{items}</ul>"
    if isinstance(block, ChartSpec):
        title = f"<p><strong>{escape(block.title)}</strong></p>" if block.title else ""
        return title + table_html(chart_table(block))
    if isinstance(block, PageBreak):
        return "<div style=\"page-break-after:always\"></div>"
    raise TypeError(f"cannot render {type(block).__name__}")


def table_html(table: Table) -> str:
    classes = {"left": "", "right": " class=\"num\"", "centre": " class=\"centre\""}
    align = [classes[a] for a in table.alignments()]
    head = "".join(f"<th{align[i]}>{escape(cell)}</th>" for i, cell in enumerate(table.header))
    rows = "".join(
        "<tr>" + "".join(f"<td{align[i]}>{escape(cell)}</td>" for i, cell in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
