"""How long the window's thread is ever busy, and how long showing a page again takes, with a
big file open. Run by hand (timings are never tests); ``bench_all.py`` runs it in its sweep.

    python tests/benchmarks/bench_window.py FILE [--json] [--stacks]

An event-loop watchdog: a 5 ms timer on the window's thread notes each time it runs; a gap
between two runs is a stretch in which the thread did something else and could not answer a
click or paint. The longest gap after the first paint is reported for three phases: opening
(from the first paint until every page is built and every status is known), visiting every
page for the first time, and saving an edit (the organisation's name, typed and left, until the
statuses are worked out again). Each page is then shown again, nothing having changed, and
timed from the click to the end of the paint it causes.

With ``--stacks`` a sampling thread (it reads Python's frames only, never a Qt object) notes
what the window's thread was running during each stretch over 50 ms, and the busiest places
are printed: how the slow steps below were found.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import threading
import time

SAMPLE_AFTER_S = 0.05  # a stretch this long is sampled (with --stacks)


class Watchdog:
    """Longest busy stretch of the thread that runs ``start`` (the window's thread), per phase."""

    def __init__(self, sample: bool):
        from PySide6.QtCore import QTimer

        self.phase = "before the first paint"
        self.longest: dict[str, float] = collections.defaultdict(float)
        self.stretches: dict[str, int] = collections.defaultdict(int)  # over 100 ms
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._sample = sample
        self._main_id = threading.get_ident()
        self._stop = threading.Event()
        self.places: collections.Counter = collections.Counter()

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        if self._sample:
            threading.Thread(target=self._sampler, name="watchdog-sampler", daemon=True).start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()

    def set_phase(self, phase: str) -> None:
        self._tick()  # the stretch up to here belongs to the phase before
        self.phase = phase

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self._last
        self._last = now
        if gap > self.longest[self.phase]:
            self.longest[self.phase] = gap
        if gap > 0.1:
            self.stretches[self.phase] += 1

    def _sampler(self) -> None:
        while not self._stop.wait(0.01):
            if time.perf_counter() - self._last < SAMPLE_AFTER_S:
                continue
            frame = sys._current_frames().get(self._main_id)
            place = []
            while frame is not None:
                code = frame.f_code
                if "svdesk" in code.co_filename and "benchmarks" not in code.co_filename:
                    place.append(f"{code.co_filename.rsplit('svdesk/', 1)[-1]}:{frame.f_lineno} {code.co_name}")
                frame = frame.f_back
            if len(place) > 7:  # where it was, what the page was doing, and what the window was
                place = place[:5] + ["…"] + place[-2:]
            if place:
                self.places[(self.phase, " < ".join(place))] += 1


def measure(path: str, sample: bool = False) -> dict:
    t0 = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer

    from svdesk.ui.shell.app import make_application

    app = make_application()
    from svdesk.ui.common.dialogs import Dialogs
    from svdesk.ui.shell.controller import AppController
    from svdesk.ui.shell.settings import UserSettings

    class NoDialogs(Dialogs):
        def info(self, parent, title, text):
            print(f"info: {title}: {text}", file=sys.stderr)

        def error(self, parent, title, text):
            raise SystemExit(f"error dialog: {title}: {text}")

        def confirm(self, parent, title, text, yes="Continue"):
            raise SystemExit(f"question: {title}: {text}")

    dog = Watchdog(sample)
    result: dict = {"show_again_ms": {}, "first_show_ms": {}}
    painted = {"count": 0}

    class Paints(QObject):
        def eventFilter(self, _watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted["count"] += 1
                if painted["count"] == 1:
                    result["first_paint_s"] = time.perf_counter() - t0
                    dog.set_phase("opening")
            return False

    controller = AppController(UserSettings(), NoDialogs())
    paints = Paints()
    window = controller.open_path(path)
    window.installEventFilter(paints)
    dog.start()
    steps = [cls.key for cls in window._classes]

    def settled() -> bool:
        worker, reads = window._status_worker, window.ctx.reads
        return (len(window._built) == len(window._classes) and not window._startup_pending
                and (worker is None or worker.wait_idle(0)) and (reads is None or not reads.busy))

    def when_settled(then, started: float) -> None:
        if settled():
            QTimer.singleShot(50, then)  # a moment more: what the last status queued
        elif time.perf_counter() - started > 300:
            raise SystemExit("the window did not settle within 5 minutes")
        else:
            QTimer.singleShot(20, lambda: when_settled(then, started))

    def opened() -> None:
        result["ready_s"] = time.perf_counter() - t0
        dog.set_phase("visiting every page")
        visit(0)

    def visit(number: int) -> None:
        # A click on each step in turn, the event loop running between (a person's pace).
        if number < len(steps):
            started = time.perf_counter()
            window.show_page(steps[number])
            window.repaint()
            result["first_show_ms"][steps[number]] = (time.perf_counter() - started) * 1000
            QTimer.singleShot(30, lambda: visit(number + 1))
        else:  # once what the pages asked to read has come (and been shown)
            when_settled(lambda: (dog.set_phase("showing pages again"), again(0)), time.perf_counter())

    def again(number: int) -> None:
        if number < len(steps):
            key = steps[number]
            started = time.perf_counter()
            window.show_page(key)
            window.repaint()  # the paint the click causes, done now so it is timed
            result["show_again_ms"][key] = (time.perf_counter() - started) * 1000
            QTimer.singleShot(30, lambda: again(number + 1))
        else:
            save()

    def save() -> None:
        dog.set_phase("saving an edit")
        page = window.show_page("organisation")
        page.name.setText(page.name.text() + " ")
        page.name.editingFinished.emit()
        started = time.perf_counter()
        QTimer.singleShot(50, lambda: when_settled(done, started))

    def done() -> None:
        dog.set_phase("done")
        dog.stop()
        result["longest_ms"] = {phase: round(gap * 1000, 1) for phase, gap in dog.longest.items()
                                if phase not in ("before the first paint", "done")}
        result["stretches_over_100ms"] = dict(dog.stretches)
        result["longest_after_paint_ms"] = max(result["longest_ms"].values())
        if sample:
            result["places"] = [f"{count * 10:>6} ms  [{phase}] {place}"
                                for (phase, place), count in dog.places.most_common(25)]
        window.close()
        app.quit()

    QTimer.singleShot(0, lambda: when_settled(opened, time.perf_counter()))
    app.exec()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true", help="print only the figures, as JSON")
    parser.add_argument("--stacks", action="store_true", help="sample what the window's thread runs when busy")
    args = parser.parse_args()
    result = measure(args.file, args.stacks)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"first paint {result['first_paint_s']:.3f} s; every page built and every status known "
          f"{result['ready_s']:.2f} s from start")
    for phase, gap in result["longest_ms"].items():
        print(f"longest busy stretch, {phase:<22} {gap:>8.1f} ms  "
              f"({result['stretches_over_100ms'].get(phase, 0)} over 100 ms)")
    for key, took in result["show_again_ms"].items():
        print(f"showing {key:<14} first {result['first_show_ms'].get(key, 0):>8.1f} ms, again {took:>8.1f} ms")
    for line in result.get("places", []):
        print(line)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    sys.exit(main())
