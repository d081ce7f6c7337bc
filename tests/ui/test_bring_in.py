"""File → Bring in changes from another copy… (issue 18): the preview, the choice for fields
changed on both laptops, refusals as plain messages, and the laptop's name in the title."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from svdesk.store.workspace import open_workspace


def _edit(path, action):
    ws = open_workspace(path)
    try:
        return action(ws)
    finally:
        ws.close()


def _first_story_id(ws):
    return min(story.id for story in ws.stories.search())


@pytest.fixture
def two_copies(demo_source, tmp_path):
    jo, sam = tmp_path / "jo.svdesk", tmp_path / "sam.svdesk"
    shutil.copyfile(demo_source, jo)
    shutil.copyfile(demo_source, sam)
    return jo, sam


class ChoosingDialogs:
    """Runs the preview by ticking a side for every conflict (or cancelling)."""

    def __init__(self, base, side: str | None):
        self.base, self.side = base, side

    def __getattr__(self, name):
        return getattr(self.base, name)

    def run(self, dialog):
        self.base.run(dialog)
        if self.side is None:
            return False
        if dialog.conflicts is not None:
            assert not dialog.bring_in.isEnabled()  # a choice is needed for every field first
            dialog.choose_all(self.side)
        assert dialog.bring_in.isEnabled()
        return True


def _window(controller, path):
    window = controller.open_path(path)
    assert window is not None
    return window


def test_the_other_laptops_changes_come_in_and_the_page_shows_them(controller, dialogs, two_copies, qtbot):
    jo, sam = two_copies
    story_id = _edit(sam, _first_story_id)
    _edit(sam, lambda ws: ws.stories.update(story_id, title="Sam's new title"))
    window = _window(controller, jo)
    page = window.show_page("stories")
    controller.dialogs = ChoosingDialogs(dialogs, "theirs")
    dialogs.answers = [str(sam)]
    assert controller.bring_in(window)
    preview = dialogs.shown[-1]
    assert "1 story changed" in preview.summary.text()
    assert window.workspace.stories.get(story_id).title == "Sam's new title"
    # The page on show read the file again (off the window's thread); the person was told what
    # came in and about the backup.
    qtbot.waitUntil(lambda: not window.ctx.reads.busy, timeout=20_000)
    assert any("Sam's new title" in text for text in _visible_texts(page))
    kind, _title, text = dialogs.messages[-1]
    assert kind == "info" and "1 story changed" in text and "backup copy" in text


def test_a_field_changed_on_both_laptops_is_chosen_side_by_side(controller, dialogs, two_copies, qtbot):
    jo, sam = two_copies
    story_id = _edit(jo, _first_story_id)
    _edit(jo, lambda ws: ws.stories.update(story_id, title="Jo's title"))
    _edit(sam, lambda ws: ws.stories.update(story_id, title="Sam's title"))
    window = _window(controller, jo)
    controller.dialogs = ChoosingDialogs(dialogs, "theirs")
    dialogs.answers = [str(sam)]
    assert controller.bring_in(window)
    preview = dialogs.shown[-1]
    table = preview.conflicts
    assert table.rowCount() == 1
    assert (table.item(0, 2).text(), table.item(0, 3).text()) == ("Jo's title", "Sam's title")
    assert window.workspace.stories.get(story_id).title == "Sam's title"


def test_ticking_one_value_unticks_the_other_and_bring_in_waits_for_every_choice(two_copies, qtbot):
    from svdesk.services.merge import preview_merge
    from svdesk.ui.shell.merge_dialog import MINE, THEIRS, MergePreviewDialog

    jo, sam = two_copies
    ids = _edit(jo, lambda ws: sorted(story.id for story in ws.stories.search())[:2])
    for story_id in ids:
        _edit(jo, lambda ws, i=story_id: ws.stories.update(i, quote=f"Jo {i}"))
        _edit(sam, lambda ws, i=story_id: ws.stories.update(i, quote=f"Sam {i}"))
    plan = preview_merge(jo, sam)
    dialog = MergePreviewDialog(plan, sam.name)
    qtbot.addWidget(dialog)
    assert len(plan.conflicts) == 2 and not dialog.bring_in.isEnabled()
    table = dialog.conflicts
    table.item(0, MINE).setCheckState(Qt.CheckState.Checked)
    assert not dialog.bring_in.isEnabled() and "1 still to choose" in dialog.undecided.text()
    table.item(0, THEIRS).setCheckState(Qt.CheckState.Checked)
    assert table.item(0, MINE).checkState() == Qt.CheckState.Unchecked
    dialog.choose(1, "mine")
    assert dialog.bring_in.isEnabled()
    assert dialog.choices() == {plan.conflicts[0].key: "theirs", plan.conflicts[1].key: "mine"}


def test_cancelling_the_preview_changes_nothing(controller, dialogs, two_copies, qtbot):
    jo, sam = two_copies
    story_id = _edit(sam, _first_story_id)
    _edit(sam, lambda ws: ws.stories.update(story_id, title="Not wanted"))
    window = _window(controller, jo)
    before = window.workspace.file.change_mark()
    controller.dialogs = ChoosingDialogs(dialogs, None)
    dialogs.answers = [str(sam)]
    assert not controller.bring_in(window)
    assert window.workspace.file.change_mark() == before
    assert window.workspace.stories.get(story_id).title != "Not wanted"


@pytest.mark.parametrize("which", ["itself", "another organisation", "not svdesk", "missing"])
def test_refusals_are_plain_messages(which, controller, dialogs, two_copies, tmp_path, qtbot):
    from svdesk.domain.organisation import Organisation
    from svdesk.store.workspace import create_workspace

    jo, _sam = two_copies
    window = _window(controller, jo)
    if which == "itself":
        other = jo
    elif which == "another organisation":
        other = tmp_path / "other.svdesk"
        create_workspace(other, Organisation(name="Someone Else CIC")).close()
    elif which == "not svdesk":
        other = tmp_path / "notes.svdesk"
        other.write_text("just some text")
    else:
        other = tmp_path / "gone.svdesk"
    before = window.workspace.file.change_mark()
    dialogs.answers = [str(other)]
    assert not controller.bring_in(window)
    [(kind, _title, text)] = [m for m in dialogs.messages if m[0] in ("error", "info")]
    assert kind == "error" and text and "Traceback" not in text
    assert window.workspace.file.change_mark() == before


def test_nothing_new_says_so(controller, dialogs, two_copies, qtbot):
    jo, sam = two_copies
    window = _window(controller, jo)
    dialogs.answers = [str(sam)]
    assert not controller.bring_in(window)
    assert dialogs.messages[-1][0] == "info" and "Nothing was changed" in dialogs.messages[-1][2]


def test_the_title_names_this_laptops_copy_and_it_can_be_renamed(controller, dialogs, two_copies, qtbot):
    jo, _sam = two_copies
    window = _window(controller, jo)
    organisation = window.workspace.organisation.get().name
    assert window.windowTitle().startswith(f"{organisation} — ")
    dialogs.answers = ["Jo's laptop"]
    window._rename_copy()
    assert window.windowTitle() == f"{organisation} — Jo's laptop — svdesk"
    dialogs.answers = ["   "]
    window._rename_copy()
    assert dialogs.errors() and window.windowTitle() == f"{organisation} — Jo's laptop — svdesk"


def test_the_menu_offers_it_from_the_keyboard(controller, two_copies, qtbot):
    window = _window(controller, two_copies[0])
    texts = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
    assert "Bring in changes from another &copy…" in texts and "&Name this copy…" in texts


def _visible_texts(widget):
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit

    texts = [label.text() for label in widget.findChildren(QLabel)]
    texts += [edit.text() for edit in widget.findChildren(QLineEdit)]
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(QModelIndex()), 200)):
            for column in range(model.columnCount(QModelIndex())):
                value = model.index(row, column).data()
                if value is not None:
                    texts.append(str(value))
    return texts
