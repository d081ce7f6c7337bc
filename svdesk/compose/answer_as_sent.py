"""The answer as the buyer receives it: counted the way the buyer counts it, and typeset so that
nothing in it reads as a slip.

A buyer checks a word limit by opening the file in Word (its count covers the body: paragraphs,
lists and tables, not the page footer) or by pasting the text somewhere that counts runs of
characters between spaces (``wc -w``). So every export of an answer leaves out the title block
(the title, buyer, reference and date go to the page footer and the file's properties) unless the
person asks for a cover block, and the Markdown export writes headings and quotations without
marks that a count would take for words ("##", ">").
"""

from __future__ import annotations

import re
from dataclasses import replace

from svdesk.document.model import BulletList, Document, Heading, Paragraph, Quote, Span, Table, bold, italic

NBSP = "\u00a0"
# A number and the unit after it ("60 %", "12 work placements", "£1,200 a year" keeps "£1,200"
# whole already): the space between them never breaks, so "60" and "%" stay on one line.
_NUMBER_UNIT = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?) (?=%|[^\W\d_])")


def keep_units_with_numbers(text: str) -> str:
    return _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP, text)


def _typeset_spans(spans) -> tuple[Span, ...]:
    return tuple(replace(span, text=keep_units_with_numbers(span.text)) for span in spans)


def typeset(blocks) -> tuple:
    """The blocks with non-breaking spaces between numbers and their units (words unchanged:
    a count splits at a non-breaking space as at any other, so the count can only stay equal)."""
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(replace(block, content=_typeset_spans(block.content)))
        elif isinstance(block, BulletList):
            out.append(replace(block, items=tuple(_typeset_spans(item) for item in block.items)))
        elif isinstance(block, Quote):
            out.append(replace(block, text=keep_units_with_numbers(block.text)))
        elif isinstance(block, Table):
            out.append(replace(block, rows=tuple(tuple(keep_units_with_numbers(c) for c in row) for row in block.rows)))
        else:
            out.append(block)
    return tuple(out)


def for_format(document: Document, fmt: str) -> Document:
    """The document as written in ``fmt``: for Markdown, headings become bold lines and
    quotations plain paragraphs, so the file holds no "##" or ">" that a word count would add."""
    if fmt != "md":
        return document
    blocks = []
    for block in document.blocks:
        if isinstance(block, Heading):
            blocks.append(Paragraph((bold(block.text),)))
        elif isinstance(block, Quote):
            body = block.text.strip()
            if not (body.startswith(("“", '"')) and body.endswith(("”", '"'))):
                body = f"“{body}”"
            blocks.append(Paragraph((italic(body),)))
            if block.attribution:
                blocks.append(Paragraph(f"— {block.attribution}"))
        elif isinstance(block, Table):
            # A Markdown table adds a row of "---" and outer "|": the editor's lines add neither.
            from svdesk.compose.answer_text import blocks_to_text

            blocks.append(Paragraph(blocks_to_text([block])))
        else:
            blocks.append(block)
    return replace(document, blocks=tuple(blocks))
