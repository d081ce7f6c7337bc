"""Records -> what an organisation publishes as open data: its public details, its agreed
statement, the indicators it chose with their yearly figures, and the won contracts it chose with
what was promised and what has been delivered so far, rated in the Procurement Act's words.

Only fields meant for the public are read. Stories, quotes, consent records, consultation notes,
reading notes, who recorded or collected a figure, who agreed the statement, who is accountable
for a promise, tender notes, feedback and answers, and every evidence file are never touched
here, so no writer can publish them by mistake. The organisation's own wording (a commitment, the
statement) may still name a person it holds a story about: every such full name is taken out
(``_without_names``) and the person publishing is told where.

Figures come from the domain's functions (``progress.year_totals`` via the indicator repository,
``promises.track`` via ``delivery.tracked_promises``), never worked out again here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from svdesk.compose.delivery import tracked_promises
from svdesk.domain.counting import rule_name
from svdesk.document.publication import (  # noqa: F401 - the model, re-exported for callers
    ContractYearFigures, IndicatorYear, LICENCES, Licence, PublicOrganisation, PublicStatement, Publication, PublishedCommitment, PublishedContract, PublishedIndicator, licence,
)
from svdesk.domain.dates import today as _today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.measures import Direction, format_value
from svdesk.domain.names_in_text import NameRemover
from svdesk.domain.ratings import due_by, rate
from svdesk.domain.tenders import TenderStatus
from svdesk.domain.textsafe import clean_line, clean_text

def publishable_tenders(workspace) -> list:
    """The contracts a person may choose from: won tenders, in the list's order."""
    return [tender for tender in workspace.tenders.all() if tender.status is TenderStatus.WON]


def publishable_indicators(workspace) -> list:
    return workspace.indicators.active()


def build_publication(workspace, tender_ids, indicator_ids, licence_key: str = "ogl",
                      today: dt.date | None = None) -> Publication:
    """What will be published, for the chosen won contracts and indicators (in the order given)."""
    on = today or _today()
    chosen_licence = licence(licence_key)
    tender_ids, indicator_ids = list(dict.fromkeys(tender_ids)), list(dict.fromkeys(indicator_ids))
    if not tender_ids and not indicator_ids:
        raise SvdeskError("Choose at least one won contract or indicator to publish; nothing is published "
                          "unless you choose it.")
    readings: dict[str, list] = {}   # each indicator's readings, read once for every contract it measures

    def readings_of(indicator_id: str) -> list:
        if indicator_id not in readings:
            readings[indicator_id] = workspace.indicators.readings(indicator_id)
        return readings[indicator_id]

    contracts = tuple(_contract(workspace, tender_id, on, readings_of) for tender_id in tender_ids)
    indicators = tuple(_indicator(workspace, indicator_id) for indicator_id in indicator_ids)
    statement, indicators, contracts, warnings = _without_names(
        workspace.stories.people_named(), _statement(workspace), indicators, contracts)
    return Publication(_organisation(workspace), statement, indicators, contracts, chosen_licence, on,
                       warnings=warnings)


def _without_names(names, statement, indicators, contracts):
    """The organisation's own wording may name a person it holds a story about (a promise "for Amara
    Okafor's family", a statement quoting someone); every such name is taken out, and the person
    is told where (``Publication.warnings``)."""
    remover = NameRemover(names)
    warnings: list[str] = []

    def clean(obj, where: str, *fields: str):
        changes = {}
        for field in fields:
            text, hit = remover.remove(getattr(obj, field))
            if hit:
                changes[field] = text
        if not changes:
            return obj
        obj = replace(obj, **changes)
        warnings.append(f"A person's name was taken out of {where(obj) if callable(where) else where}.")
        return obj

    if statement is not None:
        statement = clean(statement, "the social value statement", "text")
    indicators = tuple(clean(i, lambda i: f"the indicator “{i.name}”", "name", "outcome") for i in indicators)
    cleaned = []
    for contract in contracts:
        contract = clean(contract, lambda c: f"the contract “{c.title}”", "title", "buyer", "reference")
        commitments = []
        for c in contract.commitments:
            where = f"commitment {c.number} of “{contract.title}”"
            c = clean(c, where, "promise", "for_whom", "unit", "indicator", "summary")
            rating = clean(c.rating, where, "reason")
            commitments.append(c if rating is c.rating else replace(c, rating=rating))
        cleaned.append(replace(contract, commitments=tuple(commitments)))
    return statement, indicators, tuple(cleaned), tuple(dict.fromkeys(warnings))


