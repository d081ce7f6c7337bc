"""Step 8 — Impact summary: a one- or two-page PDF leaflet for funders, customers and the
website. Pick the year, see what goes in (statement, figures, charts, stories with consent),
choose the stories, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget,
)

from svdesk.domain.errors import SvdeskError
from svdesk.ui.common.context import PageContext
from svdesk.ui.common.drafting import Drafter, stories_read_now
from svdesk.ui.common.export_target import export_to_chosen_file, saved_sentence
from svdesk.ui.common.page_base import Page, page_header, scrolling
from svdesk.ui.common.slices import Slices
from svdesk.ui.common.colours import QUIET, WARNING, themed
from svdesk.ui.common.widgets import HelpLabel
from svdesk.ui.common.year_picker import YearPicker
from svdesk.ui.summary.story_choice import StoryChoiceModel, StoryChoiceView
from svdesk.services import cic34 as cic34_services

ACCENT = "#1f5f5b"
# Object-name selectors only, so nothing cascades into the labels by accident.
_PAPER_STYLE = (
    "QFrame#paper { background: white; border: 1px solid #c8d3d2; }"
    f"QFrame#banner {{ background: {ACCENT}; border: none; border-radius: 4px; }}"
    f"QFrame#figure {{ background: #e6efee; border: none; border-top: 3px solid {ACCENT}; }}"
    f"QFrame#quote {{ background: #e6efee; border: none; border-left: 3px solid {ACCENT}; }}"
    # Paper stays white in a dark theme, so its text keeps a dark colour of its own.
    "QLabel { background: transparent; border: none; color: #1a1a1a; }"
)
PAPER_WIDTH = 380
CHART_WIDTH = PAPER_WIDTH - 50
# The stories left out are listed by name up to this many (a year can leave out thousands:
# one label holding them all took seconds to lay out); the rest are counted.
EXCLUDED_SHOWN = 12


def chart_dpi(pixel_ratio: float) -> int:
    """The resolution that draws a chart at the size shown, one picture pixel per screen pixel.
    Drawing it larger and scaling it down held ~4 MB of pixels per chart for no visible gain:
    chart_png already smooths by drawing at twice its size."""
    return max(96, round(96 * pixel_ratio))


def _draft(workspace, request):
    """Run on the drafting thread: the summary and each chart's picture as PNG bytes, plain data
    only (see ui/common/drafting.py); the window's thread only turns the bytes into pixmaps.
    ``request`` is the year and the screen's device pixel ratio, read on the window's thread."""
    from svdesk.compose.summary import draft_summary
    from svdesk.render.chart_png import chart_png

    year, pixel_ratio = request
    summary = draft_summary(workspace, year)
    width_pt = CHART_WIDTH * 72 / 96
    dpi = chart_dpi(pixel_ratio)
    pictures = [chart_png(chart.chart, width_pt, width_pt * 0.58, dpi=dpi) for chart in summary.charts]
    return summary, (dpi / 96, pictures)


def _hand_over(drafted):
    """On the drafting thread: the summary, needing nothing more from the thread's connection."""
    import dataclasses

    summary, pictures = drafted
    return dataclasses.replace(summary, sources=stories_read_now(summary.sources)), pictures


