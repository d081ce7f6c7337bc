"""The CIC34 report: each part with and without records, nil statements, the consent gate, checks."""

import datetime as dt
from decimal import Decimal

import pytest

from svdesk.compose.cic34 import default_year, draft_report, report_years

from svdesk.services.exports import export_report
from svdesk.document.model import BulletList, Paragraph
from svdesk.compose.parttext import text_to_blocks
from svdesk.domain.cic34 import Office, Part, Signatory
from svdesk.domain.consent import Consent, IdLevel, Method, Use
from svdesk.domain.errors import SvdeskError
from svdesk.domain.financial_year import FinancialYear
from svdesk.domain.organisation import LegalForm

YEAR = FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
LAST_YEAR = FinancialYear(dt.date(2024, 4, 1), dt.date(2025, 3, 31))
TODAY = dt.date(2026, 11, 22)
END = YEAR.end

FULL = ("We run a community bike workshop in Digbeth. We train young people aged 16 to 24 as bike "
        "mechanics, refurbish donated bikes and run free repair sessions for local residents.")
SHORT = "We train young people in Birmingham as bike mechanics."


def agree_statement(workspace, full: str = FULL, short: str = SHORT) -> None:
    from svdesk.domain.statement import Agreement

    workspace.statements.save_text(full_text=full, short_text=short)
    workspace.statements.agree(Agreement(dt.date(2026, 3, 3), "Board meeting"), today=TODAY)


def add_indicator(workspace, name="Young people trained", who="young people aged 16 to 24", target=40,
                  values=((LAST_YEAR, 30), (YEAR, 46))):
    from svdesk.domain.measures import Frequency, Indicator, Unit

    indicator = workspace.indicators.add(Indicator(
        name=name, outcome="Skills for work", unit=Unit.PEOPLE, frequency=Frequency.YEARLY,
        baseline_value=Decimal(28), baseline_date=dt.date(2024, 3, 31), target_value=Decimal(target),
        target_date=dt.date(2027, 3, 31), who_benefits=who,
    ))
    for year, value in values:
        workspace.indicators.record(indicator.id, year.start, year.end, value)
    return indicator


def add_story(workspace, title, *, uses=(Use.PUBLIC_REPORTS,), level=IdLevel.FIRST_NAME, when=dt.date(2025, 9, 1),
              quote="I fixed my first bike on my own.", after="She now volunteers every Saturday.",
              name="Siân Pritchard", ready=True, withdrawn_on=None):
    story = workspace.stories.new(title, when)
    workspace.stories.update(story.id, person_name=name, level=level, after=after, quote=quote,
                             what_we_did="We trained her over twelve weeks.")
    workspace.stories.save_consent(story.id, Consent(
        given=bool(uses), given_on=dt.date(2025, 9, 2), method=Method.SIGNED_FORM, given_by=name,
        told="How we use stories", uses=frozenset(uses), level=level, withdrawn_on=withdrawn_on,
    ))
    if ready:
        workspace.stories.set_status(story.id, "ready")
    return workspace.stories.get(story.id)


def add_consultation(workspace, when=dt.date(2025, 6, 12), changed="We opened on Saturdays."):
    from svdesk.domain.consultations import Method as How
    from svdesk.domain.consultations import Stakeholder

    item = workspace.consultations.add(when, "Trainee survey")
    return workspace.consultations.save(item.__class__(
        **{**item.__dict__, "who": (Stakeholder.SERVICE_USERS,), "how": How.SURVEY, "people": 23,
           "heard": "Trainees wanted weekend sessions.", "changed": changed}))


# -- the tests ---------------------------------------------------------------------------------------
REQUIRED = ("There were no other transactions or arrangements in connection with the remuneration of "
            "directors, or compensation for director's loss of office, which require to be disclosed.")


def keys(report):
    return [check.key for check in report.checks]


def check_text(report, key):
    return " ".join(check.text for check in report.checks if check.key == key)


