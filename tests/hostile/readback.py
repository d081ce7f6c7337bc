"""Read an export back as plain text, to check that what the user typed is in it.

Comparisons ignore whitespace (every format wraps lines and sets paragraphs its own way), so
``squash`` removes it from both sides. Markdown is turned back into the literal text by removing
the markers the renderer adds and undoing its backslash escapes; ``markdown_leaks`` lists any
character that would still be read as markup.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = re.compile(r"\s+")


def squash(text: str, drop: str = "") -> str:
    text = _SPACE.sub("", text)
    return text.translate({ord(char): None for char in drop}) if drop else text


def read_txt(path: Path) -> str:
    return Path(path).read_text("utf-8")


def read_docx(path: Path) -> str:
    """Every run of text in the body, tables included, in document order (python-docx opens it
    first, so a file Word would refuse fails here)."""
    import docx

    docx.Document(str(path))   # raises on a malformed package
    # The body, then the page footers (where a tender answer keeps its title, buyer and reference).
    with zipfile.ZipFile(path) as package:
        names = ["word/document.xml", *sorted(n for n in package.namelist() if n.startswith("word/footer"))]
        roots = [ElementTree.fromstring(package.read(name)) for name in names]
    parts = []
    for root in roots:
        for element in root.iter():
            if element.tag == f"{_W}t" and element.text:
                parts.append(element.text)
            elif element.tag in (f"{_W}tab", f"{_W}br", f"{_W}p"):
                parts.append(" ")
    return "".join(parts)


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


_FOOTER = re.compile(r"\n?Page \d+ of \d+\n.*\Z", re.DOTALL)


def read_pdf(path: Path) -> str:
    """The text of every page without its footer ("Page 2 of 5" and the document's name, drawn
    last on each page), which would otherwise sit in the middle of a paragraph split by a page."""
    # -raw keeps the content stream order: a table cell's lines stay together.
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=120).stdout
    return "\f".join(_FOOTER.sub("", page) for page in text.split("\f"))


def invisible(text: str) -> str:
    """The format characters in ``text`` (zero-width space, joiners, BOM, direction marks):
    drawn as nothing, so PDF text extraction may leave them out."""
    return "".join(sorted({char for char in text if unicodedata.category(char) == "Cf"}))


# Markers the Markdown renderer writes around user text: emphasis, heading and quote prefixes,
# table pipes and rules, list markers, hard-break backslashes.
_HARD_BREAK = re.compile(r"\\\n")
_LINE_MARKERS = re.compile(r"^(#{1,6} |> ?|- |\d+\. |\| (:?-+:? \| ?)+$|\* \* \*$)", re.MULTILINE)
_UNESCAPED = re.compile(r"(?<!\\)(\\\\)*(\*+|\|)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def read_md(path: Path) -> str:
    text = Path(path).read_text("utf-8")
    text = _HARD_BREAK.sub("\n", text)
    text = _LINE_MARKERS.sub("", text)
    text = _UNESCAPED.sub(lambda m: m.group(1) or "", text)
    return _ESCAPE.sub(r"\1", text)


# Outside the renderer's own markers, these would change what a Markdown viewer shows.
_DANGEROUS = re.compile(r"(?<!\\)(?:\\\\)*([<>&`\[\]_~$])")


def markdown_leaks(path: Path) -> list[str]:
    """Unescaped markup characters in a Markdown export (quote prefixes at line start excepted)."""
    leaks = []
    for line in Path(path).read_text("utf-8").split("\n"):
        body = re.sub(r"^(> ?)+", "", line)
        leaks += [match.group(1) for match in _DANGEROUS.finditer(body)]
    return leaks


READERS = {"txt": read_txt, "md": read_md, "docx": read_docx, "pdf": read_pdf}


def found(piece: str, text: str, max_chunks: int = 1) -> bool:
    """``piece`` is in ``text`` (both squashed), in at most ``max_chunks`` consecutive pieces that
    appear in order. More than one chunk is needed in PDF, where a table row or a leaflet column
    split over two pages is extracted cell by cell on each page, so a cell's lines on the next
    page come after its neighbours' lines on the first."""
    if piece in text:
        return True
    position, rest = 0, piece
    for _ in range(max_chunks):
        low, high = 0, len(rest)          # longest prefix of ``rest`` found at or after ``position``
        while low < high:
            middle = (low + high + 1) // 2
            if text.find(rest[:middle], position) >= 0:
                low = middle
            else:
                high = middle - 1
        if low == 0:
            return False
        position = text.find(rest[:low], position) + low
        rest = rest[low:]
        if not rest:
            return True
    return False
