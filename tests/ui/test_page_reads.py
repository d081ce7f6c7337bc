"""Pages read long lists off the window's thread (issue 17): a page shown before its read is
answered says it is reading, then fills; an answer read before a change was saved is never shown;
only the newest read of a page is answered; and the statuses that count every record are worked
out on the status worker's thread."""

from __future__ import annotations

import threading

import pytest

from svdesk.ui.common.page_reads import PageReads
from svdesk.ui.shell.journey import STATUS_ROLE


@pytest.fixture
def reads(qtbot, demo_workspace):
    worker = PageReads(demo_workspace)
    yield worker
    worker.stop()


def _settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.ctx.reads.busy, timeout=20_000)


def test_the_tenders_page_says_it_is_reading_then_fills(qtbot, controller, demo_copy):
    from svdesk.ui.tenders.page import NO_TENDER, READING

    window = controller.open_path(demo_copy)
    page = window.show_page("tenders")
    # Its read cannot have been answered yet: the answer comes through this thread's event loop.
    assert page.reading() and page.model.rowCount() == 0
    assert page.empty.isVisibleTo(page) and page.empty.text() == READING and not page.tabs.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    assert page.model.rowCount() == len(window.workspace.tenders.all())
    # The first tender is shown two idle moments after the list came (tests/ui/test_window_responsive.py).
    qtbot.waitUntil(lambda: page.current_tender_id() is not None, timeout=20_000)
    assert not page.reading() and page.empty.text() == NO_TENDER and not page.empty.isVisibleTo(page)
    assert page.current_tender_id() == page.model.tenders[0].id and page.tabs.isVisibleTo(page)


def test_the_listening_page_says_it_is_reading_then_fills(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("listening")
    assert page.reading() and page.model.rowCount() == 0
    assert page.by_year.text() == "Reading the consultations…"
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=20_000)
    assert "2025/26: 2" in page.by_year.text() and "2024/25: 2" in page.by_year.text()
    assert page.title_edit.text() == page.model.items[0].title


def test_the_reads_are_done_on_another_thread(qtbot, demo_workspace, reads):
    threads, answers = [], []
    reads.read("tenders:", lambda ws: (threads.append(threading.current_thread()), len(ws.tenders.all()))[1],
               answers.append)
    assert answers == []
    qtbot.waitUntil(lambda: bool(answers), timeout=20_000)
    assert answers == [len(demo_workspace.tenders.all())]
    assert threads and threads[0] is not threading.main_thread()


def test_an_answer_read_before_a_change_was_saved_is_read_again(qtbot, demo_workspace, reads):
    """The thread reads, then a change is saved here, then the answer arrives: it may be from
    before the change, so it is not shown; the read is asked again and its answer is."""
    tender = demo_workspace.tenders.all()[0]
    have_read, go_on = threading.Event(), threading.Event()
    answers, asked = [], []

    def titles(ws):
        asked.append(1)
        found = [each.title for each in ws.tenders.all()]
        if len(asked) == 1:
            have_read.set()
            go_on.wait(10)
        return found

    reads.read("tenders:", titles, answers.append)
    assert have_read.wait(10)
    demo_workspace.tenders.update(tender.id, title="Renamed while it was read")
    go_on.set()
    qtbot.waitUntil(lambda: bool(answers), timeout=20_000)
    assert len(asked) == 2 and len(answers) == 1
    assert "Renamed while it was read" in answers[0] and tender.title not in answers[0]


def test_only_the_newest_read_of_a_part_is_answered(qtbot, reads):
    answers = []
    go_on = threading.Event()
    reads.read("tenders:", lambda ws: (go_on.wait(10), "first")[1], answers.append)
    reads.read("tenders:", lambda ws: "second", answers.append)
    reads.read("tenders:", lambda ws: "third", answers.append)
    reads.read("other:", lambda ws: "another part", answers.append)
    go_on.set()
    qtbot.waitUntil(lambda: not reads.busy, timeout=20_000)
    assert answers == ["third", "another part"]


