"""Quality hints: each names a real weakness, says why it matters and how to fix it."""

import pytest

from svdesk.domain.statement_draft import compose
from svdesk.store.statement_library import example_kinds, hint_words


def keys(full, short=""):
    from svdesk.domain.statement_hints import statement_hints

    return [hint.key for hint in statement_hints(full, short, hint_words())]


def hint(key, full, short=""):
    from svdesk.domain.statement_hints import statement_hints

    return next(h for h in statement_hints(full, short, hint_words()) if h.key == key)


GOOD = ("We work with young people aged 16 to 24 in Digbeth who are out of work. Many of them have few "
        "qualifications. We train them as bike mechanics. As a result, they gain a qualification and "
        "confidence. In the longer run, more of them find jobs. We know this because we record where they "
        "are six months after leaving.")


def test_a_good_statement_gets_no_hints():
    assert keys(GOOD, "We train young people in Digbeth as bike mechanics so they find work.") == []


def test_empty_text_gets_no_hints():
    assert keys("", "") == []


def test_no_who():
    found = hint("no-who", "We run repair sessions on Saturdays and sell refurbished bikes at low cost.")
    assert "who benefits" in found.why and "Name the people" in found.fix


def test_only_activities_no_change():
    found = hint("no-change", "We run repair sessions for residents on Saturdays and sell refurbished bikes.")
    assert "evaluators score" in found.why and "As a result" in found.fix
    assert "no-change" not in keys(GOOD)


def test_vague_claim_with_nothing_to_check_it_by():
    found = hint("vague", "We support the community and make a difference to local people.")
    assert found.found == ("support the community", "make a difference")
    assert "“support the community”" in found.why
    assert "how you know" in found.fix


def test_vague_claim_with_a_way_to_check_it_is_let_be():
    text = "We support the community: we count the 300 people who come each month and ask what changed."
    assert "vague" not in keys(text)


def test_ages_are_not_evidence_but_counts_are():
    from svdesk.domain.statement_hints import has_evidence

    words = hint_words()
    assert not has_evidence("We work with young people aged 16 to 24 and people over 60.", words)
    assert has_evidence("We trained 42 young people last year.", words)


def test_nothing_says_how_you_know_on_longer_text():
    text = ("We work with older people living alone in Hove. Many of them feel lonely. We lead weekly walks "
            "followed by tea. As a result, they get out more and make friends.")
    assert "no-evidence" in keys(text)
    assert "no-evidence" not in keys("We work with older people.")


@pytest.mark.parametrize("word, plain", [
    ("beneficiaries", "the people we work with"), ("NEET", "not in education, employment or training"),
    ("service users", "the people who use our service"), ("Upskilling", "training"),
])
def test_jargon_names_a_plainer_word(word, plain):
    found = hint("jargon", f"We work with {word} in Leeds and they gain skills; we count them.")
    assert found.found == (word,)
    assert f"{word} → {plain}" in found.fix
    assert "plain words" in found.why


def test_jargon_in_the_one_sentence_version_counts_too():
    assert "jargon" in keys(GOOD, "We upskill young people.")


def test_jargon_matches_whole_words_only():
    # "provisional" is not "provision"; "engagements" is not "engagement".
    assert "jargon" not in keys(GOOD.replace("bike mechanics", "provisional bike mechanics"))


def test_length_hints_are_gentle_and_say_the_range():
    short = hint("too-short", "We work with young people and they gain skills; we count them.")
    assert "50–150 words" in short.fix
    long = hint("too-long", GOOD + (" More detail about young people gaining skills." * 30))
    assert "Quite long" in long.title


def test_one_sentence_version_over_thirty_words():
    found = hint("short-too-long", GOOD, " ".join(["word"] * 31))
    assert "31 words" in found.title and "agreed" in found.why
    assert "no-short" in keys(GOOD, "")


def test_curly_apostrophes_and_non_ascii_do_not_hide_hints():
    assert "vague" in keys("We’re here to support the community of Łódź and change lives.")


def test_every_example_drafts_a_statement_without_hints():
    for kind in example_kinds():
        draft = compose(kind.answers, kind.organisation)
        assert keys(draft.full_text, draft.short_text) == [], kind.key


def test_every_hint_says_why_and_how():
    from svdesk.domain.statement_hints import statement_hints

    text = "We support the community with holistic interventions for stakeholders and beneficiaries."
    for found in statement_hints(text, "x " * 40, hint_words()):
        assert found.title and len(found.why) > 30 and len(found.fix) > 10
        assert found.text.startswith(found.title)
