"""Exports a screen reader can use (issue 20): Word files with real heading styles and a
description on every picture; PDFs that say in their metadata what they are and in which language
(reportlab cannot tag PDFs: the README offers the Word export as the accessible version)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from svdesk.cli import main


@pytest.mark.parametrize("args", [
    ["export", "cic34", "--year", "2025/26"],
    ["export", "tender", "--tender", "4799f033"],
    ["export", "delivery", "--tender", "61f67f22"],
])
def test_word_exports_use_heading_styles_and_describe_every_picture(demo_copy, tmp_path, capsys, args):
    import docx

    out = tmp_path / "out.docx"
    assert main([args[0], args[1], str(demo_copy), *args[2:], "--format", "docx", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    styles = {paragraph.style.name for paragraph in document.paragraphs}
    # A tender answer is the answer alone (its title goes to the file's properties): its parts are
    # Heading 2 under the portal's own question.
    assert "Title" in styles or any(name.startswith("Heading ") for name in styles), styles
    assert document.core_properties.language == "en-GB" and document.core_properties.title
    for shape in document.inline_shapes:
        assert (shape._inline.docPr.get("descr") or "").strip(), "a picture without a description"


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler's pdfinfo")
@pytest.mark.parametrize("args", [
    ["export", "cic34", "--year", "2025/26", "--format", "pdf"],
    ["export", "summary", "--year", "2025/26"],
    ["export", "consent-form"],
    ["export", "tender", "--tender", "4799f033", "--format", "pdf"],
])
def test_pdfs_carry_a_title_and_their_language(demo_copy, tmp_path, capsys, args):
    out = tmp_path / "out.pdf"
    assert main([args[0], args[1], str(demo_copy), *args[2:], "-o", str(out)]) == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    title = next(line for line in info.splitlines() if line.startswith("Title:"))
    assert title.split(":", 1)[1].strip()
    assert b"/Lang (en-GB)" in out.read_bytes()
