"""Every string of a Document cleaned once, the same way for every format.

``clean_document`` returns the Document with each piece of text passed through
``svdesk.domain.textsafe`` (multi-line text keeps its line breaks; titles, headings, captions,
labels and attributions become one line) and the characters that were removed, so renderers
never see a character their format cannot hold and the user can be told what was left out.
"""

from __future__ import annotations

from dataclasses import replace

from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figure, Figures, Heading, Paragraph, Quote, Series, Span, Table,
)
from svdesk.domain.textsafe import CleanResult, RemovedChar, clean_text_report, merge_removed


class _Cleaner:
    def __init__(self):
        self.results: list[CleanResult] = []

    def text(self, value: str) -> str:
        result = clean_text_report(value)
        if result.removed:
            self.results.append(result)
        return result.text

    def line(self, value: str) -> str:
        text = self.text(value)
        if "\n" in text:
            text = " ".join(part.strip() for part in text.split("\n") if part.strip())
        return text

    def spans(self, spans: tuple[Span, ...]) -> tuple[Span, ...]:
        return tuple(replace(span, text=self.text(span.text)) for span in spans)

    def block(self, block):
        if isinstance(block, Heading):
            return replace(block, text=self.line(block.text))
        if isinstance(block, Paragraph):
            return replace(block, content=self.spans(block.content))
        if isinstance(block, BulletList):
            return replace(block, items=tuple(self.spans(item) for item in block.items))
        if isinstance(block, Table):
            return replace(
                block,
                header=tuple(self.line(cell) for cell in block.header),
                rows=tuple(tuple(self.text(cell) for cell in row) for row in block.rows),
                caption=self.line(block.caption),
            )
        if isinstance(block, Quote):
            return replace(block, text=self.text(block.text), attribution=self.line(block.attribution))
        if isinstance(block, Figures):
            return replace(block, items=tuple(
                Figure(self.line(item.value), self.line(item.label)) for item in block.items))
        if isinstance(block, ChartSpec):
            return replace(
                block,
                title=self.line(block.title),
                unit=self.line(block.unit),
                caption=self.line(block.caption),
                target_label=self.line(block.target_label),
                baseline_label=self.line(block.baseline_label),
                description=self.text(block.description),
                series=tuple(
                    Series(self.line(s.label), tuple((self.line(x), v) for x, v in s.points))
                    for s in block.series
                ),
            )
        return block


def clean_document(document: Document) -> tuple[Document, tuple[RemovedChar, ...]]:
    cleaner = _Cleaner()
    cleaned = replace(
        document,
        title=cleaner.line(document.title),
        subtitle=cleaner.line(document.subtitle),
        meta=tuple(cleaner.line(line) for line in document.meta),
        footer=cleaner.line(document.footer),
        author=cleaner.line(document.author),
        keywords=tuple(cleaner.line(k) for k in document.keywords),
        blocks=tuple(cleaner.block(block) for block in document.blocks),
    )
    return cleaned, merge_removed(cleaner.results)


def display_width(text: str) -> int:
    """Columns a monospaced terminal or editor gives ``text``: wide East Asian characters and
    most emoji take two, combining marks none. Keeps plain-text tables aligned."""
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


_QUOTE_PAIRS = {'"': '"', "“": "”", "'": "'", "‘": "’", "„": "“", "«": "»"}


def quote_body(text: str) -> str:
    """A quotation without the quotation marks the user may have typed around it: renderers add
    their own, and doubled marks look careless."""
    stripped = text.strip()
    if len(stripped) >= 2 and _QUOTE_PAIRS.get(stripped[0]) == stripped[-1]:
        inner = stripped[1:-1].strip()
        if inner and stripped[0] not in inner:
            return inner
    return stripped
