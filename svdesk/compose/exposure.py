"""The last check before any document leaves svdesk: its whole text, edits included, against
every story whose person may not be named that far for the document's use today.

Exports call ``check_document`` right before writing (so a refusal writes nothing); anything that
sends text out another way — the clipboard, publishing — calls ``check_text``. The rule is in
``svdesk.domain.exposure``; the consent decisions come from ``workspace.exposure``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from svdesk.document.model import Document
from svdesk.domain import dates
from svdesk.domain.consent import Use
from svdesk.domain.errors import SvdeskError
from svdesk.domain.exposure import Exposure, describe

# Between two pieces of a document: never a joiner, so a name cannot run across two fields.
_SEPARATOR = "\n|\n"


class PersonExposed(SvdeskError):
    """An export refused because its text names someone beyond their consent."""

    def __init__(self, exposures: list[Exposure], document_name: str, message: str = ""):
        self.exposures = tuple(exposures)
        super().__init__(message or describe(list(exposures), document_name))


def document_text(document: Document) -> str:
    """Every string a document holds — title block, footer, author, keywords, every block and
    chart label — whatever kinds of block it has or will have."""
    found: list[str] = []
    _collect(document, found)
    return _SEPARATOR.join(found)


def _collect(item, found: list[str]) -> None:
    if isinstance(item, str):
        if item:
            found.append(item)
    elif dataclasses.is_dataclass(item) and not isinstance(item, type):
        for field in dataclasses.fields(item):
            _collect(getattr(item, field.name), found)
    elif isinstance(item, (list, tuple)):
        for part in item:
            _collect(part, found)


def exposures_in(workspace, text: str, uses: Iterable[Use], on: dt.date | None = None) -> list[Exposure]:
    """The exposures in ``text`` for a document that goes to every one of ``uses`` on ``on``."""
    return workspace.exposure.matcher(tuple(uses), on or dates.today()).find(text)


def check_text(workspace, text: str, uses: Iterable[Use], document_name: str, on: dt.date | None = None) -> None:
    """Raises ``PersonExposed`` (a plain message naming each story and what was found) when
    ``text`` names someone further than their consent allows for ``uses`` on ``on``."""
    found = exposures_in(workspace, text, uses, on)
    if found:
        raise PersonExposed(found, document_name)


def check_document(workspace, document: Document, uses: Iterable[Use], document_name: str,
                   on: dt.date | None = None) -> None:
    check_text(workspace, document_text(document), uses, document_name, on)
