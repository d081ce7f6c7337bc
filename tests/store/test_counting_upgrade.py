"""A file made before counting rules (schema step 7, `svdesk demo` from that code) upgrades
without losing anything: every value is kept, each unit maps to how it counts, and a headcount of
people is never added up after the upgrade."""

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

from svdesk.domain.measures import Counting, Unit
from svdesk.store.dump import dump_file, load_file
from svdesk.store.workspace import open_workspace

FIXTURE = Path(__file__).parent.parent / "fixtures" / "demo-schema7.svdesk"


def _rows(path: Path, sql: str) -> list:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_schema_7_file_upgrades_without_losing_a_value(tmp_path):
    old = tmp_path / "old.svdesk"
    shutil.copyfile(FIXTURE, old)
    assert _rows(old, "PRAGMA user_version")[0][0] == 7
    before = _rows(old, "SELECT id, unit, baseline_value, target_value FROM indicators ORDER BY id")
    readings = _rows(old, "SELECT id, indicator_id, period_start, period_end, value FROM readings ORDER BY id")
    ws = open_workspace(old)
    try:
        after = {i.id: i for i in ws.indicators.all()}
        assert len(after) == len(before)
        for indicator_id, unit, baseline, target in before:
            indicator = after[indicator_id]
            assert indicator.unit.value == unit
            assert indicator.baseline_value == (Decimal(baseline) if baseline else None)
            assert indicator.target_value == (Decimal(target) if target else None)
            expected = {"people": Counting.TAKING_PART, "count": Counting.THINGS, "percentage": Counting.PERCENTAGE,
                        "hours": Counting.THINGS, "money": Counting.MONEY, "score": Counting.SCORE}[unit]
            assert indicator.how_counted is expected
        kept = sorted((r.id, r.indicator_id, r.start.isoformat(), r.end.isoformat(), r.value)
                      for i in after for r in ws.indicators.readings(i))
        assert kept == sorted((a, b, c, d, Decimal(v)) for a, b, c, d, v in readings)
        people = next(i for i in after.values() if i.unit is Unit.PEOPLE)
        # The headcount is described, never summed, until the person says it counts new people.
        latest = ws.indicators.year_totals(people.id)[-1]
        assert latest.value is None and latest.text.startswith("between")
        # The upgraded file round-trips through a dump like any other.
        data = dump_file(ws.file)
    finally:
        ws.close()
    copy = tmp_path / "copy.svdesk"
    load_file(data, copy)
    ws = open_workspace(copy)
    try:
        assert {i.id: i.how_counted for i in ws.indicators.all()} == {i: after[i].how_counted for i in after}
    finally:
        ws.close()


def test_a_dump_from_before_counting_rules_loads_as_an_upgraded_file(tmp_path):
    old = tmp_path / "old.svdesk"
    shutil.copyfile(FIXTURE, old)
    ws = open_workspace(old)
    try:
        data = dump_file(ws.file)
    finally:
        ws.close()
    for item in data["measures"]["indicators"]:
        for key in ("counting", "scale_name", "scale_low", "scale_high"):
            item.pop(key)
    copy = tmp_path / "copy.svdesk"
    load_file(data, copy)
    ws = open_workspace(copy)
    try:
        units = {i.unit: i.how_counted for i in ws.indicators.all()}
        assert units[Unit.PEOPLE] is Counting.TAKING_PART and units[Unit.COUNT] is Counting.THINGS
    finally:
        ws.close()


def test_a_dumped_score_is_checked_against_its_own_scale(tmp_path):
    import datetime as dt

    from svdesk.domain.measures import Indicator
    from svdesk.domain.organisation import Organisation
    import pytest

    from svdesk.domain.errors import ValidationError
    from svdesk.store.workspace import memory_workspace

    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        wellbeing = ws.indicators.add(Indicator(name="Wellbeing", unit=Unit.SCORE, scale_name="SWEMWBS",
                                                scale_low=Decimal(7), scale_high=Decimal(35)))
        ws.indicators.record(wellbeing.id, dt.date(2026, 4, 1), dt.date(2026, 4, 30), "19.5")
        data = dump_file(ws.file)
    finally:
        ws.close()
    load_file(data, tmp_path / "good.svdesk")
    data["measures"]["readings"][0]["value"] = "40"
    with pytest.raises(ValidationError, match="runs from 7 to 35"):
        load_file(data, tmp_path / "bad.svdesk")
    assert not (tmp_path / "bad.svdesk").exists()


def test_an_old_file_upgrades_with_no_words_for_its_units_and_keeps_its_photo_stories_back(tmp_path):
    # Steps 8 and 11: nobody has said what a count is yet (charts say "people" or "number"), and
    # nobody has given the separate photo consent, so a story with a photo waits for it.
    from svdesk.domain.consent import NO_PHOTO_CONSENT, Use

    old = tmp_path / "old.svdesk"
    shutil.copyfile(FIXTURE, old)
    ws = open_workspace(old)
    try:
        assert all(indicator.unit_words == "" for indicator in ws.indicators.all())
        stories = ws.stories
        with_photos = stories.with_photos([summary.id for summary in stories.search("")])
        assert with_photos
        for story_id in with_photos:
            decision = stories.check_use(story_id, Use.INTERNAL, ws.stories.get(story_id).story_date)
            assert not decision and NO_PHOTO_CONSENT in decision.reasons
        data = dump_file(ws.file)
        assert all(item["unit_words"] == "" for item in data["measures"]["indicators"])
    finally:
        ws.close()
