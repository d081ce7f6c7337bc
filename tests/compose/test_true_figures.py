"""Figures that are true: the same records give the same figure on every page and in every
export, built from a new file as a new organisation would build it (not the demo)."""

import datetime as dt
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk.compose.cic34_parts import result_line
from svdesk.compose.cic34_sources import indicator_results
from svdesk.compose.summary import _figure
from svdesk.compose.tender_material import result_text
from svdesk.domain.financial_year import year_containing
from svdesk.domain.measures import COUNTINGS_FOR, Counting, Frequency, Indicator, Unit
from svdesk.domain.organisation import Organisation
from svdesk.domain.periods import periods_between
from svdesk.store.indicator_library import library
from tests.memory_files import memory_workspace

D = dt.date
TODAY = D(2026, 12, 3)


def _gardening():
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    attending = ws.indicators.add(Indicator(name="People attending the garden", unit=Unit.PEOPLE,
                                            target_value=Decimal(144), target_date=D(2027, 3, 31),
                                            how_collected="We count heads at each session."))
    ws.indicators.record(attending.id, D(2026, 4, 1), D(2026, 4, 30), "10")
    ws.indicators.record(attending.id, D(2026, 5, 1), D(2026, 5, 31), "12")
    return ws, attending


def test_a_monthly_headcount_is_never_a_yearly_sum_anywhere():
    ws, attending = _gardening()
    try:
        year = year_containing(D(2026, 5, 1), ws.organisation.get().year_end)
        progress = ws.indicators.progress(attending.id, TODAY)
        [result], _missing, _count = indicator_results(ws, year)
        answer = result_text(ws, attending)
        texts = [progress.headline, progress.short, result_line(result), answer.sentence,
                 _figure(result).value + " " + _figure(result).label]
        for text in texts:
            assert "22" not in text, text
        assert "between 10 and 12 people each month" in result_line(result)
        assert "(so far, Apr–May 2026)" in result_line(result) and "(so far, Apr–May 2026)" in answer.sentence
        assert progress.status != "behind"
    finally:
        ws.close()


def test_a_swemwbs_baseline_is_accepted_and_printed_with_its_scale():
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        wellbeing = ws.indicators.add(Indicator(
            name="Wellbeing of participants", unit=Unit.SCORE, scale_name="SWEMWBS", scale_low=Decimal(7),
            scale_high=Decimal(35), baseline_value=Decimal("19.5"), baseline_date=D(2026, 4, 30),
            frequency=Frequency.QUARTERLY))
        ws.indicators.record(wellbeing.id, D(2026, 4, 1), D(2026, 6, 30), "21.5")
        answer = result_text(ws, wellbeing)
        assert "21.5 on the 7–35 SWEMWBS scale" in answer.sentence
    finally:
        ws.close()


def test_library_guidance_is_never_printed_as_a_source():
    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        suggestion = next(s for kind in library() for s in kind.suggestions if s.how_collected.strip())
        indicator = ws.indicators.add(suggestion.to_indicator())
        ws.indicators.record(indicator.id, D(2025, 4, 1), D(2026, 3, 31), "5")
        guidance = suggestion.how_collected.split(".")[0]
        assert guidance not in result_text(ws, indicator).sentence
        own = ws.indicators.save(ws.indicators.get(indicator.id).__class__(
            **{**ws.indicators.get(indicator.id).__dict__, "how_collected": "Our sign-in sheets."}))
        assert "Source: Our sign-in sheets." in result_text(ws, own).sentence
    finally:
        ws.close()


_RULES = [(unit, counting) for unit in (Unit.COUNT, Unit.PEOPLE, Unit.SCORE, Unit.PERCENTAGE, Unit.MONEY)
          for counting in COUNTINGS_FOR[unit]]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=st.sampled_from(_RULES), values=st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=14),
       first_month=st.integers(min_value=0, max_value=11))
