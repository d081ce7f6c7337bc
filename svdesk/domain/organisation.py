"""The organisation profile: who we are, and the rules for its fields."""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field, replace

from svdesk.domain.errors import ValidationError
from svdesk.domain.financial_year import DEFAULT_YEAR_END, FinancialYear, YearEnd, year_containing


class LegalForm(str, enum.Enum):
    SOLE_TRADER = "sole_trader"
    CIC_GUARANTEE = "cic_guarantee"
    CIC_SHARES = "cic_shares"
    CHARITY = "charity"
    COOP_OR_CBS = "coop_or_cbs"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LEGAL_FORM_LABELS[self]

    @property
    def is_cic(self) -> bool:
        return self in (LegalForm.CIC_GUARANTEE, LegalForm.CIC_SHARES)

    @property
    def has_company_number(self) -> bool:
        return self is not LegalForm.SOLE_TRADER


_LEGAL_FORM_LABELS = {
    LegalForm.SOLE_TRADER: "Sole trader",
    LegalForm.CIC_GUARANTEE: "CIC limited by guarantee",
    LegalForm.CIC_SHARES: "CIC limited by shares",
    LegalForm.CHARITY: "Charity",
    LegalForm.COOP_OR_CBS: "Co-operative or community benefit society",
    LegalForm.OTHER: "Other",
}

# Companies House numbers are 8 characters: 8 digits (England and Wales), or a two-letter
# prefix and 6 digits (SC Scotland, NI Northern Ireland, OC LLPs, ... ; R0 for old NI ones).
_COMPANY_NUMBER = re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6}|R0\d{6})$")
_WEBSITE = re.compile(r"^(https?://)?[^\s/$.?#][^\s]*\.[^\s]{2,}$", re.IGNORECASE)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")
_PHONE = re.compile(r"^\+?[\d\s()-]+$")

MAX_NAME = 160
MAX_TEXT = 2000


def normalise_company_number(text: str) -> str:
    """Upper case, no spaces; purely numeric numbers get their leading zeros back."""
    value = "".join(text.split()).upper()
    if value.isdigit() and len(value) < 8:
        value = value.zfill(8)
    return value


def company_number_problem(text: str) -> str | None:
    value = normalise_company_number(text)
    if not value:
        return None
    if not _COMPANY_NUMBER.match(value):
        return (
            "A company number has 8 characters: 8 digits (like 09876543) or two letters and "
            "6 digits (like SC123456)."
        )
    return None


@dataclass(frozen=True)
class Organisation:
    name: str = ""
    legal_form: LegalForm = LegalForm.CIC_GUARANTEE
    company_number: str = ""
    year_end: YearEnd = field(default=DEFAULT_YEAR_END)
    area_served: str = ""
    staff: int = 0
    volunteers: int = 0
    website: str = ""
    incorporated_on: dt.date | None = None   # no report, check or deadline for a year before it
    postal_address: str = ""
    email: str = ""
    phone: str = ""
    retention_years: int = 0   # how long a story and its consent form are kept after consent ends (0: not set)

    @property
    def first_year(self) -> FinancialYear | None:
        """The first financial year: the one the incorporation date falls in (None when not given)."""
        return year_containing(self.incorporated_on, self.year_end) if self.incorporated_on else None

    def existed_in(self, year: FinancialYear) -> bool:
        """Whether the organisation existed during ``year`` (True when no date was given)."""
        return self.incorporated_on is None or year.end >= self.incorporated_on

    def problems(self) -> list[str]:
        """Every rule this profile breaks, in plain English (empty when all is well)."""
        found = []
        if not self.name.strip():
            found.append("The organisation needs a name.")
        elif len(self.name) > MAX_NAME:
            found.append(f"The name is too long (at most {MAX_NAME} characters).")
        problem = company_number_problem(self.company_number)
        if problem:
            found.append(problem)
        if self.staff < 0 or self.volunteers < 0:
            found.append("Staff and volunteer numbers cannot be negative.")
        if self.staff > 100_000 or self.volunteers > 100_000:
            found.append("Staff and volunteer numbers look too large; please check them.")
        if self.website and not _WEBSITE.match(self.website.strip()):
            found.append("The website does not look like a web address (for example www.example.org.uk).")
        if len(self.area_served) > MAX_TEXT or len(self.postal_address) > MAX_TEXT:
            found.append(f"The area served or the postal address is too long (at most {MAX_TEXT} characters).")
        if self.email.strip() and not _EMAIL.match(self.email.strip()):
            found.append("The email address does not look right (for example hello@example.org.uk).")
        if self.phone.strip() and (len(re.sub(r"\D", "", self.phone)) < 7 or len(self.phone) > 40
                                   or not _PHONE.match(self.phone.strip())):
            found.append("The phone number does not look right (for example 0121 496 0000).")
        if not 0 <= self.retention_years <= 50:
            found.append("Keep stories and consent forms for between 1 and 50 years (or leave it unset).")
        if self.incorporated_on and not dt.date(1900, 1, 1) <= self.incorporated_on <= dt.date(2200, 1, 1):
            found.append("The incorporation date does not look right.")
        return found

    def validated(self) -> "Organisation":
        found = self.problems()
        if found:
            raise ValidationError(found)
        return replace(
            self,
            name=self.name.strip(),
            company_number=normalise_company_number(self.company_number),
            website=self.website.strip(),
            email=self.email.strip(),
            phone=" ".join(self.phone.split()),
            postal_address="\n".join(line.strip() for line in self.postal_address.strip().splitlines() if line.strip()),
        )
