"""Outcome frameworks buyers use (Social Value Model, local charters, ...) and tags that point
into them.

A tag is the string ``"<framework key>/<outcome key>"``. Statements, indicators and tenders
share the same tags, so a buyer's outcome can be matched to what we measure. Built-in
frameworks are data files in resources/frameworks (with their source and date); an organisation
can add its own (a council's priorities, say), stored inside its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svdesk.domain.errors import ValidationError

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")


@dataclass(frozen=True)
class Outcome:
    key: str
    name: str


@dataclass(frozen=True)
class OutcomeGroup:
    key: str
    name: str
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    short_name: str = ""
    source: str = ""
    published: str = ""
    note: str = ""
    groups: tuple[OutcomeGroup, ...] = ()
    builtin: bool = True
    id: str = field(default="", compare=False)

    def tags(self) -> list[str]:
        return [make_tag(self.key, outcome.key) for group in self.groups for outcome in group.outcomes]

    def label_of(self, tag: str) -> str | None:
        framework_key, _, outcome_key = tag.partition("/")
        if framework_key != self.key:
            return None
        for group in self.groups:
            for outcome in group.outcomes:
                if outcome.key == outcome_key:
                    return outcome.name
        return None

    def group_of(self, tag: str) -> OutcomeGroup | None:
        _, _, outcome_key = tag.partition("/")
        for group in self.groups:
            if any(outcome.key == outcome_key for outcome in group.outcomes):
                return group
        return None


def make_tag(framework_key: str, outcome_key: str) -> str:
    return f"{framework_key}/{outcome_key}"


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value[:40] or "item"


def framework_from_dict(data: dict, builtin: bool) -> Framework:
    """Builds a framework from its JSON form, checking it; raises ValidationError with every problem."""
    problems = []
    key = data.get("key", "")
    if not isinstance(key, str) or not _KEY.match(key):
        problems.append("A framework needs a short key of lower-case letters, digits and dashes.")
    name = data.get("name", "")
    if not isinstance(name, str) or not name.strip():
        problems.append("A framework needs a name.")
    groups = []
    seen = set()
    for group in data.get("groups", []) or []:
        outcomes = []
        for outcome in group.get("outcomes", []) or []:
            if not _KEY.match(str(outcome.get("key", ""))) or not str(outcome.get("name", "")).strip():
                problems.append(f"Outcome '{outcome.get('name', '')}' needs a name and a short key.")
                continue
            if outcome["key"] in seen:
                problems.append(f"Two outcomes share the key '{outcome['key']}'.")
            seen.add(outcome["key"])
            outcomes.append(Outcome(outcome["key"], outcome["name"].strip()))
        groups.append(OutcomeGroup(str(group.get("key", slug(group.get("name", "")))), str(group.get("name", "")).strip(), tuple(outcomes)))
    if problems:
        raise ValidationError(problems)
    return Framework(
        key=key, name=name.strip(), short_name=str(data.get("short_name", "")) or name.strip(),
        source=str(data.get("source", "")), published=str(data.get("published", "")),
        note=str(data.get("note", "")), groups=tuple(groups), builtin=builtin, id=str(data.get("id", "")),
    )


def framework_to_dict(framework: Framework) -> dict:
    return {
        "key": framework.key, "name": framework.name, "short_name": framework.short_name,
        "source": framework.source, "published": framework.published, "note": framework.note,
        "groups": [
            {"key": group.key, "name": group.name,
             "outcomes": [{"key": outcome.key, "name": outcome.name} for outcome in group.outcomes]}
            for group in framework.groups
        ],
    }


def describe_tag(tag: str, frameworks: list[Framework]) -> str:
    """'PPN 06/20 — Improve community integration'; unknown tags are shown as they are."""
    framework_key = tag.partition("/")[0]
    for framework in frameworks:
        if framework.key == framework_key:
            label = framework.label_of(tag)
            if label:
                return f"{framework.short_name} — {label}"
    return tag
