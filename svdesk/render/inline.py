"""Inline text (spans, some bold or italic) in a tag-based markup: HTML and reportlab's."""

from __future__ import annotations

from collections.abc import Callable

from svdesk.document.model import Span


def tagged(spans: tuple[Span, ...], escape: Callable[[str], str], italic: str, bold: str) -> str:
    """Each span escaped by ``escape`` (user text must print as typed), then wrapped in the
    ``italic`` and ``bold`` tags (names only, such as "em") as it is styled."""
    out = []
    for span in spans:
        text = escape(span.text)
        if span.italic:
            text = f"<{italic}>{text}</{italic}>"
        if span.bold:
            text = f"<{bold}>{text}</{bold}>"
        out.append(text)
    return "".join(out)
