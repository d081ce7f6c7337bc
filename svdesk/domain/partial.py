"""Keeping the valid part of an edit.

A form that saves several fields as one record (the organisation profile, a tender's details)
must not refuse a good field because another one is wrong: the person types a wrong company
number, then the area they serve, then closes the window — the area must be in the file. The
wrong field keeps its text on screen with its problem shown, and is saved once it is put right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import TypeVar

T = TypeVar("T")


def valid_changes(stored: T, candidate: T, problems_of: Callable[[T], list[str]]) -> T:
    """``stored`` with every field of ``candidate`` (a dataclass of the same type) that brings
    no problem of its own, tried in field order."""
    result = stored
    known = set(problems_of(stored))
    for item in fields(candidate):
        value = getattr(candidate, item.name)
        if value == getattr(result, item.name):
            continue
        trial = replace(result, **{item.name: value})
        found = set(problems_of(trial))
        if found <= known:
            result, known = trial, found
    return result
