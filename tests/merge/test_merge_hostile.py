"""A second pair of eyes on bringing another copy in (issue 18): the other copy is a file anyone
could have made, and consent taken back on one laptop is never given back by the other."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from svdesk.domain.consent import IdLevel, Use
from svdesk.services.merge import MergeRefused, apply_merge, preview_merge

sys.path.insert(0, str(Path(__file__).parent))
from merge_helpers import copies, open_workspace, records  # noqa: E402

# What must never reach a terminal or a window from another file: escapes, bells, NUL,
# backspaces, and the marks that reorder text.
HIDDEN = ("\x1b", "\x07", "\x00", "\x08", "\u202e", "\u2066")


@pytest.fixture
def run(svdesk):
    """``svdesk ARGS`` as a person runs it: in this process in the fast suite, and again in a child
    process in the whole suite (the ``svdesk`` fixture in tests/conftest.py)."""
    return svdesk


def _raw_story_edit(path: Path, **values) -> None:
    """As a hand-made or damaged file would hold it: straight into the table (the triggers
    still keep the record's version, as they do for every writer)."""
    conn = sqlite3.connect(path)
    try:
        story_id = conn.execute("SELECT id FROM stories ORDER BY id LIMIT 1").fetchone()[0]
        sets = ", ".join(f"{column} = {expression}" for column, expression in values.items())
        conn.execute(f"UPDATE stories SET {sets} WHERE id = ?", [story_id])
        conn.commit()
    finally:
        conn.close()


def test_control_characters_in_conflicts_never_reach_the_terminal(demo_source, tmp_path, run):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    _raw_story_edit(jo, title="'Jo' || char(27) || '[31mRED' || char(7) || char(0) || 'x' || char(8238) || "
                              "'evil' || printf('%.5000c', 'y')",
                    quote="'q' || char(27) || ']0;pwned' || char(7) || 'jo'")
    _raw_story_edit(sam, title="'Sam' || char(13) || char(10) || 'line2' || char(8) || char(8) || char(8294)",
                    quote="'q' || char(27) || ']0;pwned' || char(7) || 'sam'")
    left = run("merge", jo, sam)
    assert left.returncode == 3, left.stderr
    shown = left.stdout + left.stderr
    assert "Traceback" not in shown
    for char in HIDDEN:
        assert char not in shown, repr(char)
    assert "Jo[31mRED" in shown and "Sam line2" in shown  # the words are still there to choose from
    # Each conflict is one line: a line break in a value does not break the listing.
    listed = [line for line in left.stderr.splitlines() if line.startswith("  - ")]
    assert len(listed) == 2


def test_hostile_words_are_printable_in_the_plan(demo_source, tmp_path):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    _raw_story_edit(jo, title="'mine' || char(27) || '[2J'")
    _raw_story_edit(sam, title="'theirs' || char(7) || char(8238)")
    conn = sqlite3.connect(sam)
    conn.execute("UPDATE organisation SET name = name")  # the other copy stays of this organisation
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('copy_name', 'Sam' || char(27) || '[31m')")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('copy_host', 'elsewhere@nowhere')")
    conn.commit()
    conn.close()
    plan = preview_merge(jo, sam)
    words = [plan.theirs_name, *plan.notes] + [text for c in plan.conflicts for text in (c.label, c.mine, c.theirs)]
    assert plan.conflicts
    for text in words:
        for char in HIDDEN:
            assert char not in text, (char, text)
    assert plan.theirs_name == "Sam[31m"


def test_text_that_is_not_text_is_refused_plainly(demo_source, tmp_path, run):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    _raw_story_edit(sam, title="CAST(x'41ff42' AS TEXT)")  # not UTF-8: no program of ours writes this
    before = jo.read_bytes()
    done = run("merge", jo, sam)
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "cannot read" in done.stderr and "Traceback" not in done.stderr and "unexpected" not in done.stderr
    assert jo.read_bytes() == before


# -- consent taken back on one laptop ------------------------------------------------------------
def _given_story(path: Path) -> str:
    """A story whose consent is given for every use, named, without expiry: the widest."""
    ws = open_workspace(path)
    try:
        story_id = min(story.id for story in ws.stories.search())
        consent = ws.stories.consent_for(story_id)
        ws.stories.save_consent(story_id, replace(
            consent, given=True, given_on=dt.date(2025, 1, 6), method=consent.method or _signed(),
            uses=frozenset({Use.INTERNAL, Use.TENDERS_FUNDERS, Use.PUBLIC_REPORTS}), level=IdLevel.FIRST_NAME,
            expires_on=dt.date(2027, 12, 31), withdrawn_on=None, withdrawal_note=""))
        return story_id
    finally:
        ws.close()