@pytest.fixture
def full(workspace):
    """An organisation with a year of everything."""
    workspace.organisation.update(company_number="14872203")
    agree_statement(workspace)
    add_indicator(workspace)
    add_consultation(workspace)
    add_story(workspace, "Siân opens the Saturday drop-in")
    workspace.cic34.add_pay(END, "Sam Okafor", 2_600_000)
    workspace.cic34.add_pay(END, "Priya Bassi", 0)
    workspace.cic34.save_signatory(Signatory(END, "Priya Bassi", Office.DIRECTOR, dt.date(2026, 11, 20)))
    workspace.cic34_none.confirm(END, "transfers", dt.date(2026, 11, 20))  # every part recorded: exportable
    return workspace


# -- Part 1 ----------------------------------------------------------------------------------------
def test_part1_with_records(full):
    text = draft_report(full, YEAR, TODAY).text_of(Part.ACTIVITIES)
    assert text.startswith(FULL)
    assert ("Young people trained: 46 in 2025/26, against a target of 40 a year — target met. "
            "Baseline: 28 (2023/24).") in text
    assert "Who benefited: young people aged 16 to 24." in text
    assert "Siân opens the Saturday drop-in (1 Sep 2025)" in text
    assert "“I fixed my first bike on my own.” — Siân" in text
    assert "Pritchard" not in text  # first-name consent: the surname never appears


def test_part1_without_records(workspace):
    report = draft_report(workspace, YEAR, TODAY)
    assert report.text_of(Part.ACTIVITIES) == ""
    assert "part1_empty" in keys(report)
    assert "statement" in keys(report)


def test_part1_lists_activities_but_no_one_who_benefited(workspace):
    agree_statement(workspace, full="We repair bikes and sell refurbished bikes at low cost in a workshop in Digbeth, "
                    "open five days a week, with spare parts and tools for hire.", short="We repair bikes.")
    report = draft_report(workspace, YEAR, TODAY)
    assert "no_beneficiaries" in keys(report)
    assert "not who benefited" in check_text(report, "no_beneficiaries")
    workspace.cic34.save_part_text(END, Part.ACTIVITIES, report.text_of(Part.ACTIVITIES)
                                   + "\n\n46 young people from Small Heath trained with us.",
                                   report.part(Part.ACTIVITIES).drafted)
    assert "no_beneficiaries" not in keys(draft_report(workspace, YEAR, TODAY))


def test_indicator_without_readings_in_the_year_is_left_out_and_said(full):
    add_indicator(full, name="Bikes repaired", who="local residents", values=((LAST_YEAR, 200),))
    report = draft_report(full, YEAR, TODAY)
    assert "Bikes repaired" not in report.text_of(Part.ACTIVITIES)
    assert "“Bikes repaired” has no readings for 2025/26" in check_text(report, "indicator_missing")


# -- the consent gate --------------------------------------------------------------------------------
def test_a_story_without_public_report_consent_is_never_printed(full, tmp_path):
    add_story(full, "Rhodri passes his Level 1", uses=(Use.TENDERS_FUNDERS,), name="Rhodri Evans",
              quote="Rhodri's private words.", after="Rhodri got a job.")
    add_story(full, "Withdrawn story", withdrawn_on=dt.date(2026, 1, 5), name="Zoë Adams", quote="Zoë's words here.")
    add_story(full, "Draft story", ready=False, name="Tomasz Nowak", quote="Tomasz's words.")
    report = draft_report(full, YEAR, TODAY)
    for fmt in ("txt", "docx", "pdf"):
        export_report(full, YEAR, fmt, tmp_path / f"r.{fmt}", TODAY)
    printed = (tmp_path / "r.txt").read_text("utf-8")
    for secret in ("Rhodri", "Zoë", "Tomasz", "Withdrawn story", "Draft story"):
        assert secret not in printed
        assert secret not in report.text_of(Part.ACTIVITIES)
    excluded = check_text(report, "story_excluded")
    assert "“Rhodri passes his Level 1” was left out: consent does not cover CIC34 and public reports" in excluded
    assert "“Withdrawn story” was left out" in excluded and "withdrawn" in excluded
    assert "“Draft story” was left out" in excluded


