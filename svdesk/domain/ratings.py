"""A promise's rating in the Procurement Act 2023's words (Good / Approaching target / Requires
improvement / Inadequate), worked out from what was promised against what was delivered to date.

The figures come from ``promises.track`` (so a change to how readings are counted flows in);
this module only turns "delivered" and "expected by now" into one of the four words, by a rule
simple enough to print on the published page beside the ratings (``RULE``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from svdesk.domain.dates import format_date
from svdesk.domain.promises import PromiseProgress
from svdesk.domain.tenders import format_number

GOOD = "Good"
APPROACHING = "Approaching target"
REQUIRES_IMPROVEMENT = "Requires improvement"
INADEQUATE = "Inadequate"
NOT_RATED = "Not rated"
RATINGS = (GOOD, APPROACHING, REQUIRES_IMPROVEMENT, INADEQUATE)

# The share of what was due by now that has been delivered, lowest share for each word.
THRESHOLDS = ((100, GOOD), (80, APPROACHING), (50, REQUIRES_IMPROVEMENT), (0, INADEQUATE))

RULE = (
    "Each commitment is rated in the words of the Procurement Act 2023 by comparing what has been "
    "delivered with what was due by the date of the latest figure. For a number promised each year, "
    "what was due is the yearly promise spread evenly over the contract so far; for a level (such as a "
    "percentage), it is the level promised. The share is rounded to the nearest whole per cent. "
    "Good: 100 % or more of what was due. Approaching target: 80 % to under 100 %. "
    "Requires improvement: 50 % to under 80 %. Inadequate: under 50 %. Once the contract has ended, what "
    "was due is the whole promise. A commitment with no figures since the contract started, not measured "
    "by one of our indicators, or measured by an indicator where lower is better (which this rule cannot "
    "judge), is not rated."
)


@dataclass(frozen=True)
class Rating:
    label: str            # one of RATINGS, or NOT_RATED
    reason: str           # the figures behind it, in a sentence
    share: float | None   # delivered as a percentage of what was due (None when not rated)

    @property
    def rated(self) -> bool:
        return self.label in RATINGS


def word_for(share: float) -> str:
    return next(word for lowest, word in THRESHOLDS if share >= lowest)


def rate(progress: PromiseProgress, today: dt.date | None = None, lower_is_better: bool = False) -> Rating:
    """``today`` decides whether the contract has ended (then the whole promise was due)."""
    if not progress.linked:
        return Rating(NOT_RATED, "Not measured by one of our indicators, so there are no figures to rate.", None)
    if progress.delivered is None:
        return Rating(NOT_RATED, "No figures since the contract started yet.", None)
    if lower_is_better:
        # Every word of the scale assumes more delivered is better; for a limit it would be backwards.
        return Rating(NOT_RATED, "Lower is better for the indicator this is measured by, so the rating rule "
                                 "(which compares what was delivered with a figure to reach) cannot judge it.", None)
    unit = f" {progress.unit}" if progress.unit else ""
    delivered = format_number(progress.delivered)
    when = format_date(progress.as_of) if progress.as_of else ""
    ended = _ended(progress, today)
    if progress.summable and ended is not None and progress.target is not None and progress.target > 0:
        share = _whole(progress.delivered * 100 / progress.target)
        return Rating(word_for(share), f"{delivered}{unit} delivered, against the whole promise of "
                                       f"{format_number(progress.target)} (the contract ended on "
                                       f"{format_date(ended)}; {_percent(share)}).", share)
    if progress.summable:
        due = progress.expected
        if due is None:
            if progress.target is not None and progress.delivered >= progress.target:
                return Rating(GOOD, f"{delivered}{unit} delivered: the whole promise of "
                                    f"{format_number(progress.target)} is met.", 100.0)
            return Rating(NOT_RATED, "No yearly number was promised, so what was due by now cannot be worked out.",
                          None)
        if due <= 0:
            if not progress.commitment.per_year or progress.commitment.per_year <= 0:
                return Rating(NOT_RATED, "No number was promised, so there is nothing to compare the figures "
                                         "with.", None)
            return Rating(NOT_RATED, "Nothing was due yet when the latest figure was taken.", None)
        share = _whole(progress.delivered * 100 / due)
        return Rating(word_for(share), f"{delivered}{unit} delivered by {when}, against {format_number(due)} due "
                                       f"by then ({_percent(share)}).", share)
    promised = progress.commitment.per_year
    if promised is None or promised <= 0:
        return Rating(NOT_RATED, "No level was promised, so there is nothing to compare the figures with.", None)
    share = _whole(progress.delivered * 100 / promised)
    at = f", the average in {progress.averaged_year} to {when}," if progress.averaged else f" at {when},"
    return Rating(word_for(share), f"{delivered}{unit}{at} against {format_number(promised)} promised "
                                   f"({_percent(share)}).", share)


def due_by(progress: PromiseProgress, today: dt.date | None = None) -> float | None:
    """What the rating compares delivery with: for a number, what was due by the latest figure (the
    whole promise once the contract has ended); for a level, the level promised."""
    if not progress.summable:
        return progress.commitment.per_year
    if _ended(progress, today) is not None and progress.target is not None and progress.target > 0:
        return progress.target
    return progress.expected


def _ended(progress: PromiseProgress, today: dt.date | None) -> dt.date | None:
    last_day = progress.years[-1].year.end if progress.years else None
    return last_day if last_day is not None and today is not None and today > last_day else None


def _whole(share: float) -> float:
    # Rated on the whole percentage the page prints, so "(100 %)" is never shown beside a lower word.
    return float(Decimal(str(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _percent(share: float) -> str:
    return f"{format_number(share)} %"
