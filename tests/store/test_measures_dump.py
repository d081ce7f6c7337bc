"""The measures section of dump/load: indicators, readings, valuations and their evidence."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.measures import Indicator, Unit
from svdesk.domain.sroi import Valuation
from svdesk.store.demo import demo_dump
from svdesk.store.dump import dump_file, load_file, to_json, validate
from svdesk.store.orgfile import open_file

D = dt.date


def _dump(path) -> str:
    orgfile = open_file(path, read_only=True)
    try:
        return to_json(dump_file(orgfile))
    finally:
        orgfile.close()


def test_everything_travels_and_comes_back_identical(file_workspace, tmp_path):
    repo = file_workspace.indicators
    spend = repo.add(Indicator(name="Local spend", unit=Unit.MONEY, baseline_value=Decimal("1000.5"),
                               baseline_date=D(2024, 3, 31)), tags=["birmingham/buy-birmingham-first"])
    bikes = repo.add(Indicator(name="Bikes"))
    repo.record(spend.id, D(2025, 4, 1), D(2025, 4, 30), "1234.56", note="Invoices", recorded_by="Kim")
    gone = repo.record(bikes.id, D(2025, 4, 1), D(2025, 4, 30), "3")
    repo.delete_reading(gone.id)
    kept = repo.record(bikes.id, D(2025, 5, 1), D(2025, 5, 31), "4")
    file_workspace.attachments.add("readings", kept.id, "photo.png", b"\x89PNG fake")
    repo.save_valuation(bikes.id, Valuation(enabled=True, proxy_value=Decimal("95.50"), source="Shop", price_year=2026,
                                            deadweight=Decimal(25)))
    repo.archive(spend.id)
    first = to_json(dump_file(file_workspace.file))
    section = json.loads(first)["measures"]
    assert sorted(r["value"] for r in section["readings"]) == ["1234.56", "3", "4"]
    assert section["valuations"][0]["enabled"] is True and section["valuations"][0]["proxy_value"] == "95.5"
    load_file(json.loads(first), tmp_path / "copy.svdesk")
    assert _dump(tmp_path / "copy.svdesk") == first


def test_demo_has_three_indicators_with_years_of_readings_and_evidence():
    data = demo_dump()
    measures = data["measures"]
    assert len(measures["indicators"]) == 3
    starts = sorted(r["period_start"] for r in measures["readings"])
    assert starts[0] <= "2023-04-01" and starts[-1] >= "2026-10-01"
    evidence = [f for f in data["attachments"]["files"] if f["owner_table"] == "readings"]
    assert len(evidence) >= 3
    assert validate(data) == []


def test_every_problem_is_reported_with_where_it_is():
    data = demo_dump()
    measures = data["measures"]
    measures["indicators"][0]["unit"] = "litres"
    measures["indicators"][1]["target_value"] = "lots"
    measures["indicators"][2]["baseline_date"] = "31/03/2023"
    measures["readings"][0]["indicator_id"] = "nobody"
    measures["readings"][1]["value"] = "-4"
    measures["readings"][2]["period_end"] = "2000-01-01"
    measures["readings"].append(dict(measures["readings"][5], id="another-id"))
    measures["valuations"][0]["deadweight"] = "150"
    problems = validate(data)
    for words in ("measures.indicators[0].unit: 'litres'", "measures.indicators[1].target_value: 'lots'",
                  "measures.indicators[2].baseline_date", "measures.readings[0].indicator_id",
                  "measures.readings[1].value", "measures.readings[2]: the period ends before it starts",
                  "the same period as measures.readings[5]", "measures.valuations[0].deadweight"):
        assert any(words in problem for problem in problems), words


def test_evidence_must_belong_to_a_reading_in_the_dump(tmp_path):
    data = demo_dump()
    evidence = next(f for f in data["attachments"]["files"] if f["owner_table"] == "readings")
    evidence["owner_id"] = "a-reading-that-is-not-there"
    assert any(problem.endswith(".owner_id: there is no reading 'a-reading-that-is-not-there' in the dump")
               for problem in validate(data))
    with pytest.raises(ValidationError):
        load_file(data, tmp_path / "bad.svdesk")
    assert not (tmp_path / "bad.svdesk").exists()