def test_story_outside_the_year_is_not_used(full):
    add_story(full, "An older story", when=dt.date(2024, 6, 1), name="Old Person")
    assert "An older story" not in draft_report(full, YEAR, TODAY).text_of(Part.ACTIVITIES)


def test_anonymous_consent_tells_the_story_without_the_name(full):
    add_story(full, "A trainee finds work", level=IdLevel.ANONYMOUS, name="Kacper Wiśniewski",
              quote="Kacper is proud.", after="Kacper found a job in a bike shop.")
    text = draft_report(full, YEAR, TODAY).text_of(Part.ACTIVITIES)
    assert "A trainee finds work" in text
    assert "Kacper" not in text and "Wiśniewski" not in text


def test_exporting_records_each_story_used(full, tmp_path):
    story = full.stories.usable_for(Use.PUBLIC_REPORTS, TODAY)[0]
    export_report(full, YEAR, "txt", tmp_path / "r.txt", TODAY)
    uses = full.stories.uses_of(story.story_id)
    assert [(use.use, use.used_on) for use in uses] == [(Use.PUBLIC_REPORTS, TODAY)]
    assert "CIC34 report 2025/26" in uses[0].document


def test_edited_text_that_still_tells_a_withdrawn_story_blocks_the_export(full, tmp_path):
    report = draft_report(full, YEAR, TODAY)
    part = report.part(Part.ACTIVITIES)
    full.cic34.save_part_text(END, Part.ACTIVITIES, part.text + "\nOur own addition.", part.drafted)
    story = full.stories.usable_for(Use.PUBLIC_REPORTS, TODAY)[0]
    full.stories.withdraw(story.story_id, dt.date(2026, 11, 1))
    report = draft_report(full, YEAR, TODAY)
    assert "story_in_edit" in keys(report)
    with pytest.raises(SvdeskError, match="consent was withdrawn .* may not be used in public reports now"):
        export_report(full, YEAR, "txt", tmp_path / "r.txt", TODAY)
    assert not (tmp_path / "r.txt").exists()


# -- Part 2 ----------------------------------------------------------------------------------------
def test_part2_with_records(full):
    text = draft_report(full, YEAR, TODAY).text_of(Part.CONSULTATION)
    assert text.startswith("During 2025/26 we consulted service users.")
    assert ("12 Jun 2025 – Trainee survey: we consulted service users through a survey (23 people took part). "
            "What we heard: Trainees wanted weekend sessions. "
            "What changed as a result: We opened on Saturdays.") in text


def test_part2_says_there_was_no_consultation_only_when_confirmed(full):
    report = draft_report(full, LAST_YEAR, TODAY)
    assert report.text_of(Part.CONSULTATION) == ""
    assert [c.level for c in report.checks if c.key == "part2_unknown"] == ["problem"]
    full.cic34_none.confirm(LAST_YEAR.end, "consultation", TODAY)
    report = draft_report(full, LAST_YEAR, TODAY)
    assert report.text_of(Part.CONSULTATION) == "The company did not consult its stakeholders during the year."
    assert "Part 2 is empty" in check_text(report, "part2_none")


def test_consultation_without_what_changed_is_flagged(workspace):
    add_consultation(workspace, changed="")
    assert "does not say what changed" in check_text(draft_report(workspace, YEAR, TODAY), "part2_changed")


# -- Part 3 ----------------------------------------------------------------------------------------
def test_part3_with_records_and_the_required_sentence(full):
    text = draft_report(full, YEAR, TODAY).text_of(Part.REMUNERATION)
    assert text == f"• Sam Okafor: £26,000\n• Priya Bassi: no remuneration\n\n{REQUIRED}"


