"""Publication -> the open-data files beside ``index.html``: three CSVs, ``data.json`` (with its
JSON Schema copied alongside) and ``README.txt``.

CSVs are UTF-8 with a byte-order mark (so Excel shows £ and accents), one header row, plain
numbers without thousands separators, ISO dates; every text cell is made spreadsheet-safe
(``textsafe.spreadsheet_safe``). Numbers are never altered: a negative figure is a number, not a
formula.
"""

from __future__ import annotations

import csv
import io
import json

from svdesk import paths
from svdesk.document.publication import Publication
from svdesk.domain.dates import format_date
from svdesk.domain.textsafe import spreadsheet_safe

SCHEMA_NAME = "svdesk-publication.schema.json"
FORMAT_VERSION = 1

COMMITMENT_HEADER = [
    "contract_id", "contract_title", "buyer", "contract_reference", "contract_start", "contract_end",
    "commitment_number", "promise", "for_whom", "unit", "promised_per_year", "promised_over_contract", "by_when",
    "measured_by_indicator", "delivered_so_far", "due_so_far", "figures_to", "status", "rating", "rating_reason",
]
PROGRESS_HEADER = [
    "contract_id", "contract_title", "commitment_number", "promise", "contract_year", "year_start", "year_end",
    "promised", "delivered", "status",
]
INDICATOR_HEADER = [
    "indicator_id", "indicator", "unit", "better_when", "year", "year_start", "year_end", "value", "value_text",
    "whole_year_recorded", "readings", "target", "target_date",
]


def _text(value: str) -> str:
    return spreadsheet_safe(value or "")


def _number(value) -> str:
    if value is None:
        return ""
    value = round(float(value), 4)
    return str(int(value)) if value.is_integer() else repr(value)


def _date(value) -> str:
    return value.isoformat() if value else ""


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def commitments_csv(publication: Publication) -> bytes:
    rows = []
    for contract in publication.contracts:
        for c in contract.commitments:
            rows.append([
                contract.id, _text(contract.title), _text(contract.buyer), _text(contract.reference),
                _date(contract.start), _date(contract.end), str(c.number), _text(c.promise), _text(c.for_whom),
                _text(c.unit), _number(c.per_year), _number(c.over_contract), _date(c.by_when), _text(c.indicator),
                _number(c.delivered), _number(c.due), _date(c.as_of), c.status, c.rating.label,
                _text(c.rating.reason),
            ])
    return _csv(COMMITMENT_HEADER, rows)


def progress_csv(publication: Publication) -> bytes:
    rows = []
    for contract in publication.contracts:
        for c in contract.commitments:
            for year in c.years:
                rows.append([contract.id, _text(contract.title), str(c.number), _text(c.promise), str(year.number),
                             _date(year.start), _date(year.end), _number(year.promised), _number(year.delivered),
                             year.status])
    return _csv(PROGRESS_HEADER, rows)


def indicators_csv(publication: Publication) -> bytes:
    rows = []
    for indicator in publication.indicators:
        for year in indicator.years:
            rows.append([indicator.id, _text(indicator.name), indicator.unit, indicator.direction, year.label,
                         _date(year.start), _date(year.end), _number(year.value), _text(year.text),
                         "yes" if year.complete else "no", str(year.readings), _number(indicator.target),
                         _date(indicator.target_date)])
    return _csv(INDICATOR_HEADER, rows)


