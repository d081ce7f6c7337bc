"""An indicator's progress chart (``svdesk.domain.progress.ChartSpec``: readings by date, baseline
and target) as a document ``ChartSpec``, so that the window draws it with the same layout as the
PDF and Word charts (``svdesk.render.chartlayout``) and describes it in the same words
(``svdesk.document.chartdata.describe_chart``).

Each reading is one point, labelled by its month ("Mar 2026"), or by its day when two readings
share a month; the baseline and the target are labelled lines (their dates are in the sentence
above the chart, and the line to the target is not drawn: the layout draws levels, not trends).
"""

from __future__ import annotations

from svdesk.document.model import ChartSpec, Series
from svdesk.domain.dates import format_date, month_label
from svdesk.domain.measures import Unit
from svdesk.domain.progress import ChartSpec as ProgressSpec


def progress_chart(spec: ProgressSpec) -> ChartSpec:
    labels = _labels([day for day, _ in spec.points])
    series = (Series("Readings", tuple(zip(labels, (value for _, value in spec.points)))),) if spec.points else ()
    return ChartSpec(
        title=spec.title, kind="line", series=series,
        target=spec.target[1] if spec.target else None,
        baseline=spec.baseline[1] if spec.baseline else None,
        unit=_unit(spec),
    )


def _unit(spec: ProgressSpec) -> str:
    if spec.unit is Unit.PERCENTAGE:
        return "%"
    if spec.unit is Unit.MONEY:
        return "£"
    label = spec.y_label
    # Only the capital svdesk added comes off: the person's own capitals ("NHS referrals") stay.
    return label[:1].lower() + label[1:] if label[1:2] != label[1:2].upper() or len(label) == 1 else label


def _labels(days) -> list[str]:
    months = [month_label(day) for day in days]
    labels = months if len(set(months)) == len(months) else [format_date(day) for day in days]
    # Two readings with the same middle day still get a point each (the layout keys points by label).
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique
