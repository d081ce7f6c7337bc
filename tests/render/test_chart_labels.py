"""Value labels on bars are never struck through by a target or baseline line, whatever the
values (the leaflet's "25 — target 48" bar sat right under its target line)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.document.model import ChartSpec, Series
from svdesk.render.chartlayout import FONT_SIZE, Line, Text, layout_chart


def measure(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (0.62 if bold else 0.56)


def _struck(scene) -> list:
    references = [item.y1 for item in scene.items if isinstance(item, Line) and item.dash]
    values = [item for item in scene.items if isinstance(item, Text) and item.size == FONT_SIZE - 0.5]
    return [(label.text, y) for label in values for y in references
            if label.y - 0.5 <= y <= label.y + (FONT_SIZE - 0.5) * 0.75]


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=5),
       target=st.integers(min_value=0, max_value=500), baseline=st.one_of(st.none(), st.integers(0, 500)))
def test_bar_value_labels_are_never_struck_through(values, target, baseline):
    points = [(f"20{20 + i}/{21 + i}", v) for i, v in enumerate(values)]
    chart = ChartSpec("Bikes", "bar", (Series("Bikes", points),), target=target, baseline=baseline, unit="bikes")
    scene = layout_chart(chart, 180, 200, measure)
    assert _struck(scene) == []


def test_the_leaflets_part_year_bar_is_readable_under_its_target():
    chart = ChartSpec("Young people", "bar", (Series("2026/27", [("2025/26", 44), ("2026/27 so far", 25)]),),
                      target=48, unit="new people")
    scene = layout_chart(chart, 180, 200, measure)
    labels = [t.text for t in scene.items if isinstance(t, Text)]
    assert "25" in labels and "44" in labels and _struck(scene) == []