def publication_data(publication: Publication) -> dict:
    org = publication.organisation
    statement = publication.statement
    return {
        "$schema": f"./{SCHEMA_NAME}",
        "format": "svdesk-publication",
        "format_version": FORMAT_VERSION,
        "published_on": publication.made_on.isoformat(),
        "licence": {"name": publication.licence.name, "url": publication.licence.url},
        "organisation": {"name": org.name, "legal_form": org.legal_form, "company_number": org.company_number,
                         "area_served": org.area_served, "website": org.website},
        "statement": None if statement is None else {
            "text": statement.text, "agreed_on": statement.agreed_on.isoformat(), "version": statement.version},
        "indicators": [{
            "id": i.id, "name": i.name, "outcome": i.outcome, "unit": i.unit, "better_when": i.direction,
            "how_a_year_is_counted": i.aggregation, "target": i.target, "target_date": _date(i.target_date) or None,
            "years": [{"year": y.label, "start": y.start.isoformat(), "end": y.end.isoformat(), "value": y.value,
                       "value_text": y.text, "whole_year_recorded": y.complete, "readings": y.readings}
                      for y in i.years],
        } for i in publication.indicators],
        "contracts": [{
            "id": contract.id, "title": contract.title, "buyer": contract.buyer, "reference": contract.reference,
            "start": _date(contract.start) or None, "end": _date(contract.end) or None, "months": contract.months,
            "commitments": [{
                "number": c.number, "promise": c.promise, "for_whom": c.for_whom, "unit": c.unit,
                "promised_per_year": c.per_year, "promised_over_contract": c.over_contract,
                "by_when": _date(c.by_when) or None, "measured_by_indicator": c.indicator or None,
                "delivered_so_far": c.delivered, "due_so_far": c.due, "figures_to": _date(c.as_of) or None,
                "status": c.status, "summary": c.summary,
                "rating": {"label": c.rating.label, "reason": c.rating.reason,
                           "percent_of_due": None if c.rating.share is None else round(c.rating.share, 1)},
                "years": [{"number": y.number, "start": y.start.isoformat(), "end": y.end.isoformat(),
                           "promised": y.promised, "delivered": y.delivered, "status": y.status} for y in c.years],
            } for c in contract.commitments],
        } for contract in publication.contracts],
        "rating_rule": publication.rating_rule,
    }


def data_json(publication: Publication) -> bytes:
    # Compact, so the C encoder does the work (indenting falls back to pure Python: 0.3 s on 500 tenders).
    return (json.dumps(publication_data(publication), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def schema_bytes() -> bytes:
    return (paths.resource("schema") / SCHEMA_NAME).read_bytes()


def readme_txt(publication: Publication) -> bytes:
    org = publication.organisation
    licence = publication.licence
    lines = [
        f"{org.name}: social value commitments and progress",
        f"Published on {format_date(publication.made_on)} ({publication.made_on.isoformat()}), made with svdesk.",
        "",
        "What each file holds",
        "--------------------",
        "index.html        The page to read: who we are, our agreed social value statement, the indicators",
        "                  we chose with their figure for each year and a chart, and for each contract",
        "                  what we promised and what we have delivered so far, with a rating.",
        "commitments.csv   One row per commitment: the contract, what was promised, what has been",
        "                  delivered so far, what was due by the date of the latest figure (the whole",
        "                  promise once the contract has ended), the rating.",
        "progress.csv      One row per commitment per contract year: promised and delivered.",
        "indicators.csv    One row per indicator per year: the year's figure and whether the whole",
        "                  year has been recorded yet.",
        "data.json         Everything above in one file, for computers.",
        f"{SCHEMA_NAME}",
        "                  The JSON Schema (draft 2020-12) that data.json follows.",
        "README.txt        This file.",
        "",
        "The CSV files are UTF-8 with a byte-order mark so spreadsheets show £ and accents. Dates are",
        "written as YYYY-MM-DD, numbers without thousands separators. A text cell that would start with",
        "=, +, -, @, a tab or a carriage return has an apostrophe put in front, so a spreadsheet does not",
        "run it as a formula.",
        "",
        "How the ratings are worked out",
        "------------------------------",
        publication.rating_rule,
        "",
        "No personal information is published: no stories, quotes, names, photos, consultation notes",
        "or evidence files. Only figures, commitments, the statement and the organisation's public details.",
        "",
        "Licence",
        "-------",
        f"{org.name} publishes this information under the {licence.name}:",
        licence.url,
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")
