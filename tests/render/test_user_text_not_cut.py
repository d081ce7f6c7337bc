"""The person's words are never cut off in an export: a long or hostile note is wrapped, every
word of it printed (the leaflet's "others helped too" note used to stop at 110 characters)."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.compose.parttext import first_sentences
from svdesk.document.model import ChartSpec, Series
from svdesk.domain.financial_year import FinancialYear
from svdesk.domain.measures import Frequency, Indicator, Unit
from svdesk.domain.organisation import Organisation
from svdesk.render.chartlayout import Text, layout_chart
from svdesk.services.exports import export_summary
from svdesk.store.workspace import memory_workspace
from tests.hostile.corpus import NASTY

D = dt.date
YEAR = FinancialYear(D(2025, 4, 1), D(2026, 3, 31))
LONG_NOTE = " ".join(
    f"Sentence {n} says the GP surgery, the library and the allotment society also helped people here." for n in
    range(1, 16)) + " Lastword."


def _pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("note", [LONG_NOTE] + [text for name, text in NASTY
                                                if name in ("markup", "long word", "emoji", "format strings")],
                         ids=["long", "markup", "long word", "emoji", "format strings"])
def test_the_leaflets_contribution_note_is_printed_whole(note, tmp_path):
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        rate = ws.indicators.add(Indicator(name="Gardeners feeling less isolated", unit=Unit.PERCENTAGE,
                                           frequency=Frequency.YEARLY, contribution=note))
        ws.indicators.record(rate.id, YEAR.start, YEAR.end, "64")
        path = export_summary(ws, YEAR, tmp_path / "leaflet.pdf", D(2026, 6, 1)).path
        printed = _squeezed(_pdf_text(path))
        wanted = _squeezed(note).replace("\U0001f6b2", "")  # pdftotext may not give every emoji back
        for piece in re.findall(r"[A-Za-z0-9<>&%{}()$'/=-]+", wanted):
            assert piece in printed
        assert "…" not in _pdf_text(path)
    finally:
        ws.close()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("abcXYZ .!?\n“"), min_size=1, max_size=120), min_size=1,
                max_size=8), st.integers(1, 4), st.integers(10, 400))
def test_first_sentences_gives_whole_sentences_never_a_cut(chunks, limit, max_chars):
    text = " ".join(chunks)
    flat = " ".join(text.split())
    result = first_sentences(text, limit, max_chars)
    assert flat.startswith(result)
    # Where it stops, a sentence ends (or the text does).
    if result and result != flat:
        assert result.endswith((".", "!", "?")) and flat[len(result)] == " "


def test_a_long_indicator_name_and_unit_are_wrapped_on_the_chart_not_cut():
    def measure(text: str, size: float, bold: bool = False) -> float:
        return len(text) * size * (0.62 if bold else 0.56)

    name = "Young people from Digbeth and Small Heath who finished the twelve-week bike mechanics course " \
           "and went on to a job, an apprenticeship or college within six months"
    unit = "people who finished the course and went on to work or learning"
    chart = ChartSpec(name, "bar", (Series("2025/26", [("2025/26", 44)]),), target=48, unit=unit)
    scene = layout_chart(chart, 180, 220, measure)
    texts = " ".join(item.text for item in scene.items if isinstance(item, Text))
    assert "…" not in texts
    for word in (name + " " + unit).split():
        assert word in texts
