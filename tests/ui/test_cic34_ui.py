"""The CIC34 and Impact summary pages as a new user meets them (pytest-qt, fake dialogs)."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from svdesk.domain.cic34 import Part
from svdesk.domain.consent import Use


DEMO_TODAY = dt.date(2026, 11, 22)  # the demo is written for this day


@pytest.fixture(autouse=True)
def demo_today(monkeypatch):
    from svdesk.domain import dates
    from svdesk.ui.shell.steps import STEPS

    # Every page imported first: a module that does `from svdesk.domain.dates import today` while
    # the fake is in place would keep the fake for the rest of the session.
    for step in STEPS:
        step.page_class()
    monkeypatch.setattr(dates, "today", lambda: DEMO_TODAY)


@pytest.fixture
def demo_ctx(demo_workspace, dialogs):
    from svdesk.ui.common.context import PageContext

    opened = []
    ctx = PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=opened.append)
    ctx.opened = opened
    return ctx


@pytest.fixture
def cic34_page(qtbot, demo_ctx):
    from svdesk.ui.cic34.page import Cic34Page

    page = Cic34Page(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


@pytest.fixture
def summary_page(qtbot, demo_ctx):
    from svdesk.ui.summary.page import SummaryPage

    page = SummaryPage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    return page


def checks(page):
    return [check.text for check in page.checks_model.checks]


def test_new_user_reads_fixes_copies_and_exports(cic34_page, demo_ctx, dialogs, tmp_path):
    docx = pytest.importorskip("docx")
    page = cic34_page
    assert page.year.label == "2025/26"  # the latest year that has ended is picked
    part1 = page.editors[Part.ACTIVITIES]
    assert part1.edit.toPlainText().startswith("Riverside Bike Works CIC is a community bike workshop")
    assert "Drafted from your records" in part1.state.text()
    assert "Due by 31 Dec 2026" in page.due.text()
    assert any("not dated yet" in text for text in checks(page))

    # Fix a check: go to it, then date the report.
    row = next(i for i, text in enumerate(checks(page)) if "not dated yet" in text)
    page.checks_view.activated.emit(page.checks_model.index(row))
    assert page.tabs.currentIndex() == 0
    page.signing.sign_today.click()
    assert not any("not dated yet" in text for text in checks(page))
    assert demo_ctx.workspace.cic34.signatory(dt.date(2026, 3, 31)).signed_on is not None

    # Copy Part 1 for the form's box.
    part1.copy_button.click()
    assert QGuiApplication.clipboard().text() == part1.edit.toPlainText()
    assert "Part 1 is on the clipboard" in page.copied.text()

    # Export Word and PDF, and read the Word file back.
    dialogs.answers = [str(tmp_path / "report.docx")]
    written = page.export("docx")
    assert written == tmp_path / "report.docx"
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "Part 1 – General description of the company's activities and impact" in text
    assert "Sam Okafor: £26,000" in text
    dialogs.answers = [str(tmp_path / "report")]  # no suffix: the format's is added
    assert page.export("pdf") == tmp_path / "report.pdf"
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert page.open_button.isVisible()
    page.open_button.click()
    assert demo_ctx.opened == [str(tmp_path / "report.pdf")]
    # Each story the report tells is in the use log.
    used = [story.story_id for story in page.report.stories_used()]
    assert used and all(demo_ctx.workspace.stories.uses_of(story_id) for story_id in used)
    assert not dialogs.errors()


def test_editing_a_part_is_kept_reset_asks_and_can_be_undone(cic34_page, demo_ctx, dialogs):
    page = cic34_page
    part2 = page.editors[Part.CONSULTATION]
    drafted = part2.edit.toPlainText()
    part2.edit.setPlainText(drafted + "\n\nWe also asked our neighbours.")
    part2.finish()
    assert "Your own text" in part2.state.text() and part2.reset_button.isVisible()
    assert page.report.part(Part.CONSULTATION).edited

    page.select_year("2024/25")
    assert not page.editors[Part.CONSULTATION].draft.edited  # kept per year
    page.select_year("2025/26")
    assert page.editors[Part.CONSULTATION].edit.toPlainText().endswith("We also asked our neighbours.")

    dialogs.answers = [False]  # "Reset?" -> Cancel: nothing changes
    part2.reset_button.click()
    assert page.report.part(Part.CONSULTATION).edited
    dialogs.answers = [True]
    part2.reset_button.click()
    assert part2.edit.toPlainText() == drafted
    assert part2.undo_button.isVisible()
    part2.undo_button.click()
    assert part2.edit.toPlainText().endswith("We also asked our neighbours.")


def test_records_tab_add_edit_remove_undo(cic34_page, demo_ctx, dialogs):
    page = cic34_page
    records = page.records
    end = dt.date(2026, 3, 31)
    dialogs.answers = ["Jo Kaur"]
    records.pay.add_button.click()
    model = records.pay.model
    row = model.rowCount() - 1
    assert model.records[row].director == "Jo Kaur"
    assert any("The pay of Jo Kaur is not entered" in text for text in checks(page))
    assert not model.setData(model.index(row, 1), "lots")
    assert "is not an amount in pounds" in records.pay.problems.text()
    assert model.setData(model.index(row, 1), "£1,200")
    assert "Jo Kaur: £1,200" in page.editors[Part.REMUNERATION].edit.toPlainText()

    records.pay.view.selectRow(row)
    records.pay.remove_button.click()
    assert [p.director for p in demo_ctx.workspace.cic34.pay(end)] == ["Sam Okafor", "Priya Bassi"]
    assert records.pay.undo_button.isVisibleTo(records)
    records.pay.undo_button.click()
    assert len(demo_ctx.workspace.cic34.pay(end)) == 3

    page.select_year("2024/25")
    assert records.transfers.model.rowCount() == 0 and records.transfers.empty.isVisibleTo(records)
    dialogs.answers = ["Digbeth Youth Club"]
    records.transfers.add_button.click()
    transfers = records.transfers.model
    assert transfers.setData(transfers.index(0, 1), "Two workstands")
    assert transfers.setData(transfers.index(0, 2), "350")
    assert ("Digbeth Youth Club: Two workstands (value £350)"
            in page.editors[Part.TRANSFERS].edit.toPlainText())


def test_copy_last_years_directors(cic34_page, demo_ctx, dialogs):
    page = cic34_page
    repo = demo_ctx.workspace.cic34
    for item in repo.pay(dt.date(2026, 3, 31)):
        repo.remove_pay(item.id)
    page.refresh()
    # No directors listed is not "nothing paid": no nil statement, and a problem quoting last year.
    assert "No remuneration was received." not in page.editors[Part.REMUNERATION].edit.toPlainText()
    assert any("In 2024/25 directors were paid" in text for text in checks(page))
    assert page.records.copy_button.isVisibleTo(page.records)
    page.records.copy_button.click()
    assert [p.director for p in repo.pay(dt.date(2026, 3, 31))] == ["Sam Okafor", "Priya Bassi"]
    assert any("The pay of Sam Okafor is not entered" in text for text in checks(page))


def test_wording_is_visible_marked_and_editable(cic34_page, demo_ctx):
    page = cic34_page
    rows = page.wording.rows
    assert rows["part4_nil"].badge.text().startswith("(check)")
    assert rows["part3_required"].edit.isReadOnly()
    assert "Required by the form" in rows["part3_required"].badge.text()
    page.select_year("2024/25")
    row = rows["part4_nil"]
    row.scope.setCurrentIndex(1)  # 2024/25 only
    row.edit.setPlainText("No assets were given away in 2024/25.")
    row.finish()
    assert page.editors[Part.TRANSFERS].edit.toPlainText() == "No assets were given away in 2024/25."
    assert "Your wording for 2024/25" in row.badge.text()
    page.select_year("2025/26")
    assert rows["part4_nil"].badge.text().startswith("(check)")
    rows["part2_none"].confirm_button.click()
    assert "every year" in rows["part2_none"].badge.text()


def test_status_and_read_only(qtbot, demo_copy, dialogs):
    from svdesk.store.workspace import open_workspace
    from svdesk.ui.common.context import PageContext
    from svdesk.ui.cic34.page import Cic34Page

    workspace = open_workspace(demo_copy, read_only=True)
    try:
        page = Cic34Page(PageContext(workspace=workspace, dialogs=dialogs))
        qtbot.addWidget(page)
        assert page.status_text().startswith("2025/26 · due in ")
        assert page.editors[Part.ACTIVITIES].edit.isReadOnly()
        assert not page.records.pay.add_button.isEnabled()
    finally:
        workspace.close()


def test_summary_page_preview_choice_and_export(summary_page, demo_ctx, dialogs, tmp_path):
    page = summary_page
    assert page.year.label == "2025/26"
    texts = [label.text() for label in page.paper.findChildren(type(page.notes))]
    assert "Riverside Bike Works CIC" in texts
    assert any(text.startswith("Riverside Bike Works CIC trains young people") for text in texts)
    usable = {story.story_id for story in page.summary.sources.stories}
    allowed = {s.story_id for s in demo_ctx.workspace.stories.usable_for(Use.WEBSITE_SOCIAL, dt.date.today())}
    assert usable <= allowed  # only stories with website consent can be chosen
    model = page.story_model  # one list of tick boxes (a model), not a widget per story
    ticked = [row for row in range(model.rowCount())
              if model.index(row).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked]
    assert model.rowCount() == len(usable) and len(ticked) == 2
    assert "Left out:" in page.excluded.text()

    assert model.setData(model.index(ticked[0]), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert demo_ctx.workspace.cic34.summary_story_ids(dt.date(2026, 3, 31)) is not None
    assert len(page.summary.stories) == 1 and page.auto_button.isVisible()
    page.auto_button.click()
    assert len(page.summary.stories) == 2

    dialogs.answers = [str(tmp_path / "summary.pdf")]
    written = page.export()
    assert written.read_bytes().startswith(b"%PDF")
    for story in page.summary.stories:
        uses = demo_ctx.workspace.stories.uses_of(story.story_id)
        assert {use.use for use in uses} >= {Use.PUBLIC_REPORTS, Use.WEBSITE_SOCIAL}


def test_summary_charts_are_drawn_at_the_size_shown(summary_page, demo_ctx):
    """Drawn at twice the size and scaled down, each chart held ~4 MB of pixels while drafting
    for no visible gain; now one picture pixel per screen pixel, sharp on a high-density screen."""
    from PySide6.QtGui import QImage
    from svdesk.ui.summary.page import CHART_WIDTH, _draft, chart_dpi

    page = summary_page
    page.wait_drafted()
    ratio = page.devicePixelRatioF()
    assert page._pictures and page._picture_ratio == chart_dpi(ratio) / 96
    for png in page._pictures:
        assert QImage.fromData(png).width() == round(CHART_WIDTH * page._picture_ratio)
    pictures = [label for label in page.paper.findChildren(type(page.notes)) if not label.pixmap().isNull()]
    assert len(pictures) == len(page.summary.charts)
    for label in pictures:
        assert label.width() == CHART_WIDTH  # on screen at the same size as before
        assert label.pixmap().devicePixelRatio() == page._picture_ratio

    _summary, (double, pngs) = _draft(demo_ctx.workspace, (page.year, 2.0))
    assert double == 2.0 and chart_dpi(2.0) == 192
    assert all(QImage.fromData(png).width() == CHART_WIDTH * 2 for png in pngs)


def test_pages_are_in_the_journey(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    keys = [page.key for page in window.pages]
    assert keys[-2:] == ["cic34", "summary"]
    page = window.show_page("cic34")
    # Drafted on the status worker's thread: it arrives a moment later.
    qtbot.waitUntil(lambda: bool(window.journey_model.item(keys.index("cic34")).data(Qt.ItemDataRole.UserRole + 1)),
                    timeout=20000)
    assert page.isVisible()


def test_marking_the_report_filed(cic34_page, demo_ctx):
    page = cic34_page
    page.select_year("2024/25")
    assert page.signing.filed_date.text() == "12 Dec 2025"
    assert page.due.text() == "Filed 12 Dec 2025"
    page.select_year("2025/26")
    page.signing.filed_date.setText("31/2/2026")
    page.signing.filed_date.editingFinished.emit()
    assert "is not a date" in page.signing.sign_problems.text()
    assert page.signing.filed_date.text() == "31/2/2026"  # nothing typed is lost
    page.signing.sign_today.click()
    page.signing.filed_today.click()
    assert page.due.text().startswith("Filed ")
    assert page.status_text().startswith("2025/26 · filed ")


def test_exports_say_what_the_format_could_not_hold(qtbot, demo_ctx, dialogs, tmp_path):
    from svdesk.ui.cic34.page import Cic34Page
    from svdesk.ui.summary.page import SummaryPage

    demo_ctx.workspace.organisation.update(name="Riverside Bike Works CIC 🚲")
    for page_class, args, name in ((Cic34Page, ("pdf",), "report.pdf"), (SummaryPage, (), "summary.pdf")):
        page = page_class(demo_ctx)
        qtbot.addWidget(page)
        dialogs.answers = [str(tmp_path / name)]
        assert page.export(*args) == tmp_path / name
        note = page.saved_note.text()
        assert note.startswith("Saved the 2025/26 ") and str(tmp_path / name) in note, note
        assert "cannot show 1 character (🚲)" in note, note


def test_copying_a_part_or_the_report_naming_a_withdrawn_person_is_refused(cic34_page, demo_ctx, dialogs):
    """The clipboard is a way out of svdesk too: the same last check as an export (issue 13)."""
    from PySide6.QtWidgets import QApplication

    daniel = "f004189b-dd48-57d3-83b0-d7a397d6324c"  # the demo's withdrawn story (Daniel Okoye)
    assert "withdrawn" in demo_ctx.workspace.stories.check_use(daniel, "public_reports", DEMO_TODAY).explain()
    QApplication.clipboard().setText("before")
    part1 = cic34_page.editors[Part.ACTIVITIES]
    part1.edit.setPlainText(part1.edit.toPlainText() + "\nDANIEL\nokoye came back to thank us.")
    part1.copy_button.click()
    assert QApplication.clipboard().text() == "before"
    assert "“DANIEL okoye”" in str(dialogs.errors()) and "“Getting back on track after a hard year”" in str(dialogs.errors())
    cic34_page.copy_all()
    assert QApplication.clipboard().text() == "before" and len(dialogs.errors()) == 2


def test_parts_with_nothing_recorded_block_the_export_until_recorded_or_ticked(qtbot, dialogs, tmp_path):
    # A new CIC with nothing entered for its first year: no "Export anyway?", the export is
    # refused with the parts named, "Show me where" opens the records, and ticking "none this
    # year" there lets the report out with its nil statements.
    from svdesk.domain.organisation import Organisation
    from svdesk.store.workspace import create_workspace
    from svdesk.ui.cic34.page import Cic34Page
    from svdesk.ui.common.context import PageContext

    workspace = create_workspace(tmp_path / "Growing Minds CIC.svdesk", Organisation(
        name="Growing Minds CIC", company_number="12345678", incorporated_on=dt.date(2025, 5, 1)))
    try:
        page = Cic34Page(PageContext(workspace=workspace, dialogs=dialogs))
        qtbot.addWidget(page)
        page.resize(1100, 800)
        page.show()
        assert page.year.label == "2025/26"
        dialogs.answers = [True]  # "Show me where"
        assert page.export("pdf") is None
        title, text = dialogs.messages[-1][1:]
        assert title == "Not exported" and "Export anyway" not in str(dialogs.messages)
        assert "Part 2 (consulting stakeholders)" in text and "Part 3 (directors' pay)" in text
        assert "Part 4 (transfers of assets)" in text
        assert not list(tmp_path.glob("*.pdf"))
        assert page.tabs.currentIndex() == 1
        page.finish_editing()
        QGuiApplication.clipboard().setText("before")
        page.copy_all()  # the whole report on the clipboard is a way out too
        assert QGuiApplication.clipboard().text() == "before"

        for tick in (page.records.consultation_none, page.records.pay_none, page.records.transfers_none):
            assert tick.isVisible() and tick.isEnabled()
            tick.setChecked(True)
        assert not [check for check in page.report.checks if check.blocks]
        dialogs.messages.clear()
        dialogs.answers = [True, str(tmp_path / "report.docx")]  # the remaining checks: export a draft
        written = page.export("docx")
        assert written == tmp_path / "report.docx"
        docx = pytest.importorskip("docx")
        printed = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
        assert "No remuneration was received." in printed
    finally:
        workspace.close()
