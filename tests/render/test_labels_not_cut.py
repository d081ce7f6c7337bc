"""Nothing svdesk draws itself is cut short with "…": the PDF page footer (the organisation's name
and the document's title) wraps onto more lines and the page's text stops higher; a chart's
target, baseline, legend and year or month labels wrap (a word wider than the room is broken
across lines), and year labels wrap in their own slot rather than being left out."""

import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.document.model import ChartSpec, Document, Paragraph, Series
from svdesk.render.chartlayout import Text, layout_chart
from svdesk.render.fonts import pdf_measure
from svdesk.render.pdf_document import render_pdf
from svdesk.render.pdf_style import FOOTER_SIZE, bottom_margin, footer_baseline, footer_lines
from tests.hostile.corpus import NASTY

HOSTILE = {name: text for name, text in NASTY
           if name in ("markup", "long word", "emoji", "right to left", "format strings")}
LONG_NAME = ("The Digbeth, Small Heath, Bordesley Green and Sparkbrook Community Gardening, Food Growing "
             "and Wellbeing Mutual Aid Community Interest Company")
FOOTERS = {"long": f"{LONG_NAME} · Community interest company report, year ending 31 March 2026 · "
                   "Ref. BCC/2026/SV-0001 · Birmingham City Council Adult Social Care Commissioning",
           **{name: f"{LONG_NAME} · {text}" for name, text in HOSTILE.items()}}


def measure(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (0.62 if bold else 0.56)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdftotext(data: bytes, tmp_path, *args) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


# -- the PDF page footer ------------------------------------------------------------------------

@pytest.mark.parametrize("footer", FOOTERS.values(), ids=FOOTERS.keys())
def test_the_pdf_footer_is_printed_whole_on_every_page(footer, tmp_path):
    body = tuple(Paragraph("Body text. " * 300) for _ in range(3))
    data = render_pdf(Document(title="Report", blocks=body, footer=footer))
    pages = _pdftotext(data, tmp_path).split("\f")
    printed = [page for page in pages if page.strip()]
    assert len(printed) > 1
    wanted = _squeezed(footer).replace("\U0001f6b2", "")
    for page in printed:
        assert "…" not in page
        squeezed = _squeezed(page)
        # pdftotext gives back right-to-left words and emoji in its own order: check the rest.
        for piece in re.findall(r"[A-Za-z0-9<>&%{}()$'/=·,.-]+", wanted):
            assert piece in squeezed


ORG_NAMES = {"long word": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + " Gardens CIC",
             "markup and right to left": "Growing <b>Minds</b> & Friends of מרחב ירוק and حديقة المجتمع "
                                         "Community Allotment Society for Digbeth and Small Heath CIC"}


@pytest.mark.parametrize("name", ORG_NAMES.values(), ids=ORG_NAMES.keys())
def test_the_impact_summarys_footer_carries_the_whole_organisation_name(name, tmp_path):
    import datetime as dt

    from svdesk.domain.financial_year import FinancialYear
    from svdesk.domain.measures import Frequency, Indicator, Unit
    from svdesk.domain.organisation import Organisation
    from svdesk.services.exports import export_summary
    from svdesk.store.workspace import memory_workspace

    year = FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    ws = memory_workspace(Organisation(name=name))
    try:
        rate = ws.indicators.add(Indicator(name="Gardeners feeling less isolated", unit=Unit.PERCENTAGE,
                                           frequency=Frequency.YEARLY))
        ws.indicators.record(rate.id, year.start, year.end, "64")
        path = export_summary(ws, year, tmp_path / "leaflet.pdf", dt.date(2026, 6, 1)).path
        text = _pdftotext(path.read_bytes(), tmp_path)
    finally:
        ws.close()
    # The page's last lines: the footer, then "Page 1 of 1" (the title block has the name too).
    footer = text.split("\f")[0].rstrip().rsplit("\n\n", 2)[-2]
    assert "…" not in text and "Impact summary" in footer
    squeezed = _squeezed(footer)
    for piece in re.findall(r"[A-Za-z0-9<>&]+", _squeezed(f"{name} · Impact summary 2025/26")):
        assert piece in squeezed


def test_a_long_footer_sits_below_the_pages_text(tmp_path):
    footer = FOOTERS["long word"]
    body = tuple(Paragraph("Body text. " * 300) for _ in range(3))
    layout = _pdftotext(render_pdf(Document(title="Report", blocks=body, footer=footer)), tmp_path, "-bbox")
    for page in layout.split("<page ")[1:]:
        words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)
        body_bottom = max(float(y_max) for _, y_max, word in words if word in ("Body", "text."))
        footer_top = min(float(y_min) for y_min, _, word in words  # the title is at the top
                         if word not in ("Body", "text.") and float(y_min) > 421)
        assert footer_top > body_bottom


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcW mM·&<>/—🚲ש"), max_size=1200))
def test_footer_lines_keep_every_character_and_fit_beside_the_page_number(footer):
    width = 170 * 72 / 25.4
    lines = footer_lines(footer, width)
    assert _squeezed("".join(lines)) == _squeezed(footer)
    room = width - pdf_measure("Page 99999 of 99999", FOOTER_SIZE) - 20
    assert all(pdf_measure(line, FOOTER_SIZE) <= room or len(line) == 1 for line in lines)
    # The rule above the footer stays under the page's text, and the last line on the page.
    assert bottom_margin(len(lines)) - (footer_baseline(len(lines)) + 11) >= 14
    assert footer_baseline(len(lines)) - (len(lines) - 1) * 9 >= 20


