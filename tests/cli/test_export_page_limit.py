"""A page limit in the question ("no more than 2 sides of A4", "one page maximum") is enforced
like the word limit: a Word or PDF file longer than that, counted as pages of A4, is refused with
a plain message unless the person allows it; the PDF's own pages are what was counted."""

import re

import pytest

from svdesk.cli import main

DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"
LONG = "\n\n".join(f"Paragraph {n}. " + "We train young people as bike mechanics in the city. " * 12
                   for n in range(40))   # about 4,000 words: several pages


def _set(demo_copy, question: str, text: str = LONG) -> None:
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(demo_copy)
    workspace.tenders.update(DRAFTING, question=question, word_limit=None)
    workspace.tenders.save_answer_text(DRAFTING, text)
    workspace.close()


QUESTIONS = [
    ("Describe your social value offer (no more than 2 sides of A4).", 2),
    ("Describe your commitments. Maximum of one page.", 1),
    ("Set out your approach to local employment. Your response must not exceed 3 pages.", 3),
    ("Disgrifiwch eich cynnig / Describe your offer. Up to 2 x sides of A4, font size 11.", 2),
]
# Every phrasing is checked against a PDF's own pages in the fast suite, and a Word file with the
# first phrasing (the fast representative of Word); every phrasing in Word in the whole suite.
CASES = [pytest.param(fmt, question, limit, marks=[pytest.mark.slow] if fmt == "docx" and number else [])
         for fmt in ("docx", "pdf") for number, (question, limit) in enumerate(QUESTIONS)]


@pytest.mark.parametrize("fmt, question, limit", CASES)
def test_over_the_page_limit_is_refused_unless_allowed(demo_copy, tmp_path, capsys, question, limit, fmt):
    _set(demo_copy, question)
    out = tmp_path / f"answer.{fmt}"
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"limit of {limit} page" in err and "pages of A4" in err and "--allow-over-limit" in err
    assert "Traceback" not in err and not out.exists()
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "--allow-over-limit", "-o", str(out)]) == 0
    assert f"over the question's limit of {limit} page" in capsys.readouterr().err and out.exists()
    if fmt == "pdf":
        pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", out.read_bytes()))
        counted = int(re.search(r"fills (\d+) pages", err).group(1))
        assert pages == counted > limit


def test_within_the_page_limit_and_portal_formats_are_not_refused(demo_copy, tmp_path, capsys):
    _set(demo_copy, "Describe your offer (no more than 2 sides of A4).", "We train young people as bike mechanics.")
    for fmt in ("docx", "pdf"):
        assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(tmp_path / f"a.{fmt}")]) == 0
    # Text goes into a portal, which counts words: a page limit says nothing about it.
    _set(demo_copy, "Describe your offer (no more than 1 side of A4).")
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(tmp_path / "a.txt")]) == 0
    assert "pages of A4" not in capsys.readouterr().err


def test_the_window_is_warned_about_pages(demo_workspace):
    from svdesk.services.answer_limits import over_limit_warning

    demo_workspace.tenders.update(DRAFTING, question="Describe your offer. One page maximum.", word_limit=None)
    demo_workspace.tenders.save_answer_text(DRAFTING, LONG)
    warning = over_limit_warning(demo_workspace, DRAFTING, "pdf")
    assert "limit of 1 page" in warning and "non-compliant" in warning
    assert over_limit_warning(demo_workspace, DRAFTING, "txt") == ""


def test_criteria_not_covered_are_named_on_stderr(demo_copy, tmp_path, capsys):
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(demo_copy)
    workspace.tenders.update(DRAFTING, local_context="", question="Describe your offer.\n\nEvaluation criteria\n"
                             "- Relevance to the local area\n- Benefits over and above the core contract")
    workspace.close()
    out = tmp_path / "answer.txt"
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "What the buyer will score" in err and "“Relevance to the local area” — " in err
    assert "Relevance to the local area" not in out.read_text("utf-8")
