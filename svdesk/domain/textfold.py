"""Folding text for searching: "lukasz" finds "Łukasz", "zoe" finds "Zoë", "sian" finds "Siân".

Searches compare folded text with folded queries. Folding is: case folding (ß -> ss), explicit
replacements for letters Unicode does not decompose (ł, ø, đ, æ, œ, þ, ...), compatibility
decomposition (NFKD: ﬁ -> fi, ² -> 2) and removing the accents left over. SQLite's own
``remove_diacritics`` leaves ł and ø alone, which is why the folding happens here, once, for both
the stored text and the query.
"""

from __future__ import annotations

import re
import unicodedata

# Letters with a stroke or a ligature: NFKD keeps them as they are.
_LETTERS = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ı": "i",
    "ŀ": "l", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ƀ": "b", "ǥ": "g", "ɨ": "i", "ʉ": "u", "ƶ": "z",
    "ȼ": "c", "ɇ": "e", "ɍ": "r", "ꝁ": "k", "ß": "ss",
})

# A search word: letters and digits (what SQLite's unicode61 tokenizer keeps), nothing else.
_WORD = re.compile(r"[^\W_]+")

MAX_QUERY_WORDS = 32


_LETTER_KEYS = frozenset(chr(code) for code in _LETTERS)


def fold(text: str | None) -> str:
    """Lower case, without accents, with ł -> l and friends; spacing and punctuation kept."""
    if not text:
        return ""
    text = text.casefold()
    # Every step below is done by C code on the whole text, never character by character in
    # Python: a story of a few thousand characters with one "é" in it is folded in microseconds
    # (saving and merging stories fold them; a pasted report is megabytes). ASCII has nothing
    # to translate, decompose or strip.
    if text.isascii():
        return text
    if not _LETTER_KEYS.isdisjoint(text):
        text = text.translate(_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    if text.isascii():
        return text
    marks = {ord(ch): None for ch in set(text) if unicodedata.combining(ch)}
    if marks:
        text = text.translate(marks)
    # Decomposition can reveal letters the table handles (e.g. a compatibility form of ł).
    return text.translate(_LETTERS) if not _LETTER_KEYS.isdisjoint(text) else text


def words(text: str | None) -> list[str]:
    """The folded search words of ``text``."""
    return _WORD.findall(fold(text))


def fts_query(text: str | None, prefix: bool = True) -> str | None:
    """A safe SQLite FTS5 query for what a person typed, or None when it has no words.

    Each word becomes a quoted string (so AND, OR, NEAR, brackets, stars and quotes typed by the
    person are just text) and, while typing, a prefix search: ``lu`` finds ``Łukasz``. All words
    must appear, in any order.
    """
    found = words(text)[:MAX_QUERY_WORDS]
    if not found:
        return None
    star = "*" if prefix else ""
    return " ".join(f'"{word}"{star}' for word in found)


def contains_word(text: str | None, word: str) -> bool:
    """Whether ``word`` (folded) appears in ``text`` as a whole word, ignoring case and accents."""
    target = words(word)
    if not target:
        return False
    haystack = words(text)
    size = len(target)
    return any(haystack[index:index + size] == target for index in range(len(haystack) - size + 1))
