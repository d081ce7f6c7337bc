"""Text hygiene: what a user typed or pasted, made safe for every export format.

Word (.docx is XML) cannot hold most control characters and python-docx raises on them; PDF
fonts draw them as boxes; text pasted from PDFs and Word brings form feeds, vertical tabs and
odd line endings. ``clean_text`` is the one place that decides what survives, so every format
gets the same text and the same word count:

- line endings become ``\\n`` (``\\r\\n``, ``\\r``, NEL U+0085, U+2028 and U+2029 included), and
  Word's soft line break (vertical tab, ``\\x0b``) and page break (form feed, ``\\x0c``) become
  ``\\n`` too, so pasted Word text keeps its lines instead of running words together;
- tab stays (every format can show one);
- every other C0 and C1 control character, DEL, unpaired surrogates and the non-characters
  U+FFFE/U+FFFF (which XML forbids) are removed;
- everything else, including emoji and scripts our PDF font lacks, is kept: the PDF renderer
  decides what it can draw and reports the rest (see ``svdesk.render.inspect``).

``clean_text_report`` does the same and says which characters it removed, so an export can tell
the user "2 characters a document cannot hold were left out".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# Turned into a line break rather than dropped: they mean "new line" or "new page" where they
# come from (Windows/Mac files, Word's soft return and page break, Unicode separators).
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")

# Removed: C0 controls except tab and newline, DEL and C1 controls, lone surrogates, U+FFFE/FFFF.
_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class RemovedChar:
    """One kind of character that was removed, how often, and a name a person can read."""

    char: str
    count: int

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name(self) -> str:
        return _control_name(self.char)

    def describe(self) -> str:
        times = f" ×{self.count}" if self.count > 1 else ""
        return f"{self.code} ({self.name}){times}"


@dataclass(frozen=True)
class CleanResult:
    text: str
    removed: tuple[RemovedChar, ...] = ()

    @property
    def removed_count(self) -> int:
        return sum(item.count for item in self.removed)


def clean_text(text: str | None) -> str:
    """``text`` with line endings normalised and unholdable characters removed."""
    if not text:
        return ""
    return _DROP.sub("", _NEWLINES.sub("\n", text))


def clean_line(text: str | None) -> str:
    """For one-line places (titles, headings, table captions): line breaks become spaces."""
    return " ".join(part.strip() for part in clean_text(text).split("\n") if part.strip())


def clean_text_report(text: str | None) -> CleanResult:
    """Like ``clean_text``, also listing every removed character (in order of first appearance)."""
    if not text:
        return CleanResult("")
    normalised = _NEWLINES.sub("\n", text)
    found = Counter(match.group() for match in _DROP.finditer(normalised))
    cleaned = _DROP.sub("", normalised) if found else normalised
    return CleanResult(cleaned, tuple(RemovedChar(char, count) for char, count in found.items()))


def merge_removed(results) -> tuple[RemovedChar, ...]:
    """Adds up the removed characters of many ``CleanResult``s (first appearance order)."""
    total: Counter[str] = Counter()
    for result in results:
        for item in result.removed:
            total[item.char] += item.count
    return tuple(RemovedChar(char, count) for char, count in total.items())


def describe_removed(removed: tuple[RemovedChar, ...]) -> str:
    """One plain sentence, or "" when nothing was removed."""
    if not removed:
        return ""
    count = sum(item.count for item in removed)
    noun = "character" if count == 1 else "characters"
    listed = ", ".join(item.describe() for item in removed[:6])
    more = f" and {len(removed) - 6} more kinds" if len(removed) > 6 else ""
    return (f"{count} invisible control {noun} that documents cannot hold "
            f"{'was' if count == 1 else 'were'} left out: {listed}{more}.")


_CONTROL_NAMES = {
    0x00: "null", 0x07: "bell", 0x08: "backspace", 0x1B: "escape", 0x7F: "delete",
}


def _control_name(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "broken surrogate half"
    if code in _CONTROL_NAMES:
        return _CONTROL_NAMES[code]
    name = unicodedata.name(char, "")
    if name:
        return name.lower()
    return "control character"


# Spreadsheets (Excel, LibreOffice, Google Sheets) treat a cell that starts with one of these as
# a formula, or strip the tab or carriage return and then do so: "CSV injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_cell(text: str) -> str:
    """A cell for a CSV svdesk writes: one starting like a formula gets a leading apostrophe
    (which spreadsheets show as text and do not run). Plain numbers such as -5 or -2.50 are left
    alone: they are values, and a spreadsheet reads them as numbers."""
    text = "" if text is None else str(text)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def from_spreadsheet_cell(text: str) -> str:
    """Undoes ``spreadsheet_cell`` for a cell read back from a CSV or sheet."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def spreadsheet_safe(text: str) -> str:
    """A text cell a spreadsheet shows as typed: a leading apostrophe when it would start a
    formula (numbers are written as numbers by the caller, so even "-5" here is text)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
