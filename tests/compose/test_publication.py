"""The publication model: only what was chosen, figures from the domain's own functions."""

import datetime as dt

import pytest

from svdesk.compose.delivery import tracked_promises
from svdesk.compose.publication import build_publication, publishable_indicators, publishable_tenders
from svdesk.domain.errors import SvdeskError
from svdesk.domain.ratings import rate
from svdesk.domain.tenders import TenderStatus, format_number

WON = "61f67f22-6977-5fca-ab0c-eaf84f58bda6"
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"
TODAY = dt.date(2026, 11, 22)


def test_nothing_is_published_unless_chosen(demo_workspace):
    with pytest.raises(SvdeskError, match="Choose at least one"):
        build_publication(demo_workspace, [], [], today=TODAY)


def test_only_won_contracts_are_offered_and_accepted(demo_workspace):
    assert [t.id for t in publishable_tenders(demo_workspace)] == [WON]
    with pytest.raises(SvdeskError, match="has not been won"):
        build_publication(demo_workspace, [DRAFTING], [], today=TODAY)


def test_an_unknown_licence_is_refused_plainly(demo_workspace):
    with pytest.raises(SvdeskError, match="ogl"):
        build_publication(demo_workspace, [WON], [], licence_key="mit", today=TODAY)


def test_contract_figures_are_the_domains_own(demo_workspace):
    publication = build_publication(demo_workspace, [WON], [], today=TODAY)
    assert publication.indicators == () and len(publication.contracts) == 1
    contract = publication.contracts[0]
    expected = tracked_promises(demo_workspace, WON, TODAY)
    assert len(contract.commitments) == len(expected)
    for published, tracked in zip(contract.commitments, expected):
        progress = tracked.progress
        assert published.delivered == progress.delivered and published.as_of == progress.as_of
        assert published.status == progress.status and published.summary == progress.headline
        assert published.rating == rate(progress, TODAY)
        assert [(y.promised, y.delivered, y.status) for y in published.years] == \
            [(y.target, y.delivered, y.status) for y in progress.years]
    assert contract.start == dt.date(2025, 4, 1) and contract.end == dt.date(2028, 3, 31)


def test_indicator_years_are_the_domains_year_totals(demo_workspace):
    chosen = publishable_indicators(demo_workspace)[:2]
    publication = build_publication(demo_workspace, [], [i.id for i in chosen], today=TODAY)
    for published, indicator in zip(publication.indicators, chosen):
        totals = demo_workspace.indicators.year_totals(indicator.id)
        assert [(y.label, y.value, y.text, y.complete) for y in published.years] == \
            [(t.year.label, float(t.value), t.text, t.complete) for t in totals]
    assert publication.indicators[0].latest.complete is False   # 2026/27 is not over: "so far"


def test_the_statement_is_the_agreed_text_without_who_agreed_it(demo_workspace):
    agreed = demo_workspace.statements.current_agreed()
    publication = build_publication(demo_workspace, [WON], [], today=TODAY)
    assert publication.statement.text == agreed.full_text and publication.statement.agreed_on == agreed.agreed_on
    assert not hasattr(publication.statement, "agreed_by") and not hasattr(publication.statement, "note")


def won_tender(workspace, **commitment) -> str:
    """A new won contract with one commitment (sent, then won), for cases the demo lacks."""
    tender = workspace.tenders.create(title="Park cafe", buyer="Town Council", contract_start=dt.date(2026, 4, 1),
                                      contract_months=24)
    workspace.tenders.add_commitment(tender.id, **{"promise": "Volunteer hours", "frequency": "quarterly",
                                                   **commitment})
    workspace.tenders.submit(tender.id, "Our answer.", dt.date(2026, 2, 1), TenderStatus.WON)
    return tender.id


def test_an_unlinked_promise_says_what_is_so_not_what_to_do(demo_workspace):
    tender_id = won_tender(demo_workspace, per_year=100)
    publication = build_publication(demo_workspace, [tender_id], [], today=TODAY)
    (commitment,) = publication.contracts[0].commitments
    assert not commitment.tracked and commitment.summary == "Not measured by one of our indicators."
    assert commitment.rating.label == "Not rated"


def test_a_promise_measured_where_lower_is_better_gets_no_judgement(demo_workspace):
    # The domain's words ("met", "behind") assume more is better; published, they would be untrue.
    from dataclasses import replace

    from svdesk.domain.measures import Direction

    indicator = publishable_indicators(demo_workspace)[0]
    demo_workspace.indicators.save(replace(indicator, direction=Direction.LOWER))
    publication = build_publication(demo_workspace, [WON], [], today=TODAY)
    measured = [c for c in publication.contracts[0].commitments if c.indicator == indicator.name]
    assert measured
    words = ("met", "on track", "behind", "missed")
    for commitment in measured:
        assert commitment.rating.label == "Not rated" and commitment.status not in words
        assert not commitment.summary.endswith(words) and all(y.status not in words for y in commitment.years)


def test_a_person_in_the_stories_named_in_published_wording_is_taken_out(demo_workspace):
    # A promise "for Amara Okafor's family" or a statement quoting someone names a person the
    # organisation holds a story about: publishing must not, whatever the wording's author meant.
    from dataclasses import replace

    from svdesk.domain.stories import IdLevel

    story = demo_workspace.stories.new("Back to work")
    demo_workspace.stories.update(story.id, person_name="Amara  Okafor", level=IdLevel.NAMED)
    guardian = demo_workspace.stories.new("Cycling again")
    demo_workspace.stories.save_consent(guardian.id, replace(demo_workspace.stories.consent_for(guardian.id),
                                                               given_by="Dafydd Ap-Rhys"))
    tender_id = won_tender(demo_workspace, per_year=10, for_whom="AMARA OKAFOR's family",
                           promise="Mentoring with dafydd ap rhys, Amara Park cleaning, Okafor Road")
    publication = build_publication(demo_workspace, [tender_id], [], today=TODAY)
    (commitment,) = publication.contracts[0].commitments
    assert commitment.for_whom == "[name removed]'s family"
    # A first name alone, or the words of a name apart, are not a person named.
    assert commitment.promise == "Mentoring with [name removed], Amara Park cleaning, Okafor Road"
    assert publication.warnings == ("A person's name was taken out of commitment 1 of “Park cafe”.",)
    from svdesk.render.publish_folder import publication_files

    published = b"".join(publication_files(publication).values()).decode("utf-8").casefold()
    assert "okafor's" not in published and "rhys" not in published and "warning" not in published


def test_after_the_contract_ended_what_was_due_is_the_whole_promise_everywhere(demo_workspace):
    # The demo's contract ran to 31 Mar 2028; its figures stop in 2026. The CSV/JSON "due" must be
    # the figure the rating was worked out from, not the amount due at the last reading.
    publication = build_publication(demo_workspace, [WON], [], today=dt.date(2028, 6, 1))
    rated = [c for c in publication.contracts[0].commitments if c.rating.rated and c.summable]
    assert rated
    for commitment in rated:
        assert commitment.due == commitment.over_contract or commitment.due == commitment.per_year * 3
        assert f"whole promise of {format_number(commitment.due)}" in commitment.rating.reason


def test_a_contract_in_the_bin_is_not_published(demo_workspace):
    tender_id = won_tender(demo_workspace, per_year=10)
    demo_workspace.tenders.remove(tender_id)
    with pytest.raises(SvdeskError, match="bin"):
        build_publication(demo_workspace, [tender_id], [], today=TODAY)
