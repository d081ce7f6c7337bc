"""Photographs and video need their own tick: a story with a photo or a video attached is used
nowhere (exports, tender answers, the CIC34, the last name check) until the person agreed to them."""

import datetime as dt

import pytest

from svdesk.compose.cic34 import draft_report
from svdesk.compose.tender_material import chosen_stories
from svdesk.domain.consent import NO_PHOTO_CONSENT, Consent, ConsentRefused, IdLevel, Method, Use
from svdesk.domain.financial_year import FinancialYear
from svdesk.domain.organisation import Organisation
from svdesk.store.stories_repo import DOCUMENT_ROLE, OWNER_TABLE, PHOTO_ROLE
from svdesk.store.workspace import memory_workspace

D = dt.date
TODAY = D(2026, 6, 1)
YEAR = FinancialYear(D(2025, 4, 1), D(2026, 3, 31))
EVERY_USE = frozenset(Use)


def _story(ws, photos: bool):
    story = ws.stories.new("Marta's first harvest", D(2025, 9, 1))
    ws.stories.update(story.id, person_name="Marta Kowalczyk", level=IdLevel.FIRST_NAME,
                      after="Marta now runs the Tuesday group.", quote="The garden got me out of the house.",
                      what_we_did="Weekly sessions in the allotment.")
    ws.stories.save_consent(story.id, Consent(
        given=True, given_on=D(2025, 9, 2), method=Method.SIGNED_FORM, given_by="Marta Kowalczyk",
        told="How we use stories", uses=EVERY_USE, level=IdLevel.FIRST_NAME, photos=photos))
    ws.stories.set_status(story.id, "ready")
    return story


# Every kind of photograph or video: on the Photos list, or an image or a film among its documents.
ATTACHED = [("harvest.jpg", b"\xff\xd8\xff fake", PHOTO_ROLE), ("group.png", b"\x89PNG fake", DOCUMENT_ROLE),
            ("interview.mp4", b"\x00\x00\x00 ftyp fake", DOCUMENT_ROLE)]


@pytest.mark.parametrize("filename, data, role", ATTACHED)
def test_a_story_with_a_photo_or_video_is_never_used_without_the_photo_tick(filename, data, role):
    ws = memory_workspace(Organisation(name="Growing Minds CIC", company_number="12345678"))
    try:
        story = _story(ws, photos=False)
        assert ws.stories.usable_ids(Use.PUBLIC_REPORTS, TODAY) == [story.id]  # usable before the photo
        ws.attachments.add(OWNER_TABLE, story.id, filename, data, role=role)
        for use in Use:
            assert ws.stories.usable_ids(use, TODAY) == []
            assert ws.stories.usable_for(use, TODAY) == []
            decision = ws.stories.check_use(story.id, use, TODAY)
            assert not decision and NO_PHOTO_CONSENT in decision.reasons
            assert all(not decision for _summary, decision in ws.stories.decisions_for(use, TODAY))
        with pytest.raises(ConsentRefused):
            ws.stories.record_use(story.id, Use.TENDERS_FUNDERS, "Tender answer", TODAY)
        # The CIC34 leaves it out and says why; a tender answer does not choose it.
        report = draft_report(ws, YEAR, TODAY)
        assert "Marta" not in report.text_of(report.parts[0].part)
        [excluded] = report.sources.excluded
        assert excluded.story_id == story.id and excluded.reason == NO_PHOTO_CONSENT
        tender = ws.tenders.create(title="Green prescribing", buyer="NHS Birmingham")
        assert chosen_stories(ws, ws.tenders.get(tender.id), [], TODAY) == []
        # The last check before any export: her name may not appear at all.
        [found] = ws.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find("Marta Kowalczyk told us about it.")
        assert found.allowed is None and "photographs" in found.reason

        # Her separate tick for photographs and video: the story is used again.
        consent = ws.stories.consent_for(story.id)
        ws.stories.save_consent(story.id, Consent(**{**consent.__dict__, "photos": True}))
        assert ws.stories.usable_ids(Use.PUBLIC_REPORTS, TODAY) == [story.id]
        assert ws.stories.check_use(story.id, Use.WEBSITE_SOCIAL, TODAY)
        assert not ws.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find("Marta told us about it.")
    finally:
        ws.close()


def test_a_removed_photo_no_longer_holds_the_story_back():
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        story = _story(ws, photos=False)
        photo = ws.attachments.add(OWNER_TABLE, story.id, "harvest.jpg", b"\xff\xd8\xff fake", role=PHOTO_ROLE)
        assert not ws.stories.check_use(story.id, Use.INTERNAL, TODAY)
        ws.attachments.remove(photo.id)
        assert ws.stories.check_use(story.id, Use.INTERNAL, TODAY)
    finally:
        ws.close()



@pytest.mark.parametrize("filename, data, role", ATTACHED)
def test_the_use_log_of_a_whole_document_refuses_a_story_with_photos_and_no_photo_tick(filename, data, role):
    """record_uses (one document's rows in one transaction) follows the photo rule too, and
    writes nothing for the document when any story in it is refused."""
    ws = memory_workspace(Organisation(name="Growing Minds CIC", company_number="12345678"))
    try:
        story = _story(ws, photos=False)
        other = _story(ws, photos=False)
        ws.attachments.add(OWNER_TABLE, story.id, filename, data, role=role)
        with pytest.raises(ConsentRefused):
            ws.stories.record_uses([(other.id, None), (story.id, None)], (Use.PUBLIC_REPORTS,), "CIC34 report", TODAY)
        assert ws.stories.uses_of(other.id) == [] and ws.stories.uses_of(story.id) == []
        assert ws.stories.record_uses([(other.id, None)], (Use.PUBLIC_REPORTS,), "CIC34 report", TODAY) == 1
    finally:
        ws.close()
