"""The Money value tab: an optional SROI-style estimate, off unless the person turns it on, and never
shown without its assumptions and range."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import today
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.measures import Indicator, Unit, format_number, parse_value
from svdesk.domain.sroi import MAX_BENEFIT_YEARS, Valuation, estimate
from svdesk.services.measures import can_be_valued
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.page_base import scrolling
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel
from svdesk.services import tenders as tender_services

_PERCENT_HELP = {
    "deadweight": "How much would have happened anyway, without you? (For example, some trainees would have found "
                  "work regardless.)",
    "displacement": "How much only moved the benefit from somewhere else? (For example, a job another person "
                    "would otherwise have had.)",
    "attribution": "How much of the change is down to other people and organisations?",
    "drop_off": "How much of the benefit fades each year after the first?",
}


class ValuationPanel(QWidget):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.indicator: Indicator | None = None
        self._loading = False
        self._shown: Valuation | None = None
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 4, 12, 4)
        outer.addWidget(HelpLabel(
            "Optional, and off unless you turn it on. A money value is an estimate built from a value per unit "
            "that you choose (with its source) and your judgement of what would have happened anyway. Counts "
            "come first; svdesk only shows an estimate with its assumptions and a range."))
        self.not_possible = QLabel()
        self.not_possible.setWordWrap(True)
        outer.addWidget(self.not_possible)
        self.enabled = QCheckBox("&Show an estimated money value for this indicator")
        outer.addWidget(self.enabled)
        self.problems = ProblemLabel()
        outer.addWidget(self.problems)

        self.form_box = QGroupBox("Assumptions")
        form = QFormLayout(self.form_box)
        self.proxy_value = QLineEdit()
        self.proxy_value.setMaximumWidth(140)
        self.proxy_value.setPlaceholderText("e.g. 95")
        self.proxy_description = QLineEdit()
        self.proxy_description.setPlaceholderText("e.g. the cost of a comparable second-hand bike")
        self.source = QLineEdit()
        self.source.setPlaceholderText("where the value comes from, so a reader can check it")
        self.price_year = QSpinBox()
        self.price_year.setRange(1990, 2100)
        self.percentages = {}
        for key in _PERCENT_HELP:
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSingleStep(25)
            spin.setSuffix(" %")
            spin.setToolTip(_PERCENT_HELP[key])
            self.percentages[key] = spin
        self.benefit_years = QSpinBox()
        self.benefit_years.setRange(1, MAX_BENEFIT_YEARS)
        self.benefit_years.setSuffix(" year(s)")
        self.discount = QDoubleSpinBox()
        self.discount.setRange(0, 20)
        self.discount.setSingleStep(0.5)
        self.discount.setDecimals(1)
        self.discount.setSuffix(" %")
        rows = [
            ("&Value of one unit (£)", self.proxy_value, "What one unit of this indicator is worth, in pounds."),
            ("What the value &stands for", self.proxy_description, ""),
            ("S&ource of the value", self.source, "Your own figure or a published one you may use — name it."),
            ("&Price year", self.price_year, "The year the value's prices are from."),
            ("&Deadweight", self.percentages["deadweight"], _PERCENT_HELP["deadweight"]),
            ("Dis&placement", self.percentages["displacement"], _PERCENT_HELP["displacement"]),
            ("&Attribution", self.percentages["attribution"], _PERCENT_HELP["attribution"]),
            ("&Benefit period", self.benefit_years, "How many years the benefit lasts."),
            ("D&rop-off", self.percentages["drop_off"], _PERCENT_HELP["drop_off"]),
            ("Disc&ount rate", self.discount, "3.5 % a year is the HM Treasury Green Book rate."),
        ]
        for spin in (self.price_year, self.benefit_years, self.discount, *self.percentages.values()):
            spin.setMaximumWidth(120)
        for label, widget, help_text in rows:
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", ""))
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 2)
            column.setSpacing(1)
            column.addWidget(widget)
            if help_text:
                column.addWidget(HelpLabel(help_text))
            form.addRow(caption, holder)
        outer.addWidget(self.form_box)

        self.result_box = QGroupBox("Estimate")
        result_layout = QVBoxLayout(self.result_box)
        self.year = QComboBox()
        self.year.setAccessibleName("Financial year to value")
        year_label = QLabel("For the &year")
        year_label.setBuddy(self.year)
        result_layout.addWidget(year_label)
        result_layout.addWidget(self.year)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Estimated money value")
        font = self.result.font()
        font.setBold(True)
        self.result.setFont(font)
        result_layout.addWidget(self.result)
        self.assumptions = HelpLabel("")
        result_layout.addWidget(self.assumptions)
        outer.addWidget(self.result_box)
        outer.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        area = scrolling(body)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(area)

        self.enabled.toggled.connect(lambda _on: self.save())
        for line in (self.proxy_value, self.proxy_description, self.source):
            line.editingFinished.connect(self.save)
        for spin in (self.price_year, self.benefit_years, self.discount, *self.percentages.values()):
            spin.valueChanged.connect(lambda _value: self.save())
        self.year.currentIndexChanged.connect(lambda _index: self._show_estimate())

    # -- loading ---------------------------------------------------------------------------------
    def set_indicator(self, indicator: Indicator | None) -> None:
        self.indicator = indicator
        if indicator is None:
            return
        possible = can_be_valued(indicator)
        self.not_possible.setVisible(not possible)
        self.not_possible.setText(
            "A money value needs a count of people, things or hours; this indicator is "
            + ("already in pounds." if indicator.unit is Unit.MONEY else f"a {indicator.unit.label.lower()}."))
        valuation = self.ctx.workspace.indicators.valuation(indicator.id) or Valuation(price_year=today().year)
        self._loading = True
        try:
            self.enabled.setChecked(valuation.enabled and possible)
            self.proxy_value.setText("" if valuation.proxy_value is None else format_number(valuation.proxy_value, 2))
            self.proxy_description.setText(valuation.proxy_description)
            self.source.setText(valuation.source)
            for line in (self.proxy_description, self.source):
                line.setCursorPosition(0)
            self.price_year.setValue(valuation.price_year or today().year)
            for key, spin in self.percentages.items():
                spin.setValue(int(getattr(valuation, key)))
            self.benefit_years.setValue(valuation.benefit_years)
            self.discount.setValue(float(valuation.discount_rate))
            self.year.clear()
            for total in reversed(self.ctx.workspace.indicators.year_totals(indicator.id)):
                self.year.addItem(f"{total.year.label}: {total.text}" + ("" if total.complete else " (part year)"), total)
        finally:
            self._loading = False
        # What the boxes show now: leaving one of them unchanged saves nothing (with no money
        # value stored yet, saving the defaults would add a record nobody entered).
        self._shown = self._candidate(keep_value=True)
        read_only = self.ctx.workspace.read_only
        self.enabled.setVisible(possible)
        self.form_box.setVisible(possible)
        self.enabled.setEnabled(not read_only)
        self.form_box.setEnabled(not read_only)
        self.problems.show_problems([])
        self._show_estimate()

    # -- saving ----------------------------------------------------------------------------------
    def _candidate(self, keep_value: bool = False) -> Valuation:
        """The valuation as the boxes show it; ``keep_value`` keeps the stored value of one unit
        (when the box holds something that is not an amount)."""
        current = self.ctx.workspace.indicators.valuation(self.indicator.id) or Valuation()
        text = self.proxy_value.text().strip()
        if keep_value:
            proxy = current.proxy_value
        else:
            proxy = parse_value(Unit.MONEY, text) if text else None
        return replace(
            current, enabled=self.enabled.isChecked(), proxy_value=proxy,
            proxy_description=self.proxy_description.text().strip(), source=self.source.text().strip(),
            price_year=self.price_year.value(), benefit_years=self.benefit_years.value(),
            discount_rate=Decimal(str(round(self.discount.value(), 1))),
            **{key: Decimal(spin.value()) for key, spin in self.percentages.items()},
        )

    def save(self) -> None:
        if self._loading or self.indicator is None or self.ctx.workspace.read_only or not can_be_valued(self.indicator):
            return
        problems: list[str] = []
        unreadable: list[str] = []
        try:
            candidate = self._candidate()
        except ValidationError as error:
            # The amount stays in its box to be put right; the other boxes are saved meanwhile,
            # so a mistyped amount does not lose the description typed after it.
            unreadable = [f"Value of one unit: {problem}" for problem in error.problems]
            candidate = self._candidate(keep_value=True)
        if not unreadable and candidate == self._shown:
            return
        try:
            tender_services.save_valuation(self.ctx.workspace, self.indicator.id, candidate)
        except ValidationError as error:
            # Turned on but incomplete: keep everything typed, stored switched off until complete.
            problems = error.problems
            try:
                tender_services.save_valuation(
                    self.ctx.workspace, self.indicator.id, replace(candidate, enabled=False))
            except SvdeskError:
                pass
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return
        self._shown = candidate
        if problems and self.enabled.isChecked():
            problems = ["To show an estimate, complete these:"] + problems
        self.problems.show_problems(unreadable + problems)
        self._show_estimate()

    def _show_estimate(self) -> None:
        on = self.enabled.isChecked() and self.indicator is not None and can_be_valued(self.indicator)
        self.result_box.setVisible(on)
        if not on:
            return
        total = self.year.currentData()
        valuation = self.ctx.workspace.indicators.valuation(self.indicator.id)
        if total is None:
            self.result.setText("No readings yet, so there is nothing to value.")
            self.assumptions.setText("")
            return
        if valuation is None or not valuation.enabled:
            self.result.setText("Complete the assumptions above to see the estimate.")
            self.assumptions.setText("")
            return
        result = estimate(total.value, valuation, f"{self.indicator.name}, {total.year.label}")
        self.result.setText(result.text + ".")
        self.assumptions.setText("\n".join(f"• {line}" for line in result.assumptions))
