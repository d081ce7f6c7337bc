import datetime as dt

import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.promises import Figure, contract_years, track
from svdesk.domain.tenders import (
    Commitment, Tender, TenderStatus, check_commitment, days_left, describe_days_left, describe_deadline,
    format_pounds, parse_number, parse_percent, parse_pounds,
)

TODAY = dt.date(2026, 11, 22)
COMPLETE = Commitment(
    promise="Paid work placements that lead young people into work", for_whom="young people aged 16–24 in Small Heath", unit="placements",
    per_year=12, over_contract=36, by_when=dt.date(2028, 3, 31), actions="We recruit through the Youth Hub.",
    milestones="First placements start in May 2025",
    kpis="placements started; placed young people in work six months on", frequency="quarterly", evidence="timesheets",
    accountable="Sam Okafor",
)
TENDER = Tender(contract_start=dt.date(2025, 4, 1), contract_months=36, buyer="BCC")


def test_a_complete_commitment_passes_the_check():
    assert check_commitment(COMPLETE, TENDER) == []


@pytest.mark.parametrize("change, expected", [
    ({"per_year": None, "over_contract": None}, "No number"),
    ({"by_when": None}, "No date"),
    ({"for_whom": "  "}, "No beneficiary"),
    ({"evidence": "", "kpis": "", "indicator_id": ""}, "No way to evidence it"),
    ({"accountable": ""}, "Nobody is accountable"),
    ({"actions": "", "milestones": ""}, "No delivery plan"),
    ({"unit": ""}, "what the number counts"),
])
def test_each_missing_part_is_one_plain_sentence(change, expected):
    from dataclasses import replace

    found = check_commitment(replace(COMPLETE, **change), TENDER)
    assert len(found) == 1
    assert found[0].startswith(expected) or expected in found[0]
    assert found[0].endswith(".")


@pytest.mark.parametrize("change, expected", [
    ({"promise": "We will aim to offer paid work placements where possible"}, "Vague wording (“aim to”, “where possible”)"),
    ({"promise": "We will try to support young people"}, "Vague wording (“try to”)"),
    ({"milestones": ""}, "No milestones"),
    ({"kpis": "placements started", "promise": "Paid work placements"}, "Only outputs"),
])
def test_the_stricter_check_names_what_an_evaluator_marks_down(change, expected):
    from dataclasses import replace

    found = check_commitment(replace(COMPLETE, **change), TENDER)
    assert any(f.startswith(expected) for f in found), found


def test_support_without_a_number_and_a_copied_buyer_are_named():
    from dataclasses import replace

    found = check_commitment(replace(COMPLETE, promise="We will support local groups", per_year=None,
                                     over_contract=None), TENDER)
    assert any(f.startswith("“Support” without a number") for f in found)
    copied = replace(COMPLETE, actions="We recruit through Walsall Council's Youth Hub.")
    found = check_commitment(copied, TENDER, other_buyers=("Walsall Council", "BCC"))
    assert found == ["It names another buyer (“Walsall Council”): it may be copied from an earlier tender — check it "
                     "fits this one."]


def test_an_indicator_is_a_way_to_evidence_it():
    from dataclasses import replace

    assert check_commitment(replace(COMPLETE, evidence="", kpis="", indicator_id="abc"), TENDER) == []


def test_date_after_the_contract_and_inconsistent_totals_are_flagged():
    from dataclasses import replace

    found = check_commitment(replace(COMPLETE, by_when=dt.date(2029, 1, 1), over_contract=30), TENDER)
    assert any("after the contract ends (31 Mar 2028)" in f for f in found)
    assert any("12 a year over 3 years makes 36, but the total says 30" in f for f in found)


def test_days_left_and_deadline_wording():
    assert days_left(dt.date(2026, 11, 27), TODAY) == 5
    assert [describe_days_left(n) for n in (5, 1, 0, -1, -3, None)] == [
        "5 days left", "Due tomorrow", "Due today", "1 day ago", "3 days ago", "No deadline"]
    tender = Tender(deadline=dt.date(2026, 11, 27), deadline_time="12:00")
    assert describe_deadline(tender, TODAY) == "Due 27 Nov 2026 at 12:00 — 5 days left"
    assert describe_deadline(Tender(deadline=dt.date(2026, 11, 20)), TODAY).startswith("Deadline passed 20 Nov 2026")
    won = Tender(deadline=dt.date(2025, 2, 14), status=TenderStatus.WON)
    assert describe_deadline(won, TODAY) == "Deadline was 14 Feb 2025"


def test_money_percentages_and_numbers_read_as_people_type_them():
    assert parse_pounds("£180,000") == 18_000_000
    assert parse_pounds("180k") == 18_000_000
    assert parse_pounds("1.2m") == 120_000_000
    assert parse_pounds("") is None
    assert format_pounds(18_000_050) == "£180,000.50"
    assert parse_percent("20 %") == 20
    assert parse_number("1,200") == 1200
    for bad, call in (("lots", parse_pounds), ("120", parse_percent), ("-3", parse_number), ("x", parse_number)):
        with pytest.raises(ValidationError):
            call(bad)


def test_tender_validation_lists_every_problem():
    tender = Tender(deadline_time="25:00", contract_months=0, sv_weighting=120, word_limit=5)
    with pytest.raises(ValidationError) as caught:
        tender.validated()
    assert len(caught.value.problems) == 4


def test_contract_end_and_years():
    assert TENDER.contract_end == dt.date(2028, 3, 31)
    years = contract_years(dt.date(2025, 4, 1), 30)
    assert [(y.start, y.end) for y in years] == [
        (dt.date(2025, 4, 1), dt.date(2026, 3, 31)), (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
        (dt.date(2027, 4, 1), dt.date(2027, 9, 30))]


def _q(start, end, value):
    return Figure(start, end, value, f"r{start}")


def test_promises_count_from_the_contract_start_only():
    figures = [
        _q(dt.date(2025, 1, 1), dt.date(2025, 3, 31), 9),   # before the contract: not counted
        _q(dt.date(2025, 3, 1), dt.date(2025, 5, 31), 4),   # began before the start: listed, not counted
        _q(dt.date(2025, 4, 1), dt.date(2025, 6, 30), 3),
        _q(dt.date(2025, 7, 1), dt.date(2026, 3, 31), 10),
        _q(dt.date(2026, 4, 1), dt.date(2026, 9, 30), 5),
    ]
    progress = track(COMPLETE, dt.date(2025, 4, 1), 36, figures, TODAY, unit="placements")
    assert progress.delivered == 18
    assert [f.value for f in progress.not_counted] == [4]
    assert [(y.delivered, y.status) for y in progress.years] == [(13, "met"), (5, "behind"), (None, "not started")]
    assert progress.as_of == dt.date(2026, 9, 30)
    assert progress.status == "on track"  # 18 against about 18 expected by 30 Sep 2026
    assert progress.headline.startswith("18 of 36 placements so far")


def test_unlinked_and_met_promises():
    assert track(COMPLETE, dt.date(2025, 4, 1), 36, None, TODAY).status == "not tracked"
    done = track(COMPLETE, dt.date(2025, 4, 1), 36, [_q(dt.date(2025, 4, 1), dt.date(2026, 3, 31), 40)], TODAY)
    assert done.status == "met"
    level = track(COMPLETE, dt.date(2025, 4, 1), 36, [_q(dt.date(2025, 4, 1), dt.date(2025, 6, 30), 70)], TODAY,
                  summable=False)
    assert level.delivered == 70 and level.status == "met"
