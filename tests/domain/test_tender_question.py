"""The question, understood: facts, parts in the buyer's order, kinds from the vocabulary in
resources/, corrections (kind, merge, split), and robustness on any text."""

import importlib.util
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.compose.question_kinds import parse, vocabulary
from svdesk.domain.tender_question import (
    QuestionPart, Vocabulary, classify, find_facts, merged, parse_question, split, vocabulary_from_dict, with_kind,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "tender_questions.py"
FLOOR = 90.0   # per cent of the corpus's parts found and classified; the benchmark reports the figure


def corpus():
    spec = importlib.util.spec_from_file_location("tender_questions", CORPUS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LETTERED = """Social Value (20%)
Please describe the commitments you will make to support local employment. Your response should include:
(a) the number of jobs and apprenticeships you will create for local residents;
(b) how you will monitor and report progress to the Council, including KPIs;
(c) an example from a past contract where you delivered similar benefits.
Maximum 500 words."""


def test_lettered_parts_in_the_buyers_order_with_kinds_and_facts():
    question = parse(LETTERED)
    assert question.facts.word_limit == 500 and question.facts.weighting == 20
    assert [p.letter for p in question.parts] == ["(a)", "(b)", "(c)"]
    assert [p.kind for p in question.parts] == ["employment", "monitoring", "track_record"]
    assert question.parts[0].heading() == "(a) The number of jobs and apprenticeships you will create"


def test_facts_in_the_ways_buyers_write_them():
    cases = {"Maximum 500 words": 500, "no more than 750 words": 750, "(max. 300 words)": 300,
             "1,000 word limit": 1000, "Word count: 400": 400, "Limit 250 words.": 250}
    for text, words in cases.items():
        assert find_facts(text).word_limit == words, text
    assert find_facts("up to 2 sides of A4").page_limit == "2 sides of A4"
    assert find_facts("no more than three pages").page_limit == "3 pages"
    assert find_facts("Social Value (20%)").weighting == 20
    assert find_facts("This is 10% of the quality score").weighting == 10
    assert find_facts("Evaluation criteria\n\nA score of 5 is given for specific answers.").criteria.startswith(
        "Evaluation criteria A score of 5")


def test_asks_inside_a_paragraph_are_separate_parts():
    question = parse("Describe how you will support voluntary groups in quantity and value, and explain how you "
                     "will measure the impact. Tell us about the risks to delivery. (max. 300 words)")
    assert [p.kind for p in question.parts] == ["value", "monitoring", "risks"]
    assert question.facts.word_limit == 300


def test_should_include_lists_and_bullets_are_parts_and_limits_are_not():
    question = parse("Your response should cover:\n• How you will reduce carbon emissions\n• Timescales and "
                     "milestones\nUp to 2 sides of A4. This question is worth 10% of the quality score.")
    assert [p.text for p in question.parts] == ["How you will reduce carbon emissions", "Timescales and milestones"]
    assert question.facts.page_limit == "2 sides of A4" and question.facts.weighting == 10


def test_the_vocabulary_is_data_and_can_grow_without_code():
    grown = vocabulary_from_dict({"fallback": "other", "kinds": [
        {"key": "other", "label": "Other"}, {"key": "heritage", "label": "Heritage", "triggers": ["listed building*"]}]})
    assert classify("Describe your work on listed buildings", grown) == "heritage"
    assert classify("Anything else", grown) == "other"
    assert set(vocabulary().keys) >= {"commitments", "method", "timeline", "monitoring", "track_record", "local_need",
                                      "additionality", "value", "partners", "employment", "environment", "equality",
                                      "risks"}


def test_the_person_can_change_a_kind_merge_and_split():
    question = parse(LETTERED)
    changed = with_kind(question, 0, "commitments")
    assert changed.parts[0].kind == "commitments" and question.parts[0].kind == "employment"
    joined = merged(question, 1)
    assert len(joined.parts) == 2 and joined.parts[1].text.endswith("similar benefits.")
    words = question.parts[1].text.split()
    cut = split(question, 1, words.index("including"), vocabulary())
    assert len(cut.parts) == 4 and cut.parts[2].text.startswith("including KPIs")
    assert merged(question, 2) == question and split(question, 0, 0, vocabulary()) == question


def test_no_recognisable_parts_and_odd_text_give_an_empty_plan():
    for text in ("", "   ", "• • •\n-\n*", "😀" * 1000, "Thank you."):
        assert parse(text).parts == ()
    assert parse("Disgrifiwch sut. Sut fyddwch chi'n mesur?").parts[-1].text == "Sut fyddwch chi'n mesur?"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000) | st.lists(st.sampled_from(
    ["(a) ", "b) ", "i. ", "1. ", "• ", "- ", "\n", "\n\n", "Describe how ", "explain how ", "and ", "words ",
     "Maximum 500 words", "£", "😀", "Gwerth cymdeithasol ", "%", "(", ")", ":", "over and above "]),
    max_size=400).map("".join))
def test_any_text_parses_without_error(text):
    question = parse(text)
    assert len(question.parts) <= 40
    for part in question.parts:
        assert isinstance(part, QuestionPart) and part.text.strip() and part.kind in vocabulary().keys
        assert part.heading()


def test_a_question_of_50000_characters_parses():
    question = parse(("(a) Explain how you will monitor the work and report it.\n" * 1000)[:50000])
    assert len(question.parts) == 40


def test_the_corpus_floor():
    result = corpus().score(parse)
    assert result["questions"] >= 40
    assert result["found_pct"] >= FLOOR and result["classified_pct"] >= FLOOR, result["misses"]


def test_parse_question_takes_any_vocabulary():
    empty = Vocabulary(())
    assert parse_question(LETTERED, empty).parts[0].kind == "method"


def test_the_persons_parts_are_kept_until_the_question_changes(demo_workspace):
    from svdesk.compose.question_kinds import question_of
    from svdesk.services.tenders import save_question_parts as save_parts

    ws = demo_workspace
    tender = ws.tenders.update(ws.tenders.all()[0].id, question=LETTERED)
    changed = merged(with_kind(question_of(tender), 0, "commitments"), 1)
    tender = save_parts(ws, tender, changed)
    again = question_of(ws.tenders.get(tender.id))
    assert [p.kind for p in again.parts] == ["commitments", "monitoring"] and again.facts.word_limit == 500
    tender = ws.tenders.update(tender.id, question=LETTERED + " Thank you.")
    assert len(question_of(tender).parts) == 3
    tender = ws.tenders.update(tender.id, question_parts="not json")
    assert len(question_of(tender).parts) == 3
