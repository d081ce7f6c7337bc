"""Folding text for search: the quick fold (whole-text C operations) gives exactly what the
plain per-character definition gives, for every character, so indexes made before and after
agree."""

import sys
import unicodedata

import pytest

from svdesk.domain.textfold import _LETTERS, fold


def _reference(text):
    """The definition: case fold, letters with strokes, NFKD, drop combining marks, letters again."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LETTERS)


def _every_character():
    return [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]


@pytest.mark.slow  # all 1.1 million characters, 4 s; the fast representative: test_long_mixed_text_folds_as_defined
def test_every_character_folds_as_defined():
    chars = _every_character()
    for start in range(0, len(chars), 512):
        chunk = chars[start:start + 512]
        for text in ("".join(chunk), "a\u0301\u0142".join(chunk)):
            assert fold(text) == _reference(text), f"characters from U+{ord(chunk[0]):04X}"


def test_long_mixed_text_folds_as_defined():
    chars = _every_character()
    text = "".join(chars[(n * 7919) % len(chars)] for n in range(30_000)) + " Łukasz Zoë Siân ﬁx Straße Ø"
    assert fold(text) == _reference(text)
    assert fold("Łukasz Zoë Siân ﬁx Straße Øster") == "lukasz zoe sian fix strasse oster"
    assert fold("Plain ASCII, Kept.") == "plain ascii, kept."
    assert fold("") == "" and fold(None) == ""
