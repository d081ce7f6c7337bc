"""Everything the year's report and impact summary are drawn from, gathered in one place.

This is the only module that reads other capabilities (statement, measures, stories,
consultations), each through its published repository call, so the drafting code works on plain
facts and the consent rule is applied exactly once: a story that its consent does not cover is
never in ``stories``; it is only named (title and reason) in ``excluded``, for the checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from svdesk.domain.consent import Use
from svdesk.domain.dates import format_date
from svdesk.domain.financial_year import FinancialYear, year_containing
from svdesk.compose.year_stories import YearStories


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's figure for the year, in words, with its target and baseline."""

    indicator_id: str
    name: str
    value_text: str
    value: float | None
    period_text: str = ""
    target_text: str = ""
    target: float | None = None
    verdict: str = ""
    baseline_text: str = ""
    incomplete_note: str = ""
    who_benefits: str = ""
    unit: str = ""
    rule: str = ""            # how its readings were combined (svdesk.domain.counting.rule_name)
    headline: str = ""        # a big number when there is no single figure ('10–12')
    headline_words: str = ""  # what that number counts
    contribution: str = ""    # what others also did, in the person's words


@dataclass(frozen=True)
class Excluded:
    """A story of the year that the report may not tell. ``fragments`` (its title and the
    opening of its texts) are only used to notice it in text the person edited; never printed."""

    story_id: str
    title: str
    reason: str
    fragments: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearSources:
    year: FinancialYear
    statement_text: str = ""
    statement_short: str = ""
    statement_label: str = ""
    statement_agreed: bool = False
    results: tuple[IndicatorResult, ...] = ()
    no_readings: tuple[str, ...] = ()  # names of active indicators with nothing in the year
    indicator_count: int = 0
    stories: Sequence = ()  # UsableStory, rendered at the level consent allows (YearStories)
    excluded: tuple[Excluded, ...] = ()
    consultations: tuple = ()


def year_stories(workspace, year: FinancialYear, uses: tuple[Use, ...], on_date: dt.date, left_out: bool = True):
    """(usable, excluded) for the stories dated in ``year``. A story is usable only when its
    consent covers EVERY one of ``uses`` on ``on_date``; it is rendered at the least identifying
    level among them, when first read (``YearStories``). Without ``left_out``, excluded is empty
    (last year's report, drafted only to compare this year's with, never lists them)."""
    # Only the year's stories are read: a file of twenty years of stories would otherwise render
    # every one of them for each report.
    stories = YearStories.gather(workspace, year, uses, on_date)
    if not left_out:
        return stories, []
    left_out, seen = [], set()
    for use in uses:
        for summary, decision in workspace.stories.decisions_in(use, on_date, date_from=year.start,
                                                                date_to=year.end):
            if decision.allowed or summary.story_date is None or not year.contains(summary.story_date):
                continue
            if summary.id in seen:
                continue
            seen.add(summary.id)
            reason = decision.reasons[0] if decision.reasons else "Its consent does not cover this use."
            left_out.append((summary.id, summary.title or "Untitled story", reason))
    # One query for the openings of every story left out (not one per story: hundreds a year).
    openings = workspace.stories.openings([story_id for story_id, _title, _reason in left_out])
    excluded = [Excluded(story_id, title, reason, openings.get(story_id, ()))
                for story_id, title, reason in left_out]
    # Stories in the bin are not in the decisions above, but their words may have been copied
    # into an edited part before they were removed.
    for story in workspace.stories.removed(date_from=year.start, date_to=year.end):
        if story.id in seen or story.story_date is None or not year.contains(story.story_date):
            continue
        seen.add(story.id)
        excluded.append(Excluded(story.id, story.title or "Untitled story", "The story is in the bin.",
                                 _fragments_of(story)))
    return stories, excluded


def _fragments_of(story) -> tuple[str, ...]:
    return (story.title, story.quote[:80], story.after[:80], story.what_we_did[:80], story.before[:80])


def indicator_results(workspace, year: FinancialYear) -> tuple[list[IndicatorResult], list[str], int]:
    """Each active indicator's figure for ``year``, by its counting rule (svdesk.domain.counting)."""
    from svdesk.domain.counting import added_up, score_change, yearly_target
    from svdesk.domain.measures import Direction

    results, missing = [], []
    active = workspace.indicators.active()
    year_end = workspace.organisation.get().year_end
    for indicator in active:
        figures = workspace.indicators.year_totals(indicator.id)
        totals = [total for total in figures if total.year == year]
        total = totals[0] if totals else None
        if total is None:
            missing.append(indicator.name)
            continue
        show = indicator.show
        # People taking part without a yearly count have no single figure: the range is stated, never a sum.
        value = float(total.value) if total.value is not None else None
        target = float(indicator.target_value) if indicator.target_value is not None else None
        target_text, verdict = "", ""
        if target is not None:
            if yearly_target(indicator):
                target_text = f"{show(indicator.target_value)} a year"
            else:
                target_text = show(indicator.target_value, short=indicator.unit.value == "score")
                if indicator.target_date and indicator.target_date > year.end:
                    target_text += f" by {format_date(indicator.target_date)}"
            higher = indicator.direction is Direction.HIGHER
            if value is None:
                verdict = "no yearly count of different people to compare with the target"
            elif total.qualifier and added_up(indicator):
                # A part-year total is not a shortfall: it is compared with nothing until the year is whole.
                verdict = "target met" if higher and value >= target else f"part year ({total.qualifier})"
            elif (value >= target if higher else value <= target):
                verdict = "target met"
            elif added_up(indicator) and target > 0 and higher:
                verdict = f"{round(100 * value / target)} % of the target"
            elif indicator.target_date and indicator.target_date > year.end:
                verdict = "working towards it"
            else:
                verdict = "target not met"
        baseline_text = ""
        if indicator.baseline_value is not None:
            baseline_text = show(indicator.baseline_value, short=indicator.unit.value == "score")
            if indicator.baseline_date:
                when = (year_containing(indicator.baseline_date, year_end).label if yearly_target(indicator)
                        else format_date(indicator.baseline_date))
                baseline_text += f" ({when})"
        change = score_change(indicator, [f for f in figures if f.year <= year])
        if change:
            baseline_text = f"{baseline_text}; {change}" if baseline_text else change
        results.append(IndicatorResult(
            indicator_id=indicator.id, name=indicator.name, value_text=total.text, value=value,
            period_text=total.period_text, target_text=target_text, target=target, verdict=verdict,
            baseline_text=baseline_text, who_benefits=getattr(indicator, "who_benefits", "") or "",
            unit=indicator.unit.value, rule=total.rule, contribution=indicator.contribution,
            headline=total.headline, headline_words=total.headline_words,
        ))
    return results, missing, len(active)


def gather(workspace, year: FinancialYear, on_date: dt.date,
           uses: tuple[Use, ...] = (Use.PUBLIC_REPORTS,), left_out: bool = True) -> YearSources:
    agreed = workspace.statements.current_agreed(as_of=year.end)  # as it stood that year, not as reworded since
    results, missing, count = indicator_results(workspace, year)
    stories, excluded = year_stories(workspace, year, uses, on_date, left_out)
    consultations = workspace.consultations.between(year.start, year.end)
    return YearSources(
        year=year,
        statement_text=agreed.full_text if agreed else "",
        statement_short=agreed.short_text if agreed else "",
        statement_label=agreed.label if agreed else "",
        statement_agreed=agreed is not None,
        results=tuple(results), no_readings=tuple(missing), indicator_count=count,
        stories=stories, excluded=tuple(excluded), consultations=tuple(consultations),
    )
