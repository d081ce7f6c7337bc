"""The open-data files: CSVs that round-trip and cannot run as formulas, data.json valid against
its schema, README.txt naming every file and the licence."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile

import jsonschema
import pytest

from svdesk import paths
from svdesk.domain.textsafe import FORMULA_STARTS, spreadsheet_safe
from svdesk.render import publish_data
from svdesk.render.publish_folder import FILE_NAMES, publication_files
from tests.render.publishing import HOSTILE, everything, make_hostile


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")   # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def files(demo_workspace):
    return publication_files(everything(demo_workspace))


def test_one_row_per_commitment_per_year_and_per_indicator_year(files, demo_workspace):
    commitments, progress, indicators = (_rows(files[name]) for name in
                                         ("commitments.csv", "progress.csv", "indicators.csv"))
    assert commitments[0] == publish_data.COMMITMENT_HEADER and len(commitments) == 1 + 3
    assert progress[0] == publish_data.PROGRESS_HEADER and len(progress) == 1 + 3 * 3
    assert indicators[0] == publish_data.INDICATOR_HEADER
    assert len(indicators) == 1 + sum(len(demo_workspace.indicators.year_totals(i.id))
                                      for i in demo_workspace.indicators.active())
    by_name = dict(zip(commitments[0], commitments[1]))
    assert by_name["promised_per_year"] == "40" and by_name["delivered_so_far"] == "69"
    assert by_name["rating"] == "Good" and by_name["contract_start"] == "2025-04-01"
    assert all(len(row) == len(commitments[0]) for row in commitments)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_the_neutraliser_covers_every_formula_start(start):
    assert spreadsheet_safe(start + "1+1") == "'" + start + "1+1"
    assert spreadsheet_safe("plain " + start) == "plain " + start


def test_no_text_cell_can_start_a_formula_and_text_round_trips(demo_workspace):
    make_hostile(demo_workspace)
    files = publication_files(everything(demo_workspace))
    texts = 0
    for name in ("commitments.csv", "progress.csv", "indicators.csv"):
        for row in _rows(files[name])[1:]:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (name, cell)
                if HOSTILE in cell:
                    texts += 1
                    assert cell.startswith("'")   # the text itself is kept whole after the apostrophe
    assert texts >= 10


def test_data_json_validates_against_the_schema_shipped_beside_it(files):
    schema = json.loads(files[publish_data.SCHEMA_NAME])
    assert schema == json.loads((paths.resource("schema") / publish_data.SCHEMA_NAME).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(files["data.json"])
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["contracts"][0]["commitments"][0]["rating"]["label"] == "Good"
    assert data["licence"]["name"] == "Open Government Licence v3.0"


def test_hostile_text_still_validates_and_reads_back_exactly(demo_workspace):
    make_hostile(demo_workspace)
    files = publication_files(everything(demo_workspace, "cc-by"))
    data = json.loads(files["data.json"])
    jsonschema.validate(data, json.loads(files[publish_data.SCHEMA_NAME]))
    assert data["organisation"]["name"] == "@SUM(A1) " + HOSTILE   # JSON is data, not a spreadsheet
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_schema_rejects_what_it_should(files):
    schema = json.loads(files[publish_data.SCHEMA_NAME])
    data = json.loads(files["data.json"])
    data["contracts"][0]["commitments"][0]["story"] = "a private story"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_readme_names_every_file_and_the_licence(demo_workspace):
    for key, name in (("ogl", "Open Government Licence v3.0"), ("cc-by", "CC BY 4.0")):
        text = publication_files(everything(demo_workspace, key))["README.txt"].decode("utf-8")
        assert name in text
        for file_name in FILE_NAMES:
            assert file_name in text, file_name
        assert "No personal information is published" in text


@pytest.mark.slow
def test_libreoffice_calc_converts_every_csv_to_xlsx_with_no_formula(demo_workspace, tmp_path):
    make_hostile(demo_workspace)
    files = publication_files(everything(demo_workspace))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = []
    for name in ("commitments.csv", "progress.csv", "indicators.csv"):
        (tmp_path / name).write_bytes(files[name])
        sources.append(str(tmp_path / name))
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path / "out"), *sources],
        capture_output=True, text=True, timeout=300)
    if "no export filter" in (result.stdout + result.stderr).lower() or "Error: source file could not be loaded" in \
            result.stderr:
        pytest.skip("LibreOffice is installed without Calc (libreoffice-calc-nogui)")
    for name in ("commitments", "progress", "indicators"):
        converted = tmp_path / "out" / f"{name}.xlsx"
        assert result.returncode == 0 and converted.is_file(), (result.stdout, result.stderr)
        with zipfile.ZipFile(converted) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode("utf-8")
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "HYPERLINK" in strings and "<f>" not in sheet and "<f " not in sheet   # text, never a formula
