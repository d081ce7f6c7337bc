"""Works out the journey's slow statuses (the CIC34 report and the impact summary are drafted
to say what they say) on a second, read-only connection in a background thread.

With years of records, drafting both takes about a quarter of a second, and the statuses are
worked out again after every change saved: done on the thread that draws, every save would
freeze the window for that long. The thread reads through its own connection (an SQLite
connection belongs to the thread that made it), so it sees each change once committed; only the
latest request counts, and results come back to the window as a queued Qt signal.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class StatusWorker(QObject):
    """``request(steps)`` with (row, step) pairs; ``ready(row, status)`` for each, in time."""

    ready = Signal(int, str)

    def __init__(self, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def request(self, steps: list) -> None:
        self._idle.clear()
        self._requests.put(list(steps))
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="svdesk-statuses", daemon=True)
            self._thread.start()

    def wait_idle(self, timeout: float) -> bool:
        """True once every request so far has been answered (for tests and screenshots)."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Ends the thread and closes its connection (before the file itself is closed)."""
        if self._thread is None:
            return
        self._requests.put(None)
        self._thread.join(timeout)
        self._thread = None

    def _run(self) -> None:
        workspace = None
        try:
            while True:
                steps = self._requests.get()
                while steps is not None:  # only the latest request counts
                    try:
                        steps = self._requests.get_nowait()
                    except queue.Empty:
                        break
                if steps is None:
                    return
                if workspace is None:
                    from svdesk.store.workspace import reader_workspace

                    workspace = reader_workspace(self.path)
                for row, step in steps:
                    try:
                        status = step.journey_status(workspace)
                    except Exception:  # noqa: BLE001 - a status is a hint: never let it kill the thread
                        status = None
                    if status is not None:
                        self.ready.emit(row, status)
                if self._requests.empty():
                    self._idle.set()
        except Exception:  # noqa: BLE001 - the file could not be read from here: statuses stay as they were
            self._idle.set()
        finally:
            if workspace is not None:
                workspace.close()
