"""The window from the keyboard alone, and on a small screen (issue 20)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabWidget

from tests.ui.test_accessibility import page_states


def test_arrow_keys_in_the_steps_list_change_the_page(qtbot, demo_window):
    window = demo_window
    window.journey.setFocus()
    QApplication.processEvents()
    assert window.current_page().key == "organisation"
    QTest.keyClick(window.journey, Qt.Key.Key_Down)
    assert window.current_page().key == "statement"
    QTest.keyClick(window.journey, Qt.Key.Key_End)
    assert window.current_page().key == "summary"


def test_ctrl_number_jumps_to_a_page_and_f6_moves_between_steps_and_page(qtbot, demo_window):
    window = demo_window
    window.activateWindow()
    window.journey.setFocus()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().key == "stories"
    window.journey.setFocus()
    QTest.keyClick(window.journey, Qt.Key.Key_F6)
    focused = QApplication.focusWidget()
    assert focused is not window.journey and window.current_page().isAncestorOf(focused)
    QTest.keyClick(focused, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.journey


def test_tables_leave_with_tab_and_move_between_cells_with_arrows(qtbot, demo_window):
    window = demo_window  # shown and started
    page = window.show_page("stories")
    table = page.table
    assert not table.tabKeyNavigation()
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 1))
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


@pytest.mark.slow  # every page, tab and story row; the fast suite checks the first window on a small screen
def test_no_page_or_tab_needs_more_than_1024_by_640(qtbot, controller, demo_copy):
    """Every page and tab fits 1024x640, and the free height of a 1366x768 laptop at 125 %
    (614 logical pixels, less about 40 for the desktop's panel)."""
    window = controller.open_path(demo_copy)
    window.show()
    window.finish_starting()
    too_big = []
    for page in window.pages:
        window.show_page(page.key)
        table = getattr(page, "table", None)
        rows = table.model().rowCount() if table is not None and page.key in ("stories", "listening") else 0
        for row in range(rows):  # every record: an editor follows its widest row
            table.selectRow(row)
            QApplication.processEvents()
            need = window.minimumSizeHint().expandedTo(window.minimumSize())
            if need.width() > 1024 or need.height() > 574:
                too_big.append(f"{page.key} row {row}: {need.width()}x{need.height()}")
        for where in page_states(window, page):
            need = window.minimumSizeHint().expandedTo(window.minimumSize())
            if need.width() > 1024 or need.height() > 574:
                too_big.append(f"{where}: {need.width()}x{need.height()}")
    assert too_big == [], "\n".join(too_big)


def test_the_first_window_fits_the_free_area_of_a_small_screen(qtbot, controller, demo_copy, monkeypatch):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from svdesk.ui.shell import controller as controller_module

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1093, 574))  # 1366x768 at 125 %
    window = controller.open_path(demo_copy)
    assert controller_module.first_size(window) == (1077, 534)
    assert window.width() <= 1093 and window.height() <= 574


def test_dates_keep_their_digits_at_150_percent_text(qtbot, controller, demo_copy, qapp):
    """Large text (150 %): a date in a table is never cut ("0 Sep 2026" for "30 Sep 2026")."""
    import re

    from PySide6.QtWidgets import QTableView

    before = qapp.font()
    bigger = qapp.font()
    bigger.setPointSizeF(before.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    try:
        window = controller.open_path(demo_copy)
        window.resize(1280, 800)
        window.show()
        window.finish_starting()
        date = re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}")
        cut = []
        for page in window.pages:
            window.show_page(page.key)
            for where in page_states(window, page):
                for table in page.findChildren(QTableView):
                    if not table.isVisible():
                        continue
                    model, metrics = table.model(), table.fontMetrics()
                    for row in range(min(model.rowCount(), 20)):
                        for column in range(model.columnCount()):
                            text = str(model.index(row, column).data() or "")
                            if date.match(text) and not table.isColumnHidden(column):
                                need = metrics.horizontalAdvance(date.match(text).group(0)) + 6
                                if table.columnWidth(column) < need:
                                    cut.append(f"{where}: '{text}' in {table.columnWidth(column)} px, needs {need}")
        assert cut == [], "\n".join(sorted(set(cut)))
    finally:
        qapp.setFont(before)


def test_tab_reaches_each_chart_of_the_summary_with_its_description(qtbot, demo_window):
    from PySide6.QtWidgets import QLabel

    window = demo_window  # shown and started
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.show_page("summary")
    charts = [label for label in page.findChildren(QLabel) if label.pixmap() is not None and not label.pixmap().isNull()
              and label.isVisible()]
    assert charts
    window.journey.setFocus()
    reached = set()
    for _ in range(200):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    for chart in charts:
        assert chart in reached
        assert chart.accessibleName().startswith(("Bar chart", "Line chart", "Chart")), chart.accessibleName()
