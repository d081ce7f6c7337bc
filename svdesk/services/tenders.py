"""What a person does to a tender, one function each, each ONE transaction: what is written
together commits together or not at all (a submission and its story-use rows, a redraft and the
earlier version it keeps). The window and the commands call these; neither writes through a
repository itself. No Qt."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from svdesk.domain.tenders import TenderStatus

if TYPE_CHECKING:
    from svdesk.compose.tender import DraftAnswer
    from svdesk.domain.tenders import AnswerState, Commitment, Submission, Tender
    from svdesk.store.workspace import Workspace


# -- the tender itself -------------------------------------------------------------------------------
def create_tender(workspace: Workspace, **values) -> Tender:
    with workspace.file.action("tender added"):
        return workspace.tenders.create(**values)


def save_tender(workspace: Workspace, tender: Tender) -> Tender:
    with workspace.file.action("tender saved"):
        return workspace.tenders.save(tender)


def update_tender(workspace: Workspace, tender_id: str, **changes) -> Tender:
    with workspace.file.action("tender saved"):
        return workspace.tenders.update(tender_id, **changes)


def save_question_parts(workspace: Workspace, tender: Tender, question) -> Tender:
    """Keeps the person's corrections to the question's parts with the tender (they are used
    until the question text changes)."""
    from svdesk.domain.tender_question import parts_to_json

    return update_tender(workspace, tender.id, question_parts=parts_to_json(tender.question, question.parts))


def set_tender_tags(workspace: Workspace, tender_id: str, tags: list[str]) -> None:
    from svdesk.services.attachments import Owner, set_tags

    set_tags(workspace, Owner.TENDER, tender_id, tags)


def bin_tender(workspace: Workspace, tender_id: str) -> None:
    with workspace.file.action("tender deleted"):
        workspace.tenders.remove(tender_id)


def restore_tender(workspace: Workspace, tender_id: str) -> None:
    with workspace.file.action("tender restored"):
        workspace.tenders.restore(tender_id)


# -- commitments -------------------------------------------------------------------------------------
def add_commitment(workspace: Workspace, tender_id: str, **values) -> Commitment:
    with workspace.file.action("commitment added"):
        return workspace.tenders.add_commitment(tender_id, **values)


def save_commitment(workspace: Workspace, commitment: Commitment) -> Commitment:
    with workspace.file.action("commitment saved"):
        return workspace.tenders.save_commitment(commitment)


def bin_commitment(workspace: Workspace, commitment_id: str) -> None:
    with workspace.file.action("commitment removed"):
        workspace.tenders.remove_commitment(commitment_id)


def restore_commitment(workspace: Workspace, commitment_id: str) -> None:
    with workspace.file.action("commitment restored"):
        workspace.tenders.restore_commitment(commitment_id)


def move_commitment(workspace: Workspace, commitment_id: str, step: int) -> None:
    with workspace.file.action("commitment moved"):
        workspace.tenders.move_commitment(commitment_id, step)


# -- the answer --------------------------------------------------------------------------------------
def save_answer_text(workspace: Workspace, tender_id: str, text: str) -> AnswerState:
    with workspace.file.action("answer saved"):
        return workspace.tenders.save_answer_text(tender_id, text)


def redraft_answer(workspace: Workspace, tender_id: str, today: dt.date | None = None) -> DraftAnswer:
    """Drafts and puts the draft in the editor; the text it replaces is kept as an earlier version."""
    from svdesk.compose.tender import draft_answer

    draft = draft_answer(workspace, tender_id, today)
    with workspace.file.action("answer drafted"):
        workspace.tenders.set_generated(tender_id, draft.text, [*draft.left_out], list(draft.story_ids))
    return draft


def bring_back_answer_version(workspace: Workspace, version_id: str) -> AnswerState:
    with workspace.file.action("earlier answer brought back"):
        return workspace.tenders.restore_version(version_id)


def record_answer_copied(workspace: Workspace, tender: Tender, story_ids, on: dt.date) -> None:
    """The answer went to the clipboard: each story in it is recorded in the use log, together."""
    from svdesk.services.exports import record_answer_story_uses

    if not story_ids or workspace.read_only:
        return
    with workspace.file.action("story use"):
        record_answer_story_uses(workspace, story_ids, f"Tender answer for {tender.name} (copied)", on)


# -- sending and the status --------------------------------------------------------------------------
def send_answer(workspace: Workspace, tender_id: str, status: TenderStatus, sent_on: dt.date) -> Submission:
    """Keeps the exact text in the editor as the answer sent, after checking once more that every
    story still in it may be used for tenders on ``sent_on``, and records those uses. The
    submission, the new status and the use-log rows commit together or not at all."""
    from svdesk.compose.tender import check_consent, stories_in_text
    from svdesk.services.exports import record_answer_story_uses

    tenders = workspace.tenders
    tender = tenders.get(tender_id)
    state = tenders.answer(tender_id)
    stories = stories_in_text(workspace, state.text, state.story_ids)
    check_consent(workspace, stories, sent_on)
    with workspace.file.action("tender submitted"):
        submission = tenders.submit(tender_id, state.text, sent_on, status, story_ids=stories)
        record_answer_story_uses(workspace, stories, f"Tender answer sent to {tender.buyer or tender.name}",
                                 sent_on)
    return submission


def set_status(workspace: Workspace, tender_id: str, status: TenderStatus) -> Tender:
    with workspace.file.action("tender status"):
        return workspace.tenders.set_status(tender_id, status)


def set_contract_start(workspace: Workspace, tender_id: str, start: dt.date) -> Tender:
    return update_tender(workspace, tender_id, contract_start=start)


# -- valuing a commitment ----------------------------------------------------------------------------
def save_valuation(workspace: Workspace, indicator_id: str, valuation):
    with workspace.file.action("valuation saved"):
        return workspace.indicators.save_valuation(indicator_id, valuation)
