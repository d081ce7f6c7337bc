"""Merging is idempotent, symmetric and associative over random edit sequences on two and three
copies of one file (Hypothesis). Values typed are unique, as real edits almost always are."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk.domain.organisation import Organisation
from svdesk.services.merge import apply_merge, preview_merge
from svdesk.store.indicators_repo import NewReading
from svdesk.store.workspace import create_workspace

sys.path.insert(0, str(Path(__file__).parent))
from merge_helpers import open_workspace, records  # noqa: E402

STORIES = 4


@pytest.fixture(scope="module")
def base_file(tmp_path_factory) -> Path:
    from svdesk.domain.measures import Indicator, Unit

    path = tmp_path_factory.mktemp("merge-base") / "base.svdesk"
    ws = create_workspace(path, Organisation(name="Riverside Bike Works"))
    try:
        for n in range(STORIES):
            ws.stories.new(title=f"Story {n}")
        ws.indicators.add(Indicator(name="Bikes repaired", unit=Unit.COUNT))
    finally:
        ws.close()
    return path


# One edit: (kind, story number, month). Each copy's edits touch the fields given to it, so that
# three copies never change the same field (associativity is about records, not choices).
EDITS = st.tuples(st.sampled_from(["title", "quote", "bin", "restore", "reading", "area", "new"]),
                  st.integers(0, STORIES - 1), st.integers(1, 12))


def _apply_edits(path: Path, copy: int, edits, counter, allowed=None) -> None:
    ws = open_workspace(path)
    try:
        stories = sorted(ws.stories.search() + ws.stories.removed(), key=lambda s: s.id)
        indicator = ws.indicators.active()[0]
        for kind, number, month in edits:
            if allowed is not None and kind not in allowed:
                continue
            token = f"copy {copy} edit {next(counter)}"
            story = stories[number % len(stories)]
            if kind == "title":
                ws.stories.update(story.id, title=token)
            elif kind == "quote":
                ws.stories.update(story.id, quote=token)
            elif kind == "bin":
                ws.stories.remove(story.id)
            elif kind == "restore":
                ws.stories.restore(story.id)
            elif kind == "reading":
                # A period of this copy's own (the same month on two laptops is a twin: tested apart).
                start = dt.date(2040 + copy, month, 1)
                end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
                ws.indicators.record_many(indicator.id, [NewReading(start=start, end=end, value=str(next(counter)))])
            elif kind == "area":
                ws.organisation.update(area_served=token)
            elif kind == "new":
                ws.stories.new(title=token)
    finally:
        ws.close()


def _copies(base: Path, folder: Path, n: int) -> list[Path]:
    out = []
    for k in range(n):
        out.append(folder / f"copy{k}.svdesk")
        shutil.copyfile(base, out[-1])
    return out


def _clone(path: Path, name: str) -> Path:
    target = path.with_name(name)
    shutil.copyfile(path, target)
    return target


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(EDITS, max_size=5), st.lists(EDITS, max_size=5))
def test_two_copies_symmetric_and_idempotent(base_file, edits_a, edits_b):
    counter = itertools.count()
    with tempfile.TemporaryDirectory() as folder:
        a, b = _copies(base_file, Path(folder), 2)
        _apply_edits(a, 0, edits_a, counter)
        _apply_edits(b, 1, edits_b, counter)
        a2, b2 = _clone(a, "a2.svdesk"), _clone(b, "b2.svdesk")
        apply_merge(a, b, prefer="theirs")
        apply_merge(b2, a2, prefer="mine")
        assert records(a) == records(b2)  # symmetric
        merged = records(a)
        assert preview_merge(a, b).nothing_to_do
        apply_merge(a, b, prefer="theirs")
        assert records(a) == merged  # idempotent
        apply_merge(b, a)  # the other laptop catches up without a question
        assert records(b) == merged


def _three_way(base_file, edits, orders):
    counter = itertools.count()
    fields = [{"title", "new"}, {"quote", "reading"}, {"area", "bin", "reading"}]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        copies = _copies(base_file, Path(folder), 3)
        for k, path in enumerate(copies):
            _apply_edits(path, k, edits[k], counter, fields[k])
        for n, (first, second, third) in enumerate(orders):
            target = _clone(copies[first], f"order{n}.svdesk")
            apply_merge(target, copies[second])
            apply_merge(target, copies[third])
            results.append(records(target))
        # Chained through a middle copy: C takes A's merge of B.
        ab = _clone(copies[0], "ab.svdesk")
        apply_merge(ab, copies[1])
        c = _clone(copies[2], "c.svdesk")
        apply_merge(c, ab)
        results.append(records(c))
    return results


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(EDITS, max_size=4), min_size=3, max_size=3))
def test_three_copies_in_any_order_give_the_same_records(base_file, edits):
    results = _three_way(base_file, edits, [(0, 1, 2), (0, 2, 1), (1, 2, 0), (2, 0, 1)])
    assert all(result == results[0] for result in results[1:])


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(EDITS, max_size=8), min_size=3, max_size=3))
def test_three_copies_longer_sequences(base_file, edits):
    results = _three_way(base_file, edits, list(itertools.permutations(range(3))))
    assert all(result == results[0] for result in results[1:])
