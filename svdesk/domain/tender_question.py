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

import functools
import re
from dataclasses import dataclass, field, replace

MAX_CHARS = 50_000     # the longest question a tender keeps
MAX_PARTS = 40         # beyond this, a pasted document is not one question
HEADING_WORDS = 9      # a part's heading: the buyer's words, shortened to this many


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


def vocabulary_from_dict(data: dict) -> Vocabulary:
    kinds = tuple(QuestionKind(str(item["key"]), str(item.get("label", item["key"])),
                               tuple(str(t).lower() for t in item.get("triggers", ())),
                               float(item.get("weight", 1.0)),
                               tuple(str(t).lower() for t in item.get("generic", ())))
                  for item in data.get("kinds", ()))
    return Vocabulary(kinds, str(data.get("fallback", kinds[0].key if kinds else "method")))


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
class QuestionFacts:
    word_limit: int | None = None
    page_limit: str = ""        # "2 sides of A4": a note, never enforced as words
    weighting: float | None = None
    criteria: str = ""          # how it will be evaluated, quoted


@dataclass(frozen=True)
class ParsedQuestion:
    facts: QuestionFacts = field(default_factory=QuestionFacts)
    parts: tuple[QuestionPart, ...] = ()

    def kinds(self) -> set[str]:
        return {part.kind for part in self.parts}


# -- the facts --------------------------------------------------------------------------------------
_NUM = r"(\d{1,3}(?:,\d{3})+|\d{1,6})"
_WORD_LIMITS = (
    re.compile(r"(?:maximum|max\.?|no more than|not (?:to )?exceed(?:ing)?|up to|limit(?:ed)? to|within|at most|"
               r"word limit(?: of)?|word count(?: of)?|limit of)\s*(?:of\s*)?(?:is\s*)?:?\s*" + _NUM + r"\s*words?\b",
               re.IGNORECASE),
    re.compile(_NUM + r"\s*[- ]?\s*words?\s*(?:limit|maximum|max\b|max\.)", re.IGNORECASE),
    re.compile(r"word (?:limit|count)\s*(?:of|:|is|-)?\s*" + _NUM, re.IGNORECASE),
    re.compile(r"\(\s*(?:max\.?|maximum)?\s*" + _NUM + r"\s*words?\s*\)", re.IGNORECASE),
    re.compile(r"\blimit\s*:?\s*" + _NUM + r"\s*words?\b", re.IGNORECASE),
    re.compile(r"(?:^|[.?!]\s+)" + _NUM + r"\s*words?\s*\.?\s*$", re.IGNORECASE | re.MULTILINE),
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10}
_PAGE_LIMIT = re.compile(r"(?:maximum(?: of)?|max\.?|no more than|not (?:to )?exceed|up to|limit(?:ed)? to|at most)?\s*"
                         r"\b(\d{1,2}|one|two|three|four|five|six|eight|ten)\s+(?:x\s+)?(sides?|pages?)\b(\s+of\s+A4)?",
                         re.IGNORECASE)
_WEIGHTING = (
    re.compile(r"(?:weight(?:ing|ed)?|worth|accounts? for)\D{0,40}?(\d{1,2}(?:\.\d+)?)\s*%", re.IGNORECASE),
    re.compile(r"(\d{1,2}(?:\.\d+)?)\s*%\s*(?:of\s+(?:the\s+)?(?:total|overall|quality|technical|evaluation)|weight)",
               re.IGNORECASE),
    re.compile(r"social value\s*\(\s*(\d{1,2}(?:\.\d+)?)\s*%\s*\)", re.IGNORECASE),
    re.compile(r"^[^\n]{0,80}\(\s*(\d{1,2}(?:\.\d+)?)\s*%\s*\)\s*$", re.MULTILINE),
)
_CRITERIA = re.compile(r"^\s*(?:evaluation criteria|evaluation|scoring|how (?:this|your response) will be "
                       r"(?:evaluated|scored)|marking|scoring criteria|assessment criteria)\b", re.IGNORECASE)
_FACT_LINE = re.compile(r"^\s*[(\[]?\s*(?:maximum|max\.?|word limit|word count|weighting|up to|no more than|limit)"
                        r"\b[^.?!]*[)\]]?\s*\.?\s*$", re.IGNORECASE)


def _to_int(text: str) -> int | None:
    try:
        value = int(text.replace(",", ""))
    except ValueError:
        return None
    return value if 1 <= value <= 100_000 else None


