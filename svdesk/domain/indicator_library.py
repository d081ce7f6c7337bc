"""Suggested indicators, grouped by the kind of social enterprise that might use them.

The suggestions are svdesk's own plain-words wording (no licensed measure sets and no money
values). Choosing one copies it into a new indicator the user then owns and edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from svdesk.domain.errors import ValidationError
from svdesk.domain.measures import Counting, Direction, Frequency, Indicator, Unit


@dataclass(frozen=True)
class Suggestion:
    key: str
    name: str
    outcome: str
    unit: Unit
    direction: Direction
    frequency: Frequency
    how_collected: str
    collected_by: str
    who_benefits: str
    contribution: str
    tags: tuple[str, ...] = ()
    counting: Counting | None = None
    unit_words: str = ""

    def to_indicator(self) -> Indicator:
        """A new indicator from this suggestion (no baseline or target: those are the user's own)."""
        return Indicator(
            name=self.name, outcome=self.outcome, unit=self.unit, direction=self.direction,
            frequency=self.frequency, how_collected=self.how_collected, collected_by=self.collected_by,
            who_benefits=self.who_benefits, contribution=self.contribution, library_key=self.key,
            counting=self.counting, unit_words=self.unit_words,
        )


@dataclass(frozen=True)
class LibraryKind:
    key: str
    name: str
    description: str
    suggestions: tuple[Suggestion, ...]
    order: int = 0


def kind_from_dict(data: dict) -> LibraryKind:
    problems = []
    suggestions = []
    for index, item in enumerate(data.get("indicators", [])):
        try:
            suggestions.append(Suggestion(
                key=f"{data['key']}/{item['key']}", name=item["name"], outcome=item.get("outcome", ""),
                unit=Unit(item["unit"]), direction=Direction(item.get("direction", "higher")),
                frequency=Frequency(item.get("frequency", "monthly")),
                how_collected=item.get("how_collected", ""), collected_by=item.get("collected_by", ""),
                who_benefits=item.get("who_benefits", ""), contribution=item.get("contribution", ""),
                tags=tuple(item.get("tags", [])),
                counting=Counting(item["counting"]) if item.get("counting") else None,
                unit_words=item.get("unit_words", ""),
            ))
        except (KeyError, ValueError) as error:
            problems.append(f"indicators[{index}]: {error}")
    if problems or not data.get("key") or not data.get("name"):
        raise ValidationError(problems or ["A library file needs a key and a name."])
    return LibraryKind(data["key"], data["name"], data.get("description", ""), tuple(suggestions), int(data.get("order", 0)))
