import datetime as dt
import json
import sqlite3

import pytest

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.tenders import TenderStatus
from svdesk.store.dump import dump_file, load_file, to_json, validate
from svdesk.store.orgfile import open_file


def _tender(workspace, **values):
    defaults = dict(buyer="Birmingham City Council", title="Youth lot", word_limit=750, contract_months=36,
                    deadline=dt.date(2026, 11, 27))
    return workspace.tenders.create(**{**defaults, **values})


def test_create_save_list_by_deadline_and_soft_delete(workspace):
    later = _tender(workspace, title="Later", deadline=dt.date(2027, 1, 5))
    sooner = _tender(workspace, title="Sooner", deadline=dt.date(2026, 12, 1))
    undated = _tender(workspace, title="No date", deadline=None)
    assert [t.title for t in workspace.tenders.all()] == ["Sooner", "Later", "No date"]
    workspace.tenders.update(sooner.id, buyer="Zoë's Council — Łódź & <b>x</b>", sv_weighting=12.5)
    assert workspace.tenders.get(sooner.id).buyer == "Zoë's Council — Łódź & <b>x</b>"
    workspace.tenders.remove(later.id)
    assert [t.title for t in workspace.tenders.all()] == ["Sooner", "No date"]
    assert [t.title for t in workspace.tenders.deleted()] == ["Later"]
    workspace.tenders.restore(later.id)
    assert len(workspace.tenders.all()) == 3
    assert workspace.tenders.find(undated.id[:8]).id == undated.id
    with pytest.raises(SvdeskError, match="There is no tender"):
        workspace.tenders.find("nothing-like-this")


