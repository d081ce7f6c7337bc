"""No export prints a person further than their consent allows NOW, whatever text was edited:
each export kind x each consent state, with the name written by hand in the text the person can
edit, and the defects an adversarial test found (issue 13, "People exposed")."""

import datetime as dt
from dataclasses import replace

import pytest

from svdesk.compose.exposure import PersonExposed, check_text, document_text
from svdesk.domain.cic34 import Part
from svdesk.domain.consent import Consent, IdLevel, Method, Use
from svdesk.domain.errors import SvdeskError
from svdesk.domain.financial_year import FinancialYear

TODAY = dt.date(2026, 11, 22)
YEAR = FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
WON = "61f67f22-6977-5fca-ab0c-eaf84f58bda6"
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"
NAME = "Łucja Żółkiewska"
WRITTEN = "ŁUCJA  zolkiewska"  # as someone might type it: other case, no accents, two spaces
ALL_USES = frozenset(Use)


def add_person(workspace, state: str, *, when=dt.date(2025, 9, 1), title="Łucja finds her feet"):
    """A ready story about NAME whose consent is in ``state`` today."""
    story = workspace.stories.new(title, when)
    level = {"first name only": IdLevel.FIRST_NAME, "anonymous": IdLevel.ANONYMOUS}.get(state, IdLevel.NAMED)
    workspace.stories.update(story.id, person_name=NAME, level=IdLevel.NAMED,
                             after="She now runs the Tuesday repair clinic for the whole street.",
                             what_we_did="We trained her over twelve weeks.", quote="I never thought I could do it.")
    consent = Consent(given=True, given_on=dt.date(2025, 9, 2), method=Method.SIGNED_FORM, given_by=NAME,
                      told="How we use stories", uses=ALL_USES, level=level)
    consent = {
        "withdrawn": replace(consent, withdrawn_on=dt.date(2026, 10, 1)),
        "expired": replace(consent, expires_on=dt.date(2026, 3, 31)),
        "use not covered": replace(consent, uses=frozenset({Use.INTERNAL})),
        "no consent": Consent(),
    }.get(state, consent)
    workspace.stories.save_consent(story.id, consent)
    workspace.stories.set_status(story.id, "ready")
    if state == "in the bin":
        workspace.stories.remove(story.id)
    return story.id


# -- where a person can type text into each export --------------------------------------------------
def _tender(ws, text, path):
    from svdesk.services.exports import export_answer

    ws.tenders.save_answer_text(DRAFTING, f"Our commitments\n\nWe thank {text} for her help.")
    return export_answer(ws, DRAFTING, "txt", path, which="current", today=TODAY)


def _delivery(ws, text, path):
    from svdesk.services.exports import export_delivery

    ws.tenders.update(WON, title=f"Bike repairs, with thanks to {text}")
    return export_delivery(ws, WON, "txt", path, TODAY)


def _cic34(ws, text, path):
    from svdesk.compose.cic34 import draft_report
    from svdesk.services.exports import export_report

    drafted = draft_report(ws, YEAR, TODAY).part(Part.ACTIVITIES).drafted
    ws.cic34.save_part_text(YEAR.end, Part.ACTIVITIES, f"{drafted}\nWe thank {text} for her help.", drafted)
    return export_report(ws, YEAR, "txt", path, TODAY)


def _summary(ws, text, path):
    from svdesk.services.exports import export_summary
    from svdesk.domain.consultations import Method as How
    from svdesk.domain.consultations import Stakeholder

    item = ws.consultations.add(dt.date(2026, 3, 20), "Volunteer meeting")
    ws.consultations.save(replace(item, who=(Stakeholder.SERVICE_USERS,), how=How.SURVEY, people=12,
                                  heard="Volunteers wanted a rota.", changed=f"We made {text} rota lead."))
    return export_summary(ws, YEAR, path.with_suffix(".pdf"), TODAY)


def _statement(ws, text, path):
    from svdesk.services.exports import export_statement
    from svdesk.domain.statement import Agreement

    ws.statements.save_text(full_text=f"We train young people as bike mechanics, as {text} did.",
                            short_text="We train young people as bike mechanics.")
    ws.statements.agree(Agreement(dt.date(2026, 3, 3), "Board meeting"), today=TODAY)
    return export_statement(ws, path, "txt")


KINDS = {"tender answer": _tender, "delivery report": _delivery, "CIC34 report": _cic34,
         "impact summary": _summary, "statement": _statement}
STATES = ["withdrawn", "expired", "first name only", "anonymous", "use not covered", "in the bin", "no consent"]


