"""The statement's shipped data: example answers per kind of social enterprise, and the word
lists behind the quality hints (resources/statement/)."""

from __future__ import annotations

import functools
import json

from svdesk import paths
from svdesk.domain.statement import ExampleKind, answers_from_dict
from svdesk.domain.statement_hints import HintWords


def _read(name: str) -> dict:
    return json.loads(paths.resource("statement", name).read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def example_kinds() -> tuple[ExampleKind, ...]:
    return tuple(
        ExampleKind(item["key"], item["name"], item.get("organisation", ""), answers_from_dict(item["answers"]))
        for item in _read("examples.json")["kinds"]
    )


def example_kind(key: str) -> ExampleKind | None:
    return next((kind for kind in example_kinds() if kind.key == key), None)


@functools.lru_cache(maxsize=1)
def hint_words() -> HintWords:
    data = _read("hints.json")
    return HintWords(
        people=tuple(data.get("people", [])), change=tuple(data.get("change", [])),
        vague=tuple(data.get("vague", [])), evidence=tuple(data.get("evidence", [])),
        jargon={key.lower(): value for key, value in data.get("jargon", {}).items()},
    )
