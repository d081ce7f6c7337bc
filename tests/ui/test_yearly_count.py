"""People taking part, counted each month: the offer of a yearly count of different people is a
button that records it, beside the monthly headcounts, and the year's figure then comes from it."""

import datetime as dt
from decimal import Decimal

import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.measures import Counting, Indicator, Unit

TODAY = dt.date(2026, 5, 20)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    from svdesk.domain import dates

    monkeypatch.setattr(dates, "today", lambda: TODAY)


def _attending(workspace):
    attending = workspace.indicators.add(Indicator(
        name="People attending the garden", unit=Unit.PEOPLE, target_value=Decimal(40),
        target_date=dt.date(2026, 3, 31)))
    assert attending.how_counted is Counting.TAKING_PART
    for month, value in ((4, "10"), (5, "12"), (6, "11")):
        start = dt.date(2025, month, 1)
        workspace.indicators.record(attending.id, start, dt.date(2025, month + 1, 1) - dt.timedelta(days=1), value)
    return attending


def test_the_yearly_count_offer_is_a_button_that_records_it(qtbot, page_ctx, dialogs):
    from svdesk.ui.measures.page import MeasuresPage

    attending = _attending(page_ctx.workspace)
    page = MeasuresPage(page_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.refresh()
    panel = page.progress_panel
    assert "record a yearly count" in panel.headline.text()
    button = panel.yearly_button
    assert button.isVisible() and button.isEnabled() and "2025/26" in button.text()

    dialogs.answers = ["eleventy"]  # not a number: said plainly, nothing written
    button.click()
    assert dialogs.errors() and len(page_ctx.workspace.indicators.readings(attending.id)) == 3
    dialogs.answers = ["31"]
    button.click()
    asked = [label for kind, _title, label in dialogs.messages if kind == "ask_text"]
    assert "different people took part in 2025/26" in asked[-1]
    readings = page_ctx.workspace.indicators.readings(attending.id)
    assert len(readings) == 4  # the monthly headcounts are kept beside it
    assert any((r.start, r.end, r.value) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31), 31) for r in readings)
    assert "31 different people" in panel.headline.text() and not button.isVisible()
    assert "31 of 40" in page.list_model.items[0][1]  # the list's status follows at once
    # The readings grid still offers the months beside the yearly count.
    page.tabs.setCurrentIndex(1)
    model = page.readings_panel.model
    periods = [(row.period.start, row.period.end) for row in model.rows]
    assert (dt.date(2025, 4, 1), dt.date(2026, 3, 31)) in periods
    assert (dt.date(2025, 7, 1), dt.date(2025, 7, 31)) in periods


def test_a_year_under_way_is_offered_once_it_has_ended(qtbot, page_ctx):
    from svdesk.ui.measures.page import MeasuresPage

    attending = _attending(page_ctx.workspace)
    page_ctx.workspace.indicators.record(attending.id, dt.date(2026, 4, 1), dt.date(2026, 4, 30), "9")
    page = MeasuresPage(page_ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    button = page.progress_panel.yearly_button
    assert button.isVisible() and not button.isEnabled() and "once 2026/27 has ended" in button.text()


def test_only_people_taking_part_may_have_a_yearly_count_beside_the_months(workspace):
    attending = _attending(workspace)
    workspace.indicators.record(attending.id, dt.date(2025, 4, 1), dt.date(2026, 3, 31), "31")
    # Months can still be added beside the yearly count, and it is still one per year.
    workspace.indicators.record(attending.id, dt.date(2025, 7, 1), dt.date(2025, 7, 31), "13")
    with pytest.raises(ValidationError, match="overlaps"):
        workspace.indicators.record(attending.id, dt.date(2025, 4, 15), dt.date(2025, 5, 14), "5")
    sessions = workspace.indicators.add(Indicator(name="Sessions run", unit=Unit.COUNT))
    workspace.indicators.record(sessions.id, dt.date(2025, 4, 1), dt.date(2025, 4, 30), "8")
    with pytest.raises(ValidationError, match="overlaps"):  # added up: a day is never counted twice
        workspace.indicators.record(sessions.id, dt.date(2025, 4, 1), dt.date(2026, 3, 31), "90")
