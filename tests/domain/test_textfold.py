"""Folding (svdesk.domain.textfold.fold) folds only the non-ASCII runs of a text: it must give
exactly what folding the whole text character by character gives, for any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.domain.textfold import _LETTERS, fold


def whole_text_fold(text: str) -> str:
    """The rule as first written: every character of the text decomposed and checked."""
    text = text.casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_LETTERS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_fold_is_the_whole_text_rule_for_any_text(text):
    assert fold(text) == whole_text_fold(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Łukasz", " ", "e\u0301", "\u0301", "ß", "ǅ", "ﬁ", "²", "“", "”", "A", "Ø",
                                 "İ", "K", "ﬀ", "Zoë", "🚲", "-", "ı", "\u0327", "c"]), max_size=30))
def test_fold_with_marks_after_ascii_letters_and_mixed_runs(pieces):
    text = "".join(pieces)
    assert fold(text) == whole_text_fold(text)


def test_fold_examples():
    assert fold("Łukasz Zoë Siân ﬁne ² STRASSE Straße") == "lukasz zoe sian fine 2 strasse strasse"
    assert fold("Cafe\u0301 “quoted”") == "cafe “quoted”"
    assert fold("") == "" and fold(None) == ""