def test_part3_nil_statement_only_when_confirmed_or_every_director_is_at_nil(workspace):
    # Nothing entered is not "nothing paid": no nil statement, and a problem quoting last year.
    workspace.cic34.add_pay(LAST_YEAR.end, "Sam Okafor", 2_600_000)
    report = draft_report(workspace, YEAR, TODAY)
    assert "No remuneration" not in report.text_of(Part.REMUNERATION)
    check = [c for c in report.checks if c.key == "no_directors"]
    assert check[0].level == "problem" and "In 2024/25 directors were paid £26,000 in total." in check[0].text
    workspace.cic34_none.confirm(END, "pay", dt.date(2026, 5, 1))
    report = draft_report(workspace, YEAR, TODAY)
    assert report.text_of(Part.REMUNERATION) == f"No remuneration was received.\n\n{REQUIRED}"
    assert not [c for c in report.checks if c.key == "no_directors"]
    workspace.cic34_none.withdraw(END, "pay")
    workspace.cic34.add_pay(END, "Priya Bassi", 0)
    assert draft_report(workspace, YEAR, TODAY).text_of(Part.REMUNERATION).startswith("No remuneration was received.")


def test_part3_pointer_to_the_accounts_and_missing_amounts(workspace):
    workspace.cic34.add_pay(END, "Sam Okafor", None, "note 7 to the accounts")
    workspace.cic34.add_pay(END, "Ann Lee")
    report = draft_report(workspace, YEAR, TODAY)
    assert "• Sam Okafor: see note 7 to the accounts" in report.text_of(Part.REMUNERATION)
    assert "The pay of Ann Lee is not entered" in check_text(report, "pay_missing")


def test_part3_without_the_required_sentence_is_a_problem(full):
    part = draft_report(full, YEAR, TODAY).part(Part.REMUNERATION)
    full.cic34.save_part_text(END, Part.REMUNERATION, "Sam was paid £26,000.", part.drafted)
    report = draft_report(full, YEAR, TODAY)
    assert [c.level for c in report.checks if c.key == "part3_sentence"] == ["problem"]


# -- Part 4 ----------------------------------------------------------------------------------------
def test_part4_nil_statement_only_when_confirmed_and_records(workspace):
    workspace.cic34.add_transfer(LAST_YEAR.end, "Food bank", "bikes", 30_000)
    report = draft_report(workspace, YEAR, TODAY)
    assert report.text_of(Part.TRANSFERS) == ""
    assert "In 2024/25 1 transfer was recorded (£300)." in check_text(report, "transfers_unknown")
    workspace.cic34_none.confirm(END, "transfers", dt.date(2026, 5, 1))
    report = draft_report(workspace, YEAR, TODAY)
    assert report.text_of(Part.TRANSFERS) == "No transfer of assets other than for full consideration has been made."
    assert "transfers_unknown" not in keys(report)
    workspace.cic34.add_transfer(END, "Small Heath Food Bank", "12 refurbished bikes", 144_000)
    workspace.cic34.add_transfer(END, "Digbeth Youth Club", "tools", 20_000)
    text = draft_report(workspace, YEAR, TODAY).text_of(Part.TRANSFERS)
    assert text == ("• Small Heath Food Bank: 12 refurbished bikes (value £1,440).\n"
                    "• Digbeth Youth Club: tools (value £200).\n\nTotal value: £1,640.")


def test_incomplete_transfer_is_a_problem(workspace):
    workspace.cic34.add_transfer(END, "Food bank")
    assert "needs what was transferred and its value" in check_text(draft_report(workspace, YEAR, TODAY),
                                                                     "transfer_missing")


