"""`svdesk export cic34` and `svdesk export summary`, run as a person would: in a child process
(the whole suite) and in this process (the fast suite; the ``svdesk`` fixture)."""

import shutil
import subprocess

import pytest


@pytest.fixture
def run(svdesk):
    """``svdesk ARGS``: in this process in the fast suite, in a child process too in the whole suite."""
    return svdesk


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60)
    return result.stdout


def test_cic34_text_for_a_chosen_year(demo_copy, tmp_path, run):
    out = tmp_path / "report.txt"
    result = run("export", "cic34", demo_copy, "--year", "2024/25", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Wrote the CIC34 report for 2024/25" in result.stdout
    text = out.read_text("utf-8")
    assert "Year ending: 31 March 2025" in text
    assert "Sam Okafor: £24,500" in text
    assert "No transfer of assets other than for full consideration has been made." in text
    assert "Date: 9 Dec 2025" in text


@pytest.mark.slow
def test_cic34_word_and_pdf(demo_copy, tmp_path, run):
    docx = pytest.importorskip("docx")
    result = run("export", "cic34", demo_copy, "--year", "2025/26", "--format", "docx", "-o", tmp_path / "r.docx")
    assert result.returncode == 0, result.stderr
    assert "not dated yet" in result.stdout  # the checks worth a look are listed
    document = docx.Document(str(tmp_path / "r.docx"))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Part 3 – Directors' remuneration" in text
    assert "There were no other transactions or arrangements" in text
    assert "Small Heath Community Food Bank" in text
    result = run("export", "cic34", demo_copy, "--year", "2025/26", "-o", tmp_path / "r.pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "Part 4 – Transfers of assets" in pdf_text(tmp_path / "r.pdf")


def test_cic34_default_year_is_the_latest_finished_one(demo_copy, tmp_path, run):
    import datetime as dt

    from svdesk.domain.financial_year import YearEnd, year_containing

    result = run("export", "cic34", demo_copy, "-o", tmp_path / "r.txt")
    assert result.returncode == 0, result.stderr
    year_end = YearEnd(31, 3)
    expected = year_containing(dt.date.today(), year_end).previous(year_end).label
    assert f"for {expected} " in result.stdout


@pytest.mark.parametrize("args, message", [
    (("--year", "2025/27"), "second year must follow"),
    (("--year", "banana"), "is not a financial year"),
    (("--format", "md"), "invalid choice"),
])
def test_cic34_bad_input_gets_a_sentence(demo_copy, tmp_path, args, message, run):
    result = run("export", "cic34", demo_copy, *args, "-o", tmp_path / "r.txt")
    assert result.returncode in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.txt").exists()


def test_cic34_output_name_without_a_known_suffix(demo_copy, tmp_path, run):
    result = run("export", "cic34", demo_copy, "-o", tmp_path / "report.odt")
    assert result.returncode == 1
    assert "--format" in result.stderr


def test_summary_pdf(demo_copy, tmp_path, run):
    out = tmp_path / "summary.pdf"
    result = run("export", "summary", demo_copy, "--year", "2025/26", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Riverside Bike Works CIC" in text and "Our impact in 2025/26" in text


def test_summary_must_be_pdf(demo_copy, tmp_path, run):
    result = run("export", "summary", demo_copy, "-o", tmp_path / "summary.docx")
    assert result.returncode == 1
    assert "is a PDF" in result.stderr


def test_cic34_with_parts_unrecorded_is_not_exported_and_names_them(run, tmp_path):
    # A new CIC that has entered nothing about pay, transfers or consulting: the form needs either
    # the records or the person's "none this year", so no report is written (not even a draft).
    import datetime as dt

    from svdesk.domain.organisation import Organisation
    from svdesk.store.workspace import create_workspace

    path = tmp_path / "Growing Minds CIC.svdesk"
    create_workspace(path, Organisation(name="Growing Minds CIC", company_number="12345678",
                                        incorporated_on=dt.date(2024, 6, 1))).close()
    out = tmp_path / "report.pdf"
    result = run("export", "cic34", path, "--year", "2024/25", "-o", out)
    assert result.returncode == 1, result.stdout
    assert "not exported" in result.stderr and "Traceback" not in result.stderr
    for part in ("Part 2 (consulting stakeholders)", "Part 3 (directors' pay)", "Part 4 (transfers of assets)"):
        assert part in result.stderr
    assert "none this year" in result.stderr
    assert not out.exists() and not list(tmp_path.glob("report*"))

    # Confirmed "none this year" for each part: the report is written with its nil statements.
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(path)
    try:
        for what in ("consultation", "pay", "transfers"):
            workspace.cic34_none.confirm(dt.date(2025, 3, 31), what, dt.date(2025, 6, 1))
    finally:
        workspace.close()
    result = run("export", "cic34", path, "--year", "2024/25", "-o", tmp_path / "report.txt")
    assert result.returncode == 0, result.stderr
    assert "No remuneration was received." in (tmp_path / "report.txt").read_text("utf-8")
