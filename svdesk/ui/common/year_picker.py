"""The financial year a report is about: the CIC34 report and the impact summary pick it alike."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from svdesk.domain import dates


class YearPicker(QComboBox):
    """The years a report can cover (newest first, the one under way marked). ``chosen`` is
    emitted with the year when the person picks one, never while the list is being refilled."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Financial year")
        self.years: list = []
        self._loading = False
        self.currentIndexChanged.connect(self._changed)

    def reload(self, workspace, keep=None):
        """Lists the file's years again and returns the one selected: ``keep`` while it is still
        listed, otherwise the year whose report is due."""
        from svdesk.compose.cic34 import default_year, report_years

        years = report_years(workspace)
        keep = keep or default_year(workspace)
        now = dates.today()
        self._loading = True
        try:
            self.years = years
            self.clear()
            for year in years:
                self.addItem(year.label + (" (under way)" if year.contains(now) else ""))
            index = years.index(keep) if keep in years else 0
            self.setCurrentIndex(index)
        finally:
            self._loading = False
        return years[index]

    def select_year(self, label: str) -> None:
        """Picks the year labelled ``label`` (say, 2025/26), as the person would."""
        for index, year in enumerate(self.years):
            if year.label == label:
                self.setCurrentIndex(index)
                return
        raise KeyError(label)

    def _changed(self, index: int) -> None:
        if not self._loading and index >= 0:
            self.chosen.emit(self.years[index])
