"""What a tender answer is made of before it is laid out: the sentences written from the records
(commitments, results, stories, why it matters here) and the cuts the word limit may call for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CommitmentText:
    label: str                      # "Commitment 1: " when there are several, else ""
    promise: tuple[str, ...]        # sentences of the promise itself, most important first
    figures: str                    # "We will achieve 12 … a year, 36 over the contract, by …"
    delivery: tuple[str, ...] = ()  # sentences: actions, then people
    milestones: tuple[str, ...] = ()
    reporting: tuple[str, ...] = ()  # sentences: KPIs and frequency first, then evidence, accountability
    name: str = ""


@dataclass(frozen=True)
class ResultText:
    indicator_id: str
    name: str
    sentence: str                   # past tense, with its period and source
    estimate: str = ""              # a money estimate with its assumptions, or ""


@dataclass(frozen=True)
class StoryText:
    story_id: str
    title: str
    body: tuple[str, ...]           # sentences: before, what we did, after
    short: tuple[str, ...]          # the shortened version: the outcome
    quote: str = ""
    who: str = ""


@dataclass(frozen=True)
class WhyText:
    statement: tuple[str, ...] = ()   # paragraphs of the agreed statement
    short_statement: str = ""         # its one-sentence version
    local: tuple[str, ...] = ()       # sentences about the area
    outcomes: str = ""                # the buyer's outcomes this speaks to


@dataclass(frozen=True)
class AnswerMaterial:
    commitments: tuple[CommitmentText, ...] = ()
    results_intro: str = "What we have already achieved, as measured in our own records:"
    results: tuple[ResultText, ...] = ()          # strongest first
    stories: tuple[StoryText, ...] = ()           # at most two are used
    why: WhyText = field(default_factory=WhyText)


@dataclass
class Cuts:
    stories: int = 2
    estimates: bool = True
    story_short: bool = False
    why: int = 2            # 2 full, 1 short, 0 left out
    results: int | None = None
    milestones: bool = True
    reporting: int = 2      # 2 full, 1 KPIs and frequency only, 0 left out
    delivery: int = 2       # 2 full, 1 first sentence, 0 left out
    promise_sentences: dict[int, int] = field(default_factory=dict)
    commitment_words: dict[int, int] = field(default_factory=dict)


def sentences(text: str) -> tuple[str, ...]:
    """Splits the person's text into sentences (at . ! ? followed by a space and a capital or a
    digit), keeping each sentence's own punctuation; line breaks count as sentence ends."""
    found = []
    for line in (text or "").split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        found += [part.strip() for part in re.split(r"(?<=[.!?…])\s+(?=[\"“‘'(]?[A-Z0-9£])", line) if part.strip()]
    return tuple(found)


def ensure_full_stop(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if text.endswith(")"):
        # "(a) … (see our policy)." takes its full stop after the bracket; "(… as agreed.)" has one.
        return text if text[:-1].rstrip().endswith((".", "!", "?", "…")) else text + "."
    return text if text.endswith((".", "!", "?", "…", "”", '"')) else text + "."
