"""The exposure check's shortcut for words many stories share (a common first name, a pseudonym
such as "Sam"): a story whose only words in the text are such words, none joined to another of
its words there, is read only when no story may be named by them alone. These tests compare the
check as exports run it with a plain reference that reads and decides every story of the file,
over names that share words, every consent state, every spelling, and consent changed between
two checks: the shortcut must never let a name through that the reference finds, nor find one it
does not."""

import datetime as dt
import unicodedata
from contextlib import contextmanager
from dataclasses import replace
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from svdesk.domain.consent import Consent, IdLevel, Method, Use
from svdesk.domain.exposure import ExposureMatcher, joined_runs, prepare
from svdesk.store import exposure_repo
from svdesk.store.exposure_repo import FileMatcher

TODAY = dt.date(2026, 11, 22)
FIRST = ("Priya", "Łukasz", "Zoë", "Will", "Sam", "Jo")
LAST = ("Sharma", "Nowak", "Evans", "Green", "O'Brien", "Sam")
PSEUDONYM = ("", "", "Sam", "Jo", "Alex", "Priya")
STATES = ("named", "first name", "anonymous", "withdrawn", "withdrawn later", "expired", "no consent",
          "internal only", "given later", "in the bin", "health, not explicit")
USES = ((Use.PUBLIC_REPORTS,), (Use.TENDERS_FUNDERS,), (Use.INTERNAL,), (Use.TENDERS_FUNDERS, Use.WEBSITE_SOCIAL))
SEPARATORS = (" ", "  ", "\n", "-", " - ", "’s ", "'", ", ", ". ", " and ", " met ", "\u200b ")
FILLER = ("thanks", "will", "Will", "met", "We", "the", "park", "May", "green")


def _save(workspace, story_id, state):
    consent = Consent(given=True, given_on=dt.date(2025, 9, 2), method=Method.SIGNED_FORM, uses=frozenset(Use),
                      level=IdLevel.NAMED)
    changes = {"level": IdLevel.NAMED, "special_categories": frozenset()}
    if state == "first name":
        consent = replace(consent, level=IdLevel.FIRST_NAME)
    elif state == "anonymous":
        changes["level"] = IdLevel.ANONYMOUS
    elif state == "withdrawn":
        consent = replace(consent, withdrawn_on=dt.date(2026, 10, 1))
    elif state == "withdrawn later":
        consent = replace(consent, withdrawn_on=dt.date(2027, 1, 1))
    elif state == "expired":
        consent = replace(consent, expires_on=dt.date(2026, 3, 31))
    elif state == "no consent":
        consent = Consent()
    elif state == "internal only":
        consent = replace(consent, uses=frozenset({Use.INTERNAL}))
    elif state == "given later":
        consent = replace(consent, given_on=dt.date(2026, 12, 1))
    elif state == "health, not explicit":
        changes["special_categories"] = frozenset({"health"})
    workspace.stories.update(story_id, **changes)
    workspace.stories.save_consent(story_id, consent)
    binned = workspace.file.query_one("SELECT deleted_at FROM stories WHERE id = ?", [story_id])["deleted_at"]
    if state == "in the bin" and binned is None:
        workspace.stories.remove(story_id)
    elif state != "in the bin" and binned is not None:
        workspace.stories.restore(story_id)


def _spell(word, how):
    if how & 1:
        word = word.upper()
    elif how & 2:
        word = word.lower()
    if how & 4:
        word = "".join(ch for ch in unicodedata.normalize("NFKD", word.replace("Ł", "L").replace("ł", "l"))
                       if not unicodedata.combining(ch))
    return word


@contextmanager
def _few(number):
    """The number of stories up to which a word's stories are all read: 0 makes every word shared."""
    with mock.patch.object(exposure_repo, "_FEW", number):
        yield


def _reference(workspace, uses, text):
    """Every story of the file read and decided, whatever the text: what the check must find."""
    everyone = FileMatcher(workspace.file, uses, TODAY, indexed=False)
    everyone.find("x")
    return ExposureMatcher(story for _row, story in everyone._read.values()).find(text)


def _as_found(exposures):
    return sorted((item.story_id, item.found, item.allowed, item.reason) for item in exposures)


def _compare(workspace, text):
    for uses in USES:
        expected = _as_found(_reference(workspace, uses, text))
        assert _as_found(workspace.exposure.matcher(uses, TODAY).find(text)) == expected, (uses, text)


_people = st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(PSEUDONYM),
                             st.sampled_from(STATES)), min_size=1, max_size=9)