def test_year_figures_agree_across_pages_answers_cic34_and_summary(rule, values, first_month):
    unit, counting = rule
    ws = memory_workspace(Organisation(name="Property CIC"))
    try:
        indicator = ws.indicators.add(Indicator(name="Measured thing", unit=unit, counting=counting,
                                                target_value=Decimal(9), target_date=D(2030, 3, 31)))
        months = periods_between(Frequency.MONTHLY, D(2025, 4, 1), D(2028, 1, 1), ws.organisation.get().year_end)
        months = months[first_month:first_month + len(values)]
        for period, value in zip(months, values):
            ws.indicators.record(indicator.id, period.start, period.end, str(value))
        figures = ws.indicators.year_totals(indicator.id)
        latest = figures[-1]
        [result], _, _ = indicator_results(ws, latest.year)
        assert result.value_text == latest.text and result.period_text == latest.period_text
        figure = _figure(result)
        assert figure.value == (latest.headline or latest.text)
        assert latest.qualifier == "" or latest.qualifier in figure.label
        answer = result_text(ws, indicator).sentence
        shown = next(f for f in reversed(figures) if f.year.label in answer)
        assert f"{shown.text} {shown.period_text}" in answer
        progress = ws.indicators.progress(indicator.id, TODAY)
        if counting is not Counting.LEVEL and counting is not Counting.PERCENTAGE:
            assert progress.current == latest.value
        if counting is Counting.TAKING_PART:
            # Never a sum across months: no yearly reading was recorded, so no single figure.
            assert latest.value is None and ("people" in latest.text or "1 person" in latest.text)
            in_year = [v for p, v in zip(months, values) if latest.year.contains(p.end)]
            # Every number stated is one that was counted in a month; with two or more months a sum
            # would be larger than any of them.
            assert all(int(n) <= max(in_year) for n in re.findall(r"\d+", latest.text.split(" in ")[0]))
    finally:
        ws.close()


# -- the organisation's own dates --------------------------------------------------------------------
def test_a_cic_set_up_this_year_gets_nothing_for_the_years_before_it():
    import pytest

    from svdesk.compose.cic34 import default_year, draft_report, report_years
    from svdesk.compose.summary import draft_summary
    from svdesk.domain.errors import SvdeskError
    from svdesk.domain.financial_year import FinancialYear
    from svdesk.domain.organisation import LegalForm

    ws = memory_workspace(Organisation(name="Growing Minds CIC", legal_form=LegalForm.CIC_SHARES,
                                       incorporated_on=D(2026, 5, 12)))
    try:
        this_year = FinancialYear(D(2026, 4, 1), D(2027, 3, 31))
        assert report_years(ws, TODAY) == [this_year]
        assert default_year(ws, TODAY) == this_year
        for draft in (lambda y: draft_report(ws, y, TODAY), lambda y: draft_summary(ws, y, TODAY)):
            with pytest.raises(SvdeskError, match="incorporated on 12 May 2026"):
                draft(FinancialYear(D(2025, 4, 1), D(2026, 3, 31)))
        report = draft_report(ws, this_year, TODAY)
        texts = " ".join(check.text for check in report.checks)
        assert "2025/26" not in texts and "word for word" not in texts
        dividends = report.text_of(report.parts[-1].part)
        assert "2026/27: not recorded" in dividends and "2025/26" not in dividends
    finally:
        ws.close()


def test_reports_open_on_the_latest_ended_year_with_data():
    from svdesk.compose.cic34 import default_year
    from svdesk.domain.financial_year import FinancialYear

    ws, attending = _gardening()  # readings only in 2026/27, which is under way
    try:
        ws.organisation.update(incorporated_on=D(2024, 1, 10))
        assert default_year(ws, TODAY) == FinancialYear(D(2025, 4, 1), D(2026, 3, 31))  # latest ended
        ws.indicators.record(attending.id, D(2024, 4, 1), D(2025, 3, 31), "30")
        assert default_year(ws, TODAY) == FinancialYear(D(2024, 4, 1), D(2025, 3, 31))  # latest with data
    finally:
        ws.close()


