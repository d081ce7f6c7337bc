"""Files attached to a record (evidence for a reading, a story's photos and signed consent form,
a consultation's notes) and the tags on a record. The window names WHAT a file belongs to
(``Owner.STORY``); which table that is stays in ``store``. One transaction per action. No Qt."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from svdesk.store.stories_repo import CONSENT_FORM_ROLE, DOCUMENT_ROLE, PHOTO_ROLE

if TYPE_CHECKING:
    from svdesk.domain.attachments import Attachment
    from svdesk.store.workspace import Workspace


class Owner(Enum):
    """The kinds of record a file or a tag can belong to."""

    READING = "reading"
    STORY = "story"
    CONSULTATION = "consultation"
    INDICATOR = "indicator"
    TENDER = "tender"
    STATEMENT = "statement"
    COMMITMENT = "commitment"

    @property
    def table(self) -> str:
        # The store's own constants where it has them, so a renamed table cannot drift from here.
        if self is Owner.READING:
            from svdesk.store.indicators_repo import READINGS_TABLE
            return READINGS_TABLE
        if self is Owner.STORY:
            from svdesk.store.stories_repo import OWNER_TABLE
            return OWNER_TABLE
        if self is Owner.CONSULTATION:
            from svdesk.store.consultations_repo import OWNER_TABLE
            return OWNER_TABLE
        return {Owner.INDICATOR: "indicators", Owner.TENDER: "tenders", Owner.STATEMENT: "statements",
                Owner.COMMITMENT: "commitments"}[self]


# The records an outcome can be tagged on (what "this outcome is in use" counts).
TAGGED = (Owner.STATEMENT, Owner.INDICATOR, Owner.TENDER, Owner.COMMITMENT, Owner.STORY)


# What a file is to its record (the ``role`` of an attachment).
EVIDENCE = "evidence"
PHOTO, DOCUMENT, CONSENT_FORM = PHOTO_ROLE, DOCUMENT_ROLE, CONSENT_FORM_ROLE


def files_of(workspace: Workspace, owner: Owner, owner_id: str, role: str | None = None) -> list[Attachment]:
    return workspace.attachments.list_for(owner.table, owner_id, role=role)


def attach(workspace: Workspace, owner: Owner, owner_id: str, filename: str, data: bytes,
           role: str = EVIDENCE) -> Attachment:
    with workspace.file.action("file attached"):
        return workspace.attachments.add(owner.table, owner_id, filename, data, role=role)


def detach(workspace: Workspace, attachment_id: str) -> None:
    with workspace.file.action("file removed"):
        workspace.attachments.remove(attachment_id)


def reattach(workspace: Workspace, attachment_id: str) -> None:
    with workspace.file.action("file brought back"):
        workspace.attachments.restore(attachment_id)


def tags_of(workspace: Workspace, owner: Owner, owner_id: str) -> list[str]:
    return workspace.tags.tags_for(owner.table, owner_id)


def uses_of_tags(workspace: Workspace, tags) -> int:
    """How many records carry any of ``tags`` (counted once per tag and record)."""
    return sum(len(workspace.tags.owners_with(tag, owner.table)) for tag in tags for owner in TAGGED)


def set_tags(workspace: Workspace, owner: Owner, owner_id: str, tags) -> None:
    with workspace.file.action("tags saved"):
        workspace.tags.set_tags(owner.table, owner_id, list(tags))
