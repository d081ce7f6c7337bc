"""The window's chart is painted from the same layout as the PDF and Word charts, says the same
words to a screen reader, and its labels never overlap."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from svdesk.compose.progress_chart import progress_chart
from svdesk.document.chartdata import describe_chart
from svdesk.domain.measures import Direction, Unit
from svdesk.domain.progress import ChartSpec as ProgressSpec
from svdesk.render.chartlayout import Text, layout_chart
from svdesk.ui.common.charts import PIXELS_PER_POINT, ProgressChart

ROOT = Path(__file__).resolve().parents[2]


def _spec(count: int = 14, title: str = "Young people completing the course") -> ProgressSpec:
    days = [dt.date(2023, 5, 15) + dt.timedelta(days=91 * n) for n in range(count)]
    points = tuple((day, float(5 + n % 7)) for n, day in enumerate(days))
    return ProgressSpec(title, "People a quarter", Unit.PEOPLE, Direction.HIGHER, points,
                        (dt.date(2023, 3, 31), 7.0), (dt.date(2027, 3, 31), 12.0), (), 0.0, 14.0,
                        "Baseline (7 a quarter)", "Target (12 a quarter)")


@pytest.fixture
def chart(qtbot):
    widget = ProgressChart()
    qtbot.addWidget(widget)
    widget.resize(700, 320)
    widget.show()
    return widget


def test_the_window_paints_the_documents_layout(chart):
    spec = _spec()
    chart.set_spec(spec)
    assert chart.has_chart
    canvas = chart.canvas
    expected = layout_chart(replace(progress_chart(spec), title=""), canvas.width() / PIXELS_PER_POINT,
                            canvas.height() / PIXELS_PER_POINT, canvas.measure)
    assert canvas.scene().items == expected.items
    image = canvas.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert "#ffffff" in colours and len(colours) > 5  # drawn on white, in more than one colour


def test_the_chart_says_in_words_what_it_shows(chart):
    spec = _spec(count=3)
    chart.set_spec(spec)
    sentence = describe_chart(progress_chart(spec))
    assert chart.accessibleDescription() == sentence == chart.toolTip()
    assert sentence.startswith("Line chart: Young people completing the course. Readings (people a quarter): ")
    assert "May 2023 5" in sentence and "Target 12" in sentence and "Baseline 7" in sentence


def test_a_long_description_is_shortened_in_the_tooltip_only(chart):
    chart.set_spec(_spec(count=240))
    assert len(chart.accessibleDescription()) > 2000
    assert len(chart.toolTip()) < 600 and chart.toolTip().endswith("(every reading is in the Readings tab)")


def test_no_readings_is_a_sentence_not_an_empty_chart(chart):
    empty = replace(_spec(), points=())
    chart.set_spec(empty)
    assert not chart.has_chart
    assert chart.accessibleDescription() == "Young people completing the course: no readings yet."


def test_two_readings_in_one_month_keep_a_point_each():
    spec = _spec()
    days = (dt.date(2026, 3, 3), dt.date(2026, 3, 17), dt.date(2026, 3, 17))
    chart = progress_chart(replace(spec, points=tuple((day, 1.0 + n) for n, day in enumerate(days))))
    assert [x for x, _ in chart.series[0].points] == ["3 Mar 2026", "17 Mar 2026", "17 Mar 2026 (2)"]


def _boxes(scene, measure):
    for item in scene.items:
        if isinstance(item, Text):
            width = measure(item.text, item.size, item.bold)
            left = item.x - {"start": 0, "middle": width / 2, "end": width}[item.anchor]
            yield item.text, (left, item.y - item.size * 0.25, left + width, item.y + item.size * 0.8)


@pytest.mark.parametrize("size", [(1000, 360), (700, 290), (520, 150)])  # 1280x800, 1024x640 and smaller
def test_no_two_labels_overlap(chart, size):
    chart.resize(*size)
    chart.set_spec(_spec(count=40, title="A long indicator name that would take two lines at this width"))
    boxes = list(_boxes(chart.canvas.scene(), chart.canvas.measure))
    assert len(boxes) > 5
    for index, (text, (x0, y0, x1, y1)) in enumerate(boxes):
        for other, (a0, b0, a1, b1) in boxes[index + 1:]:
            assert x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0, (text, other)


def test_no_qtcharts_anywhere():
    for path in (ROOT / "svdesk").rglob("*.py"):
        assert "QtCharts" not in path.read_text("utf-8"), path
    assert "PySide6-Addons" not in (ROOT / "pyproject.toml").read_text("utf-8").split("[project.optional")[0] \
        .split("dependencies = [")[1]


@pytest.mark.parametrize("width", [320, 480, 700])
def test_a_titled_chart_with_a_legend_has_no_overlapping_labels(chart, width):
    from svdesk.document.model import ChartSpec, Series

    years = ("2022/23", "2023/24", "2024/25", "2025/26")
    spec = ChartSpec("Hours volunteered by people from the estate, by year and by group", "bar", (
        Series("Young people on the course", tuple(zip(years, (120, 180, 240, 310)))),
        Series("Volunteers from the residents' association", tuple(zip(years, (40, 55, 70, 90)))),
    ), target=300, baseline=100, unit="hours")
    scene = layout_chart(spec, width, 230, chart.canvas.measure)
    boxes = list(_boxes(scene, chart.canvas.measure))
    for index, (text, (x0, y0, x1, y1)) in enumerate(boxes):
        for other, (a0, b0, a1, b1) in boxes[index + 1:]:
            assert x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0, (text, other)
