"""The tender answer's story list: a model over the consent decisions, not an item per story."""

from __future__ import annotations

from PySide6.QtCore import Qt

from svdesk.compose.tender_material import TENDER_USE
from svdesk.domain.dates import today
from svdesk.ui.stories.picker_model import STORY_ROLE, StoryPickerModel


def test_allowed_stories_first_and_only_they_can_be_ticked(qtbot, demo_workspace):
    decisions = demo_workspace.stories.decisions_for(TENDER_USE, today())
    allowed = [summary.id for summary, decision in decisions if decision.allowed]
    refused = [summary.id for summary, decision in decisions if not decision.allowed]
    assert allowed and refused
    model = StoryPickerModel()
    model.set_stories(decisions, {allowed[-1], refused[0]})
    ids = [model.index(row, 0).data(STORY_ROLE) for row in range(model.rowCount())]
    assert ids == allowed + refused  # allowed first, each group newest first as given
    assert model.chosen_ids() == [allowed[-1]]  # a refused story never counts, ticked or not

    first, last = model.index(0, 0), model.index(model.rowCount() - 1, 0)
    assert model.flags(first) & Qt.ItemFlag.ItemIsEnabled
    assert not model.flags(last) & Qt.ItemFlag.ItemIsEnabled
    assert "consent does not cover tenders" in last.data()
    assert last.data(Qt.ItemDataRole.ToolTipRole).count("\n") >= 1  # the reason, in words

    emitted = []
    model.checked_changed.connect(lambda: emitted.append(True))
    assert model.setData(first, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(last, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.chosen_ids() == [allowed[0], allowed[-1]] and emitted == [True]
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
