"""A consent form to print, for the person whose story it is to read, tick and sign.

It asks exactly what the story's consent record holds (which uses, how they are named, explicit
consent for sensitive details or a child's story, until when), so that what they sign can be
typed into svdesk as it stands. Printed for one story it shows the story as written, because
consent is only informed when the person has seen what will be told. The wording is a starting
point the organisation should read and adapt (the Word file can be edited); it is not legal advice.

It covers UK GDPR basics: who holds the story and how to reach them, how long the story and the
form are kept, the person's rights (including complaining to the ICO), and a separate tick for
photographs and video. It names the organisation, never the software it uses.
"""

from __future__ import annotations

from svdesk.document.model import Document, Heading, Paragraph, Quote, bold
from svdesk.domain.consent import LEVEL_ORDER, USE_ORDER, IdLevel, Use, describe_categories

FORMATS = ("docx", "pdf")
BOX = "☐"
LINE = "_" * 34

_WHERE = {
    Use.INTERNAL: "Inside {org} only: staff, volunteers and the board, to learn and plan. Not shared outside.",
    Use.TENDERS_FUNDERS: "In tenders and funding bids: sent to the council, company or funder we are "
                         "bidding to. We do not publish it, but they keep it on file, and a public body "
                         "can be asked to share what it holds.",
    Use.PUBLIC_REPORTS: "In our annual community interest report (CIC34) and other reports: these are "
                        "public, and anyone can read them.",
    Use.WEBSITE_SOCIAL: "On our website and social media: public, and can be shared further by others.",
}
_NAMED = {
    IdLevel.NAMED: "Use my full name.",
    IdLevel.FIRST_NAME: "Use my first name only.",
    IdLevel.ANONYMOUS: "Do not use my name (we describe you instead, for example “a trainee, 19”).",
}


