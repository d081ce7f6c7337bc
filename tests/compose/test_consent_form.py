"""The consent form to print: what it asks matches what the consent record holds."""

from __future__ import annotations

import subprocess

import docx
import pytest

from svdesk.compose.consent_form import BOX, consent_form, file_stem

from svdesk.services.exports import export_consent_form
from svdesk.document.model import plain_text
from svdesk.domain.consent import USE_ORDER

YUSUF = "a0e488f6-6f34-5ea3-85d0-75c59bdd5ad1"  # the demo's story about a child (a loan bike for college)


def test_a_blank_form_asks_for_every_use_naming_and_a_signature(demo_workspace):
    text = plain_text(consent_form(demo_workspace))
    assert "Permission to tell your story" in text and "Riverside Bike Works CIC" in text
    # uses, photographs and video (yes / no), naming, sensitive details, how long
    assert text.count(BOX) == len(USE_ORDER) + 2 + 3 + 1 + 2
    for words in ("tenders and funding bids", "community interest report (CIC34)", "website and social media",
                  "Use my full name.", "Use my first name only.", "Do not use my name", "Until I tell you to stop",
                  "Your name:", "Signature:", "You can change your mind at any time", "www.riversidebikeworks.org.uk"):
        assert words in text, words


def test_the_form_meets_uk_gdpr_basics_and_never_names_the_software(demo_workspace):
    text = plain_text(consent_form(demo_workspace))
    for words in ("Riverside Bike Works CIC, company number 14872203.", "Unit 4, Adderley Street Works, Digbeth",
                  "Email: hello@riversidebikeworks.org.uk", "Phone: 0121 496 0143",
                  "You may use photographs or video of me", "No photographs or video of me",
                  "complain to the Information Commissioner's Office (ICO)", "ico.org.uk/make-a-complaint",
                  "to have it deleted", "this form as the record of your permission"):
        assert words in text, words
    assert "svdesk" not in text.lower()
    # The retention period is the organisation's own; without one the form leaves a line to fill in.
    assert "then for ____" in text
    demo_workspace.organisation.update(retention_years=3)
    assert "while your permission lasts and then for 3 years" in plain_text(consent_form(demo_workspace))
    # A new organisation without contact details gets lines to fill in, not invented details.
    demo_workspace.organisation.update(postal_address="", email="", phone="")
    blank = plain_text(consent_form(demo_workspace))
    assert "Address: ____" in blank and "Email: ____" in blank and "Phone:" not in blank


def test_photo_consent_is_recorded_separately(demo_workspace):
    from dataclasses import replace

    story = demo_workspace.stories.new("Allotment open day", None)
    consent = demo_workspace.stories.consent_for(story.id)
    assert consent.photos is False
    demo_workspace.stories.save_consent(story.id, replace(consent, photos=True))
    assert demo_workspace.stories.consent_for(story.id).photos is True


def test_a_story_form_shows_the_story_and_who_signs_for_a_child(demo_workspace):
    story = demo_workspace.stories.get(YUSUF)
    assert story.about_child
    text = plain_text(consent_form(demo_workspace, YUSUF))
    assert story.title in text and story.after.strip() in text
    assert "Name of the child:" in text and "Parent or guardian:" in text and "Your name:" not in text
    assert "As parent or guardian, I agree" in text
    assert file_stem(demo_workspace, YUSUF) == f"Consent form - {story.title}"


def test_sensitive_details_are_named(demo_workspace):
    story = demo_workspace.stories.new("Back on my feet", None)
    demo_workspace.stories.update(story.id, special_categories=frozenset({"health"}), after="Less anxious now.")
    text = plain_text(consent_form(demo_workspace, story.id))
    assert "Your story mentions health. We will only tell it if you agree to that too." in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_exports_read_back(demo_workspace, tmp_path, fmt):
    demo_workspace.organisation.update(name="Łódź & <Co> CIC")
    outcome = export_consent_form(demo_workspace, fmt, tmp_path / f"form.{fmt}", YUSUF)
    assert outcome.notes == ()
    if fmt == "pdf":
        text = subprocess.run(["pdftotext", str(outcome.path), "-"], capture_output=True, text=True, check=True).stdout
    else:
        text = "\n".join(p.text for p in docx.Document(str(outcome.path)).paragraphs)
    assert "Permission to tell your story" in text and "Łódź & <Co> CIC" in text and BOX in text


def test_a_childs_story_with_sensitive_details_says_both(demo_workspace):
    demo_workspace.stories.update(YUSUF, special_categories=frozenset({"health"}))
    text = plain_text(consent_form(demo_workspace, YUSUF))
    assert "Your story mentions health." in text and "a parent or guardian signs below" in text


def test_a_blank_form_has_a_line_for_a_parent_or_guardian(demo_workspace):
    assert "Parent or guardian (for a child):" in plain_text(consent_form(demo_workspace))
