"""The main window: the journey on the left, the page on the right, the save state below."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QMainWindow, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from svdesk.ui.common.access import first_field, fit_for_keyboard_and_readers
from svdesk.ui.common.context import PageContext
from svdesk.ui.shell.journey import JourneyModel, JourneyView
from svdesk.ui.shell.steps import page_steps
from svdesk.ui.common.page_base import Page


class MainWindow(QMainWindow):
    """One open organisation file. Menu actions that concern files are handled by the controller
    through these signals, so the window itself stays about one file."""

    _startup_pending = False  # True from the end of __init__ until the first paint
    # Every status is worked out from the file; some draft a whole report (CIC34, summary), which
    # takes a noticeable moment with years of records. They are recomputed once per change saved
    # (counted in _saves), not each time a page asks (pages ask whenever they are shown).
    _saves = 0
    _statuses_at = -1

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    backups_requested = Signal()
    merge_requested = Signal()
    closed = Signal()
    first_painted = Signal()  # once, just after the window's first paint (or its timer)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.workspace = ctx.workspace
        self._closing = False
        self._classes = page_steps()  # pages are imported as they are built
        self._built: dict[str, Page] = {}
        # The file's change mark when each page last re-read it: showing a page again when
        # nothing has changed costs nothing (re-reading took seconds on a 50,000-story file).
        self._read_at: dict[str, tuple[int, int]] = {}
        self._status_worker = None  # made when first needed (ui/shell/status_worker.py)
        self._background_statuses = self.workspace.path is not None
        if ctx.reads is not None:
            ctx.reads.setParent(self)  # stopped with the window (closeEvent)

        self.journey_model = JourneyModel(self)
        for number, cls in enumerate(self._classes, start=1):
            self.journey_model.add_step(number, cls.key, cls.title)
        self.journey = JourneyView(self.journey_model)
        self.stack = QStackedWidget()

        self.getting_started = None  # made when first shown (ui/shell/getting_started.py)
        # Every page ends with the way to the next step of the journey.
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self._go_next)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stack, 1)
        next_row = QHBoxLayout()
        next_row.addStretch(1)
        next_row.addWidget(self.next_button)
        column.addLayout(next_row)

        splitter = QSplitter()  # side by side (Qt's default; naming the enum costs start-up time)
        splitter.addWidget(self.journey)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.journey.selectionModel().currentChanged.connect(lambda current, _previous: self._show_row(current.row()))
        self.journey.clicked.connect(self._step_chosen)
        self.journey.activated.connect(self._step_chosen)

        self.file_label = QLabel()
        self.file_label.setAccessibleDescription("File")
        self.saved_label = QLabel()
        self.saved_label.setAccessibleDescription("Save state")
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_menus()

        self.workspace.file.add_listener(self._on_saved)
        self._refresh_title()
        self._show_saved_state()
        # The statuses (some draft a whole report) and the other pages wait until the window has
        # been painted once, then the pages are built one per idle moment: the window appears as
        # fast as a bare one and no click waits for a page to be made. A timer also starts them
        # in case the window is never painted (minimised): a second after the event loop starts
        # (counted from here, on a busy machine it ran them before the first paint).
        self._startup_pending = True
        self.show_page(self._classes[0].key)
        QTimer.singleShot(0, self, lambda: QTimer.singleShot(1000, self, self._after_first_paint))

    def paintEvent(self, event) -> None:  # noqa: N802
        # paintEvent, not event(): PySide hands every event that reaches an event() written in
        # Python over as its own class, and made some ten of those classes (with their enums)
        # before the first paint.
        if self._startup_pending:
            QTimer.singleShot(0, self._after_first_paint)
        super().paintEvent(event)

    def _after_first_paint(self) -> None:
        if not self._startup_pending:
            return
        self._startup_pending = False
        for page in self._built.values():
            fit_for_keyboard_and_readers(page)
        if not self.workspace.read_only and not self._closing and self._is_new_file():
            self.show_getting_started()  # a new file opens on the first hour's checklist
        # One step's status per idle moment (each may import its page and read the file: all at
        # once froze the window for seconds with a big file), then one page built per moment.
        if not self._start_status_pass():
            self._begin_building()
        self.first_painted.emit()

    _status_pass = (0, 0)  # (next row, saves counted when the pass began)
    _pass_running = False

    def _start_status_pass(self) -> bool:
        """Works the statuses out again, one per idle moment; False when they are up to date."""
        if self._closing or self.workspace.file.is_closed or self._statuses_at == self._saves:
            return False
        self._status_pass = (0, self._saves)
        if not self._pass_running:
            self._pass_running = True
            QTimer.singleShot(0, self, self._next_status)
        return True

    def _next_status(self) -> None:
        if self._closing or self.workspace.file.is_closed:
            self._pass_running = False
            return
        row, saves = self._status_pass
        if saves != self._saves and self._statuses_at != self._saves:
            self._status_pass = (0, self._saves)  # a change saved meanwhile: from the top again
        elif self._statuses_at != self._saves and row < len(self._classes):
            if self._classes[row].is_imported():
                self._status_pass = (row + 1, saves)
                self._update_status(row)
            else:  # an import (20-60 ms) and a status in one moment were over 100 ms: status next
                self._classes[row].page_class()
        else:  # done, or all worked out meanwhile (update_statuses, finish_starting)
            if self._statuses_at != self._saves:
                self._statuses_at = saves
            self._pass_running = False
            self._begin_building()
            return
        QTimer.singleShot(0, self, self._next_status)

    def _is_new_file(self) -> bool:
        from svdesk.ui.shell.getting_started import is_new_file

        return is_new_file(self.workspace)

    def show_getting_started(self) -> None:
        """Help → Getting started: the checklist, with no step of the journey highlighted. (The
        list keeps its current step: a list given the keyboard with none would choose the first
        itself. Clicking or pressing Enter on a step goes there, even on the current one.)"""
        if self.getting_started is None:
            from svdesk.ui.shell.getting_started import GettingStarted

            self.getting_started = GettingStarted(self.workspace)
            self.getting_started.go.connect(self.show_page)
            self.stack.addWidget(self.getting_started)
            fit_for_keyboard_and_readers(self.getting_started)
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.finish_editing()
        self.getting_started.refresh()
        self.journey.selectionModel().clearSelection()
        self.stack.setCurrentWidget(self.getting_started)
        self.next_button.setText(f"Next: 1. {self._classes[0].title}")

    def _go_next(self) -> None:
        current = self.stack.currentWidget()
        keys = [cls.key for cls in self._classes]
        if current is self.getting_started or not isinstance(current, Page):
            self.show_page(keys[0])
        elif current.key == keys[-1]:
            self.show_getting_started()
        else:
            self.show_page(keys[keys.index(current.key) + 1])

    # -- pages ------------------------------------------------------------------------------------
    def _page(self, cls) -> Page:
        page = self._built.get(cls.key)
        if page is None:
            file = self.workspace.file
            mark = None if file.is_closed else file.change_mark()  # before: a change while making it counts
            page = cls(self.ctx)
            if page.reads_when_made and mark is not None:
                self._read_at[cls.key] = mark  # so its first showing reads nothing again
            if not self._startup_pending:
                fit_for_keyboard_and_readers(page)  # the first page's wait for the first paint
            self._built[cls.key] = page
            self.stack.addWidget(page)
            page.status_changed.connect(self.update_statuses)
        return page

    _building = False

    def _begin_building(self) -> None:
        """Starts making the pages not made yet, one per idle moment (once per window)."""
        if not self._building:
            self._building = True
            QTimer.singleShot(0, self, self._build_next)

    def _build_next(self) -> None:
        """Makes the next page in one idle moment and works out its status in the next."""
        row = self._make_next_page()
        if row is not None:
            QTimer.singleShot(0, self, lambda: self._status_then_next(row))

    def _status_then_next(self, row: int) -> None:
        if self._closing or self.workspace.file.is_closed:
            return
        self._update_status(row)
        QTimer.singleShot(0, self, self._build_next)

    def _build_one(self) -> bool:
        """Builds the first page not yet made, with its status; False when there was none left."""
        row = self._make_next_page()
        if row is None:
            return False
        # Only this step's status can have changed (it now comes from the page itself);
        # recomputing every status here would draft the CIC34 report once per page.
        if not self.workspace.file.is_closed:
            self._update_status(row)
        return True

    def _make_next_page(self) -> int | None:
        """The row of the page it made, or None when every page was made (or the window closes)."""
        if self._closing:
            return None
        for row, cls in enumerate(self._classes):
            if cls.key not in self._built:
                self._page(cls)
                return row
        return None

    def finish_starting(self) -> None:
        """Does now what the window otherwise does in its first idle moments: every status, and
        every page built (screenshots show the window as it is a moment after opening). From
        then on every status is worked out at once, on this thread."""
        self._stop_worker()
        if self.ctx.reads is not None:
            self.ctx.reads.read_here()
        self._statuses_at = -1
        self._after_first_paint()
        for page in self._built.values():
            page.show_pending()
        self.update_statuses()
        while self._build_one():
            pass

    @property
    def pages(self) -> list[Page]:
        """Every page, in journey order (builds any not made yet)."""
        return [self._page(cls) for cls in self._classes]

    # -- navigation -------------------------------------------------------------------------------
    def show_page(self, key: str) -> Page:
        for row, cls in enumerate(self._classes):
            if cls.key == key:
                index = self.journey_model.index(row, 0)
                self.journey.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self._show_row(row)
                return self._page(cls)
        raise KeyError(key)

    def page(self, key: str) -> Page:
        return self._page(next(cls for cls in self._classes if cls.key == key))

    def current_page(self) -> Page:
        return self.stack.currentWidget()

    def _step_chosen(self, index) -> None:
        """A click or Enter on a step: shows it even when it is already the current step (after
        Getting started, which highlights none)."""
        self.journey.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_row(index.row())

    def _show_row(self, row: int) -> None:
        if row < 0 or row >= len(self._classes):
            return
        page = self._page(self._classes[row])
        current = self.stack.currentWidget()
        if isinstance(current, Page) and current is not page:
            current.finish_editing()
        if self.stack.currentWidget() is not page:
            file = self.workspace.file
            if file.is_closed or self._read_at.get(page.key) != file.change_mark():
                page.refresh()
                if not file.is_closed:
                    self._read_at[page.key] = file.change_mark()
            if not self._startup_pending:
                fit_for_keyboard_and_readers(page)  # pages may build tables and fields as they refresh
            self.stack.setCurrentWidget(page)
        if row + 1 < len(self._classes):
            self.next_button.setText(f"Next: {row + 2}. {self._classes[row + 1].title}")
        else:
            self.next_button.setText("Next: back to Getting started")

    def switch_focus(self) -> None:
        """F6: from the steps list to the page's first field, and from anywhere on the page back."""
        from PySide6.QtCore import Qt

        if self.journey.hasFocus():
            first_field(self.current_page()).setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.journey.setFocus(Qt.FocusReason.OtherFocusReason)

    def update_statuses(self) -> None:
        if self._closing or self.workspace.file.is_closed or self._statuses_at == self._saves:
            return
        self._statuses_at = self._saves
        for row in range(len(self._classes)):
            self._update_status(row)

    def _update_status(self, row: int) -> None:
        cls = self._classes[row]
        if self._in_background(cls):
            # The class is imported here, on the window's thread; the worker merges requests.
            self._worker().request([(row, cls.page_class())])
            return
        page = self._built.get(cls.key)
        status = page.status_text() if page is not None else cls.journey_status(self.workspace)
        if status is not None:
            self.journey_model.set_status(row, status)

    def _in_background(self, step) -> bool:
        return self._background_statuses and getattr(step, "slow_status", False)

    def _worker(self):
        if self._status_worker is None:
            from svdesk.ui.shell.status_worker import StatusWorker

            self._status_worker = StatusWorker(self.workspace.path, self)
            self._status_worker.ready.connect(self._status_ready)
            self._status_worker.failed.connect(self._worker_failed)
        return self._status_worker

    def _stop_worker(self) -> None:
        """From now on every status is worked out on this thread; the worker's connection is
        closed before this returns (the file must be the last connection to close)."""
        self._background_statuses = False
        if self._status_worker is not None:
            self._status_worker.stop()
        self.ctx.draft_in_background = False  # pages made from now on draft on the spot too
        for page in self._built.values():
            page.stop_background(finish=not self._closing)  # a closing window waits for no draft

    def _worker_failed(self) -> None:
        self._stop_worker()
        self._statuses_at = -1
        self.update_statuses()

    def _status_ready(self, row: int, status: str) -> None:
        # Results queued before the worker was stopped are from an older state: dropped.
        if not self._closing and self._background_statuses:
            self.journey_model.set_status(row, status)

    # -- menus ------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New organisation…", QKeySequence.StandardKey.New, self.new_requested.emit)
        self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self.open_requested.emit)
        self._action(file_menu, "Open the &demo", None, self.demo_requested.emit)
        file_menu.addSeparator()
        self._action(file_menu, "&Backup copies…", None, self.backups_requested.emit)
        file_menu.addSeparator()
        self._action(file_menu, "Bring in changes from another &copy…", None, self.merge_requested.emit)
        self._action(file_menu, "&Name this copy…", None, self._rename_copy)
        file_menu.addSeparator()
        self._action(file_menu, "&Close", QKeySequence.StandardKey.Close, self.close)

        go_menu = self.menuBar().addMenu("&Go")
        for number, cls in enumerate(self._classes, start=1):
            action = self._action(go_menu, f"&{number} {cls.title}", QKeySequence(f"Ctrl+{number}") if number < 10 else None,
                                  lambda _checked=False, key=cls.key: self.show_page(key))
            action.setData(cls.key)
        self._action(go_menu, "Focus the &steps list", QKeySequence("Ctrl+L"), self.journey.setFocus)
        self._action(go_menu, "Move between the steps and the &page", QKeySequence("F6"), self.switch_focus)

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Getting started", None, self.show_getting_started)
        self._action(help_menu, "&About svdesk", None, self._about)

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # setShortcuts: a standard key gets every binding the platform has for it. (Also,
            # setShortcut's overloads make PySide build its whole Qt namespace, ~14 ms, while the
            # first window is still being made.)
            action.setShortcuts(shortcut if isinstance(shortcut, QKeySequence.StandardKey) else [shortcut])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _about(self) -> None:
        from svdesk import __version__

        self.ctx.dialogs.info(
            self, "About svdesk",
            f"svdesk {__version__}\n\nYour social value statement, indicators and stories — and the "
            "tender answers and CIC34 report drawn from them. Works offline; your records stay in "
            "one file on this computer.",
        )

    # -- save state -------------------------------------------------------------------------------
    def _refresh_title(self) -> None:
        from svdesk.services.copies import copy_name_or_default

        name = self.workspace.organisation.get().name or "Untitled"
        suffix = " (read-only)" if self.workspace.read_only else ""
        # The laptop's copy is named, so two copies of one organisation are not confused.
        laptop = f" — {copy_name_or_default(self.workspace)}" if self.workspace.path is not None else ""
        self.setWindowTitle(f"{name}{laptop}{suffix} — svdesk")
        self.file_label.setText(str(self.workspace.path) if self.workspace.path else "")

    def _show_saved_state(self) -> None:
        if self.workspace.read_only:
            self.saved_label.setText("Read-only: changes cannot be made")
            return
        refused = self._refused_value()
        # Never "All changes saved" while a field holds a value that was refused.
        self.saved_label.setText(refused or "All changes saved")

    def problems_changed(self) -> None:
        """Called by a problem label of this window as it shows or clears a problem."""
        if not self._closing:
            self._show_saved_state()

    def _refused_value(self) -> str:
        """"Not saved — <page>: <problem>" for the first refused value the window shows, or ""."""
        from svdesk.ui.common.widgets import ProblemLabel

        for label in self.findChildren(ProblemLabel):
            if not label.refused or label.isHidden() or not label.text():
                continue
            where = label.parentWidget()
            while where is not None and not isinstance(where, Page):
                where = where.parentWidget()
            place = f" on {where.title}" if where is not None else ""
            return f"Not saved{place}: {label.text().splitlines()[0]}"
        return ""

    def _on_saved(self, _what: str) -> None:
        self._saves += 1
        self._show_saved_state()
        self._refresh_title()
        if self.getting_started is not None and self.stack.currentWidget() is self.getting_started:
            QTimer.singleShot(0, self.getting_started.refresh)
        # Statuses may depend on what another page saved; worked out again once the event has
        # settled, one per idle moment (a burst of saves starts the pass again from the top).
        QTimer.singleShot(0, self, self._start_status_pass)

    def _rename_copy(self) -> None:
        from svdesk.ui.shell.bring_in import rename_this_copy

        rename_this_copy(self, self.ctx.dialogs)

    def finish_editing(self) -> None:
        """Saves the field being typed in, if any (before the file is changed from outside)."""
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.finish_editing()

    def reload_after_outside_change(self) -> None:
        """After records came in from elsewhere (another copy): the page shown reads the file
        again now, every other page when next shown, and the statuses are worked out again."""
        self._read_at.clear()
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()
            self._read_at[current.key] = self.workspace.file.change_mark()
        self._refresh_title()
        self._statuses_at = -1
        self.update_statuses()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Leaving the focused field saves it (editingFinished) while the file is still open.
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        self.finish_editing()
        self._closing = True
        self.workspace.file.remove_listener(self._on_saved)
        self._stop_worker()  # its connection closes before the file does
        if self.ctx.reads is not None:
            self.ctx.reads.stop()  # likewise
        self.closed.emit()
        super().closeEvent(event)
