"""The What we measure page as a new user uses it (pytest-qt, fake dialogs)."""

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from svdesk.domain.measures import WHY_TWO_OR_THREE


@pytest.fixture
def page(qtbot, page_ctx):
    from svdesk.ui.measures.page import MeasuresPage

    widget = MeasuresPage(page_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.refresh()
    return widget


def suggestion(key):
    from svdesk.store.indicator_library import suggestion as find

    found = find(key)
    assert found is not None, key
    return found


def test_new_user_picks_two_enters_a_year_attaches_a_photo_and_sees_progress(page, page_ctx, dialogs, tmp_path):
    from svdesk.ui.measures.readings_model import EVIDENCE, VALUE

    workspace = page_ctx.workspace
    assert page.status_text() == "No indicators yet"
    assert page.right.currentIndex() == 0  # the empty state with its two buttons
    assert any(WHY_TWO_OR_THREE in label.text() for label in page.findChildren(QLabel))  # the page says why

    page.open_library()
    assert page.right.currentWidget() is page.library_panel
    assert page.library_panel.select("environment-reuse/items-back-in-use")
    page.library_panel.add_button.click()
    page.add_suggestion(suggestion("employment-training/course-completions"))
    assert [i.name for i in workspace.indicators.active()] == [
        "Items repaired or refurbished and back in use", "People completing a training course"]
    bikes = workspace.indicators.find("Items repaired or refurbished and back in use")
    assert workspace.tags.tags_for("indicators", bikes.id)  # the suggestion's outcomes came along
    assert page.status_text() == "2 indicators"

    # Details: give it a baseline and a target (saved as each field is left)
    page.list.setCurrentIndex(page.list_model.index(page.list_model.row_of(bikes.id)))
    form = page.form
    page.tabs.setCurrentIndex(2)
    form.baseline_value.setText("120")
    form.baseline_date.setText("31/03/2025")
    form.baseline_date.editingFinished.emit()
    form.target_value.setText("240")
    form.target_date.setText("31 Mar 2027")
    form.target_date.editingFinished.emit()
    saved = workspace.indicators.get(bikes.id)
    assert (saved.baseline_value, saved.target_value) == (120, 240)
    assert saved.target_date.isoformat() == "2027-03-31"

    # Readings: a year of months typed into the grid
    page.tabs.setCurrentIndex(1)
    grid = page.readings_panel
    model = grid.model
    assert model.rowCount() == 12
    for row in range(12):
        assert model.setData(model.index(row, VALUE), str(10 + row))
    assert len(workspace.indicators.readings(bikes.id)) == 12

    # A wrong value is refused with a reason and the typed text stays on screen
    assert model.setData(model.index(3, VALUE), "lots")
    assert model.data(model.index(3, VALUE)) == "lots"
    assert "not a number" in grid.message.text() and grid.message.isVisible()
    assert workspace.indicators.readings(bikes.id)[3].value == 13

    # Evidence: a photo attached to the latest month, stored inside the file, openable
    photo = tmp_path / "rack.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n a small photo")
    grid.table.setCurrentIndex(model.index(11, VALUE))
    assert grid.evidence.add_button.isEnabled()
    dialogs.answers.append([str(photo)])
    grid.evidence.add_button.click()
    reading = workspace.indicators.readings(bikes.id)[11]
    assert [a.filename for a in workspace.indicators.evidence(reading.id)] == ["rack.png"]
    assert model.data(model.index(11, EVIDENCE)) == "1 file"
    grid.evidence.open_selected()
    assert Path(page_ctx.opened[-1]).read_bytes() == photo.read_bytes()

    # Deleting a reading is recoverable
    grid.table.setCurrentIndex(model.index(0, VALUE))
    grid.delete_button.click()
    assert len(workspace.indicators.readings(bikes.id)) == 11 and grid.undo_bar.isVisibleTo(grid)
    grid.undo_button.click()
    assert len(workspace.indicators.readings(bikes.id)) == 12

    # Progress: the plain summary and the chart
    page.tabs.setCurrentIndex(0)
    progress = workspace.indicators.progress(bikes.id)
    assert page.progress_panel.headline.text() == progress.headline
    assert " of 240 a year (" in progress.headline and progress.status in ("on_track", "behind", "met")
    assert page.progress_panel.chart.has_chart
    assert page.progress_panel.years_model.rowCount() >= 1
    assert dialogs.errors() == []


