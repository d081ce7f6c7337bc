"""Exporting a document: compose it, check what the format can hold, write it (atomically, by
``svdesk.render.write``) and record each story it tells in the stories' use log.

    export_answer(workspace, tender_id, "docx", path)      # -> ExportOutcome(path, notes)
    export_report(workspace, year, "pdf", path)            # the CIC34 report
    export_summary(workspace, year, path)                  # the impact summary (PDF)

The ``export_all_*`` functions are the self-test's list of every export
(``svdesk.services.export_registry``). ``svdesk.render`` is imported only inside the functions
that write, so importing this module never loads reportlab or python-docx.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from svdesk.compose import cic34
from svdesk.compose.cic34 import REPORT_USES, Cic34Report, default_year, draft_report
from svdesk.compose.cic34_checks import missing_records, missing_records_sentence
from svdesk.compose.summary import SUMMARY_USES, Summary, draft_summary
from svdesk.compose.exposure import check_document
from svdesk.domain.dates import today as _today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.financial_year import FinancialYear

if TYPE_CHECKING:
    from svdesk.store.workspace import Workspace

_ANSWER_FORMATS = ("docx", "pdf", "md", "txt")


@dataclass(frozen=True)
class ExportOutcome:
    """A document written: where, and what the person should know about it (characters the
    format could not hold, stories recorded in the use log, what was left out)."""

    path: Path
    notes: tuple[str, ...] = ()


def _write(document, fmt: str, path) -> tuple[Path, list[str]]:
    from svdesk import render

    notes = render.inspect(document, fmt).sentences()
    return render.write(document, fmt, path), notes


def _logged_note(workspace: Workspace, story_ids) -> tuple[str, ...]:
    if not story_ids or workspace.read_only:
        return ()
    return (f"{len(story_ids)} {'story was' if len(story_ids) == 1 else 'stories were'} recorded in the "
            "stories' use log.",)


# -- the story use log ------------------------------------------------------------------------------
def record_story_uses(workspace: Workspace, stories, uses, document_name: str, when: dt.date) -> None:
    """One use-log row per story and use, at the level each story is told (reports, summary)."""
    if workspace.read_only or not stories:
        return
    workspace.stories.record_uses([(story.story_id, story.level) for story in stories], uses, document_name, when)


def record_answer_story_uses(workspace: Workspace, story_ids, document_name: str, on: dt.date) -> None:
    """One use-log row per story whose words are in a tender answer (exported, copied or sent)."""
    from svdesk.compose.tender_material import TENDER_USE

    if workspace.read_only or not story_ids:
        return
    workspace.stories.record_uses([(story_id, None) for story_id in story_ids], (TENDER_USE,), document_name, on)


# -- the statement ----------------------------------------------------------------------------------
def export_statement(workspace: Workspace, path: Path, fmt: str | None = None) -> ExportOutcome:
    from svdesk.compose import statement
    from svdesk.render import format_for_path

    document = statement.statement_document(workspace)
    if document is None:
        raise SvdeskError("The statement has not been agreed yet, so there is nothing to export. "
                          "Mark it as agreed first: exports never use a draft.")
    fmt = fmt or format_for_path(path) or "docx"
    check_document(workspace, document, statement.STATEMENT_USES, "statement")
    written, notes = _write(document, fmt, path)
    return ExportOutcome(written, tuple(notes))


def export_all_statements(workspace: Workspace, out_dir: Path) -> list[Path]:
    """For the exports registry: the agreed statement in every format (nothing while unagreed)."""
    from svdesk.compose import statement

    if workspace.statements.current_agreed() is None:
        return []
    stem = statement.file_stem(workspace)
    return [export_statement(workspace, Path(out_dir) / f"{stem}.{fmt}", fmt).path for fmt in statement.FORMATS]


# -- a tender's answer and a won contract's delivery report -----------------------------------------
def export_answer(workspace: Workspace, tender_id: str, fmt: str, path, which: str = "auto",
                  today: dt.date | None = None, *, allow_over_limit: bool = False,
                  cover: bool = False) -> ExportOutcome:
    """Writes the answer; refuses (SvdeskError, nothing written) when the file would be over the
    tender's word limit as the buyer counts it, unless ``allow_over_limit``."""
    from svdesk.compose.answer_as_sent import for_format
    from svdesk.compose.tender import REDRAFTED_NOTE, answer_for_export, criteria_for, over_limit_problem, plan_for
    from svdesk.services.answer_limits import (
        buyer_word_count, over_page_limit_problem, over_pages_sentence, page_problem,
    )
    from svdesk import render

    on = today or _today()
    answer = answer_for_export(workspace, tender_id, which, on, cover)
    fmt = render.normalise_format(fmt)
    document = for_format(answer.document, fmt)
    words = buyer_word_count(answer.document, fmt)
    limit = answer.tender.word_limit
    over = limit is not None and words > limit
    if over and not allow_over_limit:
        raise SvdeskError(over_limit_problem(answer, fmt, words))
    pages = page_problem(answer, fmt)
    if pages and not allow_over_limit:
        raise SvdeskError(over_page_limit_problem(answer, *pages))
    if answer.story_ids and workspace.read_only:
        raise SvdeskError("The answer includes a story, and each use of a story must be recorded in the file's "
                          "use log, but the file is open read-only (or in another window). Export it from the "
                          "window that has it open, or close that window and try again.")
    written, notes = _write(document, fmt, path)
    record_answer_story_uses(workspace, answer.story_ids, f"Tender answer for {answer.tender.name} ({written.name})",
                             on)
    if cover:
        added = words - buyer_word_count(replace(answer.document, title_block=False), fmt)
        notes.append(f"The cover block (title, buyer, reference, date) adds {added:,} words: the file holds "
                     f"{words:,} words as the buyer counts them" + (f" (limit {limit:,})." if limit else "."))
    if answer.redrafted:
        notes.append(REDRAFTED_NOTE)
    if over:
        notes.append(f"The answer is {words:,} words as the buyer counts them: {words - limit:,} over the "
                     f"limit of {limit:,}.")
    if pages:
        notes.append(over_pages_sentence(*pages, answer.document))
    if answer.kind == "draft":
        plan = plan_for(workspace, answer.tender, today=on)
        if plan is not None and plan.not_covered():
            notes.append("Parts of the question the records do not fully answer yet:")
            notes += [f"  {line}" for line in plan.sentences()]
        criteria = [c for c in criteria_for(workspace, answer.tender, today=on) if c.status != "covered"]
        if criteria:
            notes.append("What the buyer will score that the records do not fully cover yet:")
            notes += [f"  {c.sentence()}" for c in criteria]
    if answer.story_ids:
        notes.append(f"{len(answer.story_ids)} {'story was' if len(answer.story_ids) == 1 else 'stories were'} "
                     "recorded in the stories' use log.")
    return ExportOutcome(written, tuple(notes))