def _signed():
    from svdesk.domain.consent import Method

    return Method.SIGNED_FORM


def _change_consent(path: Path, story_id: str, **changes) -> None:
    ws = open_workspace(path)
    try:
        ws.stories.save_consent(story_id, replace(ws.stories.consent_for(story_id), **changes))
    finally:
        ws.close()


def _consent(path: Path, story_id: str):
    ws = open_workspace(path, read_only=True)
    try:
        return ws.stories.consent_for(story_id)
    finally:
        ws.close()


@pytest.fixture
def given_copies(demo_source, tmp_path):
    """Two laptops' copies that last met with a story's consent given widely."""
    source = tmp_path / "source.svdesk"
    source.write_bytes(demo_source.read_bytes())
    story_id = _given_story(source)
    jo, sam = copies(source, tmp_path, "jo", "sam")
    return jo, sam, story_id


@pytest.mark.parametrize("prefer", ["mine", "theirs"])
def test_a_use_taken_back_on_one_laptop_stays_taken_back(given_copies, prefer):
    jo, sam, story_id = given_copies
    # Jo hears the person no longer wants it in tenders; Sam adds the website they agreed to.
    _change_consent(jo, story_id, uses=frozenset({Use.INTERNAL, Use.PUBLIC_REPORTS}))
    _change_consent(sam, story_id, uses=frozenset({Use.INTERNAL, Use.TENDERS_FUNDERS, Use.PUBLIC_REPORTS,
                                                     Use.WEBSITE_SOCIAL}))
    plan = preview_merge(jo, sam)
    assert not [c for c in plan.conflicts if c.field == "uses"]  # never a choice: nothing to get wrong
    apply_merge(jo, sam, prefer=prefer)
    apply_merge(sam, jo, prefer=prefer)
    expected = {Use.INTERNAL, Use.PUBLIC_REPORTS, Use.WEBSITE_SOCIAL}
    assert _consent(jo, story_id).uses == expected
    assert _consent(sam, story_id).uses == expected
    assert records(jo)["story_consents"] == records(sam)["story_consents"]


@pytest.mark.parametrize("prefer", ["mine", "theirs"])
def test_the_narrower_level_and_expiry_stand_when_both_laptops_changed_them(given_copies, prefer):
    jo, sam, story_id = given_copies
    _change_consent(jo, story_id, level=IdLevel.ANONYMOUS, expires_on=dt.date(2026, 3, 31))
    _change_consent(sam, story_id, level=IdLevel.NAMED, expires_on=None)  # widened meanwhile
    plan = preview_merge(jo, sam)
    assert not [c for c in plan.conflicts if c.field in ("level", "expires_on")]
    assert any("narrower consent" in note for note in plan.notes)
    apply_merge(sam, jo, prefer=prefer)
    consent = _consent(sam, story_id)
    assert consent.level is IdLevel.ANONYMOUS and consent.expires_on == dt.date(2026, 3, 31)


def test_photo_consent_taken_back_on_one_laptop_stays_off(given_copies):
    jo, sam, story_id = given_copies
    _change_consent(jo, story_id, photos=True)
    apply_merge(sam, jo)  # both now have photos ticked
    _change_consent(jo, story_id, photos=False)  # the person took the photos back on Jo's laptop
    _change_consent(sam, story_id, told="Told again at the allotment", level=IdLevel.NAMED)
    apply_merge(sam, jo, prefer="theirs")
    apply_merge(jo, sam, prefer="mine")
    for path in (jo, sam):
        consent = _consent(path, story_id)
        assert consent.photos is False and consent.told == "Told again at the allotment"


def test_a_withdrawal_on_one_laptop_survives_every_edit_and_preference_on_the_other(given_copies):
    jo, sam, story_id = given_copies
    ws = open_workspace(jo)
    try:
        ws.stories.withdraw(story_id, dt.date(2026, 2, 1), "asked on the phone")
    finally:
        ws.close()
    _change_consent(sam, story_id, uses=frozenset(Use), level=IdLevel.NAMED, expires_on=None, photos=True)
    apply_merge(sam, jo, prefer="mine")
    apply_merge(jo, sam, prefer="theirs")
    for path in (jo, sam):
        consent = _consent(path, story_id)
        assert consent.withdrawn_on == dt.date(2026, 2, 1)
        assert consent.state(dt.date(2026, 6, 1)).name == "WITHDRAWN"
    assert records(jo)["story_consents"] == records(sam)["story_consents"]


