"""The SROI estimate against worked examples done by hand (intermediate figures in comments)."""

from decimal import Decimal

import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.sroi import Valuation, estimate, money_roughly, present_value


def _valuation(**changes) -> Valuation:
    base = dict(enabled=True, proxy_value=Decimal(1000), source="Our own costing", price_year=2025)
    return Valuation(**(base | changes))


def test_one_year_example():
    # 10 × £1,000 × (1 − 0.25) × (1 − 0) × (1 − 0.50) = £3,750 in year 1; ÷ 1.035 = £3,623.19
    valuation = _valuation(deadweight=Decimal(25), attribution=Decimal(50))
    result = estimate(Decimal(10), valuation)
    assert result.yearly == (Decimal("3750.00"),)
    assert result.present_value == Decimal("3623.19")
    # Low end, each percentage one band worse: 10,000 × 0.50 × 0.75 × 0.25 = 937.50; ÷ 1.035 = 905.80
    assert result.low == Decimal("905.80")
    # High end, one band better (never below 0 %): 10,000 × 1 × 1 × 0.75 = 7,500; ÷ 1.035 = 7,246.38
    assert result.high == Decimal("7246.38")


def test_three_years_with_drop_off():
    # 20 × £500 × 0.80 × 0.90 × 0.75 = 5,400; then 2,700 and 1,350 (50 % drop-off)
    # PV = 5,400/1.035 + 2,700/1.035² + 1,350/1.035³ = 5,217.39 + 2,520.48 + 1,217.62 = 8,955.49
    valuation = _valuation(proxy_value=Decimal(500), deadweight=Decimal(20), displacement=Decimal(10),
                           attribution=Decimal(25), drop_off=Decimal(50), benefit_years=3)
    result = estimate(Decimal(20), valuation)
    assert result.yearly == (Decimal("5400.00"), Decimal("2700.00"), Decimal("1350.00"))
    assert result.present_value == Decimal("8955.49")
    # Low: 10,000 × 0.55 × 0.65 × 0.50 = 1,787.50, dropping 75 % a year -> 2,244.98
    assert result.low == Decimal("2244.98")
    # High: 10,000 each at 0 %, dropping 25 % a year: 10,000, 7,500, 5,625 -> 21,736.59
    assert result.high == Decimal("21736.59")
    assert result.low < result.present_value < result.high


def test_without_discounting_the_sum_is_plain():
    # 4 × £250 = 1,000 in year 1, 750 in year 2 (25 % drop-off); no discount -> 1,750 exactly
    valuation = _valuation(proxy_value=Decimal(250), drop_off=Decimal(25), benefit_years=2, discount_rate=Decimal(0))
    assert present_value(Decimal(4), valuation) == Decimal("1750.00")


def test_full_deadweight_means_nothing_to_claim():
    assert present_value(Decimal(100), _valuation(deadweight=Decimal(100))) == Decimal("0.00")


def test_assumptions_always_come_with_the_estimate():
    result = estimate(Decimal(12), _valuation(deadweight=Decimal(25)), "bikes, 2025/26")
    text = " ".join(result.assumptions)
    for words in ("Quantity: 12 (bikes, 2025/26)", "£1,000 per unit", "Our own costing", "2025 prices",
                  "Deadweight 25 %", "3.5 %", "Green Book", "Range"):
        assert words in text
    assert "estimate" in result.text and "between" in result.text


def test_incomplete_valuation_is_refused_with_every_reason():
    with pytest.raises(ValidationError) as error:
        estimate(Decimal(5), Valuation(enabled=True, deadweight=Decimal(120)))
    problems = " ".join(error.value.problems)
    assert "Deadweight" in problems and "worth" in problems and "source" in problems and "price year" in problems


def test_money_is_off_by_default():
    assert Valuation().enabled is False
    assert Valuation().problems() == []


def test_rounded_for_display():
    assert money_roughly(Decimal("12345.67")) == "£12,300"
    assert money_roughly(Decimal("905.80")) == "£906"
    assert money_roughly(Decimal(0)) == "£0"
