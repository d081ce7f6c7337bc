"""A draft led by the question: one section per part the evaluator scores, in the buyer's order,
headed with the buyer's own words and filled only with the records of that part's kind — and,
beside it, the evaluator's checklist: each part covered, thin or missing, with the reason.

Nothing is invented. A part the records cannot answer gets no section (it is not padded); it is
listed as missing so the person can add what it needs. Figures come from the records as written:
commitments with their numbers, units, beneficiaries and dates; results with their periods and
sources (``tender_material``, which uses the domain's own year totals); a value in £ only where
the person gave a value per unit and its basis, and then labelled an estimate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from svdesk.compose.answer_model import AnswerMaterial, CommitmentText, ensure_full_stop
from svdesk.document.model import BulletList, Heading, Paragraph, Quote, Table
from svdesk.domain.dates import format_date
from svdesk.domain.tender_question import ParsedQuestion, QuestionPart, Vocabulary, kinds_mentioned
from svdesk.domain.tenders import Commitment, Tender, contract_years_count, format_number, format_pounds, is_level
from svdesk.domain.textsafe import clean_line

COVERED, THIN, MISSING = "covered", "thin", "missing"
# Kinds that name a topic (jobs, carbon, VCSE…): a part that mentions one is answered only by
# the commitments about it. The others say what to tell about any commitment (method, dates…).
TOPICAL = ("employment", "environment", "equality", "partners")
_QUANTITY = re.compile(r"\b(how many|number of|quantit|how much|targets?|proportion)", re.IGNORECASE)


@dataclass(frozen=True)
class PartCoverage:
    part: QuestionPart
    status: str          # covered, thin or missing
    reason: str          # one sentence: what is there, or what is missing
    fill: str = ""       # what fills the gap: "commitment", "local", "value", "additional", "story", "text"

    @property
    def label(self) -> str:
        return self.part.letter or "This part"


@dataclass(frozen=True)
class Section:
    part: QuestionPart
    blocks: tuple        # (rank, block): rank 0 is kept to the end; higher ranks are cut first


@dataclass(frozen=True)
class PartPlan:
    question: ParsedQuestion
    coverage: tuple[PartCoverage, ...]
    sections: tuple[Section, ...]

    def not_covered(self) -> list[PartCoverage]:
        return [c for c in self.coverage if c.status != COVERED]

    def sentences(self) -> list[str]:
        """One line per part not fully covered, for the export's notes and the command line."""
        return [f"{c.label} {c.part.heading().removeprefix(c.part.letter).strip()} — {c.status}: {c.reason}"
                for c in self.not_covered()]


def _mentions(text: str, kind_key: str, vocabulary: Vocabulary) -> bool:
    return kind_key in kinds_mentioned(text, vocabulary)


def _commitment_words(c: Commitment) -> str:
    return " ".join((c.promise, c.unit, c.for_whom, c.actions, c.people))


def _relevant(part: QuestionPart, pairs, vocabulary: Vocabulary):
    """The commitments a part is about: those on the topics the part names, or all of them."""
    topics = [key for key in TOPICAL if key == part.kind or _mentions(part.text, key, vocabulary)]
    if not topics:
        return list(pairs), []
    return [(c, t) for c, t in pairs if any(_mentions(_commitment_words(c), key, vocabulary) for key in topics)], topics


def _what(part: QuestionPart) -> str:
    words = part.text.split()
    text = " ".join(words[:12]).rstrip(" ,;:.?!") + ("…" if len(words) > 12 else "")
    return text[:1].lower() + text[1:]


def _promise_paragraph(item: CommitmentText) -> Paragraph:
    return Paragraph(" ".join(s for s in (*item.promise, item.figures) if s))


