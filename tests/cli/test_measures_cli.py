"""indicators, import-readings and export-readings from the command line: output and exit codes."""

import pytest


@pytest.fixture
def run(svdesk):
    """``svdesk ARGS``: in this process in the fast suite, in a child process too in the whole suite."""
    return svdesk


@pytest.fixture
def org(tmp_path):
    from svdesk.domain.measures import Frequency, Indicator, Unit
    from svdesk.domain.organisation import Organisation
    from svdesk.store.workspace import create_workspace

    path = tmp_path / "org.svdesk"
    workspace = create_workspace(path, Organisation(name="Test CIC"))
    workspace.indicators.add(Indicator(name="Bikes refurbished", unit=Unit.COUNT, frequency=Frequency.MONTHLY))
    workspace.close()
    return path


def _readings(path):
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(path, read_only=True)
    try:
        indicator = workspace.indicators.find("Bikes refurbished")
        return [(r.start.isoformat(), str(r.value)) for r in workspace.indicators.readings(indicator.id)]
    finally:
        workspace.close()


def test_a_sheet_with_mistakes_exits_1_lists_every_problem_and_writes_nothing(org, tmp_path, run):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("Period,Value\nApr 2025,12\nMay 2025,lots\nnever,3\nApr 2025,4\n", encoding="utf-8")
    result = run("import-readings", org, sheet, "--indicator", "Bikes refurbished")
    assert result.returncode == 1
    assert "Nothing was imported: 3 problems" in result.stderr
    for words in ("Row 3:", "Row 4: bad date", "Row 5: duplicate period"):
        assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert _readings(org) == []


def test_a_good_sheet_is_imported_and_a_second_run_changes_nothing(org, tmp_path, run):
    sheet = tmp_path / "good.csv"
    sheet.write_text("Period,Value,Note\nApr 2025,12,\nMay 2025,13,busy\n", encoding="utf-8")
    dry = run("import-readings", org, sheet, "--indicator", "bikes REFURBISHED", "--dry-run")
    assert dry.returncode == 0 and "dry run" in dry.stdout
    assert _readings(org) == []
    result = run("import-readings", org, sheet, "--indicator", "Bikes refurbished")
    assert result.returncode == 0, result.stderr
    assert "Imported 2 readings" in result.stdout
    assert _readings(org) == [("2025-04-01", "12"), ("2025-05-01", "13")]
    again = run("import-readings", org, sheet, "--indicator", "Bikes refurbished")
    assert again.returncode == 0 and "already in the file" in again.stdout


def test_unknown_indicator_and_missing_files(org, tmp_path, run):
    sheet = tmp_path / "good.csv"
    sheet.write_text("Period,Value\nApr 2025,12\n", encoding="utf-8")
    result = run("import-readings", org, sheet, "--indicator", "Unicorns")
    assert result.returncode == 1 and "no indicator 'Unicorns'" in result.stderr and "Bikes refurbished" in result.stderr
    result = run("import-readings", org, tmp_path / "missing.xlsx", "--indicator", "Bikes refurbished")
    assert result.returncode == 1 and "There is no file" in result.stderr
    result = run("import-readings", org, sheet)
    assert result.returncode == 1 and "Indicator" in result.stderr


def test_export_then_list(org, tmp_path, run):
    sheet = tmp_path / "good.csv"
    sheet.write_text("Period,Value\nApr 2025,12\n", encoding="utf-8")
    assert run("import-readings", org, sheet, "--indicator", "Bikes refurbished").returncode == 0
    out = tmp_path / "out.csv"
    result = run("export-readings", org, "--indicator", "Bikes refurbished", "-o", out)
    assert result.returncode == 0 and "Wrote 1 reading" in result.stdout
    assert "Bikes refurbished,Apr 2025,2025-04-01,2025-04-30,12,count" in out.read_text("utf-8-sig")
    assert run("export-readings", org, "-o", tmp_path / "out.txt").returncode == 1
    listing = run("indicators", org)
    assert listing.returncode == 0 and "Bikes refurbished" in listing.stdout and "no target set" in listing.stdout