def test_the_two_or_three_rule(page, page_ctx, dialogs):
    keys = ["environment-reuse/items-back-in-use", "employment-training/course-completions",
            "employment-training/into-work-6-months", "health-wellbeing/wellbeing-score",
            "community-place/volunteers-active", "arts-culture/artists-paid"]
    for key in keys[:3]:
        assert page.add_suggestion(suggestion(key)) is not None
    assert not [m for m in dialogs.messages if m[0] == "confirm"]

    dialogs.answers.append(False)  # the fourth: asked, and the person thinks again
    assert page.add_suggestion(suggestion(keys[3])) is None
    title, text = dialogs.messages[-1][1:]
    assert "fourth" in title and WHY_TWO_OR_THREE in text
    assert page_ctx.workspace.indicators.active_count() == 3

    dialogs.answers += [True, True]  # fourth and fifth, confirmed
    assert page.add_suggestion(suggestion(keys[3])) is not None
    assert page.add_suggestion(suggestion(keys[4])) is not None
    assert "fifth" in dialogs.messages[-1][1]
    assert page.add_suggestion(suggestion(keys[5])) is None  # the sixth is refused
    assert "Archive one first" in dialogs.errors()[-1][2]
    assert "two or three is usually best" in page.count_label.text()

    # Archive one: it keeps its history, is hidden, and can be restored
    page.list.setCurrentIndex(page.list_model.index(0))
    archived_id = page.current_id
    page.archive_button.click()
    assert page_ctx.workspace.indicators.active_count() == 4
    assert page.list_model.row_of(archived_id) == -1
    page.undo_button.click()
    assert page_ctx.workspace.indicators.active_count() == 5


def test_write_your_own_and_the_money_value_stays_off(page, page_ctx, dialogs):
    dialogs.answers.append("Families using the food club")
    added = page.write_own()
    assert added.name == "Families using the food club" and page.tabs.currentIndex() == 2
    assert page_ctx.workspace.indicators.valuation(added.id) is None
    page.tabs.setCurrentIndex(3)
    panel = page.valuation_panel
    assert not panel.enabled.isChecked() and not panel.result_box.isVisibleTo(panel)
    panel.enabled.setChecked(True)  # turned on but incomplete: stored off, told what is missing
    assert "source" in panel.problems.text()
    assert not page_ctx.workspace.indicators.valuation(added.id).enabled
    panel.proxy_value.setText("40")
    panel.source.setText("Our own food costs, 2026")
    panel.source.editingFinished.emit()
    assert page_ctx.workspace.indicators.valuation(added.id).enabled


def test_import_preview_writes_nothing_until_confirmed(page, page_ctx, dialogs, tmp_path):
    added = page.add_suggestion(suggestion("environment-reuse/items-back-in-use"))
    page.tabs.setCurrentIndex(1)
    grid = page.readings_panel
    bad = tmp_path / "bad.csv"
    bad.write_text("Period,Value\nApr 2025,3\nMay 2025,many\n", encoding="utf-8")
    dialogs.answers.append(str(bad))
    grid.import_button.click()
    assert grid.stack.currentWidget() is grid.preview
    assert not grid.preview.import_button.isEnabled()
    assert "Row 3" in " ".join(grid.preview.plan.problems)
    grid.preview.cancel_button.click()
    assert page_ctx.workspace.indicators.readings(added.id) == []
    good = tmp_path / "good.csv"
    good.write_text("Period,Value\nApr 2025,3\nMay 2025,4\n", encoding="utf-8")
    grid.start_import(good)
    assert grid.preview.import_button.isEnabled() and grid.preview.import_button.text() == "Import 2 readings"
    grid.preview.import_button.click()
    assert [r.value for r in page_ctx.workspace.indicators.readings(added.id)] == [3, 4]
    out = tmp_path / "export.csv"
    dialogs.answers.append(str(out))
    grid.export_button.click()
    assert "Apr 2025" in out.read_text("utf-8-sig")


def test_demo_page_opens_on_the_first_indicator(qtbot, demo_workspace, dialogs):
    from svdesk.ui.common.context import PageContext
    from svdesk.ui.measures.page import MeasuresPage

    page = MeasuresPage(PageContext(workspace=demo_workspace, dialogs=dialogs))
    qtbot.addWidget(page)
    page.refresh()
    assert page.list_model.rowCount() == 3
    assert page.status_text().startswith("3 indicators")
    assert "on track" in page.progress_panel.headline.text()