def test_the_leaflet_says_how_its_figures_were_counted_and_who_else_helped():
    from svdesk.document.model import plain_text
    from svdesk.compose.summary import draft_summary
    from svdesk.domain.financial_year import FinancialYear

    ws = memory_workspace(Organisation(name="Growing Minds CIC"))
    try:
        rate = ws.indicators.add(Indicator(name="Gardeners feeling less isolated", unit=Unit.PERCENTAGE,
                                           frequency=Frequency.YEARLY, contribution="GPs refer people to us."))
        sessions = ws.indicators.add(Indicator(name="Garden sessions run", unit=Unit.COUNT))
        ws.indicators.record(rate.id, D(2025, 4, 1), D(2026, 3, 31), "64")
        ws.indicators.record(sessions.id, D(2025, 4, 1), D(2025, 4, 30), "8")
        text = plain_text(draft_summary(ws, FinancialYear(D(2025, 4, 1), D(2026, 3, 31)), TODAY).document())
        assert "Figures are counts" not in text
        assert "the latest level or percentage" in text and "totals of what was counted" in text
        assert "Others helped too. Gardeners feeling less isolated: GPs refer people to us." in text
        assert "Garden sessions run (so far, Apr 2025)" not in text  # the year has ended: not "so far"
        assert "(1 of 12 months recorded)" in text
    finally:
        ws.close()


def test_a_delivery_report_never_sets_a_monthly_headcount_against_a_promise():
    from svdesk.compose.delivery import tracked_promises

    ws, attending = _gardening()
    try:
        from svdesk.domain.tenders import TenderStatus

        tender = ws.tenders.create(title="Green prescribing", buyer="NHS Birmingham",
                                   contract_start=D(2026, 4, 1), contract_months=24)
        ws.tenders.add_commitment(tender.id, promise="People attending the garden", unit="people",
                                  per_year=40.0, indicator_id=attending.id)
        ws.tenders.submit(tender.id, "We will welcome 40 people a year.", D(2026, 3, 1), TenderStatus.WON)
        [promise] = tracked_promises(ws, tender.id, TODAY)
        assert promise.rule.startswith("people taking part")
        assert promise.progress.delivered is None  # neither 22 (a sum) nor 12 (one month's headcount)
    finally:
        ws.close()


_NILS = {"consultation": "did not consult", "pay": "No remuneration was received.",
         "transfers": "No transfer of assets", "dividends": "No dividends were declared or paid."}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(confirmed=st.sets(st.sampled_from(sorted(_NILS))), paid=st.sampled_from([None, 0, 150_000]),
       transfer=st.booleans(), dividend=st.booleans())
def test_no_nil_sentence_without_its_confirmation_record(confirmed, paid, transfer, dividend):
    from svdesk.compose.cic34 import draft_report
    from svdesk.document.model import plain_text
    from svdesk.domain.financial_year import FinancialYear
    from svdesk.domain.organisation import LegalForm

    ws = memory_workspace(Organisation(name="Property CIC", legal_form=LegalForm.CIC_SHARES))
    try:
        year = FinancialYear(D(2025, 4, 1), D(2026, 3, 31))
        if paid is not None:
            ws.cic34.add_pay(year.end, "Sam Okafor", paid)
        if transfer:
            ws.cic34.add_transfer(year.end, "Food bank", "bikes", 10_000)
        if dividend:
            ws.cic34.add_dividend(year.end, 5_000)
        for what in confirmed:
            ws.cic34_none.confirm(year.end, what, D(2026, 5, 1))
        text = plain_text(draft_report(ws, year, TODAY).document())
        backed = set(confirmed)
        if paid == 0:
            backed.add("pay")  # every director listed at £0 is itself a record of no pay
        for what, sentence in _NILS.items():
            if sentence in text:
                assert what in backed, what
    finally:
        ws.close()