def consent_form(workspace, story_id: str | None = None) -> Document:
    """The form for one story (``story_id``), or a blank one to fill in by hand."""
    org = workspace.organisation.get()
    name = org.name.strip() or "our organisation"
    story = workspace.stories.get(story_id) if story_id else None
    blocks: list = [Paragraph(
        f"{name} would like to tell the story of what changed for you. You choose where it may be "
        "told and how you are named. Saying no is fine and changes nothing about the help you get.",
        role="lead",
    )]

    blocks.append(Heading(1, "Your story"))
    if story is not None:
        blocks.append(Paragraph([bold(story.title or "Untitled story")]))
        for label, text in (("Before", story.before), ("What we did", story.what_we_did), ("After", story.after),
                            ("Why it matters", story.why_it_matters)):
            if text.strip():
                blocks.append(Paragraph([bold(f"{label}: "), text.strip()]))
        if story.quote.strip():
            blocks.append(Quote(story.quote.strip()))
        blocks.append(Paragraph("Please read it. If anything is wrong, or should be left out, tell us and we "
                                "will change it before we use it.", role="note"))
    else:
        blocks.append(Paragraph(f"In a few words: {LINE}{LINE}"))
        blocks.append(Paragraph("We will show you the story as we have written it before we use it.", role="note"))

    blocks.append(Heading(1, "Where we may tell it"))
    blocks.append(Paragraph("Tick each one you agree to."))
    blocks += [Paragraph(f"{BOX}  {_WHERE[use].format(org=name)}") for use in USE_ORDER]

    blocks.append(Heading(1, "Photographs and video"))
    blocks.append(Paragraph("A separate choice: you can agree to the story and say no to pictures."))
    blocks.append(Paragraph(f"{BOX}  You may use photographs or video of me with my story, for the uses ticked "
                            f"above.      {BOX}  No photographs or video of me."))

    blocks.append(Heading(1, "How you are named"))
    blocks.append(Paragraph("Tick one."))
    blocks += [Paragraph(f"{BOX}  {_NAMED[level]}") for level in LEVEL_ORDER]
    blocks.append(Paragraph("Even without your name, people who know you may recognise you from details "
                            "such as your age, where you live or what happened. Tell us what to leave out.",
                            role="note"))

    sensitive = story is not None and bool(story.special_categories)
    child = story is not None and story.about_child
    if story is None or sensitive or child:
        blocks.append(Heading(1, "Sensitive details"))
        if sensitive:
            blocks.append(Paragraph(f"Your story mentions {describe_categories(story.special_categories)}. "
                                    "We will only tell it if you agree to that too."))
        if child:
            blocks.append(Paragraph("This story is about a child, so a parent or guardian signs below."))
        if story is None:
            blocks.append(Paragraph("Tick this if your story mentions your health, ethnic origin, religion or "
                                    "beliefs, sexuality, political opinions, trade union membership or any "
                                    "criminal offence, or if it is about a child."))
        who = "As parent or guardian, I agree" if child else "I agree"
        blocks.append(Paragraph(f"{BOX}  {who} to the story being told with these details, for the uses "
                                "ticked above."))

    blocks.append(Heading(1, "For how long"))
    blocks.append(Paragraph(f"{BOX}  Until I tell you to stop.      {BOX}  Until this date: {LINE[:16]}"))
    blocks.append(Paragraph(_keeping(org)))
    blocks.append(Paragraph(
        f"You can change your mind at any time: tell anyone at {name}, or contact us as below. From that day "
        "we will not use your story again anywhere new. Things already printed or sent cannot be called back, "
        "but we will not use them again."
    ))

    blocks.append(Heading(1, "Your rights"))
    blocks.append(Paragraph(
        f"{name} is responsible for your story and this form. You have the right to see what we hold about "
        "you, to have it corrected, to have it deleted, and to withdraw your permission at any time. Ask us "
        "using the details below. If you are unhappy with how we have handled your information, you can "
        "complain to the Information Commissioner's Office (ICO): ico.org.uk/make-a-complaint, or "
        "0303 123 1113."
    ))
    blocks += _who_we_are(org, name)

    blocks.append(Heading(1, "Signatures"))
    if child:
        lines = [f"Name of the child: {LINE}", f"Parent or guardian: {LINE}"]
    elif story is None:  # a blank form may be for a child's story
        lines = [f"Your name: {LINE}", f"Parent or guardian (for a child): {LINE}"]
    else:
        lines = [f"Your name: {LINE}"]
    lines += [f"Signature: {LINE}", f"Date: {LINE[:16]}", f"For {name} (name): {LINE}",
              f"How we explained this (in person, by phone, in writing): {LINE[:20]}"]
    blocks += [Paragraph(line) for line in lines]
    blocks.append(Paragraph(
        "Keep a copy of this form. We record what you ticked in our records and keep this form with them.",
        role="note"))
    return Document(
        title="Permission to tell your story", subtitle=name,
        meta=(story.title,) if story is not None and story.title else (),
        footer=f"{name} — consent form" + (f": {story.title}" if story is not None and story.title else ""),
        author=org.name.strip(), keywords=("consent", "story"), blocks=tuple(blocks),
    )


def _keeping(org) -> str:
    """How long the story and the form are kept: the organisation's own period, or a line for it
    to fill in (svdesk never invents a retention period)."""
    if org.retention_years:
        years = f"{org.retention_years} year" + ("" if org.retention_years == 1 else "s")
        return (f"We keep your story, and this form as the record of your permission, while your permission "
                f"lasts and then for {years}, after which we delete them.")
    return (f"We keep your story, and this form as the record of your permission, while your permission lasts "
            f"and then for {LINE[:10]} years, after which we delete them.")


def _who_we_are(org, name: str) -> list:
    """Who holds the story and how to reach them: the organisation's own details, with lines to
    fill in for any it has not entered."""
    blocks = [Heading(1, "Who we are and how to contact us")]
    identity = name
    if org.company_number:
        identity += f", company number {org.company_number}"
    blocks.append(Paragraph(identity + "."))
    address = ", ".join(line.strip() for line in org.postal_address.splitlines() if line.strip())
    for label, value in (("Address", address), ("Email", org.email.strip()), ("Phone", org.phone.strip()),
                         ("Website", org.website.strip())):
        if value:
            blocks.append(Paragraph([bold(f"{label}: "), value]))
        elif label in ("Address", "Email"):
            blocks.append(Paragraph(f"{label}: {LINE}"))
    return blocks


def file_stem(workspace, story_id: str | None = None) -> str:
    title = workspace.stories.get(story_id).title if story_id else ""
    safe = "".join(ch for ch in title if ch.isalnum() or ch in " -_").strip()[:60]
    return f"Consent form - {safe}" if safe else "Consent form"