def find_facts(text: str) -> QuestionFacts:
    word_limit = None
    for pattern in _WORD_LIMITS:
        match = pattern.search(text)
        if match:
            word_limit = _to_int(match.group(1))
            if word_limit:
                break
    page_limit = ""
    for match in _PAGE_LIMIT.finditer(text):
        number = match.group(1).lower()
        count = _NUMBER_WORDS.get(number) or _to_int(number)
        if count:
            noun = match.group(2).lower().rstrip("s")
            page_limit = f"{count} {noun}{'s' if count != 1 else ''}" + (" of A4" if match.group(3) else "")
            break
    weighting = None
    for pattern in _WEIGHTING:
        match = pattern.search(text)
        if match:
            value = float(match.group(1))
            if 0 < value <= 100:
                weighting = value
                break
    criteria = ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        if _CRITERIA.match(paragraph):
            criteria = " ".join(" ".join(paragraphs[index:index + 2]).split())[:2000]
            break
    return QuestionFacts(word_limit, page_limit, weighting, criteria)


# -- the parts --------------------------------------------------------------------------------------
_ROMAN = r"(?:i{1,3}|iv|vi{0,3}|ix|x)"
_MARKER = re.compile(
    r"^\s*(?P<marker>\(\s*(?:[a-z]|" + _ROMAN + r"|\d{1,2})\s*\)|(?:[a-z]|" + _ROMAN + r")[.)]|\d{1,2}[.)](?!\d)|"
    r"[•▪◦●‣∙·\-–*]|o(?=\s))\s+(?P<text>\S.*)$", re.IGNORECASE)
_INLINE_LETTERS = re.compile(r"(?:(?<=\s)|^)\(([a-z]|" + _ROMAN + r")\)\s+", re.IGNORECASE)
_LIMIT_IN_BRACKETS = re.compile(r"\((?:[^()\n]{0,30}?)\b(?:words?|sides?|pages?|%)[^()\n]{0,20}\)", re.IGNORECASE)
_ASK = ("describe", "explain", "provide", "set out", "state", "detail", "outline", "demonstrate", "confirm", "give",
        "tell us", "identify", "list", "include", "show", "specify", "evidence", "summarise", "indicate",
        "how will you", "how do you", "how would you", "how many", "what will you", "what", "how", "please")
_ASK_START = re.compile(r"^\W*(?:[^,.:;?!]{1,60}[,:]\s+)?(?:please\s+|you should\s+|bidders should\s+|tenderers should\s+|"
                        r"you must\s+|your (?:answer|response) (?:should|must)\s+)?(?:"
                        + "|".join(re.escape(a) for a in _ASK) + r")\b", re.IGNORECASE)
_ASK_JOIN = re.compile(r"(?:[,;]\s*|\s+)and\s+(?=(?:explain|describe|provide|set out|state|how\b|"
                       r"demonstrate|detail|outline|confirm|give|identify|specify|tell us|show)\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[\"“(]?[A-Z0-9])")


def _clean(text: str) -> str:
    text = (text or "")[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch if ch in "\n\t" or ord(ch) >= 32 else " " for ch in text)


def _is_fact(text: str) -> bool:
    """A sentence that only states a limit or weighting ("Maximum 500 words.", "(max. 300 words)")."""
    stripped = _FACT_BITS.sub(" ", text)
    return not re.search(r"[^\W\d_]{3,}", stripped) or bool(_FACT_LINE.match(text))


_FACT_BITS = re.compile(r"\(?\s*(?:max(?:imum)?\.?|no more than|up to|limit(?:ed)? to|word limit|weighting|"
                        r"this question is worth|of the quality score|words?|sides?|pages?|of A4|per cent|[\d.,%:]+)\s*\)?",
                        re.IGNORECASE)


def _is_lead_in(line: str) -> bool:
    return line.rstrip().endswith(":")


def _asks_in(paragraph: str) -> list[str]:
    """The separate asks in a paragraph of prose: sentences that ask for something (a question
    or an imperative), split again at "… and explain how …"."""
    found = []
    for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
        sentence = sentence.strip()
        if not sentence:
            continue
        if not (sentence.endswith("?") or _ASK_START.match(sentence)) or _is_fact(sentence):
            continue
        # "Describe …: what and how many; how you will deliver them; and your track record."
        # Each item of a list run together with semicolons is an ask of its own.
        listed = [re.sub(r"^(?:and|or)\s+", "", piece.strip(" ,")) for piece in sentence.split(";")]
        listed = [piece for piece in listed if len(piece.split()) >= 2] if len(listed) > 1 else [sentence]
        for item in listed or [sentence]:
            found += [piece.strip(" ,;") for piece in _ASK_JOIN.split(item) if piece.strip(" ,;")]
    return found