_words = st.one_of(st.sampled_from(FIRST + LAST + PSEUDONYM[2:]), st.sampled_from(FILLER))
_text = st.lists(st.tuples(_words, st.integers(0, 7), st.sampled_from(SEPARATORS)), min_size=1, max_size=10)


@settings(max_examples=50, deadline=None)
@given(people=_people, text=_text, changes=st.lists(st.tuples(st.integers(0, 8), st.sampled_from(STATES)),
                                                    max_size=3), few=st.sampled_from([0, 1, 2, 8]))
def test_the_check_finds_what_reading_every_story_finds(people, text, changes, few):
    from svdesk.store.workspace import memory_workspace

    written = "We thank " + "".join(_spell(word, how) + separator for word, how, separator in text) + "today."
    workspace = memory_workspace()
    try:
        ids = []
        for first, last, pseudonym, state in people:
            story = workspace.stories.new(f"{first}'s story", dt.date(2025, 9, 1))
            workspace.stories.update(story.id, person_name=f"{first} {last}", pseudonym=pseudonym)
            _save(workspace, story.id, state)
            ids.append(story.id)
        with _few(few):
            _compare(workspace, written)
            for number, state in changes:  # consent changed after a check: decided again
                _save(workspace, ids[number % len(ids)], state)
                _compare(workspace, written)
    finally:
        workspace.close()


@settings(max_examples=50, deadline=None)
@given(people=_people, picks=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 7), st.sampled_from(SEPARATORS),
                                                 st.sampled_from(SEPARATORS), st.booleans()), min_size=1, max_size=4),
       changes=st.lists(st.tuples(st.integers(0, 8), st.sampled_from(STATES)), max_size=2),
       few=st.sampled_from([0, 1, 2]))
def test_names_of_the_files_people_are_found_as_reading_every_story_finds(people, picks, changes, few):
    """The text names the file's own people: their full names, first name and pseudonym, joined
    in every way, so that runs of shared words are there to be found."""
    from svdesk.store.workspace import memory_workspace

    parts = []
    for number, how, between, after, pseudonym in picks:
        first, last, other, _state = people[number % len(people)]
        parts.append(_spell(first, how) + between + _spell(other if pseudonym and other else last, how >> 1) + after)
    written = "Thanks to " + "".join(parts) + "today."
    workspace = memory_workspace()
    try:
        ids = []
        for first, last, pseudonym, state in people:
            story = workspace.stories.new(f"{first}'s story", dt.date(2025, 9, 1))
            workspace.stories.update(story.id, person_name=f"{first} {last}", pseudonym=pseudonym)
            _save(workspace, story.id, state)
            ids.append(story.id)
        with _few(few):
            _compare(workspace, written)
            for number, state in changes:
                _save(workspace, ids[number % len(ids)], state)
                _compare(workspace, written)
    finally:
        workspace.close()


def test_a_full_name_nobody_may_be_named_by_is_found_though_each_word_alone_may_be(workspace):
    # Priya may be named (Priya Nowak) and Sharma may be (Zoë Sharma), but nobody may be named
    # "Priya Sharma": the Priya Sharma who is anonymous is found.
    ids = _people_named(workspace, [(("Priya Nowak", ""), "named"), (("Zoë Sharma", ""), "named"),
                                    (("Priya Sharma", ""), "anonymous"), (("Priya Sharma", ""), "withdrawn")] +
                        [((f"Priya Evans{n}", ""), "named") for n in range(4)])
    text = "We thank PRIYA\nsharma and Priya."
    with _few(1):
        found = workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find(text)
        assert {item.story_id for item in found} == {ids[2], ids[3]}
        assert _as_found(found) == _as_found(_reference(workspace, (Use.PUBLIC_REPORTS,), text))
    # Once one Priya Sharma may be named, the run names nobody.
    _save(workspace, ids[3], "named")
    with _few(1):
        assert workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find(text) == []
        assert _reference(workspace, (Use.PUBLIC_REPORTS,), text) == []


def test_part_of_a_longer_name_is_found_for_the_person_named_by_that_part(workspace):
    # "Dafydd ap Gwyn" may be named; "Dafydd ap" (someone whose name stops there) may not.
    ids = _people_named(workspace, [(("Dafydd ap Gwyn", ""), "named"), (("Dafydd ap Rhys", ""), "anonymous"),
                                    (("Dafydd ap Gwyn", ""), "withdrawn later")])
    text = "Thanks to Dafydd ap Gwyn."
    with _few(0):
        found = workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find(text)
        assert [item.story_id for item in found] == [ids[1]]
        assert _as_found(found) == _as_found(_reference(workspace, (Use.PUBLIC_REPORTS,), text))


