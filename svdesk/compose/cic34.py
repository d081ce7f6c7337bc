"""The CIC34 community interest report for one financial year: drafted parts, the person's own
edits, the checks, and the Document every export is rendered from.

    report = draft_report(workspace, year)          # FinancialYear
    report.part(Part.ACTIVITIES).text               # what will be printed in Part 1
    report.checks                                   # plain sentences, most serious first
    report.document()                               # -> svdesk.compose.document.Document
    export_report(workspace, year, "pdf", path)     # writes it and logs each story used

A part's printed text is the person's own when they edited it, otherwise the draft. Edits are
never replaced behind their back: when the records change after an edit, the part says so and
offers the new draft, but keeps their text until they choose "reset to the drafted text".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from svdesk.compose import cic34_parts as parts
from svdesk.compose.cic34_sources import YearSources, gather
from svdesk.compose.document import Document, Heading, Paragraph, Span, bold
from svdesk.compose.exports import ExportOutcome
from svdesk.compose.parttext import normalise, text_to_blocks
from svdesk.domain.cic34 import PART_TITLES, Part, Signatory, filing_deadline
from svdesk.domain.cic34_wording import WordingValue
from svdesk.domain.consent import Use
from svdesk.domain import dates
from svdesk.domain.dates import MONTH_NAMES, format_date
from svdesk.domain.errors import SvdeskError
from svdesk.domain.financial_year import FinancialYear, year_containing
from svdesk.domain.organisation import LegalForm, Organisation

REPORT_USES = (Use.PUBLIC_REPORTS,)


@dataclass(frozen=True)
class PartDraft:
    part: Part
    drafted: str  # what svdesk drafts from the records today
    own: str | None = None  # the person's text, when they edited the part
    drafted_when_edited: str = ""

    @property
    def title(self) -> str:
        return PART_TITLES[self.part]

    @property
    def text(self) -> str:
        return self.own if self.own is not None else self.drafted

    @property
    def edited(self) -> bool:
        return self.own is not None

    @property
    def records_changed(self) -> bool:
        """Edited, and the records have changed since: the draft would now say something else."""
        return self.edited and normalise(self.drafted_when_edited) != normalise(self.drafted)


@dataclass(frozen=True)
class Cic34Report:
    organisation: Organisation
    year: FinancialYear
    today: dt.date
    sources: YearSources
    parts: tuple[PartDraft, ...]
    signatory: Signatory
    wording: dict[str, WordingValue]
    pay: tuple = ()
    transfers: tuple = ()
    checks: tuple = ()

    @property
    def by_shares(self) -> bool:
        return self.organisation.legal_form is LegalForm.CIC_SHARES

    @property
    def deadline(self) -> dt.date:
        return filing_deadline(self.year.end)

    def part(self, part: Part) -> PartDraft:
        for item in self.parts:
            if item.part is part:
                return item
        raise KeyError(part)

    def text_of(self, part: Part) -> str:
        return self.part(part).text

    def stories_used(self) -> list:
        """The usable stories whose words are in the printed Part 1 (drafted or edited)."""
        text = normalise(self.text_of(Part.ACTIVITIES))
        return [story for story in self.sources.stories if _story_in(text, story)]

    def excluded_in_print(self) -> list:
        """Stories whose consent does not cover this report but whose words are still in an
        edited part. Exporting refuses while there are any."""
        texts = " ".join(normalise(item.text) for item in self.parts if item.edited)
        return [item for item in self.sources.excluded if texts and _fragments_in(texts, item.fragments)]

    def document(self) -> Document:
        return report_document(self)

    @property
    def file_stem(self) -> str:
        safe = "".join(ch for ch in self.organisation.name if ch.isalnum() or ch in " -_").strip() or "CIC34"
        return f"{safe} CIC34 {self.year.label.replace('/', '-')}"


def _story_in(normalised_text: str, story) -> bool:
    return _fragments_in(normalised_text, (story.title, story.quote[:80], story.after[:80]))


def _fragments_in(normalised_text: str, fragments) -> bool:
    for fragment in fragments:
        cut = normalise(fragment)
        if len(cut) >= 12 and cut in normalised_text:
            return True
    return False


def report_years(workspace, today: dt.date | None = None) -> list[FinancialYear]:
    """The years the page offers, newest first: the current year, the four before it, and any
    older year that has CIC34 records."""
    today = today or dates.today()
    year_end = workspace.organisation.get().year_end
    current = year_containing(today, year_end)
    years = [current]
    for _ in range(4):
        years.append(years[-1].previous(year_end))
    for end in workspace.cic34.years_with_records():
        year = year_containing(end, year_end)
        if year not in years:
            years.append(year)
    return sorted(set(years), key=lambda year: year.end, reverse=True)


def default_year(workspace, today: dt.date | None = None) -> FinancialYear:
    """The year a report is due for: the latest year that has ended."""
    today = today or dates.today()
    year_end = workspace.organisation.get().year_end
    return year_containing(today, year_end).previous(year_end)


def draft_report(workspace, year: FinancialYear, today: dt.date | None = None,
                 with_checks: bool = True) -> Cic34Report:
    today = today or dates.today()
    organisation = workspace.organisation.get()
    repo = workspace.cic34
    end = year.end
    wording = repo.wording(end)
    sources = gather(workspace, year, today, REPORT_USES)
    pay = tuple(repo.pay(end))
    transfers = tuple(repo.transfers(end))
    drafts = {
        Part.ACTIVITIES: parts.draft_part1(sources),
        Part.CONSULTATION: parts.draft_part2(sources, wording),
        Part.REMUNERATION: parts.draft_part3(list(pay), wording),
        Part.TRANSFERS: parts.draft_part4(list(transfers), wording),
    }
    if organisation.legal_form is LegalForm.CIC_SHARES:
        years = [year]
        for _ in range(4):
            years.append(years[-1].previous(organisation.year_end))
        totals = repo.dividend_totals([item.end for item in years])
        drafts[Part.DIVIDENDS] = parts.draft_dividends([(item.label, totals[item.end]) for item in years], wording)
    edits = repo.part_edits(end)
    built = []
    for part, drafted in drafts.items():
        edit = edits.get(part)
        built.append(PartDraft(part, drafted, edit.text if edit else None, edit.drafted if edit else ""))
    report = Cic34Report(organisation, year, today, sources, tuple(built), repo.signatory(end), wording,
                         pay, transfers)
    if not with_checks:
        return report
    from svdesk.compose.cic34_checks import report_checks

    previous = draft_report(workspace, year.previous(organisation.year_end), today, with_checks=False)
    return _with_checks(report, report_checks(report, previous))


def _with_checks(report: Cic34Report, checks) -> Cic34Report:
    from dataclasses import replace

    return replace(report, checks=tuple(checks))


def long_date(day: dt.date) -> str:
    """'31 March 2026' — the form's header spells the month out."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def report_document(report: Cic34Report) -> Document:
    org = report.organisation
    meta = [f"Company name in full: {org.name}",
            f"Company number: {org.company_number or 'not entered yet'}",
            f"Year ending: {long_date(report.year.end)}"]
    subtitle = "CIC34 — detailed form" if report.by_shares else "CIC34 — simplified form"
    blocks: list = []
    for item in report.parts:
        blocks.append(Heading(1, item.title))
        body = text_to_blocks(item.text)
        blocks += body or [Paragraph("(This part is empty.)", "warning")]
    blocks += signature_blocks(report)
    return Document(
        title="Community interest company report", subtitle=subtitle, meta=tuple(meta),
        blocks=tuple(blocks), footer=f"{org.name} · Community interest company report, year ending "
        f"{format_date(report.year.end)}", author=org.name,
        keywords=("CIC34", "community interest report", report.year.label),
    )