def _organisation(workspace) -> PublicOrganisation:
    org = workspace.organisation.get()
    number = clean_line(org.company_number) if org.legal_form.has_company_number else ""
    return PublicOrganisation(clean_line(org.name), org.legal_form.label, number, clean_text(org.area_served),
                              clean_line(org.website))


def _statement(workspace) -> PublicStatement | None:
    # Only the agreed text and when: who agreed it and the note on the rewording stay private.
    agreed = workspace.statements.current_agreed()
    if agreed is None or not clean_text(agreed.full_text).strip():
        return None
    return PublicStatement(clean_text(agreed.full_text).strip(), agreed.agreed_on, agreed.version)


def _indicator(workspace, indicator_id: str) -> PublishedIndicator:
    repo = workspace.indicators
    indicator = repo.get(indicator_id)
    years = tuple(
        IndicatorYear(total.year.label, total.year.start, total.year.end,
                      None if total.value is None else float(total.value), total.text, total.complete,
                      total.readings)
        for total in repo.year_totals(indicator.id))
    target = None if indicator.target_value is None else float(indicator.target_value)
    return PublishedIndicator(
        indicator.id, clean_line(indicator.name), clean_text(indicator.outcome).strip(), indicator.unit.value,
        indicator.unit.label, indicator.direction.value, rule_name(indicator), target,
        format_value(indicator.unit, indicator.target_value), indicator.target_date, years)


def _contract(workspace, tender_id: str, on: dt.date, readings_of) -> PublishedContract:
    tender = workspace.tenders.get(tender_id)
    if tender.deleted_at:
        raise SvdeskError(f"“{clean_line(tender.name)}” is in the bin of deleted tenders, so it is not published. "
                          "Restore it first if it should be.")
    if tender.status is not TenderStatus.WON:
        raise SvdeskError(f"“{clean_line(tender.name)}” has not been won, so there is no contract to publish. "
                          "Only won contracts can be published.")
    commitments = []
    for number, promise in enumerate(tracked_promises(workspace, tender_id, on, with_evidence=False,
                                                                readings_of=readings_of), start=1):
        progress = promise.progress
        c = progress.commitment
        lower = progress.linked and _lower_is_better(workspace, c.indicator_id)
        # The domain's headline for an unlinked promise tells the person what to do; the public
        # page says only what is so.
        summary = progress.headline if progress.linked else "Not measured by one of our indicators."
        status = progress.status
        if lower:
            # The domain's "met"/"behind" assume more is better: for a limit they would be untrue.
            summary, status = summary.rsplit(" — ", 1)[0], _no_judgement(status)
        due = due_by(progress, on)
        years = tuple(ContractYearFigures(y.year.number, y.year.start, y.year.end, y.target, y.delivered,
                                          _no_judgement(y.status) if lower else y.status)
                      for y in progress.years)
        commitments.append(PublishedCommitment(
            number, clean_line(c.promise) or "Untitled commitment", clean_line(c.for_whom), clean_line(c.unit),
            c.per_year, c.over_contract, c.by_when, promise.indicator_name, progress.linked, progress.summable,
            progress.delivered, due, progress.as_of, status, summary, rate(progress, on, lower), years))
    return PublishedContract(tender.id, clean_line(tender.title) or clean_line(tender.name), clean_line(tender.buyer),
                             clean_line(tender.reference), tender.contract_start, tender.contract_end,
                             tender.contract_months, tuple(commitments))


_JUDGEMENTS = ("met", "on track", "behind", "missed")


def _no_judgement(status: str) -> str:
    return "recorded" if status in _JUDGEMENTS else status


def _lower_is_better(workspace, indicator_id: str | None) -> bool:
    if not indicator_id:
        return False
    try:
        return workspace.indicators.get(indicator_id).direction is Direction.LOWER
    except SvdeskError:
        return False
