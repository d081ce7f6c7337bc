"""Step 1 — Our organisation: the profile every report's header is drawn from."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import MONTH_NAMES, format_date, today
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.financial_year import YearEnd, year_containing
from svdesk.domain.organisation import LegalForm, Organisation
from svdesk.domain.partial import valid_changes
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.date_field import DateField
from svdesk.ui.common.page_base import Page, page_header, scrolling
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, SavingTextEdit
from svdesk.services import statement as statement_services


class OrganisationPage(Page):
    key = "organisation"
    title = "Our organisation"
    reads_when_made = True

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._loading = False
        self._shown: Organisation | None = None
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.addWidget(page_header(
            self.title,
            "Who you are. Your tender answers and your CIC34 report take their headings from here, "
            "so it is worth two minutes to get it right.",
        ))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)

        self.name = QLineEdit()
        self.name.setMaxLength(160)
        self._row(form, "&Name", self.name,
                  "Your name in full, as registered — for example Riverside Bike Works CIC.")

        self.legal_form = QComboBox()
        for legal_form in LegalForm:
            self.legal_form.addItem(legal_form.label, legal_form.value)
        self._row(form, "&Legal form", self.legal_form,
                  "CICs limited by shares report dividends too, on the detailed CIC34 form.")

        self.company_number = QLineEdit()
        self.company_number.setMaxLength(12)
        self.company_number.setPlaceholderText("e.g. 09876543 or SC123456")
        self._row(form, "&Company number", self.company_number,
                  "The 8 characters Companies House gave you. Sole traders leave this empty.")

        year_end = QWidget()
        year_row = QHBoxLayout(year_end)
        year_row.setContentsMargins(0, 0, 0, 0)
        self.year_end_day = QSpinBox()
        self.year_end_day.setRange(1, 31)
        self.year_end_day.setAccessibleName("Financial year end: day")
        self.year_end_month = QComboBox()
        self.year_end_month.addItems(MONTH_NAMES)
        self.year_end_month.setAccessibleName("Financial year end: month")
        # On Linux a combo box is heard as its value only: a linked label says what it is.
        month_label = QLabel("of")
        month_label.setAccessibleName("Financial year end: month")
        month_label.setBuddy(self.year_end_month)
        year_row.addWidget(self.year_end_day)
        year_row.addWidget(month_label)
        year_row.addWidget(self.year_end_month)
        year_row.addStretch()
        self._row(form, "Financial &year end", year_end,
                  "The last day of your accounting year (31 March for many CICs).", buddy=self.year_end_day)
        self.current_year = QLabel()
        self.current_year.setAccessibleDescription("Current financial year")
        form.addRow("", self.current_year)

        self.area = SavingTextEdit()
        self.area.setFixedHeight(64)
        self._row(form, "&Area served", self.area,
                  "Where the people you work with live — for example Digbeth and Small Heath, Birmingham.")

        people = QWidget()
        people_row = QHBoxLayout(people)
        people_row.setContentsMargins(0, 0, 0, 0)
        self.staff = QSpinBox()
        self.staff.setRange(0, 100000)
        self.staff.setAccessibleName("Paid staff")
        self.volunteers = QSpinBox()
        self.volunteers.setRange(0, 100000)
        self.volunteers.setAccessibleName("Volunteers")
        staff_label = QLabel("&Staff")
        staff_label.setBuddy(self.staff)
        volunteers_label = QLabel("&Volunteers")
        volunteers_label.setBuddy(self.volunteers)
        for widget in (staff_label, self.staff, volunteers_label, self.volunteers):
            people_row.addWidget(widget)
        people_row.addStretch()
        self._row(form, "Size", people, "People who work for you, paid and unpaid, today.", buddy=self.staff)

        self.website = QLineEdit()
        self.website.setMaxLength(300)
        self._row(form, "&Website", self.website, "Optional — for example www.example.org.uk.")
        self.incorporated = DateField()
        self._row(form, "&Incorporated on", self.incorporated,
                  "The date the organisation was incorporated (or started). No report, check or deadline is "
                  "given for a year before it.")
        self.postal_address = SavingTextEdit()
        self.postal_address.setFixedHeight(64)
        self._row(form, "&Postal address", self.postal_address,
                  "Printed on consent forms, so people know who holds their story and how to reach you.")
        self.email, self.phone = QLineEdit(), QLineEdit()
        self.email.setMaxLength(200)
        self.phone.setMaxLength(40)
        self._row(form, "&Email", self.email, "For consent forms: where people can ask about their story.")
        self._row(form, "P&hone", self.phone, "Optional — for consent forms.")
        self.retention = QSpinBox()
        self.retention.setRange(0, 50)
        self.retention.setSpecialValueText("Not set")
        self.retention.setSuffix(" years")
        self._row(form, "&Keep stories for", self.retention,
                  "How long you keep a story and its consent form after the permission ends; consent forms say so.")

        self.problems = ProblemLabel()
        outer.addWidget(self.problems)
        outer.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(body))

        for line in (self.name, self.company_number, self.website, self.email, self.phone):
            line.editingFinished.connect(self._save)
        self.area.editingFinished.connect(self._save)
        self.postal_address.editingFinished.connect(self._save)
        self.incorporated.date_edited.connect(lambda _value: self._save())
        self.legal_form.currentIndexChanged.connect(self._legal_form_changed)
        self.year_end_month.currentIndexChanged.connect(self._save)
        for spin in (self.year_end_day, self.staff, self.volunteers, self.retention):
            spin.editingFinished.connect(self._save)
        self.refresh()

    def _row(self, form: QFormLayout, label: str, field: QWidget, help_text: str, buddy: QWidget | None = None) -> None:
        caption = QLabel(label)
        caption.setBuddy(buddy or field)
        plain = label.replace("&", "")
        (buddy or field).setAccessibleName((buddy or field).accessibleName() or plain)
        (buddy or field).setAccessibleDescription(help_text)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(HelpLabel(help_text))
        form.addRow(caption, holder)

    # -- file -> widgets --------------------------------------------------------------------------
    def refresh(self) -> None:
        org = self.ctx.workspace.organisation.get()
        self._loading = True
        try:
            self.name.setText(org.name)
            self.legal_form.setCurrentIndex(self.legal_form.findData(org.legal_form.value))
            self.company_number.setText(org.company_number)
            self.year_end_day.setValue(org.year_end.day)
            self.year_end_month.setCurrentIndex(org.year_end.month - 1)
            self.area.set_text_quietly(org.area_served)
            self.staff.setValue(org.staff)
            self.volunteers.setValue(org.volunteers)
            self.website.setText(org.website)
            self.incorporated.set_date(org.incorporated_on)
            self.postal_address.set_text_quietly(org.postal_address)
            self.email.setText(org.email)
            self.phone.setText(org.phone)
            self.retention.setValue(org.retention_years)
        finally:
            self._loading = False
        # The profile as the fields show it: leaving a field unchanged saves nothing, even when
        # the fields tidied the stored text (line endings, spaces at the ends) as they showed it.
        self._shown = self._from_widgets()
        self._show_year(org.year_end)
        self.company_number.setEnabled(org.legal_form.has_company_number)
        read_only = self.ctx.workspace.read_only
        for widget in (self.name, self.company_number, self.website, self.area, self.incorporated,
                       self.postal_address, self.email, self.phone):
            widget.setReadOnly(read_only)
        for widget in (self.legal_form, self.year_end_day, self.year_end_month, self.staff, self.volunteers,
                       self.retention):
            widget.setEnabled(not read_only)

    def _show_year(self, year_end: YearEnd) -> None:
        fy = year_containing(today(), year_end)
        self.current_year.setText(f"This financial year is {fy.label} ({format_date(fy.start)} to {format_date(fy.end)}).")

    # -- widgets -> file --------------------------------------------------------------------------
    def _legal_form_changed(self) -> None:
        self.company_number.setEnabled(LegalForm(self.legal_form.currentData()).has_company_number)
        self._save()

    def _from_widgets(self) -> Organisation:
        current = self.ctx.workspace.organisation.get()
        return replace(
            current,
            name=self.name.text(),
            legal_form=LegalForm(self.legal_form.currentData()),
            company_number=self.company_number.text(),
            year_end=YearEnd(self.year_end_day.value(), self.year_end_month.currentIndex() + 1),
            area_served=self.area.toPlainText(),
            staff=self.staff.value(),
            volunteers=self.volunteers.value(),
            website=self.website.text(),
            incorporated_on=self.incorporated.date() if not self.incorporated.problem else current.incorporated_on,
            postal_address=self.postal_address.toPlainText(),
            email=self.email.text(),
            phone=self.phone.text(),
            retention_years=self.retention.value(),
        )

    def _save(self) -> None:
        if self._loading or self.ctx.workspace.read_only or self.ctx.workspace.file.is_closed:
            return
        candidate = self._from_widgets()
        if candidate == self._shown:
            return
        try:
            saved = statement_services.save_organisation(self.ctx.workspace, candidate)
            self._shown = candidate  # a refused profile is tried again when a field is left
        except ValidationError as error:
            # The typed text stays in its field so nothing is lost; it is saved once it is valid.
            # Every other field is saved now: a wrong company number must not hold back the area
            # typed after it (it would be lost when the window closes).
            self._save_valid_part(candidate)
            self.problems.show_problems(error.problems)
            self.status_changed.emit()
            return
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not saved", str(error))
            return
        self.problems.show_problems([])
        if self.company_number.text() != saved.company_number:
            self.company_number.setText(saved.company_number)
        self._show_year(saved.year_end)
        self.status_changed.emit()

    def _save_valid_part(self, candidate: Organisation) -> None:
        stored = self.ctx.workspace.organisation.get()
        part = valid_changes(stored, candidate, Organisation.problems)
        if part != stored:
            with contextlib.suppress(ValidationError):
                statement_services.save_organisation(self.ctx.workspace, part)

    def finish_editing(self) -> None:
        self.area.finish()
        self.postal_address.finish()

    def status_text(self) -> str:
        return self.journey_status(self.ctx.workspace) or ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        if workspace.file.is_closed:
            return ""
        org = workspace.organisation.get()
        missing = []
        if not org.name.strip():
            missing.append("name")
        if org.legal_form.has_company_number and not org.company_number:
            missing.append("company number")
        if not org.area_served.strip():
            missing.append("area")
        if missing:
            return "Needs " + ", ".join(missing)
        return org.legal_form.label
