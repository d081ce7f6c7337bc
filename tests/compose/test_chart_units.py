"""Every chart names what it counts in the person's words ("sessions", "kg of food"), never
"number" for something they named — in the window, the leaflet's PDF and Word (one layout)."""

import datetime as dt
from decimal import Decimal

from svdesk.compose.progress_chart import progress_chart
from svdesk.compose.summary import indicator_charts
from svdesk.domain.counting import unit_name
from svdesk.domain.financial_year import FinancialYear, YearEnd
from svdesk.domain.measures import Counting, Frequency, Indicator, Reading, Unit
from svdesk.domain.organisation import Organisation
from svdesk.domain.progress import chart_spec
from svdesk.render.chartlayout import Text, layout_chart
from svdesk.store.workspace import memory_workspace

D = dt.date
MARCH = YearEnd(31, 3)
YEAR = FinancialYear(D(2025, 4, 1), D(2026, 3, 31))


def _measure(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * 0.56


def _texts(chart) -> str:
    return " ".join(item.text for item in layout_chart(chart, 320, 220, _measure).items if isinstance(item, Text))


def test_a_count_is_labelled_with_what_is_counted_on_every_chart():
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        sessions = ws.indicators.add(Indicator(name="Garden sessions run", unit=Unit.COUNT,
                                               unit_words="  garden   sessions ", target_value=Decimal(96),
                                               target_date=D(2026, 3, 31)))
        assert ws.indicators.get(sessions.id).unit_words == "garden sessions"  # kept, tidied
        ws.indicators.record(sessions.id, YEAR.start, D(2025, 4, 30), "8")
        ws.indicators.record(sessions.id, D(2025, 5, 1), D(2025, 5, 31), "9")
        indicator = ws.indicators.get(sessions.id)
        window = progress_chart(chart_spec(indicator, ws.indicators.readings(sessions.id), MARCH))
        assert window.unit == "garden sessions a month"
        [leaflet] = indicator_charts(ws, YEAR)
        assert leaflet.chart.unit == "garden sessions"
        for chart in (window, leaflet.chart):
            text = _texts(chart)
            assert "garden sessions" in text and "number" not in text
    finally:
        ws.close()


def test_units_follow_what_people_counted_and_how():
    def name(**values) -> str:
        return unit_name(Indicator(name="x", **values))

    assert name(unit=Unit.COUNT, unit_words="kg of food") == "kg of food"
    assert name(unit=Unit.PEOPLE, counting=Counting.LEVEL) == "people at the time"
    assert name(unit=Unit.PEOPLE, counting=Counting.LEVEL, unit_words="volunteers") == "volunteers at the time"
    assert name(unit=Unit.PEOPLE, counting=Counting.NEW_PEOPLE, unit_words="gardeners") == "new gardeners"
    assert name(unit=Unit.PEOPLE, unit_words="gardeners") == "gardeners taking part in a month"
    assert name(unit=Unit.HOURS) == "hours" and name(unit=Unit.HOURS, unit_words="volunteer hours") == "volunteer hours"
    assert name(unit=Unit.MONEY, unit_words="ignored") == "£" and name(unit=Unit.PERCENTAGE) == "%"
    assert name(unit=Unit.COUNT) == "number"  # only when nobody has said what is counted


def test_the_persons_capitals_stay_on_the_window_chart():
    indicator = Indicator(name="Referrals", unit=Unit.COUNT, unit_words="NHS referrals", frequency=Frequency.YEARLY)
    spec = chart_spec(indicator, [Reading("i", YEAR.start, YEAR.end, Decimal(40))], MARCH)
    assert progress_chart(spec).unit == "NHS referrals a year"


def test_what_is_counted_survives_a_dump_and_load(tmp_path):
    from svdesk.store.dump import dump_file, load_file, validate
    from svdesk.store.workspace import open_workspace

    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        ws.indicators.add(Indicator(name="Food rescued", unit=Unit.COUNT, unit_words="kg of food"))
        data = dump_file(ws.file)
    finally:
        ws.close()
    [item] = data["measures"]["indicators"]
    assert item["unit_words"] == "kg of food" and validate(data) == []
    target = tmp_path / "copy.svdesk"
    load_file(data, target)
    copy = open_workspace(target)
    try:
        assert copy.indicators.all()[0].unit_words == "kg of food"
    finally:
        copy.close()


def test_no_library_suggestion_is_charted_as_a_bare_number():
    from svdesk.store.indicator_library import library

    suggestions = [item for kind in library() for item in kind.suggestions]
    assert suggestions
    for item in suggestions:
        assert unit_name(item.to_indicator()) != "number", item.key
    kg = next(item for item in suggestions if item.key.endswith("/waste-diverted"))
    assert kg.to_indicator().unit_words == "kg"


def test_an_ended_year_with_months_missing_is_not_labelled_so_far():
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        sessions = ws.indicators.add(Indicator(name="Garden sessions run", unit=Unit.COUNT, unit_words="sessions"))
        ws.indicators.record(sessions.id, YEAR.start, D(2025, 4, 30), "8")
        [chart] = indicator_charts(ws, YEAR)  # 2025/26 has ended (it is later than March 2026 now)
        [(label, _value)] = chart.chart.series[0].points
        assert label == "2025/26 (part)" and "1 of 12 months recorded" in chart.chart.caption
    finally:
        ws.close()
