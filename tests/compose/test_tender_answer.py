"""The drafted answer, on the demo organisation: evaluator order, promises kept apart from results,
the agreed statement only, the consent gate, money only when switched on, exports read back."""

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from svdesk.compose.answer_text import text_to_blocks
from svdesk.document.model import BulletList, Document, Heading, Paragraph, Quote
from svdesk.compose.tender import answer_for_export, draft_answer
from svdesk.services.tenders import redraft_answer as redraft
from svdesk.services.exports import export_answer
from svdesk.domain.consent import Use
from svdesk.domain.errors import SvdeskError
from svdesk.domain.words import count_words
from svdesk.render.text import render_text

TODAY = dt.date(2026, 11, 22)
WON = "61f67f22-6977-5fca-ab0c-eaf84f58bda6"
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"
HOSTILE = "Łukasz & Zoë paid €40 — x<y>z & <b>not bold</b>"
YEAR = re.compile(r"\b20\d\d/\d\d\b")


@pytest.fixture(autouse=True)
def _question_without_parts(demo_workspace):
    """These tests hold the evaluator-order layout, used when the question has no parts svdesk
    recognises; tests/compose/test_answer_parts.py holds the drafts led by the question's parts."""
    for tender_id in (DRAFTING, WON):
        demo_workspace.tenders.update(tender_id, question="")


def _sections(text: str) -> dict[str, list]:
    found, current = {}, None
    for block in text_to_blocks(text):
        if isinstance(block, Heading):
            current = block.text
            found[current] = []
        elif current is not None:
            found[current].append(block)
    return found


def _texts(blocks) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, BulletList):
            out += list(block.texts)
        elif isinstance(block, (Paragraph, Quote)):
            out.append(block.text)
    return out


def _unlimited(workspace, tender_id=DRAFTING):
    workspace.tenders.update(tender_id, word_limit=None)
    return draft_answer(workspace, tender_id, TODAY)


def test_sections_come_in_the_order_evaluators_read(demo_workspace):
    draft = _unlimited(demo_workspace)
    assert list(_sections(draft.text)) == [
        "Our commitments", "How we will deliver them", "How we will measure and report them", "Our track record",
        "Why it matters here"]
    assert draft.left_out == ()


def test_promises_and_results_are_never_blurred(demo_workspace):
    sections = _sections(_unlimited(demo_workspace).text)
    promises = _texts(sections["Our commitments"])
    assert promises and all(" will " in text for text in promises)
    assert not any(YEAR.search(text) or "Source:" in text for text in promises)
    results = [b for b in sections["Our track record"] if isinstance(b, BulletList)][0].texts
    assert len(results) == 3
    for line in results:
        assert YEAR.search(line) and "Source:" in line   # a measured figure, its period and its source
        assert " will " not in f" {line} "
    # The three plans talk about the future only.
    for text in _texts(sections["How we will measure and report them"]):
        assert not YEAR.search(text)


def test_the_draft_fits_the_limit_and_says_what_it_left_out(demo_workspace):
    draft = draft_answer(demo_workspace, DRAFTING, TODAY)
    assert draft.limit == 500 and draft.words <= 500
    assert draft.left_out and draft.left_out[0].startswith("Left out the second story")
    # Counted as the text export counts it: headings, bullets and attributions included.
    exported = render_text(Document(title="", blocks=text_to_blocks(draft.text)))
    assert count_words(exported) == draft.words


def test_only_the_agreed_statement_is_used(demo_workspace):
    agreed = demo_workspace.statements.current_agreed()
    demo_workspace.statements.save_text(full_text="UNAGREED DRAFT WORDING that nobody signed off.",
                                        short_text="UNAGREED SHORT WORDING.")
    text = _unlimited(demo_workspace).text
    assert "UNAGREED" not in text
    assert agreed.full_text.split(".")[0] in text


def test_without_an_agreed_statement_the_answer_says_nothing_of_it(workspace):
    workspace.statements.save_text(full_text="A draft we have not agreed.", short_text="Draft only.")
    tender = workspace.tenders.create(buyer="Council", title="Lot")
    workspace.tenders.add_commitment(tender.id, promise="Ten placements", for_whom="young people", per_year=10,
                                     unit="placements")
    draft = draft_answer(workspace, tender.id, TODAY)
    assert "draft we have not agreed" not in draft.text.lower()
    assert any("not agreed yet" in check for check in draft.checks)