def clipboard_answer(workspace: Workspace, tender_id: str, which: str = "auto", today: dt.date | None = None,
                     allow_over_limit: bool = False):
    """(plain text, HTML fragment, the answer) for the clipboard: the answer body only, as it is
    pasted into a portal. The caller records the story uses once the clipboard is set. Refused
    like a file when the text is over the word limit (unless ``allow_over_limit``)."""
    from svdesk.compose.tender import answer_for_export, over_limit_problem
    from svdesk import render

    answer = answer_for_export(workspace, tender_id, which, today)
    limit = answer.tender.word_limit
    if limit is not None and answer.words > limit and not allow_over_limit:
        raise SvdeskError(over_limit_problem(answer, "txt", answer.words).replace("exported", "copied"))
    return answer.text, render.render_html(answer.body(), fragment=True), answer


def export_all_answers(workspace: Workspace, out_dir) -> list[Path]:
    """Every tender's answer in every format (for ``svdesk --self-test`` and batch use)."""
    from svdesk.compose.tender import safe_file_stem

    out_dir = Path(out_dir)
    written = []
    for each in workspace.tenders.all():
        stem = f"{safe_file_stem(each.name)} {each.id[:8]}"
        for fmt in _ANSWER_FORMATS:
            # An archive of every answer as it stands: the limit is checked when one answer is
            # exported to be sent, not here.
            written.append(export_answer(workspace, each.id, fmt, out_dir / f"{stem}.{fmt}",
                                         allow_over_limit=True).path)
    return written


def export_delivery(workspace: Workspace, tender_id: str, fmt: str, path,
                    today: dt.date | None = None) -> ExportOutcome:
    from svdesk.compose import delivery
    from svdesk.compose.tender_material import TENDER_USE

    document = delivery.delivery_document(workspace, tender_id, today)
    check_document(workspace, document, (TENDER_USE,), "delivery report", today)
    written, notes = _write(document, fmt, path)
    return ExportOutcome(written, tuple(notes))


