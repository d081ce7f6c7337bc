"""Agreement rules, the journey status and comparing versions."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.domain.errors import ValidationError
from svdesk.domain.statement import (
    Agreement, Answers, Statement, StatementVersion, agreement_problems, check_agreement, draft_differs, status_text,
)
from svdesk.domain.textdiff import change_summary, word_diff

TODAY = dt.date(2026, 11, 22)
READY = Statement(id="s", full_text="We work with young people. They gain skills.", short_text="We train young people.")


def version(number=1, agreed_on=dt.date(2026, 3, 3), full=READY.full_text, short=READY.short_text):
    return StatementVersion("v", "s", number, full, short, agreed_on, "Board meeting")


def test_a_ready_draft_can_be_agreed_and_who_is_tidied():
    agreement = check_agreement(READY, Agreement(TODAY, "  Board   meeting "), None, TODAY)
    assert agreement.agreed_by == "Board meeting"


@pytest.mark.parametrize("statement, agreement, latest, expected", [
    (Statement(), Agreement(TODAY, "Board"), None, "statement is empty"),
    (Statement(full_text="x"), Agreement(TODAY, "Board"), None, "one-sentence version is empty"),
    (Statement(full_text="x", short_text="w " * 31), Agreement(TODAY, "Board"), None, "has 31 words; it can have at most 30"),
    (READY, Agreement(TODAY, "   "), None, "Say who agreed it"),
    (READY, Agreement(TODAY + dt.timedelta(days=1), "Board"), None, "cannot be in the future"),
    (READY, Agreement(dt.date(1900, 1, 1), "Board"), None, "check the year"),
    (READY, Agreement(dt.date(2026, 3, 2), "Board"), version(2), "before version 2 was agreed (3 Mar 2026)"),
    (READY, Agreement(TODAY, "B" * 121), None, "too long"),
])
def test_agreement_problems_are_plain_english(statement, agreement, latest, expected):
    problems = agreement_problems(statement, agreement, latest, TODAY)
    assert any(expected in problem for problem in problems), problems
    with pytest.raises(ValidationError):
        check_agreement(statement, agreement, latest, TODAY)


def test_every_problem_is_listed_at_once():
    problems = agreement_problems(Statement(), Agreement(TODAY + dt.timedelta(days=3), ""), None, TODAY)
    assert len(problems) == 4


def test_the_same_day_as_the_last_agreement_is_fine():
    assert agreement_problems(READY, Agreement(dt.date(2026, 3, 3), "All staff"), version(), TODAY) == []


def test_status_text():
    assert status_text(None, None) == "Not started"
    assert status_text(Statement(), None) == "Not started"
    assert status_text(Statement(answers=Answers(who="x")), None) == "Draft — not yet agreed"
    assert status_text(READY, None) == "Draft — not yet agreed"
    assert status_text(READY, version()) == "Agreed 3 Mar 2026"
    # Trailing spaces and new lines are not a change.
    assert status_text(Statement(full_text=READY.full_text + "  \n", short_text=READY.short_text), version()) == "Agreed 3 Mar 2026"
    changed = Statement(full_text=READY.full_text + " More.", short_text=READY.short_text)
    assert status_text(changed, version()) == "Agreed 3 Mar 2026 · draft changes"
    assert draft_differs(changed, version()) and not draft_differs(READY, version())


def test_edited_means_different_from_what_was_drafted():
    assert not Statement(full_text="a", full_drafted="a").full_edited
    assert Statement(full_text="a b", full_drafted="a").full_edited
    assert not Statement(full_text="", full_drafted="a").full_edited


def test_version_labels():
    assert version().label == "Agreed 3 Mar 2026 by Board meeting"
    assert version(3).title == "Version 3 — 3 Mar 2026"


def test_word_diff_rebuilds_both_texts():
    old = "We train young people in Digbeth.\nThey gain skills."
    new = "We train young people aged 16–24 in Digbeth.\nMost gain skills and confidence."
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != "added") == old
    assert "".join(p.text for p in pieces if p.kind != "removed") == new
    assert any(p.kind == "added" and "16–24" in p.text for p in pieces)
    assert any(p.kind == "removed" and "They" in p.text for p in pieces)
    # "gain skills" between two changes is folded into them: one rewrite, not confetti.
    assert any(p.kind == "removed" and p.text == "They gain skills" for p in pieces)
    assert change_summary(pieces) == "7 words added, 3 removed"
    assert change_summary(word_diff("same", "same")) == "No changes"
    assert word_diff("", "") == []
    assert change_summary(word_diff("a b", "")) == "2 words removed"
    assert change_summary(word_diff("", "new")) == "1 word added"


def test_long_texts_are_lined_up_by_sentence_and_still_rebuild():
    old = " ".join(f"Sentence {n} is about bikes!" for n in range(600)) + "\nLast line"
    new = old.replace("Sentence 300 is", "Sentence three hundred is").replace("Last line", "Final line.")
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != "added") == old
    assert "".join(p.text for p in pieces if p.kind != "removed") == new
    assert change_summary(pieces) == "4 words added, 3 removed"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n\tłź"), max_size=80), st.text(alphabet=st.sampled_from("ab .!?\n\tłź"), max_size=80))
def test_any_two_texts_rebuild(old, new):
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != "added") == old
    assert "".join(p.text for p in pieces if p.kind != "removed") == new
