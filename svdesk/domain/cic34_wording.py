"""The sentences a CIC34 report is drafted with, and where each one's text comes from.

The defaults ship in resources/cic34/wording.json. Those marked ``check`` were not confirmed from
a primary source, so the person sees them marked and can replace any editable one, for every year
or for one year. A year's own wording beats the organisation's, which beats the default.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from svdesk.domain.errors import ValidationError
from svdesk.domain.textsafe import clean_text

MAX_WORDING = 2000


class Source(str, enum.Enum):
    DEFAULT = "default"
    ORGANISATION = "organisation"  # the organisation's own, for every year
    YEAR = "year"  # the organisation's own, for this year only


@dataclass(frozen=True)
class WordingDefault:
    key: str
    label: str
    text: str
    check: bool
    editable: bool = True
    why: str = ""


@dataclass(frozen=True)
class WordingValue:
    """One sentence as it will be used: its text, and whether it is still the default."""

    default: WordingDefault
    text: str
    source: Source = Source.DEFAULT

    @property
    def key(self) -> str:
        return self.default.key

    @property
    def needs_checking(self) -> bool:
        """Still the unconfirmed default: the person has not looked at it and made it theirs."""
        return self.default.check and self.source is Source.DEFAULT


def defaults_from_json(data: dict) -> tuple[WordingDefault, ...]:
    items = []
    for item in data["items"]:
        items.append(WordingDefault(
            key=item["key"], label=item["label"], text=item["text"], check=bool(item.get("check")),
            editable=bool(item.get("editable", True)), why=item.get("why", ""),
        ))
    return tuple(items)


def resolve(defaults: tuple[WordingDefault, ...], organisation: dict[str, str],
            year: dict[str, str]) -> dict[str, WordingValue]:
    """Each key's text: the year's own, else the organisation's own, else the default."""
    result = {}
    for default in defaults:
        if default.editable and default.key in year:
            result[default.key] = WordingValue(default, year[default.key], Source.YEAR)
        elif default.editable and default.key in organisation:
            result[default.key] = WordingValue(default, organisation[default.key], Source.ORGANISATION)
        else:
            result[default.key] = WordingValue(default, default.text)
    return result


def check_wording(default: WordingDefault, text: str) -> str:
    """The cleaned text, or ValidationError in plain English."""
    if not default.editable:
        raise ValidationError([f"“{default.label}” is required as written and cannot be changed."])
    text = " ".join(clean_text(text).split())
    if not text:
        raise ValidationError([f"“{default.label}” cannot be empty; use “Use the default” to go back to it."])
    if len(text) > MAX_WORDING:
        raise ValidationError([f"“{default.label}” is too long (at most {MAX_WORDING} characters)."])
    return text
