"""The phrase index finds exactly what the vocabulary's whole-word patterns find: every phrase,
in any case, across line breaks and punctuation, and a trailing * with any ending."""

from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.compose.question_kinds import vocabulary
from svdesk.domain.question_vocabulary import (
    QuestionKind, Vocabulary, _matched, clear_caches, kinds_mentioned, matches_phrase, scores,
)

VOCAB = vocabulary()
PHRASES = sorted({t for kind in VOCAB.kinds for t in (*kind.triggers, *kind.generic)})
# Words of the phrases, cut and stretched ("monitor" -> "monitoring", "moni"), with the marks
# that sit between words in a pasted question.
PIECES = st.one_of(
    st.sampled_from([w for p in PHRASES for w in p.rstrip("*").split()]),
    st.sampled_from([w for p in PHRASES for w in p.rstrip("*").split()]).map(lambda w: w + "ing"),
    st.sampled_from([w for p in PHRASES for w in p.rstrip("*").split()]).map(lambda w: w[:-1]),
    st.sampled_from(PHRASES).map(lambda p: p.rstrip("*")),
    st.sampled_from(["(a)", "•", "-", "—", "'", "_", "£5", "co-design", "x", "ŵ", "ÉTAT", "😀"]),
    st.text(max_size=4),
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\t", ", ", "; ", "-", "/", "", " (", ") "])


def reference(text: str, vocab: Vocabulary) -> frozenset:
    return frozenset(t for kind in vocab.kinds for t in (*kind.triggers, *kind.generic) if matches_phrase(t, text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PIECES, SEPARATORS, st.booleans()), max_size=25))
def test_the_index_finds_what_the_patterns_find(pieces):
    text = "".join((word.upper() if upper else word) + sep for word, sep, upper in pieces)
    assert _matched(text, VOCAB) == reference(text, VOCAB)


def test_every_phrase_alone_and_in_a_sentence():
    for phrase in PHRASES:
        stem = phrase.rstrip("*")
        for text in (stem, f"Please {stem.upper()}, here.", f"x{stem}", f"{stem}ed and more", f"(\n{stem}\n)"):
            assert _matched(text, VOCAB) == reference(text, VOCAB), (phrase, text)


def test_short_stems_and_phrases_not_starting_with_a_letter():
    vocab = Vocabulary((QuestionKind("k", "K", ("co*", "£ value", "a", "ok*", "x y*")),))
    for text, expected in (("cooperate", {"co*"}), ("a co", {"co*", "a"}), ("£ Value here", {"£ value"}),
                           ("okay X yes", {"ok*", "x y*"}), ("taco", set())):
        assert _matched(text, vocab) == frozenset(expected) == reference(text, vocab), text


def test_scores_and_mentions_come_from_the_same_matches():
    clear_caches()
    text = "How many apprenticeships will you create, and how will you monitor and report them?"
    found = scores(text, VOCAB)
    assert {"employment", "monitoring"} <= set(found)
    assert {"employment", "monitoring"} <= kinds_mentioned(text, VOCAB)
