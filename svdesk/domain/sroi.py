"""Optional money values: the standard SROI estimate, always with its assumptions and a range.

For a quantity Q and a proxy value P per unit (entered by the user, with its source):

    impact in year 1  = Q × P × (1 − deadweight) × (1 − displacement) × (1 − attribution)
    impact in year t  = impact in year 1 × (1 − drop-off)^(t − 1),  t = 1 … benefit period
    present value     = Σ impact_t / (1 + r)^t,  r = 3.5 % (HM Treasury Green Book)

The percentages are usually judgements made in 25 % bands, so the range moves each of them one
band (25 points) worse for the low end and one band better for the high end. Nothing here is on
by default: an indicator has no money value until the user enters one and switches it on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from svdesk.domain.errors import ValidationError
from svdesk.domain.measures import format_number

GREEN_BOOK_RATE = Decimal("3.5")
BAND = Decimal(25)
MAX_BENEFIT_YEARS = 10
_PENNY = Decimal("0.01")
_PERCENTAGES = ("deadweight", "displacement", "attribution", "drop_off")
_PERCENTAGE_LABELS = {
    "deadweight": "Deadweight", "displacement": "Displacement", "attribution": "Attribution", "drop_off": "Drop-off",
}


@dataclass(frozen=True)
class Valuation:
    enabled: bool = False
    proxy_value: Decimal | None = None
    proxy_description: str = ""
    source: str = ""
    price_year: int | None = None
    deadweight: Decimal = Decimal(0)
    displacement: Decimal = Decimal(0)
    attribution: Decimal = Decimal(0)
    drop_off: Decimal = Decimal(0)
    benefit_years: int = 1
    discount_rate: Decimal = GREEN_BOOK_RATE
    id: str = ""
    created_at: str = ""
    updated_at: str = ""

    def problems(self) -> list[str]:
        """What stops an estimate being shown (only checked strictly when money values are on)."""
        found = []
        for name in _PERCENTAGES:
            value = getattr(self, name)
            if not Decimal(0) <= value <= Decimal(100):
                found.append(f"{_PERCENTAGE_LABELS[name]} must be between 0 and 100 %.")
        if not 1 <= self.benefit_years <= MAX_BENEFIT_YEARS:
            found.append(f"The benefit period must be between 1 and {MAX_BENEFIT_YEARS} years.")
        if not Decimal(0) <= self.discount_rate <= Decimal(20):
            found.append("The discount rate must be between 0 and 20 %.")
        if self.proxy_value is not None and (self.proxy_value < 0 or self.proxy_value != self.proxy_value.quantize(_PENNY)):
            found.append("The value per unit must be an amount in pounds, to the penny.")
        if self.price_year is not None and not 1990 <= self.price_year <= 2100:
            found.append("The price year should be a year such as 2024.")
        if self.enabled:
            if self.proxy_value is None or self.proxy_value == 0:
                found.append("Enter what one unit is worth in pounds.")
            if not self.source.strip():
                found.append("Say where the value per unit comes from (its source), so readers can check it.")
            if self.price_year is None:
                found.append("Give the price year of the value (the year its prices are from).")
        return found

    def validated(self) -> "Valuation":
        found = self.problems()
        if found:
            raise ValidationError(found)
        return self


@dataclass(frozen=True)
class SroiEstimate:
    quantity: Decimal
    present_value: Decimal
    low: Decimal
    high: Decimal
    yearly: tuple[Decimal, ...]
    assumptions: tuple[str, ...]
    price_year: int | None

    @property
    def text(self) -> str:
        prices = f", {self.price_year} prices" if self.price_year else ""
        return (f"About {money_roughly(self.present_value)} (between {money_roughly(self.low)} and "
                f"{money_roughly(self.high)}){prices} — an estimate, not money received")


def _impacts(quantity: Decimal, valuation: Valuation) -> list[Decimal]:
    share = lambda percent: (Decimal(100) - percent) / Decimal(100)  # noqa: E731 - tiny and local
    first = (quantity * valuation.proxy_value * share(valuation.deadweight) * share(valuation.displacement)
             * share(valuation.attribution))
    keep = share(valuation.drop_off)
    return [first * keep ** (year - 1) for year in range(1, valuation.benefit_years + 1)]


def present_value(quantity: Decimal, valuation: Valuation) -> Decimal:
    rate = Decimal(1) + valuation.discount_rate / Decimal(100)
    total = sum((impact / rate ** year for year, impact in enumerate(_impacts(quantity, valuation), start=1)), Decimal(0))
    return total.quantize(_PENNY, rounding=ROUND_HALF_UP)


def _moved(valuation: Valuation, points: Decimal) -> Valuation:
    clamp = lambda value: min(Decimal(100), max(Decimal(0), value))  # noqa: E731
    return replace(valuation, **{name: clamp(getattr(valuation, name) + points) for name in _PERCENTAGES})


def estimate(quantity: Decimal, valuation: Valuation, quantity_label: str = "") -> SroiEstimate:
    """The estimate with its range and the assumptions it rests on; ValidationError if incomplete."""
    valuation = replace(valuation, enabled=True).validated()
    quantity = Decimal(quantity)
    central = present_value(quantity, valuation)
    low = present_value(quantity, _moved(valuation, BAND))
    high = present_value(quantity, _moved(valuation, -BAND))
    yearly = tuple(impact.quantize(_PENNY, rounding=ROUND_HALF_UP) for impact in _impacts(quantity, valuation))
    return SroiEstimate(quantity, central, low, high, yearly, tuple(assumptions(quantity, valuation, quantity_label)),
                        valuation.price_year)


def assumptions(quantity: Decimal, valuation: Valuation, quantity_label: str = "") -> list[str]:
    what = f" ({quantity_label})" if quantity_label else ""
    proxy = f"{money(valuation.proxy_value)} per unit"
    if valuation.proxy_description.strip():
        proxy += f" — {valuation.proxy_description.strip()}"
    years = valuation.benefit_years
    lines = [
        f"Quantity: {format_number(quantity)}{what}.",
        f"Value: {proxy}; source: {valuation.source.strip()}; {valuation.price_year} prices.",
        f"Deadweight {_pct(valuation.deadweight)}: the share that would have happened anyway.",
        f"Displacement {_pct(valuation.displacement)}: the share that only moved benefit from somewhere else.",
        f"Attribution {_pct(valuation.attribution)}: the share due to other people and organisations.",
        f"Benefit lasts {years} year{'s' if years != 1 else ''}"
        + (f", falling by {_pct(valuation.drop_off)} each year after the first." if years > 1 else "."),
        f"Discounted at {_pct(valuation.discount_rate)} a year"
        + (" (HM Treasury Green Book rate)." if valuation.discount_rate == GREEN_BOOK_RATE else "."),
        "Range: each percentage moved one 25-point band worse (low end) and better (high end).",
    ]
    return lines


def _pct(value: Decimal) -> str:
    return f"{format_number(value)} %"


def money(value: Decimal | None) -> str:
    if value is None:
        return ""
    places = 0 if value == value.to_integral_value() else 2
    return "£" + format_number(value, places)


def money_roughly(value: Decimal) -> str:
    """To three significant figures: an estimate should not look more precise than it is."""
    if value == 0:
        return "£0"
    digits = len(str(int(abs(value))))
    step = Decimal(10) ** max(0, digits - 3)
    return "£" + format_number((value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step, 0)
