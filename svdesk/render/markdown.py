"""Document -> Markdown (CommonMark with GitHub tables) in which user text renders literally.

Every ASCII character Markdown may treat as syntax is backslash-escaped (``\\*``, ``\\_``,
``\\<``, ``\\&``, ``\\|``, ``\\$`` ...), list and heading markers at the start of a line too, and
leading spaces are dropped (they would start a code block). A user's single line breaks become
hard breaks (a backslash at the end of the line); blank lines start a new paragraph. So
``x<y>z & <b>not bold`` and ``*not italic*`` come out as written in any Markdown viewer.

Title is ``#``, headings levels 1-3 are ``##``-``####``. Charts become their data table. Only
``Span`` bold/italic produce emphasis; paragraph roles are not marked (Markdown has no styles).
"""

from __future__ import annotations

import re

from svdesk.document.chartdata import chart_table
from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figures, Heading, PageBreak, Paragraph, Quote, Span, Table,
)
from svdesk.render.clean import clean_document, quote_body

# Characters that can be syntax anywhere in a line (CommonMark, GFM tables/strikethrough, and
# the $ of maths extensions). All are ASCII punctuation, so "\\" + char is always a literal.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&|~$#])")
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """Escapes one line (no newlines) of user text."""
    text = _ANYWHERE.sub(r"\\\1", text.strip())
    return _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def escape_block(text: str) -> str:
    """Multi-line user text: lines joined by hard breaks, blank lines kept as paragraph breaks."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = []
    for paragraph in paragraphs:
        lines = [escape(line) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            out.append("\\\n".join(lines))
    return "\n\n".join(out)


def _inline(spans: tuple[Span, ...], *, one_paragraph: bool = False) -> str:
    text = "".join(span.text for span in spans)
    if one_paragraph:
        text = re.sub(r"\n\s*\n", "\n", text)
    if all(not (span.bold or span.italic) for span in spans):
        return escape_block(text)
    # Emphasis cannot cross a line break, so each styled span is marked line by line.
    pieces = []
    for span in spans:
        mark = ("**" if span.bold else "") + ("*" if span.italic else "")
        lines = span.text.split("\n")
        marked = []
        for line in lines:
            core = _ANYWHERE.sub(r"\\\1", line.strip())
            if mark and core:
                lead = line[: len(line) - len(line.lstrip())]
                trail = line[len(line.rstrip()):]
                marked.append(f"{lead}{mark}{core}{mark[::-1]}{trail}")
            else:
                marked.append(_ANYWHERE.sub(r"\\\1", line))
        pieces.append("\n".join(marked))
    joined = "".join(pieces)
    lines = [line.strip() for line in joined.split("\n")]
    lines = [_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", line)
             for line in lines]
    return "\\\n".join(line for line in lines if line)


def render_markdown(document: Document) -> str:
    document, _ = clean_document(document)
    parts = []
    title, subtitle, meta = document.printed_front()
    if title:
        parts.append(f"# {escape(title)}")
    front = [escape(line) for line in (subtitle, *meta) if line]
    if front:
        parts.append("\\\n".join(front))
    for block in document.blocks:
        text = _block(block)
        if text:
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def _block(block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * (block.level + 1)} {escape(block.text)}" if block.text else ""
    if isinstance(block, Paragraph):
        return _inline(block.content)
    if isinstance(block, BulletList):
        lines = []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}. " if block.numbered else "- "
            body = _inline(item, one_paragraph=True) or "\u00a0"
            indent = " " * len(marker)
            lines.append(marker + body.replace("\n", "\n" + indent))
        return "\n".join(lines)
    if isinstance(block, Table):
        return table_markdown(block)
    if isinstance(block, Quote):
        body = escape_block(f"“{quote_body(block.text)}”")
        if block.attribution:
            body += f"\n\n— {escape(block.attribution)}"
        return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
    if isinstance(block, Figures):
        return "\n".join(f"- **{escape(item.value)}** {escape(item.label)}".rstrip() for item in block.items)
    if isinstance(block, ChartSpec):
        title = f"**{escape(block.title)}**\n\n" if block.title else ""
        return title + table_markdown(chart_table(block))
    if isinstance(block, PageBreak):
        return "* * *"
    raise TypeError(f"cannot render {type(block).__name__}")


def _cell(text: str) -> str:
    return " ".join(escape(line) for line in text.split("\n") if line.strip())


def table_markdown(table: Table) -> str:
    marks = {"left": ":---", "right": "---:", "centre": ":---:"}
    lines = [
        "| " + " | ".join(_cell(cell) for cell in table.header) + " |",
        "| " + " | ".join(marks[a] for a in table.alignments()) + " |",
    ]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in table.rows]
    if table.caption:
        lines += ["", escape(table.caption)]
    return "\n".join(lines)