def test_no_chart_library_is_loaded_the_chart_is_painted(demo_window):
    """The chart is painted from svdesk.render.chartlayout: QtCharts (PySide6-Addons) is never loaded.

    Asked of this process (no child started for it): by now every part of svdesk the earlier
    tests ran is loaded too, so any of them bringing QtCharts in fails here as well."""
    from PySide6.QtWidgets import QApplication

    from svdesk.ui.common.charts import ProgressChart

    window = demo_window  # made, with every page
    before = "PySide6.QtCharts" in sys.modules
    window.show_page("measures")
    QApplication.processEvents()
    shown = [c for c in window.findChildren(ProgressChart) if c.has_chart]
    assert [before, "PySide6.QtCharts" in sys.modules, bool(shown)] == [False, False, True]


def test_unsaved_typing_survives_switching_indicators(page, page_ctx):
    from svdesk.ui.measures.readings_model import NOTE, VALUE

    first = page.add_suggestion(suggestion("environment-reuse/items-back-in-use"))
    second = page.add_suggestion(suggestion("employment-training/course-completions"))
    page.list.setCurrentIndex(page.list_model.index(page.list_model.row_of(first.id)))
    page.tabs.setCurrentIndex(1)
    model = page.readings_panel.model
    model.setData(model.index(0, VALUE), "12.5")  # not a whole number: kept, not saved
    model.setData(model.index(1, NOTE), "note typed before the value")
    page.list.setCurrentIndex(page.list_model.index(page.list_model.row_of(second.id)))
    page.list.setCurrentIndex(page.list_model.index(page.list_model.row_of(first.id)))
    assert model.data(model.index(0, VALUE)) == "12.5" and "whole number" in model.rows[0].problem
    assert model.data(model.index(1, NOTE)) == "note typed before the value"
    model.setData(model.index(1, VALUE), "4")  # the waiting note is saved with the value
    reading = page_ctx.workspace.indicators.readings(first.id)[0]
    assert (reading.value, reading.note) == (4, "note typed before the value")


def test_read_only_file_shows_everything_and_changes_nothing(qtbot, demo_copy, dialogs):
    from svdesk.store.workspace import open_workspace
    from svdesk.ui.common.context import PageContext
    from svdesk.ui.measures.page import MeasuresPage
    from svdesk.ui.measures.readings_model import VALUE

    workspace = open_workspace(demo_copy, read_only=True)
    try:
        page = MeasuresPage(PageContext(workspace=workspace, dialogs=dialogs))
        qtbot.addWidget(page)
        page.refresh()
        assert page.list_model.rowCount() == 3
        assert not page.library_button.isEnabled() and not page.archive_button.isEnabled()
        page.tabs.setCurrentIndex(1)
        model = page.readings_panel.model
        assert not model.setData(model.index(0, VALUE), "99")
        assert not page.readings_panel.import_button.isEnabled()
        assert page.write_own() is None
    finally:
        workspace.close()


def test_typing_a_value_and_pressing_enter_moves_to_the_next_period(page, page_ctx, qtbot):
    from PySide6.QtCore import Qt

    from svdesk.ui.measures.readings_model import VALUE

    added = page.add_suggestion(suggestion("environment-reuse/items-back-in-use"))
    page.tabs.setCurrentIndex(1)
    grid = page.readings_panel
    grid.table.setCurrentIndex(grid.model.index(0, VALUE))
    grid.table.setFocus()
    for text in ("7", "9"):
        qtbot.keyClicks(grid.table, text)  # typing starts editing the selected cell
        editor = next(child for child in grid.table.viewport().findChildren(QLineEdit) if child.isVisible())
        assert editor.text() == text
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.wait(10)  # lets the closed editor go
    assert [r.value for r in page_ctx.workspace.indicators.readings(added.id)] == [7, 9]
    assert grid.table.currentIndex().row() == 2


def test_a_reading_for_custom_dates(page, page_ctx):
    added = page.add_suggestion(suggestion("community-place/people-involved"))
    page.tabs.setCurrentIndex(1)
    grid = page.readings_panel
    grid.custom_button.click()
    grid.custom_from.setText("3/3/2025")
    grid.custom_to.setText("9 Mar 2025")
    grid.custom_value.setText("2.5")
    grid.custom_add.click()
    assert "whole number" in grid.message.text() and page_ctx.workspace.indicators.readings(added.id) == []
    grid.custom_value.setText("25")
    grid.custom_add.click()
    reading = page_ctx.workspace.indicators.readings(added.id)[0]
    assert (reading.start.isoformat(), reading.end.isoformat(), reading.value) == ("2025-03-03", "2025-03-09", 25)
    labels = [grid.model.label(row) for row in grid.model.rows]
    assert "3 – 9 Mar 2025" in labels and "Mar 2025" not in labels  # the custom week replaces the month row
