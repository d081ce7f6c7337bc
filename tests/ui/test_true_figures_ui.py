"""Figures that are true, as a person meets them in the window: the new-file questions ask the
organisation's own start, the CIC34 records take a dated "none this year", and an indicator's
details say how it counts and take a score's scale."""

import datetime as dt
from decimal import Decimal

import pytest

from svdesk.domain.cic34 import Part
from svdesk.domain.measures import Counting, Unit
from svdesk.store.workspace import open_workspace

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    from svdesk.domain import dates

    monkeypatch.setattr(dates, "today", lambda: TODAY)


def test_a_new_file_asks_when_the_organisation_was_incorporated(qtbot, controller, dialogs, tmp_path):
    welcome = controller.show_welcome()
    qtbot.addWidget(welcome)
    path = tmp_path / "Growing Minds.svdesk"
    dialogs.answers = ["Growing Minds CIC", str(path), "the spring", "12/05/2026"]
    welcome.new_button.click()
    assert not dialogs.errors()
    asked = [label for kind, _title, label in dialogs.messages if kind == "ask_text"]
    assert "incorporated" in asked[1] and "is not a date" in asked[2]
    window = controller.windows[-1]
    page = window.show_page("organisation")
    assert page.incorporated.date() == dt.date(2026, 5, 12)
    window.close()
    ws = open_workspace(path)
    try:
        assert ws.organisation.get().incorporated_on == dt.date(2026, 5, 12)
    finally:
        ws.close()


def test_none_this_year_is_a_dated_tick_and_only_then_the_nil_statement(qtbot, demo_workspace, dialogs):
    from svdesk.ui.common.context import PageContext
    from svdesk.ui.cic34.page import Cic34Page

    page = Cic34Page(PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=lambda _x: None))
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.select_year("2026/27")
    records = page.records
    assert records.transfers_none.isVisibleTo(records) and not records.transfers_none.isChecked()
    assert "No transfer" not in page.editors[Part.TRANSFERS].edit.toPlainText()
    records.transfers_none.setChecked(True)
    assert demo_workspace.cic34_none.confirmed(dt.date(2027, 3, 31)) == {"transfers": TODAY}
    assert "(confirmed 22 Nov 2026)" in records.transfers_none.text()
    assert ("No transfer of assets other than for full consideration has been made."
            in page.editors[Part.TRANSFERS].edit.toPlainText())


def test_indicator_details_say_how_it_counts_and_take_a_scale(qtbot, page_ctx):
    from svdesk.domain.measures import Indicator
    from svdesk.ui.measures.indicator_form import IndicatorForm

    workspace = page_ctx.workspace
    indicator = workspace.indicators.add(Indicator(name="People attending", unit=Unit.PEOPLE))
    form = IndicatorForm(page_ctx)
    qtbot.addWidget(form)
    form.set_indicator(indicator)
    assert form.counting.currentData() == Counting.TAKING_PART.value
    assert "never added up" in form.unit_help.text()
    form.counting.setCurrentIndex(form.counting.findData(Counting.NEW_PEOPLE.value))
    assert workspace.indicators.get(indicator.id).how_counted is Counting.NEW_PEOPLE
    form.unit.setCurrentIndex(form.unit.findData(Unit.SCORE.value))
    form.scale_preset.setCurrentIndex(1)
    form.scale_preset.activated.emit(1)
    saved = workspace.indicators.get(indicator.id)
    assert (saved.unit, saved.scale.name, saved.scale.low, saved.scale.high) == (
        Unit.SCORE, "SWEMWBS", Decimal(7), Decimal(35))
    form.baseline_value.setText("19.5")
    form.baseline_date.set_date(dt.date(2026, 4, 30))
    form.save()
    assert workspace.indicators.get(indicator.id).baseline_value == Decimal("19.5")
