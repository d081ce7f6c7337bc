"""The consent rule: every combination of scope, dates, level and flags, plus property tests."""

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svdesk.domain.consent import (
    Consent, ConsentRefused, ConsentState, IdLevel, Method, Use, describe_categories, may_use,
)

DAY = dt.date(2026, 6, 15)
BEFORE, AFTER = DAY - dt.timedelta(days=1), DAY + dt.timedelta(days=1)
ALL_USES = list(Use)
SCOPES = [frozenset(combo) for size in range(len(ALL_USES) + 1) for combo in itertools.combinations(ALL_USES, size)]


@dataclass(frozen=True)
class Facts:
    status: str = "ready"
    special_categories: frozenset = field(default_factory=frozenset)
    about_child: bool = False


def expected(story, consent, use, day, level):
    """An independent statement of the rule: the set of conditions that fail."""
    failed = set()
    if story.status != "ready":
        failed.add("draft")
    if consent.withdrawn_on is not None and day >= consent.withdrawn_on:
        failed.add("withdrawn")
    if not consent.given:
        failed.add("not given")
        return failed
    if consent.given_on > day:
        failed.add("not yet")
    if consent.expires_on is not None and day > consent.expires_on:
        failed.add("expired")
    if use not in consent.uses:
        failed.add("scope")
    if level.rank > consent.level.rank:
        failed.add("level")
    if use is not Use.INTERNAL and not consent.explicit:
        if story.special_categories:
            failed.add("special")
        if story.about_child:
            failed.add("child")
    return failed


MARKERS = {
    "draft": "still a draft",
    "withdrawn": "withdrawn on",
    "not given": "No consent has been recorded",
    "not yet": "only given on",
    "expired": "expired on",
    "scope": "does not cover",
    "level": "agreed to be identified",
    "special": "special category data",
    "child": "about a child",
}


def check(story, consent, use, level):
    decision = may_use(story, consent, use, DAY, level)
    failed = expected(story, consent, use, DAY, level)
    assert decision.allowed == (not failed), (story, consent, use, level, decision)
    assert bool(decision) == decision.allowed
    for key, marker in MARKERS.items():
        assert (key in failed) == any(marker in reason for reason in decision.reasons), (key, decision.reasons)
    assert decision.allowed == (decision.reasons == ())


def test_every_combination_of_scope_use_level_and_flags():
    checked = 0
    for scope, use, allowed_level, asked_level, special, child, explicit in itertools.product(
        SCOPES, ALL_USES, IdLevel, IdLevel, (False, True), (False, True), (False, True),
    ):
        story = Facts(special_categories=frozenset({"health"}) if special else frozenset(), about_child=child)
        consent = Consent(given=True, given_on=BEFORE, method=Method.SIGNED_FORM, uses=scope,
                          level=allowed_level, explicit=explicit)
        check(story, consent, use, asked_level)
        checked += 1
    assert checked == 16 * 4 * 3 * 3 * 8


@pytest.mark.slow
def test_every_combination_of_dates_status_and_scope():
    dates = (None, BEFORE, DAY, AFTER)
    checked = 0
    for status, given_flag, given_on, expires_on, withdrawn_on, scope, use, special, explicit in itertools.product(
        ("draft", "ready"), (False, True), (BEFORE, DAY, AFTER), dates, dates, SCOPES, ALL_USES,
        (False, True), (False, True),
    ):
        story = Facts(status=status, special_categories=frozenset({"religion"}) if special else frozenset())
        consent = Consent(given=given_flag, given_on=given_on, method=Method.ONLINE, uses=scope,
                          level=IdLevel.FIRST_NAME, expires_on=expires_on, explicit=explicit,
                          withdrawn_on=withdrawn_on)
        for level in IdLevel:
            check(story, consent, use, level)
            checked += 1
    assert checked == 2 * 2 * 3 * 4 * 4 * 16 * 4 * 2 * 2 * 3


def test_expiry_day_itself_is_still_covered():
    consent = Consent(given=True, given_on=BEFORE, method=Method.VERBAL, recorded_by="Amara",
                      uses=frozenset({Use.INTERNAL}), expires_on=DAY)
    assert may_use(Facts(), consent, Use.INTERNAL, DAY, IdLevel.ANONYMOUS)
    assert not may_use(Facts(), consent, Use.INTERNAL, AFTER, IdLevel.ANONYMOUS)
    assert consent.state(DAY) is ConsentState.CURRENT
    assert consent.state(AFTER) is ConsentState.EXPIRED


def test_withdrawal_day_itself_is_refused_and_earlier_days_not():
    consent = Consent(given=True, given_on=BEFORE - dt.timedelta(days=30), method=Method.SIGNED_FORM,
                      uses=frozenset(Use), level=IdLevel.NAMED, withdrawn_on=DAY)
    assert not may_use(Facts(), consent, Use.PUBLIC_REPORTS, DAY, IdLevel.ANONYMOUS)
    assert may_use(Facts(), consent, Use.PUBLIC_REPORTS, BEFORE, IdLevel.ANONYMOUS)
    assert consent.state(DAY) is ConsentState.WITHDRAWN