def _is_title(line: str) -> bool:
    """'Fighting climate change', 'Social Value (20%)': a short line that ends without punctuation."""
    text = line.strip()
    return len(text.split()) <= 10 and not text.endswith((".", "?", "!", ":", ";", ",")) and not _ASK_START.match(text)


def _continues(previous: str, line: str) -> bool:
    """A line under a list item wraps that item when the item has not ended, or the line starts
    in lower case; otherwise it is prose after the list ("Up to 2 sides of A4.")."""
    if _is_lead_in(line) or _FACT_LINE.match(line):
        return False
    first = line.lstrip()[:1]
    return first.islower() or (not previous.rstrip().endswith((".", "?", "!", ";", ":")) and not first.isupper())


def _items(text: str) -> list[tuple[str, str]]:
    """(marker, text) for every part, in order; prose asks have marker ""."""
    items: list[tuple[str, str]] = []
    paragraphs = re.split(r"\n\s*\n", text)
    for paragraph in paragraphs:
        lines = [line for line in paragraph.split("\n") if line.strip()]
        if not lines or _CRITERIA.match(lines[0]):
            continue
        marked = [_MARKER.match(line) for line in lines]
        if any(marked):
            prose: list[str] = []
            for line, match in zip(lines, marked):
                if match:
                    if prose:
                        items += [("", ask) for ask in _asks_in(" ".join(prose))]
                        prose = []
                    items.append((match.group("marker").strip(), match.group("text").strip()))
                elif items and items[-1][0] and _continues(items[-1][1], line):
                    marker, previous = items[-1]          # a wrapped line of the item above
                    items[-1] = (marker, f"{previous} {line.strip()}")
                elif not _is_lead_in(line) and not _FACT_LINE.match(line) and not _is_title(line):
                    prose.append(line)
            if prose:
                items += [("", ask) for ask in _asks_in(" ".join(prose))]
            continue
        lines = [line for line in lines if not _is_title(line)]
        joined = " ".join(" ".join(lines).split())
        if not joined or _FACT_LINE.match(joined):
            continue
        inline = list(_INLINE_LETTERS.finditer(joined))
        if len(inline) >= 2:
            lead = joined[: inline[0].start()]
            if lead.strip() and not _is_lead_in(lead):
                items += [("", ask) for ask in _asks_in(lead)]
            for index, match in enumerate(inline):
                end = inline[index + 1].start() if index + 1 < len(inline) else len(joined)
                body = joined[match.end():end].strip(" ;,")
                body = re.sub(r"[;,]?\s*(?:and|or)$", "", body).strip()
                if body:
                    items.append((f"({match.group(1)})", body))
            continue
        items += [("", ask) for ask in _asks_in(joined)]
    return [(marker, " ".join(body.split())) for marker, body in items
            if re.search(r"[^\W_]", body) and not _is_fact(body)]


# -- kinds -------------------------------------------------------------------------------------------
def _trigger_pattern(trigger: str) -> re.Pattern:
    stem = trigger.rstrip("*")
    body = re.escape(stem).replace(r"\ ", r"\s+")
    tail = r"\w*" if trigger.endswith("*") else r"(?!\w)"
    head = r"(?<!\w)" if stem[:1].isalnum() else ""
    return re.compile(head + body + tail, re.IGNORECASE)


_PATTERNS: dict[str, re.Pattern] = {}
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


@functools.lru_cache(maxsize=256)
def _scores(text: str, vocabulary: Vocabulary) -> tuple:
    lowered = text.lower()
    found = []
    for kind in vocabulary.kinds:
        score = kind.weight * (sum(_phrase_weight(t) for t in kind.triggers if _match(t, text, lowered))
                               + GENERIC * sum(_phrase_weight(t) for t in kind.generic if _match(t, text, lowered)))
        if score > 0:
            found.append((kind.key, score))
    return tuple(found)


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


def parse_question(text: str, vocabulary: Vocabulary) -> ParsedQuestion:
    cleaned = _clean(text)
    if not cleaned.strip():
        return ParsedQuestion()
    facts = find_facts(cleaned)
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
