"""Drafting a statement from the guided answers: deterministic, readable, robust."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.domain.statement import ANSWER_KEYS, SHORT_MAX_WORDS, Answers
from svdesk.domain.statement_draft import clean_answer, compose, compose_full, compose_short, hard_trim, split_sentences
from svdesk.domain.words import count_words

BIKES = Answers(
    who="young people aged 16 to 24 who are not in education, employment or training",
    challenges="few qualifications, no work experience and little confidence",
    activities="train them as bike mechanics and run free repair sessions for residents",
    change_soon="gain a recognised qualification and a reference from real work",
    change_long="more of them move into work or training",
    place="Digbeth, Birmingham",
    evidence="record every qualification and ask trainees where they are six months later",
)


def test_full_statement_reads_as_sentences_in_question_order():
    text = compose_full(BIKES, "Riverside Bike Works CIC")
    assert text == (
        "Riverside Bike Works CIC works in Digbeth, Birmingham with young people aged 16 to 24 who are not in "
        "education, employment or training. Many of them face few qualifications, no work experience and little "
        "confidence. We train them as bike mechanics and run free repair sessions for residents. As a result, "
        "they gain a recognised qualification and a reference from real work. In the longer run, more of them "
        "move into work or training. We know this because we record every qualification and ask trainees where "
        "they are six months later."
    )
    assert 50 <= count_words(text) <= 150


def test_one_sentence_version_is_one_sentence_within_the_limit():
    text, trimmed, before = compose_short(BIKES, "Riverside Bike Works CIC")
    assert text.startswith("Riverside Bike Works CIC works")
    assert "so that they gain a recognised qualification" in text
    assert count_words(text) <= SHORT_MAX_WORDS
    assert text.endswith(".") and text.count(". ") == 0
    assert trimmed == (before > SHORT_MAX_WORDS)


def test_same_answers_same_draft():
    assert compose(BIKES, "X CIC") == compose(BIKES, "X CIC")


@pytest.mark.parametrize("mask", list(itertools.product([False, True], repeat=len(ANSWER_KEYS))))
def test_every_combination_of_empty_and_full_answers(mask):
    answers = Answers(**{key: (BIKES.get(key) if on else "") for key, on in zip(ANSWER_KEYS, mask)})
    draft = compose(answers, "Riverside Bike Works CIC")
    if not any(mask):
        assert draft.full_text == "" and draft.short_text == ""
        return
    assert draft.full_text
    assert draft.full_text[0].isupper() and draft.full_text.endswith(".")
    assert "  " not in draft.full_text and " ." not in draft.full_text and ".." not in draft.full_text
    assert "{" not in draft.full_text and "None" not in draft.full_text
    # Every answer given shows up in the statement.
    for key, on in zip(ANSWER_KEYS, mask):
        if on:
            assert BIKES.get(key).split()[-1] in draft.full_text
    assert count_words(draft.short_text) <= SHORT_MAX_WORDS
    if draft.short_text:
        assert draft.short_text.endswith(".")


def test_without_a_name_the_statement_speaks_as_we_and_sole_traders_as_i():
    assert compose_full(Answers(who="older people")).startswith("We work with older people.")
    text = compose_full(Answers(who="older people", activities="run walks", evidence="count walkers"), voice="i")
    assert text == "I work with older people. I run walks. I know this because I count walkers."


def test_stems_typed_by_the_person_are_not_repeated():
    answers = Answers(who="We work with Families in Leeds.", activities="We cook together.",
                      change_soon="They eat better", evidence="We know this because we weigh the veg",
                      change_long="In the long run, fewer children go hungry")
    text = compose_full(answers)
    assert text == ("We work with families in Leeds. We cook together. As a result, they eat better. "
                    "In the longer run, fewer children go hungry. We know this because we weigh the veg.")


def test_answers_with_their_own_subject_are_kept_as_sentences():
    answers = Answers(activities="Our workshop opens five days a week. Anyone can drop in.",
                      change_soon="Most trainees gain a certificate", evidence="Our trainees tell us",
                      who="They are carers of all ages", place="across the West Midlands")
    text = compose_full(answers)
    assert "They are carers of all ages. We work across the West Midlands." in text
    assert "Our workshop opens five days a week. Anyone can drop in." in text
    assert "As a result, most trainees gain a certificate." in text
    assert "We know this because our trainees tell us." in text


def test_names_and_acronyms_keep_their_capitals():
    text = compose_full(Answers(who="NHS staff and Birmingham families", challenges="Young carers' stress"))
    assert "with NHS staff and Birmingham families" in text
    assert "face young carers' stress" in text


def test_lists_on_separate_lines_become_a_sentence():
    assert clean_answer("- Young people\n- Care leavers\n• Families") == "Young people, care leavers and families"
    assert clean_answer("We run a café.\nWe teach cooking.") == "We run a café. We teach cooking."
    assert clean_answer("  lots   of\tspace ") == "lots of space"
    assert clean_answer("bell\x07 ring") == "bell ring"


def test_sentence_splitting_respects_abbreviations():
    assert split_sentences("We run e.g. Repair cafés. They help.") == ["We run e.g. Repair cafés.", "They help."]


def test_non_ascii_answers_survive_intact():
    answers = Answers(who="Łódź families and Zoë's neighbours", place="Caerdydd — Grangetown",
                      activities="run a ñoquis night and a café for 20 people", evidence="count visitors 👍")
    draft = compose(answers, "Ŵyn Gwyrdd CIC")
    for part in ("Łódź families", "Zoë's", "Caerdydd — Grangetown", "ñoquis", "👍", "Ŵyn Gwyrdd CIC"):
        assert part in draft.full_text
    assert "Łódź" in draft.short_text


def test_very_long_answers_give_a_long_statement_but_a_short_sentence_within_the_limit():
    long = ", ".join(f"group number {n} of people who live nearby" for n in range(200))
    answers = Answers(who=long, activities=long, change_soon="gain " + long, change_long=long, place=long)
    draft = compose(answers, "A CIC")
    assert count_words(draft.full_text) > 1000
    assert count_words(draft.short_text) <= SHORT_MAX_WORDS
    assert draft.short_trimmed and draft.notes and "shortened" in draft.notes[0]
    assert draft.short_text.endswith(".")


def test_hard_trim_cuts_whole_words_and_never_ends_on_a_small_word():
    text = "We work with " + " ".join(["people"] * 26) + " and the others"
    trimmed = hard_trim(text, 30)
    assert count_words(trimmed) <= 30
    assert trimmed.endswith("people.")


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(ANSWER_KEYS), st.text(max_size=300)), st.text(max_size=60),
       st.sampled_from(["we", "i"]))
def test_any_text_at_all_drafts_without_error(values, name, voice):
    draft = compose(Answers(**values), name, voice)
    assert count_words(draft.short_text) <= SHORT_MAX_WORDS
    assert isinstance(draft.full_text, str)
