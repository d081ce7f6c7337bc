"""Step 3 — What we measure: two or three indicators, readings as you go, evidence and progress."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QListView, QPushButton, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout,
    QWidget,
)

from svdesk.domain.counting import rule_name
from svdesk.domain.errors import SvdeskError
from svdesk.domain.indicator_library import Suggestion
from svdesk.domain.measures import ACTIVE_LIMIT, COMFORTABLE, WHY_TWO_OR_THREE, Indicator
from svdesk.services.measures import TOO_MANY
from svdesk.ui.common.context import PageContext
from svdesk.ui.measures.indicator_list import ID_ROLE, IndicatorDelegate, IndicatorListModel, listing
from svdesk.ui.common.page_base import Page, page_header, scrolling
from svdesk.ui.common.widgets import HelpLabel, UndoBar
from svdesk.services import measures as measure_services

PROGRESS_TAB, READINGS_TAB, DETAILS_TAB, MONEY_TAB = range(4)
_ORDINAL = {4: "fourth", 5: "fifth"}


class MeasuresPage(Page):
    key = "measures"
    title = "What we measure"

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.repo = ctx.workspace.indicators
        self.current_id: str | None = None
        self._dirty: set[int] = set()
        self._undo: tuple[str, str] | None = None  # (what, indicator id)
        self._panels_built = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 4)
        outer.addWidget(page_header(
            self.title,
            "Pick two or three indicators that show the change you make, and record them as you go — not the "
            "night before a tender. " + WHY_TWO_OR_THREE,
        ))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)
        splitter.addWidget(self._build_list())
        self.right = QStackedWidget()
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 800])
        self.right.addWidget(self._build_empty())
        self.detail = QWidget()
        self.right.addWidget(self.detail)
        self.reading_box = QWidget()  # blank until the list first comes (the list says it is reading)
        self.right.addWidget(self.reading_box)
        self.library_panel = None
        # The indicator's tabs are made in an idle moment of their own, before the page is shown
        # (made on its first showing, with the list, they kept the window busy for half a second).
        QTimer.singleShot(0, self, self._build_panels)

    # -- building ---------------------------------------------------------------------------------
    def _build_list(self) -> QWidget:
        box = QWidget()
        box.setMaximumWidth(340)
        box.setMinimumWidth(220)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        self.count_label = QLabel()
        self.count_label.setAccessibleDescription("How many indicators are active")
        self.count_label.setWordWrap(True)
        column.addWidget(self.count_label)
        self.list_model = IndicatorListModel(self)
        self.list = QListView()
        self.list.setModel(self.list_model)
        self.list.setItemDelegate(IndicatorDelegate(self.list))
        self.list.setAccessibleName("Indicators")
        self.list.setUniformItemSizes(True)
        column.addWidget(self.list, 1)
        self.show_archived = QCheckBox("Show a&rchived")
        column.addWidget(self.show_archived)

        self.undo_bar = UndoBar()
        self.undo_label, self.undo_button = self.undo_bar.label, self.undo_bar.button
        column.addWidget(self.undo_bar)

        self.library_button = QPushButton("Add from the &library…")
        self.own_button = QPushButton("Write your &own…")
        column.addWidget(self.library_button)
        column.addWidget(self.own_button)
        managing = QHBoxLayout()
        self.archive_button = QPushButton("Archive")
        self.delete_button = QPushButton("Delete")
        self.up_button = QPushButton("↑")
        self.up_button.setAccessibleName("Move the indicator up")
        self.up_button.setToolTip("Move up the list (the order reports use)")
        self.down_button = QPushButton("↓")
        self.down_button.setAccessibleName("Move the indicator down")
        self.down_button.setToolTip("Move down the list (the order reports use)")
        for button in (self.up_button, self.down_button):
            button.setMaximumWidth(36)
        for button in (self.up_button, self.down_button, self.archive_button, self.delete_button):
            managing.addWidget(button)
        column.addLayout(managing)

        self.list.selectionModel().currentChanged.connect(lambda current, _old: self._select(current.data(ID_ROLE)))
        self.show_archived.toggled.connect(lambda _on: self._reload_list())
        self.library_button.clicked.connect(self.open_library)
        self.own_button.clicked.connect(self.write_own)
        self.archive_button.clicked.connect(self.archive_or_restore)
        self.delete_button.clicked.connect(self.delete_current)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.undo_button.clicked.connect(self.undo)
        return box

    def _build_empty(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.addStretch()
        title = QLabel("No indicators yet")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        text = HelpLabel("Start with two: one that counts what you do (people trained, bikes repaired) and one that "
                         "shows what changed for people (in work six months on, feeling less lonely). The library "
                         "has plain-words suggestions for many kinds of social enterprise.")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(text)
        row = QHBoxLayout()
        row.addStretch()
        self.empty_library = QPushButton("Choose from the library")
        self.empty_own = QPushButton("Write your own")
        row.addWidget(self.empty_library)
        row.addWidget(self.empty_own)
        row.addStretch()
        column.addLayout(row)
        column.addStretch()
        self.empty_library.clicked.connect(self.open_library)
        self.empty_own.clicked.connect(self.write_own)
        return box

    def _build_panels(self) -> None:
        """The indicator's tabs, built the first time one is shown (keeps opening a file quick)."""
        if self._panels_built:
            return
        from svdesk.ui.measures.indicator_form import IndicatorForm
        from svdesk.ui.measures.progress_panel import ProgressPanel
        from svdesk.ui.measures.readings_panel import ReadingsPanel
        from svdesk.ui.tenders.valuation_panel import ValuationPanel

        self._panels_built = True
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(6, 0, 0, 0)
        self.detail_title = QLabel()
        font = self.detail_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_title.setWordWrap(True)
        layout.addWidget(self.detail_title)
        self.detail_facts = HelpLabel("")
        layout.addWidget(self.detail_facts)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Indicator")
        self.progress_panel = ProgressPanel(self.ctx)
        self.readings_panel = ReadingsPanel(self.ctx)
        self.form = IndicatorForm(self.ctx)
        self.valuation_panel = ValuationPanel(self.ctx)
        # Scrolls rather than making the window taller than a small laptop's screen.
        self.tabs.addTab(scrolling(self.progress_panel), "&Progress")
        self.tabs.addTab(self.readings_panel, "Rea&dings")
        self.tabs.addTab(self.form, "De&tails")
        self.tabs.addTab(self.valuation_panel, "&Money value")
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.readings_panel.changed.connect(self._readings_changed)
        self.progress_panel.changed.connect(self._yearly_count_recorded)
        self.form.saved.connect(self._details_saved)

    def _library(self):
        if self.library_panel is None:
            from svdesk.ui.measures.library_panel import LibraryPanel

            self.library_panel = LibraryPanel()
            self.right.addWidget(self.library_panel)
            self.library_panel.chosen.connect(self.add_suggestion)
            self.library_panel.own_requested.connect(self.write_own)
            self.library_panel.closed.connect(self._show_current)
        return self.library_panel

    # -- loading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.workspace.file.is_closed:
            return
        # Each indicator's progress reads all its readings: off the window's thread when the
        # page is shown (after a change made here the list is read at once, see _reload_list).
        archived = self.show_archived.isChecked()
        if not self.list_model.items:  # never "No indicators yet" before they have been read
            self.count_label.setText("Reading the indicators…")
            self.right.setCurrentWidget(self.reading_box)
        self.read(lambda workspace: listing(workspace, archived), self._show_list)

    def _reload_list(self) -> None:
        self._show_list(listing(self.ctx.workspace, self.show_archived.isChecked()))

    def _show_list(self, found: tuple[list, int]) -> None:
        items, archived = found
        self.list_model.set_items(items)
        active = sum(1 for indicator, _, _ in items if indicator.is_active) if self.show_archived.isChecked() \
            else len(items)
        text = f"{active} active indicator{'s' if active != 1 else ''}" if active else "No indicators yet"
        if active > COMFORTABLE:
            text += " — two or three is usually best"
        if archived and not self.show_archived.isChecked():
            text += f" ({archived} archived)"
        self.count_label.setText(text)
        read_only = self.ctx.workspace.read_only
        for button in (self.library_button, self.own_button, self.empty_library, self.empty_own):
            button.setEnabled(not read_only)
        row = self.list_model.row_of(self.current_id)
        if row < 0 and items:
            row = 0
        if row >= 0:
            index = self.list_model.index(row)
            selected = self._selections
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if self._selections == selected:  # not shown by the selection change (showing it twice doubled the cost)
                self._select(self.list_model.items[row][0].id, force=True)
        else:
            self.current_id = None
            self._show_current()
        self._update_buttons()
        self.status_changed.emit()

    _selections = 0  # how many times an indicator was chosen and shown (see _reload_list)

    def _select(self, indicator_id: str | None, force: bool = False) -> None:
        if indicator_id == self.current_id and not force:
            return
        self._selections += 1
        self.finish_editing()
        self.current_id = indicator_id
        self._dirty = {PROGRESS_TAB, READINGS_TAB, DETAILS_TAB, MONEY_TAB}
        self._show_current()
        self._update_buttons()

    def current(self) -> Indicator | None:
        if self.current_id is None:
            return None
        try:
            return self.repo.get(self.current_id)
        except SvdeskError:
            return None

    def _show_current(self) -> None:
        indicator = self.current()
        if indicator is None:
            self.right.setCurrentIndex(0)
            return
        self._build_panels()
        self.right.setCurrentWidget(self.detail)
        self.detail_title.setText(indicator.name + ("" if indicator.is_active else " (archived)"))
        self.detail_facts.setText(f"{indicator.unit.label} · {rule_name(indicator)} · "
                                  f"{indicator.frequency.label.lower()} · {indicator.direction.label.lower()}"
                                  + (f" · collected by {indicator.collected_by}" if indicator.collected_by else ""))
        self._update_tab(self.tabs.currentIndex(), indicator)

    def _tab_changed(self, index: int) -> None:
        if index in self._dirty:
            self._update_tab(index, self.current())

    def _update_tab(self, index: int, indicator: Indicator | None) -> None:
        if indicator is None:
            return
        self._dirty.discard(index)
        panel = {PROGRESS_TAB: self.progress_panel, READINGS_TAB: self.readings_panel, DETAILS_TAB: self.form,
                 MONEY_TAB: self.valuation_panel}[index]
        panel.set_indicator(indicator)

    def _readings_changed(self) -> None:
        self._dirty |= {PROGRESS_TAB, MONEY_TAB}
        self._refresh_status()

    def _yearly_count_recorded(self) -> None:
        self._dirty |= {READINGS_TAB, MONEY_TAB}
        self._refresh_status()

    def _details_saved(self, indicator: Indicator) -> None:
        self._dirty |= {PROGRESS_TAB, READINGS_TAB, MONEY_TAB}
        self.detail_title.setText(indicator.name + ("" if indicator.is_active else " (archived)"))
        row = self.list_model.row_of(indicator.id)
        if row >= 0:
            _old, line, key = self.list_model.items[row]
            self.list_model.items[row] = (indicator, line, key)
        self._refresh_status()

    def _refresh_status(self) -> None:
        if self.current_id:
            progress = self.repo.progress(self.current_id)
            self.list_model.update_status(self.current_id, progress.short, progress.status)
        self.status_changed.emit()

    def _update_buttons(self) -> None:
        indicator = self.current()
        writable = not self.ctx.workspace.read_only and indicator is not None
        self.archive_button.setEnabled(writable)
        self.archive_button.setText("Restore" if indicator is not None and not indicator.is_active else "Archive")
        self.delete_button.setEnabled(writable)
        active = indicator is not None and indicator.is_active
        self.up_button.setEnabled(writable and active)
        self.down_button.setEnabled(writable and active)

    # -- the 2-3 rule -------------------------------------------------------------------------------
    def _room_for_one_more(self, doing: str = "Add") -> bool:
        count = self.repo.active_count()
        if count >= ACTIVE_LIMIT:
            self.ctx.dialogs.error(self, "Too many indicators", TOO_MANY)
            return False
        if count >= COMFORTABLE:
            ordinal = _ORDINAL.get(count + 1, f"{count + 1}th")
            return self.ctx.dialogs.confirm(
                self, f"{doing} a {ordinal} indicator?",
                f"You already have {count} active indicators. {WHY_TWO_OR_THREE}\n\n"
                f"{doing} a {ordinal} one anyway? (svdesk keeps at most {ACTIVE_LIMIT}.)",
                yes=f"{doing} it anyway")
        return True

    # -- adding -----------------------------------------------------------------------------------
    def open_library(self) -> None:
        panel = self._library()
        self.right.setCurrentWidget(panel)
        panel.tree.setFocus()

    def add_suggestion(self, suggestion: Suggestion) -> Indicator | None:
        existing = self.repo.find(suggestion.name)
        if existing is not None:
            self.ctx.dialogs.info(self, "Already added", f"You already have “{existing.name}”.")
            self._select_id(existing.id)
            return None
        if not self._room_for_one_more():
            return None
        try:
            added = measure_services.add_indicator(self.ctx.workspace, suggestion.to_indicator(), tags=suggestion.tags)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not added", str(error))
            return None
        self._select_id(added.id, tab=DETAILS_TAB)
        return added

    def write_own(self) -> Indicator | None:
        if self.ctx.workspace.read_only or not self._room_for_one_more():
            return None
        name = self.ctx.dialogs.ask_text(self, "Write your own indicator",
                                         "What will you count or ask? (for example: Families using the food club)")
        if name is None:
            return None
        try:
            added = measure_services.add_indicator(self.ctx.workspace, Indicator(name=name))
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not added", str(error))
            return None
        self._select_id(added.id, tab=DETAILS_TAB)
        self.form.outcome.setFocus()
        return added

    def _select_id(self, indicator_id: str, tab: int | None = None) -> None:
        self.current_id = indicator_id
        if self._panels_built and tab is not None:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(tab)
            self.tabs.blockSignals(False)
        elif tab is not None:
            self._build_panels()
            self.tabs.setCurrentIndex(tab)
        indicator = self.current()
        if indicator is not None and not indicator.is_active and not self.show_archived.isChecked():
            self.show_archived.setChecked(True)  # reloads the list
        else:
            self._reload_list()

    # -- archive, delete, order ---------------------------------------------------------------------
    def archive_or_restore(self) -> None:
        indicator = self.current()
        if indicator is None or self.ctx.workspace.read_only:
            return
        try:
            if indicator.is_active:
                measure_services.archive_indicator(self.ctx.workspace, indicator.id)
                self._offer_undo("archive", indicator, f"“{indicator.name}” archived; its readings are kept.")
            else:
                if not self._room_for_one_more("Restore"):
                    return
                measure_services.restore_indicator(self.ctx.workspace, indicator.id)
                self.undo_bar.hide()
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not changed", str(error))
            return
        self._reload_list()

    def delete_current(self) -> None:
        indicator = self.current()
        if indicator is None or self.ctx.workspace.read_only:
            return
        count = len(self.repo.readings(indicator.id))
        if count and not self.ctx.dialogs.confirm(
                self, "Delete this indicator?",
                f"“{indicator.name}” has {count} reading{'s' if count != 1 else ''}. Deleting hides it and them; you "
                "can undo straight after. To stop measuring it but keep its history in reports, archive it instead.",
                yes="Delete"):
            return
        measure_services.bin_indicator(self.ctx.workspace, indicator.id)
        self._offer_undo("delete", indicator, f"“{indicator.name}” deleted.")
        self.current_id = None
        self._reload_list()

    def _offer_undo(self, what: str, indicator: Indicator, text: str) -> None:
        self._undo = (what, indicator.id)
        self.undo_button.setAccessibleName(f"Undo: {text}")
        self.undo_bar.announce(text)

    def undo(self) -> None:
        if not self._undo:
            return
        what, indicator_id = self._undo
        try:
            if what == "archive":
                measure_services.restore_indicator(self.ctx.workspace, indicator_id)
            else:
                measure_services.unbin_indicator(self.ctx.workspace, indicator_id)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Cannot undo", str(error))
            return
        self._undo = None
        self.undo_bar.hide()
        self.current_id = indicator_id
        self._reload_list()

    def _move(self, offset: int) -> None:
        if self.current_id:
            measure_services.move_indicator(self.ctx.workspace, self.current_id, offset)
            self._reload_list()

    # -- page protocol ---------------------------------------------------------------------------------
    def finish_editing(self) -> None:
        if self._panels_built:
            self.form.finish_editing()
            self.readings_panel.finish_editing()

    def status_text(self) -> str:
        return self.journey_status(self.ctx.workspace) or ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        if workspace.file.is_closed:
            return ""
        repo = workspace.indicators
        active = repo.active()
        if not active:
            return "No indicators yet"
        behind = sum(1 for indicator in active if repo.progress(indicator.id).status in ("behind", "missed"))
        text = f"{len(active)} indicator{'s' if len(active) != 1 else ''}"
        return text + (f", {behind} behind" if behind else "")