def _refused_and_allowed(workspace):
    decisions = workspace.stories.decisions_for(Use.TENDERS_FUNDERS, TODAY)
    refused = [summary for summary, decision in decisions if not decision.allowed]
    allowed = [summary for summary, decision in decisions if decision.allowed]
    return refused, allowed


def test_a_story_without_tender_consent_never_appears_even_when_chosen(demo_workspace):
    refused, allowed = _refused_and_allowed(demo_workspace)
    assert len(refused) >= 2 and allowed
    chosen = (*(summary.id for summary in refused), allowed[0].id)
    demo_workspace.tenders.update(DRAFTING, stories_chosen=True, story_ids=chosen)
    draft = _unlimited(demo_workspace)
    assert draft.story_ids == (allowed[0].id,)
    for summary in refused:
        story = demo_workspace.stories.get(summary.id)
        pieces = [p.strip() for field in (story.before, story.what_we_did, story.after, story.quote)
                  for p in field.split(".") if len(p.split()) >= 4]
        assert pieces and not any(piece in draft.text for piece in pieces), story.title
        assert story.title not in draft.text
    assert any("cannot be used for tenders" in check for check in draft.checks)


def test_withdrawn_consent_stops_the_story_in_new_drafts_and_in_exports(demo_workspace, tmp_path):
    draft = redraft(demo_workspace, DRAFTING, TODAY)
    story_id = draft.story_ids[0]
    story = demo_workspace.stories.get(story_id)
    demo_workspace.stories.withdraw(story_id, TODAY, "Asked us to stop using it.")
    # The editor holds svdesk's own draft, unedited: the export drafts it again without the story.
    outcome = export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "a.txt", today=TODAY)
    assert story.quote not in outcome.path.read_text("utf-8")
    assert any("drafted again" in note for note in outcome.notes)
    # Once the person has edited the text, it is theirs: exporting it is refused, with the reason.
    demo_workspace.tenders.save_answer_text(DRAFTING, draft.text + "\n\nOne more line of our own.")
    with pytest.raises(SvdeskError, match="withdrawn"):
        export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "b.txt", today=TODAY)
    assert not (tmp_path / "b.txt").exists()
    # A new draft leaves it out.
    again = draft_answer(demo_workspace, DRAFTING, TODAY)
    assert story_id not in again.story_ids and story.quote not in again.text


def test_anonymous_stories_never_show_a_name_or_pseudonym(demo_workspace):
    anonymous = next(s for s in demo_workspace.stories.usable_for(Use.TENDERS_FUNDERS, TODAY)
                     if s.level.value == "anonymous")
    story = demo_workspace.stories.get(anonymous.story_id)
    demo_workspace.stories.save(replace(story, person_name="Mohammed Rahman", pseudonym="Mo",
                                        after=story.after + " Mohammed says Mo is his nickname at college."))
    demo_workspace.tenders.update(DRAFTING, stories_chosen=True, story_ids=(anonymous.story_id,))
    text = _unlimited(demo_workspace).text
    assert anonymous.who in text
    for word in ("Mohammed", "Rahman", " Mo "):
        assert word not in text


def test_money_appears_only_when_switched_on_and_as_an_estimate(demo_workspace):
    bikes = next(i for i in demo_workspace.indicators.active() if i.name.startswith("Bikes refurbished"))
    assert "Estimated social value" not in _unlimited(demo_workspace).text
    valuation = demo_workspace.indicators.valuation(bikes.id)
    demo_workspace.indicators.save_valuation(bikes.id, replace(valuation, enabled=True))
    text = _unlimited(demo_workspace).text
    estimate = next(line for line in text.split("\n") if line.startswith("Estimated social value"))
    assert "estimate, not a measured amount" in estimate and "Assumptions:" in estimate
    assert "£" in estimate and "2025/26" in estimate


def _pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout


