"""A tender's social value question, understood: what it states (word limit, page limit,
weighting, evaluation criteria) and the parts an evaluator will score, each with a kind.

Parts are found, in the buyer's order, from lettered or numbered items ("(a)", "a)", "i.", "1."),
bullets, "Your response should include:" lists, and the separate asks inside a paragraph
("Describe …", "explain how …", "provide evidence of …", "state the number of …"). Kinds come from
a vocabulary kept as data (resources/tender/question_kinds.json) and passed in, so the list can
grow without code. Any text is accepted: a question with no recognisable parts has none (the
draft then uses the usual evaluator order), and nothing here raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# The pieces live in modules named after what they hold; their names are given here too, so a
# caller needs only this module.
from svdesk.domain.question_facts import QuestionFacts, find_facts, page_count
from svdesk.domain.question_items import _LIMIT_IN_BRACKETS, MAX_CHARS, _clean, _items, criteria_items
from svdesk.domain.question_vocabulary import (
    GENERIC, QuestionKind, Vocabulary, also_asked, classify, kinds_mentioned, matches_phrase, scores,
    vocabulary_from_dict,
)

__all__ = ["GENERIC", "MAX_CHARS", "MAX_PARTS", "ParsedQuestion", "QuestionFacts", "QuestionKind", "QuestionPart",
           "Vocabulary", "also_asked", "classify", "criteria_items", "find_facts", "kinds_mentioned", "matches_phrase", "merged",
           "page_count", "parse_question", "parts_from_json", "parts_to_json", "scores", "split",
           "vocabulary_from_dict", "with_kind"]

MAX_PARTS = 40         # beyond this, a pasted document is not one question
HEADING_WORDS = 9      # a part's heading: the buyer's words, shortened to this many


@dataclass(frozen=True)
class QuestionPart:
    marker: str          # the buyer's letter or number as written ("(a)", "2.", "•"), or "" for an ask in prose
    text: str            # the buyer's words for this part
    kind: str            # a key of the vocabulary
    also: tuple[str, ...] = ()   # other kinds the part asks for too ("including timescales")

    @property
    def letter(self) -> str:
        """'(a)' for "(a)", "a)" and "a."; '(2)' for "2."; '' for bullets and asks in prose."""
        core = self.marker.strip("().• ")
        return f"({core})" if core else ""

    def heading(self) -> str:
        """The buyer's own words, shortened sensibly, keeping their letter: '(b) How many
        apprenticeships you will create'."""
        words = _lead_in(self.text).split()
        # Cut at the buyer's own first break (":", ";", then ",") when it comes after a few words.
        for marks in ((":", ";"), (",",)):
            stop = next((i for i, w in enumerate(words[:HEADING_WORDS + 1]) if i >= 2 and w.endswith(marks)), None)
            if stop is not None:
                words = words[: stop + 1]
                break
        short = " ".join(words[:HEADING_WORDS])
        short = short.rstrip(" ,;:.?!—–-") if len(words) <= HEADING_WORDS else _cut_at_small_word(words)
        # Kept a heading: no closing bracket, quotation mark or other punctuation at its end.
        short = re.sub(r"\s*\([^()]*\)?$", "", short) if short.endswith(")") else short
        short = short.rstrip(" ,;:.?!—–-\"'”’)").strip()
        short = short[:1].upper() + short[1:]
        return f"{self.letter} {short}".strip() if short else (self.letter or "This part")


@dataclass(frozen=True)
class ParsedQuestion:
    facts: QuestionFacts = field(default_factory=QuestionFacts)
    parts: tuple[QuestionPart, ...] = ()

    def kinds(self) -> set[str]:
        return {part.kind for part in self.parts}


def parse_question(text: str, vocabulary: Vocabulary) -> ParsedQuestion:
    cleaned = _clean(text)
    if not cleaned.strip():
        return ParsedQuestion()
    facts = replace(find_facts(cleaned), criteria_items=criteria_items(cleaned))
    cleaned = _LIMIT_IN_BRACKETS.sub(" ", cleaned)
    parts = []
    lead = ""
    for marker, body in _items(cleaned)[:MAX_PARTS]:
        kind = classify(body[:1000], vocabulary, lead)
        parts.append(QuestionPart(marker, body[:1000], kind, also_asked(body[:1000], kind, vocabulary)))
    return ParsedQuestion(facts, tuple(parts))


