"""A document with every block type and the awkward text a real user types, and a way to read a
PDF back as text (pdftotext, from poppler-utils)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figure, Figures, Heading, PageBreak, Paragraph, Quote, Series, Table, bold,
    italic,
)

HOSTILE = "x<y>z & <b>not bold"
NAMES = ("Łukasz", "Zoë", "€", "—", "ŵ ŷ", "Siân", HOSTILE)


def every_block_document() -> Document:
    return Document(
        title="Social value answer — Birmingham City Council",
        subtitle="Youth cycling skills & bike repair <contract BCC-2026-114>",
        meta=("Riverside Bike Works CIC · Company 12345678", "Prepared 22 Nov 2026"),
        footer="Riverside Bike Works CIC · Social value answer",
        author="Riverside Bike Works CIC",
        blocks=[
            Heading(1, "Our commitment"),
            Paragraph("We will train 90 young people aged 16–24 from Digbeth.", role="lead"),
            Paragraph(["Łukasz, Zoë and Gwŷn (ŵ ŷ) told Siân: ", bold(HOSTILE), " — prices in € and £, ",
                       italic("*not italic*"), ".\nA line of its own."]),
            BulletList(["30 young people a year", ["100 bikes ", bold("back on the road")]]),
            Heading(2, "How we will deliver it"),
            BulletList(["Recruit through the youth centre", "Weekly sessions"], numbered=True),
            Heading(3, "Milestones"),
            Table(("Milestone", "By", "Young people"),
                  [("First cohort | starts", "Apr 2027", "10"), ("Year 1 complete", "Mar 2028", "30")],
                  caption="Numbers are cumulative."),
            BulletList(["Second numbered list starts at one"], numbered=True),
            Figures([Figure("58", "young people trained"), Figure("£18k", "estimated value")]),
            ChartSpec("Young people completing the course", "line",
                      [Series("Completed", [("2023/24", 31), ("2024/25", 42), ("2025/26", 58)])],
                      target=60, baseline=18, unit="young people", caption="Source: attendance registers."),
            ChartSpec("Bikes refurbished", "bar",
                      [Series("2024/25", [("Q1", 22), ("Q2", 31)]), Series("2025/26", [("Q1", 30), ("Q2", 35)])],
                      target=35, unit="bikes"),
            Quote("“Before I came here I had never finished anything.”", "Jay, 19 (shared with consent)"),
            Paragraph("Estimate: about £18,000 a year (assumption: £60 a bike).", role="estimate"),
            Paragraph("Source: our records.", role="note"),
            Paragraph("Check the dates before sending.", role="warning"),
            PageBreak(),
            Heading(1, "Why it matters here"),
            Paragraph("Digbeth has one of the highest youth unemployment rates in Birmingham."),
        ],
    )


@pytest.fixture
def full_document() -> Document:
    return every_block_document()


def _need_pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("pdftotext (poppler-utils) is required in CI to read PDFs back")
    pytest.skip("pdftotext is not installed (apt-get install poppler-utils) so PDFs cannot be read back")


@pytest.fixture
def pdftotext():
    """A function: PDF bytes or path -> the text pdftotext reads from it (layout order)."""
    binary = _need_pdftotext()

    def read(pdf, tmp_dir, *, raw: bool = False) -> str:
        if isinstance(pdf, bytes):
            path = tmp_dir / "read.pdf"
            path.write_bytes(pdf)
        else:
            path = pdf
        args = [binary, "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout

    return read
