"""The impact summary leaflet: what goes in, the consent gate (public reports AND website), the
leaflet layout, and the PDF."""

import datetime as dt

import pytest

from svdesk.document.model import ChartSpec, Figures, Heading, Quote, plain_text
from svdesk.compose.summary import SUMMARY_USES, draft_summary
from svdesk.services.exports import export_summary
from svdesk.domain.consent import Use
from svdesk.domain.financial_year import FinancialYear

YEAR = FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
TODAY = dt.date(2026, 11, 22)


def test_demo_summary_has_statement_figures_charts_and_stories(demo_workspace):
    summary = draft_summary(demo_workspace, YEAR, TODAY)
    document = summary.document()
    assert document.layout == "leaflet"
    assert document.title == "Riverside Bike Works CIC" and document.subtitle == "Our impact in 2025/26"
    assert document.blocks[0].role == "lead"  # the one-sentence statement opens it
    figures = [block for block in document.blocks if isinstance(block, Figures)]
    assert len(figures) == 1 and len(figures[0].items) == 3
    charts = [block for block in document.blocks if isinstance(block, ChartSpec)]
    assert len(charts) == 3
    for chart in charts:
        assert chart.kind == "bar" and chart.target is not None
        assert chart.series[0].points[-1][0] == "2025/26"  # ends with the year reported on
        assert chart.caption.startswith("Each bar is one financial year")
    quotes = [block for block in document.blocks if isinstance(block, Quote)]
    assert 1 <= len(quotes) <= 2
    headings = [block.text for block in document.blocks if isinstance(block, Heading)]
    assert headings[-1] == "About this summary"


def test_only_stories_with_public_and_website_consent(demo_workspace):
    summary = draft_summary(demo_workspace, YEAR, TODAY)
    website = {s.story_id for s in demo_workspace.stories.usable_for(Use.WEBSITE_SOCIAL, TODAY)}
    public = {s.story_id for s in demo_workspace.stories.usable_for(Use.PUBLIC_REPORTS, TODAY)}
    assert {story.story_id for story in summary.stories} <= website & public
    text = plain_text(summary.document())
    for item in summary.sources.excluded:
        assert item.title not in text
    # a story the CIC34 may tell but the website may not is named in the notes, never printed
    public_only = public - website
    assert public_only
    for story_id in public_only:
        title = demo_workspace.stories.get(story_id).title
        assert title not in text


def test_chosen_stories_are_kept_and_a_withdrawn_one_drops_out(demo_workspace):
    summary = draft_summary(demo_workspace, YEAR, TODAY)
    first = summary.sources.stories[-1]
    demo_workspace.cic34.set_summary_story_ids(YEAR.end, [first.story_id])
    chosen = draft_summary(demo_workspace, YEAR, TODAY)
    assert [story.story_id for story in chosen.stories] == [first.story_id] and chosen.chosen_by_person
    demo_workspace.stories.withdraw(first.story_id, dt.date(2026, 11, 1))
    after = draft_summary(demo_workspace, YEAR, TODAY)
    assert after.stories == ()
    assert any("can no longer be used" in note for note in after.notes)
    assert first.title not in plain_text(after.document())


def test_empty_organisation_gets_notes_not_a_broken_leaflet(workspace, tmp_path):
    summary = draft_summary(workspace, YEAR, TODAY)
    assert any("not agreed yet" in note for note in summary.notes)
    assert any("no charts" in note for note in summary.notes)
    assert any("no story" in note for note in summary.notes)
    outcome = export_summary(workspace, YEAR, tmp_path / "empty.pdf", TODAY)
    assert outcome.path.read_bytes().startswith(b"%PDF") and outcome.notes == summary.notes


def test_demo_leaflet_is_one_or_two_pages_and_logs_story_uses(demo_workspace, tmp_path):
    path = export_summary(demo_workspace, YEAR, tmp_path / "summary.pdf", TODAY).path
    data = path.read_bytes()
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>")
    assert 1 <= pages <= 2, pages
    for story in draft_summary(demo_workspace, YEAR, TODAY).stories:
        uses = {(use.use, use.used_on) for use in demo_workspace.stories.uses_of(story.story_id)}
        assert {(use, TODAY) for use in SUMMARY_USES} <= uses


def test_leaflet_layout_is_only_a_pdf_matter(demo_workspace):
    from svdesk.render import render

    document = draft_summary(demo_workspace, YEAR, TODAY).document()
    text = render(document, "txt").decode("utf-8")
    assert "Our impact in 2025/26" in text and "Progress against our targets" in text
    with pytest.raises(ValueError):
        type(document)(title="x", layout="poster")


def test_leaflet_pdf_has_the_legend_instead_of_labels_on_the_bars(demo_workspace, tmp_path):
    import shutil
    import subprocess

    from svdesk.document.model import ChartSpec, Series
    from svdesk.render.chart_pdf import chart_drawing
    from svdesk.render.pdf_leaflet import _without_line_labels, chart_columns

    assert [chart_columns(n) for n in (2, 3, 4)] == [2, 3, 2]
    spec = ChartSpec("Bikes", "bar", (Series("y", (("2024/25", 44.0),)),), target=48, baseline=28)
    texts = [item.text for item in _without_line_labels(chart_drawing(spec, 140, 150)).contents
             if hasattr(item, "text")]
    assert "44" in texts and not any("Target" in text or "Baseline" in text for text in texts)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = export_summary(demo_workspace, YEAR, tmp_path / "s.pdf", TODAY).path
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Target 48" in text and "Baseline 28" in text
    assert "Progress against our targets" in text and "Stories from the year" in text