def test_an_incomplete_record_is_refused_with_a_reason():
    no_method = Consent(given=True, given_on=BEFORE, uses=frozenset(Use))
    decision = may_use(Facts(), no_method, Use.INTERNAL, DAY, IdLevel.ANONYMOUS)
    assert not decision and "how consent was given" in decision.explain()
    verbal = Consent(given=True, given_on=BEFORE, method=Method.VERBAL, uses=frozenset(Use))
    decision = may_use(Facts(), verbal, Use.INTERNAL, DAY, IdLevel.ANONYMOUS)
    assert not decision and "recorded it" in decision.explain()
    undated = Consent(given=True, method=Method.ONLINE, uses=frozenset(Use))
    assert "no date" in may_use(Facts(), undated, Use.INTERNAL, DAY, IdLevel.ANONYMOUS).explain()
    assert verbal.problems() and undated.problems()


def test_reasons_read_as_plain_english():
    story = Facts(special_categories=frozenset({"health", "ethnicity"}), about_child=True)
    consent = Consent(given=True, given_on=dt.date(2025, 3, 3), method=Method.SIGNED_FORM,
                      uses=frozenset({Use.INTERNAL, Use.TENDERS_FUNDERS}), level=IdLevel.FIRST_NAME,
                      expires_on=dt.date(2026, 3, 31))
    decision = may_use(story, consent, Use.WEBSITE_SOCIAL, DAY, IdLevel.NAMED)
    assert decision.reasons == (
        "Consent expired on 31 Mar 2026.",
        "Consent does not cover website and social media (it covers: internal use, tenders and funders).",
        "They agreed to be identified by first name only at most, not by full name.",
        "This story includes special category data (racial or ethnic origin, health) and there is no "
        "explicit consent for use outside the organisation.",
        "This story is about a child and there is no explicit consent (from a parent or guardian) for use "
        "outside the organisation.",
    )
    error = ConsentRefused("Amir's story", decision)
    assert str(error).startswith("“Amir's story” cannot be used for website and social media on 15 Jun 2026: Consent expired")
    assert describe_categories({"sexuality"}) == "sex life or sexual orientation"


def test_internal_use_of_sensitive_story_needs_no_explicit_consent():
    story = Facts(special_categories=frozenset({"health"}), about_child=True)
    consent = Consent(given=True, given_on=BEFORE, method=Method.SIGNED_FORM, uses=frozenset({Use.INTERNAL}))
    assert may_use(story, consent, Use.INTERNAL, DAY, IdLevel.ANONYMOUS)


# -- properties ------------------------------------------------------------------------------------
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
levels = st.sampled_from(list(IdLevel))
consents = st.builds(
    Consent, given=st.booleans(), given_on=st.none() | dates, method=st.none() | st.sampled_from(list(Method)),
    recorded_by=st.sampled_from(["", "Amara Okafor"]), uses=st.frozensets(st.sampled_from(ALL_USES)),
    level=levels, expires_on=st.none() | dates, explicit=st.booleans(), withdrawn_on=st.none() | dates,
)
facts = st.builds(Facts, status=st.sampled_from(["draft", "ready"]),
                  special_categories=st.frozensets(st.sampled_from(["health", "religion", "ethnicity"])),
                  about_child=st.booleans())


@given(facts, consents, st.sampled_from(ALL_USES), dates, levels)
def test_withdrawn_is_never_allowed_from_the_withdrawal_date(story, consent, use, day, level):
    if consent.withdrawn_on is not None and day >= consent.withdrawn_on:
        assert not may_use(story, consent, use, day, level)


@given(facts, consents, st.sampled_from(ALL_USES), dates, levels)
def test_allowed_implies_every_condition(story, consent, use, day, level):
    decision = may_use(story, consent, use, day, level)
    if decision:
        assert consent.given and story.status == "ready" and use in consent.uses
        assert consent.given_on is not None and consent.given_on <= day
        assert consent.expires_on is None or day <= consent.expires_on
        assert level.rank <= consent.level.rank
        assert not use.is_external or consent.explicit or not (story.special_categories or story.about_child)
        assert consent.state(day) is ConsentState.CURRENT
    else:
        assert decision.reasons


@given(facts, consents, st.sampled_from(ALL_USES), dates, levels, levels)
def test_a_less_identifying_level_is_never_worse(story, consent, use, day, first, second):
    low, high = sorted((first, second), key=lambda level: level.rank)
    if may_use(story, consent, use, day, high):
        assert may_use(story, consent, use, day, low)


@given(facts, consents, st.sampled_from(ALL_USES), dates, levels, st.integers(min_value=1, max_value=4000))
def test_once_expired_or_withdrawn_it_stays_refused(story, consent, use, day, level, later):
    if consent.state(day) in (ConsentState.EXPIRED, ConsentState.WITHDRAWN):
        assert not may_use(story, consent, use, day + dt.timedelta(days=later), level)
