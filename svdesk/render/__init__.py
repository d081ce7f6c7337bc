"""Document -> text, Markdown, HTML, Word (.docx) and PDF, one module per format.

The entry points:

- ``render(document, fmt) -> bytes`` — fmt is one of ``FORMATS``: "txt", "md", "html", "docx",
  "pdf". Text formats are UTF-8 with "\\n" line endings.
- ``write(document, fmt, path) -> Path`` — renders, then writes atomically (a temporary file in
  the same folder, flushed, then moved over ``path``): a failed export never leaves a
  half-written or missing file behind. Raises ``SvdeskError`` with a plain sentence ("You do
  not have permission to save in …") on any failure.
- ``render_text(document) -> str`` / ``render_html(document) -> str`` — for the clipboard
  (plain and rich text).
- ``inspect(document, fmt) -> TextReport`` — what the export will leave out or cannot show:
  control characters removed, and for PDF the characters its font cannot draw.
- ``format_for_path(path)`` — "pdf" for "answer.pdf", etc.; ``EXTENSIONS`` maps back.

reportlab, python-docx and Pillow are imported only inside the functions that need them, so
importing svdesk.render (or svdesk.compose) stays cheap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from svdesk.document.model import Document
from svdesk.domain.errors import SvdeskError
from svdesk.domain.textsafe import RemovedChar, describe_removed
from svdesk.store import atomic

FORMATS = ("txt", "md", "html", "docx", "pdf")
EXTENSIONS = {"txt": ".txt", "md": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
FORMAT_NAMES = {"txt": "text", "md": "Markdown", "html": "web page", "docx": "Word", "pdf": "PDF"}


def render(document: Document, fmt: str) -> bytes:
    fmt = _check_format(fmt)
    if fmt == "txt":
        return render_text(document).encode("utf-8")
    if fmt == "md":
        from svdesk.render.markdown import render_markdown

        return render_markdown(document).encode("utf-8")
    if fmt == "html":
        return render_html(document).encode("utf-8")
    if fmt == "docx":
        from svdesk.render.docx import render_docx

        return render_docx(document)
    from svdesk.render.pdf_document import render_pdf

    return render_pdf(document)


def render_text(document: Document) -> str:
    from svdesk.render.text import render_text as _render

    return _render(document)


def render_html(document: Document, *, fragment: bool = False) -> str:
    from svdesk.render.html import render_html as _render

    return _render(document, fragment=fragment)


def format_for_path(path: str | os.PathLike) -> str | None:
    suffix = Path(path).suffix.lower()
    aliases = {".markdown": "md", ".text": "txt", ".htm": "html"}
    for fmt, extension in EXTENSIONS.items():
        if suffix == extension:
            return fmt
    return aliases.get(suffix)


def write(document: Document, fmt: str, path: str | os.PathLike) -> Path:
    """Renders and saves; returns the path written. Nothing is changed on failure."""
    from svdesk.store.safe_paths import refuse_organisation_target

    fmt = _check_format(fmt)
    target = refuse_organisation_target(Path(path))
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise SvdeskError(f"{target} is a folder; choose a file name to save the {FORMAT_NAMES[fmt]} file as.")
    if not folder.is_dir():
        raise SvdeskError(f"The folder {folder} does not exist; choose another place to save.")
    data = render(document, fmt)
    try:
        atomic.write_bytes(target, data)
    except PermissionError as error:
        if not os.access(folder, os.W_OK):
            raise SvdeskError(f"You do not have permission to save in {folder}; choose another folder.") from error
        raise SvdeskError(
            f"Could not save {target.name}: it may be open in another program, or you do not have "
            f"permission to change it. Close it and try again, or choose another name."
        ) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise SvdeskError(f"Could not save {target.name} in {folder}: {reason}.") from error
    return target


def normalise_format(fmt: str) -> str:
    """'Word' -> 'docx', '.md' -> 'md'; SvdeskError for a format svdesk does not write."""
    return _check_format(fmt)


def _check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    fmt = {"text": "txt", "markdown": "md", "word": "docx", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise SvdeskError(f"Unknown export format “{fmt}”; choose one of {', '.join(FORMATS)}.")
    return fmt


@dataclass(frozen=True)
class TextReport:
    """What an export leaves out (``removed``: control characters) or cannot show
    (``unshowable``: characters the PDF font has no glyph for; they print as a box;
    ``right_to_left``: Hebrew, Arabic, Urdu … letters, which reportlab lays out left to right
    without the bidirectional algorithm, so in the PDF they read backwards)."""

    removed: tuple[RemovedChar, ...] = ()
    unshowable: tuple[str, ...] = ()
    right_to_left: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.removed and not self.unshowable and not self.right_to_left

    def sentences(self) -> list[str]:
        result = []
        if self.removed:
            result.append(describe_removed(self.removed))
        if self.unshowable:
            listed = " ".join(self.unshowable[:12]) + (" …" if len(self.unshowable) > 12 else "")
            count = len(self.unshowable)
            noun = "character" if count == 1 else "characters"
            result.append(
                f"The PDF font cannot show {count} {noun} ({listed}); "
                f"{'it prints' if count == 1 else 'they print'} as an empty box. "
                "The Word and text exports keep them."
            )
        if self.right_to_left:
            result.append(
                "The PDF cannot set right-to-left writing (such as Hebrew, Arabic or Urdu) in its proper "
                "order, so those words read backwards there. The Word and text exports keep them as typed."
            )
        return result


def inspect(document: Document, fmt: str) -> TextReport:
    from svdesk.document.model import plain_text
    from svdesk.render.clean import clean_document

    fmt = _check_format(fmt)
    cleaned, removed = clean_document(document)
    unshowable: tuple[str, ...] = ()
    right_to_left: tuple[str, ...] = ()
    if fmt == "pdf":
        import unicodedata
        from svdesk.document.model import ChartSpec

        from svdesk.render.fonts import pdf_coverage

        covered = pdf_coverage()
        text = plain_text(cleaned) + "".join(
            block.title + "".join(s.label + "".join(x for x, _ in s.points) for s in block.series)
            for block in cleaned.blocks if isinstance(block, ChartSpec)
        )
        seen: dict[str, None] = {}
        for char in text:
            if ord(char) not in covered and not char.isspace() and char not in seen:
                seen[char] = None
        unshowable = tuple(seen)
        right_to_left = tuple(dict.fromkeys(
            char for char in text if unicodedata.bidirectional(char) in ("R", "AL") and char not in seen))
    return TextReport(removed, unshowable, right_to_left)