def _written(path):
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith("out"))


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("state", STATES)
def test_every_export_refuses_a_name_consent_does_not_allow_now(demo_workspace, tmp_path, kind, state):
    add_person(demo_workspace, state)
    path = tmp_path / "out" / "doc.txt"
    path.parent.mkdir()
    with pytest.raises(PersonExposed) as refused:
        KINDS[kind](demo_workspace, WRITTEN, path)
    message = str(refused.value)
    assert "Nothing was written" in message and "“Łucja finds her feet”" in message and kind in message
    assert "ŁUCJA zolkiewska" in message or "ŁUCJA" in message
    assert list(path.parent.iterdir()) == []  # no file, no half file


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_person_who_may_be_named_is_printed(demo_workspace, tmp_path, kind):
    add_person(demo_workspace, "named")
    outcome = KINDS[kind](demo_workspace, WRITTEN, tmp_path / "doc.txt")
    assert outcome.path.exists()
    if outcome.path.suffix == ".txt":
        assert "ŁUCJA zolkiewska" in " ".join(outcome.path.read_text("utf-8").split())


def test_first_name_only_allows_the_first_name_alone(demo_workspace, tmp_path):
    add_person(demo_workspace, "first name only")
    outcome = _tender(demo_workspace, "Łucja", tmp_path / "a.txt")
    assert "We thank Łucja for her help." in outcome.path.read_text("utf-8")


# -- the defects ------------------------------------------------------------------------------------
def test_a_story_in_the_bin_copied_into_an_edited_cic34_part_is_not_printed(demo_workspace, tmp_path):
    from svdesk.compose.cic34 import draft_report
    from svdesk.services.exports import export_report

    story_id = add_person(demo_workspace, "named")
    story = demo_workspace.stories.get(story_id)
    part = draft_report(demo_workspace, YEAR, TODAY).part(Part.ACTIVITIES)
    copied = f"{part.drafted}\n{NAME}: {story.after} “{story.quote}”"
    demo_workspace.cic34.save_part_text(YEAR.end, Part.ACTIVITIES, copied, part.drafted)
    demo_workspace.stories.remove(story_id)
    report = draft_report(demo_workspace, YEAR, TODAY)
    assert [item.title for item in report.excluded_in_print()] == ["Łucja finds her feet"]
    with pytest.raises(SvdeskError, match="in the bin"):
        export_report(demo_workspace, YEAR, "txt", tmp_path / "r.txt", TODAY)
    assert not (tmp_path / "r.txt").exists()


def _named_draft(ws):
    """svdesk's own draft of the tender answer, telling the story by full name."""
    from svdesk.services.tenders import redraft_answer as redraft

    story_id = add_person(ws, "named", title="Łucja's repair clinic")
    ws.tenders.update(DRAFTING, word_limit=None, stories_chosen=True, story_ids=(story_id,))
    draft = redraft(ws, DRAFTING, TODAY)
    assert NAME in draft.text
    return story_id, draft


def _lower(ws, story_id, level):
    ws.stories.save_consent(story_id, replace(ws.stories.consent_for(story_id), level=level))


@pytest.mark.parametrize("level", [IdLevel.FIRST_NAME, IdLevel.ANONYMOUS])
def test_a_lowered_level_reaches_svdesks_own_draft_of_an_answer(demo_workspace, tmp_path, level):
    from svdesk.services.exports import export_answer

    story_id, _draft = _named_draft(demo_workspace)
    _lower(demo_workspace, story_id, level)
    outcome = export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "a.txt", which="current", today=TODAY)
    text = outcome.path.read_text("utf-8")
    assert "Żółkiewska" not in text and ("Łucja" in text) is (level is IdLevel.FIRST_NAME)
    assert any("drafted again" in note for note in outcome.notes)


def test_a_lowered_level_refuses_an_edited_answer_naming_the_person(demo_workspace, tmp_path):
    from svdesk.services.exports import export_answer

    story_id, draft = _named_draft(demo_workspace)
    demo_workspace.tenders.save_answer_text(DRAFTING, draft.text + "\nOur own closing line.")
    _lower(demo_workspace, story_id, IdLevel.FIRST_NAME)
    with pytest.raises(PersonExposed, match="first name only"):
        export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "a.txt", which="current", today=TODAY)
    assert not (tmp_path / "a.txt").exists()


def test_a_sent_answer_holding_a_name_no_longer_allowed_is_not_exported_again(demo_workspace, tmp_path):
    from svdesk.services.exports import clipboard_answer, export_answer

    story_id, draft = _named_draft(demo_workspace)
    demo_workspace.tenders.submit(DRAFTING, draft.text, dt.date(2026, 10, 1), story_ids=[story_id])
    _lower(demo_workspace, story_id, IdLevel.FIRST_NAME)
    for attempt in (lambda: export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "a.txt", today=TODAY),
                    lambda: clipboard_answer(demo_workspace, DRAFTING, "submitted", TODAY)):
        with pytest.raises(PersonExposed) as refused:
            attempt()
        message = str(refused.value)
        assert "The answer as sent on 1 Oct 2026 holds a name that consent no longer allows" in message
        assert "A sent answer cannot be changed" in message and "Łucja Żółkiewska" in message
    assert not (tmp_path / "a.txt").exists()
    # The answer being worked on uses the level allowed today.
    outcome = export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "b.txt", which="current", today=TODAY)
    assert "Żółkiewska" not in outcome.path.read_text("utf-8")


