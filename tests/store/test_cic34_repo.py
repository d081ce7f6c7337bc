import datetime as dt
import json

import pytest

from svdesk.domain.cic34 import Office, Part, Signatory
from svdesk.domain.cic34_wording import Source
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.store.dump import dump_file, load_file, to_json, validate
from svdesk.store.orgfile import open_file

END = dt.date(2026, 3, 31)
LAST = dt.date(2025, 3, 31)


def test_directors_pay_add_update_remove_restore(workspace):
    repo = workspace.cic34
    sam = repo.add_pay(END, "  Sam\nOkafor ", 2_600_000)
    priya = repo.add_pay(END, "Priya Bassi", 0)
    assert [p.director for p in repo.pay(END)] == ["Sam Okafor", "Priya Bassi"]
    assert repo.pay(LAST) == []
    repo.update_pay(sam.id, accounts_note="note 7 to the accounts")
    assert repo.pay(END)[0].accounts_note == "note 7 to the accounts"
    with pytest.raises(ValidationError):
        repo.update_pay(sam.id, director="")
    assert repo.pay(END)[0].director == "Sam Okafor"  # nothing written on a refused change
    repo.move_pay(priya.id, -1)
    assert [p.director for p in repo.pay(END)] == ["Priya Bassi", "Sam Okafor"]
    repo.remove_pay(sam.id)
    assert [p.director for p in repo.pay(END)] == ["Priya Bassi"]
    repo.restore_pay(sam.id)
    assert len(repo.pay(END)) == 2


def test_copy_directors_from_last_year_skips_those_listed(workspace):
    repo = workspace.cic34
    repo.add_pay(LAST, "Sam Okafor", 2_450_000)
    repo.add_pay(LAST, "Priya Bassi", 0)
    repo.add_pay(END, "priya bassi", 0)
    added = repo.copy_directors(LAST, END)
    assert [item.director for item in added] == ["Sam Okafor"]
    assert added[0].amount_pence is None  # the amount is this year's to fill in


def test_transfers_and_dividends(workspace):
    repo = workspace.cic34
    transfer = repo.add_transfer(END, "Food bank", "12 bikes", 144_000)
    repo.update_transfer(transfer.id, value_pence=150_000, what="12 bikes and locks")
    assert repo.transfers(END)[0].value_pence == 150_000
    repo.add_dividend(END, 50_000, "final dividend")
    repo.add_dividend(END, 25_000)
    repo.add_dividend(LAST, 10_000)
    totals = repo.dividend_totals([END, LAST, dt.date(2024, 3, 31)])
    assert totals == {END: 75_000, LAST: 10_000, dt.date(2024, 3, 31): None}


def test_signatory_saved_per_year(workspace):
    repo = workspace.cic34
    assert repo.signatory(END) == Signatory(END)
    repo.save_signatory(Signatory(END, "Priya Bassi", Office.SECRETARY, dt.date(2026, 12, 1)))
    assert repo.signatory(END).office is Office.SECRETARY
    assert repo.signatory(LAST).name == ""
    with pytest.raises(ValidationError):
        repo.save_signatory(Signatory(END, "Priya", Office.DIRECTOR, dt.date(2026, 1, 1)))


def test_part_text_edit_reset_undo(workspace):
    repo = workspace.cic34
    assert repo.save_part_text(END, Part.ACTIVITIES, "drafted", "drafted") is None  # same as draft: not an edit
    edit = repo.save_part_text(END, Part.ACTIVITIES, "Our own words\r\n", "drafted")
    assert (edit.text, edit.drafted) == ("Our own words", "drafted")
    repo.save_part_text(END, Part.ACTIVITIES, "Our own words, better", "drafted later")
    assert repo.part_edits(END)[Part.ACTIVITIES].drafted == "drafted"  # where the edit started
    repo.reset_part(END, Part.ACTIVITIES)
    assert repo.part_edits(END) == {}
    assert repo.undo_reset(END, Part.ACTIVITIES)
    assert repo.part_edits(END)[Part.ACTIVITIES].text == "Our own words, better"
    assert repo.part_edits(LAST) == {}


