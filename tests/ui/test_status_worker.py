"""The journey's slow statuses (CIC34 report, impact summary) are worked out off the window's
thread, on a second connection, and follow each change saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from svdesk.ui.shell.journey import STATUS_ROLE


def _status(window, key: str) -> str | None:
    row = [step.key for step in window._classes].index(key)
    return window.journey_model.item(row).data(STATUS_ROLE)


def test_slow_statuses_arrive_and_follow_a_change(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    qtbot.waitUntil(lambda: bool(_status(window, "cic34") and _status(window, "summary")), timeout=20000)
    assert "filed" not in _status(window, "cic34")

    from svdesk.compose.cic34 import default_year

    cic34 = window.workspace.cic34
    year = default_year(window.workspace)
    signatory = cic34.signatory(year.end)
    cic34.save_signatory(dataclasses.replace(signatory, filed_on=dt.date(2026, 11, 20)))
    qtbot.waitUntil(lambda: "filed 20 Nov 2026" in (_status(window, "cic34") or ""), timeout=20000)


def test_the_drafting_runs_on_another_thread(qtbot, controller, demo_copy, monkeypatch):
    from svdesk.ui.cic34.page import Cic34Page

    threads = []
    original = Cic34Page.journey_status.__func__

    def spy(cls, workspace):
        threads.append(threading.current_thread())
        return original(cls, workspace)

    monkeypatch.setattr(Cic34Page, "journey_status", classmethod(spy))
    window = controller.open_path(demo_copy)
    qtbot.waitUntil(lambda: bool(_status(window, "cic34")), timeout=20000)
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    window.close()
    assert window._status_worker._thread is None  # stopped, its connection closed, with the window


def test_finish_starting_works_every_status_out_at_once(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    window.finish_starting()
    assert _status(window, "cic34") and _status(window, "summary")
    assert not window._background_statuses


class _Recorder:
    calls: list = []
    delay = 0.0

    @classmethod
    def journey_status(cls, workspace):
        import time

        time.sleep(cls.delay)
        cls.calls.append(cls.__name__)
        return f"{cls.__name__} · {workspace.organisation.get().staff}"


class _First(_Recorder):
    delay = 0.4


class _Second(_Recorder):
    pass


class _Third(_Recorder):
    pass


def test_requests_for_other_steps_are_merged_not_dropped(qtbot, demo_copy):
    from svdesk.ui.shell.status_worker import StatusWorker

    _Recorder.calls = []
    worker = StatusWorker(demo_copy)
    answers = []
    worker.ready.connect(lambda row, status: answers.append((row, status)))
    worker.request([(1, _First)])
    qtbot.waitUntil(lambda: worker._working, timeout=5000)  # busy with the slow one...
    worker.request([(2, _Second)])  # ...while two more arrive, one after the other
    worker.request([(3, _Third)])
    assert worker.wait_idle(10)
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=5000)
    assert sorted(row for row, _status in answers) == [1, 2, 3]
    worker.stop()
    assert worker._thread is None and worker._connection is None


def test_closing_mid_status_leaves_the_file_whole(qtbot, controller, demo_copy, monkeypatch):
    """The worker's connection is closed before the file, so SQLite folds the journal back into
    the file on close: the .svdesk on its own holds every change."""
    from pathlib import Path

    from svdesk.ui.cic34.page import Cic34Page

    started = threading.Event()
    original = Cic34Page.journey_status.__func__

    def slow(cls, workspace):
        started.set()
        import time

        time.sleep(0.5)
        return original(cls, workspace)

    monkeypatch.setattr(Cic34Page, "journey_status", classmethod(slow))
    window = controller.open_path(demo_copy)
    window.workspace.organisation.update(staff=42)
    qtbot.waitUntil(started.is_set, timeout=10000)
    window.close()
    assert not Path(f"{demo_copy}-wal").exists()
    from svdesk.store.orgfile import open_file

    reopened = open_file(demo_copy, read_only=True)
    try:
        assert reopened.query_one("SELECT staff FROM organisation")["staff"] == 42
    finally:
        reopened.close()


def test_a_worker_that_cannot_read_the_file_says_so(qtbot, tmp_path):
    from svdesk.ui.shell.status_worker import StatusWorker

    worker = StatusWorker(tmp_path / "gone.svdesk")
    with qtbot.waitSignal(worker.failed, timeout=5000):
        worker.request([(1, _Second)])
    assert not worker.usable and worker.wait_idle(5)
    worker.request([(2, _Second)])  # ignored: the window works statuses out itself now
    assert worker.wait_idle(1)
    worker.stop()
