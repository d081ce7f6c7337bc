"""Folding text for searching: "lukasz" finds "Łukasz", "zoe" finds "Zoë", "sian" finds "Siân".

Searches compare folded text with folded queries. Folding is: case folding (ß -> ss), explicit
replacements for letters Unicode does not decompose (ł, ø, đ, æ, œ, þ, ...), compatibility
decomposition (NFKD: ﬁ -> fi, ² -> 2) and removing the accents left over. SQLite's own
``remove_diacritics`` leaves ł and ø alone, which is why the folding happens here, once, for both
the stored text and the query.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters with a stroke or a ligature: NFKD keeps them as they are.
_LETTERS = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ı": "i",
    "ŀ": "l", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ƀ": "b", "ǥ": "g", "ɨ": "i", "ʉ": "u", "ƶ": "z",
    "ȼ": "c", "ɇ": "e", "ɍ": "r", "ꝁ": "k", "ß": "ss",
})

# Runs of non-ASCII characters: only they can be combining marks, and a story is mostly ASCII.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# A search word: letters and digits (what SQLite's unicode61 tokenizer keeps), nothing else.
_WORD = re.compile(r"[^\W_]+")

MAX_QUERY_WORDS = 32


def fold(text: str | None) -> str:
    """Lower case, without accents, with ł -> l and friends; spacing and punctuation kept."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()  # casefold of ASCII; nothing to decompose
    # Decomposition and the letter table only change non-ASCII characters, one by one: only the
    # non-ASCII runs are folded (a report of mostly English text with a few curly quotes and
    # names was otherwise walked whole, character by character — the slow part of every report).
    return _NON_ASCII.sub(_folded_run, text.casefold())


def _folded_run(match: re.Match) -> str:
    return _fold_run(match.group())


@functools.lru_cache(maxsize=4096)  # the same quotes, dashes and names come back in every text
def _fold_run(run: str) -> str:
    decomposed = unicodedata.normalize("NFKD", run.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Decomposition can reveal letters the table handles (e.g. a compatibility form of ł).
    return stripped.translate(_LETTERS)


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
