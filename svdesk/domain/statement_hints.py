"""Quality hints shown beside the statement: never blocking, each saying why it matters and how
to fix it.

The word lists (who-words, change-words, vague claims, jargon with plainer words) are data in
resources/statement/hints.json, loaded by ``svdesk.store.statement_library.hint_words``. An entry
ending in "*" matches any word starting with it ("famil*" matches families).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from svdesk.domain.statement import FULL_MAX_WORDS, FULL_MIN_WORDS, SHORT_MAX_WORDS
from svdesk.domain.words import count_words


@dataclass(frozen=True)
class Hint:
    key: str
    title: str
    why: str
    fix: str
    # The words or phrases that prompted the hint, as found in the text.
    found: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return f"{self.title}. {self.why} {self.fix}"


def _pattern(entries) -> re.Pattern | None:
    parts = []
    for entry in entries:
        entry = entry.strip().lower()
        if not entry:
            continue
        if entry.endswith("*"):
            parts.append(re.escape(entry[:-1]) + r"[\w'-]*")
        else:
            parts.append(re.escape(entry))
    if not parts:
        return None
    # Longest first so "service users" wins over "users"; (?<!\w) instead of \b so entries may
    # start or end with punctuation.
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class HintWords:
    people: tuple[str, ...] = ()
    change: tuple[str, ...] = ()
    vague: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    # word or phrase -> plainer words
    jargon: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @cached_property
    def people_re(self):
        return _pattern(self.people)

    @cached_property
    def change_re(self):
        return _pattern(self.change)

    @cached_property
    def vague_re(self):
        return _pattern(self.vague)

    @cached_property
    def evidence_re(self):
        return _pattern(self.evidence)

    @cached_property
    def jargon_re(self):
        return _pattern(self.jargon)

    def plainer(self, found: str) -> str:
        lowered = found.lower()
        if lowered in self.jargon:
            return self.jargon[lowered]
        for entry, plain in self.jargon.items():
            if entry.endswith("*") and lowered.startswith(entry[:-1].lower()):
                return plain
        return ""


def _normal(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _found(pattern: re.Pattern | None, text: str) -> list[str]:
    if pattern is None:
        return []
    seen, result = set(), []
    for match in pattern.finditer(text):
        value = match.group(0)
        if value.lower() not in seen:
            seen.add(value.lower())
            result.append(value)
    return result


def _quoted(items) -> str:
    items = [f"“{item}”" for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# Ages ("aged 16 to 24", "over 60") are numbers that describe who, not something to check.
_AGES = re.compile(r"\b(?:aged?|ages|over|under|from)\s+\d+(?:\s*(?:to|-|–|and)\s*\d+)?(?:\s*\+)?", re.IGNORECASE)


def has_evidence(text: str, words: HintWords) -> bool:
    """A number (a count, a share) or a word about checking: something a reader could check."""
    return bool(re.search(r"\d", _AGES.sub("", text))) or bool(_found(words.evidence_re, text))


def statement_hints(full_text: str, short_text: str, words: HintWords) -> list[Hint]:
    """Hints for the full statement and its one-sentence version, most important first."""
    full = _normal(full_text or "")
    short = _normal(short_text or "")
    hints: list[Hint] = []
    full_words = count_words(full)
    if full_words:
        if not _found(words.people_re, full):
            hints.append(Hint(
                "no-who", "No “who” named",
                "Buyers and the CIC Regulator look first for who benefits; without it the statement reads "
                "as a list of activities.",
                "Name the people you work with — for example “young people aged 16–24 in Digbeth” or "
                "“older people living alone in Hove”.",
            ))
        if not _found(words.change_re, full):
            hints.append(Hint(
                "no-change", "Only activities, no change",
                "What you do is the means; social value is what is different for people afterwards, and "
                "that is what evaluators score.",
                "Add what changes for them — for example “As a result, they gain a qualification and the "
                "confidence to apply for work.”",
            ))
        vague = _found(words.vague_re, full)
        evidence = has_evidence(full, words)
        if vague and not evidence:
            hints.append(Hint(
                "vague", "A claim nobody could check",
                f"{_quoted(vague)} could be said by anyone, and nothing in the statement shows how you "
                "would know it is true, so a reader cannot believe it or score it.",
                "Say exactly who and what changes, and add how you know: something you count, record "
                "or ask — for example “we record where trainees are six months after leaving”.",
                tuple(vague),
            ))
        elif not evidence and full_words >= 25:
            hints.append(Hint(
                "no-evidence", "Nothing says how you know",
                "One sentence on what you count, record or ask makes every other claim believable.",
                "Add, for example, “We know this because we ask people before and after, and count how "
                "many move into work.”",
            ))
        jargon = _found(words.jargon_re, full + "\n" + short)
        if jargon:
            swaps = [f"{item} → {words.plainer(item)}" if words.plainer(item) else item for item in jargon]
            hints.append(Hint(
                "jargon", "Words a resident would not use",
                f"{_quoted(jargon)} {'is' if len(jargon) == 1 else 'are'} sector language; the people you "
                "work with, volunteers and many buyers read plain words faster and remember them.",
                "Try: " + "; ".join(swaps) + ".",
                tuple(jargon),
            ))
        if full_words < FULL_MIN_WORDS:
            hints.append(Hint(
                "too-short", f"Quite short ({full_words} words)",
                f"Under {FULL_MIN_WORDS} words there is rarely room for who, what changes and how you know.",
                f"Aim for {FULL_MIN_WORDS}–{FULL_MAX_WORDS} words: answer the questions you have left empty.",
            ))
        elif full_words > FULL_MAX_WORDS:
            hints.append(Hint(
                "too-long", f"Quite long ({full_words} words)",
                "A statement people actually reuse fits on a postcard; long ones get cut by whoever copies "
                "them, often badly.",
                f"Aim for {FULL_MIN_WORDS}–{FULL_MAX_WORDS} words: one sentence per question, and keep "
                "details for stories and indicators.",
            ))
    short_words = count_words(short)
    if short_words > SHORT_MAX_WORDS:
        hints.append(Hint(
            "short-too-long", f"One-sentence version too long ({short_words} words)",
            f"Forms and e-mail footers have room for about {SHORT_MAX_WORDS} words, and the statement can "
            "only be agreed once it fits.",
            "Keep one idea: who you work with and what changes for them.",
        ))
    elif full_words and not short_words:
        hints.append(Hint(
            "no-short", "No one-sentence version yet",
            "Forms, bios and e-mail footers need a single sentence, and the statement is agreed with one.",
            "Write one, or choose “Redraft from answers” to have one drafted.",
        ))
    return hints
