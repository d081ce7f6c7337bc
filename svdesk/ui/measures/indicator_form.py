"""The Details tab: everything that defines an indicator, saved as each field is left."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.partial import valid_changes
from svdesk.domain.counting import rule_text, yearly_target
from svdesk.domain.measures import (
    COMMON_SCALES, COUNTINGS_FOR, Counting, Direction, Frequency, Indicator, Unit, format_number, parse_value,
)
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.date_field import DateField
from svdesk.ui.common.page_base import scrolling
from svdesk.ui.common.tag_picker import TagPicker
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, SavingTextEdit
from svdesk.services import measures as measure_services



class IndicatorForm(QWidget):
    saved = Signal(object)  # the saved Indicator

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.indicator: Indicator | None = None
        self._shown: Indicator | None = None
        self._loading = False
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 4, 12, 4)
        self.problems = ProblemLabel()
        outer.addWidget(self.problems)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow panel a wide row (the three unit choices) goes under its label rather than
        # past the panel's right edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(form)

        self.name = QLineEdit()
        self.name.setMaxLength(160)
        self._row(form, "&Name", self.name, "Short and concrete — for example 'Bikes refurbished and back on the road'.")
        self.outcome = SavingTextEdit()
        self.outcome.setFixedHeight(74)
        self._row(form, "What it &shows", self.outcome, "The change this number is evidence of, in a sentence.")

        kinds = QWidget()
        kinds_row = QGridLayout(kinds)
        kinds_row.setContentsMargins(0, 0, 0, 0)
        self.unit = QComboBox()
        for unit in Unit:
            self.unit.addItem(unit.label, unit.value)
        self.unit.setAccessibleName("Unit")
        self.direction = QComboBox()
        for direction in Direction:
            self.direction.addItem(direction.label, direction.value)
        self.direction.setAccessibleName("Which direction is better")
        self.frequency = QComboBox()
        for frequency in Frequency:
            self.frequency.addItem(frequency.label, frequency.value)
        self.frequency.setAccessibleName("How often it is recorded")
        # Each box with a linked label (on Linux a combo box is heard as its value only), one
        # under another so the panel stays narrow.
        kinds_row.addWidget(self.unit, 0, 0, 1, 2)
        for row, (caption, widget) in enumerate((("Better when", self.direction), ("Recorded", self.frequency)), 1):
            label = QLabel(caption)
            label.setAccessibleName(widget.accessibleName())
            label.setBuddy(widget)
            kinds_row.addWidget(label, row, 0)
            kinds_row.addWidget(widget, row, 1)
        kinds_row.setColumnStretch(2, 1)
        self.unit_help = HelpLabel("")
        self._row(form, "&Unit", kinds, "", buddy=self.unit)
        self.counting = QComboBox()
        self.counting.setAccessibleName("How readings are counted")
        self._row(form, "How it &counts", self.counting, "", help_label=self.unit_help)
        self.unit_words = QLineEdit()
        self.unit_words.setMaxLength(160)
        self.unit_words.setPlaceholderText("e.g. sessions, meals, kg of food, bikes")
        self._row(form, "What one &is", self.unit_words, "What you count, in your words: charts and reports name "
                  "their unit with it.")
        # A score's scale: the person's own, or one of the common ones filled in for them.
        self.scale_box = QWidget()
        scale_row = QHBoxLayout(self.scale_box)
        scale_row.setContentsMargins(0, 0, 0, 0)
        self.scale_preset = QComboBox()
        self.scale_preset.addItem("Common scales…", None)
        for label, name, low, high in COMMON_SCALES:
            self.scale_preset.addItem(label, (name, low, high))
        self.scale_preset.setAccessibleName("Common scales")
        self.scale_name, self.scale_low, self.scale_high = QLineEdit(), QLineEdit(), QLineEdit()
        self.scale_name.setMaxLength(160)
        self.scale_name.setPlaceholderText("Name of the scale")
        for line, name in ((self.scale_name, "Scale name"), (self.scale_low, "Lowest score"),
                           (self.scale_high, "Highest score")):
            line.setAccessibleName(name)
        for line in (self.scale_low, self.scale_high):
            line.setMaximumWidth(60)
        scale_row.addWidget(self.scale_preset)
        scale_row.addWidget(self.scale_name, 1)
        scale_row.addWidget(QLabel("from"))
        scale_row.addWidget(self.scale_low)
        scale_row.addWidget(QLabel("to"))
        scale_row.addWidget(self.scale_high)
        self._row(form, "Sc&ale", self.scale_box, "The scale scores are on; every figure is printed with it.",
                  buddy=self.scale_name)

        self.baseline_value, self.baseline_date = QLineEdit(), DateField()
        self.target_value, self.target_date = QLineEdit(), DateField()
        self.baseline_help, self.target_help = HelpLabel(""), HelpLabel("")
        for label, value, date, help_label, name in (
                ("&Baseline", self.baseline_value, self.baseline_date, self.baseline_help, "Baseline"),
                ("&Target", self.target_value, self.target_date, self.target_help, "Target")):
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            value.setMaximumWidth(140)
            value.setAccessibleName(f"{name} value")
            date.setAccessibleName(f"{name} date")
            on = QLabel("on" if name == "Baseline" else "by")
            on.setBuddy(date)
            row.addWidget(value)
            row.addWidget(on)
            row.addWidget(date)
            row.addStretch()
            self._row(form, label, line, "", buddy=value, help_label=help_label)

        self.how = SavingTextEdit()
        self.how.setFixedHeight(74)
        self._row(form, "&How it is collected", self.how,
                  "What you count or ask, from which record, and what you keep as evidence.")
        self.collected_by = QLineEdit()
        self.collected_by.setMaxLength(200)
        self._row(form, "Who &collects it", self.collected_by, "A name or a role, so it keeps happening.")
        self.who = SavingTextEdit()
        self.who.setFixedHeight(74)
        self._row(form, "Who &benefits", self.who, "Who the people are and how underserved — buyers look for this.")
        self.contribution = SavingTextEdit()
        self.contribution.setFixedHeight(74)
        self._row(form, "C&ontribution", self.contribution,
                  "What else could explain the change (other services, family, the job market)? Saying so is honest "
                  "and makes the claim more credible.")
        self.tags = TagPicker()
        self.tags.setMinimumHeight(180)
        self._row(form, "Outcomes it speaks &to", self.tags,
                  "Tick the buyer outcomes this indicator gives evidence for; tender answers use them.",
                  buddy=self.tags.filter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        area = scrolling(body)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(area)

        for line in (self.name, self.collected_by, self.baseline_value, self.target_value, self.scale_name,
                     self.scale_low, self.scale_high, self.unit_words):
            line.editingFinished.connect(self.save)
        for box in (self.outcome, self.how, self.who, self.contribution):
            box.editingFinished.connect(self.save)
        for combo in (self.unit, self.direction, self.frequency, self.counting):
            combo.currentIndexChanged.connect(self.save)
        self.scale_preset.activated.connect(self._use_common_scale)
        for field in (self.baseline_date, self.target_date):
            field.date_edited.connect(lambda _value: self.save())
            field.validity_changed.connect(lambda _problem: self._show_field_problems())
        self.tags.tags_changed.connect(self._tags_changed)

    def _row(self, form: QFormLayout, label: str, field: QWidget, help_text: str, buddy: QWidget | None = None,
             help_label: HelpLabel | None = None) -> None:
        caption = QLabel(label)
        target = buddy or field
        caption.setBuddy(target)
        if not target.accessibleName():
            target.setAccessibleName(label.replace("&", ""))
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(help_label or HelpLabel(help_text))
        form.addRow(caption, holder)
        self._captions = getattr(self, "_captions", {})
        self._captions[field] = (caption, holder)

    # -- loading -------------------------------------------------------------------------------------
    def set_indicator(self, indicator: Indicator | None) -> None:
        self.indicator = indicator
        if indicator is None:
            return
        self._loading = True
        try:
            self.name.setText(indicator.name)
            self.outcome.set_text_quietly(indicator.outcome)
            self.unit.setCurrentIndex(self.unit.findData(indicator.unit.value))
            self._fill_countings(indicator)
            scale = indicator.scale
            self.scale_name.setText(indicator.scale_name if scale else "")
            self.scale_low.setText(_number(scale.low) if scale else "")
            self.scale_high.setText(_number(scale.high) if scale else "")
            self.unit_words.setText(indicator.unit_words)
            self.direction.setCurrentIndex(self.direction.findData(indicator.direction.value))
            self.frequency.setCurrentIndex(self.frequency.findData(indicator.frequency.value))
            self.baseline_value.setText(_number(indicator.baseline_value))
            self.baseline_date.set_date(indicator.baseline_date)
            self.target_value.setText(_number(indicator.target_value))
            self.target_date.set_date(indicator.target_date)
            self.how.set_text_quietly(indicator.how_collected)
            self.collected_by.setText(indicator.collected_by)
            self.who.set_text_quietly(indicator.who_benefits)
            self.contribution.set_text_quietly(indicator.contribution)
            self.tags.set_frameworks(self.ctx.workspace.frameworks.all(),
                                     measure_services.indicator_tags(self.ctx.workspace, indicator.id))
        finally:
            self._loading = False
        # The indicator as the fields show it: leaving a field unchanged saves nothing, even when
        # the fields tidied the stored text (line endings, spaces at the ends) as they showed it.
        self._shown = self._candidate()[0]
        self.problems.show_problems([])
        self._explain(indicator)
        read_only = self.ctx.workspace.read_only
        for widget in (self.name, self.outcome, self.baseline_value, self.target_value, self.how, self.collected_by,
                       self.who, self.contribution, self.baseline_date, self.target_date, self.scale_name,
                       self.scale_low, self.scale_high, self.unit_words):
            widget.setReadOnly(read_only)
        for widget in (self.unit, self.direction, self.frequency, self.counting, self.scale_preset, self.tags.tree):
            widget.setEnabled(not read_only)

    def _fill_countings(self, indicator: Indicator) -> None:
        self.counting.clear()
        for counting in COUNTINGS_FOR[indicator.unit]:
            self.counting.addItem(counting.label, counting.value)
        self.counting.setCurrentIndex(self.counting.findData(indicator.how_counted.value))

    def _explain(self, indicator: Indicator) -> None:
        self.unit_help.setText(f"Values are {indicator.unit.rule_text}. {rule_text(indicator)}")
        for field in (self.scale_box,):
            caption, holder = self._captions[field]
            caption.setVisible(indicator.unit is Unit.SCORE)
            holder.setVisible(indicator.unit is Unit.SCORE)
        counted = indicator.unit in (Unit.COUNT, Unit.PEOPLE, Unit.HOURS)  # money, % and scores name themselves
        for widget in self._captions[self.unit_words]:
            widget.setVisible(counted)
        if indicator.how_counted is Counting.TAKING_PART:
            self.baseline_help.setText("How many different people took part in a year before you started (a yearly "
                                       "count), and the date that year ended.")
            self.target_help.setText("How many different people a year you are aiming for, and by when.")
        elif yearly_target(indicator):
            self.baseline_help.setText("The amount in a year before you started measuring (or your first full year), "
                                       "and the date that year ended — for example 190 on 31 Mar 2023.")
            self.target_help.setText("The amount a year you are aiming for, and the date you aim to reach it by.")
        else:
            self.baseline_help.setText("The level when you started measuring, and when it was measured.")
            self.target_help.setText("The level you are aiming for, and the date you aim to reach it by.")

    def _use_common_scale(self, index: int) -> None:
        chosen = self.scale_preset.itemData(index)
        if not chosen:
            return
        name, low, high = chosen
        self.scale_name.setText(name)
        self.scale_low.setText(str(low))
        self.scale_high.setText(str(high))
        self.scale_preset.setCurrentIndex(0)
        self.save()

    # -- saving --------------------------------------------------------------------------------------
    def _show_field_problems(self) -> list[str]:
        problems = [field.problem for field in (self.baseline_date, self.target_date) if field.problem]
        self.problems.show_problems(problems)
        return problems

    def _candidate(self) -> tuple[Indicator, list[str]]:
        """The indicator as the boxes show it, and the problems of values that cannot be read
        (those keep their stored value, so the other boxes can still be saved)."""
        unit = Unit(self.unit.currentData())
        problems = []
        values = {}
        chosen = self.counting.currentData()
        values["counting"] = Counting(chosen) if chosen in [c.value for c in COUNTINGS_FOR[unit]] else None
        values["scale_name"] = self.scale_name.text().strip() if unit is Unit.SCORE else ""
        for key, line in (("scale_low", self.scale_low), ("scale_high", self.scale_high)):
            try:
                values[key] = Decimal(line.text().strip()) if unit is Unit.SCORE and line.text().strip() else None
            except InvalidOperation:
                problems.append(f"The scale: '{line.text().strip()}' is not a number.")
                values[key] = getattr(self.indicator, key)
        scale = replace(self.indicator, unit=unit, **values).scale
        for key, line, label in (("baseline_value", self.baseline_value, "baseline"),
                                 ("target_value", self.target_value, "target")):
            text = line.text().strip()
            try:
                values[key] = parse_value(unit, text, scale) if text else None
            except ValidationError as error:
                problems += [f"The {label}: {problem}" for problem in error.problems]
                values[key] = getattr(self.indicator, key)
        return replace(
            self.indicator, name=self.name.text(), outcome=self.outcome.toPlainText().strip(), unit=unit,
            direction=Direction(self.direction.currentData()), frequency=Frequency(self.frequency.currentData()),
            baseline_date=self.baseline_date.date(), target_date=self.target_date.date(),
            how_collected=self.how.toPlainText().strip(), collected_by=self.collected_by.text().strip(),
            who_benefits=self.who.toPlainText().strip(), contribution=self.contribution.toPlainText().strip(),
            unit_words=" ".join(self.unit_words.text().split()), **values,
        ), problems

    def save(self) -> None:
        if self._loading or self.indicator is None or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return
        # What was typed stays in its field and is saved once it is valid; meanwhile every other
        # field is saved (a date box with a problem keeps its last readable date), so a mistyped
        # target does not lose the description typed after it.
        problems = [field.problem for field in (self.baseline_date, self.target_date) if field.problem]
        candidate, unreadable = self._candidate()
        problems += unreadable
        if not problems and candidate == self._shown:
            return
        try:
            try:
                saved = measure_services.save_indicator(self.ctx.workspace, candidate)
                self._shown = candidate  # a refused indicator is tried again when a field is left
            except ValidationError as error:
                problems += error.problems
                if Unit(self.unit.currentData()) != self.indicator.unit and any(
                        "reading" in problem for problem in error.problems):
                    self._loading = True
                    self.unit.setCurrentIndex(self.unit.findData(self.indicator.unit.value))
                    self._loading = False
                    candidate = replace(candidate, unit=self.indicator.unit)
                saved = measure_services.save_indicator(
                    self.ctx.workspace, valid_changes(self.indicator, candidate, Indicator.problems))
        except ValidationError:
            self.problems.show_problems(problems)
            return
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return
        self.problems.show_problems(problems)
        changed_unit = saved.unit != self.indicator.unit
        self.indicator = saved
        if changed_unit:
            self._loading = True
            self._fill_countings(saved)
            scale = saved.scale
            self.scale_name.setText(saved.scale_name if scale else "")
            self.scale_low.setText(_number(scale.low) if scale else "")
            self.scale_high.setText(_number(scale.high) if scale else "")
            self._loading = False
        self._explain(saved)
        self.saved.emit(saved)

    def _tags_changed(self, tags: list) -> None:
        if self._loading or self.indicator is None or self.ctx.workspace.read_only:
            return
        try:
            measure_services.set_indicator_tags(self.ctx.workspace, self.indicator.id, tags)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))

    def finish_editing(self) -> None:
        for box in (self.outcome, self.how, self.who, self.contribution):
            box.finish()


def _number(value) -> str:
    return "" if value is None else format_number(value).replace(",", "")
