"""Every page and tab of the demo, as a keyboard or screen-reader user meets it, in a light and a
dark desktop theme (see access_audit.py for what is counted and how)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QTabWidget

from tests.ui.access_audit import Findings, check_contrast, check_names, check_tab_order


def dark_palette() -> QPalette:
    """A dark desktop theme as Qt receives one from the platform (placeholder text left to Qt)."""
    palette = QPalette(QColor("#2b2b2b"))  # Qt derives the other roles from the button colour
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                         (QPalette.ColorRole.Base, "#1f1f1f"), (QPalette.ColorRole.AlternateBase, "#262626"),
                         (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#e8e8e8"), (QPalette.ColorRole.Highlight, "#3d7ac7"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#353535"),
                         (QPalette.ColorRole.ToolTipText, "#e8e8e8"), (QPalette.ColorRole.Link, "#8ab4f8")):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(232, 232, 232, 128))
    return palette


def page_states(window, page):
    """Yields a description for each view of the page: each tab of its tab widgets in turn."""
    tabs = [tab for tab in page.findChildren(QTabWidget) if tab.isVisible()]
    for index in range(max((tab.count() for tab in tabs), default=1)):
        for tab in tabs:
            tab.setCurrentIndex(min(index, tab.count() - 1))
        QApplication.processEvents()
        names = "/".join(tab.tabText(tab.currentIndex()).replace("&", "") for tab in tabs)
        yield f"{page.key}" + (f" [{names}]" if names else "")


def audit(window, tab_order: bool = True) -> Findings:
    findings = Findings()
    window.resize(1280, 800)
    window.show()
    window.finish_starting()
    for page in window.pages:
        window.show_page(page.key)
        QApplication.processEvents()
        for where in page_states(window, page):
            check_names(page, where, findings)
            check_contrast(page, where, findings)
            if tab_order:
                check_tab_order(window, page, window.journey, where, findings)
    window.show_getting_started()
    QApplication.processEvents()
    check_names(window.getting_started, "getting started", findings)
    check_contrast(window.getting_started, "getting started", findings)
    if tab_order:
        check_tab_order(window, window.getting_started, window.journey, "getting started", findings)
    return findings


@pytest.fixture
def dark_theme(qapp):
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(before)


def test_every_page_and_tab_is_named_reachable_and_readable(qtbot, controller, demo_copy):
    findings = audit(controller.open_path(demo_copy))
    details = "\n".join(findings.unnamed + findings.unreachable + findings.unnamed_stops + findings.low_contrast
                        + findings.hidden_text + findings.repeated)
    assert findings.problems() == 0, findings.summary() + "\n" + details


@pytest.mark.slow  # every page and tab again; the fast suite audits the light theme and the colours on dark
def test_text_is_readable_in_a_dark_theme(qtbot, controller, demo_copy, dark_theme):
    findings = audit(controller.open_path(demo_copy), tab_order=False)
    assert findings.low_contrast == [], f"{len(findings.low_contrast)} below 4.5:1\n" + "\n".join(findings.low_contrast)


def test_every_meaning_colour_reads_on_light_and_dark_backgrounds():
    from svdesk.ui.common import colours

    for background in ("#ffffff", "#efefef", "#2b2b2b", "#1f1f1f", "#444444"):
        for colour in (colours.PROBLEM, colours.WARNING, colours.GOOD, colours.ACCENT, colours.QUIET):
            made = colours.readable(colour, QColor(background))
            assert colours.contrast(made, QColor(background)) >= 4.5, (colour, background, made.name())


def test_a_readable_colour_is_worked_out_once_and_handed_out_as_a_copy():
    """Help and problem labels ask for the same colours thousands of times while pages are built:
    the answer is kept, and each caller gets a colour of its own to change."""
    from svdesk.ui.common import colours

    colours._readable.cache_clear()
    light = [QColor("#ffffff"), QColor("#efefef")]
    first = colours.readable(colours.QUIET, light)
    first.setRed(255)  # a caller changing its colour changes nobody else's
    again = colours.readable(colours.QUIET, light)
    assert again.name() != first.name() and colours.contrast(again, QColor("#efefef")) >= 4.5
    assert colours._readable.cache_info().hits == 1 and colours._readable.cache_info().misses == 1
    translucent = QColor(232, 232, 232, 128)  # Qt's placeholder text: flattened over the background
    assert colours.readable(translucent, QColor("#2b2b2b")).name() == colours.readable(translucent, [QColor("#2b2b2b")]).name()
    assert colours.readable(translucent, QColor("#2b2b2b")).name() != colours.readable(QColor(232, 232, 232), QColor("#2b2b2b")).name()


def test_a_refused_value_is_said_on_its_field_and_announced(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from svdesk.ui.common.widgets import ProblemLabel

    window = QWidget()
    layout = QVBoxLayout(window)
    field, problems = QLineEdit(), ProblemLabel()
    layout.addWidget(field)
    layout.addWidget(problems)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    field.setFocus()
    QApplication.processEvents()
    problems.show_problems(["The date is not a real date."])
    assert field.accessibleDescription() == "The date is not a real date."
    problems.show_problems([])
    assert field.accessibleDescription() == "" and problems.isHidden()
