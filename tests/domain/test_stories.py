"""Stories: completeness, folding for search, and rendering at each identification level."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from svdesk.domain.consent import IdLevel
from svdesk.domain.stories import REDACTED, TEXT_FIELDS, Story, parse_keywords, render, told_fragments, who_at
from svdesk.domain.textfold import contains_word, fold, fts_query, words

STORY = Story(
    id="s1", title="Łukasz builds his first wheel", story_date=dt.date(2025, 6, 1), level=IdLevel.NAMED,
    person_name="Łukasz Nowak", pseudonym="Luke", anonymous_as="a trainee, 19",
    before="Łukasz had left college and spent most days at home.",
    what_we_did="We offered Łukasz Nowak a place on the 12-week mechanics course.",
    after="He now repairs bikes two days a week. Luke says the team calls him 'wheel man'.",
    quote="I never thought I'd be good with my hands.", why_it_matters="He is earning for the first time.",
    status="ready",
)


@pytest.mark.parametrize("text, folded", [
    ("Łukasz", "lukasz"), ("ZOË", "zoe"), ("Siân", "sian"), ("Øyvind", "oyvind"), ("Đorđe", "dorde"),
    ("Straße", "strasse"), ("Æthelred", "aethelred"), ("Cœur", "coeur"), ("Þór", "thor"), ("ﬁsh", "fish"),
    ("Gwenllïan ŵyr", "gwenllian wyr"), ("İstanbul", "istanbul"),
])
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("typed", ['"AND OR (', "*", "NEAR(", '"unbalanced', "🚲🙂", "", "   ", "-", "^", ":",
                                   "a OR b", "title:foo", "{x}", "'", "\\", "\x00"])
def test_fts_query_is_always_quoted_words(typed):
    query = fts_query(typed)
    if query is not None:
        for part in query.split(" "):
            assert part.startswith('"') and part.endswith('"*')
            assert '"' not in part[1:-2]


def test_fts_query_words():
    assert fts_query("Łukasz's bike!") == '"lukasz"* "s"* "bike"*'
    assert fts_query("bike", prefix=False) == '"bike"'
    assert fts_query("🚲") is None
    assert len(fts_query(" ".join(["w"] * 100)).split()) == 32


def test_contains_word():
    assert contains_word("We met ŁUKASZ today", "lukasz")
    assert not contains_word("Lukaszewicz", "Łukasz")
    assert contains_word("Siân Pritchard-Jones came", "Pritchard Jones")


def test_story_problems_for_ready():
    assert Story().problems() == [
        "Give the story a short title.", "Say when it happened (a date).",
        "Say what changed (the “After” box) or what you did.",
    ]
    assert "Record the person's name" in Story(title="x", story_date=dt.date.today(), after="y",
                                               level=IdLevel.NAMED).problems()[0]
    assert STORY.problems() == []
    assert Story(title="x" * 201).input_problems()
    assert Story(special_categories=frozenset({"shoe size"})).input_problems()


def test_keywords():
    assert parse_keywords("apprenticeship, Small Heath;  cycling,,CYCLING\nŁódź") == (
        "apprenticeship", "Small Heath", "cycling", "Łódź")


def test_named_keeps_everything():
    out = render(STORY, IdLevel.NAMED)
    assert out.who == "Łukasz Nowak"
    assert out.what_we_did == STORY.what_we_did
    assert out.warnings == ()


def test_first_name_drops_the_surname():
    out = render(STORY, IdLevel.FIRST_NAME)
    assert out.who == "Łukasz"
    assert out.what_we_did == "We offered Łukasz a place on the 12-week mechanics course."
    assert "Nowak" not in str(out)
    assert out.warnings and "surname" in out.warnings[0]


def test_anonymous_removes_name_and_pseudonym_and_warns():
    out = render(STORY, IdLevel.ANONYMOUS, photo_ids=["p1"])
    assert out.who == "a trainee, 19"
    assert out.title == f"{REDACTED} builds his first wheel"
    assert out.before.startswith(REDACTED + " had left")
    assert out.what_we_did == f"We offered {REDACTED} a place on the 12-week mechanics course."
    assert "Luke" not in out.after and REDACTED in out.after
    assert out.photo_ids == ()  # a photo identifies someone
    assert "anonymously" in out.warnings[0]


def test_anonymous_description_that_names_them_falls_back():
    story = Story(person_name="Zoë Clarke", anonymous_as="Zoë, a volunteer")
    assert who_at(story, IdLevel.ANONYMOUS) == "a volunteer"
    assert who_at(Story(person_name="Zoë"), IdLevel.ANONYMOUS) == "someone we worked with"
    assert who_at(Story(person_name="Someone"), IdLevel.ANONYMOUS) == "a person we supported"


def test_marker_never_repeats_a_banned_word():
    story = Story(person_name="Name Removed", title="Name Removed did it")
    out = render(story, IdLevel.ANONYMOUS)
    assert "name" not in fold(out.title)


name_part = st.text(alphabet=st.sampled_from("abcłęóśżźćńŁÓZoëâŵAEIOUdfgjkmnprstvwyß"), min_size=2, max_size=9)
free_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)


@given(name_part, name_part, name_part, st.lists(st.one_of(free_text, name_part), max_size=12), st.sampled_from(TEXT_FIELDS))
def test_anonymous_output_never_contains_name_or_pseudonym(first, last, pseudonym, pieces, where):
    banned = set(words(first)) | set(words(last)) | set(words(pseudonym))
    assume(banned)
    text = " ".join(pieces + [first, f"{last}'s", pseudonym.upper(), f"({first}-{last})"])
    story = Story(title=f"{first} {last}", person_name=f"{first} {last}", pseudonym=pseudonym,
                  anonymous_as=f"{pseudonym}, a trainee", domain=f"{last} and friends", **{where: text})
    out = render(story, IdLevel.ANONYMOUS)
    for value in (out.title, out.who, out.domain, *(getattr(out, name) for name in TEXT_FIELDS)):
        assert not set(words(value)) & banned, (value, banned)
    assert out.warnings


@given(name_part, name_part, st.lists(st.one_of(free_text, name_part), max_size=8))
def test_first_name_output_never_contains_the_surname(first, last, pieces):
    assume(set(words(last)) - set(words(first)))
    story = Story(person_name=f"{first} {last}", after=" ".join(pieces + [f"{first} {last}", last]))
    out = render(story, IdLevel.FIRST_NAME)
    assert not set(words(out.after)) & (set(words(last)) - set(words(first)))
    assert out.who == first


@given(name_part, name_part, name_part, st.lists(st.one_of(free_text, name_part), max_size=8),
       st.lists(st.one_of(free_text, name_part), max_size=8), st.sampled_from(list(IdLevel)))
def test_told_fragments_are_exactly_what_render_prints(first, last, pseudonym, quote, after, level):
    """Finding which stories an edited report tells works out only the title, quote and after
    (issue 17): they must be the rendered story's, at every level, whatever the text."""
    story = Story(title=f"{first} {last} " + " ".join(quote[:2]), person_name=f"{first} {last}", pseudonym=pseudonym,
                  quote=" ".join(quote + [first, f"{last}'s"]), after=" ".join([f"({first}-{last})", *after, pseudonym]),
                  before=" ".join(after), what_we_did=last)
    out = render(story, level)
    assert told_fragments(story, level) == (out.title, out.quote, out.after)
