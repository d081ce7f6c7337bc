"""What a merge checks before it is kept: records each copy's own rules allowed, but which the
two copies together must not hold (issue 18). Each check reads the merged file inside the
merge's transaction, so a refusal rolls the whole merge back."""

from __future__ import annotations

import datetime as dt

from svdesk.domain.counting import may_overlap
from svdesk.domain.errors import SvdeskError
from svdesk.domain.periods import describe_period
from svdesk.store.indicators_repo import IndicatorRepo


def overlapping_readings(orgfile, indicator_ids) -> list[str]:
    """For each indicator given, the first two live readings whose periods overlap where a day
    may only be counted once (say March entered on one laptop, the whole year on the other): in
    words, "Volunteer hours: Mar 2031 and 2030/31". Empty when none."""
    repo = IndicatorRepo(orgfile)
    year_end = repo.year_end()
    problems: list[str] = []
    for indicator_id in sorted({i for i in indicator_ids if i}):
        try:
            indicator = repo.get(indicator_id)
        except SvdeskError:
            continue  # an indicator in the bin: its readings are counted nowhere
        rows = orgfile.query("SELECT period_start, period_end FROM readings WHERE indicator_id = ? "
                             "AND deleted_at IS NULL ORDER BY period_start, period_end", [indicator_id])
        periods = [(dt.date.fromisoformat(r["period_start"]), dt.date.fromisoformat(r["period_end"])) for r in rows]
        clash = _first_clash(indicator, periods, year_end)
        if clash is not None:
            words = [describe_period(start, end, indicator.frequency, year_end, short=True) for start, end in clash]
            problems.append(f"{indicator.name}: {words[0]} and {words[1]}")
    return problems


def _first_clash(indicator, periods, year_end):
    for n, one in enumerate(periods):
        for other in periods[n + 1:]:
            if other[0] > one[1]:
                break  # sorted by start: no later period reaches back into this one
            if other != one and not may_overlap(indicator, one, other, year_end):
                return one, other
    return None
