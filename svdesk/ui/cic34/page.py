"""Step 7 — CIC34: the year's community interest report, drafted from the records, with checks,
each part copyable for the form's boxes, and the whole report as Word, PDF or text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QTabWidget, QVBoxLayout, QWidget

from svdesk.domain.cic34 import Part
from svdesk.domain.dates import format_date
from svdesk.domain.errors import SvdeskError
from svdesk.ui.cic34.checks_list import ChecksModel, ChecksView
from svdesk.ui.cic34.editors import PartEditor
from svdesk.ui.cic34.records import YearRecords
from svdesk.ui.cic34.signing import SigningBox
from svdesk.ui.cic34.wording import WordingPanel
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.drafting import Drafter, stories_read_now
from svdesk.ui.common.export_target import export_to_chosen_file, saved_sentence
from svdesk.ui.common.page_base import Page, page_header, scrolling
from svdesk.ui.common.widgets import HelpLabel
from svdesk.ui.common.year_picker import YearPicker
from svdesk.ui.common.colours import ACCENT, themed

_EXPORTS = (("docx", "&Word…", "Word documents (*.docx)"), ("pdf", "&PDF…", "PDF files (*.pdf)"),
            ("txt", "Te&xt…", "Text files (*.txt)"))


def _draft(workspace, year):
    """Run on the drafting thread (or on the spot): plain data only (see ui/common/drafting.py)."""
    from svdesk.compose.cic34 import draft_report

    return draft_report(workspace, year)


def _hand_over(report):
    """On the drafting thread: the report, needing nothing more from the thread's connection."""
    import dataclasses

    return dataclasses.replace(report, sources=stories_read_now(report.sources))


