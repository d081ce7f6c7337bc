"""A service's transaction (``OrgFile.action``) adds nothing of its own: an action that changes
nothing is not announced as a save, and a read-only file refuses exactly what it refused before
(the first real write), never an unchanged save."""

import datetime as dt

import pytest

from svdesk.services import statement as statement_services
from svdesk.services import tenders as tender_services
from svdesk.store.orgfile import ReadOnlyFile
from svdesk.store.workspace import open_workspace


def _tender(workspace):
    return workspace.tenders.create(buyer="Leeds City Council", title="Youth lot", word_limit=500,
                                    deadline=dt.date(2026, 11, 27))


def test_an_unchanged_save_is_not_announced_as_saved(workspace):
    tender = _tender(workspace)
    tender_services.save_answer_text(workspace, tender.id, "Our answer.")
    saves = []
    workspace.file.add_listener(saves.append)
    stamp = workspace.file.last_saved_at
    tender_services.save_answer_text(workspace, tender.id, "Our answer.")
    assert saves == [] and workspace.file.last_saved_at == stamp
    tender_services.save_answer_text(workspace, tender.id, "Our better answer.")
    assert saves == ["answer saved"]


def test_a_read_only_file_refuses_a_change_but_not_an_unchanged_save(file_workspace):
    tender = _tender(file_workspace)
    tender_services.save_answer_text(file_workspace, tender.id, "Our answer.")
    path = file_workspace.path
    file_workspace.close()
    reader = open_workspace(path, read_only=True)
    try:
        tender_services.save_answer_text(reader, tender.id, "Our answer.")   # nothing to save: no error
        with pytest.raises(ReadOnlyFile):
            tender_services.save_answer_text(reader, tender.id, "Changed.")
        with pytest.raises(ReadOnlyFile):
            statement_services.save_text(reader, full_text="We help.")
    finally:
        reader.close()

