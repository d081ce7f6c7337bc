"""The statement in the file: answers, draft, agreed versions, tags — and what exports may use."""

import datetime as dt
import json

import pytest

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.organisation import LegalForm, Organisation
from svdesk.domain.statement import Agreement, Answers
from svdesk.store.dump import dump_file, load_file, to_json, validate
from svdesk.store.orgfile import open_file

TODAY = dt.date(2026, 11, 22)
ANSWERS = Answers(who="older people living alone", activities="lead weekly walks", change_soon="make friends",
                  place="Hove", evidence="ask walkers four questions every six months")


@pytest.fixture
def repo(workspace):
    workspace.statements.today = lambda: TODAY
    return workspace.statements


def agree(repo, on=TODAY, by="Board meeting", note=""):
    return repo.agree(Agreement(on, by, note))


def test_a_new_file_has_no_statement_and_nothing_agreed(repo):
    assert repo.get().is_blank and repo.statement_id() is None
    assert repo.current_agreed() is None and repo.versions() == []
    assert repo.status() == "Not started"


def test_answers_are_saved_and_the_draft_follows_them_until_edited(repo, workspace):
    statement = repo.save_answers(ANSWERS)
    assert statement.answers == ANSWERS
    assert statement.full_text.startswith("Test CIC works in Hove with older people living alone.")
    assert statement.short_text == "Test CIC works in Hove with older people living alone so that they make friends."
    assert not statement.full_edited
    statement = repo.save_answer("challenges", "loneliness")
    assert "Many of them face loneliness." in statement.full_text

    repo.save_text(full_text="Our own words about walking.")
    statement = repo.save_answer("change_long", "they stay independent")
    assert statement.full_text == "Our own words about walking."  # edited text is never replaced
    assert "stay independent" not in statement.full_text
    assert "so that they make friends" in statement.short_text  # the short one still follows
    assert repo.status() == "Draft — not yet agreed"


def test_sole_traders_speak_in_the_first_person(workspace, repo):
    workspace.organisation.save(Organisation(name="Jo Green Gardens", legal_form=LegalForm.SOLE_TRADER))
    statement = repo.save_answers(Answers(activities="teach people to grow food", evidence="weigh the harvest"))
    assert statement.full_text == "I teach people to grow food. I know this because I weigh the harvest."


def test_redraft_keeps_the_edited_text_so_it_can_be_brought_back(repo):
    repo.save_answers(ANSWERS)
    repo.save_text(full_text="Mine, carefully edited.", short_text="Mine too.")
    statement = repo.redraft()
    assert statement.full_text.startswith("Test CIC works in Hove")
    assert statement.full_before_redraft == "Mine, carefully edited."
    assert statement.can_undo_redraft
    statement = repo.swap_previous()
    assert (statement.full_text, statement.short_text) == ("Mine, carefully edited.", "Mine too.")
    statement = repo.swap_previous()  # and back again: nothing is ever lost
    assert statement.full_text.startswith("Test CIC works in Hove")


def test_agreeing_freezes_a_numbered_version_and_exports_see_only_agreed_text(repo, workspace):
    repo.save_answers(ANSWERS)
    repo.set_tags(["toms/social", "ppn0620/health-wellbeing"])
    first = agree(repo, dt.date(2026, 3, 3), "  Board meeting ", "First one")
    assert (first.number, first.agreed_by, first.note) == (1, "Board meeting", "First one")
    agreed = repo.current_agreed()
    assert agreed.version == 1 and agreed.agreed_on == dt.date(2026, 3, 3)
    assert agreed.tags == ("ppn0620/health-wellbeing", "toms/social")
    assert agreed.label == "Agreed 3 Mar 2026 by Board meeting"
    assert repo.status() == "Agreed 3 Mar 2026"

    # A draft never reaches an export.
    repo.save_text(full_text="A new draft nobody has agreed.")
    assert repo.current_agreed().full_text == first.full_text
    assert repo.status() == "Agreed 3 Mar 2026 · draft changes"

    repo.save_text(short_text="We lead walks for older people in Hove.")
    second = agree(repo, TODAY, "All staff")
    assert second.number == 2
    assert repo.current_agreed().full_text == "A new draft nobody has agreed."
    assert repo.current_agreed().short_text == "We lead walks for older people in Hove."
    assert [v.number for v in repo.versions()] == [2, 1]
    assert repo.status() == "Agreed 22 Nov 2026"


def test_agreeing_is_refused_with_every_reason(repo):
    with pytest.raises(ValidationError) as error:
        agree(repo, TODAY + dt.timedelta(days=1), "")
    assert len(error.value.problems) == 4
    assert repo.versions() == []
    repo.save_text(full_text="Text.", short_text=" ".join(["word"] * 31))
    with pytest.raises(ValidationError, match="31 words"):
        agree(repo)


def test_withdraw_and_restore_the_latest_agreement(repo):
    repo.save_answers(ANSWERS)
    first = agree(repo, dt.date(2026, 3, 3))
    second = agree(repo)
    with pytest.raises(SvdeskError, match="Only the latest"):
        repo.withdraw(first.id)
    repo.withdraw(second.id)
    assert repo.current_agreed().version == 1
    repo.restore_version(second.id)
    assert repo.current_agreed().version == 2
    repo.withdraw(second.id)
    third = agree(repo, by="All staff")
    assert third.number == 2
    with pytest.raises(SvdeskError, match="cannot come back"):
        repo.restore_version(second.id)


