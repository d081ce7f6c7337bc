"""A field left unchanged on one laptop is no change for ``svdesk merge`` (issue 21): there is
nothing to bring across from it, and the other laptop's edit of the same record comes across
without a question."""

from __future__ import annotations

from svdesk.services.merge import apply_merge, preview_merge
from svdesk.store.workspace import open_workspace
from tests.merge.merge_helpers import copies


def edit(path, action):
    ws = open_workspace(path)
    try:
        return action(ws)
    finally:
        ws.close()


def test_an_unchanged_save_on_one_laptop_makes_no_conflict(demo_source, tmp_path):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    story_id = edit(jo, lambda ws: sorted(ws.stories.search(), key=lambda s: s.id)[0].id)

    def save_everything_unchanged(ws):
        ws.organisation.save(ws.organisation.get())
        ws.stories.save(ws.stories.get(story_id))
        ws.stories.save_consent(story_id, ws.stories.consent_for(story_id))

    edit(jo, save_everything_unchanged)  # Jo tabs through the fields, typing nothing
    assert preview_merge(sam, jo).nothing_to_do
    edit(sam, lambda ws: ws.organisation.update(phone="0113 496 0000"))
    edit(sam, lambda ws: ws.stories.update(story_id, title="Sam's title"))
    plan = preview_merge(jo, sam)
    assert plan.conflicts == []
    apply_merge(jo, sam)
    assert edit(jo, lambda ws: (ws.organisation.get().phone, ws.stories.get(story_id).title)) == \
        ("0113 496 0000", "Sam's title")
