"""The word limit is never exceeded, and what was cut is said in the stated order."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk.compose.answer_fit import (
    AnswerMaterial, CommitmentText, ResultText, StoryText, WhyText, fit, sentences,
)
from svdesk.compose.answer_text import blocks_to_text, text_to_blocks
from svdesk.document.model import Document, Heading
from svdesk.domain.words import count_words
from svdesk.render.text import render_text


def _words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def _material(story_words=60, results=3, why_words=80, commitments=2) -> AnswerMaterial:
    return AnswerMaterial(
        commitments=tuple(
            CommitmentText(
                label=f"Commitment {i + 1}: " if commitments > 1 else "",
                promise=(f"Promise {i} first sentence is here.", "A second promise sentence follows."),
                figures="We will deliver 12 placements a year, 36 over the 3-year contract, by 31 Mar 2028.",
                delivery=("We will recruit through referrals.", "Sam leads the work."),
                milestones=("First cohort starts in June", "Review in March"),
                reporting=("KPIs we will report to the council every quarter: starts.", "Evidence we will provide: timesheets.",
                           "Accountable for delivery and reporting: Sam."),
                name=f"Promise {i}",
            ) for i in range(commitments)
        ),
        results=tuple(ResultText(f"i{i}", f"Result {i}", f"Result {i}: 41 in 2025/26. Source: registers.",
                                 estimate=f"Estimated social value of result {i}: about £1,000 — an estimate.")
                      for i in range(results)),
        stories=(
            StoryText("s1", "First story", (_words(story_words, "before") + ".",), ("After it went well.",),
                      quote="It changed my life", who="Zoë, 19"),
            StoryText("s2", "Second story", (_words(story_words, "other") + ".",), ("Short.",), quote="Great",
                      who="a trainee"),
        ),
        why=WhyText(statement=(_words(why_words, "statement") + ".",), short_statement="We fix bikes and futures.",
                    local=("We work in Digbeth.", "Small Heath has high youth unemployment."),
                    outcomes="It contributes to the outcomes you asked about: PPN 002: Skills."),
    )


def test_no_limit_keeps_everything_in_evaluator_order():
    answer = fit(_material(), None)
    headings = [b.text for b in answer.blocks if isinstance(b, Heading)]
    assert headings == ["Our commitments", "How we will deliver them", "How we will measure and report them",
                        "Our track record", "Why it matters here"]
    assert answer.left_out == ()
    assert answer.story_ids == ("s1", "s2")


def test_cuts_follow_the_stated_order_and_say_what_went():
    material = _material()
    full = fit(material, None).words
    first = fit(material, full - 5)
    assert first.words <= full - 5
    assert first.left_out == ("Left out the second story, “Second story”.",)
    assert first.story_ids == ("s1",)
    second = fit(material, full - 70)
    assert second.left_out[:2] == ("Left out the second story, “Second story”.",
                                   "Left out the money estimates from the track record.")


def test_commitments_are_never_dropped_only_shortened():
    material = _material(commitments=5)
    answer = fit(material, 100)
    assert answer.words <= 100
    assert all(f"Commitment {i}:" in answer.text for i in (1, 2, 3, 4, 5))
    assert "Our commitments" in answer.text
    assert any("Shortened commitment" in note or "Cut commitment" in note for note in answer.left_out)


def test_headings_count_towards_the_limit():
    material = _material()
    answer = fit(material, 300)
    assert count_words(answer.text) == answer.words
    assert answer.words == sum(count_words(blocks_to_text([b])) for b in answer.blocks)


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
_sentences = st.lists(_text, max_size=4).map(tuple)


@st.composite
def materials(draw):
    commitments = draw(st.lists(st.builds(
        CommitmentText, label=st.sampled_from(["", "Commitment 1: "]), promise=_sentences, figures=_text,
        delivery=_sentences, milestones=_sentences, reporting=_sentences, name=_text), max_size=4))
    results = draw(st.lists(st.builds(ResultText, indicator_id=_text, name=_text, sentence=_text, estimate=_text),
                            max_size=4))
    stories = draw(st.lists(st.builds(StoryText, story_id=_text, title=_text, body=_sentences, short=_sentences,
                                      quote=_text, who=_text), max_size=3))
    why = draw(st.builds(WhyText, statement=_sentences, short_statement=_text, local=_sentences, outcomes=_text))
    return AnswerMaterial(commitments=tuple(commitments), results=tuple(results), stories=tuple(stories), why=why)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(material=materials(), limit=st.integers(min_value=100, max_value=1500))
def test_any_content_fits_any_limit_of_100_words_or_more(material, limit):
    answer = fit(material, limit)
    assert answer.words <= limit
    # The count is the count of the text export too (headings, bullets and attributions included).
    exported = render_text(Document(title="", blocks=text_to_blocks(answer.text)))
    assert count_words(exported) <= limit


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(material=materials(), limit=st.integers(min_value=100, max_value=400))
def test_huge_commitments_still_fit(material, limit):
    big = CommitmentText(label="Commitment 1: ", promise=(_words(900, "promise") + ".",), figures=_words(300, "fig"))
    answer = fit(AnswerMaterial(commitments=(big, *material.commitments)), limit)
    assert answer.words <= limit
    assert answer.text.startswith("Our commitment")


def test_sentences_split_at_full_stops_and_lines():
    assert sentences("We fix bikes. We train people! Why? 3 more.\nNew line") == (
        "We fix bikes.", "We train people!", "Why?", "3 more.", "New line")
    assert sentences("e.g. this stays together") == ("e.g. this stays together",)