def test_a_short_footer_is_where_it_always_was():
    assert footer_lines("Growing Minds CIC · Impact summary 2025/26", 170 * 72 / 25.4) == [
        "Growing Minds CIC · Impact summary 2025/26"]
    assert bottom_margin(1) == pytest.approx(22 * 72 / 25.4)


# -- chart labels -------------------------------------------------------------------------------

def _texts(scene) -> list[Text]:
    return [item for item in scene.items if isinstance(item, Text)]


def _inside(scene) -> bool:
    for text in _texts(scene):
        width = measure(text.text, text.size, text.bold)
        left = {"start": text.x, "middle": text.x - width / 2, "end": text.x - width}[text.anchor]
        if not (-1 <= left and left + width <= scene.width + 1) and len(text.text) > 1:
            return False
    return True


LABELS = {"long": "Target for the whole three-year contract with Birmingham City Council (48 a year)",
          **HOSTILE}


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_target_and_baseline_labels_are_wrapped_not_cut(label):
    chart = ChartSpec("Bikes repaired", "bar", (Series("Bikes", [("2024/25", 30), ("2025/26", 44)]),),
                      target=48, baseline=20, unit="bikes", target_label=label, baseline_label=f"Baseline {label}")
    for width in (180, 300, 450):
        scene = layout_chart(chart, width, 220, measure)
        printed = _squeezed("".join(text.text for text in _texts(scene)))
        assert "…" not in printed
        assert _squeezed(label) in printed and _squeezed(f"Baseline{label}") in printed
        assert _inside(scene)


def test_every_years_label_is_shown_in_a_narrow_leaflet_chart():
    years = ["2023/24", "2024/25 (part)", "2025/26", "2026/27 so far"]
    chart = ChartSpec("", "bar", (Series("2026/27", [(year, 40 + i) for i, year in enumerate(years)]),),
                      target=48, unit="people")
    scene = layout_chart(chart, 230, 190, measure)
    printed = _squeezed("".join(text.text for text in _texts(scene)))
    for year in years:
        assert _squeezed(year) in printed
    assert "…" not in printed and _inside(scene)


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_a_year_label_wider_than_the_chart_is_wrapped_not_cut(label):
    chart = ChartSpec("", "bar", (Series("s", [(label, 5)]),), target=3)
    scene = layout_chart(chart, 200, 200, measure)
    printed = _squeezed("".join(text.text for text in _texts(scene)))
    assert _squeezed(label) in printed and "…" not in printed and _inside(scene)