def export_all_deliveries(workspace: Workspace, out_dir) -> list[Path]:
    """The delivery report of every won contract, in every format."""
    from svdesk.compose.tender import safe_file_stem

    written = []
    for won in workspace.tenders.won():
        stem = f"Delivery {safe_file_stem(won.name)} {won.id[:8]}"
        for fmt in _ANSWER_FORMATS:
            written.append(export_delivery(workspace, won.id, fmt, Path(out_dir) / f"{stem}.{fmt}").path)
    return written


# -- the CIC34 report and the impact summary --------------------------------------------------------
def export_report(workspace: Workspace, year: FinancialYear, fmt: str, path: Path, today: dt.date | None = None,
                  report: Cic34Report | None = None) -> ExportOutcome:
    """Writes the report and records each story it prints in the stories' use log. ``report``
    may be given when the caller has just drafted it (same year)."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in cic34.FORMATS:
        raise SvdeskError(f"The CIC34 report can be saved as {', '.join(cic34.FORMATS)}, not “{fmt}”.")
    if report is None or report.year != year:
        report = draft_report(workspace, year, today)
    leaks = report.excluded_in_print()
    if leaks:
        titles = ", ".join(f"“{item.title}” ({_lower_first(item.reason.rstrip('.'))})" for item in leaks)
        raise SvdeskError(
            f"Your edited text still tells {titles}, which may not be used in public reports now. "
            "Take it out (or reset the part to the drafted text) before exporting."
        )
    if missing_records(report.checks):
        # Not a draft "anyway": a part with nothing recorded would be filed as blank or guessed.
        raise SvdeskError(missing_records_sentence(year.label, report.checks))
    document = report.document()
    check_document(workspace, document, REPORT_USES, "CIC34 report", report.today)
    written, notes = _write(document, fmt, path)
    used = report.stories_used()
    record_story_uses(workspace, used, REPORT_USES, f"CIC34 report {year.label} ({written.name})", report.today)
    return ExportOutcome(written, tuple(notes) + _logged_note(workspace, used))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def export_all_cic34(workspace, out_dir: Path) -> list[Path]:
    """For the exports registry: the latest finished year's report in every format. A year still
    waiting for the person's records (or "none this year") cannot be exported, so the newest
    earlier year that can stands in for it (the demo's latest year may be such a year)."""
    organisation = workspace.organisation.get()
    year = default_year(workspace)
    report = draft_report(workspace, year)
    earlier = year
    for _step in range(4):
        if not missing_records(report.checks):
            break
        earlier = earlier.previous(organisation.year_end)
        if not organisation.existed_in(earlier):
            break
        found = draft_report(workspace, earlier)
        if not missing_records(found.checks):
            year, report = earlier, found
            break
    return [export_report(workspace, year, fmt, Path(out_dir) / f"{report.file_stem}.{fmt}", report=report).path
            for fmt in cic34.FORMATS]


def export_summary(workspace: Workspace, year: FinancialYear, path: Path, today: dt.date | None = None,
                   summary: Summary | None = None) -> ExportOutcome:
    """Writes the leaflet as PDF and logs each story it tells."""
    if summary is None or summary.year != year:
        summary = draft_summary(workspace, year, today)
    document = summary.document()
    check_document(workspace, document, SUMMARY_USES, "impact summary", summary.today)
    written, dropped = _write(document, "pdf", path)
    record_story_uses(workspace, summary.stories, SUMMARY_USES,
                      f"Impact summary {year.label} ({written.name})", summary.today)
    return ExportOutcome(written, tuple(summary.notes) + tuple(dropped))


def export_all_summaries(workspace: Workspace, out_dir: Path) -> list[Path]:
    """For the exports registry: the latest finished year's summary."""
    year = default_year(workspace)
    drafted = draft_summary(workspace, year)
    return [export_summary(workspace, year, Path(out_dir) / f"{drafted.file_stem}.pdf", summary=drafted).path]


# -- the consent form -------------------------------------------------------------------------------
def export_consent_form(workspace: Workspace, fmt: str, path: Path, story_id: str | None = None) -> ExportOutcome:
    from svdesk.compose import consent_form

    written, notes = _write(consent_form.consent_form(workspace, story_id), fmt, path)
    return ExportOutcome(written, tuple(notes))


def export_all_consent_forms(workspace: Workspace, out_dir: Path) -> list[Path]:
    """The blank form, in each format (for the self-test's list of every export)."""
    from svdesk.compose import consent_form

    return [export_consent_form(workspace, fmt, Path(out_dir) / f"Consent form.{fmt}").path
            for fmt in consent_form.FORMATS]
