"""Charts: one layout for PDF (vector) and Word (PNG), honest axes, labels that never collide."""

from __future__ import annotations

import io

import pytest

from svdesk.document.model import ChartSpec, Series
from svdesk.render.chartlayout import Circle, Line, PolyLine, Rect, Text, layout_chart, nice_ticks


def measure(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (0.62 if bold else 0.56)


def spec(kind="line", **kw):
    values = kw.pop("series", [Series("Completed", [("2023/24", 31), ("2024/25", 42), ("2025/26", 58)])])
    return ChartSpec("Young people completing the course", kind, values, **kw)


@pytest.mark.parametrize("low, high, expected", [
    (0, 58, [0, 20, 40, 60]),
    (0, 44, [0, 10, 20, 30, 40, 50]),
    (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (-12, 30, [-20, -10, 0, 10, 20, 30]),
    (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (0, 18000, [0, 5000, 10000, 15000, 20000]),
])
def test_ticks_are_round_and_cover_the_data(low, high, expected):
    assert nice_ticks(low, high) == pytest.approx(expected)


def test_value_axis_starts_at_zero_so_change_is_not_exaggerated():
    scene = layout_chart(spec(series=[Series("s", [("a", 40), ("b", 44)])]), 450, 220, measure)
    tick_labels = [t.text for t in scene.items if isinstance(t, Text) and t.anchor == "end"]
    assert tick_labels[0] == "0" and tick_labels[-1] == "50"


def test_target_and_baseline_are_labelled_lines_outside_the_plot():
    scene = layout_chart(spec(target=60, baseline=18), 450, 220, measure)
    dashed = [item for item in scene.items if isinstance(item, Line) and item.dash]
    assert len(dashed) == 2
    plot_right = max(line.x2 for line in dashed)
    labels = [t for t in scene.items if isinstance(t, Text) and t.text in ("Target", "60", "Baseline", "18")]
    assert {t.text for t in labels} >= {"Target", "Baseline"}
    assert all(t.x > plot_right for t in labels if t.bold and t.text in ("Target", "Baseline"))


def test_close_target_and_baseline_labels_are_moved_apart():
    scene = layout_chart(spec(target=50, baseline=49), 450, 220, measure)
    target = next(t for t in scene.items if isinstance(t, Text) and t.text == "Target")
    baseline = next(t for t in scene.items if isinstance(t, Text) and t.text == "Baseline")
    assert abs(target.y - baseline.y) >= 2 * 8 + 5 - 0.01


def test_line_chart_draws_points_and_labels_the_last_value():
    scene = layout_chart(spec(), 450, 220, measure)
    assert sum(isinstance(i, Circle) for i in scene.items) == 3
    assert any(isinstance(i, PolyLine) and len(i.points) == 3 for i in scene.items)
    assert any(isinstance(i, Text) and i.text == "58" and i.bold for i in scene.items)


def test_gaps_split_the_line():
    scene = layout_chart(spec(series=[Series("s", [("a", 1), ("b", 2), ("c", None), ("d", 3), ("e", 4)])]),
                         450, 220, measure)
    assert [len(i.points) for i in scene.items if isinstance(i, PolyLine)] == [2, 2]


def test_bar_chart_groups_series_and_handles_negative_values():
    chart = spec("bar", series=[Series("2024/25", [("Q1", 22), ("Q2", -5)]), Series("2025/26", [("Q1", 30)])])
    scene = layout_chart(chart, 450, 220, measure)
    bars = [i for i in scene.items if isinstance(i, Rect) and i.fill in ("#1F6F6A", "#3B6EA5") and i.w > 9]
    assert len(bars) == 3
    legend = [t.text for t in scene.items if isinstance(t, Text) and t.text in ("2024/25", "2025/26")]
    assert legend == ["2024/25", "2025/26"]


def test_crowded_x_labels_thin_out_instead_of_overlapping():
    points = [(f"Week {n}", n) for n in range(1, 53)]
    scene = layout_chart(spec(series=[Series("s", points)]), 450, 220, measure)
    labels = sorted((t for t in scene.items if isinstance(t, Text) and t.text.startswith("Week")), key=lambda t: t.x)
    assert 2 < len(labels) < 52
    for left, right in zip(labels, labels[1:]):
        assert right.x - left.x >= measure(left.text, 8) / 2 + measure(right.text, 8) / 2


def test_empty_chart_says_so():
    for empty in (spec(series=[]), spec(series=[Series("s", [("a", None)])])):
        scene = layout_chart(empty, 450, 220, measure)
        assert any(isinstance(t, Text) and t.text == "No values yet" for t in scene.items)


def test_long_titles_and_labels_wrap_inside_the_picture():
    long = "A very long chart title " * 10
    scene = layout_chart(ChartSpec(long, "bar", [Series("s", [("x" * 200, 5)])], target=3,
                                   target_label="Target " * 20), 300, 200, measure)
    for text in (i for i in scene.items if isinstance(i, Text)):
        width = measure(text.text, text.size, text.bold)
        left = {"start": text.x, "middle": text.x - width / 2, "end": text.x - width}[text.anchor]
        assert -1 <= left and left + width <= 301, text
        assert "…" not in text.text


def test_png_for_word_is_a_real_image_of_the_requested_size():
    from PIL import Image

    from svdesk.render.chart_png import chart_png

    data = chart_png(spec(target=60), width_pt=453, height_pt=220, dpi=150)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (round(453 * 150 / 72), round(220 * 150 / 72))
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    assert (255, 255, 255) in colours and len(colours) > 50  # drawn and anti-aliased, not blank


def test_pdf_drawing_uses_dejavu():
    from svdesk.render.chart_pdf import chart_drawing

    drawing = chart_drawing(spec(target=60, baseline=18), 450)
    fonts = {getattr(shape, "fontName", None) for shape in drawing.contents} - {None}
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold"} and fonts
