"""Cycle collection happens only on the window's thread (a collection on a background thread
that frees a Qt object crashes the process)."""

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from svdesk.ui.shell import collector
from svdesk.ui.shell.app import make_application


def test_the_application_turns_automatic_collection_off(qapp):
    # Whether or not an earlier test (or an in-process command) made the application already.
    gc.enable()
    try:
        make_application()
        assert not gc.isenabled()
        assert collector.install(qapp) is collector.install(qapp)  # one per application
    finally:
        gc.disable()


class _Holder:
    def __init__(self):
        self.me = self  # a reference cycle: only the cycle collector can free it
        self.qobject = QObject()


def test_cyclic_qt_garbage_made_busy_on_another_thread_is_freed_on_the_main_thread(qapp, qtbot):
    make_application()
    holder = _Holder()
    ref = weakref.ref(holder)
    freed_on = []
    holder.qobject.destroyed.connect(lambda *_: freed_on.append(threading.current_thread()))
    del holder

    junk = []

    def allocate():  # enough live objects to have triggered an automatic collection here
        for _ in range(50_000):
            junk.append([[]])

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert ref() is not None, "a collection ran on the background thread"

    qtbot.waitUntil(lambda: ref() is None, timeout=5000)
    assert freed_on in ([], [threading.main_thread()])
    junk.clear()


def test_collect_due_runs_nothing_below_the_threshold():
    gc.collect()
    assert collector.collect_due() == 0


def test_the_first_collection_waits_for_the_event_loop(qapp, qtbot, monkeypatch):
    # The interval used to count from make_application: on a busy machine the first collection,
    # through everything the start-up had loaded, came before the window's first paint (issue 17).
    import time

    calls = []
    monkeypatch.setattr(collector, "collect_due", lambda: calls.append(1) or 0)
    parent = QObject()
    collector.MainThreadCollector(parent, interval_ms=10)
    time.sleep(0.05)  # the start-up's work: no events handled yet
    qapp.processEvents()  # the event loop's first moment (the window's first paint)
    assert calls == []
    qtbot.waitUntil(lambda: bool(calls), timeout=2000)  # then every interval as before
    parent.deleteLater()
