"""A tender answer against its word limit, counted as the buyer counts the file svdesk writes:
the body of a Word or PDF file as Word counts it; every word of a text or Markdown file (which
needs the file rendered, so it lives here, above compose and render)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from svdesk.compose.answer_as_sent import for_format
from svdesk.compose.tender import answer_for_export
from svdesk.document.model import Document
from svdesk.domain.words import count_words

if TYPE_CHECKING:
    from svdesk.store.workspace import Workspace


def buyer_word_count(document: Document, fmt: str) -> int:
    """The words the buyer counts in the file ``fmt`` would hold: for Word and PDF the body as
    Word counts it; for text and Markdown every run of characters between spaces in the file."""
    document = for_format(document, fmt)
    if fmt in ("txt", "md"):
        from svdesk import render

        return count_words(render.render(document, fmt).decode("utf-8"))
    return document.word_count()


def over_limit_warning(workspace: Workspace, tender_id: str, fmt: str, today: dt.date | None = None) -> str:
    """A sentence for the window when the answer in ``fmt`` is over the limit as the buyer counts
    it (the window then asks whether to export anyway), or ""."""
    from svdesk import render

    fmt = render.normalise_format(fmt)
    answer = answer_for_export(workspace, tender_id, "auto", today)
    limit = answer.tender.word_limit
    words = buyer_word_count(answer.document, fmt)
    if limit is None or words <= limit:
        return ""
    return (f"The answer is {words:,} words as the buyer counts them, {words - limit:,} over the limit of "
            f"{limit:,}. An evaluator may stop reading at the limit, or mark it non-compliant.")
