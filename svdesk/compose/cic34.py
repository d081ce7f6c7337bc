"""The CIC34 community interest report for one financial year: drafted parts, the person's own
edits, the checks, and the Document every export is rendered from.

    report = draft_report(workspace, year)          # FinancialYear
    report.part(Part.ACTIVITIES).text               # what will be printed in Part 1
    report.checks                                   # plain sentences, most serious first
    report.document()                               # -> svdesk.document.model.Document

A part's printed text is the person's own when they edited it, otherwise the draft. Edits are
never replaced behind their back: when the records change after an edit, the part says so and
offers the new draft, but keeps their text until they choose "reset to the drafted text".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from svdesk.compose import cic34_parts as parts
from svdesk.compose.cic34_sources import YearSources, gather
from svdesk.document.model import Document, Heading, Paragraph, Span, bold
from svdesk.compose.parttext import normalise, text_to_blocks
from svdesk.domain.cic34 import PART_TITLES, Part, Signatory, filing_deadline
from svdesk.domain.cic34_wording import WordingValue
from svdesk.domain.consent import Use
from svdesk.domain.errors import SvdeskError
from svdesk.domain import dates
from svdesk.domain.dates import MONTH_NAMES, format_date
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
    none_confirmed: dict = field(default_factory=dict)   # {'pay': date confirmed, ...}
    dividends_total: int | None = None

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
        stories = self.sources.stories
        if hasattr(stories, "told_where"):  # the year's stories: only those told are rendered
            return stories.told_where(lambda title, quote, after: _fragments_in(text, (title, quote[:80], after[:80])))
        return [story for story in stories if _story_in(text, story)]

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
    older year that has CIC34 records — never a year before the organisation existed."""
    today = today or dates.today()
    organisation = workspace.organisation.get()
    year_end = organisation.year_end
    current = year_containing(today, year_end)
    years = [current]
    for _ in range(4):
        years.append(years[-1].previous(year_end))
    for end in workspace.cic34.years_with_records():
        year = year_containing(end, year_end)
        if year not in years:
            years.append(year)
    kept = [year for year in set(years) if organisation.existed_in(year)] or [current]
    return sorted(kept, key=lambda year: year.end, reverse=True)


def default_year(workspace, today: dt.date | None = None) -> FinancialYear:
    """The year a report opens on: the latest year that has ended and has data (readings or CIC34
    records); else the latest year that has ended since incorporation; for an
    organisation in its first year, that year."""
    today = today or dates.today()
    years = report_years(workspace, today)
    ended = [year for year in years if year.end < today]
    with_data = _years_with_data(workspace, years)
    for year in ended:
        if year in with_data:
            return year
    if ended:
        return ended[0]
    return years[0]


def _years_with_data(workspace, years: list[FinancialYear]) -> set[FinancialYear]:
    found = set()
    records = set(workspace.cic34.years_with_records())
    repo = workspace.indicators
    ends = repo.reading_ends([indicator.id for indicator in repo.active()])
    for year in years:
        if year.end in records or any(year.contains(day) for day in ends):
            found.add(year)
    return found


def not_before_incorporation(organisation, year: FinancialYear, what: str) -> None:
    """Refuses a report for a year that ended before the organisation existed."""
    if not organisation.existed_in(year):
        raise SvdeskError(f"{organisation.name or 'The organisation'} was incorporated on "
                          f"{format_date(organisation.incorporated_on)}, after {year.label} ended: there is no "
                          f"{what} for that year.")


def draft_report(workspace, year: FinancialYear, today: dt.date | None = None,
                 with_checks: bool = True, left_out: bool = True) -> Cic34Report:
    """The year's report. ``left_out=False`` (with ``with_checks=False``) drafts last year's only
    to compare with: the stories its consent leaves out are not listed (nothing reads them)."""
    today = today or dates.today()
    organisation = workspace.organisation.get()
    not_before_incorporation(organisation, year, "CIC34 report")
    repo = workspace.cic34
    end = year.end
    wording = repo.wording(end)
    sources = gather(workspace, year, today, REPORT_USES, left_out=left_out or with_checks)
    pay = tuple(repo.pay(end))
    transfers = tuple(repo.transfers(end))
    nones = workspace.cic34_none.confirmed(end)
    drafts = {
        Part.ACTIVITIES: parts.draft_part1(sources),
        Part.CONSULTATION: parts.draft_part2(sources, wording, "consultation" in nones),
        Part.REMUNERATION: parts.draft_part3(list(pay), wording, "pay" in nones),
        Part.TRANSFERS: parts.draft_part4(list(transfers), wording, "transfers" in nones),
    }
    if organisation.legal_form is LegalForm.CIC_SHARES:
        years = [year]
        for _ in range(4):
            earlier = years[-1].previous(organisation.year_end)
            if not organisation.existed_in(earlier):
                break  # no dividend row for a year before the company existed
            years.append(earlier)
        totals = repo.dividend_totals([item.end for item in years])
        drafts[Part.DIVIDENDS] = parts.draft_dividends(
            [(item.label, totals[item.end], "dividends" in workspace.cic34_none.confirmed(item.end))
             for item in years], wording)
    edits = repo.part_edits(end)
    built = []
    for part, drafted in drafts.items():
        edit = edits.get(part)
        built.append(PartDraft(part, drafted, edit.text if edit else None, edit.drafted if edit else ""))
    report = Cic34Report(organisation, year, today, sources, tuple(built), repo.signatory(end), wording,
                         pay, transfers, none_confirmed=nones,
                         dividends_total=repo.dividend_totals([end])[end] if organisation.legal_form is LegalForm.CIC_SHARES else None)
    if not with_checks:
        return report
    from svdesk.compose.cic34_checks import report_checks

    before = year.previous(organisation.year_end)
    # No comparison with, or figure quoted from, a year before the organisation existed.
    previous = (draft_report(workspace, before, today, with_checks=False, left_out=False)
                if organisation.existed_in(before) else None)
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


FORMATS = ("docx", "pdf", "txt")
