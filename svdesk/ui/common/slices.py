"""Builds many widgets a slice at a time, so the window answers clicks and paints in between.

A page that shows hundreds of things (a year's stories to choose from, a preview of charts)
made them in one call on the window's thread: with years of records that kept it busy for
longer than a person notices. ``Slices.run`` does the steps given, as many as fit in a few
milliseconds per turn of the event loop; a new ``run`` abandons the steps of the one before
(what they were building is being replaced)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

SLICE_S = 0.03  # per turn of the event loop: well under the 100 ms a person notices


class Slices(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._steps: list[Callable[[], None]] = []
        self._done: Callable[[], None] | None = None
        self._scheduled = False

    @property
    def running(self) -> bool:
        return bool(self._steps) or self._done is not None

    def run(self, steps: Iterable[Callable[[], None]], done: Callable[[], None] | None = None,
            at_once: bool = False) -> None:
        """Does ``steps`` in order, then ``done``; all now when ``at_once``."""
        self._steps = list(reversed(list(steps)))  # popped from the end
        self._done = done
        if at_once:
            self.finish()
        elif not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self._next)

    def finish(self) -> None:
        """Does every step left now (tests; an action that needs the whole of what is built)."""
        while self._steps:
            self._steps.pop()()
        self._call_done()

    def _next(self) -> None:
        self._scheduled = False
        until = time.perf_counter() + SLICE_S
        while self._steps and time.perf_counter() < until:
            self._steps.pop()()
        if self._steps:
            self._scheduled = True
            QTimer.singleShot(0, self, self._next)
        else:
            self._call_done()

    def _call_done(self) -> None:
        done, self._done = self._done, None
        if done is not None:
            done()