def _quantity_table(pairs, tender: Tender) -> Table:
    rows = []
    for c, _t in pairs:
        rows.append((clean_line(c.promise) or "—", format_number(c.per_year) or "—", format_number(c.over_contract) or "—",
                     clean_line(c.unit) or "—", clean_line(c.for_whom) or "—", format_date(c.by_when) if c.by_when else "—"))
    return Table(("Commitment", "A year", "Over the contract", "Counted in", "For whom", "By"), tuple(rows))


def _value_rows(pairs, tender: Tender):
    years = contract_years_count(tender.contract_months)
    rows, bases = [], []
    for c, _t in pairs:
        if c.value_per_unit_pence is None or is_level(c.unit):
            continue
        total = c.over_contract if c.over_contract is not None else (c.per_year * years if c.per_year is not None and years else None)
        if total is None and c.per_year is None:
            continue
        a_year = round(c.per_year * c.value_per_unit_pence) if c.per_year is not None else None
        overall = round(total * c.value_per_unit_pence) if total is not None else None
        rows.append((clean_line(c.promise) or "—", format_number(c.per_year) or "—", format_number(total) or "—",
                     format_pounds(c.value_per_unit_pence), format_pounds(a_year) or "—", format_pounds(overall) or "—"))
        bases.append(f"{clean_line(c.unit) or 'one unit'} at {format_pounds(c.value_per_unit_pence)}: "
                     f"{clean_line(c.value_basis).rstrip('.')}")
    return rows, bases


