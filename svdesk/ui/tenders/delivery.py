"""Keeping promises: once a tender is won, each commitment is a target tracked against its
indicator's readings from the contract start, and a delivery report can be exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QSizePolicy, QTableView, QToolButton,
    QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date, today
from svdesk.domain.tenders import Tender, TenderStatus, format_number, format_years
from svdesk.ui.common.page_base import scrolling
from svdesk.ui.common.export_target import export_to_chosen_file
from svdesk.ui.tenders.answer import FORMATS
from svdesk.ui.tenders.models import PromisesModel
from svdesk.ui.common.widgets import HelpLabel


class DeliveryTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tender: Tender | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAccessibleDescription("About this contract")
        self.model = PromisesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Promises and how delivery stands")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setAccessibleDescription("The chosen promise in detail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QToolButton()
        self.export_button.setText("Export the &delivery report")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for fmt, label, _filter in FORMATS:
            menu.addAction(label, lambda fmt=fmt: self.export(fmt))
        self.export_button.setMenu(menu)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.open_button = QPushButton("Open it")
        self.open_button.hide()
        self._last_path: Path | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        self.detail_area = scrolling(self.detail)
        layout.addWidget(self.detail_area, 2)
        # Holds the rest of the tab's height while there is no contract to show.
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.result, 1)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        layout.addWidget(HelpLabel("Buyers rarely check — this shows you kept your word. Figures count from the "
                                   "contract's start date; a reading whose period began earlier is listed, not counted."))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current.row()))
        self.open_button.clicked.connect(lambda: self._last_path and self.ctx.open_external(str(self._last_path)))

    def load(self, tender: Tender) -> None:
        from svdesk.compose.delivery import tracked_promises

        self.tender = tender
        won = tender.status is TenderStatus.WON
        self.table.setVisible(won)
        self.detail_area.setVisible(won)
        self.filler.setVisible(not won)
        self.export_button.setEnabled(won)
        self.result.setText("")
        self.open_button.hide()
        if not won:
            self.intro.setText("When this tender is won, its commitments become targets here, tracked against your "
                               "indicators' readings from the contract's start date, with a delivery report to send "
                               "the buyer.")
            self.model.set_rows([])
            return
        if tender.contract_start is None:
            self.intro.setText("Enter the contract's start date (Details tab) so delivery can be counted from it.")
        else:
            end = f" to {format_date(tender.contract_end)}" if tender.contract_end else ""
            length = f" ({format_years(tender.contract_months)})" if tender.contract_months else ""
            self.intro.setText(f"Contract from {format_date(tender.contract_start)}{end}{length}. What we promised "
                               "(as sent) against what we have measured since.")
        rows = tracked_promises(self.ctx.workspace, tender.id, today())
        self.model.set_rows(rows)
        # Room for every promise (up to six) without a scroll bar; the detail takes the rest.
        shown = max(3, min(len(rows), 6))
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + shown * self.table.verticalHeader().defaultSectionSize() + 4)
        if rows:
            self.table.selectRow(0)
            self._show(0)
        else:
            self.detail.setText("This contract has no commitments on record.")

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.model.rows):
            self.detail.setText("")
            return
        tracked = self.model.rows[row]
        lines = [tracked.progress.headline]
        for year in tracked.progress.years:
            target = f"promised {format_number(year.target)}" if year.target is not None else "no yearly figure"
            done = f"delivered {year.delivered_text}" if year.delivered is not None else "nothing recorded yet"
            lines.append(f"{year.year.label}: {target}; {done} — {year.status}")
        if tracked.evidence:
            lines.append("Evidence:")
            lines += [f"• {line}" for line in tracked.evidence]
        if tracked.not_counted:
            lines.append("Not counted (began before the contract): " + "; ".join(tracked.not_counted))
        self.detail.setText("\n".join(lines))

    def export(self, fmt: str) -> None:
        from svdesk.services.exports import export_delivery
        from svdesk.compose.tender import safe_file_stem

        label, file_filter = next((label, f) for key, label, f in FORMATS if key == fmt)
        outcome = export_to_chosen_file(
            self.ctx, self, f"Export the delivery report as {label.replace('&', '').rstrip('…')}",
            f"{safe_file_stem(self.tender.name)} - delivery report", fmt, file_filter,
            lambda path: export_delivery(self.ctx.workspace, self.tender.id, fmt, path, today()))
        if outcome is None:
            return
        self._last_path = outcome.path
        self.result.setText(" ".join([f"Saved {outcome.path.name} in {outcome.path.parent}.", *outcome.notes]))
        self.open_button.show()
