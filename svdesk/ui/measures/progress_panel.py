"""The Progress tab: the plain summary, the chart, totals per financial year and for any dates."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.measures import Counting, Indicator, Reading
from svdesk.domain.counting import rule_name, yearly_count
from svdesk.domain.progress import Progress, chart_spec, progress, total_between, year_totals
from svdesk.services.measures import record_reading
from svdesk.ui.common.charts import ProgressChart
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.date_field import DateField
from svdesk.ui.common.widgets import HelpLabel
from svdesk.ui.common.colours import themed

STATUS_COLOURS = {"on_track": "#1b7f3b", "met": "#1b7f3b", "behind": "#a35a00", "missed": "#b00020"}


class ProgressPanel(QWidget):
    changed = Signal()  # a reading was recorded here (the yearly count): figures and statuses need refreshing

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.indicator: Indicator | None = None
        self.readings: list[Reading] = []
        self.progress: Progress | None = None
        self.context = QLabel()
        self.context.setAccessibleDescription("Period of the summary")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setAccessibleDescription("Progress summary")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = HelpLabel("")
        # People taking part: the offer to record the year's count of different people, done here.
        self.yearly_button = QPushButton()
        self.yearly_button.setAccessibleName("Record the yearly count of different people")
        self.yearly_button.clicked.connect(self.record_yearly_count)
        self.yearly_button.hide()
        self._yearly_year = None
        self.chart = ProgressChart()

        self.years_model = QStandardItemModel(self)
        self.years = QTableView()
        self.years.setModel(self.years_model)
        self.years.setAccessibleName("Figures per financial year")
        self.years.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.years.verticalHeader().hide()
        self.years.verticalHeader().setDefaultSectionSize(self.years.fontMetrics().height() + 8)
        self.years.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.years.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.years.horizontalHeader().setStretchLastSection(True)
        self.years.setMaximumHeight(150)
        self.years_help = HelpLabel("")

        self.range_from = DateField(optional=False)
        self.range_from.setAccessibleName("Total from")
        self.range_to = DateField(optional=False)
        self.range_to.setAccessibleName("Total to")
        for field in (self.range_from, self.range_to):
            field.setMinimumWidth(96)
        self.range_result = QLabel()
        self.range_result.setWordWrap(True)
        self.range_result.setAccessibleDescription("Total for the dates")

        years_box = QGroupBox("Each financial year")
        years_layout = QVBoxLayout(years_box)
        years_layout.addWidget(self.years)
        years_layout.addWidget(self.years_help)
        range_box = QGroupBox("Any dates")
        range_layout = QVBoxLayout(range_box)
        dates = QHBoxLayout()
        for text, field in (("&From", self.range_from), ("t&o", self.range_to)):
            label = QLabel(text)
            label.setBuddy(field)
            dates.addWidget(label)
            dates.addWidget(field)
        dates.addStretch()
        range_layout.addLayout(dates)
        range_layout.addWidget(self.range_result)
        range_layout.addWidget(HelpLabel("Readings whose whole period falls between the two dates are counted."))
        range_layout.addStretch()
        # One under the other (the tab scrolls): side by side, the table's columns were cut to "p…".
        figures = QVBoxLayout()
        figures.addWidget(years_box)
        figures.addWidget(range_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.context)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.yearly_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.chart, 1)
        layout.addLayout(figures)
        for field in (self.range_from, self.range_to):
            field.date_edited.connect(lambda _value: self._show_range())
            field.validity_changed.connect(lambda _problem: self._show_range())

    def set_indicator(self, indicator: Indicator | None, readings: list[Reading] | None = None) -> None:
        if indicator is None or self.indicator is None or indicator.id != self.indicator.id:
            self.range_from.set_date(None)
            self.range_to.set_date(None)
        self.indicator = indicator
        if indicator is None:
            return
        repo = self.ctx.workspace.indicators
        self.readings = readings if readings is not None else repo.readings(indicator.id)
        year_end = repo.year_end()
        from svdesk.domain.dates import today

        self.progress = progress(indicator, self.readings, year_end, today())
        self.context.setText(self.progress.context)
        self.context.setVisible(bool(self.progress.context))
        self.headline.setText(self.progress.headline)
        colour = STATUS_COLOURS.get(self.progress.status)
        self.headline.setStyleSheet(f"color: {themed(colour)};" if colour else "")
        self.detail.setText(self.progress.detail)
        self.detail.setVisible(bool(self.progress.detail))
        self._offer_yearly_count(today())
        self.chart.set_spec(chart_spec(indicator, self.readings, year_end))
        self._show_years(year_end)
        if self.range_from.date() is None and self.range_to.date() is None and self.readings:
            self.range_from.set_date(self.readings[0].start)
            self.range_to.set_date(self.readings[-1].end)
        self._show_range()

    def _offer_yearly_count(self, on) -> None:
        """People taking part counted each month or quarter, and no yearly count for the latest
        year: a button that records it (once the year has ended: before, the count is not whole)."""
        indicator, fy = self.indicator, self.progress.year
        offer = (indicator.how_counted is Counting.TAKING_PART and indicator.frequency.per_year > 1
                 and fy is not None and yearly_count(self.readings, fy) is None)
        self._yearly_year = fy if offer else None
        self.yearly_button.setVisible(offer)
        if not offer:
            return
        ended = on > fy.end
        self.yearly_button.setText(f"Record the &yearly count of different people for {fy.label}…" if ended
                                   else f"Record the yearly count of different people once {fy.label} has ended")
        self.yearly_button.setEnabled(ended and not self.ctx.workspace.read_only)

    def record_yearly_count(self) -> None:
        fy = self._yearly_year
        if fy is None or self.indicator is None:
            return
        text = self.ctx.dialogs.ask_text(
            self, "Yearly count of different people",
            f"How many different people took part in {fy.label} ({format_date(fy.start)} to {format_date(fy.end)})? "
            "Count each person once, however many times they came.")
        if text is None or not text.strip():
            return
        try:
            record_reading(self.ctx.workspace, self.indicator.id, fy.start, fy.end, text,
                           note="Yearly count of different people")
        except ValidationError as error:
            self.ctx.dialogs.error(self, "Not recorded", " ".join(error.problems))
            return
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not recorded", str(error))
            return
        self.set_indicator(self.indicator)
        self.changed.emit()

    def _show_years(self, year_end) -> None:
        self.years_model.clear()
        self.years_model.setHorizontalHeaderLabels(["Year", "Figure", "Readings", "Complete?"])
        from svdesk.domain import dates

        for total in reversed(year_totals(self.indicator, self.readings, year_end, dates.today())):
            state = "complete" if total.complete else total.qualifier
            cells = [QStandardItem(total.year.label), QStandardItem(total.text),
                     QStandardItem(f"{total.readings} of {total.periods_expected}"), QStandardItem(state)]
            cells[1].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.years_model.appendRow(cells)
        self.years_help.setText(f"How it counts: {rule_name(self.indicator)}. A reading counts in the year its "
                                "period ends in; a period with no reading is unknown, not zero.")

    def _show_range(self) -> None:
        start, end = self.range_from.date(), self.range_to.date()
        problem = self.range_from.problem or self.range_to.problem
        if problem:
            self.range_result.setText(problem)
            return
        if self.indicator is None or start is None or end is None:
            self.range_result.setText("Give two dates to see the figure between them.")
            return
        if end < start:
            self.range_result.setText("The second date is before the first.")
            return
        total = total_between(self.indicator, self.readings, start, end, self.ctx.workspace.indicators.year_end())
        if not total.readings:
            text = f"No readings wholly between {format_date(start)} and {format_date(end)}."
        else:
            noun = "reading" if total.readings == 1 else "readings"
            text = f"{total.text} from {total.readings} {noun}"
        if total.left_out:
            text += f" ({total.left_out} reading{'s' if total.left_out != 1 else ''} only partly inside left out)"
        self.range_result.setText(text)
