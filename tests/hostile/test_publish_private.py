"""No personal data is ever published: a distinctive marker in EVERY free-text field of the demo
that is not one of the published fields (stories, quotes, names, consent records, consultation
notes, reading notes, who recorded or collected a figure, who agreed the statement, who is
accountable for a promise, tender notes and answers, evidence file notes …) — and none of them
reaches any published file or the zip, with every contract and indicator chosen.

Fields are found from the dump's JSON Schema (see ``inject``), so a field added later is private
until it is deliberately added to ``PUBLISHED`` here.
"""

from __future__ import annotations

import copy
import zipfile

from svdesk.services.publish import publish, resolve_choices
from svdesk.store.demo import demo_dump
from svdesk.store.dump import load_file, validate
from svdesk.store.workspace import open_workspace
from tests.hostile.inject import free_text_paths, put, rejected_slots, slot

# The only free-text fields a publication may show: public details and the organisation's own words.
PUBLISHED = {
    "organisation.name", "organisation.area_served", "organisation.website", "organisation.company_number",
    "statement.versions[].full_text",
    "measures.indicators[].name", "measures.indicators[].outcome",
    "tenders.tenders[].title", "tenders.tenders[].buyer", "tenders.tenders[].reference",
    "tenders.commitments[].promise", "tenders.commitments[].for_whom", "tenders.commitments[].unit",
    "tenders.submissions[].commitments[].promise", "tenders.submissions[].commitments[].for_whom",
    "tenders.submissions[].commitments[].unit",
}
PROBE = "Kestrel000Private"


def _marker(number: int) -> str:
    return f"Kestrel{number:03d}Private"


def _published_text(folder, zip_path) -> str:
    texts = [path.read_bytes().decode("utf-8") for path in sorted(folder.iterdir())]
    with zipfile.ZipFile(zip_path) as archive:
        texts += [archive.read(name).decode("utf-8") for name in archive.namelist()]
    return "\n".join(texts)


def test_no_private_field_reaches_any_published_file(tmp_path):
    base = demo_dump()
    refused = rejected_slots(base, PROBE, validate)   # fields whose own rules refuse the marker keep their value
    data = copy.deepcopy(base)
    markers: dict[str, str] = {}
    for path in free_text_paths(data):
        name = slot(path)
        if name in refused:
            continue
        markers.setdefault(name, _marker(len(markers) + 1))
        put(data, path, markers[name])
    assert validate(data) == []
    private = {name: marker for name, marker in markers.items() if name not in PUBLISHED}
    # The demo has these personal fields; the test must have reached them.
    for needed in ("stories.stories[].person_name", "stories.stories[].quote", "stories.consents[].given_by",
                   "consultations[].heard", "measures.readings[].note", "measures.readings[].recorded_by",
                   "statement.versions[].agreed_by", "tenders.commitments[].accountable",
                   "tenders.submissions[].commitments[].people", "attachments.files[].note",
                   "measures.indicators[].collected_by", "tenders.tenders[].notes", "statement.statements[].full_text"):
        assert needed in private, needed
    attachment_names = {item["filename"] for item in base.get("attachments", {}).get("files", [])
                        if item.get("filename")}

    load_file(data, tmp_path / "marked.svdesk")
    workspace = open_workspace(tmp_path / "marked.svdesk")
    try:
        tender_ids, indicator_ids = resolve_choices(workspace, [], [], everything=True)
        assert tender_ids and len(indicator_ids) == 3
        outcome = publish(workspace, tmp_path / "published", tender_ids, indicator_ids, make_zip=True)
    finally:
        workspace.close()
    assert sorted(p.name for p in (tmp_path / "published").iterdir()) == sorted(p.name for p in outcome.files)
    text = _published_text(tmp_path / "published", outcome.zip_path)
    leaked = {name: marker for name, marker in private.items() if marker in text}
    assert leaked == {}, f"personal fields published: {sorted(leaked)}"
    assert attachment_names and not any(name in text for name in attachment_names)
    # The search itself works: the published fields' markers are all there.
    for name in ("organisation.name", "statement.versions[].full_text", "measures.indicators[].name",
                 "tenders.tenders[].title", "tenders.submissions[].commitments[].promise"):
        assert markers[name] in text, name
