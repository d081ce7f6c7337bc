"""Python's cycle collector runs on whichever thread happens to allocate when a threshold is
crossed. svdesk has background threads (journey statuses, the start-up check and copy, the
warm-up), so a collection could start on one of them and free a Qt object that belongs to the
window's thread: Qt then deletes it on the wrong thread and the process dies (SIGSEGV, seen in a
CI run: "Garbage-collecting" on the status thread). So the automatic collector is switched off
and the same generational collections are run from a timer on the window's thread instead.
Plain reference counting, which frees nearly everything, is unaffected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


def collect_due() -> int:
    """Runs the generational collections that Python itself would have run by now, on the
    calling thread; returns how many objects were freed."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold0:
        return 0
    if count1 + 1 > threshold1:
        if count2 + 1 > threshold2:
            return gc.collect(2)
        return gc.collect(1)
    return gc.collect(0)


class MainThreadCollector(QObject):
    """Owns the timer; made once per application, on the window's thread."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)
        # Counted from the start of the event loop, not from now: the first collection goes
        # through everything the start-up loaded (tens of ms), and, a second after this, it
        # came before the window's first paint on a busy machine.
        QTimer.singleShot(0, self, self._timer.start)


def install(app: QObject) -> MainThreadCollector:
    # Kept on the application object (findChild would make PySide build QStyle before the first
    # paint, which tests/ui/test_startup_path.py keeps off the start-up path).
    existing = getattr(app, "_svdesk_collector", None)
    if existing is None:
        existing = app._svdesk_collector = MainThreadCollector(app)
    gc.disable()  # whatever switched it on since
    return existing
