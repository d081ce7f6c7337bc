"""A tender answer as the plain text the person edits, and back into document blocks.

The editor holds plain text with no markup to learn, laid out the way the answer reads:

- a heading is a short line on its own (at most ``HEADING_WORDS`` words, no full stop or other
  closing punctuation), with blank lines around it;
- a paragraph is text between blank lines (single line breaks inside it are kept);
- list items are lines starting with "• " (also "- ", "* " or "– " when typed by hand);
- a quotation is a paragraph in quotation marks, optionally followed by a line "— who said it";
- a table is lines of cells separated by " | " (the same number on every line, at least three
  cells), the first line its header, with text on every line and in every column (a cell may be
  empty, and stays empty). Lines of bare pipes, a Markdown-style "| a | b |" with empty outer
  columns, or rows that do not match stay the person's text. The "|" count as words in the
  editor (and in Markdown, which writes them too); Word and the text export show none, so they
  only ever count fewer.

``blocks_to_text`` puts a blank line between blocks, so every block is read back on its own;
``text_to_blocks`` therefore reads the runs of a passage that mixes list lines with other lines
as it will read them once they stand apart. That makes text -> blocks -> text a fixed point
after the first pass: saving and reopening an answer never changes it again.

``blocks_to_text`` writes exactly the words the plain-text export shows (headings included,
with the "•" of list items and the "—" of attributions, which word processors count when the
text is pasted), so the editor's live count is the count of what is sent. Turning the text back
into blocks (``text_to_blocks``) is what lets an edited answer be exported to Word, PDF and
Markdown with real headings and lists.
"""

from __future__ import annotations

import re

from svdesk.document.model import BulletList, Heading, Paragraph, Quote, Table, spans_text
from svdesk.domain.textsafe import clean_text
from svdesk.domain.words import count_words

HEADING_LEVEL = 2
HEADING_WORDS = 10
BULLET = "• "
_BULLET_LINE = re.compile(r"^\s*(?:[•\-*–])\s+(.*)$")
_CLOSING = tuple(".!?:;,\"'”’)…")
_OPEN_QUOTES = ("“", '"')
_CLOSE_QUOTES = ("”", '"')
_ATTRIBUTION = re.compile(r"^\s*[—–-]\s+(.+)$")
# An estimate (money value) is set apart in Word and PDF; the composer starts such paragraphs so.
ESTIMATE_LEAD = "Estimated social value"


def blocks_to_text(blocks) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(block.text)
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            parts.append("\n".join(BULLET + " ".join(spans_text(item).split()) for item in block.items))
        elif isinstance(block, Quote):
            body = block.text.strip()
            if not (body.startswith(_OPEN_QUOTES) and body.endswith(_CLOSE_QUOTES)):
                body = f"“{body}”"
            parts.append(body + (f"\n— {block.attribution}" if block.attribution else ""))
        elif isinstance(block, Table):
            parts.append("\n".join(_table_line(cells) for cells in (block.header, *block.rows)))
        else:
            raise TypeError(f"a tender answer holds headings, paragraphs, lists and quotes, not {type(block).__name__}")
    return "\n\n".join(part for part in parts if part.strip())


def _table_line(cells) -> str:
    # An empty cell stays empty: a dash here would be a word the person never typed.
    return " | ".join(" ".join(cell.replace("|", "/").split()) for cell in cells)


def _as_table(lines: list[str]):
    counts = {line.count("|") for line in lines}
    if len(lines) < 2 or len(counts) != 1 or counts.pop() < 2 or any(_BULLET_LINE.match(line) for line in lines):
        return None
    rows = [tuple(" ".join(cell.split()) for cell in line.split("|")) for line in lines]
    # Pipes with nothing between them (a line of "||", empty outer columns) are the person's
    # text, not a table: making one would fill it with cells nobody wrote.
    if not all(any(row) for row in rows) or not all(any(column) for column in zip(*rows)):
        return None
    # Columns as wide as their longest word needs and their text suggests, so no word is broken.
    widths = []
    for column in range(len(rows[0])):
        cells = [row[column] for row in rows]
        longest = max(len(word) for cell in cells for word in cell.split())
        short = max((len(cell) for cell in cells if len(cell) <= 14), default=0)   # "31 Jan 2029" on one line
        widths.append(min(30, max(longest * 1.3 + 3, short + 3, sum(len(cell) for cell in cells) / len(cells) / 2.2)))
    return Table(rows[0], tuple(rows[1:]), widths=tuple(widths))


def is_heading_line(line: str) -> bool:
    text = line.strip()
    if not text or "\n" in text or count_words(text) > HEADING_WORDS:
        return False
    if text.endswith(_CLOSING) or _BULLET_LINE.match(text) or re.match(r"^\d+[.)]\s", text):
        return False
    # "(b) How many apprenticeships": a part of the buyer's question, with its letter.
    return text[0].isalnum() or text[0] in "£€$" or re.match(r"^\([a-z0-9]{1,4}\)\s+\w", text, re.IGNORECASE) is not None


def text_to_blocks(text: str) -> tuple:
    """The blocks an (edited) answer is made of; the words are exactly the text's words."""
    blocks: list = []
    for chunk in re.split(r"\n[ \t]*\n", clean_text(text or "")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks += _chunk_blocks(lines)
    return tuple(blocks)


def _chunk_blocks(lines: list[str]) -> list:
    if len(lines) == 1 and is_heading_line(lines[0]):
        return [Heading(HEADING_LEVEL, lines[0].strip())]
    for reader in (_as_table, _as_quote):
        block = reader(lines)
        if block is not None:
            return [block]
    runs = _runs(lines)
    if len(runs) == 1:
        return _paragraphs_and_lists(lines)
    # List lines and other lines in one passage come back as separate blocks with blank lines
    # between them, so each run is read now as it will be read then (a heading, a table, a quote).
    return [block for run in runs for block in _chunk_blocks(run)]


def _is_item(line: str) -> bool:
    match = _BULLET_LINE.match(line)
    return bool(match and match.group(1).strip())


def _runs(lines: list[str]) -> list[list[str]]:
    """Consecutive list lines, and consecutive other lines, each as one run."""
    runs: list[list[str]] = []
    for line in lines:
        if runs and _is_item(runs[-1][-1]) == _is_item(line):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _as_quote(lines: list[str]):
    attribution = ""
    body = lines
    match = _ATTRIBUTION.match(lines[-1]) if len(lines) > 1 else None
    if match:
        attribution, body = match.group(1).strip(), lines[:-1]
    joined = "\n".join(line.strip() for line in body)
    if len(joined) >= 2 and joined.startswith(_OPEN_QUOTES) and joined.endswith(_CLOSE_QUOTES) \
            and not any(_BULLET_LINE.match(line) for line in body):
        return Quote(joined, attribution)
    return None


def _paragraphs_and_lists(lines: list[str]) -> list:
    found: list = []
    items: list[str] = []
    para: list[str] = []

    def flush_para():
        if para:
            text = "\n".join(para)
            found.append(Paragraph(text, "estimate" if text.startswith(ESTIMATE_LEAD) else "body"))
            para.clear()

    def flush_items():
        if items:
            found.append(BulletList(tuple(items)))
            items.clear()

    for line in lines:
        if _is_item(line):
            flush_para()
            items.append(_BULLET_LINE.match(line).group(1).strip())
        else:
            flush_items()
            para.append(line.strip())
    flush_para()
    flush_items()
    return found
