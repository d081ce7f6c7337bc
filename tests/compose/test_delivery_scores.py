"""A won contract's delivery report with a score (a wellbeing scale): each contract year's readings
are averaged and printed with the scale, never the latest reading alone; built from a new file."""

import datetime as dt
from decimal import Decimal

from svdesk.compose.delivery import delivery_document, tracked_promises
from svdesk.document.model import plain_text
from svdesk.domain.measures import Direction, Frequency, Indicator, Unit
from svdesk.domain.organisation import Organisation
from svdesk.domain.promises import Figure, track
from svdesk.domain.tenders import Commitment, TenderStatus
from svdesk.store.workspace import memory_workspace

D = dt.date
TODAY = D(2026, 12, 3)


def _contract(direction=Direction.HIGHER, per_year=24.0):
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    wellbeing = ws.indicators.add(Indicator(
        name="Wellbeing of gardeners", unit=Unit.SCORE, scale_name="SWEMWBS", scale_low=Decimal(7),
        scale_high=Decimal(35), frequency=Frequency.QUARTERLY, direction=direction))
    for start, end, value in ((D(2026, 4, 1), D(2026, 6, 30), "19.5"), (D(2026, 7, 1), D(2026, 9, 30), "21.4"),
                              (D(2026, 10, 1), D(2026, 12, 31), "23.4")):
        ws.indicators.record(wellbeing.id, start, end, value)
    tender = ws.tenders.create(title="Green prescribing", buyer="NHS Birmingham", contract_start=D(2026, 4, 1),
                               contract_months=24)
    ws.tenders.add_commitment(tender.id, promise="Gardeners' wellbeing rises", unit="points",
                              per_year=per_year, indicator_id=wellbeing.id)
    ws.tenders.submit(tender.id, "Wellbeing will average 24 on SWEMWBS.", D(2026, 3, 1), TenderStatus.WON)
    return ws, tender


def test_a_score_is_the_average_of_the_contract_years_readings_with_its_scale():
    ws, tender = _contract()
    try:
        [promise] = tracked_promises(ws, tender.id, D(2027, 1, 10))
        progress = promise.progress
        assert progress.delivered == 21.4  # (19.5 + 21.4 + 23.4) / 3, not the latest 23.4
        assert progress.years[0].delivered == 21.4 and progress.status == "behind"
        text = plain_text(delivery_document(ws, tender.id, D(2027, 1, 10)))
        assert "21.4 on the 7–35 SWEMWBS scale, the average of 3 readings in Year 1" in text
        assert "how it counts: the average of each contract year's readings" in text
        assert "23.4 on the 7–35 SWEMWBS scale," not in text
        assert "points" not in text.split("What we promised")[0]  # the scale, not the promise's word
    finally:
        ws.close()


def test_a_lower_is_better_score_meets_its_promise_by_staying_under_it():
    ws, tender = _contract(Direction.LOWER, per_year=22.0)
    try:
        [promise] = tracked_promises(ws, tender.id, D(2027, 1, 10))
        assert promise.progress.delivered == 21.4 and promise.progress.status == "met"
    finally:
        ws.close()


def test_each_contract_year_is_averaged_on_its_own():
    commitment = Commitment(promise="Wellbeing", per_year=20.0)
    figures = [Figure(D(2026, 4, 1), D(2026, 6, 30), 10.0), Figure(D(2026, 7, 1), D(2026, 9, 30), 12.0),
               Figure(D(2027, 4, 1), D(2027, 6, 30), 30.0)]
    progress = track(commitment, D(2026, 4, 1), 24, figures, D(2027, 7, 5), summable=False, averaged=True)
    assert [year.delivered for year in progress.years] == [11.0, 30.0]
    assert progress.delivered == 30.0 and progress.averaged_year == "Year 2" and progress.averaged_over == 1
    assert progress.years[0].status == "missed" and progress.status == "met"