def test_exports_read_back_every_character(demo_workspace, tmp_path):
    import docx

    demo_workspace.tenders.update(DRAFTING, buyer=HOSTILE)
    state = redraft(demo_workspace, DRAFTING, TODAY)
    edited = state.text.replace("Our commitments", "Our commitments\n\n" + HOSTILE + ".", 1)
    demo_workspace.tenders.save_answer_text(DRAFTING, edited)
    words = {"Łukasz", "Zoë", "€40", "x<y>z", "&", "<b>not", "bold</b>"}
    for fmt in ("docx", "pdf", "md", "txt"):
        # The sentence added takes the answer over its limit: exported only when asked to.
        outcome = export_answer(demo_workspace, DRAFTING, fmt, tmp_path / f"answer.{fmt}", today=TODAY,
                                allow_over_limit=True)
        if fmt == "docx":
            document = docx.Document(str(outcome.path))
            text = "\n".join(p.text for p in document.paragraphs)
            assert HOSTILE + "." in text
            assert "Our commitments" in [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        elif fmt == "pdf":
            text = _pdf_text(outcome.path)
            assert all(word in text for word in words)
            assert "x<y>z & <b>not bold</b>" in " ".join(text.split())
        elif fmt == "txt":
            text = outcome.path.read_text("utf-8")
            assert HOSTILE in " ".join(text.split())
        else:
            text = outcome.path.read_text("utf-8")
            assert "x\\<y\\>z \\& \\<b\\>not bold\\</b\\>" in text


def test_each_export_records_the_stories_it_uses(demo_workspace, tmp_path):
    draft = redraft(demo_workspace, DRAFTING, TODAY)
    story_id = draft.story_ids[0]
    before = len(demo_workspace.stories.uses_of(story_id))
    outcome = export_answer(demo_workspace, DRAFTING, "docx", tmp_path / "answer.docx", today=TODAY)
    uses = demo_workspace.stories.uses_of(story_id)
    assert len(uses) == before + 1 and "answer.docx" in uses[-1].document
    assert any("use log" in note for note in outcome.notes)
    # A story the person deleted from the text is not in the export, so its use is not recorded.
    other = draft.story_ids[0]
    state = demo_workspace.tenders.answer(DRAFTING)
    quote = demo_workspace.stories.get(other).quote
    kept = [chunk for chunk in state.text.split("\n\n") if "Case study" not in chunk and quote[:20] not in chunk]
    demo_workspace.tenders.save_answer_text(DRAFTING, "\n\n".join(kept))
    assert answer_for_export(demo_workspace, DRAFTING, today=TODAY).story_ids == ()


def test_a_sent_answer_exports_as_sent(demo_workspace):
    demo_workspace.tenders.save_answer_text(WON, "Something typed later.")
    answer = answer_for_export(demo_workspace, WON, today=TODAY)
    assert answer.kind == "submitted" and answer.submitted_on == dt.date(2025, 2, 13)
    assert "Something typed later" not in answer.text
    assert "Submitted 13 Feb 2025" in " ".join(answer.document.meta)
    assert answer_for_export(demo_workspace, WON, "current", TODAY).text == "Something typed later."


def test_delivery_report_sets_promises_against_results(demo_workspace):
    from svdesk.compose.delivery import delivery_document

    document = delivery_document(demo_workspace, WON, TODAY)
    text = render_text(document)
    assert document.title.startswith("Delivery report")
    assert "What we promised: We will deliver this for young people aged 16–24" in text
    flat = " ".join(text.split())
    assert "69 of 120 young people completing the course so far" in flat
    assert "(how it counts: new people added up)" in flat
    assert "Q2 2026/27 (Jul–Sep 2026): 14" in text
    with pytest.raises(SvdeskError, match="has not been won"):
        delivery_document(demo_workspace, DRAFTING, TODAY)


def test_registered_exports_write_every_format(demo_workspace, tmp_path):
    from svdesk.services.export_registry import EXPORTS

    for export in EXPORTS:
        if export.name not in ("tender answer", "delivery report"):
            continue
        out = tmp_path / export.name.replace(" ", "-")
        out.mkdir()
        written = export.run(demo_workspace, out)
        assert {path.suffix.lstrip(".") for path in written} == set(export.formats)
        assert all(path.stat().st_size > 0 and path.parent == out for path in written)
