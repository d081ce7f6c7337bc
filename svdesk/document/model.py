"""The format-neutral Document every export is built from.

Composers (tender answer, CIC34 report, impact summary) turn records into a ``Document``;
``svdesk.render`` turns a Document into text, Markdown, HTML, Word or PDF. Nothing here knows
about a format, and nothing here imports anything heavy.

A Document is a title block (``title``, ``subtitle``, ``meta`` lines) followed by ``blocks``:

- ``Heading(level, text)`` — level 1, 2 or 3; the document title sits above level 1;
- ``Paragraph(content, role)`` — ``content`` is a plain string or a sequence of ``Span``s (and
  strings) for bold/italic runs; ``role`` is one of ``ROLES``: "body"; "lead" (an opening
  sentence, set a little larger); "note" (small print: sources, assumptions); "estimate" (money
  values or other estimates, set apart so they are never mistaken for measured results — the
  composer still writes the word "estimate" in the text); "warning" (something the reader must
  not miss);
- ``BulletList(items, numbered=False)`` — each item a string or a sequence of Spans;
- ``Table(header, rows, align=None, caption="", widths=None)`` — strings only; ``align`` per
  column ("left", "right", "centre"), or None to right-align columns that hold only numbers;
  ``widths`` are relative weights (e.g. (3, 1, 1)), or None to size columns by their content;
- ``Quote(text, attribution="")`` — someone's own words;
- ``Figures(items)`` — a row of headline numbers, each ``Figure(value, label)`` ("42", "young
  people trained"); set large in PDF, as a small table elsewhere;
- ``ChartSpec(title, kind, series, target=None, baseline=None, unit="", ...)`` — a line or bar
  chart described by its data; PDF and Word draw it, text/Markdown/HTML show its data as a table;
- ``PageBreak()``.

All text in blocks is PLAIN USER TEXT, never markup: ``"x<y>z & <b>not bold"`` prints exactly
like that in every format. Renderers escape and clean it (see ``svdesk.domain.textsafe``).

Dataclasses are frozen; lists given to them are stored as tuples, so a Document can be compared,
hashed and shared between threads.

Word counts (``Document.word_count``, ``section_word_count``, ``block_word_count``) count the
words a reader sees in the .docx the way Word counts them (``svdesk.domain.words``): headings,
paragraphs, list items, table cells and captions, quotes and attributions, headline figures. A
chart is a picture in Word and PDF, so only its caption counts; list bullets and numbers are not
words. ``plain_text`` gives the same words as one string, blocks separated by blank lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Union

from svdesk.domain.words import count_words

ROLES = ("body", "lead", "note", "estimate", "warning")
ALIGNMENTS = ("left", "right", "centre")
CHART_KINDS = ("line", "bar")
LAYOUTS = ("document", "leaflet")


@dataclass(frozen=True)
class Span:
    """A run of plain text inside a paragraph or list item, optionally bold and/or italic."""

    text: str
    bold: bool = False
    italic: bool = False


def bold(text: str) -> Span:
    return Span(text, bold=True)


def italic(text: str) -> Span:
    return Span(text, italic=True)


Inline = Union[str, Span, Sequence[Union[str, Span]]]


def spans_of(content: Inline) -> tuple[Span, ...]:
    """Normalises a string, a Span or a sequence of both into a tuple of Spans."""
    if isinstance(content, str):
        return (Span(content),) if content else ()
    if isinstance(content, Span):
        return (content,)
    result = []
    for part in content:
        if isinstance(part, str):
            if part:
                result.append(Span(part))
        elif isinstance(part, Span):
            if part.text:
                result.append(part)
        else:
            raise TypeError(f"text must be a str or Span, not {type(part).__name__}")
    return tuple(result)


def spans_text(spans: Iterable[Span]) -> str:
    return "".join(span.text for span in spans)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str

    def __post_init__(self):
        if self.level not in (1, 2, 3):
            raise ValueError(f"heading level must be 1, 2 or 3, not {self.level!r}")


@dataclass(frozen=True)
class Paragraph:
    """``content`` is stored as a tuple of Spans; ``text`` gives it back as one string."""

    content: tuple[Span, ...]
    role: str = "body"

    def __post_init__(self):
        object.__setattr__(self, "content", spans_of(self.content))
        if self.role not in ROLES:
            raise ValueError(f"paragraph role must be one of {ROLES}, not {self.role!r}")

    @property
    def text(self) -> str:
        return spans_text(self.content)


@dataclass(frozen=True)
class BulletList:
    """``items`` are stored as tuples of Spans; ``texts`` gives them back as strings."""

    items: tuple[tuple[Span, ...], ...]
    numbered: bool = False

    def __post_init__(self):
        if isinstance(self.items, (str, Span)):
            raise TypeError("BulletList needs a sequence of items, not a single item")
        object.__setattr__(self, "items", tuple(spans_of(item) for item in self.items))

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(spans_text(item) for item in self.items)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...] | None = None
    caption: str = ""
    widths: tuple[float, ...] | None = None

    def __post_init__(self):
        header = tuple(self.header)
        if not header:
            raise ValueError("a table needs at least one column")
        rows = tuple(tuple(row) for row in self.rows)
        for index, row in enumerate(rows):
            if len(row) != len(header):
                raise ValueError(f"table row {index} has {len(row)} cells, the header has {len(header)}")
        for cell in header + tuple(cell for row in rows for cell in row):
            if not isinstance(cell, str):
                raise TypeError(f"table cells must be text, not {type(cell).__name__}")
        object.__setattr__(self, "header", header)
        object.__setattr__(self, "rows", rows)
        if self.align is not None:
            align = tuple(self.align)
            if len(align) != len(header) or any(a not in ALIGNMENTS for a in align):
                raise ValueError(f"align needs one of {ALIGNMENTS} per column")
            object.__setattr__(self, "align", align)
        if self.widths is not None:
            widths = tuple(float(w) for w in self.widths)
            if len(widths) != len(header) or any(w <= 0 for w in widths):
                raise ValueError("widths needs one positive weight per column")
            object.__setattr__(self, "widths", widths)

    def alignments(self) -> tuple[str, ...]:
        """The given alignment, or right for columns whose filled cells are all numbers."""
        if self.align is not None:
            return self.align
        result = []
        for column in range(len(self.header)):
            cells = [row[column].strip() for row in self.rows if row[column].strip()]
            result.append("right" if cells and all(_looks_numeric(c) for c in cells) else "left")
        return tuple(result)


def _looks_numeric(cell: str) -> bool:
    core = cell.replace(",", "").replace(" ", "")
    core = core.lstrip("£€$+-−~≈").rstrip("%")
    if core.endswith(("k", "m")):
        core = core[:-1]
    try:
        float(core)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Figure:
    value: str
    label: str


@dataclass(frozen=True)
class Figures:
    items: tuple[Figure, ...]

    def __post_init__(self):
        object.__setattr__(self, "items", tuple(self.items))


@dataclass(frozen=True)
class Series:
    """One line (or one colour of bars): ``points`` are (x label, value); None leaves a gap."""

    label: str
    points: tuple[tuple[str, float | None], ...]

    def __post_init__(self):
        points = []
        for x, value in self.points:
            if value is not None:
                value = float(value)
                if value != value or value in (float("inf"), float("-inf")):
                    value = None  # NaN or infinity cannot be drawn: treat as missing
            points.append((str(x), value))
        object.__setattr__(self, "points", tuple(points))


@dataclass(frozen=True)
class ChartSpec:
    """A chart described by its data.

    ``unit`` labels the value axis ("young people", "%", "£"); a unit of "%" or "£" is also
    written with each value. ``target``/``baseline`` draw labelled horizontal lines (labels
    default to "Target"/"Baseline"). ``caption`` is a sentence printed under the chart (source,
    period). ``description`` is the text alternative for screen readers; when empty one is
    written from the data. The value axis always starts at zero when all values share a sign,
    so a small change never looks like a large one.
    """

    title: str
    kind: str
    series: tuple[Series, ...]
    target: float | None = None
    baseline: float | None = None
    unit: str = ""
    caption: str = ""
    target_label: str = "Target"
    baseline_label: str = "Baseline"
    description: str = ""

    def __post_init__(self):
        if self.kind not in CHART_KINDS:
            raise ValueError(f"chart kind must be one of {CHART_KINDS}, not {self.kind!r}")
        object.__setattr__(self, "series", tuple(self.series))
        for name in ("target", "baseline"):
            value = getattr(self, name)
            if value is not None:
                value = float(value)
                object.__setattr__(self, name, value if value == value else None)

    def categories(self) -> tuple[str, ...]:
        """Every x label of every series, in first-seen order."""
        seen: dict[str, None] = {}
        for series in self.series:
            for x, _ in series.points:
                seen.setdefault(x, None)
        return tuple(seen)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Union[Heading, Paragraph, BulletList, Table, Quote, Figures, ChartSpec, PageBreak]
BLOCK_TYPES = (Heading, Paragraph, BulletList, Table, Quote, Figures, ChartSpec, PageBreak)


@dataclass(frozen=True)
class Section:
    """A heading and everything under it, up to the next heading of the same or a higher level.
    ``heading`` is None for the blocks before the first heading."""

    heading: Heading | None
    blocks: tuple[Block, ...]

    def word_count(self) -> int:
        own = count_words(self.heading.text) if self.heading else 0
        return own + sum(block_word_count(block) for block in self.blocks)


@dataclass(frozen=True)
class Document:
    """``meta`` lines sit under the title (organisation, date, reference). ``footer`` is printed
    on every PDF/Word page (defaults to the title); ``author`` goes into the file's properties.
    ``layout`` is "document" (one column) or "leaflet": in PDF a banner title, charts two to a
    row and consecutive level-2 sections side by side (the impact summary); other formats ignore it."""

    title: str
    blocks: tuple[Block, ...] = ()
    subtitle: str = ""
    meta: tuple[str, ...] = ()
    footer: str = ""
    author: str = ""
    keywords: tuple[str, ...] = field(default=())
    layout: str = "document"
    # False: the title block is not printed in the body (Word and PDF keep it in the file's
    # properties and the page footer): for a text whose every word is counted against a limit.
    title_block: bool = True

    def __post_init__(self):
        if self.layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}, not {self.layout!r}")
        blocks = tuple(self.blocks)
        for block in blocks:
            if not isinstance(block, BLOCK_TYPES):
                raise TypeError(f"not a document block: {type(block).__name__}")
        object.__setattr__(self, "blocks", blocks)
        if isinstance(self.meta, str):
            object.__setattr__(self, "meta", (self.meta,))
        else:
            object.__setattr__(self, "meta", tuple(self.meta))
        object.__setattr__(self, "keywords", tuple(self.keywords))

    def front_texts(self) -> tuple[str, ...]:
        return tuple(t for t in (self.title, self.subtitle, *self.meta) if t)

    def printed_front(self) -> tuple[str, str, tuple[str, ...]]:
        """(title, subtitle, meta) as printed in the body: all empty when ``title_block`` is False."""
        if not self.title_block:
            return "", "", ()
        return self.title, self.subtitle, self.meta

    def word_count(self, *, include_front: bool = True) -> int:
        """Words in the whole document; ``include_front=False`` leaves out title, subtitle and
        meta lines (e.g. to check an answer body against a tender's word limit)."""
        front = sum(count_words(t) for t in self.front_texts()) if include_front and self.title_block else 0
        return front + sum(block_word_count(block) for block in self.blocks)

    def sections(self) -> tuple[Section, ...]:
        """Top-level sections: split at every heading of the lowest level number used."""
        headings = [b for b in self.blocks if isinstance(b, Heading)]
        if not headings:
            return (Section(None, self.blocks),) if self.blocks else ()
        top = min(h.level for h in headings)
        result, current, heading = [], [], None
        for block in self.blocks:
            if isinstance(block, Heading) and block.level <= top:
                if heading is not None or current:
                    result.append(Section(heading, tuple(current)))
                heading, current = block, []
            else:
                current.append(block)
        result.append(Section(heading, tuple(current)))
        return tuple(result)

    def section(self, heading: str | Heading) -> Section:
        """The section under the first heading with this text (or this Heading), at any level,
        up to the next heading of the same or a higher level. KeyError when there is none."""
        for index, block in enumerate(self.blocks):
            if isinstance(block, Heading) and (block == heading or block.text == heading):
                body = []
                for following in self.blocks[index + 1:]:
                    if isinstance(following, Heading) and following.level <= block.level:
                        break
                    body.append(following)
                return Section(block, tuple(body))
        raise KeyError(heading)


def block_texts(block: Block) -> tuple[str, ...]:
    """The pieces of reader-visible text in a block, in reading order."""
    if isinstance(block, Heading):
        return (block.text,)
    if isinstance(block, Paragraph):
        return (block.text,)
    if isinstance(block, BulletList):
        return block.texts
    if isinstance(block, Table):
        return (*block.header, *(cell for row in block.rows for cell in row), block.caption)
    if isinstance(block, Quote):
        return (block.text, block.attribution)
    if isinstance(block, Figures):
        return tuple(t for item in block.items for t in (item.value, item.label))
    if isinstance(block, ChartSpec):
        return (block.caption,)
    return ()


def block_word_count(block: Block) -> int:
    return sum(count_words(text) for text in block_texts(block))


def blocks_word_count(blocks: Iterable[Block]) -> int:
    return sum(block_word_count(block) for block in blocks)


def section_word_count(document: Document, heading: str | Heading) -> int:
    """Words in the heading and everything under it (see ``Document.section``)."""
    return document.section(heading).word_count()


def plain_text(item: Document | Block | Iterable[Block]) -> str:
    """The reader-visible words as one string: title block and blocks separated by blank lines,
    list items and table rows one per line (cells separated by tabs). No wrapping, no
    decoration. Chart data is not included (see ``block_texts``)."""
    if isinstance(item, Document):
        parts = ["\n".join(item.front_texts())] if item.front_texts() else []
        blocks = item.blocks
    elif isinstance(item, BLOCK_TYPES):
        parts, blocks = [], (item,)
    else:
        parts, blocks = [], tuple(item)
    for block in blocks:
        if isinstance(block, Table):
            lines = ["\t".join(block.header), *("\t".join(row) for row in block.rows)]
            if block.caption:
                lines.append(block.caption)
            parts.append("\n".join(lines))
        else:
            text = "\n".join(t for t in block_texts(block) if t)
            if text:
                parts.append(text)
    return "\n\n".join(parts)
