"""Drafts a page's content (the CIC34 report, the impact summary) off the window's thread.

With years of records a draft takes from a quarter of a second to several: done on the thread
that draws, every visit and every change saved froze the window for that long. A ``Drafter``
drafts on a thread of its own, through a read-only connection of its own (an SQLite connection
belongs to the thread that made it; it sees each change once committed), and hands the result
back to the window's thread by a queued signal. Only the newest request counts: one asked for
while another is being drafted interrupts it, and a result that is no longer the newest is
never shown (a stale draft after an edit would say something untrue).

The thread builds plain Python data only; it never makes or touches a Qt object (it only emits
the signal). It opens its connection when asked for a draft and closes it once nothing is
left to draft, so an idle page holds no connection to the file (the file must be the last
connection closed, for SQLite to fold its journal back in). ``stop`` ends the drafting before
the file closes; from then on, and when the file has no path (in memory) or cannot be read from
a second connection, drafts are made on the spot, on the window's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from svdesk.domain.errors import SvdeskError


@dataclass(frozen=True)
class Drafted:
    """What a request came to: the draft, or the plain-English reason there is none.
    ``redo_here`` asks the window's thread to draft it itself (the thread met something
    unexpected: drafted again there, it is reported the way any other error is)."""

    request: object
    value: object = None
    error: SvdeskError | None = None
    redo_here: bool = False


class Drafter(QObject):
    """``request(what)`` drafts ``draft(workspace, what)``; ``drafted(Drafted)`` brings the newest
    result, on the window's thread. ``wait`` blocks until that result is in and delivers it now."""

    drafted = Signal(object)
    _finished = Signal(int)  # from the thread: the request with this number is drafted

    def __init__(self, workspace, draft: Callable, background: bool, parent: QObject | None = None,
                 hand_over: Callable | None = None):
        """``hand_over(value)``, on the thread, makes a draft independent of the thread's
        connection (closed once the draft is delivered): anything it reads lazily, read now."""
        super().__init__(parent)
        self._workspace = workspace
        self._draft = draft
        self._hand_over = hand_over or (lambda value: value)
        self._path: Path | None = Path(workspace.path) if background and workspace.path is not None else None
        self._lock = threading.Condition()
        self._number = 0  # of the newest request
        self._last_request = None  # what it asked: drafted here if the thread stops first
        self._delivered = 0  # number of the last result handed to the page
        self._pending: tuple[int, object] | None = None
        self._result: tuple[int, Drafted] | None = None  # the newest request's result, once drafted
        # Every thread not yet ended (stop joins them all: each may still be closing its
        # connection), and the one that will draft the next request, if any.
        self._threads: set[threading.Thread] = set()
        self._serving: threading.Thread | None = None
        self._finished.connect(self._on_finished)

    @property
    def in_background(self) -> bool:
        return self._path is not None

    @property
    def busy(self) -> bool:
        """True while the newest request's result has not been delivered."""
        return self._delivered < self._number

    def request(self, what) -> None:
        """Drafts ``what``; any older request still being drafted is given up."""
        with self._lock:
            self._number += 1
            number = self._number
            self._last_request = what
            if self._path is not None:
                self._pending = (number, what)
                self._result = None
                if self._serving is None:
                    thread = threading.Thread(target=self._run, name="svdesk-drafting", daemon=True)
                    self._serving = thread
                    self._threads.add(thread)
                    thread.start()
                self._lock.notify_all()
                return
        self._deliver(number, self._draft_here(what))

    def wait(self, timeout: float = 120.0) -> bool:
        """Blocks until the newest request is drafted and delivers its result now (tests, and the
        export and copy buttons, which must use the current draft). True when nothing is left."""
        with self._lock:
            number = self._number
            if not self._lock.wait_for(
                    lambda: self._delivered >= number or (self._result and self._result[0] >= number)
                    or self._path is None, timeout):
                return False
            result = self._result
        if result is not None and result[0] == self._number:
            self._deliver(*result)
        elif self._path is None and self.busy:  # stopped before it was drafted: drafted here now
            self._deliver(self._number, self._draft_here(self._last_request))
        return not self.busy

    def stop(self) -> None:
        """Ends the drafting thread (closing its connection) before this returns; later requests
        are drafted on the spot. A result already drafted is delivered; a request still being
        drafted is left for ``wait`` to draft on the spot (a window closing never waits for it)."""
        with self._lock:
            self._path = None
            self._pending = None
            threads = list(self._threads)
            self._lock.notify_all()
        for thread in threads:
            thread.join()
        with self._lock:
            result = self._result
        if result is not None and result[0] == self._number:
            self._deliver(*result)

    # -- the window's thread ----------------------------------------------------------------------
    def _on_finished(self, number: int) -> None:
        with self._lock:
            result = self._result
        if result is not None and result[0] == number:
            self._deliver(*result)

    def _deliver(self, number: int, drafted: Drafted) -> None:
        with self._lock:
            if number != self._number or number <= self._delivered:
                return  # superseded by a newer request, or already handed over (by wait)
            self._delivered = number
            self._lock.notify_all()
        if drafted.redo_here:
            drafted = self._draft_here(drafted.request)
        self.drafted.emit(drafted)

    def _draft_here(self, what) -> Drafted:
        try:
            return Drafted(what, value=self._draft(self._workspace, what))
        except SvdeskError as error:
            return Drafted(what, error=error)

    # -- the drafting thread ----------------------------------------------------------------------
    def _run(self) -> None:
        from svdesk.store.workspace import reader_workspace

        me = threading.current_thread()
        workspace = None
        try:
            while True:
                with self._lock:
                    if self._pending is None or self._path is None:
                        if self._serving is me:
                            self._serving = None  # (before closing: a new request starts a new thread)
                        return
                    (number, what), self._pending = self._pending, None
                if workspace is None:
                    try:
                        workspace = reader_workspace(self._path)
                    except Exception:  # noqa: BLE001 - drafted on the window's thread from now on
                        with self._lock:
                            self._path = None
                            if self._serving is me:
                                self._serving = None
                        self._finish(number, Drafted(what, redo_here=True))
                        return
                    workspace.file.stop_reading_when(self._superseded)
                drafted = self._draft_on_thread(workspace, what)
                if drafted is not None:
                    self._finish(number, drafted)
        finally:
            if workspace is not None:
                workspace.close()
            with self._lock:
                if self._serving is me:
                    self._serving = None
                self._threads.discard(me)
                self._lock.notify_all()

    def _superseded(self) -> bool:
        # Read without the lock (it is called every thousand SQLite steps): a stale answer only
        # delays the interruption by one call.
        return self._pending is not None or self._path is None

    def _draft_on_thread(self, workspace, what) -> Drafted | None:
        try:
            return Drafted(what, value=self._hand_over(self._draft(workspace, what)))
        except Exception as error:  # noqa: BLE001 - drafted again on the window's thread, which reports it
            if self._superseded():
                return None  # interrupted for a newer request (or stopped): never shown
            if isinstance(error, SvdeskError):
                return Drafted(what, error=error)
            return Drafted(what, redo_here=True)

    def _finish(self, number: int, drafted: Drafted) -> None:
        with self._lock:
            if number != self._number:
                return
            self._result = (number, drafted)
            self._lock.notify_all()
        self._finished.emit(number)


def stories_read_now(sources):
    """``sources`` (YearSources) with every story of the year rendered now, on the drafting
    thread. A report reads its stories lazily, through the connection it was drafted with; that
    connection belongs to the drafting thread and is closed once the draft is handed over, so
    the export and the clipboard (which tell and log the stories) must find them all read. The
    consent is still checked on the window's own connection as each export is written."""
    import dataclasses

    from svdesk.compose.year_stories import YearStories

    stories = sources.stories
    if not isinstance(stories, YearStories):
        return sources
    rendered = {story.story_id: story for story in stories}
    entries = [entry for entry in stories.entries if entry.story_id in rendered]
    read = YearStories(entries, lambda wanted: {entry.story_id: rendered[entry.story_id] for entry in wanted})
    return dataclasses.replace(sources, stories=read)
