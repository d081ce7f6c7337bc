"""What a tender question states about itself: the word limit, the page limit ("2 sides of
A4"), the weighting and the evaluation criteria, quoted; and whether a sentence only states a
limit or weighting (such a sentence is not a part the evaluator scores)."""

from __future__ import annotations

import re
from dataclasses import dataclass

@dataclass(frozen=True)
class QuestionFacts:
    word_limit: int | None = None
    page_limit: str = ""        # "2 sides of A4": a note, never enforced as words
    weighting: float | None = None
    criteria: str = ""          # how it will be evaluated, quoted
    criteria_items: tuple[str, ...] = ()   # the same, one thing the buyer will score each


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


def _is_fact(text: str) -> bool:
    """A sentence that only states a limit or weighting ("Maximum 500 words.", "(max. 300 words)")."""
    stripped = _FACT_BITS.sub(" ", text)
    return not re.search(r"[^\W\d_]{3,}", stripped) or bool(_FACT_LINE.match(text))


_FACT_BITS = re.compile(r"\(?\s*(?:max(?:imum)?\.?|no more than|up to|limit(?:ed)? to|word limit|weighting|"
                        r"this question is worth|of the quality score|words?|sides?|pages?|of A4|per cent|[\d.,%:]+)\s*\)?",
                        re.IGNORECASE)


def page_count(page_limit: str) -> int | None:
    """The number of pages a page limit allows: '2 sides of A4' -> 2, '1 page' -> 1; None when
    there is no limit (a side of A4 is a page as the buyer's word processor counts it)."""
    match = re.match(r"\s*(\d{1,2})\s+(?:sides?|pages?)\b", page_limit or "", re.IGNORECASE)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None