@pytest.mark.parametrize("label", LABELS.values(), ids=LABELS.keys())
def test_legend_labels_are_wrapped_not_cut(label):
    chart = ChartSpec("", "line", (Series(label, [("Apr", 1), ("May", 2)]), Series(f"Also {label}", [("Apr", 3)])))
    scene = layout_chart(chart, 220, 260, measure)
    printed = _squeezed("".join(text.text for text in _texts(scene)))
    assert _squeezed(label) in printed and _squeezed(f"Also {label}") in printed and "…" not in printed


def test_a_single_series_bar_value_may_use_its_whole_slot():
    years = ["2022/23", "2023/24", "2024/25", "2025/26"]
    chart = ChartSpec("", "bar", (Series("s", [(year, 12345.5) for year in years]),))
    labels = [text.text for text in _texts(layout_chart(chart, 200, 200, measure))]
    assert labels.count("12,345.5") == 4


@settings(max_examples=150, deadline=None)
@given(title=st.text(alphabet=st.sampled_from("ab Xy/&<—"), max_size=80),
       target_label=st.text(alphabet=st.sampled_from("ab Xy/&<—"), min_size=1, max_size=90),
       years=st.lists(st.text(alphabet=st.sampled_from("20/5 sofar()"), min_size=1, max_size=30),
                      min_size=1, max_size=4, unique=True),
       width=st.integers(120, 500))
def test_no_chart_label_is_ever_cut(title, target_label, years, width):
    chart = ChartSpec(title, "bar", (Series("s", [(year, i + 1) for i, year in enumerate(years)]),),
                      target=2, target_label=target_label, unit="people taking part")
    scene = layout_chart(chart, width, 240, measure)
    printed = _squeezed("".join(text.text for text in _texts(scene)))
    assert "…" not in printed
    for text in (title, target_label, years[0]):
        assert _squeezed(text) in printed


@pytest.mark.parametrize("line_labels", [False, True], ids=["legend under it", "labelled lines"])
@pytest.mark.parametrize("unit, values", [("%", (52, 58, 61)), ("people", (215, 247, 289)),
                                          ("£", (12500, 14250.5, 16000))])
def test_three_charts_in_a_row_show_every_years_label(unit, values, line_labels):
    """The leaflet's three-in-a-row charts left the middle year's label out ("2023/24  2025/26")."""
    column = (170 * 72 / 25.4 - 2 * 12) / 3
    years = ["2023/24", "2024/25", "2025/26"]
    chart = ChartSpec("", "bar", (Series("2025/26", list(zip(years, values))),), target=values[-1] * 1.1,
                      baseline=values[0] * 0.8, unit=unit)
    scene = layout_chart(chart, column, 168 - 24, pdf_measure, line_labels)
    printed = [text.text for text in _texts(scene) if text.y < 20 and text.anchor == "middle"]  # under the axis
    assert _squeezed("".join(printed)) == "".join(years)


def test_the_published_pages_year_labels_get_smaller_type_rather_than_running_together():
    import datetime as dt

    from svdesk.document.publication import IndicatorYear, PublishedIndicator
    from svdesk.render.publish_html import _chart

    years = tuple(IndicatorYear(f"{2016 + n}/{17 + n}", dt.date(2016 + n, 4, 1), dt.date(2017 + n, 3, 31),
                                1234567.0 + n, f"£1,234,56{n}", n < 7, 12) for n in range(8))
    indicator = PublishedIndicator("i", "Money raised", "", "money", "£", "higher", "added up", None, "", None, years)
    svg = _chart(indicator, "chart-1")
    step = (480 - 20) / len(years)
    for size, text in re.findall(r'font-size="([\d.]+)">([^<]+)<', svg):
        assert len(text) * 0.6 * float(size) <= step - 5, text
    assert '<tspan x="' in svg and ">so far</tspan>" in svg and "2023/24" in svg
