"""Each tender action is one transaction: sending an answer keeps the submission, the new status
and one use-log row per story in it together, or none of them."""

import datetime as dt
import sqlite3

import pytest

from svdesk.domain.errors import SvdeskError
from svdesk.domain.tenders import TenderStatus
from svdesk.services import tenders as tender_services

DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"   # the demo's tender still being drafted
SENT_ON = dt.date(2026, 11, 20)


def _uses(workspace) -> int:
    return workspace.file.query_one("SELECT count(*) AS n FROM story_uses")["n"]


def _drafted_with_stories(workspace):
    draft = tender_services.redraft_answer(workspace, DRAFTING, SENT_ON)
    assert draft.story_ids, "the demo's draft should tell at least one story"
    return draft


def test_sending_keeps_the_submission_and_one_use_per_story(demo_workspace):
    draft = _drafted_with_stories(demo_workspace)
    saves = []
    demo_workspace.file.add_listener(saves.append)
    before = _uses(demo_workspace)
    sent = tender_services.send_answer(demo_workspace, DRAFTING, TenderStatus.SUBMITTED, SENT_ON)
    assert sent.text == draft.text and sent.submitted_on == SENT_ON
    assert demo_workspace.tenders.get(DRAFTING).status is TenderStatus.SUBMITTED
    assert _uses(demo_workspace) == before + len(set(sent.story_ids)) > before
    assert saves == ["tender submitted"]   # one action, one commit


def test_when_a_use_row_cannot_be_written_nothing_of_the_submission_is_kept(demo_workspace):
    _drafted_with_stories(demo_workspace)
    before = _uses(demo_workspace)
    # The second write of the action fails in the database itself, as a full disk would.
    demo_workspace.file.conn.execute(
        "CREATE TEMP TRIGGER no_uses BEFORE INSERT ON main.story_uses BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises((SvdeskError, sqlite3.Error)):
        tender_services.send_answer(demo_workspace, DRAFTING, TenderStatus.SUBMITTED, SENT_ON)
    assert demo_workspace.tenders.submissions(DRAFTING) == []
    assert demo_workspace.tenders.get(DRAFTING).status is TenderStatus.DRAFTING
    assert _uses(demo_workspace) == before


def test_a_failed_redraft_keeps_the_text_in_the_editor(demo_workspace):
    demo_workspace.tenders.save_answer_text(DRAFTING, "My own words.")
    demo_workspace.file.conn.execute(
        "CREATE TEMP TRIGGER no_versions BEFORE INSERT ON main.tender_answer_versions "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises((SvdeskError, sqlite3.Error)):
        tender_services.redraft_answer(demo_workspace, DRAFTING, SENT_ON)
    assert demo_workspace.tenders.answer(DRAFTING).text == "My own words."


def test_an_export_records_its_stories_in_one_commit_or_none(demo_workspace, tmp_path):
    from svdesk.services.exports import export_answer

    _drafted_with_stories(demo_workspace)
    saves = []
    demo_workspace.file.add_listener(saves.append)
    before = _uses(demo_workspace)
    export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "answer.txt", today=SENT_ON, allow_over_limit=True)
    assert _uses(demo_workspace) > before and saves == ["story use"]


def test_the_use_rows_of_one_document_are_kept_together_or_not_at_all(demo_workspace):
    from svdesk.compose.tender_material import TENDER_USE
    from svdesk.services.exports import record_answer_story_uses

    usable = list(demo_workspace.stories.usable_ids(TENDER_USE, SENT_ON))[:2]
    assert len(usable) == 2, "the demo should hold two stories that may be used in tenders"
    before = _uses(demo_workspace)
    # The second row fails in the database itself: the first is not kept either.
    demo_workspace.file.conn.execute(
        f"CREATE TEMP TRIGGER second_use_fails BEFORE INSERT ON main.story_uses "
        f"WHEN (SELECT count(*) FROM main.story_uses) >= {before + 1} BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises((SvdeskError, sqlite3.Error)):
        record_answer_story_uses(demo_workspace, usable, "Tender answer for the Youth lot (copied)", SENT_ON)
    assert _uses(demo_workspace) == before
