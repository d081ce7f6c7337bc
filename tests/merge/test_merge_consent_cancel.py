"""A withdrawal of consent recorded by mistake and cancelled on one laptop (issue 18): the
cancellation is the person's own act and comes across; a withdrawal made on either laptop since
the copies last met is still never undone by a merge."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from svdesk.services.merge import apply_merge, preview_merge
from svdesk.store.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).parent))
from merge_helpers import copies, records  # noqa: E402

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


def test_a_cancelled_mistaken_withdrawal_comes_across_and_is_not_undone_coming_back(demo_source, tmp_path):
    jo, sam, story_id = _met_after_withdrawal(demo_source, tmp_path)
    _edit(jo, lambda ws: _cancel(ws, story_id))
    _edit(sam, lambda ws: ws.stories.update(story_id, title="Retitled by Sam"))  # another record, meanwhile
    apply_merge(sam, jo)
    assert _withdrawn_on(sam, story_id) is None
    apply_merge(jo, sam)
    assert _withdrawn_on(jo, story_id) is None  # before, Jo's own cancellation was undone here, silently
    assert preview_merge(jo, sam).nothing_to_do and preview_merge(sam, jo).nothing_to_do
    assert records(jo)["story_consents"] == records(sam)["story_consents"]


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
