"""A part of a form as plain text, and back into document blocks.

The CIC34 form is a set of boxes the person pastes into, and they edit each part in svdesk as
text, so a part is kept as plain text: paragraphs on their own lines, list items starting with
"• ". ``text_to_blocks`` turns it into Paragraphs and BulletLists for Word and PDF, so the
exported report says exactly what the person read and edited.
"""

from __future__ import annotations

import re

from svdesk.document.model import Block, BulletList, Paragraph

BULLET = "• "
_BULLET_LINE = re.compile(r"^\s*(?:[•\-*–]|\d{1,2}[.)])\s+")


def bullets(items: list[str]) -> str:
    return "\n".join(BULLET + " ".join(item.split()) for item in items if item.strip())


def join_blocks(*chunks: str) -> str:
    """Chunks of text separated by one blank line; empty chunks are left out."""
    return "\n\n".join(chunk.strip("\n") for chunk in chunks if chunk and chunk.strip())


def text_to_blocks(text: str, role: str = "body") -> list[Block]:
    """Plain text -> blocks: each non-blank line a paragraph, runs of bullet lines a list."""
    blocks: list[Block] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            blocks.append(BulletList(list(items)))
            items.clear()

    for line in (text or "").split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        match = _BULLET_LINE.match(line)
        if match:
            items.append(line[match.end():].strip())
        else:
            flush()
            blocks.append(Paragraph(stripped, role))
    flush()
    return blocks


def first_sentences(text: str, limit: int = 2, max_chars: int = 320) -> str:
    """The first sentences of ``text`` on one line: at most ``limit``, and no more than fit in
    ``max_chars`` — but always whole sentences and at least the first, however long. The person's
    words are never cut off mid-sentence with "…": a long one is wrapped by the page instead."""
    flat = " ".join((text or "").split())
    if not flat:
        return ""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"'‘])", flat)
    result = parts[0]
    for part in parts[1:limit]:
        if len(result) + 1 + len(part) > max_chars:
            break
        result += " " + part
    return result


def normalise(text: str) -> str:
    """For comparing two texts: case, spacing and bullets do not count."""
    flat = _BULLET_LINE.sub("", text or "")
    return " ".join(re.sub(r"[•\s]+", " ", flat).split()).casefold()