def signature_blocks(report: Cic34Report) -> list:
    signatory = report.signatory
    line = "_" * 28

    def field(label: str, value: str) -> Paragraph:
        return Paragraph((bold(f"{label}: "), Span(value or line)))

    return [
        Heading(1, "Signed"),
        Paragraph(report.wording["signing"].text, "note"),
        field("Signed", ""),
        field("Name", signatory.name),
        field("Office held", signatory.office.label if signatory.name else "Director / Secretary"),
        field("Date", format_date(signatory.signed_on) if signatory.signed_on else ""),
    ]


# -- export ---------------------------------------------------------------------------------------
FORMATS = ("docx", "pdf", "txt")


def export_report(workspace, year: FinancialYear, fmt: str, path: Path, today: dt.date | None = None,
                  report: Cic34Report | None = None) -> ExportOutcome:
    """Writes the report and records each story it prints in the stories' use log. ``report``
    may be given when the caller has just drafted it (same year)."""
    from svdesk import render
    from svdesk.compose.exposure import check_document

    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise SvdeskError(f"The CIC34 report can be saved as {', '.join(FORMATS)}, not “{fmt}”.")
    if report is None or report.year != year:
        report = draft_report(workspace, year, today)
    leaks = report.excluded_in_print()
    if leaks:
        titles = ", ".join(f"“{item.title}” ({_lower_first(item.reason.rstrip('.'))})" for item in leaks)
        raise SvdeskError(
            f"Your edited text still tells {titles}, which may not be used in public reports now. "
            "Take it out (or reset the part to the drafted text) before exporting."
        )
    document = report.document()
    check_document(workspace, document, REPORT_USES, "CIC34 report", report.today)
    notes = render.inspect(document, fmt).sentences()
    written = render.write(document, fmt, path)
    used = report.stories_used()
    record_story_uses(workspace, used, REPORT_USES, f"CIC34 report {year.label} ({written.name})", report.today)
    return ExportOutcome(written, tuple(notes) + _logged_note(workspace, used))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _logged_note(workspace, story_ids) -> tuple[str, ...]:
    if not story_ids or workspace.read_only:
        return ()
    return (f"{len(story_ids)} {'story was' if len(story_ids) == 1 else 'stories were'} recorded in the "
            "stories' use log.",)


def record_story_uses(workspace, stories, uses, document_name: str, when: dt.date) -> None:
    if workspace.read_only or not stories:
        return
    for story in stories:
        for use in uses:
            workspace.stories.record_use(story.story_id, use, document_name, when, story.level)


def export_all(workspace, out_dir: Path) -> list[Path]:
    """For the exports registry: the latest finished year's report in every format."""
    year = default_year(workspace)
    report = draft_report(workspace, year)
    return [export_report(workspace, year, fmt, Path(out_dir) / f"{report.file_stem}.{fmt}", report=report).path
            for fmt in FORMATS]
