"""Indicators, readings and valuations in the file: the 2-3 rule, archive, soft delete, overlaps."""

import datetime as dt
from decimal import Decimal

import pytest

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.measures import ACTIVE_LIMIT, Frequency, Indicator, Unit
from svdesk.domain.sroi import Valuation

D = dt.date


def _add(workspace, name, **changes):
    return workspace.indicators.add(Indicator(name=name, **changes))


def test_at_most_five_active_and_archived_ones_do_not_count(workspace):
    repo = workspace.indicators
    made = [_add(workspace, f"Indicator {n}") for n in range(ACTIVE_LIMIT)]
    with pytest.raises(SvdeskError, match="Archive one first"):
        _add(workspace, "One too many")
    repo.archive(made[0].id)
    sixth = _add(workspace, "Now there is room")
    assert repo.active_count() == ACTIVE_LIMIT and sixth.is_active
    with pytest.raises(SvdeskError, match="restore this one"):
        repo.restore(made[0].id)
    assert [i.name for i in repo.archived()] == ["Indicator 0"]


def test_archived_indicators_keep_their_readings_and_come_back(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes")
    repo.record(bikes.id, D(2025, 4, 1), D(2025, 4, 30), "12")
    repo.archive(bikes.id)
    assert repo.active() == [] and len(repo.readings(bikes.id)) == 1
    repo.restore(bikes.id)
    assert [i.name for i in repo.active()] == ["Bikes"]


def test_deleted_indicator_can_be_undeleted(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes")
    repo.delete(bikes.id)
    assert repo.all() == [] and repo.find("Bikes") is None
    repo.undelete(bikes.id)
    assert repo.find("bikes").id == bikes.id


def test_names_are_unique_and_found_by_name_or_id(workspace):
    bikes = _add(workspace, "Bikes refurbished")
    with pytest.raises(ValidationError, match="already an indicator"):
        _add(workspace, "  bikes   REFURBISHED ")
    assert workspace.indicators.find(bikes.id) == bikes
    assert workspace.indicators.find("BIKES refurbished") == bikes


def test_tags_are_saved_with_a_new_indicator(workspace):
    bikes = workspace.indicators.add(Indicator(name="Bikes"), tags=["ppn0620/environment"])
    assert workspace.tags.tags_for("indicators", bikes.id) == ["ppn0620/environment"]


def test_one_reading_per_period_and_no_overlaps(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes")
    first = repo.record(bikes.id, D(2025, 4, 1), D(2025, 4, 30), "12", note="first")
    again = repo.record(bikes.id, D(2025, 4, 1), D(2025, 4, 30), "14")
    assert again.id == first.id and again.value == 14
    with pytest.raises(ValidationError, match="overlaps the reading for Apr 2025"):
        repo.record(bikes.id, D(2025, 4, 15), D(2025, 5, 15), "3")
    with pytest.raises(ValidationError, match="whole number"):
        repo.record(bikes.id, D(2025, 5, 1), D(2025, 5, 31), "2.5")
    assert len(repo.readings(bikes.id)) == 1


def test_record_many_is_all_or_nothing(workspace):
    from svdesk.store.indicators_repo import NewReading

    repo = workspace.indicators
    bikes = _add(workspace, "Bikes")
    with pytest.raises(ValidationError):
        repo.record_many(bikes.id, [NewReading(D(2025, 4, 1), D(2025, 4, 30), Decimal(3)),
                                    NewReading(D(2025, 5, 1), D(2025, 5, 31), "-1")])
    assert repo.readings(bikes.id) == []


def test_deleted_reading_can_be_restored_unless_its_period_is_taken(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes")
    reading = repo.record(bikes.id, D(2025, 4, 1), D(2025, 4, 30), "12")
    repo.delete_reading(reading.id)
    assert repo.readings(bikes.id) == [] and [r.id for r in repo.deleted_readings(bikes.id)] == [reading.id]
    repo.restore_reading(reading.id)
    assert repo.readings(bikes.id)[0].value == 12
    repo.delete_reading(reading.id)
    repo.record(bikes.id, D(2025, 4, 1), D(2025, 4, 30), "20")
    with pytest.raises(SvdeskError, match="cannot come back"):
        repo.restore_reading(reading.id)


def test_readings_between_dates(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes")
    for month in range(4, 10):
        repo.record(bikes.id, D(2025, month, 1), D(2025, month, 28), str(month))
    assert [r.value for r in repo.readings(bikes.id, D(2025, 5, 1), D(2025, 7, 31))] == [5, 6, 7]


def test_changing_the_unit_is_refused_while_readings_do_not_fit(workspace):
    from dataclasses import replace

    repo = workspace.indicators
    hours = _add(workspace, "Volunteer hours", unit=Unit.HOURS)
    repo.record(hours.id, D(2025, 4, 1), D(2025, 4, 30), "7.5")
    with pytest.raises(ValidationError, match="1 reading does not fit"):
        repo.save(replace(hours, unit=Unit.PEOPLE))
    assert repo.get(hours.id).unit is Unit.HOURS
    assert repo.save(replace(hours, unit=Unit.MONEY)).unit is Unit.MONEY


def test_figures_use_the_organisation_year_end(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes", frequency=Frequency.QUARTERLY)
    repo.record(bikes.id, D(2026, 1, 1), D(2026, 3, 31), "5")
    repo.record(bikes.id, D(2026, 4, 1), D(2026, 6, 30), "7")
    assert [t.year.label for t in repo.year_totals(bikes.id)] == ["2025/26", "2026/27"]
    workspace.organisation.update(year_end=workspace.organisation.get().year_end.__class__(31, 12))
    assert [t.value for t in repo.year_totals(bikes.id)] == [12]


def test_valuations_are_off_by_default_and_only_for_quantities(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes")
    rate = _add(workspace, "Rate", unit=Unit.PERCENTAGE)
    assert repo.valuation(bikes.id) is None
    full = Valuation(enabled=True, proxy_value=Decimal(95), source="Shop prices", price_year=2026)
    assert repo.save_valuation(bikes.id, full).enabled
    with pytest.raises(ValidationError, match="counts"):
        repo.save_valuation(rate.id, full)
    with pytest.raises(ValidationError, match="source"):
        repo.save_valuation(bikes.id, Valuation(enabled=True, proxy_value=Decimal(95), price_year=2026))


def test_move_changes_the_order(workspace):
    repo = workspace.indicators
    a, b, c = (_add(workspace, name) for name in "ABC")
    repo.move(c.id, -1)
    assert [i.name for i in repo.active()] == ["A", "C", "B"]
    repo.move(a.id, -5)
    assert [i.name for i in repo.active()] == ["A", "C", "B"]


def test_year_totals_are_remembered_only_until_the_file_changes(workspace):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes remembered")
    repo.record(bikes.id, D(2025, 4, 1), D(2025, 4, 30), "12")
    first = repo.year_totals(bikes.id)
    assert [t.value for t in first] == [12] and repo.year_totals(bikes.id) == first
    first.clear()                                   # a caller's list is its own
    assert [t.value for t in repo.year_totals(bikes.id)] == [12]
    repo.record(bikes.id, D(2025, 5, 1), D(2025, 5, 31), "3")
    assert [t.value for t in repo.year_totals(bikes.id)] == [15]
    reading = repo.readings(bikes.id)[0]
    repo.delete_reading(reading.id)
    assert [t.value for t in repo.year_totals(bikes.id)] == [3]
    # Inside a write that is rolled back, nothing worked out there is kept.
    with pytest.raises(RuntimeError):
        with repo.transaction("test"):
            repo.record(bikes.id, D(2025, 6, 1), D(2025, 6, 30), "100")
            assert [t.value for t in repo.year_totals(bikes.id)] == [103]
            raise RuntimeError("undo")
    assert [t.value for t in repo.year_totals(bikes.id)] == [3]


def test_year_figures_are_remembered_only_while_the_file_is_unchanged(workspace, monkeypatch):
    repo = workspace.indicators
    bikes = _add(workspace, "Bikes", frequency=Frequency.QUARTERLY)
    repo.record(bikes.id, D(2025, 4, 1), D(2025, 6, 30), "5")
    first = repo.year_totals(bikes.id)
    reads = []
    real = repo.readings
    monkeypatch.setattr(repo, "readings", lambda *args: reads.append(args) or real(*args))
    assert repo.year_totals(bikes.id) == first and reads == []  # remembered...
    repo.record(bikes.id, D(2025, 7, 1), D(2025, 9, 30), "7")  # ...until the file changes
    assert [total.value for total in repo.year_totals(bikes.id)] == [12] and len(reads) == 1
    assert repo.reading_ends([bikes.id]) == {D(2025, 6, 30), D(2025, 9, 30)}