def _section(part, tender, material: AnswerMaterial, pairs, vocabulary) -> tuple[list, PartCoverage]:
    """(rank, block) pairs answering the part, and its coverage."""
    kind = part.kind
    what = _what(part)
    relevant, topics = _relevant(part, pairs, vocabulary)
    blocks: list = []
    if kind in ("commitments", *TOPICAL) or (kind not in ("track_record", "local_need", "value", "additionality",
                                                              "risks", "monitoring", "timeline", "method") and relevant):
        if not relevant:
            topic = ", ".join(vocabulary.label(t).lower() for t in topics) or "this"
            return [], PartCoverage(part, MISSING, f"it asks {what}: no commitment is about {topic}.", "commitment")
        if _QUANTITY.search(part.text) and len(relevant) > 1:
            blocks.append((0, _quantity_table(relevant, tender)))
        else:
            blocks += [(0 if i == 0 else 1, _promise_paragraph(t)) for i, (_c, t) in enumerate(relevant)]
        blocks += [(3, Paragraph(t.label + " ".join(t.delivery[:1]))) for _c, t in relevant if t.delivery]
        no_number = [c for c, _t in relevant if c.per_year is None and c.over_contract is None]
        no_date = [c for c, _t in relevant if c.by_when is None]
        if no_number:
            return blocks, PartCoverage(part, THIN, f"no number for “{clean_line(no_number[0].promise)}”: say how many.",
                                        "commitment")
        if no_date:
            return blocks, PartCoverage(part, THIN, f"no date for “{clean_line(no_date[0].promise)}”: say by when.",
                                        "commitment")
        return blocks, PartCoverage(part, COVERED, f"{len(relevant)} commitment{'s' if len(relevant) > 1 else ''} "
                                                   "with numbers and dates.")
    if kind == "method":
        for _c, t in relevant:
            if t.delivery:
                blocks.append((0 if not blocks else 2, Paragraph(t.label + " ".join(t.delivery))))
        if not blocks:
            return [], PartCoverage(part, MISSING, "no commitment says what you will do (its actions and people).",
                                    "commitment")
        return blocks, PartCoverage(part, COVERED, "the actions and people of your commitments.")
    if kind == "timeline":
        dated = [(c, t) for c, t in relevant if c.by_when]
        milestones = [m for _c, t in relevant for m in t.milestones]
        if dated:
            blocks.append((0, BulletList(tuple(f"{clean_line(c.promise).rstrip('.')}: by {format_date(c.by_when)}"
                                               for c, _t in dated))))
        if milestones:
            blocks.append((1 if blocks else 0, BulletList(tuple(milestones))))
        if not blocks:
            return [], PartCoverage(part, MISSING, "no commitment has a date or milestones.", "commitment")
        if not milestones:
            return blocks, PartCoverage(part, THIN, "dates but no milestones: add the steps on the way.", "commitment")
        return blocks, PartCoverage(part, COVERED, "dates and milestones.")
    if kind == "monitoring":
        for _c, t in relevant:
            if t.reporting:
                blocks.append((0 if not blocks else 2, Paragraph(t.label + " ".join(t.reporting))))
        if not blocks:
            return [], PartCoverage(part, MISSING, "no commitment says how it is measured and reported.", "commitment")
        if not any(c.frequency for c, _t in relevant):
            return blocks, PartCoverage(part, THIN, "no reporting frequency: say how often the buyer hears.", "commitment")
        if not any(c.kpis.strip() for c, _t in relevant):
            return blocks, PartCoverage(part, THIN, "no KPIs: say what is measured.", "commitment")
        return blocks, PartCoverage(part, COVERED, "KPIs, how often, evidence and who is accountable.")
    if kind == "track_record":
        if material.results:
            blocks.append((0, Paragraph(material.results_intro)))
            blocks.append((0, BulletList(tuple(r.sentence for r in material.results[:1]))))
            if len(material.results) > 1:
                blocks.append((3, BulletList(tuple(r.sentence for r in material.results[1:]))))
        for position, story in enumerate(material.stories[:1]):
            blocks.append((2, Paragraph(" ".join(story.body))))
            if story.quote:
                blocks.append((4, Quote(story.quote, story.who)))
        if not blocks:
            return [], PartCoverage(part, MISSING, "no measured result and no story that may be used for tenders.",
                                    "story")
        if not material.results:
            return blocks, PartCoverage(part, THIN, "a story but no measured result with its period.", "story")
        return blocks, PartCoverage(part, COVERED, "measured results with their periods and sources"
                                    + (", and a story." if material.stories else "."))
    if kind == "local_need":
        local = [s for s in material.why.local if not s.startswith("We work in ")]
        if local:
            blocks.append((0, Paragraph(" ".join(local))))
        beneficiaries = list(dict.fromkeys(clean_line(c.for_whom) for c, _t in relevant if c.for_whom.strip()))
        if beneficiaries:
            blocks.append((1 if blocks else 0, Paragraph(ensure_full_stop("Who benefits: " + "; ".join(beneficiaries)))))
        if not local:
            status = THIN if blocks else MISSING
            return blocks, PartCoverage(part, status, "the tender has no local context: add a line about the area's "
                                                      "need.", "local")
        return blocks, PartCoverage(part, COVERED, "the tender's local context" + (" and who benefits." if beneficiaries else "."))
    if kind == "additionality":
        extra = [(c, t) for c, t in pairs if c.additional]
        if not extra:
            return [], PartCoverage(part, MISSING, "nothing additional: no commitment is marked as over and above the "
                                                   "core contract.", "additional")
        blocks.append((0, Paragraph("Over and above the core contract:")))
        blocks += [(0 if i == 0 else 1, _promise_paragraph(t)) for i, (_c, t) in enumerate(extra)]
        return blocks, PartCoverage(part, COVERED, f"{len(extra)} commitment{'s' if len(extra) > 1 else ''} over and "
                                                   "above the core contract.")
    if kind == "value":
        rows, bases = _value_rows(relevant or pairs, tender)
        if not rows:
            return [], PartCoverage(part, MISSING, "no commitment has a value per unit with its basis.", "value")
        blocks.append((0, Table(("Commitment", "A year", "Over the contract", "Value of one", "Value a year",
                                 "Value over the contract"), tuple(rows))))
        blocks.append((0, Paragraph(ensure_full_stop("These values are estimates, not amounts paid. Basis: "
                                                     + "; ".join(bases)))))
        valued = len(rows)
        total = len(relevant or pairs)
        if valued < total:
            return blocks, PartCoverage(part, THIN, f"{total - valued} of {total} commitments have no value per unit.",
                                        "value")
        return blocks, PartCoverage(part, COVERED, "quantity, value of one unit and totals, with the basis.")
    # risks, and any kind the records hold nothing for
    return [], PartCoverage(part, MISSING, "no record holds this: write it in the answer yourself.", "text")


