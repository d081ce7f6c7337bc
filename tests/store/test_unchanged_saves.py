"""Saving a record with the values it already holds writes nothing: no new "updated at" stamp, no
new row version (which ``svdesk merge`` would take for a change), no save heard by the window.
A real change is written once; the same change saved again is not written a second time."""

from __future__ import annotations

from dataclasses import replace

import pytest

from svdesk.domain.frameworks import Framework, Outcome, OutcomeGroup
from svdesk.store.rows import holds


class Watch:
    def __init__(self, workspace):
        self.file = workspace.file
        self.saves: list[str] = []
        self.file.add_listener(self.saves.append)
        self.mark()

    def _state(self):
        conn = self.file.conn
        return (conn.total_changes,
                conn.execute("SELECT tbl, id, version FROM row_versions ORDER BY tbl, id").fetchall())

    def mark(self) -> None:
        self.saves.clear()
        self.before = self._state()

    def written(self) -> bool:
        return self._state() != self.before or bool(self.saves)


def _each_save(ws):
    """(what, save the record unchanged, save it changed) for every kind the window saves on leaving a field."""
    org = ws.organisation.get()
    story = ws.stories.get(ws.file.query_one("SELECT id FROM stories WHERE deleted_at IS NULL")["id"])
    consent = ws.stories.consent_for(story.id)
    consultation = ws.consultations.all()[0]
    indicator = ws.indicators.all()[0]
    reading = ws.indicators.readings(indicator.id)[0]
    tender = ws.tenders.all()[0]
    commitment = next(ws.tenders.commitments(item.id)[0] for item in ws.tenders.all()
                      if not item.status.is_sent and ws.tenders.commitments(item.id))
    return [
        ("organisation", lambda: ws.organisation.save(org), lambda: ws.organisation.update(phone="0113 496 0000")),
        ("organisation, spaces round the name", lambda: ws.organisation.update(name=f"  {org.name}  "),
         lambda: ws.organisation.update(name=org.name + " Ltd")),
        ("story", lambda: ws.stories.save(ws.stories.get(story.id)), lambda: ws.stories.update(story.id, title="Changed")),
        ("story, spaces round the title", lambda: ws.stories.update(story.id, title=f"{ws.stories.get(story.id).title} "),
         lambda: ws.stories.update(story.id, title="Changed again")),
        ("consent", lambda: ws.stories.save_consent(story.id, ws.stories.consent_for(story.id)),
         lambda: ws.stories.save_consent(story.id, replace(consent, recorded_by="Someone else"))),
        ("consultation", lambda: ws.consultations.save(ws.consultations.get(consultation.id)),
         lambda: ws.consultations.save(replace(ws.consultations.get(consultation.id), title="Changed"))),
        ("indicator", lambda: ws.indicators.save(ws.indicators.get(indicator.id)),
         lambda: ws.indicators.save(replace(ws.indicators.get(indicator.id), name="Changed"))),
        ("reading", lambda: ws.indicators.update_reading(reading.id, note=ws.indicators.reading(reading.id).note + "  "),
         lambda: ws.indicators.update_reading(reading.id, note="A new note")),
        ("tender", lambda: ws.tenders.save(ws.tenders.get(tender.id)),
         lambda: ws.tenders.update(tender.id, buyer="Another Council")),
        ("commitment", lambda: ws.tenders.save_commitment(ws.tenders.get_commitment(commitment.id)),
         lambda: ws.tenders.save_commitment(replace(ws.tenders.get_commitment(commitment.id), promise="Changed"))),
    ]


def test_every_record_saved_unchanged_writes_nothing_and_a_change_writes_once(demo_workspace):
    saves = _each_save(demo_workspace)
    watch = Watch(demo_workspace)
    for what, same, changed in saves:
        watch.mark()
        same()
        assert not watch.written(), f"{what}: saved unchanged, yet the file was written"
        changed()
        assert watch.written(), f"{what}: a real change was not written"
        watch.mark()
        changed()
        assert not watch.written(), f"{what}: the same change saved twice was written twice"


def test_statement_text_saved_again_writes_nothing(demo_workspace):
    statements = demo_workspace.statements
    statements.save_text(full_text="Our statement.\n")
    watch = Watch(demo_workspace)
    statements.save_text(full_text="Our statement.\n")
    assert not watch.written()
    statements.save_text(full_text="Our new statement.")
    assert watch.written()


@pytest.mark.parametrize("stored, given, same", [
    (1, True, True), (0, True, False), ("3.50", "3.50", True), ("3.50", "3.5", False),
    (None, "", False), ("", None, False), (None, None, True), ('["a", "b"]', ["a", "b"], True),
])
def test_holds_compares_as_the_write_would_store(workspace, stored, given, same):
    conn = workspace.file.conn
    conn.execute("CREATE TEMP TABLE probe (id TEXT PRIMARY KEY, value, updated_at TEXT)")
    conn.execute("INSERT INTO probe VALUES ('x', ?, 'then')", [stored])
    assert holds(workspace.file.db, "probe", "x", {"value": given, "updated_at": "now"}) is same


def test_custom_framework_saved_unchanged_writes_nothing(workspace):
    saved = workspace.frameworks.save_custom(Framework(
        key="our-council", name="Our council", short_name="Council",
        groups=(OutcomeGroup("p", "Priorities", (Outcome("jobs", "Local jobs"),)),), builtin=False))
    watch = Watch(workspace)
    workspace.frameworks.save_custom(saved)
    assert not watch.written()
    workspace.frameworks.save_custom(Framework(**{**saved.__dict__, "name": "Our council 2026"}))
    assert watch.written()


def test_holds_counts_a_change_of_case_as_a_change(workspace):
    conn = workspace.file.conn
    conn.execute("CREATE TEMP TABLE probe (id TEXT PRIMARY KEY, value TEXT COLLATE NOCASE)")
    conn.execute("INSERT INTO probe VALUES ('x', 'riverside cic')")
    assert not holds(workspace.file.db, "probe", "x", {"value": "Riverside CIC"})
    assert holds(workspace.file.db, "probe", "x", {"value": "riverside cic"})
