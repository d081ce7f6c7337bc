"""index.html: valid HTML, self-contained, accessible (lang, headings in order, charts with a text
alternative, table headers, contrast of every colour it uses), every user string escaped."""

from __future__ import annotations

import re

import html5lib
import pytest

from svdesk.compose.publication import build_publication
from svdesk.render.publish_html import COLOUR_PAIRS, render_publication_html
from tests.render.publishing import HOSTILE, TODAY, everything, make_hostile

NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def _parse(html: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(html)   # raises on any parse error


@pytest.fixture
def page(demo_workspace) -> str:
    return render_publication_html(everything(demo_workspace))


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_wcags_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_it_parses_strictly_as_html5(page):
    _parse(page)


def test_it_needs_nothing_from_anywhere_else(page):
    lowered = page.lower()
    assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "src=" not in lowered and "url(" not in lowered and "<iframe" not in lowered
    # The only addresses are links a reader may follow: the licence and the organisation's website.
    assert set(re.findall(r'href="([^"]+)"', page)) == {
        "https://www.riversidebikeworks.org.uk",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


def test_language_title_viewport_and_print_styles(page):
    tree = _parse(page)
    assert tree.get("lang") == "en-GB"
    assert tree.find(f"{NS}head/{NS}title").text.startswith("Riverside Bike Works CIC")
    assert 'name="viewport"' in page and "@media print" in page and "@media (max-width" in page


def test_headings_start_at_one_and_never_skip_a_level(page):
    tree = _parse(page)
    levels = [int(el.tag[-1]) for el in tree.iter() if re.fullmatch(rf"{re.escape(NS)}h[1-6]", str(el.tag))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    assert 4 in levels   # contracts -> contract -> commitment


def test_every_chart_has_a_text_alternative_and_its_figures_table(page):
    tree = _parse(page)
    charts = list(tree.iter(f"{SVG}svg"))
    assert len(charts) == 3   # one per indicator of the demo
    for chart in charts:
        assert chart.get("role") == "img"
        ids = chart.get("aria-labelledby").split()
        title, desc = chart.find(f"{SVG}title"), chart.find(f"{SVG}desc")
        assert [title.get("id"), desc.get("id")] == ids
        assert title.text.strip() and re.search(r"\d{4}/\d{2}: ", desc.text)
    assert len(set(id_ for chart in charts for id_ in chart.get("aria-labelledby").split())) == 6
    assert "2026/27 (so far): 194" in page   # the figures spoken include the year not yet over


def test_every_table_has_a_caption_and_scoped_headers(page):
    tree = _parse(page)
    tables = list(tree.iter(f"{NS}table"))
    assert len(tables) == 6   # 3 indicators + 3 commitments
    for table in tables:
        assert table.find(f"{NS}caption").text.strip()
        header_cells = list(table.iter(f"{NS}th"))
        assert header_cells and all(th.get("scope") in ("col", "row") for th in header_cells)
        for row in table.find(f"{NS}tbody").iter(f"{NS}tr"):
            assert row[0].tag == f"{NS}th" and row[0].get("scope") == "row"


def test_every_colour_used_is_in_a_pair_with_at_least_4_5_to_1_contrast(page):
    for foreground, background in COLOUR_PAIRS:
        assert contrast(foreground, background) >= 4.5, (foreground, background)
    declared = {colour for pair in COLOUR_PAIRS for colour in pair}
    used = {colour.lower() for colour in re.findall(r"#[0-9a-fA-F]{6}\b", page)}
    assert used <= declared, used - declared
    assert not re.search(r"#[0-9a-fA-F]{3}\b", page)   # no short colours slipping past the check


def test_the_rating_rule_and_the_date_made_are_on_the_page(page):
    assert "How the ratings are worked out" in page and "Approaching target: 80 % to under 100 %" in page
    assert "Published on 22 Nov 2026" in page
    assert 'class="badge r-good">Good</span>' in page


def test_every_user_string_is_escaped(demo_workspace):
    make_hostile(demo_workspace)
    page = render_publication_html(everything(demo_workspace))
    _parse(page)
    assert "<script" not in page and HOSTILE not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Zoë&quot; &lt;/title&gt;" in page


def test_only_the_chosen_parts_appear(demo_workspace):
    indicator = demo_workspace.indicators.active()[1]
    page = render_publication_html(build_publication(demo_workspace, [], [indicator.id], today=TODAY))
    _parse(page)
    assert indicator.name in page and "Our contracts" not in page and "How the ratings" not in page
    assert page.count("<svg") == 1


def test_sparse_records_still_make_a_valid_honest_page(workspace):
    """A new sole trader: no statement, an indicator with no readings, a won contract with no start
    date and a promise not measured by any indicator."""
    import datetime as dt

    from svdesk.domain.measures import Indicator, Unit
    from svdesk.domain.organisation import LegalForm
    from svdesk.domain.tenders import TenderStatus

    workspace.organisation.update(name="Jo's Repairs", legal_form=LegalForm.SOLE_TRADER, company_number="")
    indicator = workspace.indicators.add(Indicator(name="Repairs done", unit=Unit.COUNT))
    tender = workspace.tenders.create(title="Small repairs", buyer="Parish council")
    workspace.tenders.add_commitment(tender.id, promise="Free repair days", per_year=4, frequency="")
    workspace.tenders.submit(tender.id, "Our answer.", dt.date(2026, 2, 1), TenderStatus.WON)
    page = render_publication_html(build_publication(workspace, [tender.id], [indicator.id], today=TODAY))
    _parse(page)
    assert "Our social value statement" not in page and "Company number" not in page
    assert "No figures recorded yet." in page and "<svg" not in page
    assert "Not measured by one of our indicators." in page and "r-not-rated" in page
    assert "<table" not in page   # no contract years without a start date, no years without readings
