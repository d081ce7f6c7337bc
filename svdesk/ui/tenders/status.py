"""Changing a tender's status. Sending the answer (submitted, or straight to won/lost) keeps the
exact text sent, for good, after checking once more that every story in it may be used for
tenders today, and records those uses; won asks when the contract starts so promises can be
tracked; going back to drafting prepares a new submission and leaves the sent one on record."""

from __future__ import annotations

from svdesk.domain.dates import format_date, parse_user_date, today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.tenders import TenderStatus
from svdesk.services.tenders import send_answer, set_contract_start, set_status


def change_status(parent, ctx, tender_id: str, status: TenderStatus) -> bool:
    """Does what the person asked, asking what it needs; True when the status changed."""
    workspace = ctx.workspace
    tenders = workspace.tenders
    tender = tenders.get(tender_id)
    if status is tender.status:
        return False
    try:
        if status.is_sent and not tenders.submissions(tender_id):
            return _send(parent, ctx, tender, status)
        if status is TenderStatus.DRAFTING and tender.status.is_sent:
            sent = tenders.latest_submission(tender_id)
            when = f" on {format_date(sent.submitted_on)}" if sent else ""
            if not ctx.dialogs.confirm(
                parent, "Prepare a new submission?",
                f"The answer you sent{when} stays on record exactly as it was. Going back to drafting lets you "
                "change the commitments and the answer for a new submission.", yes="Back to drafting",
            ):
                return False
        set_status(workspace, tender_id, status)
        if status is TenderStatus.WON and tender.contract_start is None:
            _ask_contract_start(parent, ctx, tender_id)
        return True
    except SvdeskError as error:
        ctx.dialogs.error(parent, "Status not changed", str(error))
        return False


def _send(parent, ctx, tender, status: TenderStatus) -> bool:
    workspace = ctx.workspace
    state = workspace.tenders.answer(tender.id)
    if not state.text.strip():
        ctx.dialogs.error(parent, "Nothing to submit yet",
                          "The answer is empty. Draft it on the Answer tab (and edit it) before marking the tender "
                          f"{status.label.lower()}.")
        return False
    limit = tender.word_limit
    from svdesk.domain.words import count_words

    words = count_words(state.text)
    over = f"\n\nThe answer has {words:,} words, over the limit of {limit:,}." if limit and words > limit else ""
    answer = ctx.dialogs.ask_text(
        parent, f"Mark as {status.label.lower()}",
        "The exact text in the editor will be kept as the answer you sent; it cannot be changed afterwards."
        f"{over}\n\nDate it was sent:", format_date(today()))
    if answer is None:
        return False
    sent_on = parse_user_date(answer)
    if sent_on is None:
        ctx.dialogs.error(parent, "Not marked as sent", f"“{answer}” is not a date; write it like 22 Nov 2026.")
        return False
    send_answer(workspace, tender.id, status, sent_on)
    if status is TenderStatus.WON and tender.contract_start is None:
        _ask_contract_start(parent, ctx, tender.id)
    return True


def _ask_contract_start(parent, ctx, tender_id: str) -> None:
    text = ctx.dialogs.ask_text(parent, "When does the contract start?",
                                "Promises are tracked from the contract's start date (you can change it on Details):")
    if not text:
        return
    start = parse_user_date(text)
    if start is None:
        ctx.dialogs.error(parent, "Start date not saved", f"“{text}” is not a date; enter it on the Details tab.")
        return
    set_contract_start(ctx.workspace, tender_id, start)
