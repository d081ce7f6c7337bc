"""A tender's social value answer: drafted from the records within the word limit, and exported
(Word, PDF, Markdown, text, the clipboard) with the consent of every story checked again at the
moment of use and each use written to the stories' use log.

Which text is exported: once an answer has been sent, the text as sent (the frozen submission);
before that, the text in the editor (the person's edits included), or a fresh draft when the
editor is empty. ``which`` can ask for "submitted" or "current" explicitly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from svdesk.compose.answer_fit import fit
from svdesk.compose.answer_text import text_to_blocks
from svdesk.compose.document import Document
from svdesk.compose.exports import ExportOutcome
from svdesk.compose.exposure import PersonExposed, check_document, exposures_in
from svdesk.compose.tender_material import TENDER_USE, gather
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

    @property
    def fits(self) -> bool:
        return self.limit is None or self.words <= self.limit


def draft_answer(workspace, tender_id: str, today: dt.date | None = None) -> DraftAnswer:
    """A fresh draft from the records (nothing is stored)."""
    tender = workspace.tenders.get(tender_id)
    gathered = gather(workspace, tender, today or _today())
    fitted = fit(gathered.material, tender.word_limit)
    return DraftAnswer(fitted.text, fitted.blocks, fitted.words, fitted.limit, fitted.left_out, fitted.story_ids,
                       tuple(gathered.checks))


def redraft(workspace, tender_id: str, today: dt.date | None = None) -> DraftAnswer:
    """Drafts and puts the draft in the editor; the text it replaces is kept as an earlier version."""
    draft = draft_answer(workspace, tender_id, today)
    workspace.tenders.set_generated(tender_id, draft.text, [*draft.left_out], list(draft.story_ids))
    return draft


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


def record_story_uses(workspace, story_ids, document_name: str, on: dt.date) -> None:
    repo = workspace.stories
    if workspace.read_only:
        return
    for story_id in dict.fromkeys(story_ids):
        repo.record_use(story_id, TENDER_USE, document_name, on)


def answer_for_export(workspace, tender_id: str, which: str = "auto", today: dt.date | None = None) -> AnswerForExport:
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
    document = answer_document(workspace, tender, text, kind, submitted_on, on)
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


def _sent_warning(found, submitted_on: dt.date | None) -> str:
    when = f" on {format_date(submitted_on)}" if submitted_on else ""
    names = " ".join(item.sentence() for item in found[:5])
    return (f"The answer as sent{when} holds a name that consent no longer allows, so svdesk will not export it "
            f"again. {names} A sent answer cannot be changed. To send a new copy, export the answer being worked "
            "on instead (in the window: “Prepare a new submission”; on the command line: --draft), which uses "
            "what consent allows today.")


def answer_document(workspace, tender: Tender, text: str, kind: str, submitted_on: dt.date | None,
                    on: dt.date) -> Document:
    org = workspace.organisation.get()
    words = count_words(text)
    limit = f" (limit {tender.word_limit:,})" if tender.word_limit else ""
    when = f"Submitted {format_date(submitted_on)}" if kind == "submitted" else f"Draft of {format_date(on)}"
    meta = [line for line in (
        org.name,
        f"Reference {tender.reference}" if tender.reference.strip() else "",
        f"{when} · {words:,} words{limit}, headings included",
    ) if line]
    buyer = tender.buyer.strip()
    return Document(
        title=tender.title.strip() or "Social value answer",
        subtitle=f"Social value response to {buyer}" if buyer else "Social value response",
        meta=tuple(meta),
        blocks=text_to_blocks(text),
        footer=f"{org.name} — social value response" if org.name else "Social value response",
        author=org.name,
        keywords=("social value", "tender"),
    )


# -- files -------------------------------------------------------------------------------------
def export_answer(workspace, tender_id: str, fmt: str, path, which: str = "auto",
                  today: dt.date | None = None) -> ExportOutcome:
    from svdesk import render

    on = today or _today()
    answer = answer_for_export(workspace, tender_id, which, on)
    if answer.story_ids and workspace.read_only:
        raise SvdeskError("The answer includes a story, and each use of a story must be recorded in the file's "
                          "use log, but the file is open read-only (or in another window). Export it from the "
                          "window that has it open, or close that window and try again.")
    report = render.inspect(answer.document, fmt)
    written = render.write(answer.document, fmt, path)
    record_story_uses(workspace, answer.story_ids, f"Tender answer for {answer.tender.name} ({written.name})", on)
    notes = list(report.sentences())
    if answer.redrafted:
        notes.append(REDRAFTED_NOTE)
    if answer.story_ids:
        notes.append(f"{len(answer.story_ids)} {'story was' if len(answer.story_ids) == 1 else 'stories were'} "
                     "recorded in the stories' use log.")
    return ExportOutcome(written, tuple(notes))


def clipboard_answer(workspace, tender_id: str, which: str = "auto", today: dt.date | None = None):
    """(plain text, HTML fragment, the answer) for the clipboard: the answer body only, as it is
    pasted into a portal. The caller records the story uses once the clipboard is set."""
    from svdesk import render

    answer = answer_for_export(workspace, tender_id, which, today)
    return answer.text, render.render_html(answer.body(), fragment=True), answer


def safe_file_stem(text: str) -> str:
    """A file name any system accepts: 'Youth Employment 2025-2028, Lot 2: skills' -> 'Youth Employment
    2025-2028 Lot 2 skills' (letters of any script are kept; at most 60 characters, whole words)."""
    stem = re.sub(r"[–—]", "-", text)
    stem = re.sub(r"[^\w\- ]+", " ", stem, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip(" -.")
    if len(stem) > 60:
        stem = stem[:60].rsplit(" ", 1)[0]
    return stem or "Tender"


def export_all(workspace, out_dir) -> list[Path]:
    """Every tender's answer in every format (for ``svdesk --self-test`` and batch use)."""
    out_dir = Path(out_dir)
    written = []
    for tender in workspace.tenders.all():
        stem = f"{safe_file_stem(tender.name)} {tender.id[:8]}"
        for fmt in ("docx", "pdf", "md", "txt"):
            written.append(export_answer(workspace, tender.id, fmt, out_dir / f"{stem}.{fmt}").path)
    return written