def test_invalid_values_are_refused_with_every_problem(workspace):
    tender = _tender(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.tenders.update(tender.id, sv_weighting=150, word_limit=3)
    assert len(caught.value.problems) == 2
    assert workspace.tenders.get(tender.id).word_limit == 750


def test_commitments_keep_their_order_and_can_be_restored(workspace):
    tender = _tender(workspace)
    first = workspace.tenders.add_commitment(tender.id, promise="First", per_year=12)
    second = workspace.tenders.add_commitment(tender.id, promise="Second")
    workspace.tenders.move_commitment(second.id, -1)
    assert [c.promise for c in workspace.tenders.commitments(tender.id)] == ["Second", "First"]
    workspace.tenders.remove_commitment(first.id)
    assert [c.promise for c in workspace.tenders.commitments(tender.id)] == ["Second"]
    workspace.tenders.restore_commitment(first.id)
    assert workspace.tenders.get_commitment(first.id).per_year == 12


def test_redrafting_keeps_the_edited_text_as_an_earlier_version(workspace):
    tender = _tender(workspace)
    workspace.tenders.set_generated(tender.id, "Draft one.", ["Left out the second story."], [])
    workspace.tenders.save_answer_text(tender.id, "Draft one, with my edits.")
    assert workspace.tenders.answer(tender.id).edited
    workspace.tenders.set_generated(tender.id, "Draft two.", [], [])
    state = workspace.tenders.answer(tender.id)
    assert (state.text, state.edited) == ("Draft two.", False)
    versions = workspace.tenders.versions(tender.id)
    assert [(v.text, v.kind) for v in versions] == [("Draft one, with my edits.", "edited")]
    workspace.tenders.restore_version(versions[0].id)
    assert workspace.tenders.answer(tender.id).text == "Draft one, with my edits."
    assert workspace.tenders.versions(tender.id)[0].text == "Draft two."


def test_submitting_freezes_the_text_and_the_commitments(workspace):
    tender = _tender(workspace)
    commitment = workspace.tenders.add_commitment(tender.id, promise="12 placements a year", per_year=12)
    workspace.tenders.save_answer_text(tender.id, "We will deliver 12 placements a year.")
    with pytest.raises(SvdeskError, match="submitted first"):
        workspace.tenders.set_status(tender.id, TenderStatus.WON)
    sent = workspace.tenders.submit(tender.id, "We will deliver 12 placements a year.", dt.date(2026, 11, 25))
    assert workspace.tenders.get(tender.id).status is TenderStatus.SUBMITTED
    assert (sent.words, sent.word_limit, sent.submitted_on) == (7, 750, dt.date(2026, 11, 25))
    # The promise cannot change now; the link that tracks it can.
    from dataclasses import replace

    with pytest.raises(SvdeskError, match="on record"):
        workspace.tenders.save_commitment(replace(commitment, per_year=20))
    workspace.tenders.save_commitment(replace(commitment, indicator_id="an-indicator"))
    with pytest.raises(SvdeskError):
        workspace.tenders.add_commitment(tender.id, promise="Sneaked in")
    # Later edits in the working copy never touch the record of what was sent.
    workspace.tenders.set_status(tender.id, TenderStatus.DRAFTING)
    workspace.tenders.save_commitment(replace(workspace.tenders.get_commitment(commitment.id), per_year=20))
    workspace.tenders.save_answer_text(tender.id, "Changed later.")
    again = workspace.tenders.latest_submission(tender.id)
    assert again.text == "We will deliver 12 placements a year."
    assert again.commitments[0]["per_year"] == 12
    assert workspace.tenders.promised(tender.id)[0].per_year == 12


def test_the_file_itself_refuses_to_change_a_submission(workspace):
    tender = _tender(workspace)
    sent = workspace.tenders.submit(tender.id, "As sent.", dt.date(2026, 11, 25))
    for sql in ("UPDATE tender_submissions SET text = 'forged' WHERE id = ?",
                "DELETE FROM tender_submissions WHERE id = ?"):
        with pytest.raises(sqlite3.IntegrityError):
            workspace.file.conn.execute(sql, [sent.id])
    assert workspace.tenders.latest_submission(tender.id).text == "As sent."


def test_dump_load_dump_is_identical_with_every_part(file_workspace, tmp_path):
    ws = file_workspace
    tender = _tender(ws, buyer="Łukasz & Zoë € x<y>z", sv_weighting=20.0, contract_value_pence=18_600_000,
                     contract_start=dt.date(2025, 4, 1))
    ws.tags.set_tags("tenders", tender.id, ["ppn002/skills-for-growth"])
    ws.tenders.add_commitment(tender.id, promise="P", per_year=12, over_contract=36.5, by_when=dt.date(2028, 3, 31),
                              frequency="quarterly")
    story = ws.stories.new("Told at the open day", dt.date(2025, 5, 1))   # the answer's story is in the dump
    ws.tenders.set_generated(tender.id, "Text.", ["A note."], [story.id])
    ws.tenders.save_answer_text(tender.id, "Text, edited.")
    ws.tenders.set_generated(tender.id, "Text again.", [], [])
    ws.tenders.submit(tender.id, "Text again.", dt.date(2025, 2, 13), TenderStatus.WON)
    ws.tenders.update(tender.id, stories_chosen=True, story_ids=(story.id,))
    first = to_json(dump_file(ws.file))
    data = json.loads(first)
    assert validate(data) == []
    section = data["tenders"]
    assert [len(section[key]) for key in ("tenders", "commitments", "versions", "submissions")] == [1, 1, 1, 1]
    assert section["tenders"][0]["sv_weighting"] == 20 and section["commitments"][0]["over_contract"] == 36.5
    load_file(data, tmp_path / "copy.svdesk")
    orgfile = open_file(tmp_path / "copy.svdesk", read_only=True)
    try:
        assert to_json(dump_file(orgfile)) == first
    finally:
        orgfile.close()


def test_validation_names_every_problem_with_its_place(workspace):
    tender = _tender(workspace)
    workspace.tenders.add_commitment(tender.id, promise="P")
    data = dump_file(workspace.file)
    section = data["tenders"]
    section["tenders"][0]["status"] = "pending"
    section["tenders"][0]["word_limit"] = "750"
    section["commitments"][0]["tender_id"] = "missing"
    section["commitments"][0]["frequency"] = "hourly"
    section["submissions"].append({"id": "s"})
    problems = validate(data)
    for expected in ("tenders.tenders[0].status", "tenders.tenders[0].word_limit: must be a whole number",
                     "tenders.commitments[0].tender_id: there is no tender", "tenders.commitments[0].frequency",
                     "tenders.submissions[0].text: missing"):
        assert any(problem.startswith(expected) for problem in problems), (expected, problems)


def test_at_a_glance_counts_as_the_list_does(workspace):
    on = dt.date(2026, 11, 22)
    assert workspace.tenders.at_a_glance(on) == (0, None, 0)
    _tender(workspace, title="Past, drafting", deadline=dt.date(2026, 11, 21))
    _tender(workspace, title="Undated", deadline=None)
    due_today = _tender(workspace, title="Today", deadline=on)
    _tender(workspace, title="Later", deadline=dt.date(2027, 2, 1))
    won = _tender(workspace, title="Won, soonest date", deadline=dt.date(2026, 11, 23))
    workspace.tenders.submit(won.id, "Our answer.", on)
    workspace.tenders.set_status(won.id, TenderStatus.WON)
    gone = _tender(workspace, title="Deleted", deadline=on)
    workspace.tenders.remove(gone.id)
    tenders = workspace.tenders.all()
    drafting = [t.deadline for t in tenders if t.status is TenderStatus.DRAFTING and t.deadline and t.deadline >= on]
    expected = (len(tenders), min(drafting), sum(t.status is TenderStatus.WON for t in tenders))
    assert workspace.tenders.at_a_glance(on) == expected == (5, due_today.deadline, 1)


def test_the_list_of_tenders_does_not_read_their_answers(workspace):
    """A Tender does not hold its answer: listing 2,500 tenders read every answer and its draft
    as well (60 MB with the 50k file). Measured as Python's own allocations while listing."""
    import tracemalloc

    answer = "Zoë's bike club 🚲 " * 6000          # 108,000 characters, kept 4 bytes each
    made = []
    for number in range(12):
        tender = _tender(workspace, title=f"Lot {number}")
        workspace.tenders.set_generated(tender.id, answer, [], [])
        workspace.tenders.save_answer_text(tender.id, answer + " Edited.")
        made.append(tender.id)
    workspace.tenders.remove(made[0])
    tracemalloc.start()
    try:
        listed, deleted = workspace.tenders.all(), workspace.tenders.deleted()
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [tender.id for tender in listed] == made[1:] and [tender.id for tender in deleted] == made[:1]
    assert workspace.tenders.answer(made[1]).text == answer + " Edited."
    assert peak < 1_000_000, f"listing 12 tenders took {peak / 1e6:.1f} MB"
