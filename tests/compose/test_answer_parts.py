"""Drafts led by the question's parts: one section per part in the buyer's order, filled only from
the records; coverage per part; nothing invented; value, additionality and local context from
their own fields; every corpus question drafted from the demo within its limit."""

import datetime as dt
import importlib.util
import re
from dataclasses import replace
from pathlib import Path

import pytest

from svdesk.compose.answer_parts import COVERED, MISSING, THIN
from svdesk.compose.answer_text import text_to_blocks
from svdesk.document.model import Heading, Table
from svdesk.compose.tender import draft_answer
from svdesk.services.exports import export_answer
from svdesk.compose.tender_material import gather
from svdesk.domain.words import count_words

TODAY = dt.date(2026, 11, 22)
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
CORPUS = Path(__file__).resolve().parents[1] / "data" / "tender_questions.py"


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)}


def _recorded_numbers(ws, tender_id) -> set[str]:
    """Every number the records hold, as the answer may write it (and totals made from them)."""
    tender = ws.tenders.get(tender_id)
    material = gather(ws, tender, TODAY).material
    texts = [tender.question, tender.local_context, material.results_intro]
    for item in material.commitments:
        texts += [*item.promise, item.figures, *item.delivery, *item.milestones, *item.reporting, item.label]
    texts += [r.sentence + r.estimate for r in material.results]
    texts += [" ".join((*s.body, *s.short, s.quote, s.who)) for s in material.stories]
    texts += [*material.why.local, *material.why.statement, material.why.outcomes]
    allowed = set().union(*(_numbers(t) for t in texts))
    from svdesk.domain.tenders import contract_years_count

    years = contract_years_count(tender.contract_months) or 0
    for c in ws.tenders.commitments(tender_id):
        for value in (c.per_year, c.over_contract):
            if value is not None:
                allowed |= _numbers(f"{value:g}")
        if c.value_per_unit_pence is not None:
            total = c.over_contract if c.over_contract is not None else (c.per_year or 0) * years
            for amount in (c.value_per_unit_pence, round((c.per_year or 0) * c.value_per_unit_pence),
                           round(total * c.value_per_unit_pence)):
                allowed |= _numbers(f"{amount // 100}.{amount % 100:02d}") | _numbers(str(amount // 100))
        if c.by_when:
            allowed |= _numbers(f"{c.by_when.day} {c.by_when.year}")
    return allowed


def _invented(ws, tender_id, text) -> set[str]:
    return _numbers(text) - _recorded_numbers(ws, tender_id)


def test_the_demo_draft_follows_the_buyers_parts(demo_workspace):
    draft = draft_answer(demo_workspace, DRAFTING, TODAY)
    headings = [b.text for b in text_to_blocks(draft.text) if isinstance(b, Heading)]
    letters = [h.split()[0] for h in headings]
    assert letters == sorted(letters) and letters[0] == "(a)"
    assert len(draft.plan.coverage) == len(draft.plan.question.parts) == 4
    assert draft.words <= 500
    # "how many … per contract year and over the life of the contract": the commitments as a table.
    assert any(isinstance(b, Table) for b in text_to_blocks(draft.text))
    assert not _invented(demo_workspace, DRAFTING, draft.text)


def test_a_part_the_records_cannot_answer_is_listed_not_padded(demo_workspace):
    ws = demo_workspace
    ws.tenders.update(DRAFTING, question="(a) How many tonnes of carbon emissions will you cut?\n"
                                         "(b) What are the risks to delivery and how will you mitigate them?")
    draft = draft_answer(ws, DRAFTING, TODAY)
    a, b = draft.plan.coverage
    assert a.status == MISSING and "no commitment is about environment" in a.reason and a.fill == "commitment"
    assert b.status == MISSING and b.part.kind == "risks"
    assert "tonnes" not in draft.text.lower() and "risk" not in draft.text.lower()
    assert any(line.startswith("Not covered — (a)") for line in draft.checks)


def test_a_past_example_question_leads_with_what_was_achieved(demo_workspace):
    ws = demo_workspace
    ws.tenders.update(DRAFTING, question="Give an example from a past contract of social value you delivered.")
    draft = draft_answer(ws, DRAFTING, TODAY)
    assert draft.plan.coverage[0].part.kind == "track_record"
    body = draft.text.split("\n\n", 1)[1]
    assert body.startswith("What we have already achieved") and " will " not in body.split("\n\n")[1]


def test_quantity_and_value_uses_the_persons_value_per_unit_and_says_estimate(demo_workspace, tmp_path):
    ws = demo_workspace
    ws.tenders.update(DRAFTING, question="Describe the support you will give to voluntary groups, in quantity and "
                                         "value.", word_limit=None)
    missing = draft_answer(ws, DRAFTING, TODAY).plan.coverage[0]
    assert missing.status == MISSING and "value per unit" in missing.reason
    first = ws.tenders.commitments(DRAFTING)[0]
    ws.tenders.save_commitment(replace(first, value_per_unit_pence=1250, value_basis="the buyer's rate for a "
                                                                                      "trainee week"))
    draft = draft_answer(ws, DRAFTING, TODAY)
    assert draft.plan.coverage[0].status in (COVERED, THIN)
    table = next(b for b in text_to_blocks(draft.text) if isinstance(b, Table))
    assert table.rows[0][3] == "£12.50" and "estimates" in draft.text and "the buyer's rate" in draft.text
    assert not _invented(ws, DRAFTING, draft.text)
    export_answer(ws, DRAFTING, "docx", tmp_path / "v.docx", today=TODAY)


def test_over_and_above_uses_only_the_additional_commitments(demo_workspace):
    ws = demo_workspace
    ws.tenders.update(DRAFTING, question="Over and above the core contract, what will you do for the area?")
    coverage = draft_answer(ws, DRAFTING, TODAY).plan.coverage[0]
    assert coverage.status == MISSING and coverage.reason.startswith("nothing additional")
    commitments = ws.tenders.commitments(DRAFTING)
    ws.tenders.save_commitment(replace(commitments[-1], additional=True))
    draft = draft_answer(ws, DRAFTING, TODAY)
    assert draft.plan.coverage[0].status == COVERED
    assert commitments[-1].promise.split(".")[0] in draft.text
    assert commitments[0].promise.split(".")[0] not in draft.text


def test_local_need_comes_from_the_tender_never_the_home_area(demo_workspace):
    ws = demo_workspace
    org = ws.organisation.get()
    ws.tenders.update(DRAFTING, question="Explain the local need in the area and who will benefit.", local_context="")
    draft = draft_answer(ws, DRAFTING, TODAY)
    coverage = draft.plan.coverage[0]
    assert coverage.status in (THIN, MISSING) and "no local context" in coverage.reason and coverage.fill == "local"
    assert not org.area_served or f"We work in {org.area_served}" not in draft.text
    ws.tenders.update(DRAFTING, local_context="Walsall has the highest youth unemployment in the region.")
    draft = draft_answer(ws, DRAFTING, TODAY)
    assert draft.plan.coverage[0].status == COVERED and "Walsall has the highest" in draft.text


def _corpus():
    spec = importlib.util.spec_from_file_location("tender_questions", CORPUS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.QUESTIONS


@pytest.mark.parametrize("question", _corpus(), ids=lambda q: q["id"])
def test_every_corpus_question_drafts_within_its_limit_from_the_records(demo_workspace, question):
    ws = demo_workspace
    ws.tenders.update(DRAFTING, question=question["text"], word_limit=question["words"])
    draft = draft_answer(ws, DRAFTING, TODAY)
    assert draft.plan is not None
    assert len(draft.plan.coverage) == len(draft.plan.question.parts)
    for coverage in draft.plan.coverage:       # every part covered, or listed with its reason
        assert coverage.status == COVERED or any(coverage.reason in line for line in draft.checks)
    if question["words"]:
        assert count_words(draft.text) <= question["words"]
    assert not _invented(ws, DRAFTING, draft.text)
