"""Loads the suggested indicators shipped in resources/indicators/ (one file per kind of enterprise)."""

from __future__ import annotations

import functools
import json

from svdesk import paths
from svdesk.domain.indicator_library import LibraryKind, Suggestion, kind_from_dict


@functools.lru_cache(maxsize=1)
def library() -> tuple[LibraryKind, ...]:
    kinds = [kind_from_dict(json.loads(source.read_text("utf-8")))
             for source in sorted(paths.resource("indicators").glob("*.json"))]
    return tuple(sorted(kinds, key=lambda kind: (kind.order, kind.name)))


def suggestion(key: str) -> Suggestion | None:
    return next((item for kind in library() for item in kind.suggestions if item.key == key), None)
