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
the last value of each line is written next to it; x labels wrap, and thin out only when there
are too many to show side by side (the window's monthly points, whose dates are in the table
beside the chart). No label is ever cut short: a long one takes more lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from svdesk.document.chartdata import format_value
from svdesk.document.model import ChartSpec
from svdesk.render.linebreak import wrap_measured, widest

INK = "#1E2B2A"
MUTED = "#5C6B6A"
GRID = "#E1E8E7"
AXIS = "#9AA9A8"
TARGET = "#C8641E"
BASELINE = "#6F7D7C"
SERIES = ("#1F6F6A", "#3B6EA5", "#8E5572", "#7A8B3A", "#B08D57", "#4A4E69")
FONT_SIZE = 8.0
TITLE_SIZE = 10.5
X_PITCH = FONT_SIZE + 2  # between the lines of a wrapped x label
REF_PITCH = FONT_SIZE + 2  # between the lines of a target's or baseline's label
X_MOST_LINES = 3  # an x label wrapped onto more lines than this thins the axis instead

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


def layout_chart(spec: ChartSpec, width: float, height: float, measure: Measure, line_labels: bool = True) -> Scene:
    """``line_labels=False`` leaves out the target's and baseline's labels (and their room), for a
    chart whose legend under it names the lines."""
    scene = Scene(width, height)
    add = scene.items.append
    top = height - 2
    for line in wrap_measured(spec.title, TITLE_SIZE, True, width - 4, measure) if spec.title else []:
        top -= TITLE_SIZE + 3
        add(Text(0, top, line, TITLE_SIZE, INK, "start", True))
    if spec.title:
        top -= 6

    # Legend (only when there is more than one series: one series is named by the title).
    if len(spec.series) > 1:
        x, row_y, row_lines = 0.0, top - FONT_SIZE, 1
        for index, series in enumerate(spec.series):
            lines = wrap_measured(series.label or f"Series {index + 1}", FONT_SIZE, False, width - 14, measure)
            needed = 14 + widest(lines, FONT_SIZE, False, measure) + 12
            if x + needed > width and x > 0:
                x, row_y = 0.0, row_y - (FONT_SIZE + 3) * row_lines - 2
                row_lines = 1
            colour = SERIES[index % len(SERIES)]
            add(Rect(x, row_y - 0.5, 9, 7, colour))
            for number, line in enumerate(lines):
                add(Text(x + 13, row_y - number * (FONT_SIZE + 3), line, FONT_SIZE, MUTED))
            row_lines = max(row_lines, len(lines))
            x += needed
        top = row_y - (FONT_SIZE + 3) * (row_lines - 1) - 8

    low, high = _value_range(spec)
    ticks = nice_ticks(low, high)
    tick_labels = [format_value(t, spec.unit) for t in ticks]
    unit = spec.unit.strip()
    if unit and unit not in ("%", "£", "€", "$"):
        for line in wrap_measured(unit, FONT_SIZE, False, width, measure):
            top -= FONT_SIZE + 2
            add(Text(0, top, line, FONT_SIZE, MUTED))
        top -= 6
    else:
        top -= 4

    left = max(measure(label, FONT_SIZE, False) for label in tick_labels) + 6
    references = [
        (value, name, colour, dash)
        for value, name, colour, dash in (
            (spec.target, spec.target_label or "Target", TARGET, (5.0, 3.0)),
            (spec.baseline, spec.baseline_label or "Baseline", BASELINE, (1.5, 2.5)),
        )
        if value is not None
    ]
    gutter = 4.0
    if references and line_labels:
        # The value is never broken; the name takes more lines rather than more width.
        values_w = max(measure(format_value(value, spec.unit), FONT_SIZE, True) for value, *_ in references)
        names_w = max(measure(name, FONT_SIZE, True) for _, name, _, _ in references)
        word_w = max(measure(word, FONT_SIZE, True) for _, name, _, _ in references for word in name.split() or [""])
        gutter = min(max(values_w, min(names_w, width * 0.2), word_w), width * 0.45) + 10
    plot_w = max(10.0, width - left - gutter)
    span = ticks[-1] - ticks[0] or 1.0

    categories = spec.categories()
    drawn = bool(categories) and any(v is not None for s in spec.series for _, v in s.points)
    slot = plot_w / max(1, len(categories))
    x_size, x_labels = _x_labels(categories, slot, plot_w, measure) if drawn else (FONT_SIZE, [])
    bottom = FONT_SIZE + 8 + (max(map(len, x_labels), default=1) - 1) * X_PITCH
    plot_top = top - 8  # room for value labels above the highest point or bar
    plot_h = max(10.0, plot_top - bottom)

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
    blocks = [wrap_measured(name, FONT_SIZE, True, gutter - 6, measure)
              + wrap_measured(format_value(value, spec.unit), FONT_SIZE, True, gutter - 6, measure)
              for value, name, _, _ in references] if line_labels else [[] for _ in references]
    for (value, name, colour, dash), lines, centre in zip(references, blocks, _spread(
            [y_of(r[0]) for r in references], [len(lines) for lines in blocks], bottom, plot_top + 6)):
        y = y_of(value)
        reference_lines.append(Line(left, y, left + plot_w, y, colour, 1.3, dash))
        first = centre + 1.5 + (len(lines) - 2) * REF_PITCH / 2
        for number, line in enumerate(lines if line_labels else []):
            add(Text(left + plot_w + 5, first - number * REF_PITCH, line, FONT_SIZE, colour, "start", True))

    if spec.kind == "line":
        scene.items += reference_lines
    labels: list = []
    if not drawn:
        add(Text(left + plot_w / 2, bottom + plot_h / 2, "No values yet", FONT_SIZE + 1, MUTED, "middle"))
    else:
        for index, lines in enumerate(x_labels):
            half = widest(lines, x_size, False, measure) / 2
            x = min(max(left + slot * (index + 0.5), half), width - half)  # stay inside the picture
            for number, line in enumerate(lines):
                add(Text(x, bottom - FONT_SIZE - 4 - number * X_PITCH, line, x_size, MUTED, "middle"))
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
            label_w = measure(label, size, False)
            # One series: a label may use its bar's whole slot; side by side, only its own bar.
            if label_w > (slot - 2 if count == 1 else bar + 4):
                continue
            if value < 0:
                labels.append(Text(x + bar / 2, y - FONT_SIZE - 1, label, size, INK, "middle"))
                continue
            above = y + 3
            inside = y - size - 2
            if clear(above):
                labels.append(Text(x + bar / 2, above, label, size, INK, "middle"))
            elif inside - zero > 2 and label_w <= bar - 2 and clear(inside):
                labels.append(Text(x + bar / 2, inside, label, size, "#FFFFFF", "middle"))
            else:
                over = max(line for line in avoid if above - 1.5 <= line <= above + size + 1.0) + 3
                while not clear(over):
                    over = max(line for line in avoid if over - 1.5 <= line <= over + size + 1.0) + 3
                labels.append(Text(x + bar / 2, over, label, size, INK, "middle"))
    return labels


