"""A won contract's delivery report: what we promised (as sent) against what we have measured
since the contract started, with the evidence behind every figure.

Promises come from the submission's copy of the commitments (so later edits cannot change what
was promised); results come from the linked indicators' readings. The two are set side by side,
never merged: "We promised …" / "Delivered so far …".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from svdesk.document.model import BulletList, Document, Figures, Heading, Paragraph, Table
from svdesk.document.model import Figure as HeadlineFigure
from svdesk.compose.tender_material import figures_sentence
from svdesk.domain.dates import format_date, today as _today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.counting import added_up, is_whole_year, rule_name
from svdesk.domain.measures import Counting, Direction
from svdesk.domain.periods import describe_period
from svdesk.domain.promises import Figure, PromiseProgress, track
from svdesk.domain.tenders import Commitment, Tender, TenderStatus, format_number, format_years
from svdesk.domain.textsafe import clean_line


@dataclass(frozen=True)
class TrackedPromise:
    progress: PromiseProgress
    indicator_name: str
    evidence: tuple[str, ...]      # one line per counted reading: period, figure, note, files
    not_counted: tuple[str, ...]   # readings that began before the contract
    rule: str = ""                 # how the indicator's readings combine (svdesk.domain.counting)


_DELIVERY_SCORE_RULE = ("the average of each contract year's readings, never one reading alone; the latest "
                        "year's average stands against the promise")


def _period_text(workspace, indicator, start: dt.date, end: dt.date) -> str:
    return describe_period(start, end, indicator.frequency, workspace.organisation.get().year_end)


def tracked_promises(workspace, tender_id: str, today: dt.date | None = None, *, with_evidence: bool = True,
                     readings_of=None) -> list[TrackedPromise]:
    """Every promise of the tender (as sent) with its progress from the contract start.

    ``with_evidence=False`` leaves out the evidence lines (publishing has no use for them, and they
    cost a query per reading); ``readings_of(indicator_id)`` may supply readings already fetched,
    so many tenders measured by the same indicators read them once."""
    on = today or _today()
    tender = workspace.tenders.get(tender_id)
    repo = workspace.indicators
    found = []
    for commitment in workspace.tenders.promised(tender_id):
        indicator = None
        if commitment.indicator_id:
            try:
                indicator = repo.get(commitment.indicator_id)
            except SvdeskError:
                indicator = None
        if indicator is None:
            progress = track(commitment, tender.contract_start, tender.contract_months, None, on)
            found.append(TrackedPromise(progress, "", (), ()))
            continue
        readings = readings_of(indicator.id) if readings_of else repo.readings(indicator.id)
        if indicator.how_counted is Counting.TAKING_PART:
            # A headcount per month repeats people: only a yearly count of different people is a
            # figure that can stand against a promise.
            year_end = workspace.organisation.get().year_end
            readings = [r for r in readings if is_whole_year(r, year_end)]
        figures = [Figure(r.start, r.end, float(r.value), r.id) for r in readings]
        score = indicator.how_counted is Counting.SCORE
        # A score is printed with its scale ("on the 7–35 SWEMWBS scale"), whatever the promise's unit says.
        unit = f"on {indicator.scale.text}" if score else clean_line(commitment.unit)
        progress = track(commitment, tender.contract_start, tender.contract_months, figures, on,
                         summable=added_up(indicator), unit=unit, averaged=score,
                         higher_better=indicator.direction is Direction.HIGHER)
        rule = _DELIVERY_SCORE_RULE if score else rule_name(indicator)
        if not with_evidence:
            found.append(TrackedPromise(progress, clean_line(indicator.name), (), (), rule))
            continue
        by_id = {r.id: r for r in readings}
        evidence = []
        for figure in progress.counted:
            reading = by_id[figure.reading_id]
            files = [a.filename for a in repo.evidence(reading.id)]
            line = f"{_period_text(workspace, indicator, reading.start, reading.end)}: " \
                   f"{_value_text(indicator, reading.value)}"
            if clean_line(reading.note):
                line += f" — {clean_line(reading.note)}"
            line += f" (evidence: {', '.join(files)})" if files else " (no evidence file attached)"
            evidence.append(line)
        not_counted = [f"{_period_text(workspace, indicator, f.start, f.end)}: {_value_text(indicator, by_id[f.reading_id].value)}"
                       for f in progress.not_counted]
        # The name carries the counting rule, so the report says how the figure was made.
        found.append(TrackedPromise(progress, clean_line(indicator.name), tuple(evidence), tuple(not_counted),
                                    rule))
    return found


def _value_text(indicator, value) -> str:
    return indicator.show(value)


def delivery_document(workspace, tender_id: str, today: dt.date | None = None) -> Document:
    on = today or _today()
    tender = workspace.tenders.get(tender_id)
    if tender.status is not TenderStatus.WON:
        raise SvdeskError(f"“{tender.name}” has not been won, so there is no contract to report on. "
                          "Set its status to won first.")
    org = workspace.organisation.get()
    sent = workspace.tenders.latest_submission(tender_id)
    promises = tracked_promises(workspace, tender_id, on)
    meta = [org.name]
    if tender.contract_start and tender.contract_end:
        meta.append(f"Contract {format_date(tender.contract_start)} to {format_date(tender.contract_end)} "
                    f"({format_years(tender.contract_months)})")
    if tender.reference.strip():
        meta.append(f"Reference {clean_line(tender.reference)}")
    meta.append(f"Report of {format_date(on)}")
    blocks: list = [Paragraph(
        "This report sets what we promised in our tender answer against what we have measured since the contract "
        "started. Promises are shown as we made them; results are measured figures with their period and evidence.",
        "lead")]
    if tender.contract_start is None:
        blocks.append(Paragraph("The contract start date has not been entered, so no figures can be counted yet.",
                                "warning"))
    headline = [HeadlineFigure(_figure_value(p.progress), _figure_words(p.progress))
                for p in promises if p.progress.linked and p.progress.delivered is not None]
    if headline:
        blocks.append(Figures(tuple(headline)))
    for number, promise in enumerate(promises, start=1):
        blocks += _promise_blocks(number, promise, tender)
    if sent is not None:
        # The answer itself is not repeated: it may hold stories, and a report is a new use of them.
        blocks.append(Paragraph(f"The promises above are as sent in our answer of {format_date(sent.submitted_on)}.",
                                "note"))
    return Document(
        title=f"Delivery report: {clean_line(tender.title) or 'contract'}",
        subtitle=f"For {clean_line(tender.buyer)}" if tender.buyer.strip() else "",
        meta=tuple(line for line in meta if line), blocks=tuple(blocks),
        footer=f"{org.name} — delivery report", author=org.name, keywords=("social value", "delivery report"),
    )


def _figure_words(progress: PromiseProgress) -> str:
    if progress.averaged:
        return f"average {progress.unit} ({progress.averaged_year})"
    return progress.unit or "delivered"


def _figure_value(progress: PromiseProgress) -> str:
    if progress.summable and progress.target is not None:
        return f"{format_number(progress.delivered)} of {format_number(progress.target)}"
    return format_number(progress.delivered)


def _promise_blocks(number: int, promise: TrackedPromise, tender: Tender) -> list:
    c: Commitment = promise.progress.commitment
    blocks: list = [Heading(1, f"Commitment {number}: {clean_line(c.promise) or 'untitled'}")]
    promised = figures_sentence(c, tender)
    if promised:
        blocks.append(Paragraph(f"What we promised: {promised}"))
    progress = promise.progress
    if not progress.linked:
        blocks.append(Paragraph(progress.headline, "warning"))
        return blocks
    how = f" (how it counts: {promise.rule})" if promise.rule else ""
    blocks.append(Paragraph(f"Delivered so far, measured as “{promise.indicator_name}”{how}: {progress.headline}."))
    if progress.years:
        rows = tuple((year.year.label, "" if year.target is None else _num(year.target), year.delivered_text,
                      year.status) for year in progress.years)
        blocks.append(Table(("Contract year", "Promised", "Delivered", "Status"), rows, widths=(3, 1, 1, 1.3)))
    if promise.evidence:
        blocks.append(Heading(2, "Evidence"))
        blocks.append(BulletList(promise.evidence))
    if promise.not_counted:
        blocks.append(Paragraph("Not counted, because the period began before the contract started: "
                                + "; ".join(promise.not_counted) + ".", "note"))
    return blocks


def _num(value: float) -> str:
    return format_number(value)
