"""Charts as words: value formatting, a text alternative and a data table for a ChartSpec.

Used where a chart cannot be drawn (text, Markdown, HTML) and for screen-reader descriptions
of the pictures in Word and PDF, so every format says the same numbers the same way.
"""

from __future__ import annotations

from svdesk.document.model import ChartSpec, Table

_PREFIX_UNITS = ("£", "€", "$")
_SUFFIX_UNITS = ("%",)


def format_number(value: float) -> str:
    """1200 -> '1,200'; 12.5 -> '12.5'; 0.25 -> '0.25'; -3 -> '-3'."""
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}"
    if abs(value) < 1:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def format_value(value: float | None, unit: str = "") -> str:
    """A value as a reader expects it: '£1,200', '45%', '12' (other units go on the axis)."""
    if value is None:
        return "–"
    text = format_number(value)
    unit = unit.strip()
    if unit in _PREFIX_UNITS:
        return f"-{unit}{text[1:]}" if text.startswith("-") else f"{unit}{text}"
    if unit in _SUFFIX_UNITS:
        return f"{text}{unit}"
    return text


def describe_chart(spec: ChartSpec) -> str:
    """A one-paragraph text alternative: kind, title, each series' values, target, baseline."""
    kind = "Line chart" if spec.kind == "line" else "Bar chart"
    parts = [f"{kind}: {spec.title}" if spec.title else kind]
    unit = f" ({spec.unit})" if spec.unit and spec.unit not in _PREFIX_UNITS + _SUFFIX_UNITS else ""
    for series in spec.series:
        values = ", ".join(f"{x} {format_value(v, spec.unit)}" for x, v in series.points if v is not None)
        label = series.label or "values"
        parts.append(f"{label}{unit}: {values}" if values else f"{label}: no values yet")
    if not spec.series:
        parts.append("no values yet")
    if spec.target is not None:
        parts.append(f"{spec.target_label or 'Target'} {format_value(spec.target, spec.unit)}")
    if spec.baseline is not None:
        parts.append(f"{spec.baseline_label or 'Baseline'} {format_value(spec.baseline, spec.unit)}")
    return ". ".join(parts) + "."


def alt_text(spec: ChartSpec) -> str:
    """The chart's text alternative: the composer's own description, else ``describe_chart``."""
    return spec.description or describe_chart(spec)


def chart_table(spec: ChartSpec) -> Table:
    """The chart's data as a table: one row per x label, one column per series, plus target and
    baseline columns when the chart has them. Used by the text, Markdown and HTML renderers."""
    categories = spec.categories()
    unit = spec.unit.strip()
    word_unit = f" ({unit})" if unit and unit not in _PREFIX_UNITS + _SUFFIX_UNITS else ""
    header = [""]
    header += [f"{series.label or 'Value'}{word_unit}" for series in spec.series]
    columns = [dict(series.points) for series in spec.series]
    extra = []
    if spec.target is not None:
        header.append(spec.target_label or "Target")
        extra.append(format_value(spec.target, spec.unit))
    if spec.baseline is not None:
        header.append(spec.baseline_label or "Baseline")
        extra.append(format_value(spec.baseline, spec.unit))
    rows = []
    for x in categories:
        cells = [x] + [format_value(column.get(x), spec.unit) if x in column else "" for column in columns]
        rows.append(tuple(cells + extra))
    if not rows:
        rows.append(tuple(["No values yet"] + [""] * (len(header) - 1)))
    align = ("left",) + ("right",) * (len(header) - 1)
    return Table(tuple(header), tuple(rows), align=align, caption=spec.caption)
