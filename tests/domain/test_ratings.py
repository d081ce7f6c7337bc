"""Ratings in the Procurement Act's words, from promised against delivered to date."""

import datetime as dt

import pytest

from svdesk.domain.promises import Figure, track
from svdesk.domain.ratings import (
    APPROACHING, GOOD, INADEQUATE, NOT_RATED, REQUIRES_IMPROVEMENT, RULE, rate, word_for,
)
from svdesk.domain.tenders import Commitment

START = dt.date(2025, 4, 1)


def _progress(delivered_per_quarter, per_year=40.0, over=None, summable=True, today=dt.date(2026, 11, 1)):
    figures = []
    day = START
    for value in delivered_per_quarter:
        end = (dt.date(day.year + (day.month + 2) // 12, (day.month + 2) % 12 + 1, 1) - dt.timedelta(days=1))
        figures.append(Figure(day, end, value, f"r{len(figures)}"))
        day = end + dt.timedelta(days=1)
    return track(Commitment(per_year=per_year, over_contract=over), START, 36, figures, today, summable=summable,
                 unit="placements")


@pytest.mark.parametrize("share, word", [
    (150, GOOD), (100, GOOD), (99.99, APPROACHING), (80, APPROACHING), (79.9, REQUIRES_IMPROVEMENT),
    (50, REQUIRES_IMPROVEMENT), (49.9, INADEQUATE), (0, INADEQUATE),
])
def test_each_threshold_gives_the_word_the_rule_prints(share, word):
    assert word_for(share) == word
    assert word in RULE


def test_a_year_of_quarters_at_the_promise_is_good():
    # Four quarters of 10 against 40 a year: exactly what was due by the end of year one.
    rating = rate(_progress([10, 10, 10, 10]))
    assert rating.label == GOOD and rating.share == pytest.approx(100)
    assert "40 placements delivered by 31 Mar 2026, against 40 due by then (100 %)" in rating.reason


@pytest.mark.parametrize("values, word", [
    ([9, 9, 9, 9], APPROACHING),            # 36 of 40 due: 90 %
    ([6, 6, 6, 6], REQUIRES_IMPROVEMENT),   # 24 of 40: 60 %
    ([4, 4, 4, 4], INADEQUATE),             # 16 of 40: 40 %
])
def test_less_than_due_steps_down_the_scale(values, word):
    assert rate(_progress(values)).label == word


def test_what_was_due_is_worked_out_at_the_latest_figure_not_today():
    # Two quarters recorded: only half a year was due (20.1), even though today is later.
    rating = rate(_progress([12, 12], today=dt.date(2026, 3, 1)))
    assert rating.label == GOOD and "against 20.1 due by then (119 %)" in rating.reason


def test_the_word_follows_the_whole_percentage_printed_beside_it():
    # 20 of 20.1 is 99.5 %, printed as 100 %: rated Good, never "100 %" beside a lower word.
    rating = rate(_progress([10, 10], today=dt.date(2026, 3, 1)))
    assert rating.share == 100 and rating.label == GOOD and "(100 %)" in rating.reason


def test_a_level_is_compared_with_the_level_promised():
    rating = rate(_progress([55], per_year=60, summable=False))
    assert rating.label == APPROACHING and "against 60 promised (92 %)" in rating.reason


def test_no_figures_and_not_tracked_are_not_rated():
    assert rate(_progress([])).label == NOT_RATED
    untracked = track(Commitment(per_year=40), START, 36, None, dt.date(2026, 1, 1))
    rating = rate(untracked)
    assert rating.label == NOT_RATED and not rating.rated and "Not measured" in rating.reason


def test_a_whole_contract_number_without_a_yearly_one_is_rated_only_once_met():
    assert rate(_progress([10, 10], per_year=None, over=100)).label == NOT_RATED
    assert rate(_progress([60, 50], per_year=None, over=100)).label == GOOD


def test_once_the_contract_has_ended_the_whole_promise_was_due():
    # Year one delivered in full, then nothing recorded; the 36-month contract ended in March 2028.
    # At the latest figure it looked Good, but the contract is over and 40 of 120 is a third.
    progress = _progress([10, 10, 10, 10], today=dt.date(2028, 6, 1))
    assert progress.status == "missed"
    rating = rate(progress, dt.date(2028, 6, 1))
    assert rating.label == INADEQUATE and rating.share == 33
    assert "40 placements delivered, against the whole promise of 120 (the contract ended on 31 Mar 2028; 33 %)" \
        in rating.reason
    # While the contract runs, what was due is still worked out at the latest figure.
    assert rate(_progress([10, 10, 10, 10]), dt.date(2026, 11, 1)).label == GOOD


def test_lower_is_better_is_not_rated_as_if_more_were_better():
    # 5 % turnover against a promise of at most 10 %: the "share" rule would call it Requires improvement.
    level = _progress([5], per_year=10, summable=False)
    rating = rate(level, dt.date(2026, 11, 1), lower_is_better=True)
    assert rating.label == NOT_RATED and "lower is better" in rating.reason.lower()
    assert rate(_progress([30, 30]), dt.date(2026, 11, 1), lower_is_better=True).label == NOT_RATED
    assert "lower is better" in RULE.lower() and "contract has ended" in RULE


def test_a_promise_of_nothing_is_not_rated_and_not_called_not_yet_due():
    rating = rate(_progress([3, 4], per_year=0), dt.date(2026, 11, 1))
    assert rating.label == NOT_RATED and "yet" not in rating.reason and "promised" in rating.reason
