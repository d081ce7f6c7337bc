"""The window's thread is not kept busy by work nobody is looking at (issue 17): a page made in an
idle moment is not read again when first shown, the Tenders table works each row out once, and
a tender's Answer tab lists stories (each with its consent decision) only when it is looked at."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from svdesk.ui.common.context import PageContext


@pytest.fixture
def demo_page(qtbot, demo_workspace, dialogs):
    from svdesk.ui.tenders.page import TendersPage

    widget = TendersPage(PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=lambda path: None))
    qtbot.addWidget(widget)
    return widget


def test_a_page_made_in_an_idle_moment_is_not_read_again_when_first_shown(controller, demo_copy, monkeypatch):
    from svdesk.ui.shell.steps import page_classes

    reads = []
    for cls in page_classes():
        if "refresh" in vars(cls):
            original = vars(cls)["refresh"]
            monkeypatch.setattr(cls, "refresh", lambda self, *a, _o=original, **k: (reads.append(self.key), _o(self, *a, **k))[1])
    window = controller.open_path(demo_copy)
    window.finish_starting()  # every page made, as in the idle moments after the first paint
    made = {page.key for page in window.pages if page.reads_when_made}
    assert made == {"organisation", "statement", "stories", "listening", "tenders", "cic34", "summary"}
    reads.clear()
    for page in window.pages:
        window.show_page(page.key)
    # Only the page that does not read as it is made reads on its first showing.
    assert [key for key in reads if key in made] == []
    assert "measures" in reads
    reads.clear()
    window.show_page("organisation")
    name = window.show_page("organisation").name
    name.setText(name.text() + " and friends")
    name.editingFinished.emit()  # a change saved: the next showing of another page reads again
    window.show_page("tenders")
    assert reads == ["tenders"]


def test_the_tenders_table_works_each_row_out_once(demo_page, monkeypatch):
    from svdesk.ui.tenders.models import TendersModel

    model = demo_page.model
    worked = []
    original = TendersModel.time_left
    monkeypatch.setattr(TendersModel, "time_left", lambda self, tender: (worked.append(tender.id), original(self, tender))[1])
    model.set_tenders(list(model.tenders), model.today)
    for _ in range(3):  # a paint and a fit ask every cell for many roles, again and again
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
                             Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                    model.data(model.index(row, column), role)
    assert sorted(worked) == sorted(tender.id for tender in model.tenders)
    # A tender replaced in its row (details saved) is shown as it now is.
    from dataclasses import replace

    model.tenders[0] = replace(model.tenders[0], title="Renamed contract")
    assert "Renamed contract" in model.data(model.index(0, 0))
    # A new day: the time left is worked out again.
    model.set_tenders(list(model.tenders), model.today + dt.timedelta(days=1))
    for row in range(model.rowCount()):
        model.data(model.index(row, 3))
        model.data(model.index(row, 3))
    assert len(worked) == 2 * model.rowCount() + 1


def test_the_answer_tab_lists_stories_only_when_looked_at(demo_page, demo_workspace, monkeypatch):
    repo_class = type(demo_workspace.stories)
    asked = []
    original = repo_class.decisions_for
    monkeypatch.setattr(repo_class, "decisions_for", lambda self, *a, **k: (asked.append(1), original(self, *a, **k))[1])
    demo_page.tabs.setCurrentWidget(demo_page.details)
    for row in range(demo_page.model.rowCount()):
        demo_page.table.selectRow(row)
    assert asked == [] and demo_page.answer.stories_model.rowCount() == 0
    drafting = next(row for row in range(demo_page.model.rowCount())
                    if demo_page.model.tenders[row].id == "4799f033-1385-5bcc-88bb-cc6106e19b21")
    demo_page.table.selectRow(drafting)
    demo_page.tabs.setCurrentWidget(demo_page.answer)
    assert asked == [1] and demo_page.answer.stories_model.rowCount() > 0
    demo_page.tabs.setCurrentWidget(demo_page.details)
    demo_page.tabs.setCurrentWidget(demo_page.answer)
    assert asked == [1]  # nothing changed: not listed again


def test_choosing_stories_before_the_list_was_made_starts_from_what_svdesk_would_choose(demo_page, demo_workspace):
    drafting = "4799f033-1385-5bcc-88bb-cc6106e19b21"
    demo_page.tabs.setCurrentWidget(demo_page.details)
    demo_page.table.selectRow(next(row for row in range(demo_page.model.rowCount())
                                   if demo_page.model.tenders[row].id == drafting))
    answer = demo_page.answer
    assert answer.stories_model.rowCount() == 0  # not made yet
    answer.auto_stories.setChecked(False)  # e.g. by keyboard shortcut, the tab not yet shown
    tender = demo_workspace.tenders.get(drafting)
    assert tender.stories_chosen and tender.story_ids == tuple(answer.stories_model.chosen_ids())
    assert tender.story_ids, "svdesk's own choice is kept, not an empty list"
    assert answer.stories.isEnabled()


def test_a_new_file_is_told_apart_as_counting_every_first_step_would(workspace, demo_workspace, monkeypatch):
    from dataclasses import replace

    from svdesk.ui.shell import getting_started
    from svdesk.ui.shell.getting_started import first_steps, is_new_file

    def counted(ws):
        return sum(step.done for step in first_steps(ws)) <= 1

    assert is_new_file(workspace) is counted(workspace) is True  # blank
    org = workspace.organisation.get()
    workspace.organisation.save(replace(org, name="Riverside Bike Works CIC"))
    assert is_new_file(workspace) is counted(workspace)
    assert is_new_file(demo_workspace) is counted(demo_workspace) is False
    # A file with years of records is known not to be new without reading every story's consent.
    monkeypatch.setattr(getting_started, "_any_usable_story", lambda ws: pytest.fail("read every story"))
    assert is_new_file(demo_workspace) is False


def test_after_the_first_paint_each_idle_moment_does_one_step(qtbot, controller, demo_copy, monkeypatch):
    """One status, or one page made, per idle moment: all at once froze the window for seconds."""
    from svdesk.ui.shell.main_window import MainWindow

    events = []
    for name in ("_next_status", "_status_then_next", "_build_next"):
        original = getattr(MainWindow, name)
        monkeypatch.setattr(MainWindow, name, lambda self, *a, _o=original, **k: (events.append("|"), _o(self, *a, **k))[1])
    for name, mark in (("_update_status", "status"), ("_page", "page")):
        original = getattr(MainWindow, name)
        monkeypatch.setattr(MainWindow, name, lambda self, *a, _o=original, _m=mark, **k: (events.append(_m), _o(self, *a, **k))[1])
    window = controller.open_path(demo_copy)
    window._background_statuses = False  # every status on this thread, so each is seen here
    events.clear()
    window._after_first_paint()
    assert "status" not in events and "page" not in events  # nothing yet: each in an idle moment of its own
    qtbot.waitUntil(lambda: len(window._built) == len(window._classes) and window._statuses_at == window._saves,
                    timeout=60_000)
    qtbot.wait(50)
    work = "".join("s" if event == "status" else "p" if event == "page" and i and events[i - 1] == "|" else
                   "" if event == "page" else "|" for i, event in enumerate(events))
    assert all(len(moment) <= 1 for moment in work.split("|")), work
    from svdesk.ui.shell.journey import STATUS_ROLE

    assert all(window.journey_model.item(row).data(STATUS_ROLE) for row in range(window.journey_model.rowCount()))


def test_after_a_change_saved_the_statuses_follow_one_per_idle_moment(qtbot, controller, demo_copy, monkeypatch):
    from svdesk.ui.shell.journey import STATUS_ROLE
    from svdesk.ui.shell.main_window import MainWindow

    window = controller.open_path(demo_copy)
    window.finish_starting()  # every page made, every status worked out on this thread
    moments = []
    original_next, original_update = MainWindow._next_status, MainWindow._update_status
    monkeypatch.setattr(MainWindow, "_next_status", lambda self: (moments.append(0), original_next(self))[1])

    def counted(self, row):
        moments[-1] += 1
        return original_update(self, row)

    monkeypatch.setattr(MainWindow, "_update_status", counted)
    org = window.workspace.organisation.get()
    window.workspace.organisation.save(org.__class__(**{**org.__dict__, "area_served": ""}))  # a status changes
    window.workspace.organisation.save(org.__class__(**{**org.__dict__, "area_served": " "}))  # a burst: one pass
    qtbot.waitUntil(lambda: window._statuses_at == window._saves, timeout=20_000)
    assert moments and max(moments) == 1 and sum(moments) == len(window._classes)
    row = [step.key for step in window._classes].index("organisation")
    assert window.journey_model.item(row).data(STATUS_ROLE) == "Needs area"


def test_a_page_module_is_imported_in_an_idle_moment_of_its_own_before_its_status(qtbot, controller, demo_copy,
                                                                                 monkeypatch):
    """Importing a page (20-60 ms) and working out its status in the same idle moment made stretches
    of over 100 ms while the 50k file opened: the status pass imports in one moment, asks the next."""
    from svdesk.ui.shell.main_window import MainWindow
    from svdesk.ui.shell.steps import PageStep

    # Every page module is loaded in this test process: stand-ins say which are "not yet imported".
    fresh = set()
    events = []
    original_class, original_next = PageStep.page_class, MainWindow._next_status

    def page_class(step):
        if step.key in fresh:
            fresh.discard(step.key)
            events.append(f"import {step.key}")
        return original_class(step)

    monkeypatch.setattr(PageStep, "is_imported", lambda step: step.key not in fresh)
    monkeypatch.setattr(PageStep, "page_class", page_class)
    monkeypatch.setattr(MainWindow, "_next_status", lambda self: (events.append("|"), original_next(self))[1])
    original_update = MainWindow._update_status
    monkeypatch.setattr(MainWindow, "_update_status",
                        lambda self, row: (events.append(f"status {self._classes[row].key}"), original_update(self, row))[1])
    window = controller.open_path(demo_copy)
    window._background_statuses = False  # every status on this thread, so each is seen here
    fresh = {step.key for step in window._classes}
    events.clear()
    window._after_first_paint()
    qtbot.waitUntil(lambda: window._statuses_at == window._saves, timeout=60_000)
    moments = [[e for e in moment.split("\n") if e] for moment in "\n".join(events).split("|")]
    assert all(len(moment) <= 1 for moment in moments), moments
    done = [e for e in events if e != "|"]
    for step in window._classes:  # each imported once, in a moment before its status's
        assert done.count(f"import {step.key}") == 1
        assert done.index(f"import {step.key}") < done.index(f"status {step.key}")
    assert not fresh


def test_the_tenders_list_arriving_is_laid_out_then_shows_its_first_tender_in_moments_of_their_own(
        qtbot, controller, demo_copy, monkeypatch):
    """The list, fitting the table's columns to its rows, the first tender and its tabs were one
    stretch of over 100 ms with the 50k file: each is now done in an idle moment of its own."""
    from svdesk.ui.shell.steps import STEPS
    from svdesk.ui.tenders.models import TendersModel
    from svdesk.ui.tenders.page import NO_TENDER, READING, TendersPage

    events = []
    for name, mark in (("_fill", "|list"), ("_lay_out_later", "|"), ("_select_later", "|"),
                       ("_fill_tabs_later", "|"), ("_show_row", "tender"), ("_fill_tabs", "tabs")):
        original = getattr(TendersPage, name)
        monkeypatch.setattr(TendersPage, name, lambda self, *a, _o=original, _m=mark, **k: (events.append(_m), _o(self, *a, **k))[1])
    original_data = TendersModel.data
    monkeypatch.setattr(TendersModel, "data", lambda self, *a: (events.append("cell"), original_data(self, *a))[1])
    window = controller.open_path(demo_copy)
    page = window._page(next(step for step in STEPS if step.key == "tenders"))  # made, not shown (as opening)
    assert not page.isVisible() and page.empty.text() == READING
    events.clear()
    qtbot.waitUntil(lambda: "tabs" in events, timeout=20_000)
    moments = [set(moment.split(",")) - {""} for moment in ",".join(events).replace("|", ",|").split("|")]
    moments = [moment for moment in moments if moment]
    assert moments[0] == {"list"}, moments  # the rows only
    assert moments[1] == {"cell"}, moments  # the columns fitted to the rows, nothing else
    assert "tender" in moments[2] and "tabs" not in moments[2] and "cell" not in moments[2], moments
    assert moments[3] == {"tabs"}, moments
    assert page.current_tender_id() == page.model.tenders[0].id and page.empty.text() == NO_TENDER


def test_a_tender_chosen_before_the_list_is_laid_out_stays_chosen(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("tenders")
    lay_out, clicked = page._lay_out_later, []

    def then_click(fills):
        lay_out(fills)
        page.table.selectRow(1)  # a click between the list coming and its first tender shown
        clicked.append(page.model.tenders[1].id)

    page._lay_out_later = then_click
    qtbot.waitUntil(lambda: bool(clicked) and page._selecting is None and page.tabs.isEnabled(), timeout=20_000)
    qtbot.wait(50)
    assert page.current_tender_id() == clicked[0] and page.answer.tender.id == clicked[0]
