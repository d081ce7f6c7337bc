"""The journey's slow statuses (CIC34 report, impact summary) are worked out off the window's
thread, on a second connection, and follow each change saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from svdesk.ui.journey import STATUS_ROLE


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
    from svdesk.ui.pages.cic34 import Cic34Page

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
    assert window._status_worker is None