def test_when_the_thread_cannot_read_the_file_the_window_reads_it(qtbot, demo_workspace, reads, monkeypatch):
    import svdesk.store.workspace as workspace_module

    def refused(path):
        raise OSError("locked")

    monkeypatch.setattr(workspace_module, "reader_workspace", refused)
    answers, threads = [], []
    reads.read("tenders:", lambda ws: (threads.append(threading.current_thread()), len(ws.tenders.all()))[1],
               answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=20_000)
    assert answers == [len(demo_workspace.tenders.all())] and threads == [threading.main_thread()]
    reads.read("tenders:", lambda ws: "at once", answers.append)
    assert answers[-1] == "at once"


def test_finish_starting_answers_every_read_at_once(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("tenders")
    window.finish_starting()
    assert page.model.rowCount() == len(window.workspace.tenders.all()) and not page.reading()
    listening = window.show_page("listening")
    assert listening.model.rowCount() == 4  # read at once from now on


def test_a_tender_renamed_while_the_list_is_read_is_shown_renamed(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("tenders")
    first = window.workspace.tenders.all()[0]
    window.workspace.tenders.update(first.id, title="Renamed before the list came")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    shown = next(tender for tender in page.model.tenders if tender.id == first.id)
    assert shown.title == "Renamed before the list came"


@pytest.mark.parametrize("key", ["measures", "stories", "listening", "tenders"])
def test_statuses_that_count_every_record_are_worked_out_on_another_thread(qtbot, controller, demo_copy,
                                                                           monkeypatch, key):
    from svdesk.ui.shell.steps import STEPS

    step = next(step for step in STEPS if step.key == key)
    cls = step.page_class()
    threads = []
    original = cls.journey_status.__func__

    def spy(klass, workspace):
        threads.append(threading.current_thread())
        return original(klass, workspace)

    monkeypatch.setattr(cls, "journey_status", classmethod(spy))
    window = controller.open_path(demo_copy)
    row = [each.key for each in window._classes].index(key)
    qtbot.waitUntil(lambda: bool(window.journey_model.item(row).data(STATUS_ROLE)), timeout=20_000)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    page = window.page(key)
    _settled(qtbot, window)
    assert window.journey_model.item(row).data(STATUS_ROLE) == original(cls, window.workspace)
    assert page.status_text() == original(cls, window.workspace)


def test_the_consultation_table_is_given_its_rows_a_window_at_a_time(qtbot):
    """10,000 consultations are read, but the table holds what has been scrolled to."""
    from types import SimpleNamespace

    from svdesk.ui.stories.consultation_model import BATCH, ConsultationModel

    model = ConsultationModel()
    items = [SimpleNamespace(id=f"c{number}") for number in range(2 * BATCH + 50)]
    model.set_items(items)
    assert model.rowCount() == BATCH and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * BATCH
    model.fetchMore()
    assert model.rowCount() == len(items) and not model.canFetchMore()
    model.set_items(items)  # read again: back to the first window
    assert model.rowCount() == BATCH
    # The row of a consultation not given to the view yet is given, with those before it.
    assert model.row_of(f"c{BATCH + 10}") == BATCH + 10 and model.rowCount() == BATCH + 11
    assert model.row_of("not there") is None and model.rowCount() == BATCH + 11
    model.set_items(items[:3])
    assert model.rowCount() == 3 and not model.canFetchMore()


def test_what_we_measure_says_it_is_reading_then_shows_the_first_indicator(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("measures")
    # Never "No indicators yet" while they are being read.
    assert page.reading() and page.right.currentWidget() is page.reading_box
    assert page.count_label.text() == "Reading the indicators…"
    qtbot.waitUntil(lambda: not page.reading() and page.list_model.rowCount() > 0, timeout=20_000)
    active = window.workspace.indicators.active()
    assert [item[0].id for item in page.list_model.items] == [indicator.id for indicator in active]
    assert page.right.currentWidget() is page.detail and page.current_id == active[0].id
    assert page.count_label.text().startswith(f"{len(active)} active indicator")


def test_the_indicator_tabs_are_made_in_an_idle_moment_of_their_own(qtbot, page_ctx):
    from svdesk.ui.measures.page import MeasuresPage

    page = MeasuresPage(page_ctx)
    qtbot.addWidget(page)
    assert not page._panels_built  # not while the page itself is made
    qtbot.waitUntil(lambda: page._panels_built, timeout=5_000)


def test_the_stories_page_says_it_is_reading_then_lists_them(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("stories")
    assert page.reading("list") and page.model.rowCount() == 0
    assert page.count_label.text() == "Reading the stories…"
    qtbot.waitUntil(lambda: not page.reading("list"), timeout=20_000)
    assert page.model.total == 13 and page.count_label.text() == "13 stories, newest first."
    assert page.editor.title.text() == (page.model._rows[0].title or "")


def test_a_search_run_while_the_stories_are_read_is_not_overwritten(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("stories")
    assert page.reading("list")
    page.search.setText("lukasz")
    page.apply_filters()  # the person's own search, read at once
    assert page.model.total == 1
    qtbot.waitUntil(lambda: not window.ctx.reads.busy, timeout=20_000)
    qtbot.wait(20)
    assert page.model.total == 1 and page.count_label.text() == "1 of 13 stories match."


def test_a_story_changed_while_the_list_is_read_is_listed_as_it_now_is(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("stories")
    newest = window.workspace.stories.search_ids("", None, limit=1, offset=0)[0]
    window.workspace.stories.update(newest, title="Renamed while the list was read")
    qtbot.waitUntil(lambda: not page.reading("list"), timeout=20_000)
    assert page.model._rows[0].title == "Renamed while the list was read"


def _watch_fill(page, seen: list) -> None:
    """Notes the tenders page as it is the moment its first tender is shown (two idle moments after
    its list arrived: tests/ui/test_window_responsive.py), before any later idle moment."""
    select = page._select_later

    def watched(fills):
        select(fills)
        seen.append((page.current_tender_id(), page.tabs.isEnabled(), page.answer.tender, page.commitments.tender))

    page._select_later = watched


def test_the_first_tenders_tabs_are_filled_in_an_idle_moment_after_the_list(qtbot, controller, demo_copy):
    """The list and the whole first tender were one long stretch with a big file (issue 17)."""
    window = controller.open_path(demo_copy)
    page = window.show_page("tenders")
    seen: list = []
    _watch_fill(page, seen)
    qtbot.waitUntil(lambda: bool(seen) and page.tabs.isEnabled(), timeout=20_000)
    first = page.model.tenders[0].id
    # Its heading and details at once; the tabs, disabled and still empty, in the next idle moment.
    assert seen[0] == (first, False, None, None)
    assert page.answer.tender.id == first and page.commitments.tender.id == first
    assert page.delivery.tender.id == first and page.details.tender.id == first


def test_a_tender_chosen_before_the_tabs_are_filled_keeps_its_own(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("tenders")
    seen: list = []
    select = page._select_later

    def then_choose_another(fills):
        select(fills)
        seen.append(page.tabs.isEnabled())
        page.table.selectRow(1)  # a click before the next idle moment

    page._select_later = then_choose_another
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    qtbot.wait(50)  # the first tender's deferred fill has had its moment, and dropped itself
    second = page.model.tenders[1].id
    assert seen == [False] and page.current_tender_id() == second and page.tabs.isEnabled()
    assert page.answer.tender.id == second and page.commitments.tender.id == second


def test_the_cic34_page_made_while_idle_shows_its_year_a_moment_later(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.page("cic34")
    assert page.year is None  # the frame only: the year's records and wording come next
    qtbot.waitUntil(lambda: page.year is not None, timeout=20_000)
    assert page.records.year == page.year and page.wording.rows  # its wording read for the year


def test_finish_starting_shows_what_pages_left_for_their_next_idle_moment(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    cic34 = window.page("cic34")
    assert cic34.year is None
    window.finish_starting()
    assert cic34.year is not None and cic34.records.year == cic34.year
    tenders = window.show_page("tenders")
    assert tenders.tabs.isEnabled() and tenders.answer.tender.id == tenders.current_tender_id()
