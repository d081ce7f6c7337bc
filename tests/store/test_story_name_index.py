"""The index of stories by name word (migration m010) and the check that reads only the stories a
document could name: every story still counts (bin, other years, a name written behind the
repository's back), a renamed story is looked for by its new name, and what is found is exactly
what a matcher of every story finds."""

import datetime as dt
import json
from dataclasses import replace

import pytest

from svdesk.domain.consent import Consent, IdLevel, Method, Use
from svdesk.domain.exposure import ExposureMatcher
from svdesk.store.exposure_repo import FileMatcher

TODAY = dt.date(2026, 11, 22)
USES = (Use.PUBLIC_REPORTS,)


def _story(workspace, name, level=IdLevel.NAMED, when=dt.date(2026, 5, 1), pseudonym="", uses=frozenset(Use)):
    story = workspace.stories.new(f"{name}'s story", when)
    workspace.stories.update(story.id, person_name=name, pseudonym=pseudonym, level=IdLevel.NAMED)
    workspace.stories.save_consent(story.id, Consent(given=True, given_on=when, method=Method.ONLINE,
                                                     uses=uses, level=level))
    return story.id


def _words(workspace, story_id):
    return {row["token"] for row in workspace.file.query(
        "SELECT token FROM story_name_tokens WHERE story_id = ?", [story_id])}


def _found(workspace, text, uses=USES):
    return [(item.story_id, item.found) for item in workspace.exposure.matcher(uses, TODAY).find(text)]


def test_a_story_is_indexed_by_its_folded_name_and_pseudonym(workspace):
    story_id = _story(workspace, "Łucja Żółkiewska-Nowak", pseudonym="Łucy")
    assert _words(workspace, story_id) == {"lucja", "zolkiewska", "nowak", "lucy"}
    assert workspace.file.query("SELECT * FROM story_names_stale") == []


def test_a_renamed_story_is_looked_for_by_its_new_name_only(workspace):
    story_id = _story(workspace, "Łucja Żółkiewska", level=IdLevel.ANONYMOUS)
    assert _found(workspace, "Thanks to LUCJA zolkiewska.") == [(story_id, "LUCJA zolkiewska")]
    workspace.stories.update(story_id, person_name="Marta Kowalczyk")
    assert _words(workspace, story_id) == {"marta", "kowalczyk"}
    assert _found(workspace, "Thanks to Łucja Żółkiewska.") == []
    assert _found(workspace, "Thanks to Marta\nKowalczyk.") == [(story_id, "Marta\nKowalczyk")]
    workspace.stories.update(story_id, person_name="")
    assert _words(workspace, story_id) == set()
    assert _found(workspace, "Thanks to Marta Kowalczyk.") == []


def test_stories_in_the_bin_and_of_other_years_are_looked_for(workspace):
    old = _story(workspace, "Dafydd Pritchard", when=dt.date(2015, 3, 1))
    binned = _story(workspace, "Siân Gruffudd", when=dt.date(2026, 2, 1))
    workspace.stories.withdraw(old, dt.date(2020, 1, 1))
    workspace.stories.remove(binned)
    found = workspace.exposure.matcher(USES, TODAY).find("Dafydd Pritchard and SIAN GRUFFUDD helped.")
    assert [(item.story_id, item.reason) for item in found] == [
        (old, found[0].reason), (binned, "the story is in the bin")]
    assert found[0].reason.startswith("Consent was withdrawn")


def test_a_name_written_behind_the_repositorys_back_is_still_looked_for(workspace):
    story_id = _story(workspace, "Zofia Nowak", level=IdLevel.FIRST_NAME)
    with workspace.file.write("by hand") as db:
        db.execute("UPDATE stories SET person_name = 'Gwenllïan Evans' WHERE id = ?", [story_id])
    assert _words(workspace, story_id) == {"zofia", "nowak"}  # SQL cannot fold: the index is behind
    assert [row["story_id"] for row in workspace.file.query("SELECT story_id FROM story_names_stale")] == [story_id]
    assert _found(workspace, "Gwenllian Evans came.") == [(story_id, "Gwenllian Evans")]
    workspace.stories.update(story_id, title="Renamed")  # the next save brings the index up to date
    assert _words(workspace, story_id) == {"gwenllian", "evans"}
    assert workspace.file.query("SELECT * FROM story_names_stale") == []


def test_consent_changed_behind_the_repositorys_back_counts(workspace):
    story_id = _story(workspace, "Amélie Laurent")
    assert _found(workspace, "Amélie Laurent came.") == []
    with workspace.file.write("by hand") as db:
        db.execute("UPDATE story_consents SET withdrawn_on = '2026-06-01' WHERE story_id = ?", [story_id])
    assert _found(workspace, "Amélie Laurent came.") == [(story_id, "Amélie Laurent")]
    with workspace.file.write("by hand") as db:
        db.execute("DELETE FROM story_consents WHERE story_id = ?", [story_id])
        db.execute("UPDATE stories SET level = 'anonymous' WHERE id = ?", [story_id])
    assert _found(workspace, "Amélie came.") == [(story_id, "Amélie")]


def test_the_facts_read_follow_every_save(workspace):
    story_id = _story(workspace, "Grzegorz Wiśniewski")
    facts = workspace.file.query_one("SELECT * FROM story_name_facts WHERE story_id = ?", [story_id])
    assert (facts["deleted"], facts["consent_level"], facts["withdrawn_on"]) == (0, "named", None)
    workspace.stories.withdraw(story_id, dt.date(2026, 7, 1))
    workspace.stories.remove(story_id)
    facts = workspace.file.query_one("SELECT * FROM story_name_facts WHERE story_id = ?", [story_id])
    assert (facts["deleted"], facts["withdrawn_on"]) == (1, "2026-07-01")
    assert workspace.file.query("SELECT * FROM story_names_stale") == []


