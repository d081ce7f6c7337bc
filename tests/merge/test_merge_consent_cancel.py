"""Withdrawals of consent on two laptops (issue 18): a withdrawal made on either laptop since the
copies last met, or known to both, is never undone by a merge, whatever was cancelled or edited."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from svdesk.services.merge import apply_merge

sys.path.insert(0, str(Path(__file__).parent))
from merge_helpers import copies, open_workspace  # noqa: E402

WITHDRAWN = dt.date(2026, 2, 1)


def _edit(path: Path, action):
    ws = open_workspace(path)
    try:
        return action(ws)
    finally:
        ws.close()


def _withdrawn_on(path: Path, story_id: str):
    return _edit(path, lambda ws: ws.stories.consent_for(story_id).withdrawn_on)


def _cancel(ws, story_id):
    ws.stories.save_consent(story_id, replace(ws.stories.consent_for(story_id), withdrawn_on=None,
                                              withdrawal_note=""))


def _met_after_withdrawal(demo_source, tmp_path):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    story_id = _edit(jo, lambda ws: min(story.id for story in ws.stories.search()))
    _edit(jo, lambda ws: ws.stories.withdraw(story_id, WITHDRAWN, "by mistake"))
    apply_merge(sam, jo)  # both now know of the withdrawal
    return jo, sam, story_id


def test_a_withdrawal_made_since_they_met_beats_a_cancellation(demo_source, tmp_path):
    jo, sam, story_id = _met_after_withdrawal(demo_source, tmp_path)
    _edit(jo, lambda ws: _cancel(ws, story_id))
    # Sam hears from the person again and records the withdrawal afresh, with its own date.
    _edit(sam, lambda ws: _cancel(ws, story_id))
    _edit(sam, lambda ws: ws.stories.withdraw(story_id, dt.date(2026, 3, 2), "asked again"))
    apply_merge(jo, sam, prefer="mine")
    apply_merge(sam, jo, prefer="mine")
    assert _withdrawn_on(jo, story_id) == _withdrawn_on(sam, story_id) == dt.date(2026, 3, 2)


def test_a_withdrawal_known_to_both_stays_when_nobody_cancelled_it(demo_source, tmp_path):
    jo, sam, story_id = _met_after_withdrawal(demo_source, tmp_path)
    _edit(jo, lambda ws: ws.stories.update(story_id, title="Retitled by Jo"))
    _edit(sam, lambda ws: ws.stories.update(story_id, quote="Quote by Sam"))
    apply_merge(jo, sam)
    apply_merge(sam, jo)
    assert _withdrawn_on(jo, story_id) == _withdrawn_on(sam, story_id) == WITHDRAWN
