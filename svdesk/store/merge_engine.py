"""The merge engine (being filled in): see svdesk/services/merge.py for the API."""

from __future__ import annotations

from pathlib import Path


def preview(mine: Path, other: Path):
    from svdesk.services.merge import MergeRefused

    raise MergeRefused("Bringing in another copy is not ready yet.")


def apply(mine: Path, other: Path, choices: dict[str, str], prefer: str | None):
    from svdesk.services.merge import MergeRefused

    raise MergeRefused("Bringing in another copy is not ready yet.")