def test_a_story_added_behind_the_repositorys_back_is_looked_for(workspace):
    with workspace.file.write("by hand") as db:
        db.execute("INSERT INTO stories (id, title, person_name, created_at, updated_at) "
                   "VALUES ('hand', 'By hand', 'Kwame Mensah', '2026-01-01', '2026-01-01')")
    assert _found(workspace, "Kwame Mensah came.") == [("hand", "Kwame Mensah")]


def test_the_document_decides_which_stories_are_read(workspace):
    sharing = _story(workspace, "Priya Sharma", level=IdLevel.FIRST_NAME)
    also = _story(workspace, "Priya Bassi")
    other = _story(workspace, "Tomás Ó Briain", level=IdLevel.ANONYMOUS)
    matcher = workspace.exposure.matcher(USES, TODAY)
    assert [item.story_id for item in matcher.find("Priya Sharma spoke.")] == [sharing]
    assert set(matcher._read) == {sharing, also}
    assert other not in matcher._read
    assert matcher.find("Nothing here names anyone.") == []
    assert set(matcher._read) == {sharing, also}


def test_what_is_found_is_what_a_matcher_of_every_story_finds(workspace):
    names = ["Priya Sharma", "Priya Bassi", "Will Green", "Zoë Evans", "Łukasz Nowak", "Seán O'Brien",
             "Małgorzata Nowak-Evans", "Rose May"]
    levels = [IdLevel.FIRST_NAME, IdLevel.NAMED, IdLevel.ANONYMOUS, IdLevel.FIRST_NAME, IdLevel.ANONYMOUS,
              IdLevel.NAMED, IdLevel.FIRST_NAME, IdLevel.ANONYMOUS]
    ids = [_story(workspace, name, level) for name, level in zip(names, levels)]
    workspace.stories.withdraw(ids[5], dt.date(2026, 6, 1))
    consent = workspace.stories.consent_for(ids[1])
    workspace.stories.save_consent(ids[1], replace(consent, uses=frozenset({Use.INTERNAL})))
    texts = ["Priya Sharma and Priya came; Will Green will green the park.", "Thanks Zoë, LUKASZ and Seán O’Brien!",
             "Małgorzata Nowak-Evans met Rose May and Priya Bassi. Straße Nowak.", "met Will", "Evans"]
    exposures = 0
    for uses in (USES, (Use.TENDERS_FUNDERS,), (Use.INTERNAL,)):
        everyone = FileMatcher(workspace.file, uses, TODAY, indexed=False)
        everyone.find("x")
        whole = ExposureMatcher(story for _order, story in sorted(everyone._read.values(), key=lambda i: i[0]))
        for text in texts:
            assert sorted(workspace.exposure.matcher(uses, TODAY).find(text), key=repr) == \
                sorted(whole.find(text), key=repr), (uses, text)
            exposures += len(whole.find(text))
    assert exposures >= 10


def test_the_title_shown_is_the_current_one(workspace):
    story_id = _story(workspace, "Nia Rhys", level=IdLevel.ANONYMOUS)
    assert workspace.exposure.matcher(USES, TODAY).find("Nia Rhys")[0].title == "Nia Rhys's story"
    workspace.stories.update(story_id, title="The repair café")
    assert workspace.exposure.matcher(USES, TODAY).find("Nia Rhys")[0].title == "The repair café"


def test_a_file_without_the_index_is_read_whole(workspace):
    story_id = _story(workspace, "Jamal Ahmed", level=IdLevel.ANONYMOUS)
    workspace.file.conn.execute("DROP TABLE story_names_mark")  # as a file opened read-only before m010
    assert _found(workspace, "Jamal came.") == [(story_id, "Jamal")]


def test_the_migration_indexes_the_stories_already_in_a_file():
    sqlite_utils = pytest.importorskip("sqlite_utils")
    from svdesk.store.migrations import STEPS, m007_cic34, m010_story_names

    db = sqlite_utils.Database(memory=True)
    for step in STEPS[:STEPS.index(m007_cic34.apply) + 1]:
        step(db)
    for story_id, name, deleted in (("a", "Ffion Llewelyn", None), ("b", "Øyvind Dąbrowski", "2026-01-01"),
                                    ("c", "", None)):
        db.execute("INSERT INTO stories (id, person_name, pseudonym, created_at, updated_at, deleted_at) "
                   "VALUES (?, ?, 'Ffi', 'x', 'x', ?)", [story_id, name, deleted])
    m010_story_names.apply(db)
    rows = {tuple(row) for row in db.execute("SELECT story_id, token FROM story_name_tokens")}
    assert rows == {("a", "ffion"), ("a", "llewelyn"), ("a", "ffi"), ("b", "oyvind"), ("b", "dabrowski"),
                    ("b", "ffi"), ("c", "ffi")}
    facts = {row[0]: row[1] for row in db.execute("SELECT story_id, deleted FROM story_name_facts")}
    assert facts == {"a": 0, "b": 1, "c": 0}


def test_a_loaded_dump_has_the_index(workspace, tmp_path):
    from svdesk.store.dump import dump_file, load_file
    from svdesk.store.orgfile import open_file

    story_id = _story(workspace, "Chloé Dubois", level=IdLevel.ANONYMOUS)
    load_file(json.loads(json.dumps(dump_file(workspace.file))), tmp_path / "loaded.svdesk")
    loaded = open_file(tmp_path / "loaded.svdesk", read_only=True)
    try:
        assert {row["token"] for row in loaded.query(
            "SELECT token FROM story_name_tokens WHERE story_id = ?", [story_id])} == {"chloe", "dubois"}
        assert loaded.query("SELECT * FROM story_names_stale") == []
    finally:
        loaded.close()
