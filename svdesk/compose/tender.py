"""A tender's social value answer: drafted from the records within the word limit, and the
Document an export is rendered from (``svdesk.services.exports`` writes it and logs each story
used, with the consent of every story checked again at the moment of use).

Which text is exported: once an answer has been sent, the text as sent (the frozen submission);
before that, the text in the editor (the person's edits included), or a fresh draft when the
editor is empty. ``which`` can ask for "submitted" or "current" explicitly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from svdesk.compose.answer_as_sent import typeset
from svdesk.compose.answer_fit import fit
from svdesk.compose.answer_parts import COVERED, PartPlan, fit_parts, plan_parts
from svdesk.compose.answer_text import text_to_blocks
from svdesk.compose.exposure import PersonExposed, check_document, exposures_in
from svdesk.document.model import Document
from svdesk.compose.tender_material import NO_LOCAL_CONTEXT, TENDER_USE, gather
from svdesk.domain.dates import format_date, today as _today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.tenders import Tender
from svdesk.domain.words import count_words

WHICH = ("auto", "submitted", "current")
REDRAFTED_NOTE = ("The drafted answer used a story or a name further than consent now allows, so it was drafted "
                  "again for this export. Draft the answer again to see the new text in the editor.")


@dataclass(frozen=True)
class DraftAnswer:
    text: str
    blocks: tuple
    words: int
    limit: int | None
    left_out: tuple[str, ...]   # what the word limit made us leave out or shorten
    story_ids: tuple[str, ...]
    checks: tuple[str, ...]     # what the person should fix or know (missing parts, statement not agreed)
    plan: PartPlan | None = None  # the question's parts and their coverage, when it has parts
    criteria: tuple = ()          # what the buyer will score (CriterionCoverage), when the question says

    @property
    def fits(self) -> bool:
        return self.limit is None or self.words <= self.limit


def draft_answer(workspace, tender_id: str, today: dt.date | None = None) -> DraftAnswer:
    """A fresh draft from the records (nothing is stored)."""
    from svdesk.compose.question_kinds import question_of

    tender = workspace.tenders.get(tender_id)
    gathered = gather(workspace, tender, today or _today())
    question = question_of(tender)
    plan = plan_for(workspace, tender, gathered, question=question)
    criteria = criteria_for(workspace, tender, gathered, question=question)
    # What the buyer will score and no record covers is said to the person, never written in.
    criteria_checks = [f"The buyer will score {c.sentence()}" for c in criteria if c.status != COVERED]
    # The missing local context is said once: by the part or criterion that needs it, if any.
    local_said = any("local_need" in c.kinds and c.status != COVERED for c in criteria) or (
        plan is not None and any(cov.fill == "local" for cov in plan.not_covered()))
    general = [check for check in gathered.checks if not (check == NO_LOCAL_CONTEXT and local_said)]
    if plan is None:
        # No recognisable parts: the usual evaluator order.
        fitted = fit(gathered.material, tender.word_limit)
        return DraftAnswer(fitted.text, fitted.blocks, fitted.words, fitted.limit, fitted.left_out, fitted.story_ids,
                           tuple(criteria_checks + general), None, criteria)
    fitted = fit_parts(plan, tender.word_limit)
    story_ids = tuple(stories_in_text(workspace, fitted.text, [s.story_id for s in gathered.material.stories]))
    checks = [f"Not covered — {line}" for line in plan.sentences()] + criteria_checks + general
    return DraftAnswer(fitted.text, fitted.blocks, fitted.words, fitted.limit, fitted.left_out, story_ids,
                       tuple(checks), plan, criteria)


def plan_for(workspace, tender: Tender, gathered=None, today: dt.date | None = None,
             question=None) -> PartPlan | None:
    """The question's parts with what the records hold for each, or None when the question has
    no parts svdesk recognises."""
    from svdesk.compose.question_kinds import question_of, vocabulary

    question = question or question_of(tender)
    if not question.parts:
        return None
    gathered = gathered or gather(workspace, tender, today or _today())
    return plan_parts(question, tender, workspace.tenders.commitments(tender.id), gathered.material, vocabulary())


def criteria_for(workspace, tender: Tender, gathered=None, today: dt.date | None = None, question=None) -> tuple:
    """What the buyer says they will score, each with what covers it (empty when the question
    quotes no criteria)."""
    from svdesk.compose.answer_criteria import criteria_coverage
    from svdesk.compose.question_kinds import question_of, vocabulary

    question = question or question_of(tender)
    if not question.facts.criteria_items:
        return ()
    gathered = gathered or gather(workspace, tender, today or _today())
    return criteria_coverage(question, tender, workspace.tenders.commitments(tender.id), gathered.material,
                             vocabulary())


# -- which text, and which stories are in it ------------------------------------------------------------
@dataclass(frozen=True)
class AnswerForExport:
    tender: Tender
    text: str
    kind: str                       # "submitted" or "draft"
    submitted_on: dt.date | None
    story_ids: tuple[str, ...]      # stories whose words are in the text
    document: Document
    redrafted: bool = False         # svdesk's unedited draft was out of date with consent: drafted again

    @property
    def words(self) -> int:
        return count_words(self.text)

    def body(self) -> Document:
        """Just the answer (no title block): what is pasted into a tender portal."""
        return Document(title="", blocks=self.document.blocks)


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[“”\"‘’']", "", text).split()).casefold()


def stories_in_text(workspace, text: str, candidate_ids) -> list[str]:
    """Which of these stories still have their words in ``text`` (the person may have deleted a
    story while editing): a story counts as present when any of its sentences of five words or
    more, or its quotation, is found in the text."""
    from svdesk.compose.answer_fit import sentences

    repo = workspace.stories
    haystack = _normal(text)
    present = []
    for story_id in dict.fromkeys(candidate_ids):
        try:
            story = repo.get(story_id)
        except SvdeskError:
            continue
        pieces = [s for field in ("before", "what_we_did", "after", "why_it_matters")
                  for s in sentences(getattr(story, field, ""))]
        pieces.append(story.quote)
        if any(count_words(piece) >= 5 and _normal(piece) in haystack for piece in pieces if piece.strip()):
            present.append(story_id)
    return present


def check_consent(workspace, story_ids, on: dt.date) -> None:
    """Refuses when any story in the answer may no longer be used for tenders (withdrawn, expired)."""
    repo = workspace.stories
    if not story_ids:
        return
    refused = []
    for story_id in story_ids:
        decision = repo.check_use(story_id, TENDER_USE, on)
        if not decision.allowed:
            title = repo.get(story_id).title or "A story"
            refused.append(f"“{title}”: {' '.join(decision.reasons)}")
    if refused:
        raise SvdeskError(
            "The answer includes a story that may not be used for tenders now, so nothing was exported. "
            + " ".join(refused) + " Remove the story from the answer (or draft it again) and try once more."
        )


def answer_for_export(workspace, tender_id: str, which: str = "auto", today: dt.date | None = None,
                      cover: bool = False) -> AnswerForExport:
    """The answer to export, checked: every story in it may still be used for tenders, and its
    whole text (edits included) names nobody further than their consent allows today.

    Text svdesk drafted and the person did not edit is drafted again when it names someone
    further than now allowed (consent lowered since): every new export uses the current level.
    Text the person wrote is theirs to change, so the export is refused with what was found. An
    answer as sent cannot change: it is refused with a plain sentence saying so, and the answer
    being worked on can be exported instead.
    """
    if which not in WHICH:
        raise SvdeskError(f"Choose which answer to export: {', '.join(WHICH)}.")
    on = today or _today()
    tenders = workspace.tenders
    tender = tenders.get(tender_id)
    sent = tenders.latest_submission(tender_id)
    redrafted = False
    if which == "submitted" and sent is None:
        raise SvdeskError(f"“{tender.name}” has not been submitted yet, so there is no answer as sent.")
    if sent is not None and (which == "submitted" or (which == "auto" and tender.status.is_sent)):
        text, kind, submitted_on, candidates = sent.text, "submitted", sent.submitted_on, sent.story_ids
        _refuse_sent_if_exposed(workspace, text, submitted_on, on)
    else:
        state = tenders.answer(tender_id)
        redrafted = bool(state.text.strip()) and not state.edited and _outdated(workspace, state, on)
        if state.text.strip() and not redrafted:
            text, candidates = state.text, state.story_ids
        else:
            draft = draft_answer(workspace, tender_id, on)
            text, candidates = draft.text, draft.story_ids
        kind, submitted_on = "draft", None
    story_ids = tuple(stories_in_text(workspace, text, candidates))
    check_consent(workspace, story_ids, on)
    document = answer_document(workspace, tender, text, kind, submitted_on, on, cover)
    check_document(workspace, document, (TENDER_USE,), "tender answer", on)
    return AnswerForExport(tender, text, kind, submitted_on, story_ids, document, redrafted)


def _outdated(workspace, state, on: dt.date) -> bool:
    """Whether svdesk's own draft, unedited, now uses a story or names a person further than
    consent allows today (consent lowered or withdrawn since it was drafted)."""
    if exposures_in(workspace, state.text, (TENDER_USE,), on):
        return True
    present = stories_in_text(workspace, state.text, state.story_ids)
    return any(not workspace.stories.check_use(story_id, TENDER_USE, on) for story_id in present)


def _refuse_sent_if_exposed(workspace, text: str, submitted_on: dt.date | None, on: dt.date) -> None:
    found = exposures_in(workspace, text, (TENDER_USE,), on)
    if found:
        raise PersonExposed(found, "tender answer", message=_sent_warning(found, submitted_on))


def sent_answer_warning(workspace, text: str, submitted_on: dt.date | None, today: dt.date | None = None) -> str:
    """What the window says above an answer as sent that names someone further than consent
    allows today ("" when it names nobody that way)."""
    found = exposures_in(workspace, text, (TENDER_USE,), today or _today())
    return _sent_warning(found, submitted_on) if found else ""


def sent_stories_sentence(workspace, story_ids) -> str:
    """Which stories the answer as sent includes, for the window beside it."""
    titles = []
    for story_id in story_ids:
        try:
            titles.append(f"“{workspace.stories.get(story_id).title}”")
        except SvdeskError:
            titles.append("a story no longer in this file")
    if not titles:
        return "The answer as sent includes no story."
    return ("The answer as sent includes " + ", ".join(titles) + ". Each new export checks its consent "
            "again and is recorded in the story's use log.")


def _sent_warning(found, submitted_on: dt.date | None) -> str:
    when = f" on {format_date(submitted_on)}" if submitted_on else ""
    names = " ".join(item.sentence() for item in found[:5])
    return (f"The answer as sent{when} holds a name that consent no longer allows, so svdesk will not export it "
            f"again. {names} A sent answer cannot be changed. To send a new copy, export the answer being worked "
            "on instead (in the window: “Prepare a new submission”; on the command line: --draft), which uses "
            "what consent allows today.")


def answer_document(workspace, tender: Tender, text: str, kind: str, submitted_on: dt.date | None,
                    on: dt.date, cover: bool = False) -> Document:
    """The answer as a document. Every word of its body is the answer's: the title, buyer,
    reference and date go to the page footer and the file's properties, where the buyer's word
    count does not look, unless ``cover`` asks for them as a title block (which adds words)."""
    org = workspace.organisation.get()
    dated = submitted_on if kind == "submitted" and submitted_on else on
    meta = [line for line in (
        org.name,
        f"Reference {tender.reference.strip()}" if tender.reference.strip() else "",
        # Never "Draft of …": a draft exported is what the person sends.
        f"Submitted {format_date(dated)}" if kind == "submitted" else format_date(dated),
    ) if line]
    buyer = tender.buyer.strip()
    title = tender.title.strip() or "Social value answer"
    footer = " · ".join(part for part in (
        org.name.strip(), title, buyer, f"Ref. {tender.reference.strip()}" if tender.reference.strip() else "") if part)
    return Document(
        title=title,
        subtitle=f"Social value response to {buyer}" if buyer else "Social value response",
        meta=tuple(meta),
        blocks=typeset(text_to_blocks(text)),
        footer=footer,
        author=org.name,
        keywords=("social value", "tender"),
        title_block=cover,
    )


def over_limit_problem(answer: "AnswerForExport", fmt: str, words: int) -> str:
    limit = answer.tender.word_limit
    what = "with its cover block " if answer.document.title_block else ""
    return (f"The answer {what}is {words:,} words as the buyer counts them, over the limit of {limit:,}, so "
            "nothing was exported. Shorten it (or draft it again) and export once more — or, to export it "
            "anyway, use --allow-over-limit on the command line.")


def safe_file_stem(text: str) -> str:
    """A file name any system accepts: 'Youth Employment 2025-2028, Lot 2: skills' -> 'Youth Employment
    2025-2028 Lot 2 skills' (letters of any script are kept; at most 60 characters, whole words)."""
    stem = re.sub(r"[–—]", "-", text)
    stem = re.sub(r"[^\w\- ]+", " ", stem, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip(" -.")
    if len(stem) > 60:
        stem = stem[:60].rsplit(" ", 1)[0]
    return stem or "Tender"