# -- three laptops -------------------------------------------------------------------------------
def test_the_same_months_reading_from_two_laptops_travels_through_a_third_without_refusal(demo_source, tmp_path):
    """Ann and Ben each enter March; Cat brings in Ben, then Ann (who had Ben's): before, Ann
    bringing Cat in found Ben's reading "changed since removed" and refused for good."""
    from svdesk.store.indicators_repo import NewReading

    ann, ben, cat = copies(demo_source, tmp_path, "ann", "ben", "cat")

    def edit(path, action):
        ws = open_workspace(path)
        try:
            return action(ws)
        finally:
            ws.close()

    indicator = edit(ann, lambda ws: ws.indicators.active()[0])
    march = NewReading(start=dt.date(2031, 3, 1), end=dt.date(2031, 3, 31), value="7")
    for path in (ann, ben):
        edit(path, lambda ws: ws.indicators.record_many(indicator.id, [march]))

    def march_values(path):
        return [str(r.value) for r in edit(path, lambda ws: ws.indicators.readings(indicator.id))
                if r.start == march.start]

    for mine, other in ((ann, ben), (cat, ben), (cat, ann), (ann, cat), (ben, cat), (ben, ann), (ann, ben)):
        apply_merge(mine, other, prefer="mine")
    assert march_values(ann) == march_values(ben) == march_values(cat) == ["7"]
    # Later edits of it on any laptop come across without a question (the twins share a past).
    [reading] = [r for r in edit(ann, lambda ws: ws.indicators.readings(indicator.id)) if r.start == march.start]
    edit(ann, lambda ws: ws.indicators.update_reading(reading.id, value="8"))
    for mine, other in ((cat, ann), (ben, cat), (ann, ben)):
        plan = preview_merge(mine, other)
        assert plan.conflicts == []
        apply_merge(mine, other)
    assert march_values(ann) == march_values(ben) == march_values(cat) == ["8"]
    for path in (ann, ben, cat):
        assert preview_merge(path, ann if path != ann else cat).nothing_to_do


def test_a_choice_is_never_applied_to_a_value_nobody_saw(demo_source, tmp_path):
    """The other copy changes (a sync folder, its laptop) between the preview and the merge: the
    person ticked "theirs" for Sam's first title; Sam's second title must not come in by it."""
    from svdesk.services.merge import merge_into, open_for_merge, preview_into

    jo, sam = copies(demo_source, tmp_path, "jo", "sam")

    def retitle(path, title):
        ws = open_workspace(path)
        try:
            story_id = min(story.id for story in ws.stories.search())
            ws.stories.update(story_id, title=title)
            return story_id
        finally:
            ws.close()

    retitle(jo, "Jo's title")
    story_id = retitle(sam, "Sam's first title")
    mine = open_for_merge(jo)
    try:
        plan = preview_into(mine, sam)
        [conflict] = plan.conflicts
        assert conflict.theirs == "Sam's first title"
        retitle(sam, "Sam's second title")
        with pytest.raises(MergeRefused, match="changed since"):
            merge_into(mine, sam, {conflict.key: "theirs"}, plan=plan)
        assert mine.conn.execute("SELECT title FROM stories WHERE id = ?", [story_id]).fetchone()[0] == "Jo's title"
        # Looked at again, the choice is made on what is there now.
        plan = preview_into(mine, sam)
        merge_into(mine, sam, {plan.conflicts[0].key: "theirs"}, plan=plan)
        assert mine.conn.execute("SELECT title FROM stories WHERE id = ?", [story_id]).fetchone()[0] == \
            "Sam's second title"
    finally:
        mine.close()


def _can_mount_read_only() -> bool:
    import shutil

    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "--", "mount", "--make-rprivate", "/"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs a private mount namespace to make read-only media")
