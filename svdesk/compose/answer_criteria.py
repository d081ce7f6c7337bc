"""What the buyer will score, against the records: each evaluation criterion the question quotes
("specific, measurable and relevant to the local area"; "additionality"; "value for money"),
the kinds of thing it asks for, whether the records cover it, and which records do.

This is the evaluator's checklist made visible, never a score and never text for the answer: a
criterion nothing covers is said to the person ("no commitment is marked as over and above"),
and the draft stays silent about it rather than writing a sentence nobody entered.
"""

from __future__ import annotations

from dataclasses import dataclass

from svdesk.compose.answer_model import AnswerMaterial
from svdesk.compose.answer_parts import COVERED, MISSING, THIN, _relevant, _section
from svdesk.domain.tender_question import ParsedQuestion, QuestionPart, Vocabulary, kinds_mentioned, scores
from svdesk.domain.tenders import Tender
from svdesk.domain.textsafe import clean_line

SHARE = 0.3          # a kind counts when it scores at least this share of the strongest
CHECK = "check"      # svdesk cannot tell which record answers it: the person reads the answer against it
_COMMITMENT_KINDS = ("commitments", "method", "timeline", "monitoring", "employment", "environment", "equality",
                     "partners")


@dataclass(frozen=True)
class CriterionCoverage:
    text: str                  # the buyer's words
    kinds: tuple[str, ...]     # what it asks for, as kinds of the vocabulary
    status: str                # covered, thin, missing or check
    reason: str                # one sentence: what covers it, or what is missing
    by: tuple[str, ...] = ()   # the records that cover it, by name

    def sentence(self) -> str:
        """One line for the checks and the command line."""
        return f"“{self.text}” — {self.status}: {self.reason}"


def _records_for(kind: str, part: QuestionPart, tender: Tender, material: AnswerMaterial, pairs,
                 vocabulary: Vocabulary) -> list[str]:
    if kind == "track_record":
        return [*(f"result “{r.name}”" for r in material.results), *(f"story “{s.title}”" for s in material.stories)]
    if kind == "local_need":
        return [*(["the tender's local context"] if tender.local_context.strip() else []),
                *(f"who benefits in commitment “{clean_line(c.promise) or 'untitled'}”" for c, _t in pairs
                  if c.for_whom.strip())]
    relevant = [c for c, _t in (_relevant(part, pairs, vocabulary)[0] if kind in _COMMITMENT_KINDS else pairs)]
    if kind == "additionality":
        relevant = [c for c in relevant if c.additional]
    elif kind == "value":
        relevant = [c for c in relevant if c.value_per_unit_pence is not None]
    return [f"commitment “{clean_line(c.promise) or 'untitled'}”" for c in relevant]


def criterion_coverage(text: str, tender: Tender, commitments, material: AnswerMaterial,
                       vocabulary: Vocabulary) -> CriterionCoverage:
    found = scores(text, vocabulary)
    # The kinds it names by their own phrases, leaving out one named only in passing ("benefits
    # over and above the core contract" asks about additionality, not who benefits).
    best = max(found.values(), default=0.0)
    mentioned = {key for key in kinds_mentioned(text, vocabulary) if found.get(key, 0.0) >= SHARE * best}
    if not mentioned and found:
        # Only the generic phrases ("deliver", "specific"): the strongest of them.
        mentioned = {max(found, key=found.get)}
    kinds = tuple(key for key in vocabulary.keys if key in mentioned)
    if not kinds:
        return CriterionCoverage(text, (), CHECK, "svdesk cannot tell which of your records answers this: read the "
                                                 "answer against it yourself.")
    pairs = list(zip(commitments, material.commitments))
    statuses, reasons, by = [], [], []
    for kind in kinds:
        part = QuestionPart("", text, kind)
        _blocks, coverage = _section(part, tender, material, pairs, vocabulary)
        statuses.append(coverage.status)
        label = vocabulary.label(kind).lower()
        reasons.append(f"{label}: {coverage.reason.rstrip('.')}")
        if coverage.status != MISSING:
            by += _records_for(kind, part, tender, material, pairs, vocabulary)
    if all(status == COVERED for status in statuses):
        status = COVERED
    elif all(status == MISSING for status in statuses):
        status = MISSING
    else:
        status = THIN
    shown = reasons if status == COVERED else [r for r, s in zip(reasons, statuses) if s != COVERED]
    return CriterionCoverage(text, kinds, status, "; ".join(shown) + ".", tuple(dict.fromkeys(by)))


def criteria_coverage(question: ParsedQuestion, tender: Tender, commitments, material: AnswerMaterial,
                      vocabulary: Vocabulary) -> tuple[CriterionCoverage, ...]:
    return tuple(criterion_coverage(item, tender, commitments, material, vocabulary)
                 for item in question.facts.criteria_items)
