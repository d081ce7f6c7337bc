"""A report renders only the stories it looks at (YearStories), lists and ranks them exactly as
the rendered stories would be, and writes its use log in one transaction."""

import datetime as dt

import pytest

from svdesk.compose.cic34 import draft_report
from svdesk.compose.summary import draft_summary
from svdesk.compose.year_stories import YearStories
from svdesk.domain import stories as story_rules
from svdesk.domain.consent import ConsentRefused, IdLevel, Use
from svdesk.domain.financial_year import FinancialYear
from svdesk.services.exports import export_report

from tests.compose.test_cic34 import add_story

YEAR = FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
TODAY = dt.date(2026, 11, 22)
USES = (Use.PUBLIC_REPORTS, Use.WEBSITE_SOCIAL)


@pytest.fixture
def year_of_stories(workspace):
    """Twelve stories of the year, some naming the person in the title, at each level; some
    without a quote or an "after"; plus stories of other years and without consent."""
    both = (Use.PUBLIC_REPORTS, Use.WEBSITE_SOCIAL)
    for number in range(12):
        level = (IdLevel.NAMED, IdLevel.FIRST_NAME, IdLevel.ANONYMOUS)[number % 3]
        add_story(workspace, f"Łukasz Nowak fixes bike {number}" if number % 2 else f"Workshop day {number}",
                  uses=both if number % 4 else (Use.PUBLIC_REPORTS,), level=level, name="Łukasz Nowak",
                  when=dt.date(2025, 5 + number % 7, 1 + number), quote="" if number % 5 == 0 else "Nowak said yes.",
                  after="" if number % 3 == 0 else "Łukasz now volunteers.")
    add_story(workspace, "Last year's story", when=dt.date(2024, 6, 1), uses=both)
    add_story(workspace, "No consent", uses=())
    return workspace


def rendered_all(workspace, uses):
    """What the report's stories were before they were rendered lazily: every usable story,
    rendered, at the least identifying level among the uses, newest first."""
    sets = [{story.story_id: story for story in workspace.stories.usable_for(
        use, TODAY, date_from=YEAR.start, date_to=YEAR.end)} for use in uses]
    common = set(sets[0]).intersection(*sets[1:])
    stories = [min((found[story_id] for found in sets), key=lambda story: story.level.rank) for story_id in common]
    return sorted(stories, key=lambda story: (story.story_date, story.title), reverse=True)


@pytest.mark.parametrize("uses", [(Use.PUBLIC_REPORTS,), USES])
def test_the_years_stories_are_the_rendered_stories_listed_in_the_same_order(year_of_stories, uses):
    stories = YearStories.gather(year_of_stories, YEAR, uses, TODAY)
    expected = rendered_all(year_of_stories, uses)
    assert list(stories) == expected
    assert [(entry.story_id, entry.level, entry.title) for entry in stories.entries] == [
        (story.story_id, story.level, story.title) for story in expected]
    for entry, story in zip(stories.entries, expected):
        assert entry.has_after == bool(story.after.strip()) and entry.has_quote == bool(story.quote.strip())
        assert entry.has_indicators == bool(story.indicator_ids)
    assert any("[name removed]" in entry.title for entry in stories.entries)  # titles as printed


def test_highlights_and_the_leaflet_render_only_what_they_print(year_of_stories, monkeypatch):
    calls = []
    real = story_rules._render.__wrapped__
    monkeypatch.setattr(story_rules, "_render", lambda *args: calls.append(args[0].id) or real(*args))
    summary = draft_summary(year_of_stories, YEAR, TODAY)
    assert len(summary.stories) == 2 and len(calls) == 2  # two printed, two rendered
    calls.clear()
    report = draft_report(year_of_stories, YEAR, TODAY, with_checks=False)
    assert len(calls) == 3 and len(report.sources.stories) == 12  # the three highlights only
    expected = sorted(rendered_all(year_of_stories, (Use.PUBLIC_REPORTS,)), key=lambda story: (
        not story.after.strip(), not story.quote.strip(), not story.indicator_ids))[:3]
    assert [story.story_id for story in report.sources.stories.best(
        3, lambda e: (not e.has_after, not e.has_quote, not e.has_indicators))] == [s.story_id for s in expected]


def test_a_story_whose_consent_is_withdrawn_after_listing_is_not_rendered(year_of_stories):
    stories = YearStories.gather(year_of_stories, YEAR, (Use.PUBLIC_REPORTS,), TODAY)
    first = stories.entries[0]
    year_of_stories.stories.withdraw(first.story_id, dt.date(2026, 11, 1))
    assert first.story_id not in {story.story_id for story in stories}


def test_the_use_log_of_an_export_is_one_transaction(year_of_stories, tmp_path):
    for what in ("consultation", "pay", "transfers"):  # the parts the form needs, else no export
        year_of_stories.cic34_none.confirm(YEAR.end, what, TODAY)
    writes = []
    year_of_stories.file.add_listener(writes.append)
    outcome = export_report(year_of_stories, YEAR, "txt", tmp_path / "r.txt", TODAY)
    assert writes == ["story use"]
    assert any("recorded in the stories' use log" in note for note in outcome.notes)


def test_a_refused_story_writes_nothing_to_the_use_log(year_of_stories):
    repo = year_of_stories.stories
    allowed = repo.usable_levels(Use.PUBLIC_REPORTS, TODAY)
    refused = repo.new("Not ready, no consent")
    with pytest.raises(ConsentRefused):
        repo.record_uses([*allowed, (refused.id, IdLevel.ANONYMOUS)], (Use.PUBLIC_REPORTS,), "Report", TODAY)
    assert all(repo.uses_of(story_id) == [] for story_id, _level in allowed)
    assert repo.record_uses(allowed, (Use.PUBLIC_REPORTS,), "Report", TODAY) == len(allowed)
    assert [use.level for use in repo.uses_of(allowed[0][0])] == [allowed[0][1]]


def test_the_stories_an_edited_report_tells_are_found_rendering_only_those(year_of_stories, monkeypatch):
    """Issue 17: the report's stories used were found by rendering every story of the year (hundreds
    in a big file); now only the stories the text tells are rendered, and the answer is the same."""
    from svdesk.compose.cic34 import _story_in
    from svdesk.compose.parttext import normalise
    from svdesk.domain.cic34 import Part

    every = rendered_all(year_of_stories, (Use.PUBLIC_REPORTS,))
    named = next(story for story in every if "[name removed]" in story.title and len(story.title) >= 12)
    quoted = next(story for story in every if story.quote and story.story_id != named.story_id)
    text = (f"This year: {named.title}. As one trainee put it, “{quoted.quote}” "
            "And Łukasz Nowak fixes bike 1, as the printed title never says.")
    year_of_stories.cic34.save_part_text(YEAR.end, Part.ACTIVITIES, text, "")
    report = draft_report(year_of_stories, YEAR, TODAY, with_checks=False)
    calls = []
    real = story_rules._render.__wrapped__
    monkeypatch.setattr(story_rules, "_render", lambda *args: calls.append(args[0].id) or real(*args))
    used = report.stories_used()
    expected = [story for story in every if _story_in(normalise(text), story)]
    assert [story.story_id for story in used] == [story.story_id for story in expected]
    assert used == expected and named in used and quoted in used
    assert calls and set(calls) <= {story.story_id for story in used} and len(used) < len(every)  # only those told
