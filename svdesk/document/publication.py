"""What a publication holds, format-neutral: the organisation's public details, its agreed
statement, chosen indicators' yearly figures and won contracts' promises with their ratings.
Built by ``compose/publication.py`` from the records; written by ``render/publish_*``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from svdesk.domain.errors import SvdeskError
from svdesk.domain.ratings import RULE, Rating


LICENCES = {
    "ogl": ("Open Government Licence v3.0",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
    "cc-by": ("Creative Commons Attribution 4.0 International (CC BY 4.0)",
              "https://creativecommons.org/licenses/by/4.0/"),
}


@dataclass(frozen=True)
class Licence:
    key: str
    name: str
    url: str


def licence(key: str) -> Licence:
    if key not in LICENCES:
        raise SvdeskError(f"Choose the licence as one of: {', '.join(LICENCES)} (ogl is the Open Government "
                          "Licence v3.0, cc-by is Creative Commons Attribution 4.0).")
    name, url = LICENCES[key]
    return Licence(key, name, url)


@dataclass(frozen=True)
class PublicOrganisation:
    name: str
    legal_form: str
    company_number: str
    area_served: str
    website: str


@dataclass(frozen=True)
class PublicStatement:
    text: str
    agreed_on: dt.date
    version: int


@dataclass(frozen=True)
class IndicatorYear:
    label: str              # "2025/26"
    start: dt.date
    end: dt.date
    value: float | None
    text: str               # "289", "61 %", "£1,200"
    complete: bool          # False: the year is not yet fully recorded ("so far")
    readings: int


@dataclass(frozen=True)
class PublishedIndicator:
    id: str
    name: str
    outcome: str
    unit: str               # the unit's code ("people", "percentage", …)
    unit_label: str
    direction: str          # "higher" or "lower" is better
    aggregation: str        # how a year's figure is made from its readings, in a sentence
    target: float | None
    target_text: str
    target_date: dt.date | None
    years: tuple[IndicatorYear, ...]

    @property
    def latest(self) -> IndicatorYear | None:
        return self.years[-1] if self.years else None


@dataclass(frozen=True)
class ContractYearFigures:
    number: int
    start: dt.date
    end: dt.date
    promised: float | None
    delivered: float | None
    status: str             # the domain's word: "met", "on track", "behind", "not started", …


@dataclass(frozen=True)
class PublishedCommitment:
    number: int
    promise: str
    for_whom: str
    unit: str
    per_year: float | None
    over_contract: float | None
    by_when: dt.date | None
    indicator: str          # the indicator it is measured by ("" when not measured)
    tracked: bool
    summable: bool
    delivered: float | None
    due: float | None       # expected by ``as_of`` (numbers per year) or the level promised
    as_of: dt.date | None
    status: str
    summary: str            # the domain's headline: "27 of 108 placements so far (…) — on track"
    rating: Rating
    years: tuple[ContractYearFigures, ...]


@dataclass(frozen=True)
class PublishedContract:
    id: str
    title: str
    buyer: str
    reference: str
    start: dt.date | None
    end: dt.date | None
    months: int | None
    commitments: tuple[PublishedCommitment, ...]


@dataclass(frozen=True)
class Publication:
    organisation: PublicOrganisation
    statement: PublicStatement | None
    indicators: tuple[PublishedIndicator, ...]
    contracts: tuple[PublishedContract, ...]
    licence: Licence
    made_on: dt.date
    rating_rule: str = RULE
    warnings: tuple[str, ...] = ()   # for the person publishing (names taken out); never published