def _label(text: str = "", style: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    if name:  # what the label is, said after its text (a name would replace the text)
        label.setAccessibleDescription(name)
    return label


def _contents(summary) -> list[str]:
    """One line per ingredient of the leaflet, so the person sees where each comes from."""
    sources = summary.sources
    lines = []
    if sources.statement_agreed:
        lines.append(f"✓ Your statement ({sources.statement_label[:1].lower() + sources.statement_label[1:]})")
    charts = len(summary.charts)
    if charts:
        lines.append(f"✓ {charts} indicator{'s' if charts != 1 else ''} with {summary.year.label} figures, "
                     "each charted against its target")
    changed = sum(1 for item in sources.consultations if item.changed.strip())
    if changed:
        lines.append(f"✓ {changed} consultation{'s' if changed != 1 else ''} and what changed as a result")
    stories = len(summary.stories)
    if stories:
        lines.append(f"✓ {stories} stor{'ies' if stories != 1 else 'y'} with a quote, told with consent")
    return lines


def _clear(layout) -> None:
    """Empties a layout now (deleteLater alone would leave the old widgets showing until the
    event loop gets round to them)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())
            item.layout().deleteLater()


class SummaryPage(Page):
    key = "summary"
    title = "Impact summary"
    reads_when_made = True

    def __init__(self, ctx: PageContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.year = None
        self.summary = None
        self._last_export: Path | None = None
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.addWidget(page_header(
            self.title,
            "A one- or two-page PDF about your year for funders, customers and your website: your statement, "
            "each indicator against its target, and a story told with consent.",
        ))
        row = QHBoxLayout()
        year_label = QLabel("Financial &year")
        self.year_box = YearPicker()
        year_label.setBuddy(self.year_box)
        row.addWidget(year_label)
        row.addWidget(self.year_box)
        self.export_button = QPushButton("&Export PDF…")
        self.export_button.setAccessibleName("Export the impact summary as PDF")
        row.addWidget(self.export_button)
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setToolTip("Publish your indicators and the promises of won contracts as a web page "
                                       "and open data (no personal information)")
        row.addWidget(self.publish_button)
        row.addStretch()
        outer.addLayout(row)
        note_row = QHBoxLayout()
        self.saved_note = _label(name="Last export")
        self.open_button = QPushButton("&Open it")
        note_row.addWidget(self.saved_note, 1)
        note_row.addWidget(self.open_button)
        outer.addLayout(note_row)
        self.saved_note.hide()
        self.open_button.hide()
        # Shown while the summary is drafted (off the window's thread: seconds with years of records).
        self.drafting_note = _label("Drafting the summary…", name="Drafting")
        self.drafting_note.hide()
        outer.addWidget(self.drafting_note)

        columns = QHBoxLayout()
        outer.addLayout(columns, 1)
        # Left: what goes in, and the choice of stories.
        left = QVBoxLayout()
        columns.addLayout(left, 2)
        left.addWidget(_label("What goes in", "font-weight: bold;"))
        self.contents = _label(name="What goes in")
        left.addWidget(self.contents)
        self.notes = _label(style=f"color: {themed(WARNING)};", name="Notes about the summary")
        left.addWidget(self.notes)
        left.addWidget(_label("Stories to feature (at most two)", "font-weight: bold; margin-top: 8px;"))
        left.addWidget(HelpLabel("Only stories from the year whose consent covers public reports AND the website "
                                 "can go in; each is told at the level of identification that consent allows."))
        self.story_model = StoryChoiceModel(self)
        self.story_view = StoryChoiceView()
        self.story_view.setModel(self.story_model)
        self.story_view.setAccessibleName("Stories to feature")
        self.story_view.hide()
        left.addWidget(self.story_view)
        self.no_stories = _label(name="No stories")
        left.addWidget(self.no_stories)
        self.auto_button = QPushButton("Let svdesk &choose")
        left.addWidget(self.auto_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.excluded = _label(style=f"color: {themed(QUIET)};", name="Stories left out")
        left.addWidget(self.excluded)
        left.addStretch()
        self._pictures: list[bytes] = []
        self._picture_ratio = 1.0  # device pixels per pixel the pictures were drawn for

        # Right: a preview of the leaflet, as paper.
        self.paper = QFrame()
        self.paper.setObjectName("paper")
        self.paper.setStyleSheet(_PAPER_STYLE)
        self.paper.setAccessibleName("Preview of the summary")
        self.paper.setFixedWidth(PAPER_WIDTH)
        self.paper.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self.paper_layout = QVBoxLayout(self.paper)
        self.paper_layout.setContentsMargins(24, 20, 24, 20)
        right = QVBoxLayout()
        right.addWidget(_label("Preview", "font-weight: bold;"))
        right.addWidget(self.paper)
        right.addWidget(HelpLabel("A sketch of what goes in; the PDF is laid out for A4."))
        right.addStretch()
        columns.addLayout(right)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(body))

        # The preview (charts drawn from pictures, the featured stories) is made in slices.
        self._slices = Slices(self)
        self._drafter = Drafter(ctx.workspace, _draft, ctx.draft_in_background, self, hand_over=_hand_over)
        self._drafter.drafted.connect(self._drafted)
        self.story_model.toggled.connect(self._story_toggled)
        self.year_box.chosen.connect(self._show_year)
        self.export_button.clicked.connect(lambda: self.export())
        self.auto_button.clicked.connect(self._let_svdesk_choose)
        self.publish_button.clicked.connect(self.open_publish)
        self.open_button.clicked.connect(lambda: self._last_export and self.ctx.open_external(str(self._last_export)))
        self.refresh()

    # -- file -> widgets --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.workspace.file.is_closed:
            return
        self._show_year(self.year_box.reload(self.ctx.workspace, self.year))

    def select_year(self, label: str) -> None:
        self.year_box.select_year(label)

    def _show_year(self, year) -> None:
        self.year = year
        self._drafter.request((year, self.devicePixelRatioF()))
        if self._drafter.busy:
            self.drafting_note.show()

    def wait_drafted(self, timeout: float = 120.0) -> bool:
        """Waits for the summary being drafted and shows all of it (export, tests)."""
        from svdesk.ui.common.busy import busy_cursor

        with busy_cursor():  # the person clicked and waits for the draft
            drafted = self._drafter.wait(timeout)
            self._slices.finish()
        return drafted

    def stop_background(self, finish: bool = True) -> None:
        self._drafter.stop()
        if finish:
            self.wait_drafted()

    def _drafted(self, outcome) -> None:
        self.drafting_note.hide()
        if outcome.error is not None:
            self.ctx.dialogs.error(self, "The summary could not be drafted", str(outcome.error))
            return
        self.summary, (self._picture_ratio, self._pictures) = outcome.value
        summary = self.summary
        self.contents.setText("\n".join(_contents(summary)))
        self.notes.setText("\n".join(note for note in summary.notes if not note.startswith("The story “")))
        self.notes.setVisible(bool(self.notes.text()))
        self._show_story_choice()
        self.status_changed.emit()

    def _show_story_choice(self) -> None:
        summary = self.summary
        # The listing (id, title as printed, level), not the rendered stories: a year can hold hundreds.
        listing = list(getattr(summary.sources.stories, "entries", summary.sources.stories))
        read_only = self.ctx.workspace.read_only
        self.story_model.set_stories(listing, [story.story_id for story in summary.stories], not read_only)
        self.story_view.fit()
        self.no_stories.setText(f"No story from {summary.year.label} may be used here yet.")
        self.no_stories.setVisible(not listing)
        self.auto_button.setVisible(summary.chosen_by_person and not read_only)
        left_out = summary.sources.excluded
        excluded = [f"Left out: “{item.title}” — {item.reason}" for item in left_out[:EXCLUDED_SHOWN]]
        if len(left_out) > EXCLUDED_SHOWN:
            more = len(left_out) - EXCLUDED_SHOWN
            excluded.append(f"…and {more:,} more stor{'ies' if more != 1 else 'y'} left out.")
        self.excluded.setText("\n".join(excluded))
        self.excluded.setVisible(bool(excluded))
        self._slices.run(self._preview_steps(), at_once=not self._drafter.in_background)

    def _story_toggled(self, story_id: str, ticked: bool) -> None:
        chosen = [item for item in self.story_model.chosen if item != story_id] + ([story_id] if ticked else [])
        if len(chosen) > 2:
            self.notes.setText("Choose at most two stories: a leaflet has room for one or two.")
            self.notes.show()
            return
        cic34_services.choose_summary_stories(self.ctx.workspace, self.year.end, chosen)
        self.story_model.set_chosen(chosen)
        self._show_year(self.year)

    def _let_svdesk_choose(self) -> None:
        cic34_services.choose_summary_stories(self.ctx.workspace, self.year.end, None)
        self._show_year(self.year)

    def _preview_steps(self) -> list:
        """The preview, as steps: the paper, then each chart and story on it."""
        summary = self.summary
        steps = [self._show_paper]
        if summary.charts:
            steps += [lambda chart=chart, png=png: self._add_chart(chart, png)
                      for chart, png in zip(summary.charts, self._pictures)]
        steps += [lambda story=story: self._add_story(story) for story in summary.stories]
        return steps

    def _show_paper(self) -> None:
        _clear(self.paper_layout)
        summary = self.summary
        org, sources = summary.organisation, summary.sources
        add = self.paper_layout.addWidget
        banner = QFrame()
        banner.setObjectName("banner")
        banner_layout = QVBoxLayout(banner)
        banner_layout.addWidget(_label(org.name, "color: white; font-size: 15pt; font-weight: bold;", "Title"))
        banner_layout.addWidget(_label(f"Our impact in {summary.year.label}", "color: white; font-size: 11pt;"))
        add(banner)
        if sources.statement_short:
            add(_label(sources.statement_short, "font-size: 10.5pt; margin-top: 6px;", "Statement"))
        else:
            add(_label("No agreed statement yet.", "color: #9a3412;"))
        if sources.results:
            grid = QGridLayout()
            grid.setSpacing(6)
            for number, result in enumerate(sources.results):
                cell = QFrame()
                cell.setObjectName("figure")
                cell_layout = QVBoxLayout(cell)
                cell_layout.setContentsMargins(8, 6, 8, 6)
                value_style = f"color: {ACCENT}; font-size: 15pt; font-weight: bold;"
                cell_layout.addWidget(_label(result.value_text, value_style))
                label = result.name + (f" — target {result.target_text}" if result.target_text else "")
                cell_layout.addWidget(_label(label, "color: #5c6b6a; font-size: 8pt;"))
                grid.addWidget(cell, number // 3, number % 3)
            self.paper_layout.addLayout(grid)

    def _add_chart(self, chart, png: bytes) -> None:
        from svdesk.document.chartdata import alt_text

        picture = QLabel()
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        pixmap.setDevicePixelRatio(self._picture_ratio)  # drawn at the size shown: no scaling
        picture.setPixmap(pixmap)
        picture.setFixedSize(pixmap.deviceIndependentSize().toSize())
        picture.setAccessibleName(alt_text(chart.chart))
        # Tab stops on it, so a screen reader reaches the chart's description.
        picture.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        picture.setToolTip(alt_text(chart.chart))
        self.paper_layout.addWidget(picture)

    def _add_story(self, story) -> None:
        add = self.paper_layout.addWidget
        add(_label(story.title, "font-weight: bold; margin-top: 6px;"))
        if story.quote.strip():
            box = QFrame()
            box.setObjectName("quote")
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(10, 6, 8, 6)
            box_layout.addWidget(_label(f"“{story.quote.strip()}” — {story.who}",
                                        f"color: {ACCENT}; font-style: italic;"))
            add(box)

    # -- output -----------------------------------------------------------------------------------
    def open_publish(self):
        from svdesk.ui.common.publish_dialog import open_publish_dialog

        return open_publish_dialog(self.ctx, self)

    def export(self) -> Path | None:
        from svdesk.services.exports import export_summary

        self.wait_drafted()  # the summary as it stands after the last change, never an older draft
        if self.summary is None:
            return None
        outcome = export_to_chosen_file(
            self.ctx, self, "Save the impact summary", self.summary.file_stem, "pdf", "PDF files (*.pdf)",
            lambda path: export_summary(self.ctx.workspace, self.year, path, summary=self.summary))
        if outcome is None:
            return None
        self._last_export = outcome.path
        self.saved_note.setText(saved_sentence(f"the {self.year.label} summary", outcome))
        self.saved_note.show()
        self.open_button.show()
        return outcome.path

    def status_text(self) -> str:
        return self.journey_status(self.ctx.workspace) or ""

    @classmethod
    def journey_status(cls, workspace) -> str | None:
        """About the latest finished year's leaflet, drafted afresh (other pages change it)."""
        if workspace.file.is_closed:
            return ""
        from svdesk.compose.cic34 import default_year
        from svdesk.compose.summary import draft_summary

        try:
            summary = draft_summary(workspace, default_year(workspace))
        except SvdeskError:
            return ""
        charts, stories = len(summary.charts), len(summary.stories)
        return (f"{summary.year.label} · {charts} chart{'s' if charts != 1 else ''} · "
                f"{stories} stor{'ies' if stories != 1 else 'y'}")
