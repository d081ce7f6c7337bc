"""What the buyer will score, read from the question in the ways buyers write it (a heading and
lines, a scoring scale, "Responses will be evaluated on …", a list run together with
semicolons, Welsh beside English), each shown with the records that cover it or what is
missing; and no sentence in the answer about what nobody entered (the home area is not filler
for a tender's area)."""

import datetime as dt

import pytest

from svdesk.compose.answer_criteria import CHECK
from svdesk.compose.answer_parts import COVERED, MISSING, THIN
from svdesk.compose.question_kinds import parse
from svdesk.compose.tender import draft_answer
from svdesk.compose.tender_material import NO_LOCAL_CONTEXT
from svdesk.domain.question_items import criteria_items

TODAY = dt.date(2026, 11, 22)
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"

CRITERIA = [
    ("""Describe your commitments to local employment.
• the number of jobs
• how you will monitor them

Evaluation criteria
A score of 5 (excellent) will be given where the response is specific, measurable and relevant to the local area.
Maximum 500 words.""",
     ["A score of 5 (excellent) will be given where the response is specific, measurable and relevant to the local area."]),
    ("Please set out your social value offer. Responses will be evaluated on the number of local jobs and evidence "
     "of past delivery. Max 500 words.",
     ["Responses will be evaluated on the number of local jobs and evidence of past delivery."]),
    ("""Explain how you will support VCSEs in the borough.
How your response will be scored:
0 – Unacceptable: no response
3 – Good: some commitments
5 – Excellent: specific commitments with numbers, dates and KPIs
Responses will also be assessed against:
(a) additionality
(b) value for money""",
     ["5 – Excellent: specific commitments with numbers, dates and KPIs", "additionality", "value for money"]),
    ("Describe your approach.\n\nScoring criteria: clarity of commitments; local relevance; and evidence.",
     ["clarity of commitments", "local relevance", "evidence"]),
    ("""Disgrifiwch eich ymrwymiadau / Describe your commitments (max 300 words).
Assessment criteria:
- Carbon reduction targets with dates
- Welsh language: services offered in Welsh""",
     ["Carbon reduction targets with dates", "Welsh language: services offered in Welsh"]),
    ("Describe how you will reduce emissions. Maximum 750 words.", []),
    ("", []),
    ("Evaluation\n\n" + "• \n" * 30, []),
]


@pytest.mark.parametrize("text, expected", CRITERIA)
def test_criteria_read_in_the_ways_buyers_write_them(text, expected):
    assert list(criteria_items(text)) == expected
    assert list(parse(text).facts.criteria_items) == expected


def test_criteria_are_not_parts_to_answer():
    question = parse(CRITERIA[2][0])
    assert [p.text for p in question.parts] == ["Explain how you will support VCSEs in the borough."]


def test_each_criterion_is_shown_with_the_records_that_cover_it_or_what_is_missing(demo_workspace):
    ws = demo_workspace
    ws.tenders.update(DRAFTING, local_context="", question="""Describe your social value offer.

Evaluation criteria
- Specific, measurable commitments with numbers and dates
- Relevance to the local area
- Additionality: benefits over and above the core contract
- Clear and well presented""")
    draft = draft_answer(ws, DRAFTING, TODAY)
    by_text = {c.text: c for c in draft.criteria}
    measurable = by_text["Specific, measurable commitments with numbers and dates"]
    # Commitments with numbers and dates cover it (thin only where one has no milestones yet).
    assert measurable.status in (COVERED, THIN) and "commitments" in measurable.kinds
    assert any(name.startswith("commitment “") for name in measurable.by) and "no number" not in measurable.reason
    local = by_text["Relevance to the local area"]
    # Who benefits is in the commitments; why it matters in this area is nowhere.
    assert local.status == THIN and "no local context" in local.reason
    assert local.by and all("who benefits" in name for name in local.by)
    extra = by_text["Additionality: benefits over and above the core contract"]
    assert extra.status == MISSING and "over and above" in extra.reason
    assert by_text["Clear and well presented"].status == CHECK
    # Said to the person, never written into the answer as a claim.
    assert any("Relevance to the local area" in check for check in draft.checks)
    assert "over and above" not in draft.text.lower() and "Relevance to the local area" not in draft.text
    ws.tenders.update(DRAFTING, local_context="East Birmingham has twice the national rate of youth unemployment.")
    local = {c.text: c for c in draft_answer(ws, DRAFTING, TODAY).criteria}["Relevance to the local area"]
    assert local.status == COVERED and local.by[0] == "the tender's local context"


@pytest.mark.parametrize("question", [
    "",                                                            # nothing pasted: the usual evaluator order
    "Social value\n\nEvaluation criteria\nResponses that are specific and relevant to the area score highest.",
    "Explain the local need in the area and who will benefit.",    # a part about the area
])
def test_the_home_area_is_never_filler_for_the_tenders_area(demo_workspace, question):
    ws = demo_workspace
    area = ws.organisation.get().area_served
    assert area.strip()
    ws.tenders.update(DRAFTING, question=question, local_context="")
    draft = draft_answer(ws, DRAFTING, TODAY)
    assert f"We work in {area}" not in draft.text and "We work in" not in draft.text
    assert sum(NO_LOCAL_CONTEXT == check or "no local context" in check for check in draft.checks) == 1
    ws.tenders.update(DRAFTING, local_context="Small Heath has the highest youth unemployment in the city.")
    draft = draft_answer(ws, DRAFTING, TODAY)
    assert NO_LOCAL_CONTEXT not in draft.checks
    if draft.plan is None or any(p.kind == "local_need" for p in draft.plan.question.parts):
        assert "Small Heath has the highest youth unemployment in the city." in draft.text


def test_thin_when_some_of_what_a_criterion_asks_is_there(demo_workspace):
    ws = demo_workspace
    ws.tenders.update(DRAFTING, local_context="", question="Describe your offer.\n\nEvaluation criteria\n"
                      "The response is specific, measurable and relevant to the local area.")
    (criterion,) = draft_answer(ws, DRAFTING, TODAY).criteria
    assert criterion.status == THIN and "local" in criterion.reason and "commitments" in criterion.kinds
