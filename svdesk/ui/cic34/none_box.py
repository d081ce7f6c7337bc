"""The "none this year" tick beside a CIC34 list: the person's dated word that there was none.

svdesk prints a nil statement ("No remuneration was received.") only with this tick, never
because a list was left empty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from svdesk.domain import dates
from svdesk.domain.dates import format_date
from svdesk.domain.errors import SvdeskError
from svdesk.services import cic34 as cic34_services

_LABELS = {"consultation": "The company did not consult its stakeholders this year",
           "pay": "No director received any remuneration this year",
           "transfers": "No assets were transferred other than for full consideration this year",
           "dividends": "No dividends were declared or paid this year"}


class NoneThisYear(QCheckBox):
    changed = Signal()

    def __init__(self, ctx, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.what, self.year_end = ctx, what, None
        self.setAccessibleName(_LABELS[what])
        self.toggled.connect(self._toggled)

    def set_year(self, year_end, has_records: bool, read_only: bool) -> None:
        self.year_end = year_end
        confirmed = self.ctx.workspace.cic34_none.confirmed(year_end).get(self.what)
        self.blockSignals(True)
        self.setChecked(confirmed is not None)
        self.blockSignals(False)
        when = f" (confirmed {format_date(confirmed)})" if confirmed else ""
        self.setText(_LABELS[self.what] + when)
        # With records listed, the records speak; the tick is only for a year with none.
        self.setVisible(not has_records or confirmed is not None)
        self.setEnabled(not read_only and not has_records)

    def _toggled(self, checked: bool) -> None:
        if self.year_end is None or self.ctx.workspace.read_only:
            return
        try:
            if checked:
                cic34_services.confirm_none(self.ctx.workspace, self.year_end, self.what, dates.today())
            else:
                cic34_services.withdraw_none(self.ctx.workspace, self.year_end, self.what)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
        self.changed.emit()
