"""Rows <-> indicators, readings and valuations (shared by the repository and the dump section)."""

from __future__ import annotations

from decimal import Decimal

from svdesk.domain.dates import parse_iso_date
from svdesk.domain.measures import (
    Counting, Direction, Frequency, Indicator, Reading, Unit, value_from_text, value_to_text,
)
from svdesk.domain.sroi import Valuation

INDICATOR_COLUMNS = (
    "id", "name", "outcome", "unit", "direction", "frequency", "baseline_value", "baseline_date",
    "target_value", "target_date", "how_collected", "collected_by", "who_benefits", "contribution",
    "library_key", "counting", "scale_name", "scale_low", "scale_high", "unit_words", "position", "archived_at", "created_at", "updated_at", "deleted_at",
)
READING_COLUMNS = (
    "id", "indicator_id", "period_start", "period_end", "value", "note", "recorded_by", "source",
    "created_at", "updated_at", "deleted_at",
)
VALUATION_COLUMNS = (
    "id", "indicator_id", "enabled", "proxy_value", "proxy_description", "source", "price_year",
    "deadweight", "displacement", "attribution", "drop_off", "benefit_years", "discount_rate",
    "created_at", "updated_at",
)


def _date(text: str | None):
    return parse_iso_date(text) if text else None


def indicator_values(indicator: Indicator) -> dict:
    """The editable columns of an indicator (no id, stamps or position)."""
    return {
        "name": indicator.name,
        "outcome": indicator.outcome,
        "unit": indicator.unit.value,
        "direction": indicator.direction.value,
        "frequency": indicator.frequency.value,
        "baseline_value": value_to_text(indicator.baseline_value),
        "baseline_date": indicator.baseline_date.isoformat() if indicator.baseline_date else None,
        "target_value": value_to_text(indicator.target_value),
        "target_date": indicator.target_date.isoformat() if indicator.target_date else None,
        "how_collected": indicator.how_collected,
        "collected_by": indicator.collected_by,
        "who_benefits": indicator.who_benefits,
        "contribution": indicator.contribution,
        "library_key": indicator.library_key,
        "counting": indicator.how_counted.value,
        "scale_name": indicator.scale_name if indicator.unit is Unit.SCORE else "",
        "scale_low": value_to_text(indicator.scale.low) if indicator.scale else None,
        "scale_high": value_to_text(indicator.scale.high) if indicator.scale else None,
        "unit_words": " ".join(indicator.unit_words.split()),
    }


def indicator_from_row(row: dict) -> Indicator:
    return Indicator(
        id=row["id"], name=row["name"], outcome=row["outcome"], unit=Unit(row["unit"]),
        direction=Direction(row["direction"]), frequency=Frequency(row["frequency"]),
        baseline_value=value_from_text(row["baseline_value"]), baseline_date=_date(row["baseline_date"]),
        target_value=value_from_text(row["target_value"]), target_date=_date(row["target_date"]),
        how_collected=row["how_collected"], collected_by=row["collected_by"],
        who_benefits=row["who_benefits"], contribution=row["contribution"], library_key=row["library_key"],
        counting=Counting(row["counting"]) if row.get("counting") else None, scale_name=row.get("scale_name") or "",
        scale_low=value_from_text(row.get("scale_low")), scale_high=value_from_text(row.get("scale_high")),
        unit_words=row.get("unit_words") or "", archived_at=row["archived_at"], created_at=row["created_at"], updated_at=row["updated_at"],
    )


def reading_from_row(row: dict) -> Reading:
    return Reading(
        id=row["id"], indicator_id=row["indicator_id"], start=parse_iso_date(row["period_start"]),
        end=parse_iso_date(row["period_end"]), value=Decimal(row["value"]), note=row["note"],
        recorded_by=row["recorded_by"], source=row["source"], created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def valuation_values(valuation: Valuation) -> dict:
    return {
        "enabled": 1 if valuation.enabled else 0,
        "proxy_value": value_to_text(valuation.proxy_value),
        "proxy_description": valuation.proxy_description,
        "source": valuation.source,
        "price_year": valuation.price_year,
        "deadweight": value_to_text(valuation.deadweight),
        "displacement": value_to_text(valuation.displacement),
        "attribution": value_to_text(valuation.attribution),
        "drop_off": value_to_text(valuation.drop_off),
        "benefit_years": valuation.benefit_years,
        "discount_rate": value_to_text(valuation.discount_rate),
    }


def valuation_from_row(row: dict) -> Valuation:
    return Valuation(
        id=row["id"], enabled=bool(row["enabled"]), proxy_value=value_from_text(row["proxy_value"]),
        proxy_description=row["proxy_description"], source=row["source"], price_year=row["price_year"],
        deadweight=Decimal(row["deadweight"]), displacement=Decimal(row["displacement"]),
        attribution=Decimal(row["attribution"]), drop_off=Decimal(row["drop_off"]),
        benefit_years=row["benefit_years"], discount_rate=Decimal(row["discount_rate"]),
        created_at=row["created_at"], updated_at=row["updated_at"],
    )
