"""What a person does to stories and to the record of listening (consultations), one function
each, one transaction each: a story added, changed, linked to indicators, binned and brought
back; consent saved, withdrawn or the withdrawal cancelled; a consultation added, changed, binned
and brought back. The window calls these. No Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svdesk.domain.consent import Consent
    from svdesk.domain.consultations import Consultation
    from svdesk.domain.stories import Story, StoryUse
    from svdesk.store.workspace import Workspace


# -- stories -----------------------------------------------------------------------------------------
def new_story(workspace: Workspace, title: str = "", story_date: dt.date | None = None) -> Story:
    with workspace.file.action("story added"):
        return workspace.stories.new(title, story_date)


def update_story(workspace: Workspace, story_id: str, **changes) -> Story:
    with workspace.file.action("story saved"):
        return workspace.stories.update(story_id, **changes)


def link_indicators(workspace: Workspace, story_id: str, indicator_ids: list[str]) -> None:
    with workspace.file.action("story linked"):
        workspace.stories.set_indicators(story_id, indicator_ids)


def bin_story(workspace: Workspace, story_id: str) -> None:
    with workspace.file.action("story moved to the bin"):
        workspace.stories.remove(story_id)


def restore_story(workspace: Workspace, story_id: str) -> None:
    with workspace.file.action("story brought back"):
        workspace.stories.restore(story_id)


# -- consent -----------------------------------------------------------------------------------------
def save_consent(workspace: Workspace, story_id: str, consent: Consent) -> Consent:
    with workspace.file.action("consent saved"):
        return workspace.stories.save_consent(story_id, consent)


def withdraw_consent(workspace: Workspace, story_id: str, on_date: dt.date, note: str = "") -> list[StoryUse]:
    """Records the withdrawal; returns every place the story was used, to ask for it back."""
    with workspace.file.action("consent withdrawn"):
        return workspace.stories.withdraw(story_id, on_date, note)


def cancel_withdrawal(workspace: Workspace, story_id: str) -> Consent:
    """For a withdrawal recorded by mistake."""
    with workspace.file.action("consent saved"):
        current = workspace.stories.consent_for(story_id)
        return workspace.stories.save_consent(story_id, replace(current, withdrawn_on=None, withdrawal_note=""))


# -- consultations -----------------------------------------------------------------------------------
def add_consultation(workspace: Workspace, held_on: dt.date | None = None, title: str = "") -> Consultation:
    with workspace.file.action("consultation added"):
        return workspace.consultations.add(held_on, title)


def update_consultation(workspace: Workspace, consultation_id: str, **changes) -> Consultation:
    with workspace.file.action("consultation saved"):
        repo = workspace.consultations
        return repo.save(replace(repo.get(consultation_id), **changes))


def bin_consultation(workspace: Workspace, consultation_id: str) -> None:
    with workspace.file.action("consultation moved to the bin"):
        workspace.consultations.remove(consultation_id)


def restore_consultation(workspace: Workspace, consultation_id: str) -> None:
    with workspace.file.action("consultation brought back"):
        workspace.consultations.restore(consultation_id)