def test_wording_for_every_year_and_for_one_year(workspace):
    repo = workspace.cic34
    assert repo.wording(END)["part4_nil"].source is Source.DEFAULT
    assert repo.wording(END)["part4_nil"].needs_checking
    repo.set_wording("part4_nil", "Nothing was given away.")
    repo.set_wording("part4_nil", "Nothing was given away in 2025/26.", END)
    assert repo.wording(END)["part4_nil"].text == "Nothing was given away in 2025/26."
    assert repo.wording(LAST)["part4_nil"].text == "Nothing was given away."
    repo.reset_wording("part4_nil", END)
    assert repo.wording(END)["part4_nil"].source is Source.ORGANISATION
    with pytest.raises(ValidationError):
        repo.set_wording("part3_required", "Something else.")
    with pytest.raises(SvdeskError):
        repo.set_wording("nonsense", "x")


def test_every_default_sentence_is_marked(workspace):
    values = workspace.cic34.wording(END)
    assert values["part3_nil"].text == "No remuneration was received."
    assert values["part3_nil"].default.check
    assert not values["part3_required"].default.check
    assert values["filing_fee"].text == "£15"


def test_round_trip_with_every_kind_of_record(file_workspace, tmp_path):
    repo = file_workspace.cic34
    pay = repo.add_pay(END, "Łucja Nowak", None, "note 7 to the accounts")
    repo.remove_pay(pay.id)
    repo.add_pay(END, "Sam", 1)
    repo.add_transfer(END, "Food bank", "bikes", None)
    repo.add_dividend(LAST, 100)
    repo.save_signatory(Signatory(END, "Sam", Office.DIRECTOR, None))
    repo.save_part_text(END, Part.CONSULTATION, "We asked everyone.", "draft")
    repo.set_wording("part2_none", "We did not consult anyone this year.")
    repo.set_wording("part2_none", "Not this year.", END)
    first = dump_file(file_workspace.file)
    assert validate(first) == []
    load_file(first, tmp_path / "copy.svdesk")
    copy = open_file(tmp_path / "copy.svdesk", read_only=True)
    try:
        again = dump_file(copy)
    finally:
        copy.close()
    assert to_json(again) == to_json(first)


def test_demo_has_two_years_of_records(demo_workspace):
    repo = demo_workspace.cic34
    assert repo.years_with_records() == [LAST, END]
    for end in (LAST, END):
        pay = repo.pay(end)
        assert [bool(item.amount_pence) for item in pay] == [True, False]  # one paid, one unpaid
    assert repo.transfers(LAST) == [] and len(repo.transfers(END)) == 1
    assert repo.signatory(END).name and repo.signatory(END).signed_on is None


def test_validation_lists_every_problem():
    from svdesk.store.demo import demo_dump

    data = demo_dump()
    section = data["cic34"]
    section["pay"][0]["director"] = " "
    section["pay"][1]["amount_pence"] = "lots"
    section["signatories"][0]["office"] = "chair"
    text_index = len(section["texts"])
    section["texts"].append({"id": "t", "year_end": "2026-13-01", "part": "part9", "text": "x", "drafted": "",
                             "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
                             "deleted_at": None})
    section["wording"].append({"id": "w", "key": "part3_required", "year_end": "", "text": "x",
                               "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
                               "deleted_at": None})
    section["surprise"] = []
    problems = [p for p in validate(data) if p.startswith("cic34")]
    for expected in ("cic34.pay[0].director", "cic34.pay[1].amount_pence", "cic34.signatories[0].office",
                     f"cic34.texts[{text_index}].year_end", f"cic34.texts[{text_index}].part", "cic34.wording[0].key",
                     "cic34.surprise"):
        assert any(problem.startswith(expected) for problem in problems), (expected, problems)
    assert json.dumps(problems)  # plain strings
