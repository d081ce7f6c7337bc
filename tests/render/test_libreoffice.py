"""When LibreOffice is installed, it opens our .docx and converts it without complaint: a second,
independent reader of the Word file (skipped where soffice is not installed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from svdesk import render
from tests.render.conftest import NAMES


@pytest.mark.slow
def test_libreoffice_converts_the_word_file(full_document, tmp_path, pdftotext):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = render.write(full_document, "docx", tmp_path / "answer.docx")
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: no clash with a running LibreOffice
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    converted = tmp_path / "out" / "answer.pdf"
    assert result.returncode == 0 and converted.is_file(), result.stderr
    text = " ".join(pdftotext(converted, tmp_path).split())
    for needle in NAMES:
        assert needle in text, needle
    assert "Page 1 of" in text


@pytest.mark.slow
def test_libreoffice_converts_every_word_file_svdesk_exports(demo_workspace, tmp_path):
    """Every export of the registry that writes .docx (statement, tender answers, delivery report,
    CIC34 report, consent form), from the demo organisation, converted in one LibreOffice run."""
    from svdesk.services.export_registry import EXPORTS

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    written = []
    for number, export in enumerate(item for item in EXPORTS if "docx" in item.formats):
        folder = tmp_path / f"export-{number}"
        folder.mkdir()
        written += [path for path in export.run(demo_workspace, folder) if path.suffix == ".docx"]
    assert len(written) >= 5
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path / "out"), *map(str, written)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    missing = [path.name for path in written if not (tmp_path / "out" / f"{path.stem}.pdf").is_file()]
    assert missing == []
