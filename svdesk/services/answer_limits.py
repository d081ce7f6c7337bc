"""A tender answer against its limits, counted as the buyer counts the file svdesk writes.

Words: the body of a Word or PDF file as Word counts it; every word of a text or Markdown file
(which needs the file rendered, so it lives here, above compose and render).

Pages ("no more than 2 sides of A4"): the pages of the answer laid out on A4 as svdesk's PDF lays
it out. For a PDF that is the file itself. For a Word file it is the closest count svdesk can
make without Word: the PDF's body type (DejaVu Sans 10 pt on 14.5 pt lines, 170 mm wide) is a
little larger than Word's Calibri 11 pt single-spaced on 166 mm, so a Word file counted this way
is never longer than said. Text, Markdown and the clipboard go into a portal, which counts
words, not pages.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
import re

from svdesk.compose.answer_as_sent import for_format
from svdesk.compose.tender import answer_for_export
from svdesk.document.model import Document
from svdesk.domain.words import count_words

if TYPE_CHECKING:
    from svdesk.store.workspace import Workspace

PAGED_FORMATS = ("docx", "pdf")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def buyer_word_count(document: Document, fmt: str) -> int:
    """The words the buyer counts in the file ``fmt`` would hold: for Word and PDF the body as
    Word counts it; for text and Markdown every run of characters between spaces in the file."""
    document = for_format(document, fmt)
    if fmt in ("txt", "md"):
        from svdesk import render

        return count_words(render.render(document, fmt).decode("utf-8"))
    return document.word_count()


def page_limit(tender) -> int | None:
    """The pages the tender's question allows ("up to 2 sides of A4" -> 2), or None."""
    from svdesk.compose.question_kinds import parse
    from svdesk.domain.tender_question import page_count

    return page_count(parse(tender.question).facts.page_limit) if tender.question.strip() else None


def buyer_page_count(document: Document) -> int:
    """The pages of A4 the document fills, laid out as svdesk's PDF lays it out."""
    from svdesk import render

    return max(1, len(_PAGE_OBJECT.findall(render.render(document, "pdf"))))


def page_problem(answer, fmt: str) -> tuple[int, int] | None:
    """(pages, limit) when the answer as ``fmt`` is longer than the question's page limit;
    None when it is within it, when there is none, or for a format a portal counts in words."""
    limit = page_limit(answer.tender)
    if limit is None or fmt not in PAGED_FORMATS:
        return None
    pages = buyer_page_count(answer.document)
    return (pages, limit) if pages > limit else None


def over_pages_sentence(pages: int, limit: int, document: Document) -> str:
    what = "with its cover block " if document.title_block else ""
    return (f"The answer {what}fills {pages} pages of A4 as laid out at svdesk's type size, over the question's "
            f"limit of {limit} {'page' if limit == 1 else 'pages'}.")


def over_page_limit_problem(answer, pages: int, limit: int) -> str:
    return (over_pages_sentence(pages, limit, answer.document) + " Nothing was exported. Shorten it (or draft it "
            "again with a lower word limit) and export once more — or, to export it anyway, use "
            "--allow-over-limit on the command line.")


def over_limit_warning(workspace: Workspace, tender_id: str, fmt: str, today: dt.date | None = None) -> str:
    """A sentence for the window when the answer in ``fmt`` is over the word or page limit as
    the buyer counts it (the window then asks whether to export anyway), or ""."""
    from svdesk import render

    fmt = render.normalise_format(fmt)
    answer = answer_for_export(workspace, tender_id, "auto", today)
    said = []
    limit = answer.tender.word_limit
    words = buyer_word_count(answer.document, fmt)
    if limit is not None and words > limit:
        said.append(f"The answer is {words:,} words as the buyer counts them, {words - limit:,} over the limit of "
                    f"{limit:,}.")
    pages = page_problem(answer, fmt)
    if pages:
        said.append(over_pages_sentence(*pages, answer.document))
    if not said:
        return ""
    return " ".join(said) + " An evaluator may stop reading at the limit, or mark it non-compliant."
