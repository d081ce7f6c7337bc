"""The kinds of thing a tender question asks for, kept as data (resources/tender/
question_kinds.json) and passed in, and the matching of a part's words against them: the kind
whose trigger phrases a part matches best.

Matching is whole words (a trailing * any ending). A 1,000-word question is 20 or more parts
against some 260 phrases, so the phrases are indexed by their first word once per vocabulary:
a part's text is split into words once, and only the phrases whose first word is among them
are tried as patterns (before, every phrase was tried on every part: most of the time of
reading a long question).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

@dataclass(frozen=True)
class QuestionKind:
    key: str
    label: str
    triggers: tuple[str, ...] = ()
    weight: float = 1.0               # scales every phrase of the kind
    generic: tuple[str, ...] = ()     # phrases that count for little ("how you will")


@dataclass(frozen=True)
class Vocabulary:
    kinds: tuple[QuestionKind, ...]
    fallback: str = "method"

    def label(self, key: str) -> str:
        return next((kind.label for kind in self.kinds if kind.key == key), key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(kind.key for kind in self.kinds)

    def __hash__(self) -> int:
        # Worked out once: the vocabulary keys the caches below, asked for on every part.
        return self._hash

    @functools.cached_property
    def _hash(self) -> int:
        return hash((self.kinds, self.fallback))


def vocabulary_from_dict(data: dict) -> Vocabulary:
    kinds = tuple(QuestionKind(str(item["key"]), str(item.get("label", item["key"])),
                               tuple(str(t).lower() for t in item.get("triggers", ())),
                               float(item.get("weight", 1.0)),
                               tuple(str(t).lower() for t in item.get("generic", ())))
                  for item in data.get("kinds", ()))
    return Vocabulary(kinds, str(data.get("fallback", kinds[0].key if kinds else "method")))


# -- kinds -------------------------------------------------------------------------------------------
def _trigger_pattern(trigger: str, flags: int = re.IGNORECASE) -> re.Pattern:
    stem = trigger.rstrip("*")
    body = re.escape(stem).replace(r"\ ", r"\s+")
    tail = r"\w*" if trigger.endswith("*") else r"(?!\w)"
    head = r"(?<!\w)" if stem[:1].isalnum() else ""
    return re.compile(head + body + tail, flags)


_PATTERNS: dict[str, re.Pattern] = {}


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _found_in(stem: str, whole_end: bool, spaced: str) -> bool:
    """What a phrase's pattern finds, looked for as plain text in ``spaced`` (the text in lower
    case, its spaces made single; ``stem`` likewise): a string search is many times faster than
    a pattern that starts with a look-behind, which the pattern engine cannot scan for."""
    whole_start = stem[:1].isalnum()
    start = spaced.find(stem)
    while start >= 0:
        end = start + len(stem)
        if (not whole_start or start == 0 or not _is_word_char(spaced[start - 1])) and \
                (not whole_end or end == len(spaced) or not _is_word_char(spaced[end])):
            return True
        start = spaced.find(stem, start + 1)
    return False


_FIRST_WORDS: dict[str, str] = {}


def matches_phrase(trigger: str, text: str) -> bool:
    """Whether a trigger phrase of the vocabulary (whole words; a trailing * any ending) is in the text."""
    # A plain substring test first: most phrases are not in most texts, and it is far cheaper
    # than the whole-word pattern.
    return _match(trigger, text, text.lower())


def _match(trigger: str, text: str, lowered: str) -> bool:
    first = _FIRST_WORDS.get(trigger)
    if first is None:
        first = _FIRST_WORDS[trigger] = (trigger.rstrip("*").split() or [trigger])[0].lower()
    if first not in lowered:
        return False
    pattern = _PATTERNS.get(trigger)
    if pattern is None:
        pattern = _PATTERNS[trigger] = _trigger_pattern(trigger)
    return pattern.search(text) is not None


GENERIC = 0.15


def _phrase_weight(trigger: str) -> float:
    words = len(trigger.rstrip("*").split())
    return 1 + words * 0.75 + (0.25 if words > 1 else 0)


@dataclass(frozen=True)
class _PhraseIndex:
    words: dict          # a one-word phrase -> the phrases that are that word (found by the word alone)
    stems: dict          # one-word phrases ending in *, by their first three letters: (stem, phrase)
    firsts: dict         # a longer phrase's first word -> (phrase, its words, whole word at its end)
    always: tuple        # the same for phrases not starting with a letter or digit: tried on every text


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=8)
def _index(vocabulary: Vocabulary) -> _PhraseIndex:
    words: dict[str, list[str]] = {}
    stems: dict[str, list[tuple[str, str]]] = {}
    firsts: dict[str, list[tuple[str, str, bool]]] = {}
    always: list[tuple[str, str, bool]] = []
    for kind in vocabulary.kinds:
        for trigger in (*kind.triggers, *kind.generic):
            stem = trigger.rstrip("*")
            star = trigger.endswith("*")
            found = _WORD.findall(stem.lower())
            one_word = len(found) == 1 and stem.lower() == found[0]
            tried = (trigger, " ".join(stem.lower().split()), not star)
            if not found or not stem[:1].isalnum() or (one_word and star and len(stem) < 3):
                always.append(tried)
            elif one_word and star:
                stems.setdefault(found[0][:3], []).append((found[0], trigger))
            elif one_word:
                words.setdefault(found[0], []).append(trigger)
            else:
                # Whole words: a match of the phrase holds its first word as a word of the text.
                firsts.setdefault(found[0], []).append(tried)
    return _PhraseIndex(words, stems, firsts, tuple(always))


def _matched(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The phrases of the vocabulary found in the text. A one-word phrase is found by the words
    of the text alone; a longer one is tried as a pattern only when its first word is there."""
    index = _index(vocabulary)
    found: list[str] = []
    tries = list(index.always)
    lowered = text.lower()
    for word in set(_WORD.findall(lowered)):
        found += index.words.get(word, ())
        tries += index.firsts.get(word, ())
        found += [trigger for stem, trigger in index.stems.get(word[:3], ()) if word.startswith(stem)]
    if tries:
        spaced = " ".join(lowered.split())
        found += [trigger for trigger, stem, whole_end in tries if _found_in(stem, whole_end, spaced)]
    return frozenset(found)