def test_copy_a_version_back_into_the_draft(repo):
    repo.save_answers(ANSWERS)
    first = agree(repo, dt.date(2026, 3, 3))
    repo.save_text(full_text="Changed my mind.")
    statement = repo.copy_version_to_draft(first.id)
    assert statement.full_text == first.full_text and statement.full_before_redraft == "Changed my mind."
    assert repo.status() == "Agreed 3 Mar 2026"


def test_tags_hang_on_the_statement(repo, workspace):
    assert repo.set_tags(["toms/jobs"]) == ["toms/jobs"]
    assert workspace.tags.owners_with("toms/jobs", "statements") == [repo.statement_id()]
    with pytest.raises(SvdeskError):
        repo.set_tags(["nonsense"])


def test_too_long_answers_are_refused_and_nothing_is_written(repo):
    with pytest.raises(ValidationError, match="too long"):
        repo.save_answer("who", "x" * 5000)
    assert repo.get().answers.who == ""


def test_non_ascii_round_trips(repo):
    repo.save_answers(Answers(who="Zoë's neighbours in Łódź 🚲"))
    assert "Łódź 🚲" in repo.get().full_text


def test_every_change_is_one_transaction_and_listeners_hear_it(repo, workspace):
    heard = []
    workspace.file.add_listener(heard.append)
    repo.save_answers(ANSWERS)
    agree(repo)
    repo.set_tags(["toms/jobs"])
    assert heard == ["statement", "statement", "tags"]


# -- dump / load -----------------------------------------------------------------------------------
def _dump(path):
    orgfile = open_file(path, read_only=True)
    try:
        return to_json(dump_file(orgfile))
    finally:
        orgfile.close()


def test_demo_has_an_agreed_statement_an_older_version_and_tags(demo_workspace):
    agreed = demo_workspace.statements.current_agreed()
    assert agreed.agreed_on == dt.date(2026, 3, 3) and agreed.agreed_by == "Board meeting" and agreed.version == 2
    assert "bike" in agreed.full_text and len(agreed.short_text.split()) <= 30
    assert "birmingham/local-employment" in agreed.tags
    older = demo_workspace.statements.versions()[1]
    assert older.agreed_on.year == 2024
    assert demo_workspace.statements.status() == "Agreed 3 Mar 2026"


def test_statement_round_trip_is_identical(file_workspace, tmp_path):
    repo = file_workspace.statements
    repo.today = lambda: TODAY
    repo.save_answers(ANSWERS)
    repo.set_tags(["toms/social"])
    first = agree(repo, dt.date(2026, 3, 3))
    repo.save_text(full_text="Łódź draft", short_text="Short.")
    repo.redraft()
    second = agree(repo)
    repo.withdraw(second.id)
    data = dump_file(file_workspace.file)
    assert [v["deleted_at"] is None for v in data["statement"]["versions"]] == [True, False]
    load_file(json.loads(to_json(data)), tmp_path / "copy.svdesk")
    assert _dump(tmp_path / "copy.svdesk") == to_json(data)
    copy = open_file(tmp_path / "copy.svdesk")
    from svdesk.store.workspace import Workspace

    ws = Workspace.around(copy)
    try:
        assert ws.statements.current_agreed().version_id == first.id
        assert ws.statements.current_agreed().tags == ("toms/social",)
    finally:
        ws.close()


def test_bad_statement_sections_list_every_problem(demo_source):
    from svdesk.store.demo import demo_dump

    data = demo_dump()
    section = data["statement"]
    section["statements"][0]["who"] = 7
    section["statements"][0]["colour"] = "red"
    section["versions"][0]["agreed_on"] = "3 March"
    section["versions"][0]["statement_id"] = "nobody"
    section["versions"][1]["number"] = 0
    section["versions"][1]["agreed_by"] = " "
    data["frameworks"]["tags"].append({"id": "t", "owner_table": "statements", "owner_id": "ghost", "tag": "toms/jobs",
                                       "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"})
    problems = validate(data)
    for expected in ("statement.statements[0].who", "statement.statements[0].colour: unknown field",
                     "statement.versions[0].agreed_on", "statement.versions[0].statement_id",
                     "statement.versions[1].number", "statement.versions[1].agreed_by", "owner_id: there is no statement"):
        assert any(expected in problem for problem in problems), (expected, problems)


def test_duplicate_version_numbers_are_caught():
    from svdesk.store.demo import demo_dump

    data = demo_dump()
    data["statement"]["versions"][1]["number"] = 1
    assert any("both numbered 1" in problem for problem in validate(data))
    data = demo_dump()
    data["statement"] = []
    assert validate(data) == ["statement: must be an object with 'statements' and 'versions' lists"]


def test_a_past_year_sees_the_version_in_force_then(repo):
    repo.save_answers(ANSWERS)
    agree(repo, dt.date(2025, 6, 1), "Board")
    repo.save_text(full_text="Reworded since.")
    agree(repo, dt.date(2026, 6, 1), "Board")
    assert repo.current_agreed().version == 2
    assert repo.current_agreed(as_of=dt.date(2026, 3, 31)).version == 1
    assert repo.current_agreed(as_of=dt.date(2026, 6, 1)).version == 2  # agreed that very day
    # Before anything was agreed: the first version, so an early report still has a statement.
    assert repo.current_agreed(as_of=dt.date(2024, 3, 31)).version == 1
