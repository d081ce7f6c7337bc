"""The statement document: built from the agreed version only, never the draft."""

import datetime as dt
import subprocess
import zipfile

import pytest

from svdesk.compose.statement import statement_document
from svdesk.services.exports import export_all_statements as export_all
from svdesk.services.exports import export_statement
from svdesk.domain.errors import SvdeskError
from svdesk.domain.statement import Agreement


def test_nothing_agreed_means_nothing_to_export(workspace, tmp_path):
    workspace.statements.save_text(full_text="A draft only.", short_text="Draft.")
    assert statement_document(workspace) is None
    assert export_all(workspace, tmp_path) == []
    with pytest.raises(SvdeskError, match="not been agreed"):
        export_statement(workspace, tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []


def test_the_document_uses_the_agreed_version_not_the_draft(workspace):
    repo = workspace.statements
    repo.save_text(full_text="Agreed words about older people.\n\nSecond paragraph.", short_text="Agreed short.")
    repo.set_tags(["toms/social"])
    repo.agree(Agreement(dt.date(2026, 3, 3), "Board meeting", "Minute 4"), today=dt.date(2026, 11, 22))
    repo.save_text(full_text="DRAFT that nobody agreed.")
    document = statement_document(workspace)
    from svdesk.render import render_text

    text = render_text(document)
    assert "Agreed words about older people." in text and "Second paragraph." in text
    assert "DRAFT" not in text
    assert document.subtitle == "Test CIC" and document.meta == ("Agreed 3 Mar 2026 by Board meeting",)
    assert "National TOMs — Social" in text
    assert "Version 1. Agreed 3 Mar 2026 by Board meeting. Minute 4" in text


def test_demo_exports_in_every_format_and_reads_back(demo_workspace, tmp_path):
    written = export_all(demo_workspace, tmp_path)
    assert sorted(path.suffix for path in written) == [".docx", ".md", ".pdf", ".txt"]
    text = (tmp_path / "Riverside Bike Works CIC social value statement.txt").read_text("utf-8")
    assert "Agreed 3 Mar 2026 by Board meeting" in text and "In one sentence" in text
    with zipfile.ZipFile(tmp_path / "Riverside Bike Works CIC social value statement.docx") as docx:
        assert "community bike workshop" in docx.read("word/document.xml").decode("utf-8")
    pdf = tmp_path / "Riverside Bike Works CIC social value statement.pdf"
    try:
        result = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    except FileNotFoundError:
        pytest.skip("pdftotext is not installed")
    assert "Our social value statement" in result.stdout and "bike mechanics" in result.stdout
