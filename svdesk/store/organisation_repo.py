"""The organisation profile: rows <-> ``Organisation``, and its part of dump/load."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from svdesk.domain.errors import ValidationError
from svdesk.domain.financial_year import YearEnd
from svdesk.domain.organisation import LegalForm, Organisation
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, update_changed

_COLUMNS = (
    "name", "legal_form", "company_number", "year_end_day", "year_end_month", "area_served",
    "staff", "volunteers", "website", "incorporated_on", "postal_address", "email", "phone", "retention_years",
)


def to_row(org: Organisation) -> dict:
    return {
        "name": org.name,
        "legal_form": org.legal_form.value,
        "company_number": org.company_number,
        "year_end_day": org.year_end.day,
        "year_end_month": org.year_end.month,
        "area_served": org.area_served,
        "staff": org.staff,
        "volunteers": org.volunteers,
        "website": org.website,
        "incorporated_on": org.incorporated_on.isoformat() if org.incorporated_on else None,
        "postal_address": org.postal_address,
        "email": org.email,
        "phone": org.phone,
        "retention_years": org.retention_years,
    }


def from_row(row: dict) -> Organisation:
    return Organisation(
        name=row["name"],
        legal_form=LegalForm(row["legal_form"]),
        company_number=row["company_number"],
        year_end=YearEnd(row["year_end_day"], row["year_end_month"]),
        area_served=row["area_served"],
        staff=row["staff"],
        volunteers=row["volunteers"],
        website=row["website"],
        incorporated_on=_date(row.get("incorporated_on")),
        postal_address=row.get("postal_address") or "",
        email=row.get("email") or "",
        phone=row.get("phone") or "",
        retention_years=row.get("retention_years") or 0,
    )


def _date(text):
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValidationError([f"'{text}' is not a date like 2024-06-01."]) from None


class OrganisationRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    def _row(self) -> dict | None:
        return self._file.query_one("SELECT * FROM organisation ORDER BY created_at LIMIT 1")

    def get(self) -> Organisation:
        row = self._row()
        return from_row(row) if row else Organisation()

    def save(self, org: Organisation) -> Organisation:
        org = org.validated()
        row = self._row()
        with self._file.write("organisation") as db:
            if row:
                update_changed(db, "organisation", row["id"], to_row(org))
            else:
                db["organisation"].insert(stamped(to_row(org), new=True))
        return org

    def update(self, **changes) -> Organisation:
        """Changes some fields; the whole profile is validated before anything is written."""
        return self.save(replace(self.get(), **changes))


# -- dump / load ---------------------------------------------------------------------------------
SECTION = "organisation"


def dump_section(orgfile: OrgFile) -> dict:
    row = orgfile.query_one("SELECT * FROM organisation ORDER BY created_at LIMIT 1")
    if row is None:
        return {}
    return {key: row[key] for key in ("id", *_COLUMNS, "created_at", "updated_at")}


def validate_section(data, whole: dict) -> list[str]:
    if not isinstance(data, dict):
        return ["organisation: must be an object"]
    problems = []
    for key in ("id", "created_at", "updated_at", "name", "legal_form"):
        if not isinstance(data.get(key), str):
            problems.append(f"organisation.{key}: a text value is required")
    for key in ("year_end_day", "year_end_month", "staff", "volunteers", "retention_years"):
        if key in data and (not isinstance(data[key], int) or isinstance(data[key], bool)):
            problems.append(f"organisation.{key}: must be a whole number")
    if data.get("incorporated_on") is not None and not isinstance(data["incorporated_on"], str):
        problems.append("organisation.incorporated_on: must be a date like 2024-06-01, or null")
    for key in ("company_number", "area_served", "website", "postal_address", "email", "phone"):
        if key in data and not isinstance(data[key], str):
            problems.append(f"organisation.{key}: must be text")
    unknown = set(data) - {"id", "created_at", "updated_at", *_COLUMNS}
    problems += [f"organisation.{key}: unknown field" for key in sorted(unknown)]
    if isinstance(data.get("legal_form"), str) and data["legal_form"] not in {form.value for form in LegalForm}:
        problems.append(f"organisation.legal_form: '{data['legal_form']}' is not one of "
                        + ", ".join(form.value for form in LegalForm))
    if problems:
        return problems
    try:
        org = from_row({**to_row(Organisation()), **data})
    except ValidationError as error:
        return [f"organisation: {problem}" for problem in error.problems]
    return [f"organisation: {problem}" for problem in org.problems()]


def load_section(orgfile: OrgFile, data: dict) -> None:
    if not data:
        return
    row = {**to_row(Organisation()), **data}
    orgfile.db["organisation"].insert(row)
