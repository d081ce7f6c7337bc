"""The impact summary: a one- or two-page leaflet for funders, customers and the website.

    summary = draft_summary(workspace, year)     # what goes in, and notes for the person
    summary.document()                           # -> Document (rendered to PDF)

It holds the agreed statement, each indicator's year against its target (headline figures and a
chart of the recent years), and one or two stories whose consent covers BOTH public reports and
the website — the leaflet is printed and put online — told at the least identifying level either
use allows, with a quote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from svdesk.compose.cic34_sources import YearSources, gather
from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figure, Figures, Heading, Paragraph, Quote, Series,
)
from svdesk.compose.parttext import first_sentences
from svdesk.domain.consent import Use
from svdesk.domain import dates
from svdesk.domain.dates import MONTH_NAMES as MONTHS
from svdesk.domain.dates import format_date
from svdesk.domain.financial_year import FinancialYear
from svdesk.domain.organisation import Organisation
from svdesk.domain.textsafe import clean_line, clean_text

SUMMARY_USES = (Use.PUBLIC_REPORTS, Use.WEBSITE_SOCIAL)
MAX_STORIES = 2
CHART_YEARS = 4


@dataclass(frozen=True)
class IndicatorChart:
    indicator_id: str
    name: str
    chart: ChartSpec


@dataclass(frozen=True)
class Summary:
    organisation: Organisation
    year: FinancialYear
    today: dt.date
    sources: YearSources
    charts: tuple[IndicatorChart, ...] = ()
    stories: tuple = ()  # the featured UsableStory objects
    chosen_by_person: bool = False
    notes: tuple[str, ...] = field(default=())

    def document(self) -> Document:
        return summary_document(self)

    @property
    def file_stem(self) -> str:
        safe = "".join(ch for ch in self.organisation.name if ch.isalnum() or ch in " -_").strip() or "Impact"
        return f"{safe} impact summary {self.year.label.replace('/', '-')}"


def indicator_charts(workspace, year: FinancialYear) -> list[IndicatorChart]:
    """Each active indicator as bars of its recent years, with its target (and baseline) line.

    Bars are the year figures of svdesk.domain.counting; a part year says so on its bar, and
    people taking part with no yearly count have no bar (their readings are never added up)."""
    from svdesk.domain.counting import rule_name, yearly_target

    charts = []
    for indicator in workspace.indicators.active():
        totals = [total for total in workspace.indicators.year_totals(indicator.id)
                  if total.year.end <= year.end and total.value is not None]
        totals = totals[-CHART_YEARS:]
        if not totals or totals[-1].year != year:
            continue
        points = tuple((total.year.label + _bar_note(total.qualifier), float(total.value)) for total in totals)
        target = float(indicator.target_value) if indicator.target_value is not None else None
        baseline = float(indicator.baseline_value) if indicator.baseline_value is not None else None
        caption = f"Each bar is one financial year ({rule_name(indicator)})."
        part = [total for total in totals if total.qualifier]
        if part:
            caption += f" {part[-1].year.label} is a part year ({part[-1].qualifier})"
            caption += ", so its bar is not a shortfall." if yearly_target(indicator) else "."
        charts.append(IndicatorChart(indicator.id, indicator.name, ChartSpec(
            title=indicator.name, kind="bar", series=(Series(year.label, points),), target=target,
            baseline=baseline, unit=_chart_unit(indicator), caption=caption,
        )))
    return charts


def _bar_note(qualifier: str) -> str:
    """' so far' only for a year still under way; an ended year with months missing is a part year."""
    if not qualifier:
        return ""
    return " so far" if qualifier.startswith("so far") else " (part)"


def _chart_unit(indicator) -> str:
    """The short unit a chart prints beside its values ('%', '£', 'people', 'hours')."""
    from svdesk.domain.counting import unit_name
    from svdesk.domain.measures import Unit

    if indicator.unit in (Unit.PERCENTAGE, Unit.MONEY):
        return {Unit.PERCENTAGE: "%", Unit.MONEY: "£"}[indicator.unit]
    if indicator.unit is Unit.HOURS:
        return "hours"
    if indicator.unit is Unit.SCORE:
        return f"on {indicator.scale.span}"
    # A bar is a year's figure: the per-period words of a headcount do not belong on it.
    return unit_name(indicator).removesuffix(f" in a {indicator.frequency.noun}")


def draft_summary(workspace, year: FinancialYear, today: dt.date | None = None) -> Summary:
    today = today or dates.today()
    organisation = workspace.organisation.get()
    from svdesk.compose.cic34 import not_before_incorporation

    not_before_incorporation(organisation, year, "impact summary")
    sources = gather(workspace, year, today, SUMMARY_USES)
    charts = indicator_charts(workspace, year)
    chosen_ids = workspace.cic34.summary_story_ids(year.end)
    notes = []
    if chosen_ids is not None:
        stories = _with_ids(sources.stories, chosen_ids)
        missing = len(chosen_ids) - len(stories)
        if missing:
            notes.append(f"{missing} of the stories you chose can no longer be used (their consent no longer "
                         "covers public reports and the website, or they were removed), so they are left out.")
    else:
        stories = _pick(sources.stories)
    if not sources.statement_agreed:
        notes.append("Your statement is not agreed yet, so the summary has no statement: agree it on the Our "
                     "statement page.")
    if not charts:
        notes.append(f"No indicator has readings for {year.label}, so the summary has no charts.")
    if not stories:
        notes.append(f"No story from {year.label} has consent for public reports and the website, so the "
                     "summary has no story.")
    for item in sources.excluded:
        notes.append(f"The story “{item.title}” is left out: {item.reason[:1].lower() + item.reason[1:]}")
    return Summary(organisation, year, today, sources, tuple(charts), tuple(stories[:MAX_STORIES]),
                   chosen_ids is not None, tuple(notes))


def _with_ids(stories, story_ids) -> list:
    if hasattr(stories, "with_ids"):  # the year's stories (YearStories): only these are rendered
        return stories.with_ids(story_ids)
    by_id = {story.story_id: story for story in stories}
    return [by_id[story_id] for story_id in story_ids if story_id in by_id]


def _pick(stories) -> list:
    """Stories with a quote first (a leaflet wants a voice), then an "after", newest first."""
    if hasattr(stories, "best"):  # the year's stories (YearStories): ranked before any is rendered
        return stories.best(MAX_STORIES, lambda entry: (not entry.has_quote, not entry.has_after))
    ranked = sorted(stories, key=lambda story: (not story.quote.strip(), not story.after.strip()))
    return ranked[:MAX_STORIES]


def summary_document(summary: Summary) -> Document:
    org, year, sources = summary.organisation, summary.year, summary.sources
    blocks: list = []
    if sources.statement_short:
        blocks.append(Paragraph(clean_line(sources.statement_short), "lead"))
    if sources.statement_text and _differs(sources.statement_text, sources.statement_short):
        for line in clean_text(sources.statement_text).split("\n"):
            if line.strip():
                blocks.append(Paragraph(line.strip()))
    if sources.results:
        blocks.append(Heading(1, "Our year in numbers"))
        blocks.append(Figures(tuple(_figure(result) for result in sources.results)))
    if summary.charts:
        blocks.append(Heading(1, "Progress against our targets"))
        for chart in summary.charts:
            blocks.append(chart.chart)
    if summary.stories:
        blocks.append(Heading(1, "In their words" if len(summary.stories) == 1 else "Stories from the year"))
        for story in summary.stories:
            blocks += _story_blocks(story)
    listened = _listening_items(sources.consultations)
    if listened:
        blocks.append(Heading(1, "We listened, and changed"))
        blocks.append(BulletList(listened))
    blocks.append(Heading(1, "About this summary"))
    blocks.append(Paragraph(_small_print(summary), "note"))
    meta = [f"{format_date(year.start)} to {format_date(year.end)}"]
    where = " · ".join(part for part in (clean_line(org.area_served), clean_line(org.website)) if part)
    if where:
        meta.append(where)
    return Document(
        title=org.name or "Our impact", subtitle=f"Our impact in {year.label}", meta=tuple(meta),
        blocks=tuple(blocks), footer=f"{org.name} · Impact summary {year.label}", author=org.name,
        keywords=("impact summary", "social value", year.label), layout="leaflet",
    )


def _differs(full: str, short: str) -> bool:
    return " ".join(full.split()).casefold() != " ".join(short.split()).casefold()


def _figure(result) -> Figure:
    label = clean_line(result.name)
    if result.headline:
        # No single figure (people taking part, never added up): the range, and what it counts.
        label = f"{result.headline_words} — {label}"
    if result.period_text and "(" in result.period_text:
        label += " " + result.period_text[result.period_text.index("("):]
    if result.target_text:
        label += f" — target {result.target_text}"
    return Figure(result.headline or result.value_text, label)


def _story_blocks(story) -> list:
    blocks = [Heading(2, clean_line(story.title))]
    summary = first_sentences(story.after, 3, 420) or first_sentences(story.what_we_did, 3, 420)
    if story.before.strip() and story.after.strip():
        before = first_sentences(story.before, 1, 200)
        summary = f"{before} {summary}" if before else summary
    if summary:
        blocks.append(Paragraph(summary))
    quote = first_sentences(story.quote, 3, 360).strip("“”\"")
    if quote:
        blocks.append(Quote(quote, clean_line(story.who)))
    return blocks


def _listening_items(consultations, most: int = 3) -> list[str]:
    """'Jun 2025 — we asked service users through a survey (23 people): we opened on Saturdays.'"""
    items = []
    for item in consultations:
        changed = " ".join(clean_text(item.changed).split())
        if not changed:
            continue
        when = f"{MONTHS[item.held_on.month - 1]} {item.held_on.year}" if item.held_on else ""
        people = f" ({item.people:,} people)" if item.people else ""
        who = item.who_text() or "our stakeholders"
        text = f"we asked {who} through {item.how_text()}{people}. {changed}"
        text = text if text.endswith((".", "!", "?")) else text + "."
        items.append(f"{when} — {text}" if when else text[:1].upper() + text[1:])
    return items[-most:]


def _small_print(summary: Summary) -> str:
    org = summary.organisation
    parts = [f"Figures are from our own records for {summary.year.label} "
             f"({format_date(summary.year.start)} to {format_date(summary.year.end)}){_how_counted(summary)}."]
    # The whole note, in the person's words: the page wraps it, nothing is cut off.
    helped = [f"{clean_line(result.name)}: {' '.join(clean_text(result.contribution).split())}"
              for result in summary.sources.results if clean_text(result.contribution).strip()]
    if helped:
        # Others share the credit: the leaflet says who, in the person's own words.
        parts.append("Others helped too. " + " ".join(
            text if text.endswith((".", "!", "?", "…")) else text + "." for text in helped))
    if summary.stories:
        parts.append("Stories are shared with the permission of the people in them.")
    label = summary.sources.statement_label
    if label:
        parts.append(f"Our statement was {label[:1].lower() + label[1:]}.")
    if org.company_number:
        parts.append(f"{org.name}, company number {org.company_number}.")
    if org.website:
        parts.append(f"Find out more at {clean_line(org.website)}.")
    return " ".join(parts)


def _how_counted(summary: Summary) -> str:
    """': totals of what was counted, the latest percentage' — the rules the figures really used."""
    words = {"added up": "totals of what was counted", "attendances added up": "totals of attendances",
             "new people added up": "totals of new people",
             "people taking part, never added up across periods": "people taking part, never added up across months",
             "the latest reading": "the latest level or percentage",
             "the average of the readings": "averages of scores, each on its scale"}
    used = []
    for result in summary.sources.results:
        word = words.get(result.rule, result.rule)
        if word and word not in used:
            used.append(word)
    return ": " + "; ".join(used) if used else ""

