"""``svdesk tender-plan FILE --tender ID [--json]``: the parts of a tender's question, their kinds
and what the records hold for each (covered, thin or missing, with the reason), so a plan can be
checked in a script. Never changes the file."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("tender-plan", help="the parts of a tender's question, their kinds and coverage")
    p.add_argument("file", type=Path, help="the organisation's .svdesk file")
    p.add_argument("--tender", required=True, help="the tender's id (or the start of it) or its reference")
    p.add_argument("--json", action="store_true", help="print JSON for other programs")
    p.set_defaults(func=cmd_tender_plan)


def plan_data(workspace, tender) -> dict:
    from svdesk.compose.question_kinds import question_of, vocabulary
    from svdesk.compose.tender import criteria_for, plan_for

    question = question_of(tender)
    plan = plan_for(workspace, tender)
    kinds = vocabulary()
    parts = []
    for index, part in enumerate(question.parts):
        coverage = plan.coverage[index] if plan else None
        parts.append({"number": index + 1, "letter": part.letter, "heading": part.heading(), "text": part.text,
                      "kind": part.kind, "kind_label": kinds.label(part.kind), "also": list(part.also),
                      "coverage": coverage.status if coverage else "", "reason": coverage.reason if coverage else "",
                      "fill": coverage.fill if coverage else ""})
    facts = question.facts
    scored = [{"text": c.text, "kinds": list(c.kinds), "coverage": c.status, "reason": c.reason, "by": list(c.by)}
              for c in criteria_for(workspace, tender, question=question)]
    return {"tender": tender.id, "name": tender.name, "word_limit": tender.word_limit,
            "question_word_limit": facts.word_limit, "page_limit": facts.page_limit, "weighting": facts.weighting,
            "criteria": facts.criteria, "parts": parts, "scored_on": scored}


def cmd_tender_plan(args) -> int:
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(args.file, read_only=True)
    try:
        tender = workspace.tenders.find(args.tender)
        data = plan_data(workspace, tender)
    finally:
        workspace.close()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(data["name"])
    facts = [f"word limit {data['word_limit']:,}" if data["word_limit"] else "no word limit",
             f"the question says {data['question_word_limit']:,} words" if data["question_word_limit"]
             and data["question_word_limit"] != data["word_limit"] else "",
             f"page limit {data['page_limit']}" if data["page_limit"] else "",
             f"weighting {data['weighting']:g} %" if data["weighting"] is not None else ""]
    print("  " + "; ".join(f for f in facts if f))
    if not data["parts"]:
        print("  The question has no parts svdesk recognises: the draft follows the usual evaluator order.")
    for part in data["parts"]:
        print(f"{part['number']:>3}. {part['heading']}")
        also = f" (also {', '.join(part['also'])})" if part["also"] else ""
        print(f"     kind: {part['kind_label']}{also}")
        print(f"     {part['coverage']}: {part['reason']}")
    if data["scored_on"]:
        print("What the buyer will score:")
    for item in data["scored_on"]:
        print(f"  “{item['text']}”")
        print(f"     {item['coverage']}: {item['reason']}" + (f" Covered by: {'; '.join(item['by'])}." if item["by"] else ""))
    return 0
