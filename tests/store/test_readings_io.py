"""Importing readings from CSV and Excel with a full preview, and exporting them to CSV."""

import datetime as dt
from decimal import Decimal

import pytest

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.measures import Frequency, Indicator, Unit
from svdesk.store.readings_io import apply_import, export_csv, plan_import, read_sheet

D = dt.date

MISTAKES = """Period,Value,Note,Recorded by,Colour
Apr 2025,12,fine,Tom,red
31/02/2025,10,impossible date,,
May 2025,twelve,not a number,,
Jun 2025,-3,negative,,
Jul 2025,4.5,not whole,,
Apr 2025,7,same period twice,,
Aug 2025,,no value,,
,9,no period,,
Sep 2025,11,already in the file with another value,,
"""


@pytest.fixture
def bikes(workspace):
    indicator = workspace.indicators.add(Indicator(name="Bikes", unit=Unit.COUNT, frequency=Frequency.MONTHLY))
    workspace.indicators.record(indicator.id, D(2025, 9, 1), D(2025, 9, 30), "20")
    return indicator


def test_a_csv_full_of_mistakes_imports_nothing_and_reports_every_one(workspace, bikes, tmp_path):
    sheet = tmp_path / "mistakes.csv"
    sheet.write_text(MISTAKES, encoding="utf-8")
    plan = plan_import(workspace.indicators, read_sheet(sheet), bikes, source=sheet.name)
    problems = plan.problems
    expected = {
        3: "bad date", 4: "not a number", 5: "negative", 6: "whole number", 7: "duplicate period",
        8: "Enter a value", 9: "no period", 10: "duplicate period: Sep 2025 already has a reading of 20",
    }
    for line, words in expected.items():
        assert any(problem.startswith(f"Row {line}:") and words in problem for problem in problems), (line, problems)
    assert not any(problem.startswith("Row 2:") for problem in problems)
    assert len(problems) == len(expected)
    assert "'Colour'" in " ".join(plan.notes)
    assert not plan.can_import
    with pytest.raises(ValidationError):
        apply_import(workspace.indicators, plan)
    assert [r.value for r in workspace.indicators.readings(bikes.id)] == [20]  # nothing written


def test_an_xlsx_full_of_mistakes_including_unknown_indicators(workspace, bikes, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Date", "Value"])
    sheet.append(["Bikes", dt.datetime(2025, 4, 30), 12])
    sheet.append(["Bikes", dt.datetime(2025, 5, 31), 14.0])
    sheet.append(["Bicycles", dt.datetime(2025, 6, 30), 3])
    sheet.append(["Bikes", "not a date", 3])
    sheet.append(["Bikes", dt.datetime(2025, 5, 2), 1])
    sheet.append(["Bikes", dt.datetime(2025, 7, 31), "lots"])
    path = tmp_path / "readings.xlsx"
    book.save(path)
    book.close()
    plan = plan_import(workspace.indicators, read_sheet(path), None, source=path.name)
    problems = "\n".join(plan.problems)
    assert "Row 4: unknown indicator 'Bicycles'" in problems
    assert "Row 5: bad date" in problems
    assert "Row 6: duplicate period: May 2025 is the same period as row 3" in problems
    assert "Row 7: 'lots' is not a number" in problems
    assert len(plan.problems) == 4
    assert workspace.indicators.readings(bikes.id)[0].start == D(2025, 9, 1)


def test_a_clean_sheet_imports_in_one_go(workspace, bikes, tmp_path):
    sheet = tmp_path / "good.csv"
    sheet.write_text("Period;Value;Note\nApr 2025;12;first\nMay 2025;13;\nSep 2025;20;same as the file\n",
                     encoding="utf-8")
    plan = plan_import(workspace.indicators, read_sheet(sheet), bikes, source=sheet.name)
    assert plan.problems == [] and plan.can_import
    assert [row.action for row in plan.rows] == ["add", "add", "same"]
    assert "2 new readings" in plan.summary() and "1 already recorded" in plan.summary()
    assert apply_import(workspace.indicators, plan) == 2
    readings = workspace.indicators.readings(bikes.id)
    assert [(r.start.month, r.value) for r in readings] == [(4, 12), (5, 13), (9, 20)]
    assert readings[0].source == "Imported from good.csv" and readings[0].note == "first"


def test_replacing_a_different_value_is_an_explicit_choice(workspace, bikes, tmp_path):
    sheet = tmp_path / "update.csv"
    sheet.write_text("Period,Value\nSep 2025,25\n", encoding="utf-8")
    rows = read_sheet(sheet)
    assert plan_import(workspace.indicators, rows, bikes).problems
    plan = plan_import(workspace.indicators, rows, bikes, replace=True)
    assert plan.rows[0].action == "replace" and plan.rows[0].previous == "20"
    apply_import(workspace.indicators, plan)
    assert workspace.indicators.readings(bikes.id)[0].value == 25


def test_a_sheet_without_the_needed_columns(workspace, bikes, tmp_path):
    sheet = tmp_path / "odd.csv"
    sheet.write_text("Name,Colour\nTom,red\n", encoding="utf-8")
    plan = plan_import(workspace.indicators, read_sheet(sheet), None)
    text = " ".join(plan.problems)
    assert "'Value'" in text and "'Period'" in text and "Indicator" in text
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert plan_import(workspace.indicators, read_sheet(empty), bikes).problems == ["The file is empty."]


def test_files_that_are_not_sheets(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip at all")
    with pytest.raises(SvdeskError, match="not an Excel workbook"):
        read_sheet(fake)
    with pytest.raises(SvdeskError, match="no file"):
        read_sheet(tmp_path / "missing.csv")


def test_old_excel_format_is_explained(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(SvdeskError, match="save it as .xlsx"):
        read_sheet(old)


def test_export_then_import_gives_the_same_readings(workspace, bikes, tmp_path):
    repo = workspace.indicators
    repo.record(bikes.id, D(2025, 10, 1), D(2025, 10, 31), "7", note="=SUM(A1) looks like a formula", recorded_by="Sam")
    repo.record(bikes.id, D(2025, 11, 3), D(2025, 11, 9), "2", note="a custom week")
    path = tmp_path / "out.csv"
    assert export_csv(repo, [bikes], path) == 3
    text = path.read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("Indicator,Period,Start,End,Value")
    assert "'=SUM(A1)" in text  # a spreadsheet will not run it

    from svdesk.store.workspace import memory_workspace

    other = memory_workspace()
    try:
        copy = other.indicators.add(Indicator(name="Bikes", unit=Unit.COUNT))
        plan = plan_import(other.indicators, read_sheet(path), None, source=path.name)
        assert plan.problems == []
        apply_import(other.indicators, plan)
        again = [(r.start, r.end, r.value, r.note, r.recorded_by) for r in other.indicators.readings(copy.id)]
        before = [(r.start, r.end, r.value, r.note, r.recorded_by) for r in repo.readings(bikes.id)]
        assert again == before
        assert again[1][3] == "=SUM(A1) looks like a formula"
    finally:
        other.close()


def test_money_keeps_its_pennies_through_csv(workspace, tmp_path):
    spend = workspace.indicators.add(Indicator(name="Local spend", unit=Unit.MONEY, frequency=Frequency.YEARLY))
    sheet = tmp_path / "spend.csv"
    sheet.write_text('Period,Value\n2024/25,"£12,345.67"\n', encoding="utf-8")
    apply_import(workspace.indicators, plan_import(workspace.indicators, read_sheet(sheet), spend))
    assert workspace.indicators.readings(spend.id)[0].value == Decimal("12345.67")