def plan_parts(question: ParsedQuestion, tender: Tender, commitments, material: AnswerMaterial,
               vocabulary: Vocabulary) -> PartPlan:
    """Each part's blocks (its own kind first, then what else it asks for) and its coverage; a
    block already used by an earlier part is not repeated (the evaluator reads it there)."""
    pairs = list(zip(commitments, material.commitments))
    coverage, sections = [], []
    seen: set = set()
    for part in question.parts:
        blocks, covered = _section(part, tender, material, pairs, vocabulary)
        for kind in part.also:
            more, extra = _section(replace(part, kind=kind, also=()), tender, material, pairs, vocabulary)
            blocks += [(max(rank, 1), block) for rank, block in more]
            if covered.status == COVERED and extra.status != COVERED:
                covered = replace(extra, part=part, status=THIN)
        kept = []
        for rank, block in blocks:
            if block not in seen:
                seen.add(block)
                kept.append((rank, block))
        if blocks and not kept:
            covered = replace(covered, reason=f"answered under an earlier part: {covered.reason}")
        coverage.append(covered)
        if kept:
            sections.append(Section(part, tuple(kept)))
    return PartPlan(question, tuple(coverage), tuple(sections))


def layout_sections(sections, dropped: set[tuple[int, int]]) -> tuple:
    blocks: list = []
    for s_index, section in enumerate(sections):
        kept = [block for b_index, (_rank, block) in enumerate(section.blocks) if (s_index, b_index) not in dropped]
        if kept:
            blocks.append(Heading(2, section.part.heading()))
            blocks += kept
    return tuple(blocks)


def fit_parts(plan: PartPlan, limit: int | None):
    """The part-led answer within ``limit`` words (counted on the editor's text, which no export
    exceeds): the least important blocks go first (a second story's quote before a result, the
    later parts' extras before the earlier's); the first block of every part stays until the
    hard cut, which keeps whole blocks and then part of one."""
    from svdesk.compose.answer_fit import FittedAnswer, _hard_cut
    from svdesk.compose.answer_text import blocks_to_text
    from svdesk.domain.words import count_words

    dropped: set[tuple[int, int]] = set()
    shortened: dict[int, None] = {}
    blocks = layout_sections(plan.sections, dropped)
    words = count_words(blocks_to_text(blocks))
    if limit is not None:
        optional = sorted(((rank, s, b) for s, section in enumerate(plan.sections)
                           for b, (rank, _block) in enumerate(section.blocks) if rank > 0),
                          key=lambda item: (-item[0], -item[1], -item[2]))
        for _rank, s, b in optional:
            if words <= limit:
                break
            dropped.add((s, b))
            shortened[s] = None
            blocks = layout_sections(plan.sections, dropped)
            words = count_words(blocks_to_text(blocks))
    notes = [f"Shortened “{plan.sections[s].part.heading()}” to fit the word limit." for s in sorted(shortened)]
    if limit is not None and words > limit:
        blocks = _hard_cut(blocks, limit)
        notes.append(f"The parts' essentials are longer than {limit:,} words: the answer stops after {limit:,} words. "
                     "Shorten the commitments or the local context.")
    text = blocks_to_text(blocks)
    # Which stories are in it is read from the text by the caller (``tender.stories_in_text``).
    return FittedAnswer(blocks=blocks, text=text, words=count_words(text), limit=limit, left_out=tuple(notes),
                        story_ids=())

