"""The matcher of the last check before an export: every story of the file (bin and other years
included), remembered until the stories' names or consent change."""

import datetime as dt

from svdesk.domain.consent import Consent, IdLevel, Method, Use

TODAY = dt.date(2026, 11, 22)


def _story(workspace, name="Łucja Żółkiewska", when=dt.date(2019, 5, 1)):
    story = workspace.stories.new("Łucja's clinic", when)
    workspace.stories.update(story.id, person_name=name, level=IdLevel.NAMED, after="She runs the clinic.")
    workspace.stories.save_consent(story.id, Consent(
        given=True, given_on=when, method=Method.ONLINE, uses=frozenset(Use), level=IdLevel.NAMED))
    return story.id


def test_every_story_counts_and_the_matcher_follows_consent(workspace):
    story_id = _story(workspace)
    repo = workspace.exposure
    first = repo.matcher((Use.TENDERS_FUNDERS,), TODAY)
    assert first.find("Łucja Żółkiewska") == []
    # An edit elsewhere changes the file but not who may be named: the same matcher serves.
    workspace.organisation.update(name="Riverside Bike Works CIC")
    assert repo.matcher((Use.TENDERS_FUNDERS,), TODAY) is first
    workspace.stories.withdraw(story_id, dt.date(2026, 1, 1))
    withdrawn = repo.matcher((Use.TENDERS_FUNDERS,), TODAY)
    assert withdrawn is not first and withdrawn.find("LUCJA zolkiewska")[0].reason.startswith("Consent was withdrawn")
    # A day before the withdrawal, the name was allowed.
    assert repo.matcher((Use.TENDERS_FUNDERS,), dt.date(2025, 12, 31)).find("Łucja Żółkiewska") == []


def test_a_story_in_the_bin_may_not_be_named(workspace):
    story_id = _story(workspace)
    workspace.stories.remove(story_id)
    found = workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find("Thanks, Łucja!")
    assert [item.reason for item in found] == ["the story is in the bin"]
    workspace.stories.restore(story_id)
    assert workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find("Thanks, Łucja!") == []


def test_each_use_and_the_strictest_of_several(workspace):
    story_id = _story(workspace)
    consent = workspace.stories.consent_for(story_id)
    from dataclasses import replace

    workspace.stories.save_consent(story_id, replace(consent, uses=frozenset({Use.INTERNAL, Use.TENDERS_FUNDERS})))
    repo = workspace.exposure
    assert repo.matcher((Use.TENDERS_FUNDERS,), TODAY).find("Łucja Żółkiewska") == []
    assert repo.matcher((Use.WEBSITE_SOCIAL,), TODAY).find("Łucja Żółkiewska")
    assert repo.matcher((Use.TENDERS_FUNDERS, Use.PUBLIC_REPORTS), TODAY).find("Łucja Żółkiewska")


def test_nothing_is_remembered_inside_a_write(workspace):
    _story(workspace)
    with workspace.file.write("test"):
        workspace.exposure.matcher((Use.TENDERS_FUNDERS,), TODAY)
    assert workspace.exposure._cached is None


# -- one remembered decision for stories that differ only in dates that cannot matter ----------------
from hypothesis import given as _given, settings as _settings, strategies as _st  # noqa: E402

_DAYS = _st.one_of(_st.none(), _st.dates(dt.date(2023, 1, 1), dt.date(2028, 12, 31)).map(dt.date.isoformat))


@_settings(max_examples=300, deadline=None)
@_given(level=_st.sampled_from([level.value for level in IdLevel]),
        special=_st.sampled_from(["[]", '["health"]']), child=_st.booleans(), deleted=_st.booleans(),
        consent_given=_st.booleans(), given_on=_DAYS, method=_st.sampled_from([None, *[m.value for m in Method]]),
        recorded=_st.booleans(), uses=_st.sets(_st.sampled_from([use.value for use in Use])),
        consent_level=_st.sampled_from([level.value for level in IdLevel]), expires_on=_DAYS,
        explicit=_st.booleans(), withdrawn_on=_DAYS, on=_st.dates(dt.date(2023, 1, 1), dt.date(2028, 12, 31)),
        asked=_st.sets(_st.sampled_from(list(Use)), min_size=1, max_size=2))
def test_dates_that_cannot_matter_are_set_aside_without_changing_any_decision(
        level, special, child, deleted, consent_given, given_on, method, recorded, uses, consent_level, expires_on,
        explicit, withdrawn_on, on, asked):
    import json

    from svdesk.store.exposure_repo import _allowed, _relevant

    facts = (level, special, int(child), "2026-01-01" if deleted else None, int(consent_given), given_on, method,
             int(recorded), json.dumps(sorted(uses)), consent_level, expires_on, int(explicit), withdrawn_on)
    chosen = tuple(sorted(asked, key=lambda use: use.value))
    assert _allowed(_relevant(facts, on), chosen, on) == _allowed(facts, chosen, on)
