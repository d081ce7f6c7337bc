"""Reads that pages ask for, done on a second, read-only connection in a background thread.

With a 50,000-story file, reading every tender or every consultation takes a quarter of a second
or more: done on the thread that draws, the window could not answer a click meanwhile. A page
asks ``read(owner, work, then)``: ``work(workspace)`` runs on the thread against its own
connection (an SQLite connection belongs to the thread that made it) and must return plain
records, never a Qt object; ``then(result)`` runs later on the window's thread, through a queued
signal.

Only the latest read of each owner is answered (an older one is dropped), and an answer is
dropped and the read asked again if a change was saved through the window's connection after it
was asked: the thread may have read the file just before that change, and a page must never show
what was true before it. ``stop`` ends the thread and closes its connection before it returns
(the file must be the last connection closed). Without a file on disk, after ``read_here`` or
when the thread cannot read the file, ``work`` runs at once on the calling thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

Work = Callable[[Any], Any]
Then = Callable[[Any], None]


class PageReads(QObject):
    _answered = Signal(int, object, object)  # ticket, result, the exception raised (or None)

    def __init__(self, workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace  # the window's, for reads done here and for its change mark
        self._here = workspace.path is None
        self._ticket = 0
        self._latest: dict[str, int] = {}  # owner -> the ticket of its newest read
        self._asked: dict[int, tuple[str, Work, Then, object]] = {}  # ticket -> owner, work, then, mark
        self._queue: list[tuple[int, Work]] = []
        self._working = False
        self._stopping = False
        self._changed = threading.Condition()
        self._connection = None  # the thread's read-only OrgFile, while it is open
        self._thread: threading.Thread | None = None
        # Emitted on the reading thread, so queued to this object's thread: naming the connection
        # type would make PySide build its whole Qt namespace before the first paint.
        self._answered.connect(self._deliver)

    # -- asked on the window's thread -------------------------------------------------------------
    def read(self, owner: str, work: Work, then: Then) -> None:
        """Runs ``work(workspace)`` off this thread and ``then(result)`` on it, in time."""
        if self._here or self.workspace.file.is_closed:
            if not self.workspace.file.is_closed:
                then(work(self.workspace))
            return
        self._ticket += 1
        ticket = self._ticket
        mark = self.workspace.file.change_mark()
        with self._changed:
            here = self._here  # the thread may have found it cannot read the file meanwhile
            if not here:
                # An older read of the same owner not started yet is not needed any more.
                for older, _work in [queued for queued in self._queue if self._asked[queued[0]][0] == owner]:
                    del self._asked[older]
                self._queue = [queued for queued in self._queue if queued[0] in self._asked]
                self._latest[owner] = ticket
                self._asked[ticket] = (owner, work, then, mark)
                self._queue.append((ticket, work))
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="svdesk-page-reads", daemon=True)
                    self._thread.start()
                self._changed.notify_all()
        if here:
            self._latest.pop(owner, None)
            then(work(self.workspace))

    @property
    def at_once(self) -> bool:
        """True when ``then`` runs inside ``read`` (no thread: no file on disk, or after ``read_here``)."""
        return self._here

    def pending(self, owner: str) -> bool:
        """True while a read of ``owner`` has been asked and not yet answered."""
        ticket = self._latest.get(owner)
        return ticket is not None and ticket in self._asked

    @property
    def busy(self) -> bool:
        """True while any read asked has not been answered on this thread."""
        return bool(self._asked)

    def wait_idle(self, timeout: float) -> bool:
        """True once the thread has answered every read asked (for tests and benchmarks; the
        answers themselves arrive with the next turn of the event loop)."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._queue and not self._working, timeout)

    def read_here(self) -> None:
        """From now on every read is done at once on this thread; reads in flight are done now."""
        self.stop()
        self._here = True
        waiting = sorted((ticket, asked) for ticket, asked in self._asked.items()
                         if self._latest.get(asked[0]) == ticket)
        self._asked.clear()
        for _ticket, (_owner, work, then, _mark) in waiting:
            if not self.workspace.file.is_closed:
                then(work(self.workspace))

    def stop(self) -> None:
        """Ends the thread (a read in progress is interrupted) and closes its connection."""
        with self._changed:
            self._stopping = True
            self._queue.clear()
            thread, connection = self._thread, self._connection
            self._changed.notify_all()
        if connection is not None:
            connection.interrupt()
        if thread is not None:
            thread.join()
        self._thread = None

    def _deliver(self, ticket: int, result: object, error: object) -> None:
        asked = self._asked.pop(ticket, None)
        if asked is None or self._stopping or self.workspace.file.is_closed:
            return
        owner, work, then, mark = asked
        if self._latest.get(owner) != ticket:
            return  # a newer read of the same owner is on its way
        if error is not None:
            # The thread could not read (the file moved, a lock): read here, as without a thread.
            then(work(self.workspace))
            return
        if self.workspace.file.change_mark() != mark:
            self.read(owner, work, then)  # saved meanwhile: what was read may be from before
            return
        then(result)

    # -- the thread -------------------------------------------------------------------------------
    def _run(self) -> None:
        from svdesk.store.workspace import reader_workspace

        try:
            workspace = reader_workspace(Path(self.workspace.path))
        except Exception as error:  # noqa: BLE001 - each read is then done on the window's thread
            with self._changed:
                self._here = True
                queue, self._queue = self._queue, []
                self._changed.notify_all()
            for ticket, _work in queue:
                self._answered.emit(ticket, None, error)
            return
        with self._changed:
            self._connection = workspace.file
        workspace.file.stop_reading_when(lambda: self._stopping)
        try:
            while True:
                with self._changed:
                    self._working = False
                    self._changed.notify_all()
                    self._changed.wait_for(lambda: self._queue or self._stopping)
                    if self._stopping:
                        return
                    ticket, work = self._queue.pop(0)
                    self._working = True
                try:
                    result, error = work(workspace), None
                except Exception as failure:  # noqa: BLE001 - answered by reading on the window's thread
                    result, error = None, failure
                if not self._stopping:
                    self._answered.emit(ticket, result, error)
        finally:
            with self._changed:
                self._connection = None
                self._working = False
                self._changed.notify_all()
            workspace.close()
