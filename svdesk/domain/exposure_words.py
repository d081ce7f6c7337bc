"""The words of names and of documents as the exposure check compares them
(``svdesk.domain.exposure``): folded with ``textfold.fold`` (case, accents and ł/ø-style letters
ignored), after removing invisible format and control characters. Names are split into words
once (cached); a document is folded letter by letter, so positions stay those of the text, and
split into its distinct words once, whatever the number of stories compared with it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from svdesk.domain.textfold import fold

_TOKEN = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[^\W_]")


@functools.lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    """One word of the document, folded ("Łukasz" -> "lukasz"). Cached: documents repeat words."""
    return "".join(_TOKEN.findall(fold(token)))


@functools.lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    """The folded words of a name. Cached: the matcher is rebuilt from the same names."""
    return tuple(_fold_token(token) for token in _TOKEN.findall(_visible(text)) if _fold_token(token))


def story_words(person_name: str, pseudonym: str) -> frozenset[str]:
    """Every word the check looks for of one story (its name and pseudonym, folded): what an
    index of the stories by name holds, so that only the stories a text could name are read."""
    return frozenset(name_words(person_name)) | frozenset(name_words(pseudonym))


@dataclass(frozen=True)
class PreparedText:
    """A text as the check reads it (``prepare``): visible, folded, and its distinct words."""

    text: str  # without invisible characters
    folded: str | None  # letter by letter (None: a letter folds into two, see ``_aligned_fold``)
    tokens: tuple  # (start, end, folded word) of each word, only when ``folded`` is None
    words: frozenset[str]  # every folded word ``ExposureMatcher.find`` looks at


def prepare(text: str) -> PreparedText:
    """Folds and splits a text once, for ``text_words`` and ``ExposureMatcher.find`` alike."""
    text = _visible(text)
    folded = _aligned_fold(text)
    if folded is None:
        tokens = tuple(_word_tokens(text))
        return PreparedText(text, None, tokens, frozenset(token[2] for token in tokens))
    return PreparedText(text, folded, (), frozenset(_TOKEN.findall(folded)))


def text_words(text: str) -> frozenset[str]:
    """Every folded word ``ExposureMatcher.find`` sees in ``text``: a story none of whose
    ``story_words`` is among them can neither be found in it nor change what is found."""
    return prepare(text).words


def _word_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), _fold_token(match.group())) for match in _TOKEN.finditer(text)]


def _visible(text: str) -> str:
    """NFC text without invisible format and control characters (a zero-width space inside a
    name must not hide it; renderers drop control characters too)."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))


# Unicode's format characters (category Cf) and the control characters other than tab and
# line breaks: a regular expression removes them at C speed.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if folded else "\x00"  # a lone accent: not part of a word, as in the text


# ASCII stretches and the others: most text is ASCII and is lowered at C speed; only the letters
# beyond ASCII are looked up one by one.
_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _aligned_fold(text: str) -> str | None:
    """``text`` folded letter by letter, so every position is the same as in ``text``; None when
    a letter folds into more than one (ß, æ, ligatures) and positions would shift."""
    if text.isascii():
        return text.lower()  # for ASCII, exactly A-Z -> a-z
    runs = _RUNS.findall(text)
    table = {}
    for ch in set("".join(run for run in runs if run[0] >= "\x80")):
        folded = _fold_char(ch)
        if len(folded) != 1:
            if _LETTER.search(ch) or _LETTER.search(folded):
                return None
            # Punctuation that folds into more punctuation ("…" -> "..."): still no part of a
            # word, and joins no name (joins are read in the text itself).
            folded = "\x00"
        table[ord(ch)] = folded
    return "".join(run.lower() if run[0] < "\x80" else run.translate(table) for run in runs)