# -- the person's corrections --------------------------------------------------------------------------
def with_kind(question: ParsedQuestion, index: int, kind: str) -> ParsedQuestion:
    parts = list(question.parts)
    parts[index] = replace(parts[index], kind=kind, also=tuple(k for k in parts[index].also if k != kind))
    return replace(question, parts=tuple(parts))


def merged(question: ParsedQuestion, index: int) -> ParsedQuestion:
    """Part ``index`` and the one after it as one part (the first one's letter and kind)."""
    parts = list(question.parts)
    if not 0 <= index < len(parts) - 1:
        return question
    first, second = parts[index], parts[index + 1]
    also = tuple(dict.fromkeys(k for k in (*first.also, second.kind, *second.also) if k != first.kind))
    parts[index: index + 2] = [replace(first, text=f"{first.text} {second.text}", also=also)]
    return replace(question, parts=tuple(parts))


def split(question: ParsedQuestion, index: int, at_word: int, vocabulary: Vocabulary) -> ParsedQuestion:
    """Part ``index`` as two parts, cut before its word ``at_word``; each gets its own kind."""
    parts = list(question.parts)
    if not 0 <= index < len(parts):
        return question
    words = parts[index].text.split()
    if not 0 < at_word < len(words):
        return question
    head, tail = " ".join(words[:at_word]), " ".join(words[at_word:])
    head_kind, tail_kind = classify(head, vocabulary), classify(tail, vocabulary)
    parts[index: index + 1] = [replace(parts[index], text=head, kind=head_kind,
                                       also=also_asked(head, head_kind, vocabulary)),
                               QuestionPart("", tail, tail_kind, also_asked(tail, tail_kind, vocabulary))]
    return replace(question, parts=tuple(parts))


# -- headings -------------------------------------------------------------------------------------------
_LEAD_INS = re.compile(r"^(?:please\s+|you should\s+|bidders should\s+|tenderers should\s+|you must\s+|"
                       r"your (?:response|answer) should\s+(?:include|cover|address|set out)\s*:?\s*)", re.IGNORECASE)
_SMALL = {"a", "an", "the", "of", "to", "for", "and", "or", "in", "on", "with", "by", "your", "our", "any", "that",
          "which", "how", "will", "you", "as", "at", "from", "this", "these", "be", "is", "are", "each", "per"}


def _lead_in(text: str) -> str:
    return _LEAD_INS.sub("", " ".join(text.split()))


def _cut_at_small_word(words: list[str]) -> str:
    cut = words[:HEADING_WORDS]
    while len(cut) > 3 and (cut[-1].lower().strip(",;:.") in _SMALL or cut[-1].endswith((",", ";", ":"))):
        cut.pop()
    return " ".join(cut).rstrip(" ,;:.?!—–-")


# -- the corrections, kept with the tender -------------------------------------------------------------
def parts_to_json(question_text: str, parts) -> str:
    import json

    return json.dumps({"question": question_text, "parts": [
        {"marker": p.marker, "text": p.text, "kind": p.kind, "also": list(p.also)} for p in parts]}, ensure_ascii=False)


def parts_from_json(stored: str, question_text: str, vocabulary: Vocabulary) -> tuple[QuestionPart, ...] | None:
    """The person's parts, when they were made for this very question text; None otherwise (the
    question changed, or the stored text is not what svdesk wrote), so the parts are found again."""
    import json

    if not stored:
        return None
    try:
        data = json.loads(stored)
        if data.get("question") != question_text:
            return None
        keys = set(vocabulary.keys)
        parts = []
        for item in data["parts"][:MAX_PARTS]:
            kind = str(item["kind"]) if str(item["kind"]) in keys else vocabulary.fallback
            parts.append(QuestionPart(str(item.get("marker", "")), str(item["text"])[:1000], kind,
                                      tuple(str(k) for k in item.get("also", ()) if k in keys and k != kind)))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return tuple(part for part in parts if part.text.strip())
