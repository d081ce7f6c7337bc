"""Dates are read and written with svdesk's own English month names whatever the desktop's
language: Qt sets the C library's time locale from the desktop, and strptime("%b") then expects
Welsh or Polish names ("3 Maw 2026"), so "3 Mar 2026" was refused."""

import datetime as dt
import locale

import pytest
from PySide6.QtCore import QLocale
from svdesk.domain.dates import format_date, month_label, parse_user_date
from svdesk.domain.financial_year import YearEnd
from svdesk.domain.measures import Frequency
from svdesk.domain.periods import month_of, parse_period
from svdesk.ui.common.date_field import DateField

LOCALES = ("cy_GB.UTF-8", "pl_PL.UTF-8")


@pytest.fixture(params=LOCALES)
def desktop_language(request, qapp):
    """The time locale a Welsh or Polish desktop gives, set with a QApplication running."""
    before = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, request.param)
    except locale.Error:
        pytest.skip(f"the {request.param} locale is not installed here (.ci/run installs it)")
    qt_before = QLocale()
    QLocale.setDefault(QLocale(request.param.split(".")[0]))  # and Qt's own, as the desktop sets it
    try:
        # Proof the locale is in force: the C library and Qt now name March otherwise.
        assert dt.date(2026, 3, 3).strftime("%b") != "Mar"
        assert QLocale().monthName(3, QLocale.FormatType.ShortFormat) != "Mar"
        yield request.param
    finally:
        locale.setlocale(locale.LC_TIME, before)
        QLocale.setDefault(qt_before)


@pytest.mark.parametrize("text", ["3 Mar 2026", "3 March 2026", "03 mar 2026", "3 MARCH 2026", "3/3/2026",
                                  "2026-03-03"])
def test_a_typed_date_is_read_whatever_the_language(desktop_language, text):
    assert parse_user_date(text) == dt.date(2026, 3, 3)


@pytest.mark.parametrize("text", ["3 Maw 2026", "3 mar. 2026", "31 Feb 2026", "3 Marchy 2026"])
def test_what_is_not_an_english_date_is_still_refused(desktop_language, text):
    assert parse_user_date(text) is None


def test_dates_and_months_are_written_in_english(desktop_language):
    assert format_date(dt.date(2026, 3, 3)) == "3 Mar 2026"
    assert month_label(dt.date(2026, 9, 1)) == "Sep 2026"
    assert parse_period("March 2026", Frequency.MONTHLY, YearEnd(31, 3)) == month_of(dt.date(2026, 3, 1))


def test_the_date_box_accepts_3_mar_2026(desktop_language, qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.setText("3 Mar 2026")
    with qtbot.waitSignal(field.date_edited):
        field.editingFinished.emit()
    assert field.problem == ""
    assert field.date() == dt.date(2026, 3, 3)
    assert field.text() == "3 Mar 2026"


def test_the_agreed_on_date_box_shows_english_month_names(desktop_language, qtbot):
    from svdesk.domain.statement import Statement
    from svdesk.ui.statement.agree import AgreeDialog

    dialog = AgreeDialog(Statement(full_text="We help.", short_text="We help."), None, dt.date(2026, 3, 3))
    qtbot.addWidget(dialog)
    assert dialog.agreed_on.text() == "3 Mar 2026"
