"""The CIC34 and Impact summary pages draft off the window's thread (issue 17): the newest request
wins, a stale draft is never shown after an edit, the thread holds no connection once idle, and
the export waits for the current draft."""

import dataclasses
import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from svdesk.domain.cic34 import Part
from svdesk.domain.errors import SvdeskError
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.drafting import Drafter

DEMO_TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def demo_today(monkeypatch):
    from svdesk.domain import dates
    from svdesk.ui.shell.steps import STEPS

    for step in STEPS:  # every page imported before the fake is in place (see test_cic34_ui.py)
        step.page_class()
    monkeypatch.setattr(dates, "today", lambda: DEMO_TODAY)


@pytest.fixture
def background_ctx(demo_workspace, dialogs):
    return PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=lambda _path: None,
                       draft_in_background=True)


@pytest.fixture
def holder(qtbot):
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _drafter(workspace, draft, holder):
    drafter = Drafter(workspace, draft, True, holder)
    got = []
    drafter.drafted.connect(got.append)
    return drafter, got


def test_a_draft_comes_back_on_the_windows_thread_from_a_connection_of_its_own(qtbot, demo_workspace, holder):
    seen = []

    def draft(workspace, what):
        seen.append((threading.current_thread() is threading.main_thread(), workspace is demo_workspace,
                     workspace.file.read_only))
        return f"{workspace.organisation.get().name} {what}"

    drafter, got = _drafter(demo_workspace, draft, holder)
    drafter.request("2025/26")
    assert drafter.busy
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    assert [item.value for item in got] == ["Riverside Bike Works CIC 2025/26"]
    assert seen == [(False, False, True)]
    # Idle: the thread has ended and closed its connection (the file must be the last one closed).
    qtbot.waitUntil(lambda: not drafter._threads, timeout=5000)
    drafter.stop()


def test_a_newer_request_supersedes_one_being_drafted(qtbot, demo_workspace, holder):
    started, release = threading.Event(), threading.Event()

    def draft(workspace, what):
        if what == "old":
            started.set()
            release.wait(10)
        workspace.organisation.get()
        return what

    drafter, got = _drafter(demo_workspace, draft, holder)
    drafter.request("old")
    assert started.wait(10)
    drafter.request("new")
    release.set()
    assert drafter.wait(20)
    qtbot.wait(50)  # anything the old draft queued is delivered now, or never
    assert [item.value for item in got] == ["new"]


def test_a_finished_draft_is_dropped_when_a_newer_request_came_before_it_was_shown(qtbot, demo_workspace, holder):
    drafter, got = _drafter(demo_workspace, lambda _workspace, what: what, holder)
    drafter.request("before the edit")
    # Drafted and its signal queued, but not yet delivered (the event loop has not run) ...
    with drafter._lock:
        assert drafter._lock.wait_for(lambda: drafter._result is not None, 20)
    drafter.request("after the edit")  # ... when the person saves a change
    assert drafter.wait(20)
    QApplication.processEvents()
    assert [item.value for item in got] == ["after the edit"]


def test_a_plain_error_is_handed_back_and_stop_drafts_on_the_spot(qtbot, demo_workspace, holder):
    def draft(_workspace, what):
        if what == "bad":
            raise SvdeskError("The year starts before the company was incorporated.")
        return threading.current_thread() is threading.main_thread()

    drafter, got = _drafter(demo_workspace, draft, holder)
    drafter.request("bad")
    assert drafter.wait(20)
    assert got[-1].error is not None and "incorporated" in str(got[-1].error)
    drafter.stop()
    assert not drafter._threads and not drafter.in_background
    drafter.request("good")
    assert got[-1].value is True  # drafted at once, on the window's thread
    assert not drafter.busy


