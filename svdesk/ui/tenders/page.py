"""Step 6 — Tenders: one record per bid, the commitments made in it, the answer drafted within the
word limit (edited, exported, frozen when sent), and — once won — the promises to keep."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from svdesk.domain.dates import today
from svdesk.domain.errors import SvdeskError
from svdesk.domain.tenders import TenderStatus, days_left, describe_deadline
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.page_base import Page, page_header, scrolling
from svdesk.ui.tenders.answer import AnswerTab
from svdesk.ui.tenders.commitments import CommitmentsTab
from svdesk.ui.tenders.delivery import DeliveryTab
from svdesk.ui.tenders.details import TenderDetails
from svdesk.ui.tenders.form import UndoBar, name_inner_buttons
from svdesk.ui.tenders.models import SOON, URGENT, TendersModel
from svdesk.ui.tenders.status import change_status
from svdesk.ui.common.widgets import HelpLabel
from svdesk.ui.common.colours import themed
from svdesk.services import tenders as tender_services


NO_TENDER = ("No tender yet. Press New tender when a tender with a social value question comes in: paste the "
             "question, add what you will commit to, and svdesk drafts the answer within the word limit.")
READING = "Reading the tenders…"


class TendersPage(Page):
    key = "tenders"
    title = "Tenders"
    reads_when_made = True

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.model = TendersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Tenders")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 190)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Fitting a column to its contents asks every row (24,000 data() calls for 500 tenders);
        # these columns hold short dates and words, so the first rows give their width.
        header.setResizeContentsPrecision(60)
        self.new_button = QPushButton("&New tender")
        self.delete_button = QPushButton("De&lete")
        self.deleted_button = QPushButton("Deleted tenders…")
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setToolTip("Publish what you promised in won contracts and what you have delivered, "
                                       "as a web page and open data (no personal information)")
        self.undo_bar = UndoBar()

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleDescription("Tender")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        # Long contract names wrap rather than widen the window.
        self.heading.setWordWrap(True)
        self.heading.setMinimumWidth(120)
        self.deadline = QLabel()
        self.deadline.setAccessibleDescription("Deadline")
        deadline_font = QFont(self.deadline.font())
        deadline_font.setBold(True)
        self.deadline.setFont(deadline_font)

        self.details = TenderDetails(ctx)
        self.commitments = CommitmentsTab(ctx)
        self.answer = AnswerTab(ctx)
        self.delivery = DeliveryTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, "&1 Details")
        self.tabs.addTab(self.commitments, "&2 Commitments")
        self.tabs.addTab(self.answer, "&3 Answer")
        self.tabs.addTab(self.delivery, "&4 Delivery")
        self.empty = HelpLabel(NO_TENDER)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.deleted_button)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.undo_bar)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.heading, 1)
        title_row.addWidget(self.deadline)
        bottom_layout.addLayout(title_row)
        bottom_layout.addWidget(self.tabs, 1)
        bottom_layout.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        # The tender's tabs scroll on a small screen rather than make the window taller than it.
        splitter.addWidget(scrolling(bottom))
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([132, 546])

        layout = QVBoxLayout(self)
        layout.addWidget(page_header(
            self.title, "One record per bid: the buyer's question, what you commit to, and an answer drafted from "
            "your records within the word limit. Mark it submitted to keep the exact text you sent."))
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_row(current.row()))
        self.new_button.clicked.connect(self.new_tender)
        self.delete_button.clicked.connect(self.delete_tender)
        self.deleted_button.clicked.connect(self.restore_deleted)
        self.publish_button.clicked.connect(self.open_publish)
        self.details.saved.connect(self._details_saved)
        self.details.status_chosen.connect(self.set_status)
        self.answer.status_requested.connect(self.set_status)
        self.commitments.changed.connect(self.status_changed.emit)
        self.answer.changed.connect(self.status_changed.emit)
        self.tabs.currentChanged.connect(lambda _index: self.tabs.currentWidget() is self.answer
                                         and self.answer.load_rest())
        self._current_id: str | None = None
        self.refresh()
        name_inner_buttons(self)

    # -- list -------------------------------------------------------------------------------------
    def refresh(self, keep: str | None = None) -> None:
        if self.ctx.workspace.file.is_closed:
            return
        # Every tender is read off the window's thread (2,500 in a big file: a quarter second);
        # the list shows what it showed until they come.
        if not self.model.tenders:
            self._show_row(-1)
            self.empty.setText(READING)
        self.read(lambda workspace: workspace.tenders.listing(), lambda tenders: self._fill(tenders, keep))

    def _fill(self, tenders: list, keep: str | None) -> None:
        keep = keep or self._current_id
        self.model.set_tenders(tenders, today())
        read_only = self.ctx.workspace.read_only
        self.new_button.setEnabled(not read_only)
        self.deleted_button.setEnabled(not read_only)
        self._fills += 1
        if self.reads_at_once():
            self._select(keep)
        else:
            # Arriving in an idle moment, one step per moment: fitting three columns to their rows
            # (40 ms on first showing) and the first tender with its tabs were one stretch of over
            # 100 ms with the 50k file (issue 17). The table is laid out in the next moment, the
            # tender selected in the one after (show_pending does both at once).
            self._selecting, fills = (keep, self._shown), self._fills
            QTimer.singleShot(0, self, lambda: self._lay_out_later(fills))

    _fills = 0  # lists arrived: a step still waiting for an older one does nothing
    # (tender to select, tenders shown when the list came) while the list waits to be laid out
    _selecting: tuple[str | None, int] | None = None

    def _lay_out_later(self, fills: int) -> None:
        if fills == self._fills and self._selecting is not None and not self.ctx.workspace.file.is_closed:
            self.table.executeDelayedItemsLayout()  # done here while hidden, else by the selection
            QTimer.singleShot(0, self, lambda: self._select_later(fills))

    def _select_later(self, fills: int) -> None:
        if fills != self._fills or self._selecting is None or self.ctx.workspace.file.is_closed:
            return
        keep, shown = self._selecting
        self._selecting = None
        self.empty.setText(NO_TENDER)
        if self._shown == shown:  # else a tender was chosen meanwhile (a click): it stays
            self._select(keep, tabs_later=True)

    def _select(self, keep: str | None, tabs_later: bool = False) -> None:
        self._selecting = None
        self.empty.setText(NO_TENDER)
        tenders = self.model.tenders
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and tenders:
            row = 0
        shown = self._shown
        self._tabs_later = tabs_later  # the tabs in the moment after (see _show_row)
        try:
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(row, 0))
            if self._shown == shown:  # not already shown by the selection change (loading a tender is not free)
                self._show_row(row)
        finally:
            self._tabs_later = False

    def current_tender_id(self) -> str | None:
        return self._current_id

    _shown = 0  # how many times a tender has been shown (see refresh)
    _tabs_later = False  # while the list arrives from its read (see _fill)
    _tabs_pending = False  # the shown tender's tabs are filled in the next idle moment
    _pending_tender = None

    def _show_row(self, row: int) -> None:
        self._shown += 1
        tender = self.model.tenders[row] if 0 <= row < len(self.model.tenders) else None
        another = tender is not None and tender.id != self._current_id
        if another:
            self.finish_editing()
        self._current_id = tender.id if tender else None
        self._tabs_pending = False
        self.tabs.setEnabled(True)
        self.tabs.setVisible(tender is not None)
        self.heading.setVisible(tender is not None)
        self.deadline.setVisible(tender is not None)
        self.empty.setVisible(tender is None)
        self.delete_button.setEnabled(tender is not None and not self.ctx.workspace.read_only)
        if tender is None:
            return
        try:  # the list holds the long texts cut (TendersRepo.listing): the one shown is read whole
            tender = self.ctx.workspace.tenders.get(tender.id)
        except SvdeskError:  # gone meanwhile (from another copy): the list is read again
            self.refresh()
            return
        self._show_heading(tender)
        self.details.load(tender)
        if self._tabs_later and another:  # (the same tender read again keeps its tabs as they are)
            # Nothing can be typed into the tabs still holding the tender shown before.
            self._tabs_pending, self._pending_tender = True, tender
            self.tabs.setEnabled(False)
            shown = self._shown
            QTimer.singleShot(0, self, lambda: self._fill_tabs_later(shown))
        else:
            self._fill_tabs(tender)

    def _fill_tabs_later(self, shown: int) -> None:
        if not self._tabs_pending or self._shown != shown or self.ctx.workspace.file.is_closed:
            return  # filled already, another tender shown meanwhile (it fills its own), or closed
        self._fill_tabs(self._pending_tender)
        self._tabs_pending = False
        self.tabs.setEnabled(True)

    def _fill_tabs(self, tender) -> None:
        self.commitments.load(tender)
        self.answer.load(tender)
        self.delivery.load(tender)

    def show_pending(self) -> None:
        if self._selecting is not None and self._selecting[1] == self._shown:
            self._select(self._selecting[0])
        self._fill_tabs_later(self._shown)

    def _show_heading(self, tender) -> None:
        buyer = f" — {tender.buyer}" if tender.buyer.strip() and tender.title.strip() else ""
        self.heading.setText(f"{tender.name}{buyer}")
        self.deadline.setText(describe_deadline(tender, today()))
        left = days_left(tender.deadline, today())
        colour = ""
        if tender.status is TenderStatus.DRAFTING and left is not None:
            colour = themed(URGENT) if left <= 3 else themed(SOON) if left <= 7 else ""
        self.deadline.setStyleSheet(f"color: {colour};" if colour else "")

    def _reload_current(self) -> None:
        tender = self.ctx.workspace.tenders.get(self._current_id)
        row = self.model.row_of(tender.id)
        if row >= 0:
            self.model.tenders[row] = tender
            self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, 4))
        return tender

    def _details_saved(self) -> None:
        tender = self._reload_current()
        filled = self.answer.parts.fill_from_question(tender)   # the limit and weighting the question states
        if filled is not tender:
            tender = self._reload_current()
            self.details.load(tender)
        self.answer.parts.load(tender)
        self._show_heading(tender)
        # The word limit, buyer and contract length change what the other tabs say.
        self.commitments.tender = tender
        self.commitments.model.tender = tender
        self.answer.tender = tender
        self.answer.count.limit = tender.word_limit
        self.answer.count.update_count(self.answer.editor.toPlainText())
        self.delivery.load(tender)
        self.status_changed.emit()

    # -- actions ----------------------------------------------------------------------------------
    def new_tender(self) -> None:
        self.finish_editing()
        try:
            tender = tender_services.create_tender(self.ctx.workspace, title="New tender")
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not created", str(error))
            return
        self.refresh(keep=tender.id)
        self.tabs.setCurrentWidget(self.details)
        self.details.title.setFocus()
        self.details.title.selectAll()
        self.status_changed.emit()

    def delete_tender(self) -> None:
        if self._current_id is None:
            return
        self.finish_editing()
        tender = self.ctx.workspace.tenders.get(self._current_id)
        tender_services.bin_tender(self.ctx.workspace, tender.id)
        self._current_id = None
        self.undo_bar.offer(f"Deleted “{tender.name}”.", lambda: self._restore(tender.id))
        self.refresh()
        self.status_changed.emit()

    def _restore(self, tender_id: str) -> None:
        tender_services.restore_tender(self.ctx.workspace, tender_id)
        self.refresh(keep=tender_id)
        self.status_changed.emit()

    def open_publish(self):
        from svdesk.ui.common.publish_dialog import open_publish_dialog

        return open_publish_dialog(self.ctx, self)

    def restore_deleted(self) -> None:
        deleted = self.ctx.workspace.tenders.deleted()
        if not deleted:
            self.ctx.dialogs.info(self, "Deleted tenders", "There are no deleted tenders.")
            return
        choice = self.ctx.dialogs.choose(self, "Deleted tenders", "Bring back which tender?",
                                         [f"{t.name} — {t.buyer}" if t.buyer else t.name for t in deleted])
        if choice is not None:
            self._restore(deleted[choice].id)

    def set_status(self, status: TenderStatus) -> None:
        if self._current_id is None:
            return
        self.finish_editing()
        if change_status(self, self.ctx, self._current_id, status):
            if status is TenderStatus.WON:
                self.tabs.setCurrentWidget(self.delivery)
            self.refresh(keep=self._current_id)
            self.status_changed.emit()
        else:
            self.details.load(self.ctx.workspace.tenders.get(self._current_id))

    def finish_editing(self) -> None:
        if self._current_id is None or self.ctx.workspace.file.is_closed:
            return
        self.details.finish_editing()
        self.commitments.finish_editing()
        self.answer.finish_editing()

    # -- journey ----------------------------------------------------------------------------------
    def status_text(self) -> str:
        if self.ctx.workspace.file.is_closed:
            return ""
        return self.journey_status(self.ctx.workspace) or ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        on = today()
        count, soonest, won = workspace.tenders.at_a_glance(on)
        if not count:
            return "No tenders yet"
        parts = []
        if soonest is not None:
            left = (soonest - on).days
            parts.append("next due today" if left == 0 else "next due tomorrow" if left == 1
                         else f"next due in {left} days")
        if won:
            parts.append(f"{won} won")
        if not parts:
            parts.append(f"{count} tender{'s' if count != 1 else ''}")
        text = " · ".join(parts)
        return text[0].upper() + text[1:]
