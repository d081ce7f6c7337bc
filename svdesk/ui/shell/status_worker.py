"""Works out the journey's slow statuses (the CIC34 report and impact summary are drafted to say
what they say) on a second, read-only connection in a background thread.

With years of records, drafting both takes about a quarter of a second, and the statuses are
worked out again after every change saved: done on the thread that draws, every save would
freeze the window for that long. The thread reads through its own connection (an SQLite
connection belongs to the thread that made it), so it sees each change once committed. Requests
are merged by step, the latest for each step winning, and results come back to the window as a
queued Qt signal. ``stop`` ends the thread and closes its connection before it returns: the file
must be the last connection closed, so that SQLite folds the journal back into it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class StatusWorker(QObject):
    """``request(steps)`` with (row, page class) pairs; ``ready(row, status)`` for each, in time.
    When the thread cannot read the file, ``usable`` turns False and the window works the
    statuses out itself."""

    ready = Signal(int, str)
    failed = Signal()  # the file could not be read from the thread: work the statuses out in the window

    def __init__(self, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.usable = True
        self._pending: dict[int, type] = {}
        self._working = False
        self._stopping = False
        self._changed = threading.Condition()
        self._connection = None  # the thread's read-only OrgFile, while it is open
        self._thread: threading.Thread | None = None

    def request(self, steps) -> None:
        with self._changed:
            if self._stopping or not self.usable:
                return
            self._pending.update(dict(steps))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="svdesk-statuses", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """True once every request so far has been answered (for tests and benchmarks)."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._pending and not self._working, timeout)

    def stop(self) -> None:
        """Ends the thread (a status being worked out is interrupted) and closes its connection."""
        with self._changed:
            self._stopping = True
            self._pending.clear()
            thread, connection = self._thread, self._connection
            self._changed.notify_all()
        if connection is not None:
            connection.interrupt()
        if thread is not None:
            thread.join()
        self._thread = None

    def _run(self) -> None:
        from svdesk.store.workspace import reader_workspace

        try:
            workspace = reader_workspace(self.path)
        except Exception:  # noqa: BLE001 - the window falls back to working statuses out itself
            with self._changed:
                self.usable = False
                self._pending.clear()
                self._changed.notify_all()
            self.failed.emit()
            return
        with self._changed:
            self._connection = workspace.file
        workspace.file.stop_reading_when(lambda: self._stopping)
        try:
            while True:
                with self._changed:
                    self._working = False
                    self._changed.notify_all()
                    self._changed.wait_for(lambda: self._pending or self._stopping)
                    if self._stopping:
                        return
                    steps, self._pending = self._pending, {}
                    self._working = True
                for row, page_class in sorted(steps.items()):
                    if self._stopping:
                        return
                    try:
                        status = page_class.journey_status(workspace)
                    except Exception:  # noqa: BLE001 - a status is a hint: never let it end the thread
                        status = None
                    if status is not None and not self._stopping:
                        self.ready.emit(row, status)
        finally:
            with self._changed:
                self._connection = None
                self._working = False
                self._changed.notify_all()
            workspace.close()
