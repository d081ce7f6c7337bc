"""Publication -> ``index.html``: one self-contained, accessible page (no scripts, fonts or images
from anywhere else; it works opened from disk, reads on a phone and prints cleanly).

Charts are inline SVG with a title and description (role="img"), followed by the same figures in
a table, so a screen reader or a printout loses nothing. Every colour pair the page uses is listed
in ``COLOUR_PAIRS`` and the tests check each against WCAG's 4.5:1; every user string is escaped.
"""

from __future__ import annotations

from html import escape

from svdesk.document.publication import (
    PublishedCommitment, PublishedContract, PublishedIndicator, Publication,
)
from svdesk.domain.dates import format_date
from svdesk.domain.ratings import APPROACHING, GOOD, INADEQUATE, NOT_RATED, REQUIRES_IMPROVEMENT
from svdesk.domain.tenders import format_number

TEXT, PAPER, ACCENT, MUTED, HEAD_BG, LINK = "#1a1a1a", "#ffffff", "#1f5f5b", "#4d4d4d", "#e6efee", "#1a4f8a"
# Rating badges: (text, background).
BADGES = {
    GOOD: ("#ffffff", "#1e6b3a"),
    APPROACHING: ("#1a1a1a", "#ffe08a"),
    REQUIRES_IMPROVEMENT: ("#1a1a1a", "#ffc9a8"),
    INADEQUATE: ("#ffffff", "#a4262c"),
    NOT_RATED: ("#1a1a1a", "#e8e8e8"),
}
# Every (text, background) pair on the page; bars are drawn in ACCENT on PAPER.
COLOUR_PAIRS = [(TEXT, PAPER), (ACCENT, PAPER), (MUTED, PAPER), (TEXT, HEAD_BG), (LINK, PAPER), (PAPER, ACCENT),
                *BADGES.values()]

def _slug(word: str) -> str:
    return word.lower().replace(" ", "-")


_CSS = f"""
*{{box-sizing:border-box}}
body{{margin:0;background:{PAPER};color:{TEXT};font-family:system-ui,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;
line-height:1.5;font-size:1rem}}
main{{max-width:52rem;margin:0 auto;padding:1rem}}
h1,h2,h3,h4{{color:{ACCENT};line-height:1.25}}
h1{{font-size:1.7rem;margin:.5rem 0}}h2{{font-size:1.35rem;margin-top:2rem;border-bottom:2px solid {ACCENT}}}
h3{{font-size:1.15rem;margin-top:1.5rem}}h4{{font-size:1rem;margin:1.2rem 0 .3rem}}
a{{color:{LINK}}}
.note{{color:{MUTED};font-size:.92rem}}
.scroll{{overflow-x:auto;margin:.5rem 0}}
table{{border-collapse:collapse;width:100%}}
th,td{{border:1px solid {MUTED};padding:.3rem .5rem;text-align:left;vertical-align:top}}
thead th{{background:{HEAD_BG}}}
td.num,th.num{{text-align:right;font-variant-numeric:tabular-nums}}
caption{{text-align:left;font-weight:bold;padding:.3rem 0}}
.badge{{display:inline-block;padding:.05rem .45rem;border-radius:.3rem;font-weight:bold}}
{"".join(f".r-{_slug(word)}{{color:{fg};background:{bg}}}" for word, (fg, bg) in BADGES.items())}
figure{{margin:.8rem 0}}
svg{{width:100%;max-width:34rem;height:auto}}
dl{{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}}dt{{font-weight:bold}}dd{{margin:0}}
@media (max-width:36rem){{main{{padding:.6rem}}h1{{font-size:1.4rem}}dl{{grid-template-columns:1fr}}
dd{{margin-bottom:.4rem}}th,td{{padding:.25rem .3rem}}}}
@media print{{main{{max-width:none;padding:0}}.scroll{{overflow:visible}}h2,h3,h4{{break-after:avoid}}
table,figure,section{{break-inside:avoid}}a[href^="http"]::after{{content:" (" attr(href) ")"}}}}
""".strip()



def _e(text) -> str:
    return escape(str(text), quote=True)


def _num(value) -> str:
    return "—" if value is None else format_number(value)


