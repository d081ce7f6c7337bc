"""The stories of one financial year that a report may tell, rendered only when looked at.

A report prints a handful of a year's stories (three highlights, two in the leaflet) but must
know them all: to choose, to list them for the person, and to notice which of them an edited
part still tells. With tens of thousands of stories a year holds hundreds, and rendering each
one (every word checked against the person's names) was most of a report's time. So the year's
stories are decided (the consent rule, for every use), listed and ordered from a few short
columns, and a story's text is read and rendered the first time something asks for it, in one
batch with the others asked for at once.

    stories = YearStories.gather(workspace, year, uses, on_date)
    stories.entries            # StoryEntry for each, newest first: id, level, date, title as printed
    stories.best(3, rank)      # rendered, the first three by ``rank`` (a key over StoryEntry)
    list(stories)              # every story rendered (UsableStory), newest first
    stories.told_where(test)   # rendered, those whose printed (title, quote, after) pass ``test``
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from svdesk.domain.consent import IdLevel, Use
from svdesk.domain.financial_year import FinancialYear
from svdesk.domain.stories import Story, UsableStory, rendered_title, told_fragments
from svdesk.domain.textsafe import clean_text


@dataclass(frozen=True)
class StoryEntry:
    """What lists, orders and ranks a story, known without rendering its text. ``has_after`` and
    ``has_quote`` say whether the rendered story has them (rendering never empties a part)."""

    story_id: str
    level: IdLevel
    story_date: dt.date | None
    title: str  # as it is printed at ``level``
    has_after: bool
    has_quote: bool
    has_indicators: bool


class YearStories(Sequence):
    """The year's usable stories, newest first (by date, then printed title); a Sequence of
    UsableStory whose items are rendered the first time they are read."""

    def __init__(self, entries: Sequence[StoryEntry], render: Callable[[list[StoryEntry]], dict],
                 listed: dict[str, Story] | None = None):
        self._entries = tuple(entries)
        self._render = render  # entries -> {story id: UsableStory}, deciding consent again
        self._rendered: dict[str, UsableStory] = {}
        self._listed = listed or {}  # id -> the story as listed: title, names, quote and after

    @classmethod
    def gather(cls, workspace, year: FinancialYear, uses: tuple[Use, ...], on_date: dt.date) -> YearStories:
        """A story is usable only when its consent covers EVERY one of ``uses`` on ``on_date``;
        it is told at the least identifying level among them."""
        repo = workspace.stories
        levels = cls._levels(repo, uses, on_date, year)
        entries, listed = [], {}
        for story_id, (story, linked) in repo.listing(list(levels)).items():
            if story.story_date is None or not year.contains(story.story_date):
                continue
            listed[story_id] = story
            level = levels[story_id]
            entries.append(StoryEntry(story_id, level, story.story_date, rendered_title(story, level),
                                      bool(clean_text(story.after).strip()), bool(clean_text(story.quote).strip()),
                                      linked))
        entries.sort(key=lambda entry: (entry.story_date, entry.title), reverse=True)

        def render(wanted: list[StoryEntry]) -> dict[str, UsableStory]:
            # Decided again as they are read: a consent withdrawn since the list was made leaves
            # the story out. Each is rendered once, at the least identifying level of the uses.
            now = cls._levels(repo, uses, on_date, year, [entry.story_id for entry in wanted])
            by_level: dict[IdLevel, list[str]] = {}
            for story_id, level in now.items():
                by_level.setdefault(level, []).append(story_id)
            found = {}
            for level, ids in by_level.items():
                found.update((story.story_id, story) for story in repo.usable_for(
                    uses[0], on_date, level=level, story_ids=ids, date_from=year.start, date_to=year.end))
            return found

        return cls(entries, render, listed)

    @staticmethod
    def _levels(repo, uses, on_date, year, story_ids=None) -> dict[str, IdLevel]:
        """{id: level} of the stories every one of ``uses`` allows, at the least identifying."""
        levels: dict[str, IdLevel] | None = None
        for use in uses:
            allowed = dict(repo.usable_levels(use, on_date, date_from=year.start, date_to=year.end,
                                              story_ids=story_ids))
            levels = allowed if levels is None else {
                story_id: min(level, allowed[story_id], key=lambda item: item.rank)
                for story_id, level in levels.items() if story_id in allowed}
        return levels or {}

    @property
    def entries(self) -> tuple[StoryEntry, ...]:
        return self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._told(self._entries[index])
        return self._told([self._entries[index]])[0]

    def __iter__(self):
        return iter(self._told(self._entries))

    def __eq__(self, other) -> bool:
        if isinstance(other, YearStories):
            return self._entries == other._entries
        return NotImplemented

    __hash__ = None  # like a list

    def __repr__(self) -> str:
        return f"YearStories({len(self._entries)} stories)"

    def best(self, count: int, rank: Callable[[StoryEntry], object]) -> list[UsableStory]:
        """The first ``count`` stories by ``rank`` (stable: newest first among equals), rendered."""
        return self._told(sorted(self._entries, key=rank)[:count])

    def with_ids(self, story_ids) -> list[UsableStory]:
        """Those of ``story_ids`` that are among the year's stories, rendered, in that order."""
        by_id = {entry.story_id: entry for entry in self._entries}
        return self._told([by_id[story_id] for story_id in story_ids if story_id in by_id])

    def told_where(self, test: Callable[[str, str, str], bool]) -> list[UsableStory]:
        """The stories whose printed title, quote and after pass ``test``, rendered, newest first:
        the same as ``[s for s in self if test(s.title, s.quote, s.after)]`` without rendering
        every story (hundreds a year; an edited part tells a few). The three are worked out at
        the level the list was made at; those that pass are decided and rendered again."""
        chosen = []
        for entry in self._entries:
            story = self._listed.get(entry.story_id)
            if story is None or test(*told_fragments(story, entry.level)):
                chosen.append(entry)
        return [story for story in self._told(chosen) if test(story.title, story.quote, story.after)]

    def _told(self, entries) -> list[UsableStory]:
        missing = [entry for entry in entries if entry.story_id not in self._rendered]
        if missing:
            self._rendered.update(self._render(missing))
        return [self._rendered[entry.story_id] for entry in entries if entry.story_id in self._rendered]
