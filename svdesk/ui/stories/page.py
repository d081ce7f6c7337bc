"""Step 4 — Stories: find a story fast, write one from short prompts, and keep its consent."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QStackedWidget, QVBoxLayout,
    QWidget,
)

from svdesk.domain import dates
from svdesk.domain.consent import ConsentState
from svdesk.domain.errors import SvdeskError
from svdesk.domain.financial_year import year_containing
from svdesk.store.stories_search import StoryFilter
from svdesk.ui.common.attachment_list import name_inner_buttons
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.page_base import Page, page_header, scrolling
from svdesk.ui.common.record_list import EmptyState, RecordBin, never_narrower_than_its_fields, record_table
from svdesk.ui.stories.editor import StoryEditor
from svdesk.ui.stories.list_model import COUNT_CAP, StoryListModel, first_window
from svdesk.services import stories as story_services

SEARCH_DELAY_MS = 120


class StoriesPage(Page):
    key = "stories"
    title = "Stories"
    reads_when_made = True
    _searches = 0  # searches run by apply_filters: a list read before one is not shown after it

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._current: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 4)
        outer.addWidget(page_header(
            self.title,
            "Stories show the difference you make to one person; your numbers show how often. Record each "
            "story with the person's consent: svdesk only puts a story in a tender or report if consent covers it.",
        ))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        # -- the list -------------------------------------------------------------------------------
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, text, quotes, tags and names… (Ctrl+F)")
        self.search.setAccessibleName("Search stories")
        self.search.setClearButtonEnabled(True)
        column.addWidget(self.search)
        self.filters_box = QWidget()
        filters = QGridLayout(self.filters_box)
        filters.setContentsMargins(0, 0, 0, 0)
        self.status_filter = self._combo("Filter by status", [("Any status", None), ("Drafts", "draft"), ("Ready", "ready")])
        self.consent_filter = self._combo("Filter by consent", [("Any consent", None)] + [
            (state.label, state.value) for state in (ConsentState.CURRENT, ConsentState.NONE, ConsentState.EXPIRED,
                                                     ConsentState.WITHDRAWN)])
        self.year_filter = self._combo("Filter by financial year", [("Any year", None)])
        self.indicator_filter = self._combo("Filter by indicator", [("Any indicator", None)])
        # Each with a linked label: on Linux a combo box is heard as its value only.
        for number, (caption, combo) in enumerate((("Status", self.status_filter), ("Consent", self.consent_filter),
                                                   ("Year", self.year_filter), ("Indicator", self.indicator_filter))):
            label = QLabel(caption)
            label.setAccessibleName(combo.accessibleName())
            label.setBuddy(combo)
            filters.addWidget(label, number // 2, (number % 2) * 2)
            filters.addWidget(combo, number // 2, (number % 2) * 2 + 1)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        column.addWidget(self.filters_box)
        self.count_label = QLabel()
        self.count_label.setAccessibleDescription("How many stories match")
        column.addWidget(self.count_label)

        self.bin = RecordBin(self, ctx.dialogs, ctx.workspace.stories, "story", "stories",
                             describe=lambda story: story.title or "(untitled)",
                             choice_label=lambda story: (f"{story.title or '(untitled)'} — "
                                                         f"{dates.format_date(story.story_date) or 'no date'}"),
                             changed=self._after_bin,
                             to_bin=lambda story_id: story_services.bin_story(ctx.workspace, story_id),
                             from_bin=lambda story_id: story_services.restore_story(ctx.workspace, story_id))
        self.undo_bar, self.undo_label, self.undo_button = self.bin.undo_bar, self.bin.undo_label, self.bin.undo_button
        column.addWidget(self.undo_bar)

        self.model = StoryListModel(ctx.workspace.stories, self)
        self.table = record_table(self.model, "Stories", (1,), self.fontMetrics().height() + 10)
        name_inner_buttons(self.search, "Clear the search")
        column.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New story")
        self.bin_button, self.restore_button = self.bin.bin_button, self.bin.restore_button
        for button in (self.new_button, self.bin_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch()
        column.addLayout(buttons)
        splitter.addWidget(left)

        # -- the story ------------------------------------------------------------------------------
        self.editor = StoryEditor(ctx)
        self.right = QStackedWidget()
        self.empty = EmptyState("", "", "Write a story")  # the words depend on why the list is empty
        self.empty_title, self.empty_help, self.empty_new = self.empty.title, self.empty.help, self.empty.button
        self.right.addWidget(self.empty)
        self.editor_scroll = scrolling(self.editor)
        self.editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        never_narrower_than_its_fields(self.editor_scroll)
        self.right.addWidget(self.editor_scroll)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 560])

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.status_filter, self.consent_filter, self.year_filter, self.indicator_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._row_changed(current.row()))
        self.new_button.clicked.connect(self.new_story)
        self.empty_new.clicked.connect(self.new_story)
        self.bin_button.clicked.connect(self.move_to_bin)
        self.editor.story_changed.connect(self._story_changed)
        self.editor.consent_requested.connect(self.show_consent)
        find = QShortcut(QKeySequence.StandardKey.Find, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, context=Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.move_to_bin)
        self.refresh()

    @staticmethod
    def _combo(name: str, items) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.workspace.file.is_closed:
            return
        self._fill_year_filter()
        self._fill_indicator_filter()
        writable = not self.ctx.workspace.read_only
        for button in (self.new_button, self.empty_new, self.restore_button):
            button.setEnabled(writable)
        # The count and first window of stories are read off the window's thread when the page is
        # shown (reading their rows from a big file took up to a second); a search the person runs
        # meanwhile wins (apply_filters reads at once: it is their own action).
        query, filters, keep, searches = self.search.text(), self.current_filters(), self._current, self._searches
        if not self.model.rowCount():
            self.count_label.setText("Reading the stories…")

        def work(workspace):
            repo = workspace.stories
            position = repo.position_of(keep, query, filters) if keep else None
            return first_window(repo, query, filters), repo.count(), position

        self.read(work, lambda found: self._show_found(query, filters, keep, searches, found), part="list")

    def _show_found(self, query, filters, keep, searches, found) -> None:
        if searches != self._searches:
            return  # the person ran a search meanwhile: what it showed is newer
        window, total, position = found
        self.editor.finish_editing()
        chosen = self._current  # a story chosen in the list meanwhile stays chosen
        self.model.show_found(query, filters, window)
        self._show_count(total)
        row = None if not chosen else self.model.row_of(chosen, position if chosen == keep else False)
        if row is None and self.model.rowCount() > 0:
            row = 0
        self._select_row(row)

    def _fill_year_filter(self) -> None:
        year_end = self.ctx.workspace.organisation.get().year_end
        current = self.year_filter.currentData()
        years = []
        fy = year_containing(dates.today(), year_end)
        first = self.ctx.workspace.stories.earliest_date() or fy.start
        while fy.end >= first and len(years) < 30:
            years.append(fy)
            fy = fy.previous(year_end)
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem("Any year", None)
        for year in years:
            self.year_filter.addItem(year.label, (year.start.isoformat(), year.end.isoformat()))
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(current)))
        self.year_filter.blockSignals(False)

    def _fill_indicator_filter(self) -> None:
        current = self.indicator_filter.currentData()
        self.indicator_filter.blockSignals(True)
        self.indicator_filter.clear()
        self.indicator_filter.addItem("Any indicator", None)
        for indicator_id, name in self.editor.indicator_choices():
            self.indicator_filter.addItem(name, indicator_id)
        self.indicator_filter.setCurrentIndex(max(0, self.indicator_filter.findData(current)))
        self.indicator_filter.setVisible(self.indicator_filter.count() > 1)
        self.indicator_filter.blockSignals(False)

    def current_filters(self) -> StoryFilter:
        year = self.year_filter.currentData()
        consent = self.consent_filter.currentData()
        return StoryFilter(
            status=self.status_filter.currentData(),
            consent=ConsentState(consent) if consent else None,
            indicator_id=self.indicator_filter.currentData(),
            date_from=dates.parse_iso_date(year[0]) if year else None,
            date_to=dates.parse_iso_date(year[1]) if year else None,
        )

    def apply_filters(self) -> None:
        """Runs the search now (typing runs it after a short pause)."""
        if self.ctx.workspace.file.is_closed:
            return
        self._search_timer.stop()
        self._searches += 1
        self.editor.finish_editing()
        keep = self._current
        self.model.search(self.search.text(), self.current_filters())
        self._show_count()
        row = self.model.row_of(keep) if keep else None
        if row is None and self.model.rowCount() > 0:
            row = 0
        self._select_row(row)

    def _show_count(self, total: int | None = None) -> None:
        total = self.ctx.workspace.stories.count() if total is None else total
        found = self.model.total
        searching = bool(self.search.text().strip()) or not self.current_filters().is_empty
        # Searching and filtering mean nothing until there is something to find.
        self.search.setVisible(total > 0 or bool(self.search.text()))
        self.filters_box.setVisible(total > 0)
        if total == 0:
            self.count_label.setText("No stories yet.")
        elif searching:
            found_text = f"More than {COUNT_CAP:,}" if self.model.total_is_capped else f"{found}"
            self.count_label.setText(f"{found_text} of {total} stor{'y' if total == 1 else 'ies'} match.")
        else:
            self.count_label.setText(f"{total} stor{'y' if total == 1 else 'ies'}, newest first.")

    def _select_row(self, row: int | None) -> None:
        if row is None:
            self.table.selectionModel().clearSelection()
            self._show_story(None)
            return
        index = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._show_story(self.model.story_id(row))

    def _row_changed(self, row: int) -> None:
        story_id = self.model.story_id(row)
        if story_id != self._current:
            self.editor.finish_editing()
            self._show_story(story_id)

    def _show_story(self, story_id: str | None) -> None:
        self._current = story_id
        self.bin_button.setEnabled(bool(story_id) and not self.ctx.workspace.read_only)
        if story_id is None:
            total = self.ctx.workspace.stories.count()
            self.empty_title.setText("No stories yet" if total == 0 else "No story matches")
            self.empty_help.setText(
                "A story shows the change in one person's life: what it was like before, what you did, what "
                "changed, and why it matters — in their words too. Write your first one now; you can record "
                "their consent alongside it." if total == 0 else
                "Try fewer words, or clear the filters. Searching ignores accents: “lukasz” finds “Łukasz”.")
            self.empty_new.setVisible(total == 0 and not self.ctx.workspace.read_only)
            self.right.setCurrentWidget(self.empty)
            self.editor.load(None)
            return
        self.editor.load(story_id)
        self.right.setCurrentWidget(self.editor_scroll)

    # -- actions ----------------------------------------------------------------------------------
    def new_story(self) -> None:
        if self.ctx.workspace.read_only:
            return
        self.editor.finish_editing()
        try:
            story = story_services.new_story(self.ctx.workspace, "")
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Could not add a story", str(error))
            return
        # Show it even if the current search or filters would hide it.
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for combo in (self.status_filter, self.consent_filter, self.year_filter, self.indicator_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._current = story.id
        self.apply_filters()
        self.editor_scroll.verticalScrollBar().setValue(0)
        self.editor.title.setFocus()
        self.status_changed.emit()

    def move_to_bin(self) -> None:
        if self._current and not self.ctx.workspace.read_only:
            self.bin.move(self._current)

    def _after_bin(self, story_id: str | None) -> None:
        self._current = story_id
        self.apply_filters()
        self.status_changed.emit()

    def _focus_search(self) -> None:
        self.search.show()
        self.search.setFocus()
        self.search.selectAll()

    def show_consent(self) -> None:
        bar = self.editor_scroll.verticalScrollBar()
        bar.setValue(min(bar.maximum(), self.editor.consent.y()))
        self.editor.consent.given.setFocus()

    def _story_changed(self, story_id: str) -> None:
        if story_id:
            self.model.refresh_story(story_id)
        self._show_count()
        self.status_changed.emit()

    # -- Page -------------------------------------------------------------------------------------
    def finish_editing(self) -> None:
        self.editor.finish_editing()

    def status_text(self) -> str:
        return self.journey_status(self.ctx.workspace) or ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        if workspace.file.is_closed:
            return ""
        repo = workspace.stories
        total = repo.count()
        if total == 0:
            return "No stories yet"
        states = repo.state_counts()
        need = states[ConsentState.NONE] + states[ConsentState.EXPIRED]
        text = f"{total} stor{'y' if total == 1 else 'ies'}"
        return text + (f", {need} need{'s' if need == 1 else ''} consent" if need else "")