def _people_named(workspace, names):
    ids = []
    for (name, pseudonym), state in names:
        story = workspace.stories.new(f"{name}'s story", dt.date(2025, 9, 1))
        workspace.stories.update(story.id, person_name=name, pseudonym=pseudonym)
        _save(workspace, story.id, state)
        ids.append(story.id)
    return ids


def test_a_shared_word_alone_is_not_read_once_someone_may_be_named_by_it(workspace):
    ids = _people_named(workspace, [(("Priya Sharma", "Sam"), "named")] +
                        [((f"Priya Nowak{n}", "Sam"), "withdrawn") for n in range(12)])
    with _few(4):
        matcher = workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY)
        assert matcher.find("Thanks, Priya, and thanks Sam.") == []
        assert len(matcher._read) <= 4  # not the twelve who may not be named
        found = matcher.find("Thanks to Priya Nowak3.")
        assert [item.story_id for item in found] == [ids[4]]


def test_a_shared_word_written_twice_in_a_row_is_checked_for_everyone(workspace):
    # "Sam Sam" is a run of two words: a person called Sam Sam (or Sam Sam0, anonymous) may not be
    # named, though Sam alone names nobody (one Sam may be named).
    ids = _people_named(workspace, [(("Sam Sharma", ""), "named")] +
                        [((f"Sam Sam{n}", ""), "anonymous") for n in range(3)] +
                        [(("Sam Sam", ""), "withdrawn")] + [((f"Sam Evans{n}", ""), "named") for n in range(6)])
    assert joined_runs(prepare("Sam-sam\nand SAM"), {"sam"}) == {("sam", "sam")}
    with _few(2):
        found = workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find("Thanks to SAM\nsam.")
        assert {item.story_id for item in found} == set(ids[1:5])
        assert _as_found(found) == _as_found(_reference(workspace, (Use.PUBLIC_REPORTS,), "Thanks to SAM\nsam."))


def test_two_shared_words_joined_are_checked_for_the_stories_with_both(workspace):
    ids = _people_named(workspace, [(("Jo Green", "Alex"), "named"), (("Alex Nowak", "Jo"), "named")] +
                        [((f"Jo Evans{n}", "Alex"), "anonymous") for n in range(5)] +
                        [((f"Alex Sharma{n}", ""), "named") for n in range(5)])
    with _few(3):
        matcher = workspace.exposure.matcher((Use.TENDERS_FUNDERS,), TODAY)
        assert matcher.find("Jo met Alex.") == []
        found = matcher.find("Thanks to Jo-Alex and JO ALEX.")
        # "Jo Alex" is a run of the name and pseudonym of the five who may only be described.
        assert {item.story_id for item in found} == set(ids[2:7])
        assert _as_found(found) == _as_found(_reference(workspace, (Use.TENDERS_FUNDERS,), "Thanks to Jo-Alex and JO ALEX."))
    assert joined_runs(prepare("Jo-Alex, jo. Alex"), {"jo", "alex"}) == {("jo", "alex")}
    assert joined_runs(prepare("Jo Alex Jo, Sam-Jo\nAlex. Ƨ Straße"), {"jo", "alex"}) == {("jo", "alex", "jo"), ("jo", "alex")}
    assert joined_runs(prepare("Jo Alex Jo, Sam-Jo\nAlex. Straße"), {"jo", "alex"}) == {("jo", "alex", "jo"), ("jo", "alex")}


def test_when_nobody_may_be_named_by_a_shared_word_every_story_of_it_is_read(workspace):
    ids = _people_named(workspace, [((f"Zoë Evans{n}", ""), "withdrawn") for n in range(10)])
    with _few(2):
        found = workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find("We thank ZOE today.")
    assert {item.story_id for item in found} == set(ids)


def test_a_story_changed_behind_the_repositorys_back_is_not_taken_as_allowed(workspace):
    ids = _people_named(workspace, [((f"Ffion Evans{n}", ""), "withdrawn") for n in range(6)] +
                        [(("Ffion Green", ""), "named")])
    with workspace.file.write("by hand") as db:  # the one who could be named is withdrawn by hand
        db.execute("UPDATE story_consents SET withdrawn_on = '2026-01-01' WHERE story_id = ?", [ids[-1]])
    with _few(2):
        found = workspace.exposure.matcher((Use.PUBLIC_REPORTS,), TODAY).find("Thanks, Ffion.")
    assert {item.story_id for item in found} == set(ids)
