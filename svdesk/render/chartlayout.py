"""A ChartSpec laid out as simple shapes, so PDF and Word draw the very same chart.

``layout_chart(spec, width, height, measure)`` returns a ``Scene``: lines, polylines, rectangles,
circles and text in points, origin bottom-left (reportlab's convention). The PDF renderer turns
a Scene into a reportlab Drawing (vector, in ``chart_pdf``); the Word renderer paints it with
Pillow into a PNG (``chart_png``) — Pillow is already installed as a requirement of reportlab,
works headless, and needs neither Qt nor Cairo (reportlab's own bitmap renderer, renderPM, needs
the optional rlPyCairo/Cairo libraries, which we do not ship).

``measure(text, size, bold) -> width`` comes from the drawing side (both use DejaVu Sans), so
labels are placed with the widths they will really have.

Design rules: the value axis starts at zero whenever all values share a sign (a rise from 40 to
44 must not look like a doubling); target and baseline are labelled lines, not legend entries;
the last value of each line is written next to it; x labels thin out rather than overlap.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from svdesk.document.chartdata import format_value
from svdesk.document.model import ChartSpec

INK = "#1E2B2A"
MUTED = "#5C6B6A"
GRID = "#E1E8E7"
AXIS = "#9AA9A8"
TARGET = "#C8641E"
BASELINE = "#6F7D7C"
SERIES = ("#1F6F6A", "#3B6EA5", "#8E5572", "#7A8B3A", "#B08D57", "#4A4E69")
FONT_SIZE = 8.0
TITLE_SIZE = 10.5

Measure = Callable[[str, float, bool], float]


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1.0
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class PolyLine:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 1.0


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str
    stroke_width: float = 1.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = FONT_SIZE
    colour: str = INK
    anchor: str = "start"  # "start", "middle" or "end"
    bold: bool = False


@dataclass
class Scene:
    width: float
    height: float
    items: list = field(default_factory=list)


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(1, most - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks, value = [], start
    while value < high + step * 1e-6 - 1e-12 or not ticks:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _value_range(spec: ChartSpec) -> tuple[float, float]:
    values = [v for s in spec.series for _, v in s.points if v is not None]
    values += [v for v in (spec.target, spec.baseline) if v is not None]
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if low >= 0:
        low = 0.0
    elif high <= 0:
        high = 0.0
    return low, high


def _wrap(text: str, size: float, bold: bool, width: float, measure: Measure) -> list[str]:
    """Every word of ``text`` on as many lines as it needs: the person's words (an indicator's
    name, a unit) are never cut off; a word wider than a line is broken across lines."""
    result, current = [], ""
    for word in text.split():
        while measure(word, size, bold) > width and len(word) > 1:
            if current:
                result.append(current)
                current = ""
            cut = len(word) - 1
            while cut > 1 and measure(word[:cut], size, bold) > width:
                cut -= 1
            result.append(word[:cut])
            word = word[cut:]
        trial = f"{current} {word}".strip()
        if measure(trial, size, bold) <= width or not current:
            current = trial
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    return result


def _fit(text: str, size: float, bold: bool, width: float, measure: Measure) -> str:
    if measure(text, size, bold) <= width:
        return text
    while text and measure(text + "…", size, bold) > width:
        text = text[:-1]
    return text + "…"


def layout_chart(spec: ChartSpec, width: float, height: float, measure: Measure) -> Scene:
    scene = Scene(width, height)
    add = scene.items.append
    top = height - 2
    for line in _wrap(spec.title, TITLE_SIZE, True, width - 4, measure) if spec.title else []:
        top -= TITLE_SIZE + 3
        add(Text(0, top, line, TITLE_SIZE, INK, "start", True))
    if spec.title:
        top -= 6

    # Legend (only when there is more than one series: one series is named by the title).
    if len(spec.series) > 1:
        x, row_y = 0.0, top - FONT_SIZE
        for index, series in enumerate(spec.series):
            label = _fit(series.label or f"Series {index + 1}", FONT_SIZE, False, width / 2, measure)
            needed = 14 + measure(label, FONT_SIZE, False) + 12
            if x + needed > width and x > 0:
                x, row_y = 0.0, row_y - FONT_SIZE - 5
            colour = SERIES[index % len(SERIES)]
            add(Rect(x, row_y - 0.5, 9, 7, colour))
            add(Text(x + 13, row_y, label, FONT_SIZE, MUTED))
            x += needed
        top = row_y - 8

    low, high = _value_range(spec)
    ticks = nice_ticks(low, high)
    tick_labels = [format_value(t, spec.unit) for t in ticks]
    unit = spec.unit.strip()
    if unit and unit not in ("%", "£", "€", "$"):
        for line in _wrap(unit, FONT_SIZE, False, width, measure):
            top -= FONT_SIZE + 2
            add(Text(0, top, line, FONT_SIZE, MUTED))
        top -= 6
    else:
        top -= 4

    left = max(measure(label, FONT_SIZE, False) for label in tick_labels) + 6
    bottom = FONT_SIZE + 8
    plot_top = top - 8  # room for value labels above the highest point or bar
    plot_h = max(10.0, plot_top - bottom)
    references = [
        (value, name, colour, dash)
        for value, name, colour, dash in (
            (spec.target, spec.target_label or "Target", TARGET, (5.0, 3.0)),
            (spec.baseline, spec.baseline_label or "Baseline", BASELINE, (1.5, 2.5)),
        )
        if value is not None
    ]
    gutter = 4.0
    if references:
        widest_ref = max(max(measure(name, FONT_SIZE, True), measure(format_value(value, spec.unit), FONT_SIZE, True))
                         for value, name, _, _ in references)
        gutter = min(widest_ref, width * 0.2) + 10
    plot_w = max(10.0, width - left - gutter)
    span = ticks[-1] - ticks[0] or 1.0

    def y_of(value: float) -> float:
        return bottom + (value - ticks[0]) / span * plot_h

    for tick, label in zip(ticks, tick_labels):
        y = y_of(tick)
        add(Line(left, y, left + plot_w, y, GRID if tick != 0 else AXIS, 0.6 if tick != 0 else 0.9))
        add(Text(left - 5, y - FONT_SIZE * 0.35, label, FONT_SIZE, MUTED, "end"))

    # Target and baseline: dashed lines labelled in a gutter right of the plot (name over
    # value), so labels never cover a bar or a point. Lines go under a line chart's points and
    # over a bar chart's bars, so both stay visible.
    reference_lines = []
    for (value, name, colour, dash), centre in zip(references, _spread(
            [y_of(r[0]) for r in references], 2 * FONT_SIZE + 5, bottom, plot_top + 6)):
        y = y_of(value)
        reference_lines.append(Line(left, y, left + plot_w, y, colour, 1.3, dash))
        x = left + plot_w + 5
        add(Text(x, centre + 1.5, _fit(name, FONT_SIZE, True, gutter - 6, measure), FONT_SIZE, colour, "start", True))
        add(Text(x, centre - FONT_SIZE - 0.5, format_value(value, spec.unit), FONT_SIZE, colour, "start", True))

    if spec.kind == "line":
        scene.items += reference_lines
    categories = spec.categories()
    labels: list = []
    if not categories or not any(v is not None for s in spec.series for _, v in s.points):
        add(Text(left + plot_w / 2, bottom + plot_h / 2, "No values yet", FONT_SIZE + 1, MUTED, "middle"))
    else:
        slot = plot_w / len(categories)
        widest = max(measure(c, FONT_SIZE, False) for c in categories) + 8
        every = max(1, math.ceil(widest / slot))
        for index, category in enumerate(categories):
            if index % every == 0:
                label = _fit(category, FONT_SIZE, False, min(slot * every, plot_w) - 2, measure)
                half = measure(label, FONT_SIZE, False) / 2
                x = min(max(left + slot * (index + 0.5), half), width - half)  # stay inside the picture
                add(Text(x, bottom - FONT_SIZE - 4, label, FONT_SIZE, MUTED, "middle"))
        if spec.kind == "bar":
            labels = _bars(spec, categories, left, slot, y_of, measure, add, [line.y1 for line in reference_lines])
        else:
            _lines(spec, categories, left, slot, y_of, measure, add)
    if spec.kind == "bar":
        scene.items += reference_lines
        scene.items += labels  # after the lines: a value label is never struck through

    return scene


def _lines(spec, categories, left, slot, y_of, measure, add) -> None:
    position = {c: i for i, c in enumerate(categories)}
    for index, series in enumerate(spec.series):
        colour = SERIES[index % len(SERIES)]
        points = [(left + slot * (position[x] + 0.5), y_of(v)) for x, v in series.points if v is not None]
        run: list[tuple[float, float]] = []
        for x, v in series.points:
            if v is None:
                if len(run) > 1:
                    add(PolyLine(tuple(run), colour, 2.0))
                run = []
            else:
                run.append((left + slot * (position[x] + 0.5), y_of(v)))
        if len(run) > 1:
            add(PolyLine(tuple(run), colour, 2.0))
        for px, py in points:
            add(Circle(px, py, 2.8, "#FFFFFF", colour, 1.6))
        last = [v for _, v in series.points if v is not None]
        if points:
            px, py = points[-1]
            label = format_value(last[-1], spec.unit)
            label_w = measure(label, FONT_SIZE, True)
            add(Rect(px - label_w / 2 - 1.5, py + 4.5, label_w + 3, FONT_SIZE + 1.5, "#FFFFFF"))
            add(Text(px, py + 6, label, FONT_SIZE, colour, "middle", True))


def _bars(spec, categories, left, slot, y_of, measure, add, avoid: list[float]) -> list:
    """Draws the bars and returns their value labels, each placed clear of every target and
    baseline line: above the bar, else above the line, else inside the bar's top."""
    count = max(1, len(spec.series))
    group = slot * 0.72
    bar = group / count
    zero = y_of(0.0)
    columns = [dict(series.points) for series in spec.series]
    size = FONT_SIZE - 0.5
    labels = []

    def clear(low: float) -> bool:
        return all(not (low - 1.5 <= y <= low + size + 1.0) for y in avoid)

    for c_index, category in enumerate(categories):
        x0 = left + slot * c_index + (slot - group) / 2
        for s_index, column in enumerate(columns):
            value = column.get(category)
            if value is None:
                continue
            colour = SERIES[s_index % len(SERIES)]
            y = y_of(value)
            x = x0 + bar * s_index
            add(Rect(x + 0.6, min(y, zero), bar - 1.2, abs(y - zero), colour))
            label = format_value(value, spec.unit)
            if measure(label, size, False) > bar + 4:
                continue
            if value < 0:
                labels.append(Text(x + bar / 2, y - FONT_SIZE - 1, label, size, INK, "middle"))
                continue
            above = y + 3
            inside = y - size - 2
            if clear(above):
                labels.append(Text(x + bar / 2, above, label, size, INK, "middle"))
            elif inside - zero > 2 and clear(inside):
                labels.append(Text(x + bar / 2, inside, label, size, "#FFFFFF", "middle"))
            else:
                over = max(line for line in avoid if above - 1.5 <= line <= above + size + 1.0) + 3
                while not clear(over):
                    over = max(line for line in avoid if over - 1.5 <= line <= over + size + 1.0) + 3
                labels.append(Text(x + bar / 2, over, label, size, INK, "middle"))
    return labels


def _spread(centres: list[float], gap: float, low: float, high: float) -> list[float]:
    """Moves label centres apart (keeping their order) so no two are closer than ``gap``."""
    order = sorted(range(len(centres)), key=lambda i: centres[i])
    placed = [min(max(c, low), high) for c in centres]
    for before, after in zip(order, order[1:]):
        if placed[after] - placed[before] < gap:
            middle = (placed[after] + placed[before]) / 2
            placed[before], placed[after] = middle - gap / 2, middle + gap / 2
    return placed