def render_publication_html(publication: Publication) -> str:
    org = publication.organisation
    title = f"{org.name}: social value commitments and progress"
    parts = [f"<h1>{_e(title)}</h1>",
             f"<p class=\"note\">Published on {_e(format_date(publication.made_on))}. The figures are as recorded "
             f"by {_e(org.name)} on that date.</p>",
             _about(publication)]
    if publication.statement is not None:
        statement = publication.statement
        paragraphs = "".join(f"<p>{_e(p)}</p>" for p in statement.text.split("\n") if p.strip())
        parts.append(f"<h2>Our social value statement</h2>{paragraphs}"
                     f"<p class=\"note\">Agreed on {_e(format_date(statement.agreed_on))}.</p>")
    if publication.indicators:
        parts.append("<h2>What we measure</h2>")
        parts += [_indicator(indicator, number) for number, indicator in enumerate(publication.indicators, start=1)]
    if publication.contracts:
        parts.append("<h2>Our contracts: what we promised and what we have delivered</h2>")
        parts += [_contract(contract, number) for number, contract in enumerate(publication.contracts, start=1)]
        parts.append(f"<h2>How the ratings are worked out</h2><p>{_e(publication.rating_rule)}</p>")
    parts.append(_files(publication))
    body = "\n".join(parts)
    return (f"<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_e(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def _about(publication: Publication) -> str:
    org = publication.organisation
    rows = [("Name", _e(org.name)), ("Legal form", _e(org.legal_form))]
    if org.company_number:
        rows.append(("Company number", _e(org.company_number)))
    if org.area_served:
        rows.append(("Area we serve", _e(org.area_served)))
    if org.website:
        href = org.website if org.website.lower().startswith(("http://", "https://")) else f"https://{org.website}"
        rows.append(("Website", f"<a href=\"{_e(href)}\">{_e(org.website)}</a>"))
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f"<h2>About us</h2><dl>{items}</dl>"


def _indicator(indicator: PublishedIndicator, number: int) -> str:
    out = [f"<h3>{_e(indicator.name)}</h3>"]
    if indicator.outcome:
        out.append(f"<p>{_e(indicator.outcome)}</p>")
    latest = indicator.latest
    if latest is None:
        out.append("<p>No figures recorded yet.</p>")
        return "<section>" + "".join(out) + "</section>"
    so_far = "" if latest.complete else " so far"
    out.append(f"<p><strong>{_e(latest.label)}{so_far}: {_e(latest.text)}</strong>"
               + (f" (target {_e(indicator.target_text)}"
                  + (f" by {_e(format_date(indicator.target_date))}" if indicator.target_date else "") + ")"
                  if indicator.target_text else "") + "</p>")
    out.append(_chart(indicator, f"chart-{number}"))
    rows = "".join(
        f"<tr><th scope=\"row\">{_e(year.label)}</th><td class=\"num\">{_e(year.text) or '—'}</td>"
        f"<td>{'whole year' if year.complete else 'so far (not all of the year recorded)'}</td>"
        f"<td class=\"num\">{year.readings}</td></tr>" for year in indicator.years)
    out.append(f"<div class=\"scroll\"><table><caption>{_e(indicator.name)}: figure for each year</caption>"
               f"<thead><tr><th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">{_e(indicator.unit_label)}</th>"
               f"<th scope=\"col\">Covers</th><th scope=\"col\" class=\"num\">Readings</th></tr></thead>"
               f"<tbody>{rows}</tbody></table></div>")
    out.append(f"<p class=\"note\">{_e(indicator.aggregation)}</p>")
    # A section per indicator so a printout keeps its heading, chart and table on one page.
    return "<section>" + "".join(out) + "</section>"


def _chart(indicator: PublishedIndicator, ident: str) -> str:
    """Bars, one per year; a year not yet fully recorded is drawn hollow and labelled "so far"."""
    years = [year for year in indicator.years if year.value is not None]
    if not years:
        return ""
    part = not all(year.complete for year in years)
    width, height, left, bottom, top = 480, 240 + 17 * part, 10, 36 + 17 * part, 26
    step = (width - 2 * left) / len(years)
    # Labels are never cut or run into each other: many years get smaller type (about 0.6 em a
    # character in the sans-serif fonts a browser picks), and "so far" its own line.
    label_size = max(7, min(15, (step - 6) / (0.6 * max(len(year.label) for year in years))))
    value_size = max(7, min(15, (step - 6) / (0.6 * max(len(year.text) for year in years))))
    bar = min(step * 0.6, 90)
    peak = max([year.value for year in years] + [indicator.target or 0]) or 1.0
    scale = (height - bottom - top) / peak
    description = "; ".join(f"{year.label}{'' if year.complete else ' (so far)'}: {year.text}" for year in years)
    shapes = []
    for index, year in enumerate(years):
        x = left + index * step + (step - bar) / 2
        h = max(year.value * scale, 1)
        y = height - bottom - h
        fill = ACCENT if year.complete else PAPER
        shapes.append(f"<rect x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"{bar:.1f}\" height=\"{h:.1f}\" fill=\"{fill}\" "
                      f"stroke=\"{ACCENT}\" stroke-width=\"2\"/>")
        centre = x + bar / 2
        shapes.append(f"<text x=\"{centre:.1f}\" y=\"{y - 6:.1f}\" text-anchor=\"middle\" fill=\"{TEXT}\" "
                      f"font-size=\"{value_size:.1f}\">{_e(year.text)}</text>")
        so_far = "" if year.complete else f"<tspan x=\"{centre:.1f}\" dy=\"17\">so far</tspan>"
        shapes.append(f"<text x=\"{centre:.1f}\" y=\"{height - bottom + 20:.1f}\" text-anchor=\"middle\" "
                      f"fill=\"{TEXT}\" font-size=\"{label_size:.1f}\">{_e(year.label)}{so_far}</text>")
    axis = (f"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - left}\" y2=\"{height - bottom}\" "
            f"stroke=\"{TEXT}\" stroke-width=\"1\"/>")
    title = f"{indicator.name}: figure for each year"
    hollow = "" if all(year.complete for year in years) else " A hollow bar is a year not yet fully recorded."
    return (f"<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" "
            f"aria-labelledby=\"{ident}-title {ident}-desc\" font-family=\"system-ui,'DejaVu Sans',Arial,sans-serif\">"
            f"<title id=\"{ident}-title\">{_e(title)}</title><desc id=\"{ident}-desc\">{_e(description)}</desc>"
            f"{axis}{''.join(shapes)}</svg>"
            f"<figcaption class=\"note\">Bar chart of the table below.{hollow}</figcaption></figure>")


def _contract(contract: PublishedContract, number: int) -> str:
    out = [f"<h3>{_e(contract.title)}</h3>"]
    facts = []
    if contract.buyer:
        facts.append(f"For {_e(contract.buyer)}")
    if contract.reference:
        facts.append(f"reference {_e(contract.reference)}")
    if contract.start and contract.end:
        facts.append(f"contract {_e(format_date(contract.start))} to {_e(format_date(contract.end))}")
    if facts:
        out.append(f"<p>{', '.join(facts)}.</p>")
    if not contract.commitments:
        out.append("<p>No commitments were recorded for this contract.</p>")
    out += [_commitment(commitment, f"{number}.{commitment.number}") for commitment in contract.commitments]
    return "".join(out)


def _commitment(commitment: PublishedCommitment, label: str) -> str:
    rating = commitment.rating
    promise = [f"<h4>{_e(label)} {_e(commitment.promise)}</h4>"]
    what = []
    if commitment.for_whom:
        what.append(f"For {_e(commitment.for_whom)}.")
    unit = f" {_e(commitment.unit)}" if commitment.unit else ""
    if commitment.per_year is not None:
        what.append(f"We promised {_e(_num(commitment.per_year))}{unit} "
                    + ("a year" if commitment.summable else "each year") + ".")
    if commitment.over_contract is not None:
        what.append(f"Over the contract: {_e(_num(commitment.over_contract))}{unit}.")
    if what:
        promise.append(f"<p>{' '.join(what)}</p>")
    promise.append(f"<p><strong>Delivered so far:</strong> {_e(commitment.summary)}</p>")
    promise.append(f"<p><strong>Rating:</strong> <span class=\"badge r-{_slug(rating.label)}\">{_e(rating.label)}"
                   f"</span> {_e(rating.reason)}</p>")
    if commitment.years:
        rows = "".join(
            f"<tr><th scope=\"row\">Year {year.number}</th><td>{_e(format_date(year.start))} – "
            f"{_e(format_date(year.end))}</td><td class=\"num\">{_e(_num(year.promised))}</td>"
            f"<td class=\"num\">{_e(_num(year.delivered))}</td><td>{_e(year.status)}</td></tr>"
            for year in commitment.years)
        promise.append(
            f"<div class=\"scroll\"><table><caption>{_e(commitment.promise)}: promised and delivered each contract "
            f"year</caption><thead><tr><th scope=\"col\">Contract year</th><th scope=\"col\">Dates</th>"
            f"<th scope=\"col\" class=\"num\">Promised</th><th scope=\"col\" class=\"num\">Delivered</th>"
            f"<th scope=\"col\">Status</th></tr></thead><tbody>{rows}</tbody></table></div>")
    return "<section>" + "".join(promise) + "</section>"


def _files(publication: Publication) -> str:
    licence = publication.licence
    return (f"<h2>About this page and its data</h2><p>This page was made by {_e(publication.organisation.name)} "
            f"with svdesk on {_e(format_date(publication.made_on))}. The same figures are in the files beside it: "
            "commitments.csv, progress.csv, indicators.csv and data.json (described in README.txt). "
            "No personal information is published: no stories, quotes, names, photos or consultation notes.</p>"
            f"<p>You may reuse this information under the <a href=\"{_e(licence.url)}\">{_e(licence.name)}</a>.</p>")