class Cic34Page(Page):
    key = "cic34"
    title = "CIC34 report"
    reads_when_made = True

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.year = None
        self.report = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(9, 9, 9, 0)
        top_layout.addWidget(page_header(
            self.title,
            "Every CIC files a community interest report (form CIC34) with its accounts. svdesk drafts each "
            "part from the year's records; read it, make it yours, then copy each part into the form or "
            "export the whole report.",
        ))
        row = QHBoxLayout()
        year_label = QLabel("Financial &year")
        self.year_box = YearPicker()
        year_label.setBuddy(self.year_box)
        row.addWidget(year_label)
        row.addWidget(self.year_box)
        self.due = QLabel()
        self.due.setAccessibleDescription("Filing deadline")
        row.addWidget(self.due, 1)
        row.addWidget(QLabel("Export:"))
        self.export_buttons = {}
        for fmt, label, _filter in _EXPORTS:
            button = QPushButton(label)
            button.setAccessibleName(f"Export the report as {fmt.upper() if fmt != 'txt' else 'text'}")
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            self.export_buttons[fmt] = button
            row.addWidget(button)
        top_layout.addLayout(row)
        self.saved_note = QLabel()
        self.saved_note.setWordWrap(True)
        self.saved_note.setAccessibleName("Last export")
        self.open_button = QPushButton("&Open it")
        note_row = QHBoxLayout()
        note_row.addWidget(self.saved_note, 1)
        note_row.addWidget(self.open_button)
        top_layout.addLayout(note_row)
        # Shown while the report is drafted (off the window's thread: seconds with years of records).
        self.drafting_note = QLabel("Drafting the report…")
        self.drafting_note.setAccessibleDescription("Drafting")
        self.drafting_note.hide()
        top_layout.addWidget(self.drafting_note)
        self.saved_note.hide()
        self.open_button.hide()
        self._last_export: Path | None = None
        self.open_button.clicked.connect(lambda: self._last_export and self.ctx.open_external(str(self._last_export)))
        layout.addWidget(top)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)

        # -- the report ---------------------------------------------------------------------------
        report = QWidget()
        report_layout = QVBoxLayout(report)
        checks_title = QLabel("<b>Checks before you file</b>")
        report_layout.addWidget(checks_title)
        self.checks_model = ChecksModel(self)
        self.checks_view = ChecksView()
        self.checks_view.setModel(self.checks_model)
        self.checks_view.setAccessibleName("Checks before you file")
        self.checks_view.setWordWrap(True)
        self.checks_view.setUniformItemSizes(False)
        self.checks_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.checks_view.setSpacing(2)
        self.checks_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.checks_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checks_view.setBatchSize(40)
        self.checks_view.activated.connect(self._go_to_check)
        report_layout.addWidget(self.checks_view)
        report_layout.addWidget(HelpLabel("Double-click a check (or press Enter on it) to go where it is fixed."))
        self.copied = QLabel()
        self.copied.setAccessibleDescription("Clipboard")
        self.copied.setStyleSheet(f"color: {themed(ACCENT)}; font-weight: bold;")
        self.copied.hide()
        report_layout.addWidget(self.copied)
        self.editors: dict[Part, PartEditor] = {}
        for part in Part:
            editor = PartEditor(ctx, part)
            editor.changed.connect(self._records_changed)
            editor.copied.connect(self._say_copied)
            self.editors[part] = editor
            report_layout.addWidget(editor)
        self.signing = SigningBox(ctx)
        self.signing.changed.connect(self._records_changed)
        report_layout.addWidget(self.signing)
        copy_all = QPushButton("Copy the &whole report as text")
        copy_all.clicked.connect(self.copy_all)
        report_layout.addWidget(copy_all, 0, Qt.AlignmentFlag.AlignLeft)
        # Shown once there is a report to show: empty parts with their buttons said nothing true.
        self._report_widgets = [self.checks_view, *self.editors.values(), self.signing, copy_all]
        for widget in self._report_widgets:
            widget.hide()
        report_layout.addStretch()
        self.report_scroll = scrolling(report)
        self.tabs.addTab(self.report_scroll, "&Report")

        # -- the records --------------------------------------------------------------------------
        records = QWidget()
        records_layout = QVBoxLayout(records)
        self.records = YearRecords(ctx)
        self.records.changed.connect(self._records_changed)
        records_layout.addWidget(self.records)
        self.tabs.addTab(scrolling(records), "&Directors, transfers, dividends")

        # -- the wording --------------------------------------------------------------------------
        wording = QWidget()
        wording_layout = QVBoxLayout(wording)
        self.wording = WordingPanel(ctx)
        self.wording.changed.connect(self._records_changed)
        wording_layout.addWidget(self.wording)
        self.tabs.addTab(scrolling(wording), "W&ording")

        self._drafter = Drafter(ctx.workspace, _draft, ctx.draft_in_background, self, hand_over=_hand_over)
        self._drafter.drafted.connect(self._drafted)
        self.year_box.chosen.connect(self._year_chosen)
        if self.reads_at_once():
            self.refresh()
        else:
            # Made in a window's idle moment: building the frame and reading the year (its
            # records and wording widgets) were one 165 ms stretch with the 50k file (issue 17).
            QTimer.singleShot(0, self, self._first_showing)

    def _first_showing(self) -> None:
        if self.year is None:  # unless already shown (refresh) meanwhile
            self.refresh()

    def show_pending(self) -> None:
        self._first_showing()

    # -- file -> widgets --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.workspace.file.is_closed:
            return
        self._show_year(self.year_box.reload(self.ctx.workspace, self.year))

    def _year_chosen(self, year) -> None:
        self.finish_editing()
        self._show_year(year)

    def select_year(self, label: str) -> None:
        self.year_box.select_year(label)

    def _show_year(self, year) -> None:
        """Asks for the year's report; the records and wording tabs (a few rows) are read now."""
        self.year = year
        self._drafter.request(year)
        if self._drafter.busy:
            self.drafting_note.show()
        workspace = self.ctx.workspace
        previous = year.previous(workspace.organisation.get().year_end)
        self.records.set_year(year, previous)
        self.wording.set_year(year)

    def wait_drafted(self, timeout: float = 120.0) -> bool:
        """Waits for the report being drafted and shows it (the export and copy buttons, tests)."""
        if not self._drafter.busy:
            return True
        from svdesk.ui.common.busy import busy_cursor

        with busy_cursor():  # the person clicked and waits for the draft
            return self._drafter.wait(timeout)

    def stop_background(self, finish: bool = True) -> None:
        self._drafter.stop()
        if finish:
            self.wait_drafted()

    def _drafted(self, outcome) -> None:
        self.drafting_note.hide()
        if outcome.error is not None:
            self.ctx.dialogs.error(self, "The report could not be drafted", str(outcome.error))
            return
        self.report = report = outcome.value
        year = report.year
        for part, editor in self.editors.items():
            present = any(item.part is part for item in report.parts)
            editor.setVisible(present)
            if present:
                editor.show_draft(year, report.part(part))
        for widget in (self.checks_view, self.signing, *self._report_widgets[-1:]):
            widget.show()
        self.checks_model.set_checks(report.checks)
        self._fit_checks()
        self.signing.show_signatory(year, report.signatory)
        self._show_deadline()
        self.status_changed.emit()

    def _fit_checks(self) -> None:
        self.checks_view.fit()
        QTimer.singleShot(0, self.checks_view.fit)  # again once the view knows its width

    def _show_deadline(self) -> None:
        report = self.report
        days = (report.deadline - report.today).days
        if report.signatory.filed_on:
            text = f"Filed {format_date(report.signatory.filed_on)}"
        elif report.today <= report.year.end:
            text = f"Year under way — due by {format_date(report.deadline)}"
        elif days < 0:
            text = f"Was due by {format_date(report.deadline)} ({-days} days ago)"
        else:
            text = f"Due by {format_date(report.deadline)} — {days} day{'s' if days != 1 else ''} left"
        self.due.setText(text)

    def _records_changed(self) -> None:
        if self.year is not None:
            self._show_year(self.year)

    # -- widgets -> file --------------------------------------------------------------------------
    # -- checks -----------------------------------------------------------------------------------
    def _go_to_check(self, index: QModelIndex) -> None:
        check = index.data(Qt.ItemDataRole.UserRole)
        if check is None or not check.target:
            return
        target = check.target
        if target.startswith("page:"):
            window = self.window()
            if hasattr(window, "show_page"):
                try:
                    window.show_page(target[5:])
                except KeyError:
                    self.ctx.dialogs.info(self, "Not available", "That step is not in this version of svdesk.")
            return
        if target in ("consultation", "directors", "transfers", "dividends"):
            self.tabs.setCurrentIndex(1)
            self.records.focus(target)
            return
        if target == "wording":
            self.tabs.setCurrentIndex(2)
            return
        self.tabs.setCurrentIndex(0)
        if target == "signatory":
            self.report_scroll.ensureWidgetVisible(self.signing)
            self.signing.focus()
            return
        for part in Part:
            if part.value == target and self.editors[part].isVisible():
                self.report_scroll.ensureWidgetVisible(self.editors[part])
                self.editors[part].focus_text()

    # -- output -----------------------------------------------------------------------------------
    def _say_copied(self, text: str) -> None:
        self.copied.setText(text)
        self.copied.show()

    def copy_all(self) -> None:
        from svdesk.render import render_text

        from svdesk.compose.cic34 import REPORT_USES
        from svdesk.compose.exposure import check_document
        from svdesk.domain.errors import SvdeskError

        self.finish_editing()
        self.wait_drafted()
        if self.report is None or self._refused_for_missing_records():
            return
        document = self.report.document()
        try:  # the clipboard is a way out of svdesk too: the same last check as an export
            check_document(self.ctx.workspace, document, REPORT_USES, "CIC34 report", self.report.today)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not copied", str(error))
            return
        QGuiApplication.clipboard().setText(render_text(document))
        self._say_copied("The whole report is on the clipboard.")

    def export(self, fmt: str) -> Path | None:
        from svdesk.services.exports import export_report

        self.finish_editing()
        self.wait_drafted()  # the report as it stands after the last change, never an older draft
        if self.report is None:
            return None
        if self._refused_for_missing_records():
            return None
        problems = [check for check in self.report.checks if check.level == "problem"]
        if problems and not self.ctx.dialogs.confirm(
            self, "Export anyway?",
            f"{len(problems)} check{'s' if len(problems) != 1 else ''} still need{'s' if len(problems) == 1 else ''} "
            f"fixing before you file:\n\n" + "\n".join(f"• {check.text}" for check in problems)
            + "\n\nExport a draft now anyway?", yes="Export anyway",
        ):
            return None
        file_filter = next(item[2] for item in _EXPORTS if item[0] == fmt)
        outcome = export_to_chosen_file(
            self.ctx, self, "Save the CIC34 report", self.report.file_stem, fmt, file_filter,
            lambda path: export_report(self.ctx.workspace, self.year, fmt, path, report=self.report))
        if outcome is None:
            return None
        self._last_export = outcome.path
        self.saved_note.setText(saved_sentence(f"the {self.year.label} report", outcome))
        self.saved_note.show()
        self.open_button.show()
        return outcome.path

    def _refused_for_missing_records(self) -> bool:
        """A part with nothing recorded blocks the export (and the whole-report copy): the person
        is taken to where the records are listed or "none this year" is ticked."""
        from svdesk.compose.cic34_checks import missing_records, missing_records_sentence

        missing = missing_records(self.report.checks)
        if not missing:
            return False
        if self.ctx.dialogs.confirm(self, "Not exported", missing_records_sentence(self.year.label, missing),
                                    yes="Show me where"):
            self.tabs.setCurrentIndex(1)
            self.records.focus(missing[0].target)
        return True

    def finish_editing(self) -> None:
        for editor in self.editors.values():
            editor.finish()
        self.wording.finish()

    def status_text(self) -> str:
        return self.journey_status(self.ctx.workspace) or ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        """About the report that is due (the latest year that has ended), drafted afresh: other
        pages change what it says (a new consultation, a withdrawn consent)."""
        if workspace.file.is_closed:
            return ""
        from svdesk.compose.cic34 import default_year, draft_report

        try:
            report = draft_report(workspace, default_year(workspace))
        except SvdeskError:
            return ""
        fixes = sum(1 for check in report.checks if check.level == "problem")
        days = (report.deadline - report.today).days
        when = f"due in {days} days" if 0 <= days <= 120 else f"due {format_date(report.deadline)}"
        if report.signatory.filed_on:
            when = f"filed {format_date(report.signatory.filed_on)}"
        elif days < 0:
            when = "overdue"
        text = f"{report.year.label} · {when}"
        return text + (f" · {fixes} to fix" if fixes else "")