def _spread(centres: list[float], lines: list[int], low: float, high: float) -> list[float]:
    """Moves label centres apart (keeping their order) so no two labels of ``lines`` lines each
    (drawn around their centre, ``REF_PITCH`` apart) overlap, each kept between low and high."""
    order = sorted(range(len(centres)), key=lambda i: centres[i])
    extra = [max(0, count - 2) * REF_PITCH / 2 for count in lines]
    placed = [min(max(c, low + e), max(low + e, high - e)) for c, e in zip(centres, extra)]
    for before, after in zip(order, order[1:]):
        gap = (lines[before] + lines[after]) / 2 * REF_PITCH + 1
        if placed[after] - placed[before] < gap:
            middle = (placed[after] + placed[before]) / 2
            placed[before], placed[after] = middle - gap / 2, middle + gap / 2
    return placed


def _x_labels(categories: list[str], slot: float, plot_w: float, measure: Measure) -> tuple[float, list[list[str]]]:
    """(the labels' size, each category's label lines — none for a category whose label is not
    shown). Each label wraps within its own slot when its words fit there, a little smaller if
    need be; only when they do not (many points, as on the window's monthly charts) does the
    axis thin out, and each label shown then wraps within the room of the ones left out.
    Nothing is cut."""
    for size, gap in ((FONT_SIZE, 8), (FONT_SIZE, 5), (FONT_SIZE - 1, 4), (FONT_SIZE - 1.5, 3)):
        room = slot - gap
        if all(measure(word, size, False) <= room for c in categories for word in c.split()):
            wrapped = [wrap_measured(c, size, False, room, measure) for c in categories]
            if max(map(len, wrapped)) <= X_MOST_LINES:
                return size, wrapped
    # A few labels (years) in very narrow slots: broken inside a word rather than left out.
    size = FONT_SIZE - 1.5
    wrapped = [wrap_measured(c, size, False, slot - 3, measure) for c in categories]
    if max(map(len, wrapped)) <= X_MOST_LINES:
        return size, wrapped
    needed = max(measure(c, FONT_SIZE, False) for c in categories) + 8
    every = max(1, math.ceil(needed / slot))
    room = min(slot * every, plot_w) - 2
    return FONT_SIZE, [wrap_measured(c, FONT_SIZE, False, room, measure) if index % every == 0 else []
                       for index, c in enumerate(categories)]
