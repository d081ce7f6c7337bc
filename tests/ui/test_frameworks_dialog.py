"""Frameworks…: built-in ones are read-only; the organisation's own can be added, copied,
edited, reordered, deleted and brought back — all driven without exec()."""

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def dialog(qtbot, workspace, dialogs):
    from svdesk.ui.common.frameworks_dialog import FrameworksDialog

    widget = FrameworksDialog(workspace, dialogs)
    qtbot.addWidget(widget)
    return widget


def names(dialog):
    return [dialog.list_model.item(row).text() for row in range(dialog.list_model.rowCount())]


def outcomes(workspace, key):
    framework = workspace.frameworks.get(key)
    return [(group.name, [outcome.name for outcome in group.outcomes]) for group in framework.groups]


def test_built_in_frameworks_are_shown_read_only(dialog):
    assert "PPN 002 (built in)" in names(dialog)
    dialog.select_key("ppn002")
    assert dialog.name.isReadOnly() and not dialog.add_outcome_button.isEnabled()
    assert not dialog.delete_button.isEnabled() and dialog.copy_button.isEnabled()
    assert dialog.published.text() == "13 Feb 2025"
    assert "cannot be changed" in dialog.kind_label.text()
    assert dialog.tree_model.rowCount() == 5


def test_new_framework_with_outcomes_edited_in_place(dialog, dialogs, workspace):
    dialogs.answers = ["Our council's priorities 2026–2030"]
    dialog.new_button.click()
    key = "our-council-s-priorities-2026-2030"
    assert workspace.frameworks.get(key) is not None
    assert not dialog.name.isReadOnly()

    dialog.short_name.setText("Council")
    dialog.short_name.editingFinished.emit()
    dialog.source.setText("Tender pack, Dec 2025")
    dialog.source.editingFinished.emit()
    dialog.published.setText("15/1/2026")
    dialog.published.editingFinished.emit()
    dialogs.answers = ["Local jobs", "Łódź twinning 🤝"]
    dialog.add_outcome_button.click()
    dialog.add_outcome_button.click()
    framework = workspace.frameworks.get(key)
    assert (framework.short_name, framework.source, framework.published) == ("Council", "Tender pack, Dec 2025", "2026-01-15")
    assert outcomes(workspace, key) == [("Themes", ["Local jobs", "Łódź twinning 🤝"])]
    assert framework.label_of(f"{key}/local-jobs") == "Local jobs"

    # Rename in place keeps the key, so tags stay valid.
    workspace.tags.set_tags("statements", "s1", [f"{key}/local-jobs"])
    item = dialog.tree_model.item(0).child(0)
    item.setText("Good local jobs")
    assert workspace.frameworks.get(key).label_of(f"{key}/local-jobs") == "Good local jobs"

    # Reorder.
    dialog.tree.setCurrentIndex(dialog.tree_model.item(0).child(1).index())
    dialog.up_button.click()
    assert outcomes(workspace, key) == [("Themes", ["Łódź twinning 🤝", "Good local jobs"])]

    # Removing a tagged outcome asks first, saying how many records use it.
    dialog.tree.setCurrentIndex(dialog.tree_model.item(0).child(1).index())
    dialogs.answers = [False]
    dialog.remove_button.click()
    assert "1 tag point" in dialogs.messages[-1][2]
    assert len(outcomes(workspace, key)[0][1]) == 2
    dialogs.answers = [True]
    dialog.remove_button.click()
    assert outcomes(workspace, key) == [("Themes", ["Łódź twinning 🤝"])]


def test_bad_values_are_shown_and_kept(dialog, dialogs, workspace):
    dialogs.answers = ["Mine"]
    dialog.new_button.click()
    dialog.name.setText("")
    dialog.name.editingFinished.emit()
    assert "needs a name" in dialog.problems.text()
    assert workspace.frameworks.get("mine").name == "Mine"
    dialog.published.setText("sometime soon")
    dialog.published.editingFinished.emit()
    assert "not a date" in dialog.problems.text()
    assert dialog.published.text() == "sometime soon"
    dialogs.answers = ["Jobs"]
    dialog.name.setText("Mine again")
    dialog.published.setText("")
    dialog.name.editingFinished.emit()
    dialog.add_outcome_button.click()
    dialog.tree_model.item(0).child(0).setText("   ")
    assert "needs a name" in dialog.problems.text()
    assert outcomes(workspace, "mine") == [("Themes", ["Jobs"])]


def test_copy_a_built_in_framework_to_edit_it(dialog, workspace):
    dialog.select_key("birmingham")
    dialog.copy_button.click()
    copy = workspace.frameworks.get("birmingham-own")
    assert copy is not None and not copy.builtin
    assert copy.name.endswith("(our copy)") and "Local Employment" in outcomes(workspace, "birmingham-own")[0][1]
    assert not dialog.name.isReadOnly()
    dialog.select_key("birmingham")
    dialog.copy_button.click()
    assert workspace.frameworks.get("birmingham-own-2") is not None


def test_add_a_group_then_outcomes_under_it(dialog, dialogs, workspace):
    dialogs.answers = ["Funder"]
    dialog.new_button.click()
    dialogs.answers = ["Health", "Fewer falls"]
    dialog.add_group_button.click()
    dialog.add_outcome_button.click()
    assert outcomes(workspace, "funder") == [("Themes", []), ("Health", ["Fewer falls"])]
    # Removing a group with outcomes asks first.
    dialog.tree.setCurrentIndex(dialog.tree_model.item(1).index())
    dialogs.answers = [True]
    dialog.remove_button.click()
    assert dialogs.messages[-1][0] == "confirm"
    assert outcomes(workspace, "funder") == [("Themes", [])]


def test_delete_and_undo(dialog, dialogs, workspace):
    dialogs.answers = ["Short lived"]
    dialog.new_button.click()
    dialogs.answers = [True]
    dialog.delete_button.click()
    assert workspace.frameworks.get("short-lived") is None
    assert dialog.banner.isVisibleTo(dialog) and "Deleted" in dialog.banner_text.text()
    dialog.undo_button.click()
    assert workspace.frameworks.get("short-lived") is not None
    assert dialog._selected_framework().key == "short-lived"


def test_the_statement_page_opens_it_and_sees_new_outcomes(qtbot, page_ctx, dialogs):
    from svdesk.ui.statement.page import StatementPage

    page = StatementPage(page_ctx)
    qtbot.addWidget(page)

    def drive(dialog):
        dialogs.answers = ["Our funder", "Fewer lonely people"]
        dialog.new_button.click()
        dialog.add_outcome_button.click()
        return False

    page.run_dialog = drive
    page.outcomes.frameworks_button.click()
    assert page.outcomes.picker.model.findItems("Fewer lonely people", Qt.MatchFlag.MatchRecursive)
