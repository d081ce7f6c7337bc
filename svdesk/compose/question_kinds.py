"""The vocabulary of question kinds shipped in resources/tender/question_kinds.json, and the
question of a tender parsed with it."""

from __future__ import annotations

import functools
import json
from dataclasses import replace

from svdesk import paths
from svdesk.domain.tender_question import (
    ParsedQuestion, Vocabulary, parse_question, parts_from_json, vocabulary_from_dict,
)


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return vocabulary_from_dict(json.loads(paths.resource("tender", "question_kinds.json").read_text("utf-8")))


def parse(text: str) -> ParsedQuestion:
    return parse_question(text, vocabulary())


def question_of(tender) -> ParsedQuestion:
    """The tender's question understood: as svdesk reads it, with the person's corrections to
    its parts (kind changed, parts merged or split) when they were made for this question text."""
    question = parse(tender.question)
    corrected = parts_from_json(getattr(tender, "question_parts", ""), tender.question, vocabulary())
    return replace(question, parts=corrected) if corrected is not None else question


def earlier_feedback(workspace, tender) -> list[str]:
    """What the same buyer said about earlier bids (their score and feedback), newest first."""
    buyer = " ".join(tender.buyer.split()).casefold()
    if not buyer:
        return []
    found = []
    for other in reversed(workspace.tenders.all()):
        if other.id == tender.id or " ".join(other.buyer.split()).casefold() != buyer:
            continue
        said = "; ".join(part for part in (f"score {other.score.strip()}" if other.score.strip() else "",
                                           " ".join(other.feedback.split())) if part)
        if said:
            found.append(f"{other.name}: {said}")
    return found
