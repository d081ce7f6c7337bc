"""The exposure rule on its own (svdesk.domain.exposure): which words of a text name a person
further than their consent allows, over the whole class of spellings — case, accents, line
breaks, spaces and hyphens between the parts — and without false alarms on ordinary words."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.domain.consent import IdLevel
from svdesk.domain.exposure import COMMON_WORDS, ExposureMatcher, NamedStory, describe

NAME = "Łukasz Nowak-Wiśniewski"
LEVELS = [None, IdLevel.ANONYMOUS, IdLevel.FIRST_NAME, IdLevel.NAMED]


def matcher(allowed, name=NAME, pseudonym="", others=()):
    return ExposureMatcher([NamedStory("s1", "From the sofa to the workshop floor", name, pseudonym, allowed,
                                       "Consent was withdrawn on 10 Feb 2026."), *others])


def found(m, text):
    return [item.found for item in m.find(text)]


# -- what is forbidden at each level ------------------------------------------------------------------
@pytest.mark.parametrize("allowed", LEVELS)
def test_each_level_forbids_exactly_what_consent_does_not_allow(allowed):
    m = matcher(allowed)
    full = found(m, "We trained Łukasz Nowak-Wiśniewski last year.")
    first = found(m, "We trained Łukasz last year.")
    surname = found(m, "We trained Mr Wiśniewski last year.")
    assert bool(full) is (allowed is not IdLevel.NAMED)
    assert bool(surname) is (allowed is not IdLevel.NAMED)
    assert bool(first) is (allowed in (None, IdLevel.ANONYMOUS))
    if full:
        assert full == ["Łukasz Nowak-Wiśniewski"]  # the whole run as written, for the message


def test_a_pseudonym_is_forbidden_when_anonymous_and_allowed_with_a_first_name():
    assert found(matcher(IdLevel.ANONYMOUS, pseudonym="Luke"), "Luke came every week.") == ["Luke"]
    assert found(matcher(IdLevel.FIRST_NAME, pseudonym="Luke"), "Luke came every week.") == []


# -- the class of spellings ---------------------------------------------------------------------------
_SEPARATORS = st.lists(st.sampled_from([" ", "  ", "\n", " \n ", "-", " - ", "–", "\t", "\r\n"]),
                       min_size=1, max_size=3).map("".join)


def _case(word, pattern):
    return "".join(ch.upper() if flag else ch.lower() for ch, flag in zip(word, pattern + [False] * len(word)))


def _strip_accents(word):
    decomposed = unicodedata.normalize("NFKD", word.replace("Ł", "L").replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@settings(max_examples=200, deadline=None)
@given(sep1=_SEPARATORS, sep2=_SEPARATORS, case=st.lists(st.booleans(), max_size=30),
       accents=st.sampled_from(["kept", "stripped", "decomposed"]),
       allowed=st.sampled_from([None, IdLevel.ANONYMOUS, IdLevel.FIRST_NAME]),
       before=st.sampled_from(["", "Thanks to ", "(", "“", "met\n"]), after=st.sampled_from(["", ".", "’s bike", ")"]))
def test_any_spelling_of_the_full_name_is_found(sep1, sep2, case, accents, allowed, before, after):
    first, middle, last = "Łukasz", "Nowak", "Wiśniewski"
    words = [first, middle, last]
    if accents == "stripped":
        words = [_strip_accents(word) for word in words]
    elif accents == "decomposed":
        words = [unicodedata.normalize("NFD", word) for word in words]
    written = _case(words[0] + sep1 + words[1] + sep2 + words[2], case)
    hits = matcher(allowed).find(f"In 2025 {before}{written}{after} joined us.")
    assert [item.story_id for item in hits] == ["s1"]
    assert "Wi" in hits[0].found or "wi" in hits[0].found.lower()


@settings(max_examples=100, deadline=None)
@given(case=st.lists(st.booleans(), max_size=10), accents=st.booleans(),
       invisible=st.sampled_from(["", "\u200b", "\u00ad", "\u200d"]))
def test_a_first_name_alone_is_found_in_any_case_and_accent_when_forbidden(case, accents, invisible):
    word = _case(_strip_accents("Łukasz") if accents else "Łukasz", case)
    word = word[:2] + invisible + word[2:]
    assert len(matcher(None).find(f"Then {word} said thank you.")) == 1
    assert matcher(IdLevel.FIRST_NAME).find(f"Then {word} said thank you.") == []


# -- no false alarms ------------------------------------------------------------------------------------
def test_words_inside_other_words_are_not_names():
    m = matcher(None, name="Ann Lee")
    assert found(m, "Annual planning, annotated; the leeway was small, the fleet sleek.") == []


@pytest.mark.parametrize("text, expected", [
    ("We will green the park and hope for the best.", []),
    ("Will you come? Green spaces matter.", []),
    ("We met Will on Monday.", ["Will"]),
    ("We met will green on Monday.", []),
    ("We met Will green on Monday.", ["Will green"]),
    ("WILL GREEN spoke at the event.", ["WILL GREEN"]),
])
def test_names_that_are_everyday_words_count_only_when_written_as_names(text, expected):
    assert "will" in COMMON_WORDS and "green" in COMMON_WORDS
    assert found(matcher(None, name="Will Green"), text) == expected


def test_someone_else_with_the_same_first_name_who_may_be_named_does_not_block_the_export():
    sam = NamedStory("s2", "Sam's story", "Sam Jones", "", IdLevel.NAMED)
    m = matcher(None, name="Sam Patel", others=[sam])
    assert found(m, "Sam Jones finished the course. Sam said it changed everything.") == []
    assert found(m, "Sam Patel finished the course.") == ["Sam Patel"]
    assert found(m, "Patel finished the course.") == ["Patel"]


def test_a_first_name_followed_by_another_surname_is_someone_else():
    m = matcher(None, name="Priya Sharma")
    assert found(m, "Signed: Priya Bassi, director.") == []
    assert found(m, "Priya\nSharma came along.") == ["Priya\nSharma"]
    assert found(m, "Priya came along.") == ["Priya"]


def test_punctuation_breaks_a_name():
    m = matcher(IdLevel.FIRST_NAME, name="Sam Patel")
    assert found(m, "Sam, Patel Road and the market.") == ["Patel"]  # the surname alone still counts
    assert found(m, "Sam came with us.") == []


def test_nothing_named_nothing_found_and_an_empty_file():
    assert ExposureMatcher([]).find("Łukasz Nowak") == []
    assert matcher(IdLevel.NAMED).find("Łukasz Nowak-Wiśniewski") == []
    assert len(matcher(IdLevel.NAMED)) == 0
    assert matcher(None).find("") == []


def test_the_message_names_the_story_what_was_found_and_why():
    hits = matcher(None).find("Łukasz\nNOWAK-wisniewski came back.")
    text = describe(hits, "tender answer")
    assert "Nothing was written" in text and "tender answer" in text
    assert "“Łukasz NOWAK-wisniewski”" in text and "“From the sofa to the workshop floor”" in text
    assert "may not be named at all" in text and "consent was withdrawn on 10 Feb 2026" in text


def test_one_exposure_per_story_in_text_order():
    other = NamedStory("s2", "Zoë's commute", "Zoë Clarke", "", IdLevel.ANONYMOUS, "")
    m = matcher(None, others=[other])
    hits = m.find("Zoe Clarke and Łukasz. Later Łukasz again, and ZOË.")
    assert [item.story_id for item in hits] == ["s2", "s1"]


@pytest.mark.parametrize("text", ["Jurgen WEISS came.", "Jürgen Weiß came.", "Straße: jürgen weiss came.",
                                  "Die Straße, wo Jürgen\nWeiß wohnt."])
def test_letters_that_fold_into_two_are_found_either_way(text):
    m = matcher(None, name="Jürgen Weiß")
    assert len(m.find(text)) == 1 and "rgen" in m.find(text)[0].found


def test_a_long_document_finds_a_name_near_its_end():
    m = matcher(IdLevel.FIRST_NAME)
    text = "We fixed bikes all week. " * 4000 + "Łukasz\nNowak-Wiśniewski said thanks."
    assert found(m, text) == ["Łukasz\nNowak-Wiśniewski"]


# -- punctuation that folds into more than one character -------------------------------------------
@pytest.mark.parametrize("mark", ["…", "‥", "⁇", "‼"])
def test_punctuation_folding_into_several_characters_keeps_the_quick_path_and_the_finds(mark):
    from svdesk.domain.exposure_words import prepare

    text = f"We thank Łukasz{mark}Nowak-Wiśniewski{mark} and ŁUKASZ {mark} too{mark}"
    prepared = prepare(text)
    assert prepared.folded is not None and len(prepared.folded) == len(prepared.text)
    assert prepared.words == {"we", "thank", "lukasz", "nowak", "wisniewski", "and", "too"}
    # The mark joins no name: "Łukasz…Nowak" is two runs, as it is when written with a full stop.
    assert found(matcher(IdLevel.FIRST_NAME), text) == found(matcher(IdLevel.FIRST_NAME), text.replace(mark, "."))
    assert found(matcher(None), text) == ["Łukasz"]
    # A letter that folds into two still takes the word-by-word path (positions would shift).
    assert prepare(f"Straße{mark} Łukasz").folded is None
