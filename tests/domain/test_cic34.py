import datetime as dt

import pytest

from svdesk.domain.cic34 import (
    AssetTransfer, DirectorPay, Office, Signatory, add_months, filing_deadline, format_pounds, parse_pounds,
)
from svdesk.domain.cic34_wording import Source, WordingDefault, check_wording, resolve
from svdesk.domain.errors import ValidationError

END = dt.date(2026, 3, 31)


@pytest.mark.parametrize("text, pence", [
    ("£24,000", 2_400_000), ("24000", 2_400_000), ("1250.5", 125_050), ("£ 1,250.50", 125_050),
    ("0", 0), ("nil", 0), ("", None), ("  ", None),
])
def test_parse_pounds(text, pence):
    assert parse_pounds(text) == pence


@pytest.mark.parametrize("text", ["24k", "£-5", "12,34", "1.234", "lots", "£1,000,000,000"])
def test_parse_pounds_refuses_with_a_sentence(text):
    with pytest.raises(ValidationError) as error:
        parse_pounds(text)
    assert error.value.problems[0].endswith(".")


def test_format_pounds():
    assert format_pounds(2_400_000) == "£24,000"
    assert format_pounds(125_050) == "£1,250.50"
    assert format_pounds(5) == "£0.05"
    assert format_pounds(None) == ""


@pytest.mark.parametrize("year_end, due", [
    (dt.date(2026, 3, 31), dt.date(2026, 12, 31)),
    (dt.date(2025, 6, 30), dt.date(2026, 3, 31)),  # month end -> month end
    (dt.date(2025, 5, 31), dt.date(2026, 2, 28)),
    (dt.date(2023, 5, 31), dt.date(2024, 2, 29)),
    (dt.date(2025, 4, 15), dt.date(2026, 1, 15)),
])
def test_filing_deadline_is_nine_months_after_the_year_end(year_end, due):
    assert filing_deadline(year_end) == due


def test_add_months_across_years():
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


def test_director_pay_sentences():
    assert DirectorPay("1", END, "Sam Okafor", 2_600_000).sentence() == "Sam Okafor: £26,000"
    assert DirectorPay("1", END, "Priya Bassi", 0).sentence() == "Priya Bassi: no remuneration"
    assert DirectorPay("1", END, "Ann", None, "note 7 to the accounts").sentence() == "Ann: see note 7 to the accounts"
    incomplete = DirectorPay("1", END, "Ann")
    assert not incomplete.is_complete and not incomplete.was_paid
    assert DirectorPay("1", END, "Ann", None, "note 7").was_paid


def test_records_list_every_problem():
    assert DirectorPay("1", END, " ").problems() == ["The director needs a name."]
    transfer = AssetTransfer("1", END, "", "x" * 3000, -1)
    assert len(transfer.problems()) == 3
    assert Signatory(END, "Priya", Office.DIRECTOR, END).problems()  # signed before the year ended


def test_transfer_sentence():
    transfer = AssetTransfer("1", END, "Food bank", "12 bikes", 144_000)
    assert transfer.sentence() == "Food bank: 12 bikes (value £1,440)"
    assert not AssetTransfer("1", END, "Food bank").is_complete


def test_wording_resolution_year_beats_organisation_beats_default():
    defaults = (WordingDefault("a", "A", "default a", True), WordingDefault("b", "B", "default b", True),
                WordingDefault("fixed", "F", "as written", False, editable=False))
    values = resolve(defaults, {"a": "ours a", "b": "ours b", "fixed": "changed"}, {"b": "this year b"})
    assert (values["a"].text, values["a"].source) == ("ours a", Source.ORGANISATION)
    assert (values["b"].text, values["b"].source) == ("this year b", Source.YEAR)
    assert values["fixed"].text == "as written"  # not editable: overrides are ignored
    assert not values["a"].needs_checking
    assert resolve(defaults, {}, {})["a"].needs_checking


def test_check_wording():
    default = WordingDefault("a", "Part 4 nil", "x", True)
    assert check_wording(default, "  Nothing\x00 was  given. ") == "Nothing was given."
    with pytest.raises(ValidationError):
        check_wording(default, "  ")
    with pytest.raises(ValidationError):
        check_wording(WordingDefault("f", "F", "x", False, editable=False), "other")
