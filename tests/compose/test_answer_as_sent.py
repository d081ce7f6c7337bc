"""Every export of an answer is within the limit as the buyer counts it (Word's count of the whole
.docx, ``wc -w`` of the text), and nothing meant for the person reaches the buyer."""

import datetime as dt
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk.compose.answer_as_sent import NBSP, keep_units_with_numbers
from svdesk.services.answer_limits import buyer_word_count
from svdesk.compose.answer_model import ensure_full_stop
from svdesk.compose.tender import answer_for_export, draft_answer
from svdesk.services.tenders import redraft_answer as redraft
from svdesk.services.exports import export_answer
from svdesk.domain.errors import SvdeskError
from svdesk.domain.words import count_words

TODAY = dt.date(2026, 11, 22)
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"
WON = "61f67f22-6977-5fca-ab0c-eaf84f58bda6"


def word_count_of_docx(path) -> int:
    """What Word counts: every paragraph of the body and every table cell (not the page footer)."""
    import docx

    document = docx.Document(str(path))
    words = sum(count_words(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                words += sum(count_words(p.text) for p in cell.paragraphs)
    return words


def wc_words(path) -> int:
    if shutil.which("wc") is None:
        return count_words(path.read_text("utf-8"))
    out = subprocess.run(["wc", "-w", str(path)], capture_output=True, text=True, check=True,
                         env={"LC_ALL": "C.UTF-8"}).stdout
    return int(out.split()[0])


@pytest.mark.slow  # thirty redrafts and exports; the fast suite has the examples below
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.integers(min_value=20, max_value=2000), fmt=st.sampled_from(["docx", "md", "txt", "pdf"]),
       tender=st.sampled_from([DRAFTING, WON]))
def test_every_format_is_within_every_limit_as_the_buyer_counts(demo_workspace, tmp_path, limit, fmt, tender):
    _export_within_the_limit(demo_workspace, tmp_path, limit, fmt, tender)


@pytest.mark.parametrize(("limit", "fmt", "tender"), [(20, "docx", DRAFTING), (75, "txt", WON), (150, "md", DRAFTING),
                                                       (40, "pdf", WON)])
def test_each_format_is_within_a_tight_limit_as_the_buyer_counts(demo_workspace, tmp_path, limit, fmt, tender):
    _export_within_the_limit(demo_workspace, tmp_path, limit, fmt, tender)


def _export_within_the_limit(demo_workspace, tmp_path, limit, fmt, tender):
    demo_workspace.tenders.update(tender, word_limit=limit)
    redraft(demo_workspace, tender, TODAY)
    out = tmp_path / f"answer.{fmt}"
    # "current": the fresh draft (a won tender would otherwise export its answer as sent).
    export_answer(demo_workspace, tender, fmt, out, which="current", today=TODAY)
    if fmt == "docx":
        assert word_count_of_docx(out) <= limit
    elif fmt in ("md", "txt"):
        assert wc_words(out) <= limit
        assert count_words(out.read_text("utf-8")) <= limit
    else:
        answer = answer_for_export(demo_workspace, tender, "current", TODAY)
        assert buyer_word_count(answer.document, "pdf") <= limit


def test_the_title_block_is_in_the_footer_and_properties_not_the_body(demo_workspace, tmp_path):
    import docx

    out = tmp_path / "answer.docx"
    export_answer(demo_workspace, DRAFTING, "docx", out, today=TODAY)
    document = docx.Document(str(out))
    tender = demo_workspace.tenders.get(DRAFTING)
    # The body: its paragraphs and the cells of its tables (a part asking for quantities has one).
    body = "\n".join([*(p.text for p in document.paragraphs),
                      *(cell.text for table in document.tables for row in table.rows for cell in row.cells)])
    assert tender.title not in body and "Draft of" not in body and "words (limit" not in body
    assert document.paragraphs[0].style.name.startswith("Heading")
    footer = "".join(p.text for p in document.sections[0].footer.paragraphs)
    assert tender.title in footer and tender.buyer in footer
    assert document.core_properties.title == tender.title
    assert word_count_of_docx(out) == count_words(body)


def test_the_markdown_file_adds_no_words_to_the_answer(demo_workspace, tmp_path):
    draft = redraft(demo_workspace, DRAFTING, TODAY)
    for fmt in ("md", "txt"):
        out = tmp_path / f"answer.{fmt}"
        export_answer(demo_workspace, DRAFTING, fmt, out, today=TODAY)
        # Markdown writes the editor's words exactly; the text file sets a table in columns (no "|").
        words = count_words(out.read_text("utf-8"))
        assert words == draft.words if fmt == "md" else words <= draft.words
        assert "##" not in out.read_text("utf-8") and "\n>" not in out.read_text("utf-8")


def test_a_stored_answer_over_its_limit_is_refused_in_every_format(demo_workspace, tmp_path):
    demo_workspace.tenders.update(DRAFTING, word_limit=20)
    demo_workspace.tenders.save_answer_text(DRAFTING, "Our commitment\n\n" + " ".join(["word"] * 30) + ".")
    for fmt in ("docx", "pdf", "md", "txt"):
        out = tmp_path / f"answer.{fmt}"
        with pytest.raises(SvdeskError, match="over the limit of 20"):
            export_answer(demo_workspace, DRAFTING, fmt, out, today=TODAY)
        assert not out.exists()
        outcome = export_answer(demo_workspace, DRAFTING, fmt, out, today=TODAY, allow_over_limit=True)
        assert any("over the limit of 20" in note for note in outcome.notes)
    from svdesk.services.exports import clipboard_answer

    with pytest.raises(SvdeskError, match="nothing was copied"):
        clipboard_answer(demo_workspace, DRAFTING, today=TODAY)
    assert clipboard_answer(demo_workspace, DRAFTING, today=TODAY, allow_over_limit=True)[0].startswith("Our")


def test_no_check_marks_and_no_library_guidance_reach_the_buyer(demo_workspace):
    from dataclasses import replace

    from svdesk.store.indicator_library import library

    ws = demo_workspace
    ws.tenders.update(DRAFTING, word_limit=None, question="")   # the evaluator order shows the buyer's outcomes
    tag = "ppn002/fair-work"
    ws.tags.set_tags("tenders", DRAFTING, [tag])
    indicator = ws.indicators.active()[0]
    guidance = library()[0].suggestions[0]
    ws.indicators.save(replace(indicator, how_collected=guidance.how_collected, library_key=guidance.key))
    text = draft_answer(ws, DRAFTING, TODAY).text
    assert "Fair work" in text and "(check)" not in text
    assert f"{indicator.name}:" in text
    assert f"Source: {guidance.how_collected.split('.')[0]}" not in text


def test_numbers_keep_their_units_and_brackets_take_a_full_stop():
    assert keep_units_with_numbers("60 % of 12 young people by 3 Dec 2026") == \
        f"60{NBSP}% of 12{NBSP}young people by 3{NBSP}Dec 2026"
    assert keep_units_with_numbers("version v2 is 1,200 hours") == f"version v2 is 1,200{NBSP}hours"
    assert ensure_full_stop("We report to the board (quarterly)") == "We report to the board (quarterly)."
    assert ensure_full_stop("We report (as agreed.)") == "We report (as agreed.)"
    assert count_words(f"60{NBSP}%") == 2   # a count splits there as Word's may: never an undercount
