"""An indicator's details ask what one of the things counted is, and the window's chart names it."""

import datetime as dt

from svdesk.domain.measures import Indicator, Unit


def test_what_one_is_is_asked_saved_and_named_on_the_chart(qtbot, page_ctx):
    from svdesk.ui.measures.page import MeasuresPage

    repo = page_ctx.workspace.indicators
    meals = repo.add(Indicator(name="Meals served", unit=Unit.COUNT))
    repo.record(meals.id, dt.date(2025, 4, 1), dt.date(2025, 4, 30), "120")
    repo.add(Indicator(name="Grant income", unit=Unit.MONEY))
    page = MeasuresPage(page_ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    page.tabs.setCurrentIndex(2)  # Details
    form = page.form
    assert form.unit_words.isVisible() and form.unit_words.accessibleName()
    form.unit_words.setText("hot meals")
    form.unit_words.editingFinished.emit()
    assert repo.get(meals.id).unit_words == "hot meals"
    page.tabs.setCurrentIndex(0)  # Progress
    assert page.progress_panel.chart.canvas.chart.unit == "hot meals a month"
    money = next(item for item in repo.all() if item.unit is Unit.MONEY)
    form.set_indicator(money)
    assert not form.unit_words.isVisible()  # £ names itself