def test_an_unexpected_failure_on_the_thread_is_drafted_again_on_the_windows_thread(qtbot, demo_workspace, holder):
    def draft(_workspace, _what):
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("only on the thread")
        return "drafted here"

    drafter, got = _drafter(demo_workspace, draft, holder)
    drafter.request("x")
    assert drafter.wait(20)
    assert [item.value for item in got] == ["drafted here"]
    drafter.stop()


def test_cic34_page_shows_drafting_then_the_report_and_never_a_stale_one_after_an_edit(qtbot, background_ctx):
    from svdesk.ui.cic34.page import Cic34Page

    page = Cic34Page(background_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    assert page.drafting_note.isVisible() and page.drafting_note.text() == "Drafting the report…"
    assert page.report is None
    assert page.wait_drafted()
    assert not page.drafting_note.isVisible()
    assert page.year.label == "2025/26"
    assert page.editors[Part.ACTIVITIES].edit.toPlainText().startswith("Riverside Bike Works CIC is")
    assert any("not dated yet" in check.text for check in page.checks_model.checks)

    # A draft requested before the edit is still on its way when the report is dated: only the
    # draft made after the edit is ever shown.
    page.refresh()
    page.signing.sign_today.click()
    assert page.wait_drafted()
    QApplication.processEvents()
    assert not any("not dated yet" in check.text for check in page.checks_model.checks)
    assert page.report.signatory.signed_on is not None
    page.stop_background()


def test_cic34_export_waits_for_the_current_draft(qtbot, background_ctx, dialogs, tmp_path):
    from svdesk.ui.cic34.page import Cic34Page

    page = Cic34Page(background_ctx)
    qtbot.addWidget(page)
    assert page.wait_drafted() and page.report.signatory.signed_on is None
    page.signing.sign_today.click()
    assert page._drafter.busy  # redrafted after the change: not in yet
    dialogs.answers = [str(tmp_path / "report.txt")]
    written = page.export("txt")
    assert written == tmp_path / "report.txt"
    assert page.report.signatory.signed_on is not None  # the draft after the change was used
    assert "not dated yet" not in str(dialogs.messages)
    page.stop_background()


def test_summary_page_drafts_in_the_background_and_builds_its_choice_in_slices(qtbot, background_ctx, dialogs,
                                                                                tmp_path):
    from svdesk.ui.summary.page import SummaryPage

    page = SummaryPage(background_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    assert page.drafting_note.isVisible() and page.summary is None
    # Filled by the event loop alone (queued signal, then slices), without waiting on the page.
    qtbot.waitUntil(lambda: page.summary is not None and not page._slices.running, timeout=30000)
    assert not page.drafting_note.isVisible()
    listing = list(page.summary.sources.stories)
    model = page.story_model
    assert model.rowCount() == len(listing) and len(model.ticked()) == 2
    texts = [label.text() for label in page.paper.findChildren(type(page.notes))]
    assert "Riverside Bike Works CIC" in texts

    first = model.ticked()[0]
    row = next(row for row in range(model.rowCount()) if model.index(row).data(Qt.ItemDataRole.UserRole) == first)
    model.setData(model.index(row), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.wait_drafted()
    assert len(page.summary.stories) == 1 and page.auto_button.isVisible()
    # The export tells (and logs) the stories of a draft made on the thread, whose connection is closed.
    page.auto_button.click()
    dialogs.answers = [str(tmp_path / "summary.pdf")]
    assert page.export().read_bytes().startswith(b"%PDF")
    assert len(page.summary.stories) == 2
    for story in page.summary.stories:
        assert background_ctx.workspace.stories.uses_of(story.story_id)
    page.stop_background()


def test_a_third_story_is_refused_and_never_shows_ticked(qtbot, background_ctx):
    from PySide6.QtWidgets import QCheckBox

    from svdesk.ui.summary.page import SummaryPage

    page = SummaryPage(background_ctx)
    qtbot.addWidget(page)
    assert page.wait_drafted()
    model = page.story_model
    assert not page.findChildren(QCheckBox)  # the stories are rows of one list, not a widget each
    end = page.year.end
    chosen = model.ticked()
    assert len(chosen) == 2
    # The demo's year has two usable stories: a third row, as a bigger year would list.
    entries = model.entries + [dataclasses.replace(model.entries[0], story_id="third", title="A third story")]
    model.set_stories(entries, chosen, True)
    row = len(entries) - 1
    model.setData(model.index(row), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "at most two" in page.notes.text()
    assert model.index(row).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert background_ctx.workspace.cic34.summary_story_ids(end) is None  # still svdesk's choice: nothing saved
    page.stop_background()


def test_the_window_stops_drafting_before_the_file_closes(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    cic34 = window.show_page("cic34")
    summary = window.page("summary")
    assert cic34._drafter.in_background and summary._drafter.in_background
    qtbot.waitUntil(lambda: cic34.report is not None and summary.summary is not None, timeout=30000)
    window.close()
    assert not cic34._drafter._threads and not summary._drafter._threads
    assert window.workspace.file.is_closed


def test_a_file_the_thread_cannot_open_is_drafted_on_the_windows_thread(qtbot, demo_workspace, holder, monkeypatch):
    from svdesk.store import workspace as workspace_module

    def refuse(_path):
        raise OSError("no second connection")

    monkeypatch.setattr(workspace_module, "reader_workspace", refuse)
    drafter, got = _drafter(demo_workspace, lambda workspace, what: (workspace is demo_workspace, what), holder)
    drafter.request("a")
    assert drafter.wait(20)
    assert [item.value for item in got] == [(True, "a")]
    assert not drafter.in_background
    drafter.request("b")  # from now on at once
    assert got[-1].value == (True, "b") and not drafter.busy


def test_text_being_typed_stays_when_a_draft_arrives(qtbot, background_ctx):
    from svdesk.ui.cic34.page import Cic34Page

    page = Cic34Page(background_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    assert page.wait_drafted()
    edit = page.editors[Part.CONSULTATION].edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=5000)
    typed = edit.toPlainText() + "\n\nHalf a senten"
    edit.setPlainText(typed)
    page.refresh()  # a draft asked for elsewhere arrives mid-sentence
    assert page.wait_drafted()
    assert edit.toPlainText() == typed
    page.stop_background()


def test_stories_left_out_are_named_up_to_a_limit_and_the_rest_counted(qtbot, demo_ctx_sync, monkeypatch):
    from svdesk.ui.summary import page as summary_module

    monkeypatch.setattr(summary_module, "EXCLUDED_SHOWN", 1)
    page = summary_module.SummaryPage(demo_ctx_sync)
    qtbot.addWidget(page)
    left_out = page.summary.sources.excluded
    assert len(left_out) == 3
    lines = page.excluded.text().splitlines()
    assert lines == [f"Left out: “{left_out[0].title}” — {left_out[0].reason}", "…and 2 more stories left out."]


@pytest.fixture
def demo_ctx_sync(demo_workspace, dialogs):
    return PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=lambda _path: None)


def test_stop_leaves_a_draft_under_way_for_wait_and_a_closing_window_drafts_nothing(qtbot, demo_workspace, holder):
    import time

    started = threading.Event()
    calls = []

    def draft(_workspace, _what):
        on_thread = threading.current_thread() is not threading.main_thread()
        calls.append(on_thread)
        if on_thread:
            started.set()
            while drafter.in_background:
                time.sleep(0.01)
            raise RuntimeError("given up: the drafting was stopped")
        return "drafted here"

    drafter, got = _drafter(demo_workspace, draft, holder)
    drafter.request("x")
    assert started.wait(10)
    drafter.stop()
    QApplication.processEvents()
    assert got == [] and drafter.busy and calls == [True]  # nothing drafted on the window's thread
    assert drafter.wait(5)
    assert [item.value for item in got] == ["drafted here"] and calls == [True, False]