def test_a_lowered_level_refuses_an_edited_cic34_part(demo_workspace, tmp_path):
    from svdesk.compose.cic34 import draft_report
    from svdesk.services.exports import export_report

    story_id = add_person(demo_workspace, "named")
    part = draft_report(demo_workspace, YEAR, TODAY).part(Part.ACTIVITIES)
    edited = part.drafted + f"\nThanks to {NAME}, the Tuesday clinic opened."  # written while she could be named
    demo_workspace.cic34.save_part_text(YEAR.end, Part.ACTIVITIES, edited, part.drafted)
    _lower(demo_workspace, story_id, IdLevel.FIRST_NAME)
    with pytest.raises(PersonExposed, match="first name only"):
        export_report(demo_workspace, YEAR, "txt", tmp_path / "r.txt", TODAY)
    assert not (tmp_path / "r.txt").exists()
    # An unedited part is drafted afresh at the level allowed today.
    demo_workspace.cic34.reset_part(YEAR.end, Part.ACTIVITIES)
    text = export_report(demo_workspace, YEAR, "txt", tmp_path / "r.txt", TODAY).path.read_text("utf-8")
    assert "Żółkiewska" not in text and "Tuesday clinic opened" not in text


def test_a_withdrawn_story_pasted_by_hand_into_an_answer_is_refused(demo_workspace, tmp_path):
    from svdesk.services.exports import export_answer

    story_id = add_person(demo_workspace, "withdrawn")
    story = demo_workspace.stories.get(story_id)
    pasted = f"Our track record\n\n{NAME} came to us in 2025. {story.after} “{story.quote}”"
    demo_workspace.tenders.save_answer_text(DRAFTING, pasted)
    with pytest.raises(PersonExposed, match="withdrawn"):
        export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "a.txt", which="current", today=TODAY)


def test_a_withdrawn_story_reworded_is_still_refused(demo_workspace, tmp_path):
    from svdesk.services.exports import export_answer

    add_person(demo_workspace, "withdrawn")
    reworded = "Our track record\n\nAfter twelve weeks with us, Zolkiewska\nnow leads a street repair clinic."
    demo_workspace.tenders.save_answer_text(DRAFTING, reworded)
    with pytest.raises(PersonExposed, match="Zolkiewska"):
        export_answer(demo_workspace, DRAFTING, "txt", tmp_path / "a.txt", which="current", today=TODAY)


def test_a_withdrawn_story_from_another_year_in_this_years_part_is_refused(demo_workspace, tmp_path):
    from svdesk.compose.cic34 import draft_report
    from svdesk.services.exports import export_report

    add_person(demo_workspace, "withdrawn", when=dt.date(2023, 6, 1))
    drafted = draft_report(demo_workspace, YEAR, TODAY).part(Part.ACTIVITIES).drafted
    demo_workspace.cic34.save_part_text(YEAR.end, Part.ACTIVITIES,
                                        drafted + f"\nIn 2023 {NAME} started the Tuesday clinic.", drafted)
    with pytest.raises(PersonExposed, match="withdrawn"):
        export_report(demo_workspace, YEAR, "txt", tmp_path / "r.txt", TODAY)
    assert not (tmp_path / "r.txt").exists()


def test_the_check_covers_every_string_of_a_document():
    from svdesk.document.model import Document, Figure, Figures, Paragraph, Quote, Table

    document = Document(title="T", subtitle="S", meta=("m",), footer="f", blocks=(
        Paragraph("p"), Quote("q", "who"), Table(("h",), (("cell",),), caption="c"), Figures((Figure("1", "lab"),))))
    text = document_text(document)
    for piece in ("T", "S", "m", "f", "p", "q", "who", "h", "cell", "c", "lab"):
        assert f"\n{piece}\n" in f"\n{text}\n"


def test_the_public_check_for_other_ways_out(demo_workspace):
    add_person(demo_workspace, "withdrawn")
    with pytest.raises(PersonExposed, match="website post"):
        check_text(demo_workspace, "Meet lucja!", (Use.WEBSITE_SOCIAL,), "website post", TODAY)
    check_text(demo_workspace, "Meet our volunteers!", (Use.WEBSITE_SOCIAL,), "website post", TODAY)