# Without a journal in the whole suite only: the fast representative is the copy with its
# journal (-wal) beside it, read from the same read-only mount.
@pytest.mark.parametrize("with_journal", [pytest.param(False, marks=pytest.mark.slow), True])
def test_a_copy_on_read_only_media_is_brought_in(demo_source, tmp_path, with_journal):
    """A USB stick mounted read-only: before, SQLite could not read the copy there and svdesk
    said it was damaged. Changes still in its journal (-wal) come across too."""
    import os
    import shlex

    stick, mounted = tmp_path / "stick", tmp_path / "mounted"
    stick.mkdir()
    mounted.mkdir()
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    code = ("import os, sys\nfrom svdesk.store.workspace import open_workspace\n"
            "ws = open_workspace(sys.argv[1])\n"
            "story = min(ws.stories.search(), key=lambda s: s.id)\n"
            "ws.stories.update(story.id, title='Written on the stick')\n"
            + ("os._exit(0)\n" if with_journal else "ws.close()\n"))
    other = stick / "sam.svdesk"
    sam.rename(other)
    subprocess.run([sys.executable, "-c", code, str(other)], check=True, timeout=120)
    assert (Path(f"{other}-wal").exists() and Path(f"{other}-wal").stat().st_size > 0) == with_journal
    Path(f"{other}.lock").unlink(missing_ok=True)
    Path(f"{other}-shm").unlink(missing_ok=True)
    script = (f"mount --bind {shlex.quote(str(stick))} {shlex.quote(str(mounted))} && "
              f"mount -o remount,ro,bind {shlex.quote(str(mounted))} && "
              f"{shlex.quote(sys.executable)} -m svdesk merge {shlex.quote(str(jo))} "
              f"{shlex.quote(str(mounted / 'sam.svdesk'))}")
    done = subprocess.run(["unshare", "-m", "--", "sh", "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ})
    assert done.returncode == 0, done.stderr
    assert "damaged" not in done.stderr
    ws = open_workspace(jo, read_only=True)
    try:
        assert min(ws.stories.search(), key=lambda s: s.id).title == "Written on the stick"
    finally:
        ws.close()


@pytest.mark.parametrize("breakage", ["check", "not null"])
def test_a_record_that_breaks_the_rules_is_refused_truthfully(demo_source, tmp_path, breakage, run):
    """Before, any refused record was explained as "two readings for one month"."""
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    conn = sqlite3.connect(sam)
    conn.execute("PRAGMA ignore_check_constraints = 1")
    consent_id = conn.execute("SELECT id FROM story_consents ORDER BY id LIMIT 1").fetchone()[0]
    if breakage == "check":
        conn.execute("UPDATE story_consents SET method = 'telepathy' WHERE id = ?", [consent_id])
    else:  # a table rebuilt by another program without the rule, then a record without a title
        story_id = conn.execute("SELECT id FROM stories ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("PRAGMA writable_schema = ON")
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'stories'").fetchone()[0]
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'stories'",
                     [sql.replace("title TEXT NOT NULL", "title TEXT", 1)])
        conn.commit()
        conn.close()
        conn = sqlite3.connect(sam)
        conn.execute("UPDATE stories SET title = NULL WHERE id = ?", [story_id])
    conn.commit()
    conn.close()
    before = jo.read_bytes()
    done = run("merge", jo, sam)
    assert done.returncode == 1, done.stderr
    assert "break svdesk's rules" in done.stderr and "readings for one month" not in done.stderr
    assert jo.read_bytes() == before


# -- a day counted once ---------------------------------------------------------------------------
def _indicator(path: Path, taking_part: bool):
    from svdesk.domain.counting import Counting

    ws = open_workspace(path)
    try:
        return next(i for i in ws.indicators.active() if (i.how_counted is Counting.TAKING_PART) == taking_part)
    finally:
        ws.close()


def _record(path: Path, indicator_id: str, start: dt.date, end: dt.date, value: str) -> None:
    from svdesk.store.indicators_repo import NewReading

    ws = open_workspace(path)
    try:
        ws.indicators.record_many(indicator_id, [NewReading(start=start, end=end, value=value)])
    finally:
        ws.close()


def _year(path: Path) -> tuple[dt.date, dt.date]:
    from svdesk.domain.periods import year_containing

    ws = open_workspace(path, read_only=True)
    try:
        fy = year_containing(dt.date(2031, 3, 15), ws.indicators.year_end())
        return fy.start, fy.end
    finally:
        ws.close()


def test_a_month_on_one_laptop_and_the_whole_year_on_the_other_are_never_added_up_twice(demo_source, tmp_path, run):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    indicator = _indicator(jo, taking_part=False)
    start, end = _year(jo)
    _record(jo, indicator.id, dt.date(2031, 3, 1), dt.date(2031, 3, 31), "5")
    _record(sam, indicator.id, start, end, "60")
    before = jo.read_bytes()
    done = run("merge", jo, sam)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "overlap" in done.stderr and indicator.name in done.stderr and "Traceback" not in done.stderr
    assert jo.read_bytes() == before
    with pytest.raises(MergeRefused, match="counted twice"):
        apply_merge(sam, jo)


def test_a_yearly_count_of_people_beside_their_months_comes_in(demo_source, tmp_path):
    source = tmp_path / "source.svdesk"
    source.write_bytes(demo_source.read_bytes())
    conn = sqlite3.connect(source)  # one indicator counts people taking part (the demo has none)
    conn.execute("UPDATE indicators SET counting = 'taking_part' WHERE unit = 'people'")
    conn.commit()
    conn.close()
    jo, sam = copies(source, tmp_path, "jo", "sam")
    indicator = _indicator(jo, taking_part=True)
    start, end = _year(jo)
    _record(jo, indicator.id, dt.date(2031, 3, 1), dt.date(2031, 3, 31), "12")
    _record(sam, indicator.id, start, end, "40")  # different people over the year
    apply_merge(jo, sam)
    ws = open_workspace(jo, read_only=True)
    try:
        periods = {(r.start, r.end) for r in ws.indicators.readings(indicator.id)}
    finally:
        ws.close()
    assert {(dt.date(2031, 3, 1), dt.date(2031, 3, 31)), (start, end)} <= periods


@pytest.mark.parametrize("kept", ["not json at all", "{\"title\": 1}", "42"])
def test_a_damaged_past_is_no_base_and_asks_instead_of_failing(demo_source, tmp_path, kept, run):
    """A record's past values (kept by every copy, and brought across by merges from copies
    anyone could have made) that are not what svdesk writes: before, every later merge of that
    record failed with "something unexpected"."""
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    _raw_story_edit(jo, title="'Jo title'")
    _raw_story_edit(sam, quote="'Sam quote'")
    conn = sqlite3.connect(jo)
    conn.execute("UPDATE row_history SET row_json = ? WHERE tbl = 'stories' AND id = "
                 "(SELECT id FROM stories ORDER BY id LIMIT 1)", [kept])
    conn.commit()
    conn.close()
    before = jo.read_bytes()
    done = run("merge", jo, sam)
    assert done.returncode == 3, done.stderr  # both fields differ and nothing says which changed: asked
    assert "Jo title" in done.stderr and "Sam quote" in done.stderr and "unexpected" not in done.stderr
    assert jo.read_bytes() == before
    assert run("merge", jo, sam, "--prefer", "mine").returncode == 0


@pytest.mark.parametrize("table", ["readings", "stories", "story_consents", "tenders"])
def test_a_record_gone_for_good_from_the_other_copy_is_never_removed_here(demo_source, tmp_path, table, run):
    """svdesk only moves these to the bin; a copy where one is simply gone (damaged, or edited by
    another program) must not take this copy's record with it."""
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    conn = sqlite3.connect(sam)  # foreign keys off, as any other program has them
    row_id = conn.execute(f"SELECT id FROM {table} ORDER BY id LIMIT 1").fetchone()[0]
    conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
    conn.commit()
    conn.close()
    done = run("merge", jo, sam)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(jo)
    try:
        assert conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None
    finally:
        conn.close()
    assert run("merge", jo, sam).returncode == 0  # and it stays so, the next time too


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs a private mount namespace to make read-only media")
def test_this_copy_on_read_only_media_can_be_looked_at_and_is_refused_plainly(demo_source, tmp_path):
    """--dry-run only reads this copy: before, on read-only media it was called damaged."""
    import os
    import shlex

    stick, mounted = tmp_path / "stick", tmp_path / "mounted"
    stick.mkdir()
    mounted.mkdir()
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    _raw_story_edit(sam, title="'Sam title'")
    jo.rename(stick / "jo.svdesk")
    mine = shlex.quote(str(mounted / "jo.svdesk"))
    command = f"{shlex.quote(sys.executable)} -m svdesk merge {mine} {shlex.quote(str(sam))}"
    script = (f"mount --bind {shlex.quote(str(stick))} {shlex.quote(str(mounted))} && "
              f"mount -o remount,ro,bind {shlex.quote(str(mounted))} && "
              f"{command} --dry-run; echo \"dry=$?\"; {command}; echo \"real=$?\"")
    done = subprocess.run(["unshare", "-m", "--", "sh", "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ})
    assert "1 story changed" in done.stdout and "dry=0" in done.stdout, done.stderr
    assert "real=1" in done.stdout and "read-only" in done.stderr
    assert "damaged" not in done.stderr and "Traceback" not in done.stderr
