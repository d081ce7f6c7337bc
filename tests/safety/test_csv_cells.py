"""Every CSV svdesk writes neutralises cells a spreadsheet would run as a formula (issue 13)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from svdesk.domain.measures import Indicator, Unit
from svdesk.domain.textsafe import FORMULA_STARTS, from_spreadsheet_cell, spreadsheet_cell
from svdesk.store.readings_io import export_csv, plan_import, read_sheet

D = dt.date


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_gets_an_apostrophe_and_comes_back(start):
    text = f"{start}HYPERLINK(\"http://x\")"
    assert spreadsheet_cell(text) == "'" + text
    assert from_spreadsheet_cell(spreadsheet_cell(text)) == text


def test_numbers_and_plain_text_are_left_alone():
    for text in ("-5", "-2.50", "12", "Bikes", "", "'quoted already"):
        assert spreadsheet_cell(text) == text


def test_all_six_are_neutralised_in_the_readings_csv_and_read_back(workspace, tmp_path):
    repo = workspace.indicators
    hostile = "\t=cmd|' /C calc'!A0"
    indicator = repo.add(Indicator(name="=Bikes+1", unit=Unit.COUNT))
    for day, start in enumerate(FORMULA_STARTS, start=1):
        repo.record(indicator.id, D(2025, 10, day), D(2025, 10, day), "3",
                    note=f"{start}note {day}", recorded_by=f"{start}Sam", source=hostile)
    path = tmp_path / "out.csv"
    export_csv(repo, [indicator], path)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or cell == "3", (cell, row)
    other = tmp_path / "again.csv"
    other.write_bytes(path.read_bytes())
    plan = plan_import(repo, read_sheet(other), None, replace=True, source=other.name)
    assert plan.problems == []