# -- dividends (CICs limited by shares) --------------------------------------------------------------
def test_dividends_only_for_cics_limited_by_shares(workspace):
    assert [p.part for p in draft_report(workspace, YEAR, TODAY).parts] == [
        Part.ACTIVITIES, Part.CONSULTATION, Part.REMUNERATION, Part.TRANSFERS]
    workspace.organisation.update(legal_form=LegalForm.CIC_SHARES)
    workspace.cic34.add_dividend(END, 120_000)
    workspace.cic34.add_dividend(dt.date(2023, 3, 31), 50_000)
    report = draft_report(workspace, YEAR, TODAY)
    text = report.text_of(Part.DIVIDENDS)
    assert "detailed form" in text
    assert ("• 2025/26: £1,200\n• 2024/25: not recorded\n• 2023/24: not recorded\n• 2022/23: £500\n"
            "• 2021/22: not recorded") in text
    workspace.cic34_none.confirm(dt.date(2025, 3, 31), "dividends", dt.date(2025, 6, 1))
    assert "• 2024/25: none\n" in draft_report(workspace, YEAR, TODAY).text_of(Part.DIVIDENDS)
    assert "No dividends were declared or paid." not in text
    assert report.document().subtitle == "CIC34 — detailed form"
    assert "detailed_form" in keys(report)


# -- edits kept per year -----------------------------------------------------------------------------
def test_edits_are_kept_per_year_and_never_silently_replaced(full):
    part = draft_report(full, YEAR, TODAY).part(Part.CONSULTATION)
    full.cic34.save_part_text(END, Part.CONSULTATION, "We asked our trainees in June.", part.drafted)
    add_consultation(full, when=dt.date(2025, 12, 1))  # the records change after the edit
    report = draft_report(full, YEAR, TODAY)
    part = report.part(Part.CONSULTATION)
    assert part.edited and part.text == "We asked our trainees in June."
    assert part.records_changed and "1 Dec 2025" in part.drafted
    assert "records_changed" in keys(report)
    assert not draft_report(full, LAST_YEAR, TODAY).part(Part.CONSULTATION).edited
    full.cic34.reset_part(END, Part.CONSULTATION)
    assert not draft_report(full, YEAR, TODAY).part(Part.CONSULTATION).edited


def test_wording_changes_reach_the_draft(workspace):
    for year in (YEAR, LAST_YEAR):
        workspace.cic34_none.confirm(year.end, "transfers", TODAY)
    workspace.cic34.set_wording("part4_nil", "Nothing was given away this year.", END)
    assert draft_report(workspace, YEAR, TODAY).text_of(Part.TRANSFERS) == "Nothing was given away this year."
    assert draft_report(workspace, LAST_YEAR, TODAY).text_of(Part.TRANSFERS).startswith("No transfer")


# -- the other checks ----------------------------------------------------------------------------------
def test_text_identical_to_last_years(full):
    for year in (LAST_YEAR, YEAR):
        part = draft_report(full, year, TODAY).part(Part.ACTIVITIES)
        full.cic34.save_part_text(year.end, Part.ACTIVITIES, "We trained young people as bike mechanics in "
                                  "Digbeth and ran repair sessions.", part.drafted)
    report = draft_report(full, YEAR, TODAY)
    assert "Part 1 is word for word the same as 2024/25's" in check_text(report, "same_as_last_year")


def test_deadline_and_fee(full):
    report = draft_report(full, YEAR, TODAY)
    text = check_text(report, "deadline")
    assert text == ("Due at Companies House with the accounts by 31 Dec 2026, 9 months after the year end: "
                    "39 days left. The filing fee is £15 (check the current fee on GOV.UK).")
    late = draft_report(full, YEAR, dt.date(2027, 1, 3))
    assert "3 days ago" in check_text(late, "deadline")
    assert [c.level for c in late.checks if c.key == "deadline"] == ["problem"]
    under_way = draft_report(full, FinancialYear(dt.date(2026, 4, 1), dt.date(2027, 3, 31)), TODAY)
    assert "still under way" in check_text(under_way, "deadline")
    full.cic34.set_wording("filing_fee", "£18")
    assert check_text(draft_report(full, YEAR, TODAY), "deadline").endswith("The filing fee is £18.")


def test_signatory_and_company_number_checks(workspace):
    report = draft_report(workspace, YEAR, TODAY)
    assert {"signatory", "company_number"} <= set(keys(report))
    workspace.cic34.save_signatory(Signatory(END, "Priya Bassi"))
    assert "not_dated" in keys(draft_report(workspace, YEAR, TODAY))


