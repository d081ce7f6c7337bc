"""The vocabulary of question kinds shipped in resources/tender/question_kinds.json, and the
question of a tender parsed with it."""

from __future__ import annotations

import functools
import json

from svdesk import paths
from svdesk.domain.tender_question import ParsedQuestion, Vocabulary, parse_question, vocabulary_from_dict


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return vocabulary_from_dict(json.loads(paths.resource("tender", "question_kinds.json").read_text("utf-8")))


def parse(text: str) -> ParsedQuestion:
    return parse_question(text, vocabulary())
