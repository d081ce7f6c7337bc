"""Drafting a statement from the answers, with fixed templates (no network, no AI service).

Each question shows the words its answer will follow ("We work with …", "As a result, they …"),
so people naturally write fragments that read well in the draft. People write whole sentences
too, lists on separate lines, or nothing at all; every one of those gives readable text:

- a leading stem the person typed themselves ("We work with …") is not repeated;
- an answer that starts with its own subject ("They …", "Our workshop …") is used as a sentence;
- further sentences of an answer follow the templated first one as they are;
- lines of a list become "a, b and c".

The same answers always give the same draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svdesk.domain.statement import SHORT_MAX_WORDS, Answers
from svdesk.domain.words import count_words, first_words

_PRONOUNS = {"we", "i", "they", "he", "she", "it", "you", "there"}
# Words that start a clause with its own subject ("our workshop trains …", "most trainees …").
_DETERMINERS = {
    "our", "their", "my", "his", "her", "its", "the", "a", "an", "this", "that", "these", "those",
    "every", "each", "all", "most", "many", "some", "several", "both", "few", "no", "one", "two",
    "three", "four", "five", "half", "nearly", "almost", "over", "around", "about", "everyone",
    "anyone", "nobody", "people",
}
# Common words that may start a noun phrase and are not names ("Young people" -> "young people").
_COMMON_STARTS = _PRONOUNS | _DETERMINERS | {
    "young", "older", "old", "elderly", "local", "families", "family", "children", "child", "adults",
    "adult", "women", "men", "girls", "boys", "residents", "parents", "carers", "teenagers",
    "students", "pupils", "learners", "households", "tenants", "neighbours", "disabled",
    "unemployed", "isolated", "lonely", "vulnerable", "low", "small", "new", "refugees", "asylum",
    "veterans", "patients", "communities", "community", "schools", "businesses", "organisations",
    "groups", "volunteers", "members", "customers", "visitors", "artists", "makers", "musicians",
    "retired", "homeless", "single", "lone", "working", "under", "more", "fewer", "less", "better",
    "higher", "lower", "stronger", "greater", "poor", "poverty", "debt", "loneliness", "isolation",
    "little", "no", "limited", "high", "long", "short", "mental", "physical", "health", "money",
    "lack", "rising", "barriers", "people's", "trainees", "clients", "participants", "anyone",
    "others", "whole", "entire", "other", "any", "those", "them", "us", "everybody", "in", "by",
    "with", "for", "as", "and", "at", "from", "through", "to", "much", "such", "care", "kids",
    "teens", "babies", "mums", "dads", "survivors", "migrants", "ex-offenders", "prisoners",
}
_ABBREVIATIONS = {"e.g", "i.e", "etc", "st", "dr", "mr", "mrs", "ms", "no", "approx", "incl", "vs"}
_STEMS = {
    "who": ("we work with", "i work with", "we work alongside", "working with", "work with", "with"),
    "challenges": ("many of them face", "many of them are facing", "they often face", "they face",
                   "many face", "facing", "face"),
    "activities": ("we", "i"),
    "change_soon": ("as a result, they", "as a result they", "as a result,", "as a result", "they"),
    "change_long": ("in the longer run,", "in the longer run", "in the long run,", "in the long run",
                    "in the long term,", "in the long term", "longer term,", "long term,"),
    "place": (),
    "evidence": ("we know this because we", "we know because we", "we know this because",
                 "we know because", "because we", "because", "we", "i"),
}
_PLACE_PREPOSITIONS = {"in", "across", "around", "throughout", "within", "near", "at", "on", "from", "all"}
_BULLET = re.compile(r"^\s*(?:[-•*·–—▪►]+|\(?\d{1,2}[.)])\s+")
_ENDS = ".!?…"
_TRAILING = ".,;:–—- \t"
_STOP_AT_END = {
    "a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "from", "so",
    "that", "who", "which", "as", "their", "our", "its", "but", "into", "than", "through", "they",
    "we", "is", "are", "be",
}


@dataclass(frozen=True)
class Draft:
    full_text: str
    short_text: str
    # Set when the one-sentence version had to be cut to fit SHORT_MAX_WORDS.
    short_trimmed: bool = False
    short_words_before: int = 0

    @property
    def notes(self) -> list[str]:
        if not self.short_trimmed:
            return []
        return [f"The one-sentence version came to {self.short_words_before} words, so it was shortened "
                f"to {SHORT_MAX_WORDS} or fewer, cutting only whole words. Read it through and adjust it."]


# -- cleaning answers --------------------------------------------------------------------------------
def clean_answer(text: str) -> str:
    """One line of text: bullets and list lines joined, spaces tidied, control characters gone."""
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in (text or ""))
    lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    if not lines:
        return ""
    if len(lines) > 1 and not any(line.rstrip(" )\"”’")[-1:] in _ENDS for line in lines):
        items = [lines[0].rstrip(_TRAILING)] + [_lower_first(line.rstrip(_TRAILING), _COMMON_STARTS) for line in lines[1:]]
        items = [item for item in items if item]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return " ".join(lines)


def split_sentences(text: str) -> list[str]:
    found, start = [], 0
    for match in re.finditer(r"[.!?…]+[\"”’)]*\s+", text):
        after = text[match.end():match.end() + 1]
        before = text[start:match.start()].split()
        last_word = before[-1].lower().rstrip(".") if before else ""
        if after and (after.isupper() or after.isdigit() or after in "\"“‘(") and last_word not in _ABBREVIATIONS:
            found.append(text[start:match.end()].strip())
            start = match.end()
    tail = text[start:].strip()
    if tail:
        found.append(tail)
    return found


def _first_word(text: str) -> str:
    match = re.match(r"[\"“‘(]*([^\W\d_][\w'’-]*|\d[\d,.]*)", text)
    return match.group(1).lower().replace("’", "'") if match else ""


def _lower_first(text: str, allowed: set[str] | None) -> str:
    """Lower-cases the first letter when the first word is an ordinary word, not a name.

    With ``allowed``, only listed words are lowered; without, any capitalised word that is not an
    acronym (where a verb is expected, names are rare).
    """
    match = re.match(r"^([\"“‘(]*)([^\W\d_][\w'’-]*)", text)
    if not match:
        return text
    word = match.group(2)
    if len(word) > 1 and word.isupper():
        return text  # NEET, NHS, UK ...
    if word == "I" or not word[0].isupper():
        return text
    if allowed is not None and word.lower().replace("’", "'") not in allowed:
        return text
    start = match.start(2)
    return text[:start] + word[0].lower() + text[start + 1:]


def _strip_stem(text: str, key: str) -> str:
    lowered = text.lower()
    for stem in _STEMS[key]:
        if lowered.startswith(stem) and (len(text) == len(stem) or not text[len(stem)].isalnum()):
            rest = text[len(stem):].lstrip(" ,:…-–—")
            return rest
    return text


def _sentence(text: str) -> str:
    """Capital first letter and a full stop at the end (unless it already ends a sentence)."""
    text = text.strip().rstrip(",;:–— ")
    if not text:
        return ""
    for index, ch in enumerate(text):
        if ch.isalpha():
            text = text[:index] + ch.upper() + text[index + 1:]
            break
        if ch.isdigit():
            break
    if text.rstrip("\"”’)")[-1:] not in _ENDS:
        text += "."
    return text


@dataclass(frozen=True)
class _Part:
    fragment: str = ""        # fits after the question's stem; "" when the answer has none
    own_sentence: str = ""    # the first sentence as written, when it has its own subject
    rest: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.fragment or self.own_sentence or self.rest)


def _part(answer: str, key: str, verb_expected: bool) -> _Part:
    text = clean_answer(answer)
    if not text:
        return _Part()
    sentences = split_sentences(text)
    first, rest = sentences[0], tuple(_sentence(sentence) for sentence in sentences[1:])
    first = _strip_stem(first, key).rstrip(_TRAILING).strip()
    if not first:
        return _Part(rest=rest)
    word = _first_word(first)
    if key in ("who", "challenges", "activities", "change_soon", "evidence") and (
        word in _PRONOUNS or (verb_expected and word in _DETERMINERS)
    ):
        return _Part(own_sentence=_sentence(first), rest=rest)
    if key == "place":
        return _Part(fragment=first, rest=rest)
    allowed = None if verb_expected else _COMMON_STARTS
    return _Part(fragment=_lower_first(first, allowed), rest=rest)


def _parts(answers: Answers) -> dict[str, _Part]:
    verb_expected = {"activities", "change_soon", "evidence"}
    return {key: _part(answers.get(key), key, key in verb_expected) for key in answers.as_dict()}


def _place_phrase(place: str) -> str:
    if not place:
        return ""
    return f" {place}" if _first_word(place) in _PLACE_PREPOSITIONS else f" in {place}"


# -- the full statement ------------------------------------------------------------------------------
def compose_full(answers: Answers, organisation_name: str = "", voice: str = "we") -> str:
    """The full statement, one paragraph, from whatever has been answered ("" when nothing has)."""
    parts = _parts(answers)
    we, We = ("I", "I") if voice == "i" else ("we", "We")
    name = " ".join(organisation_name.split())
    sentences: list[str] = []

    def add(part: _Part, template: str | None, own_template: str | None = None) -> None:
        if part.fragment and template:
            sentences.append(_sentence(template.format(part.fragment)))
        elif part.own_sentence:
            text = part.own_sentence
            if own_template:
                text = _sentence(own_template.format(_lower_first(text, _COMMON_STARTS).rstrip(".")))
            sentences.append(text)
        sentences.extend(part.rest)

    who, place = parts["who"], parts["place"]
    where = _place_phrase(place.fragment)
    opener = f"{name} works" if name else f"{We} work"
    if who.fragment:
        # The place goes first: after "who …" clauses it would seem to belong to them.
        sentences.append(_sentence(f"{opener}{where} with {who.fragment}"))
        sentences.extend(who.rest)
    else:
        add(who, None)
        if where:
            sentences.append(_sentence(f"{name} works{where}" if name else f"{We} work{where}"))
    sentences.extend(place.rest)
    add(parts["challenges"], "Many of them face {}")
    add(parts["activities"], f"{We} {{}}")
    add(parts["change_soon"], "As a result, they {}", "As a result, {}")
    add(parts["change_long"], "In the longer run, {}")
    add(parts["evidence"], f"{We} know this because {we} {{}}", f"{We} know this because {{}}")
    return " ".join(sentence for sentence in sentences if sentence)


# -- the one-sentence version ------------------------------------------------------------------------
def _short_sentence(fragments: dict[str, str], name: str, we: str, with_place: bool) -> str:
    who, soon, long = fragments["who"], fragments["change_soon"], fragments["change_long"]
    activities, place = fragments["activities"], fragments["place"]
    where = _place_phrase(place) if with_place else ""
    subject = (f"{name} works" if name else f"{'I' if we == 'I' else 'We'} work") + f"{where} with"
    if who and soon:
        return _sentence(f"{subject} {who} so that they {soon}")
    if who and long:
        return _sentence(f"{subject} {who} so that, in the longer run, {long}")
    if who and activities:
        return _sentence(f"{subject} {who}: {we} {activities}")
    if who:
        return _sentence(f"{subject} {who}")
    lead = "I" if we == "I" else "We"
    if activities and soon:
        return _sentence(f"{lead} {activities}{where} so that people {soon}")
    if activities:
        return _sentence(f"{lead} {activities}{where}")
    if soon:
        return _sentence(f"{lead} work{where} so that people {soon}")
    if long:
        return _sentence(f"{lead} work{where} so that, in the longer run, {long}")
    if place:
        return _sentence(f"{name} works{where}" if name else f"{lead} work{where}")
    return ""


def _shorter(fragment: str) -> str | None:
    """The fragment cut at its first list break, or None when it cannot get shorter that way."""
    for match in re.finditer(r",\s|;\s|\s(?:and|or|but|while|which|because)\s|\s[–—-]\s|:\s", fragment):
        head = fragment[:match.start()].rstrip(_TRAILING)
        if count_words(head) >= 3:
            return head
    return None


def hard_trim(text: str, limit: int = SHORT_MAX_WORDS) -> str:
    """Cut to at most ``limit`` whole words, never ending on "and", "the", "of" …, with a full stop."""
    words = first_words(text, limit).split()
    while len(words) > 1 and words[-1].lower().strip(_TRAILING + "\"“”‘’()") in _STOP_AT_END:
        words.pop()
    return _sentence(" ".join(words).rstrip(_TRAILING + "(\"“‘"))


def compose_short(answers: Answers, organisation_name: str = "", voice: str = "we",
                  limit: int = SHORT_MAX_WORDS) -> tuple[str, bool, int]:
    """(text, trimmed, words before trimming). Cuts, in order: the place, list tails, then words."""
    parts = _parts(answers)
    fragments = {key: part.fragment for key, part in parts.items()}
    we = "I" if voice == "i" else "we"
    name = " ".join(organisation_name.split())
    text = _short_sentence(fragments, name, we, with_place=True)
    before = count_words(text)
    if before <= limit:
        return text, False, before
    text = _short_sentence(fragments, name, we, with_place=False)
    while count_words(text) > limit:
        # Shorten the longest fragment that can still be cut at a list break; "who" last, as
        # cutting it changes whom the sentence is about.
        order = sorted((key for key in fragments if fragments[key]),
                       key=lambda key: (key == "who", -count_words(fragments[key])))
        for key in order:
            shorter = _shorter(fragments[key])
            if shorter:
                fragments[key] = shorter
                break
        else:
            break
        text = _short_sentence(fragments, name, we, with_place=False)
    if count_words(text) > limit:
        text = hard_trim(text, limit)
    return text, True, before


def compose(answers: Answers, organisation_name: str = "", voice: str = "we") -> Draft:
    full = compose_full(answers, organisation_name, voice)
    short, trimmed, before = compose_short(answers, organisation_name, voice)
    return Draft(full, short, trimmed, before)
