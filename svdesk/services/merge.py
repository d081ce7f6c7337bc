"""Bringing in another copy's changes: two laptops, one organisation (issue 18).

``preview_merge`` says what would change and which fields were changed on both laptops;
``apply_merge`` makes a backup copy of this file, then brings the other copy's changes in, in
one transaction (never half-merged). Neither ever writes to the other copy.

How records are matched and what "changed since they last met" means is in
``svdesk.store.merge_engine`` (per-row versions kept by triggers, no wall clocks); the rules
that always win are in ``svdesk.domain.merge_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from svdesk.domain.errors import SvdeskError


class MergeRefused(SvdeskError):
    """The other copy cannot be brought in; nothing was changed. ``str()`` says why, plainly."""


@dataclass(frozen=True)
class Conflict:
    """One field of one record changed differently on both laptops since they last met."""

    key: str  # stable within a plan: "table:id:field"; the key of ``choices``
    kind: str  # the kind of record: "story", "reading", "tender" …
    label: str  # which record, in words: the story's title, the reading's month …
    field: str  # the column
    field_label: str  # the field, in words
    mine: str  # this copy's value, for display
    theirs: str  # the other copy's value, for display


@dataclass
class MergePlan:
    mine_name: str  # this copy's laptop name
    theirs_name: str  # the other copy's laptop name
    # kind (plural, e.g. "readings") -> {"new": n, "changed": n, "conflicts": n, "removed": n}
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def nothing_to_do(self) -> bool:
        return not any(sum(kinds.values()) for kinds in self.counts.values()) and not self.conflicts

    def summary(self) -> str:
        from svdesk.domain.merge_rules import summary_sentence

        return summary_sentence(self.counts, len(self.conflicts))


@dataclass
class MergeResult:
    plan: MergePlan
    backup: Path | None  # the copy of this file made just before
    changed_rows: int = 0

    def summary(self) -> str:
        return self.plan.summary()


def preview_merge(mine: Path, other: Path) -> MergePlan:
    """What bringing ``other`` into ``mine`` would do; reads both files, changes neither."""
    from svdesk.store import merge_engine

    return merge_engine.preview(Path(mine), Path(other))


def apply_merge(mine: Path, other: Path, choices: dict[str, str] | None = None,
                prefer: str | None = None) -> MergeResult:
    """Brings ``other`` into ``mine``. ``choices``: conflict key -> "mine" | "theirs"; ``prefer``
    decides every conflict without a choice. Refuses (MergeRefused, nothing changed) when a
    conflict is left undecided, or when ``mine`` is open in another svdesk."""
    from svdesk.store import merge_engine

    if prefer not in (None, "mine", "theirs"):
        raise MergeRefused('"prefer" must be "mine" or "theirs".')
    for key, choice in (choices or {}).items():
        if choice not in ("mine", "theirs"):
            raise MergeRefused(f'The choice for {key} must be "mine" or "theirs".')
    return merge_engine.apply(Path(mine), Path(other), dict(choices or {}), prefer)