def test_checks_are_ordered_and_plain_sentences(full):
    add_story(full, "Not for reports", uses=(Use.INTERNAL,), name="Someone Else")
    report = draft_report(full, YEAR, TODAY)
    levels = [check.level for check in report.checks]
    assert levels == sorted(levels, key=["problem", "warning", "info"].index)
    for check in report.checks:
        assert check.text[0].isupper() or check.text[0] in "“0123456789"
        assert check.text.endswith((".", ")"))


# -- the document and the years -----------------------------------------------------------------------
def test_document_header_parts_and_signature(full):
    document = draft_report(full, YEAR, TODAY).document()
    assert document.meta == ("Company name in full: Test CIC", "Company number: 14872203",
                             "Year ending: 31 March 2026")
    headings = [block.text for block in document.blocks if block.__class__.__name__ == "Heading"]
    assert headings[:4] == ["Part 1 – General description of the company's activities and impact",
                            "Part 2 – Consultation with stakeholders", "Part 3 – Directors' remuneration",
                            "Part 4 – Transfers of assets other than for full consideration"]
    assert headings[-1] == "Signed"
    from svdesk.document.model import plain_text

    text = plain_text(document)
    assert "Name: Priya Bassi" in text and "Office held: Director" in text and "Date: 20 Nov 2026" in text


def test_text_to_blocks():
    blocks = text_to_blocks("Intro line\n\n• one\n- two\nAfter\n\n")
    assert blocks == [Paragraph("Intro line"), BulletList(["one", "two"]), Paragraph("After")]


def test_years_offered(full):
    labels = [year.label for year in report_years(full, TODAY)]
    assert labels[:3] == ["2026/27", "2025/26", "2024/25"] and len(labels) == 5
    assert default_year(full, TODAY) == YEAR


def test_a_filed_report_stops_the_deadline_reminder(full):
    full.cic34.save_signatory(Signatory(END, "Priya Bassi", Office.DIRECTOR, dt.date(2026, 11, 20),
                                        dt.date(2026, 11, 21)))
    late = draft_report(full, YEAR, dt.date(2027, 2, 1))
    assert check_text(late, "deadline") == "Filed at Companies House on 21 Nov 2026; it was due by 31 Dec 2026."
    assert [c.level for c in late.checks if c.key == "deadline"] == ["info"]


def test_a_past_years_report_quotes_the_statement_as_it_stood_then(demo_workspace):
    """The demo's statement was reworded on 3 Mar 2026 (version 2): the 2024/25 report quotes
    version 1, the 2025/26 report (year ending 31 Mar 2026) version 2."""
    from svdesk.compose.cic34 import draft_report
    from svdesk.domain.dates import format_date
    from svdesk.domain.financial_year import parse_label

    year_end = demo_workspace.organisation.get().year_end
    versions = {version.number: version for version in demo_workspace.statements.versions()}
    for label, number in (("2024/25", 1), ("2025/26", 2)):
        report = draft_report(demo_workspace, parse_label(label, year_end))
        assert report.sources.statement_text == versions[number].full_text
        assert report.sources.statement_label == f"Agreed {format_date(versions[number].agreed_on)} " \
            f"by {versions[number].agreed_by}"


def test_the_self_tests_cic34_export_stands_in_an_earlier_year_while_the_latest_waits(demo_workspace, monkeypatch,
                                                                                        tmp_path):
    # In May 2027 the demo's latest ended year (2026/27) has no pay or transfers recorded: it cannot
    # be exported, so the registry's export (the self-test) writes 2025/26 instead of failing.
    from svdesk.compose.cic34 import default_year
    from svdesk.domain import dates
    from svdesk.services.exports import export_all_cic34

    monkeypatch.setattr(dates, "today", lambda: dt.date(2027, 5, 1))
    assert default_year(demo_workspace).label == "2026/27"
    written = export_all_cic34(demo_workspace, tmp_path)
    assert len(written) == 3 and all("2025-26" in path.name for path in written)
