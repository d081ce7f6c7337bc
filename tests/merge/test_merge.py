"""Bringing another copy's changes in (issue 18): from two copies of the demo edited
differently, each rule, each refusal."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from svdesk.services.merge import MergeRefused, apply_merge, preview_merge
from svdesk.store.workspace import create_workspace

sys.path.insert(0, str(Path(__file__).parent))
from merge_helpers import copies, integrity_ok, open_workspace, records  # noqa: E402


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pair(demo_source, tmp_path):
    return copies(demo_source, tmp_path, "jo", "sam")


def edit(path: Path, action):
    ws = open_workspace(path)
    try:
        return action(ws)
    finally:
        ws.close()


def first_stories(ws, n=3):
    return sorted(ws.stories.search(), key=lambda s: s.id)[:n]


def test_changes_on_each_laptop_all_come_across_and_twice_changes_nothing(pair):
    jo, sam = pair
    ids = edit(jo, lambda ws: [s.id for s in first_stories(ws)])
    edit(jo, lambda ws: ws.stories.update(ids[0], title="Title changed by Jo"))
    edit(sam, lambda ws: ws.stories.update(ids[0], quote="Quote changed by Sam"))  # another field, same story
    edit(sam, lambda ws: ws.stories.update(ids[1], title="Sam's story title"))
    indicator = edit(sam, lambda ws: ws.indicators.active()[0])
    from svdesk.store.indicators_repo import NewReading

    edit(sam, lambda ws: ws.indicators.record_many(indicator.id, [
        NewReading(start=dt.date(2030, 1, 1), end=dt.date(2030, 1, 31), value="5")]))
    plan = preview_merge(jo, sam)
    assert plan.conflicts == []
    assert plan.counts["readings"]["new"] == 1
    assert plan.counts["stories"]["changed"] == 2
    assert "1 new reading" in plan.summary() and "2 stories changed" in plan.summary()
    before = checksum(jo)
    assert checksum(jo) == before  # the preview wrote nothing
    result = apply_merge(jo, sam)
    assert result.backup is not None and result.backup.exists()
    story = edit(jo, lambda ws: ws.stories.get(ids[0]))
    assert (story.title, story.quote) == ("Title changed by Jo", "Quote changed by Sam")
    assert edit(jo, lambda ws: ws.stories.get(ids[1]).title) == "Sam's story title"
    assert any(r.start == dt.date(2030, 1, 1) for r in edit(jo, lambda ws: ws.indicators.readings(indicator.id)))
    # The search index follows the merged records.
    assert [s.id for s in edit(jo, lambda ws: ws.stories.search("Quote changed by Sam"))] == [ids[0]]
    # Idempotent, and the other way round gives the same records.
    once = records(jo)
    assert preview_merge(jo, sam).nothing_to_do
    apply_merge(jo, sam)
    assert records(jo) == once
    apply_merge(sam, jo)
    assert records(sam) == records(jo)
    assert integrity_ok(jo) and integrity_ok(sam)


def test_same_field_on_both_laptops_is_asked_and_the_loser_kept_in_history(pair):
    jo, sam = pair
    story_id = edit(jo, lambda ws: first_stories(ws)[0].id)
    edit(jo, lambda ws: ws.stories.update(story_id, title="Jo's title"))
    edit(sam, lambda ws: ws.stories.update(story_id, title="Sam's title"))
    plan = preview_merge(jo, sam)
    [conflict] = plan.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs, conflict.kind) == ("title", "Jo's title", "Sam's title", "story")
    assert "1 story changed on both laptops" in plan.summary()
    before = checksum(jo)
    with pytest.raises(MergeRefused, match="changed on both laptops"):
        apply_merge(jo, sam)
    assert checksum(jo) == before
    apply_merge(jo, sam, choices={conflict.key: "theirs"})
    assert edit(jo, lambda ws: ws.stories.get(story_id).title) == "Sam's title"
    conn = sqlite3.connect(jo)
    past = [row[0] for row in conn.execute(
        "SELECT row_json FROM row_history WHERE tbl = 'stories' AND id = ?", [story_id])]
    conn.close()
    assert any("Jo's title" in text for text in past if text)
    # Sam brings Jo's copy in: Jo's result is a descendant of Sam's record, so nothing is asked.
    assert preview_merge(sam, jo).conflicts == []
    apply_merge(sam, jo)
    assert records(sam) == records(jo)


def test_prefer_decides_every_conflict_and_is_symmetric(pair, tmp_path):
    jo, sam = pair
    story_id = edit(jo, lambda ws: first_stories(ws)[0].id)
    edit(jo, lambda ws: ws.stories.update(story_id, quote="Jo"))
    edit(sam, lambda ws: ws.stories.update(story_id, quote="Sam"))
    jo2, sam2 = copies(jo, tmp_path, "jo2")[0], copies(sam, tmp_path, "sam2")[0]
    apply_merge(jo, sam, prefer="theirs")
    apply_merge(sam2, jo2, prefer="mine")
    assert records(jo) == records(sam2)


def test_withdrawn_consent_is_never_undone(pair):
    jo, sam = pair
    story = edit(jo, lambda ws: next(s for s in first_stories(ws, 20)
                                     if ws.stories.consent_for(s.id).withdrawn_on is None))
    edit(jo, lambda ws: ws.stories.withdraw(story.id, dt.date(2026, 5, 1), "asked by phone"))
    # Sam, not knowing, changes the same consent record (and even clears a withdrawal date).
    edit(sam, lambda ws: ws.stories.save_consent(story.id, replace(ws.stories.consent_for(story.id),
                                                                   recorded_by="Sam", withdrawn_on=None)))
    for mine, other in ((jo, sam), (sam, jo)):
        apply_merge(mine, other, prefer="theirs")
        consent = edit(mine, lambda ws: ws.stories.consent_for(story.id))
        assert consent.withdrawn_on == dt.date(2026, 5, 1)
    plan_notes = preview_merge(jo, sam).notes
    assert plan_notes == [] or all("withdrawal" in n for n in plan_notes)


def test_submitted_answer_is_never_changed(pair):
    jo, sam = pair
    tender = edit(jo, lambda ws: next(t for t in ws.tenders.all() if t.status.value == "drafting"))
    edit(jo, lambda ws: ws.tenders.save_answer_text(tender.id, "The answer as Jo sent it."))
    edit(jo, lambda ws: ws.tenders.submit(tender.id, "The answer as Jo sent it.", dt.date(2026, 6, 1)))
    edit(sam, lambda ws: ws.tenders.save_answer_text(tender.id, "Sam's later draft."))
    plan = preview_merge(sam, jo)
    assert any("as submitted" in note for note in plan.notes)
    apply_merge(sam, jo, prefer="mine")  # even preferring the draft
    assert edit(sam, lambda ws: ws.tenders.answer(tender.id).text) == "The answer as Jo sent it."
    assert edit(sam, lambda ws: ws.tenders.latest_submission(tender.id).text) == "The answer as Jo sent it."
    apply_merge(jo, sam, prefer="theirs")
    assert edit(jo, lambda ws: ws.tenders.answer(tender.id).text) == "The answer as Jo sent it."


def test_bin_on_one_laptop_and_edit_on_the_other_keeps_the_edited_record(pair):
    jo, sam = pair
    story = edit(jo, lambda ws: first_stories(ws)[0])
    edit(jo, lambda ws: ws.stories.remove(story.id))
    edit(sam, lambda ws: ws.stories.update(story.id, quote="Still matters"))
    plan = preview_merge(jo, sam)
    assert any("moved to the bin" in note for note in plan.notes)
    apply_merge(jo, sam)
    assert edit(jo, lambda ws: ws.stories.exists(story.id))
    assert edit(jo, lambda ws: ws.stories.get(story.id).quote) == "Still matters"
    assert story.id in [s.id for s in edit(jo, lambda ws: ws.stories.search())]
    apply_merge(sam, jo)
    assert records(sam) == records(jo)


def test_bin_without_an_edit_elsewhere_comes_across(pair):
    jo, sam = pair
    story = edit(jo, lambda ws: first_stories(ws)[0])
    edit(sam, lambda ws: ws.stories.remove(story.id))
    apply_merge(jo, sam)
    assert not edit(jo, lambda ws: ws.stories.exists(story.id))


def test_evidence_files_come_across_once(pair):
    jo, sam = pair
    story = edit(sam, lambda ws: first_stories(ws)[0])
    edit(sam, lambda ws: ws.attachments.add("stories", story.id, "photo.png", b"\x89PNG same bytes"))
    edit(sam, lambda ws: ws.attachments.add("stories", story.id, "again.png", b"\x89PNG same bytes"))
    plan = preview_merge(jo, sam)
    assert plan.counts["blobs"]["new"] == 1 and plan.counts["attachments"]["new"] == 2
    apply_merge(jo, sam)
    assert [a.filename for a in edit(jo, lambda ws: ws.attachments.list_for("stories", story.id))
            if a.filename in ("photo.png", "again.png")]
    conn = sqlite3.connect(jo)
    assert conn.execute("SELECT count(*) FROM blobs WHERE data = ?", [b"\x89PNG same bytes"]).fetchone()[0] == 1
    conn.close()


def test_hard_deleted_link_and_new_twins(pair):
    """A story's indicator link removed on one laptop comes across; the same month's reading
    entered on both laptops becomes one reading (a choice when the values differ)."""
    from svdesk.store.indicators_repo import NewReading

    jo, sam = pair
    indicator = edit(jo, lambda ws: ws.indicators.active()[0])
    one = [NewReading(start=dt.date(2031, 3, 1), end=dt.date(2031, 3, 31), value="7")]
    edit(jo, lambda ws: ws.indicators.record_many(indicator.id, one))
    edit(sam, lambda ws: ws.indicators.record_many(indicator.id, [replace(one[0], value="9")]))
    plan = preview_merge(jo, sam)
    [conflict] = plan.conflicts
    assert (conflict.kind, conflict.mine, conflict.theirs) == ("reading", "7", "9")
    apply_merge(jo, sam, prefer="theirs")
    readings = [r for r in edit(jo, lambda ws: ws.indicators.readings(indicator.id)) if r.start.year == 2031]
    assert [str(r.value) for r in readings] == ["9"]
    assert preview_merge(jo, sam).nothing_to_do  # the twin is remembered


def test_refusals_change_nothing(pair, tmp_path, demo_source):
    jo, sam = pair
    before = checksum(jo)
    with pytest.raises(MergeRefused, match="this file itself"):
        preview_merge(jo, jo)
    link = tmp_path / "link.svdesk"
    link.symlink_to(jo)
    with pytest.raises(MergeRefused, match="this file itself"):
        apply_merge(jo, link)
    other_org = create_workspace(tmp_path / "Other.svdesk")
    other_org.close()
    with pytest.raises(MergeRefused, match="another organisation"):
        apply_merge(jo, tmp_path / "Other.svdesk")
    from svdesk.store.demo import write_demo

    unrelated = write_demo(tmp_path / "separate-demo.svdesk")  # same organisation id, no shared past
    with pytest.raises(MergeRefused, match="not made from a copy"):
        apply_merge(jo, unrelated)
    newer = copies(sam, tmp_path, "newer")[0]
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(MergeRefused, match="newer version"):
        apply_merge(jo, newer)
    with pytest.raises(MergeRefused, match="no such file"):
        apply_merge(jo, tmp_path / "missing.svdesk")
    assert checksum(jo) == before


def test_lock_respected_on_both_copies(pair):
    jo, sam = pair
    story_id = edit(sam, lambda ws: first_stories(ws)[0].id)
    edit(sam, lambda ws: ws.stories.update(story_id, title="New"))
    holder = open_workspace(sam)  # the other copy open in another svdesk window
    try:
        with pytest.raises(MergeRefused, match="Close it there first"):
            apply_merge(jo, sam)
        with pytest.raises(MergeRefused, match="Close it there first"):
            preview_merge(jo, sam)
    finally:
        holder.close()
    holder = open_workspace(jo)  # this copy open elsewhere
    try:
        with pytest.raises(MergeRefused, match="open in another svdesk window"):
            apply_merge(jo, sam)
    finally:
        holder.close()
    apply_merge(jo, sam)  # closed: now it merges
    assert edit(jo, lambda ws: ws.stories.get(story_id).title) == "New"


def test_copy_name_is_per_computer(demo_copy, monkeypatch):
    from svdesk.store import copy_identity

    ws = open_workspace(demo_copy)
    try:
        assert copy_identity.copy_name(ws) is None
        assert copy_identity.ensure_copy_name(ws) == copy_identity.default_copy_name()
        assert copy_identity.set_copy_name(ws, "  Jo's\nlaptop ") == "Jo's laptop"
        assert copy_identity.copy_name(ws) == "Jo's laptop"
        original = copy_identity.this_computer()
        monkeypatch.setattr(copy_identity, "this_computer", lambda: "sam@other-laptop")
        assert copy_identity.copy_name(ws) is None  # the file was copied to another computer
        assert copy_identity.stored_copy_name(ws.file) == "Jo's laptop"  # seen from Sam's laptop
        monkeypatch.setattr(copy_identity, "this_computer", lambda: original)
        assert copy_identity.stored_copy_name(ws.file) is None  # a copy of this laptop's own file
    finally:
        ws.close()


def _as_if_older(path: Path) -> None:
    """The file as the svdesk before record versions saved it (migration m011 not applied)."""
    from svdesk.store.migrations import SCHEMA_VERSION

    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_rv_%'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE row_versions")
    conn.execute("DROP TABLE row_history")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_row_versions'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()


def test_copies_saved_by_the_older_svdesk(pair, svdesk):
    """Both copies upgraded separately still agree on every unchanged record; the other copy is
    read through an upgraded temporary copy and never written; a record changed before the
    upgrade has no known common past, so it is asked about."""
    jo, sam = pair
    story_id = edit(jo, lambda ws: first_stories(ws)[0].id)
    _as_if_older(jo)
    _as_if_older(sam)
    conn = sqlite3.connect(sam)
    conn.execute("UPDATE stories SET quote = 'Typed on Sam''s laptop before the upgrade' WHERE id = ?", [story_id])
    conn.commit()
    conn.close()
    untouched = checksum(sam)
    run = ["merge", jo, sam]
    left = svdesk(*run)
    assert left.returncode == 3, left.stderr
    assert "Typed on Sam's laptop" in left.stderr
    done = svdesk(*run, "--prefer", "theirs")
    assert done.returncode == 0, done.stderr
    assert edit(jo, lambda ws: ws.stories.get(story_id).quote) == "Typed on Sam's laptop before the upgrade"
    assert checksum(sam) == untouched
    assert integrity_ok(jo)


def test_a_plan_is_used_again_only_while_both_files_are_unchanged(pair):
    from svdesk.services.merge import merge_into, open_for_merge, preview_into

    jo, sam = pair
    story_id = edit(sam, lambda ws: first_stories(ws)[0].id)
    edit(sam, lambda ws: ws.stories.update(story_id, title="First"))
    mine = open_for_merge(jo)
    try:
        plan = preview_into(mine, sam)
        edit(sam, lambda ws: ws.stories.update(story_id, title="Second"))  # changed after the preview
        merge_into(mine, sam, plan=plan)
    finally:
        mine.close()
    assert edit(jo, lambda ws: ws.stories.get(story_id).title) == "Second"


def test_two_live_records_for_one_month_are_refused_whole(pair):
    """Jo moved a reading to the bin and entered the month again; Sam edited the old reading, so
    the bin rule brings it back: two live readings for one month cannot both stay. Refused,
    nothing changed (the transaction is rolled back whole)."""
    from svdesk.store.indicators_repo import NewReading

    jo, sam = pair
    indicator = edit(jo, lambda ws: ws.indicators.active()[0])
    month = NewReading(start=dt.date(2032, 4, 1), end=dt.date(2032, 4, 30), value="3")
    [old_id] = edit(jo, lambda ws: ws.indicators.record_many(indicator.id, [month]))
    apply_merge(sam, jo)
    edit(jo, lambda ws: ws.indicators.delete_reading(old_id))
    edit(jo, lambda ws: ws.indicators.record_many(indicator.id, [replace(month, value="4")]))
    edit(sam, lambda ws: ws.indicators.update_reading(old_id, note="Counted again by Sam"))
    before = records(jo)
    with pytest.raises(MergeRefused, match="same thing"):
        apply_merge(jo, sam)
    assert records(jo) == before


def test_a_withdrawal_undone_on_a_later_copy_is_not_undone_here(pair):
    """Sam's copy already had Jo's withdrawal, then someone cleared it there: bringing Sam's copy
    in keeps the withdrawal here all the same."""
    jo, sam = pair
    story = edit(jo, lambda ws: next(s for s in first_stories(ws, 20)
                                     if ws.stories.consent_for(s.id).withdrawn_on is None))
    edit(jo, lambda ws: ws.stories.withdraw(story.id, dt.date(2026, 5, 1)))
    apply_merge(sam, jo)
    edit(sam, lambda ws: ws.stories.save_consent(story.id, replace(ws.stories.consent_for(story.id), withdrawn_on=None)))
    plan = preview_merge(jo, sam)
    assert any("withdrawal" in note for note in plan.notes)
    apply_merge(jo, sam)
    assert edit(jo, lambda ws: ws.stories.consent_for(story.id).withdrawn_on) == dt.date(2026, 5, 1)
    assert preview_merge(jo, sam).nothing_to_do


def _search_index_as_rebuilt(path: Path) -> tuple[list, list]:
    """The search text each story has, and what folding every story afresh would give."""
    from svdesk.store.stories_rows import story_from_row, text_row

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        held = sorted((r["story_id"], r["title"], r["quote"], r["body"], r["tags"]) for r in conn.execute(
            "SELECT l.story_id, t.title, t.quote, t.body, t.tags FROM story_list l JOIN story_text t ON t.rowid = l.rowid"))
        fresh = sorted((r["id"], *text_row(story_from_row(dict(r))).values()) for r in conn.execute("SELECT * FROM stories"))
        return held, fresh
    finally:
        conn.close()


def test_a_merge_refolds_only_the_changed_parts_and_the_search_index_stays_exact(pair):
    # The merge folds again only the parts of a story's search text whose fields changed (the
    # slow part of bringing in many stories): every part must still equal a fresh fold.
    jo, sam = pair
    ids = edit(jo, lambda ws: [s.id for s in first_stories(ws, 4)])
    edit(jo, lambda ws: ws.stories.update(ids[0], title="Cafetería Łódź opened"))
    edit(sam, lambda ws: ws.stories.update(ids[0], before="Zoëtrope velocipedes wanted", keywords=("Ærø", "repair")))
    edit(sam, lambda ws: ws.stories.update(ids[1], person_name="Siân Øster"))
    edit(sam, lambda ws: ws.stories.update(ids[2], quote="Straße ﬁne", anonymous_as="Kłodzko wanderer"))
    edit(sam, lambda ws: ws.stories.update(ids[3], status="ready"))  # nothing searched changed
    edit(sam, lambda ws: ws.stories.new(title="Brand new from Sam"))
    apply_merge(jo, sam)
    held, fresh = _search_index_as_rebuilt(jo)
    assert held == fresh
    found = lambda words: sorted(s.id for s in edit(jo, lambda ws: ws.stories.search(words)))  # noqa: E731
    assert found("cafeteria lodz") == [ids[0]] and found("zoetrope velocipedes") == [ids[0]] and found("aero") == [ids[0]]
    assert found("sian oster") == [ids[1]] and found("strasse fine") == [ids[2]] and found("klodzko") == [ids[2]]
    assert len(found("brand new from sam")) == 1
    conn = sqlite3.connect(str(jo))
    try:
        conn.execute("INSERT INTO story_fts (story_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_versions_compared_by_sqlite_agree_with_the_comparison_in_python(pair, monkeypatch):
    # A big file's versions are compared by SQLite over both files (only the differences are
    # read); a file that cannot be attached is compared in Python. Both find the same changes.
    from svdesk.store import merge_engine

    jo, sam = pair
    ids = edit(jo, lambda ws: [s.id for s in first_stories(ws, 3)])
    edit(jo, lambda ws: ws.stories.update(ids[0], title="Jo's title"))
    edit(sam, lambda ws: ws.stories.update(ids[0], title="Sam's title"))
    edit(sam, lambda ws: ws.stories.update(ids[1], quote="Sam's quote"))
    edit(sam, lambda ws: ws.stories.remove(ids[2]))
    edit(sam, lambda ws: ws.stories.new(title="New from Sam"))

    def found(in_sql: bool):
        if not in_sql:
            monkeypatch.setattr(merge_engine, "_compare_in_sql", lambda mine, theirs: None)
        mine, theirs = sqlite3.connect(str(jo)), sqlite3.connect(f"file:{sam}?mode=ro", uri=True)
        try:
            compared = merge_engine._compare_in_sql(merge_engine.Reader(mine), merge_engine.Reader(theirs))
            rows = merge_engine.diff(merge_engine.Reader(mine), merge_engine.Reader(theirs), "Sam").rows
            assert mine.execute("PRAGMA database_list").fetchall()[1:] == []  # detached again
            return compared, [(r.table, r.id, r.action, r.theirs_version, r.decision.result) for r in rows]
        finally:
            mine.close()
            theirs.close()

    compared, in_sql = found(True)
    assert compared is not None and compared[0] and compared[1] > 0
    assert {key for key in compared[2] if key[0] == "stories"} >= {("stories", ids[0]), ("stories", ids[1])}
    assert found(False)[1] == in_sql
    assert {(table, action) for table, _, action, *_ in in_sql} >= {("stories", "conflict"), ("stories", "changed"),
                                                                    ("stories", "new")}