@functools.lru_cache(maxsize=256)
def _scores(text: str, vocabulary: Vocabulary) -> tuple:
    matched = _matched(text, vocabulary)
    found = []
    for kind in vocabulary.kinds:
        # Summed in the vocabulary's order, so equal scores stay equal (ties go to the first kind).
        score = kind.weight * (sum(_phrase_weight(t) for t in kind.triggers if t in matched)
                               + GENERIC * sum(_phrase_weight(t) for t in kind.generic if t in matched))
        if score > 0:
            found.append((kind.key, score))
    return tuple(found)


@functools.lru_cache(maxsize=512)
def kinds_mentioned(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The kinds whose own phrases (not the generic ones) are in the text."""
    matched = _matched(text, vocabulary)
    return frozenset(kind.key for kind in vocabulary.kinds if any(t in matched for t in kind.triggers))


def scores(text: str, vocabulary: Vocabulary) -> dict[str, float]:
    return dict(_scores(text, vocabulary))


def classify(text: str, vocabulary: Vocabulary, context: str = "") -> str:
    """The kind whose trigger phrases the text matches best (longer phrases weigh more: "over and
    above" beats "above"); ties go to the kind listed first."""
    found = scores(text, vocabulary)
    if not found:
        return vocabulary.fallback
    best = max(found.values())
    return next(kind.key for kind in vocabulary.kinds if found.get(kind.key) == best)


def also_asked(text: str, kind: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Other kinds a part asks for nearly as strongly as its own (at most two), by their own
    phrases rather than generic ones: "how you will deliver them, including timescales"."""
    found = scores(text, vocabulary)
    best = found.get(kind, 0.0)
    others = sorted(((score, key) for key, score in found.items() if key != kind and score >= 0.6 * best and score >= 1.5),
                    reverse=True)
    return tuple(key for _score, key in others[:2])


def clear_caches() -> None:
    """Forgets the texts already matched (a benchmark reads every question afresh)."""
    _scores.cache_clear()
    kinds_mentioned.cache_clear()
