"""Stories in the file: saving, search, consent, the use log, withdrawal, dump/load."""

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svdesk.domain.consent import Consent, ConsentRefused, ConsentState, IdLevel, Method, Use
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.store.dump import dump_file, load_file, to_json, validate
from svdesk.domain.textfold import fold
from svdesk.store.stories_search import StoryFilter

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def stories(workspace):
    workspace.stories._today = lambda: TODAY
    return workspace.stories


def full_consent(**changes):
    values = dict(given=True, given_on=dt.date(2025, 1, 10), method=Method.SIGNED_FORM, recorded_by="Amara",
                  uses=frozenset(Use), level=IdLevel.NAMED, explicit=True)
    values.update(changes)
    return Consent(**values)


def make(stories, title, **fields):
    story = stories.new(title, fields.pop("story_date", dt.date(2025, 5, 1)))
    fields.setdefault("after", "Things changed.")
    return stories.update(story.id, **fields)


def titles(found):
    return [item.title for item in found]


def test_new_story_is_a_draft_without_consent(stories):
    story = stories.new("First ride")
    assert story.status == "draft" and story.story_date == TODAY
    assert stories.consent_for(story.id) == Consent()
    assert stories.summaries([story.id])[0].consent_state is ConsentState.NONE


def test_ready_needs_a_complete_story(stories):
    story = stories.new("")
    with pytest.raises(ValidationError) as error:
        stories.update(story.id, status="ready")
    assert "title" in str(error.value)
    assert stories.get(story.id).status == "draft"


def test_search_folds_accents_and_stroked_letters(stories):
    make(stories, "Łukasz builds a wheel", quote="Najlepszy dzień — I built it myself")
    make(stories, "Zoë's first commute", keywords=("Bordesley Green",))
    make(stories, "Siân joins the volunteers", before="Roedd hi'n swil — she was shy")
    make(stories, "Straße and Øyvind", after="Æsop's ŒUVRE, đak")
    assert titles(stories.search("lukasz")) == ["Łukasz builds a wheel"]
    assert titles(stories.search("ŁUKASZ")) == ["Łukasz builds a wheel"]
    assert titles(stories.search("zoe")) == ["Zoë's first commute"]
    assert titles(stories.search("sian")) == ["Siân joins the volunteers"]
    assert titles(stories.search("strasse oyvind aesop oeuvre dak")) == ["Straße and Øyvind"]
    assert titles(stories.search("dzien")) == ["Łukasz builds a wheel"]  # from the quote
    assert titles(stories.search("bordesley")) == ["Zoë's first commute"]  # from a tag
    assert titles(stories.search("swil")) == ["Siân joins the volunteers"]


def test_prefix_matching_while_typing(stories):
    make(stories, "Mechanics course", after="She passed the Cytech assessment")
    for typed in ("c", "cy", "cyt", "cytec", "Cytech"):
        assert titles(stories.search(typed)) == ["Mechanics course"], typed


@pytest.mark.parametrize("typed", ['"AND OR (', "*", "NEAR(", 'NEAR("a" "b")', '"unbalanced', "🚲", "🚲 bike 🙂",
                                   "", "   ", "AND", "OR", "NOT", ")", "(((", "a:b", "title:bike", "^bike", "-bike",
                                   "bike*", "'; DROP TABLE stories; --", "\x00", "e\u0301", "x" * 5000])
def test_hostile_queries_never_raise(stories, typed):
    make(stories, "Bike and NEAR the AND road", quote="OR not")
    found = stories.search(typed)
    assert isinstance(found, list)


def test_keywords_in_query_are_plain_words(stories):
    make(stories, "Cycling and safety")
    make(stories, "Only cycling")
    assert titles(stories.search("and")) == ["Cycling and safety"]
    assert set(titles(stories.search(""))) == {"Cycling and safety", "Only cycling"}


def test_person_names_are_searchable_but_not_shown(stories):
    story = make(stories, "A story", person_name="Gwenllïan Rhys", pseudonym="Gwen")
    assert [item.id for item in stories.search("gwenllian")] == [story.id]
    assert [item.id for item in stories.search("gwen")] == [story.id]


def test_search_updates_and_removed_stories_disappear(stories):
    story = make(stories, "Old title")
    stories.update(story.id, title="New title")
    assert titles(stories.search("old")) == []
    assert titles(stories.search("new")) == ["New title"]
    stories.remove(story.id)
    assert stories.search("new") == [] and stories.count() == 0
    stories.restore(story.id)
    assert titles(stories.search("new")) == ["New title"]


def test_filters(stories):
    draft = make(stories, "Draft one", story_date=dt.date(2024, 6, 1))
    ready = make(stories, "Ready one", status="ready", story_date=dt.date(2025, 6, 1))
    expired = make(stories, "Expired one", status="ready", story_date=dt.date(2026, 6, 1))
    withdrawn = make(stories, "Withdrawn one", status="ready", story_date=dt.date(2026, 7, 1))
    stories.save_consent(ready.id, full_consent())
    stories.save_consent(expired.id, full_consent(expires_on=dt.date(2026, 3, 31)))
    stories.save_consent(withdrawn.id, full_consent())
    stories.withdraw(withdrawn.id, dt.date(2026, 9, 1), "Asked us by phone")
    assert titles(stories.search("one", StoryFilter(status="draft"))) == ["Draft one"]
    by_state = {state: titles(stories.search("", StoryFilter(consent=state))) for state in ConsentState}
    assert by_state == {ConsentState.NONE: ["Draft one"], ConsentState.CURRENT: ["Ready one"],
                        ConsentState.EXPIRED: ["Expired one"], ConsentState.WITHDRAWN: ["Withdrawn one"]}
    assert titles(stories.search("", StoryFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2026, 6, 30)))) == [
        "Expired one", "Ready one"]
    assert stories.state_counts()[ConsentState.WITHDRAWN] == 1
    assert stories.status_counts() == {"draft": 1, "ready": 3}


def indicator(workspace, name):
    from svdesk.domain.measures import Indicator, Unit

    return workspace.indicators.add(Indicator(name=name, unit=Unit.PEOPLE)).id


def test_indicator_links_and_filter(stories, workspace):
    first, second = indicator(workspace, "Trainees in work"), indicator(workspace, "Bikes repaired")
    story = make(stories, "Linked")
    make(stories, "Not linked")
    stories.set_indicators(story.id, [first, second, first])
    assert stories.indicators_for(story.id) == [first, second]
    assert titles(stories.search("", StoryFilter(indicator_id=second))) == ["Linked"]
    assert titles(stories.stories_for_indicator(first)) == ["Linked"]
    stories.set_indicators(story.id, [second])
    assert stories.indicators_for(story.id) == [second]


def test_indicator_links_are_checked(stories, workspace):
    story = make(stories, "Linked")
    with pytest.raises(SvdeskError, match="no longer in the file"):
        stories.set_indicators(story.id, ["no-such-indicator"])
    gone = indicator(workspace, "Soon deleted")
    workspace.indicators.delete(gone)
    with pytest.raises(SvdeskError, match="no longer in the file"):
        stories.set_indicators(story.id, [gone])
    assert stories.indicators_for(story.id) == []


def test_usable_for_applies_the_rule_and_renders(stories):
    ok = make(stories, "Łukasz's wheel", status="ready", level=IdLevel.NAMED, person_name="Łukasz Nowak",
              quote="Łukasz here: I did it")
    stories.save_consent(ok.id, full_consent(uses=frozenset({Use.TENDERS_FUNDERS}), level=IdLevel.ANONYMOUS))
    draft = make(stories, "Draft")
    stories.save_consent(draft.id, full_consent())
    internal = make(stories, "Internal only", status="ready")
    stories.save_consent(internal.id, full_consent(uses=frozenset({Use.INTERNAL})))
    found = stories.usable_for(Use.TENDERS_FUNDERS, TODAY)
    assert [item.story_id for item in found] == [ok.id]
    assert found[0].level is IdLevel.ANONYMOUS
    assert "Łukasz" not in found[0].quote and "Nowak" not in found[0].who and found[0].warnings
    assert stories.usable_for(Use.TENDERS_FUNDERS, TODAY, story_ids=[draft.id]) == []
    refused = dict((summary.title, decision) for summary, decision in stories.decisions_for(Use.TENDERS_FUNDERS, TODAY))
    assert "draft" in refused["Draft"].explain() and "does not cover" in refused["Internal only"].explain()
    assert stories.check_use(ok.id, Use.TENDERS_FUNDERS, TODAY, IdLevel.NAMED).level is IdLevel.ANONYMOUS


def test_use_log_and_withdrawal(stories):
    story = make(stories, "Zoë rides to work", status="ready")
    stories.save_consent(story.id, full_consent())
    stories.record_use(story.id, Use.TENDERS_FUNDERS, "Tender: Youth cycling 2026", dt.date(2026, 3, 3))
    stories.record_use(story.id, Use.WEBSITE_SOCIAL, "Website: our stories page", dt.date(2026, 4, 1))
    assert stories.summaries([story.id])[0].use_count == 2
    used = stories.withdraw(story.id, dt.date(2026, 10, 1), "E-mailed us")
    assert [use.describe() for use in used] == [
        "“Tender: Youth cycling 2026” (tenders and funders, 3 Mar 2026)",
        "“Website: our stories page” (website and social media, 1 Apr 2026)",
    ]
    assert stories.usable_for(Use.WEBSITE_SOCIAL, TODAY) == []
    assert stories.usable_for(Use.INTERNAL, TODAY) == []
    with pytest.raises(ConsentRefused, match="withdrawn on 1 Oct 2026"):
        stories.record_use(story.id, Use.INTERNAL, "Board report", TODAY)
    # Before the withdrawal it was fine (an export dated back then is still explained correctly).
    assert stories.check_use(story.id, Use.INTERNAL, dt.date(2026, 9, 30))
    assert len(stories.uses_of(story.id)) == 2


def test_record_use_needs_a_document_name(stories):
    story = make(stories, "x", status="ready")
    stories.save_consent(story.id, full_consent())
    with pytest.raises(SvdeskError, match="which document"):
        stories.record_use(story.id, Use.INTERNAL, "  ", TODAY)


def test_deleted_story_is_never_usable(stories):
    story = make(stories, "Binned", status="ready")
    stories.save_consent(story.id, full_consent())
    stories.remove(story.id)
    assert stories.usable_for(Use.INTERNAL, TODAY) == []
    assert "in the bin" in stories.check_use(story.id, Use.INTERNAL, TODAY).explain()
    with pytest.raises(ConsentRefused):
        stories.record_use(story.id, Use.INTERNAL, "Report", TODAY)


def test_consultations(workspace):
    from svdesk.domain.consultations import Method as How
    from svdesk.domain.consultations import Stakeholder

    repo = workspace.consultations
    first = repo.add(dt.date(2025, 5, 10), "Trainee survey")
    repo.save(type(first)(**{**first.__dict__, "who": (Stakeholder.SERVICE_USERS, Stakeholder.STAFF),
                             "how": How.SURVEY, "people": 23, "heard": "Evening sessions wanted"}))
    repo.add(dt.date(2026, 5, 1), "Later")
    found = repo.between(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert [item.title for item in found] == ["Trainee survey"]
    assert found[0].who_text() == "service users and staff" and found[0].how_text() == "a survey"
    repo.remove(first.id)
    assert repo.between(dt.date(2025, 4, 1), dt.date(2026, 3, 31)) == []
    repo.restore(first.id)
    assert repo.count() == 2
    with pytest.raises(ValidationError):
        repo.save(type(first)(**{**first.__dict__, "people": -1}))


def test_dump_round_trip_with_stories(file_workspace, tmp_path):
    stories = file_workspace.stories
    story = make(stories, "Siân's story", status="ready", person_name="Siân Evans", keywords=("Digbeth", "ŵyr"),
                 special_categories=frozenset({"health"}), about_child=True)
    stories.save_consent(story.id, full_consent())
    stories.set_indicators(story.id, [indicator(file_workspace, "Trainees in work")])
    stories.record_use(story.id, Use.PUBLIC_REPORTS, "CIC34 2025/26", dt.date(2026, 6, 1))
    file_workspace.attachments.add("stories", story.id, "form.pdf", b"%PDF-1.4 signed", role="consent_form")
    file_workspace.consultations.add(dt.date(2025, 9, 9), "Open day")
    data = dump_file(file_workspace.file)
    assert validate(data) == []
    load_file(json.loads(to_json(data)), tmp_path / "copy.svdesk")
    from svdesk.store.workspace import open_workspace

    copy = open_workspace(tmp_path / "copy.svdesk")
    try:
        assert to_json(dump_file(copy.file)) == to_json(data)
        assert [item.title for item in copy.stories.search("sian")] == ["Siân's story"]  # index rebuilt
        assert copy.stories.consent_for(story.id).explicit
    finally:
        copy.close()


def test_dump_validation_lists_problems(file_workspace):
    story = make(file_workspace.stories, "x")
    data = dump_file(file_workspace.file)
    section = data["stories"]
    section["stories"][0]["level"] = "famous"
    section["stories"][0]["story_date"] = "yesterday"
    section["consents"][0]["uses"] = ["billboards"]
    section["uses"].append({"id": "u", "story_id": "nope", "use": "internal", "document": "", "used_on": "2026-01-01",
                            "level": "named", "created_at": "x", "updated_at": "x"})
    data["consultations"] = [{"id": "c", "created_at": "x", "updated_at": "x", "who": ["aliens"], "people": -2}]
    problems = validate(data)
    for expected in ("stories.stories[0].level", "stories.stories[0].story_date", "stories.consents[0].uses",
                     "stories.uses[0].story_id", "stories.uses[0].document", "consultations[0].who",
                     "consultations[0].people"):
        assert any(problem.startswith(expected) for problem in problems), (expected, problems)
    assert story.id


def test_demo_is_consistent(demo_workspace):
    """Every use in the demo's log was allowed on the day; the mix of consent states is there."""
    stories = demo_workspace.stories
    stories._today = lambda: TODAY
    for summary in stories.search(""):
        for use in stories.uses_of(summary.id):
            decision = stories.check_use(summary.id, use.use, use.used_on, use.level)
            assert decision, (summary.title, use, decision.reasons)
            assert decision.level is use.level
    states = stories.state_counts()
    assert states == {ConsentState.CURRENT: 9, ConsentState.NONE: 2, ConsentState.EXPIRED: 1,
                      ConsentState.WITHDRAWN: 1}
    usable = {item.title: item for item in stories.usable_for(Use.PUBLIC_REPORTS, TODAY)}
    anonymous = usable["A reason to get up in the morning"]
    assert anonymous.level is IdLevel.ANONYMOUS and anonymous.who == "a young man from Small Heath, 18"
    assert "Mohammed" not in str(anonymous) and "Rahman" not in str(anonymous)
    assert "Getting back on track after a hard year" not in usable  # withdrawn
    assert "A family bike for the school run" not in usable  # expired
    assert "Aisha earns her bike maintenance badge" in usable  # a child, explicit parental consent
    assert "A loan bike gets Yusuf to college" not in usable  # a child, no consent yet
    web = {item.title for item in stories.usable_for(Use.WEBSITE_SOCIAL, TODAY)}
    assert web == {"Zoë's commute to the night shift", "Aisha earns her bike maintenance badge",
                   "Bikes for the food bank volunteers", "Back in work after redundancy"}
    zoe = next(item for item in stories.usable_for(Use.WEBSITE_SOCIAL, TODAY) if item.who == "Zoë Clarke")
    assert len(zoe.photo_ids) == 1  # her photo; the consent form attached elsewhere is never offered
    lukasz = next(item for item in usable.values() if item.title == "From the sofa to the workshop floor")
    assert lukasz.photo_ids == () and lukasz.who == "Łukasz"
    consultations = demo_workspace.consultations
    assert len(consultations.between(dt.date(2024, 4, 1), dt.date(2025, 3, 31))) == 2
    assert len(consultations.between(dt.date(2025, 4, 1), dt.date(2026, 3, 31))) == 2


@pytest.fixture(scope="module")
def shared_stories():
    from svdesk.store.workspace import memory_workspace

    ws = memory_workspace()
    story = ws.stories.new("Łukasz and Zoë at the Saturday drop-in", dt.date(2025, 5, 1))
    ws.stories.update(story.id, quote="Dw i wrth fy modd — dziękuję!", after="Siân's wheel 🚲")
    yield ws.stories
    ws.close()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_no_query_can_cause_an_error(shared_stories, typed):
    assert isinstance(shared_stories.search_ids(typed), list)


letters = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzłøđæœßàéîõüŵŷâńśźżąę"), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(letters, st.sampled_from([str.upper, str.lower, str.title, fold]))
def test_every_word_of_a_story_finds_it(workspace, word, variant):
    story = workspace.stories.new(f"About {word}", dt.date(2025, 5, 1))
    found = workspace.stories.search_ids(variant(word))
    assert story.id in found


def test_decisions_are_remembered_only_while_the_file_is_unchanged(file_workspace):
    from svdesk.store.workspace import reader_workspace

    stories = file_workspace.stories
    story = make(stories, "Bikes for the food bank", status="ready")
    first = stories.decisions_for(Use.TENDERS_FUNDERS, TODAY)
    assert not dict((summary.title, decision.allowed) for summary, decision in first)["Bikes for the food bank"]
    assert stories.decisions_for(Use.TENDERS_FUNDERS, TODAY) == first  # remembered...
    stories.save_consent(story.id, full_consent())  # ...until a change through this connection
    assert stories.decisions_for(Use.TENDERS_FUNDERS, TODAY)[0][1].allowed
    assert stories.decisions_for(Use.TENDERS_FUNDERS, TODAY + dt.timedelta(days=1))[0][1].allowed

    reader = reader_workspace(file_workspace.path)  # another connection sees the same...
    try:
        assert reader.stories.decisions_for(Use.TENDERS_FUNDERS, TODAY)[0][1].allowed
        stories.withdraw(story.id, TODAY, "Asked us to stop")  # ...and a change made elsewhere
        assert not reader.stories.decisions_for(Use.TENDERS_FUNDERS, TODAY)[0][1].allowed
    finally:
        reader.close()


def test_decisions_for_several_questions_are_remembered_together(file_workspace, monkeypatch):
    """The Tenders page (every story) and the CIC34 and Summary pages (one year, other uses) ask
    in turn: one page's question must not evict another's answer while the file is unchanged."""
    stories = file_workspace.stories
    make(stories, "Bikes for the food bank", status="ready")
    questions = [dict(use=Use.TENDERS_FUNDERS, on_date=TODAY),
                 dict(use=Use.PUBLIC_REPORTS, on_date=TODAY, date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31)),
                 dict(use=Use.WEBSITE_SOCIAL, on_date=TODAY, date_from=dt.date(2025, 4, 1), date_to=dt.date(2026, 3, 31))]
    first = [stories.decisions_for(**question) for question in questions]
    reads = []
    monkeypatch.setattr(stories, "_facts", lambda ids: reads.append(ids) or {})
    for _ in range(3):
        assert [stories.decisions_for(**question) for question in questions] == first
    assert reads == []  # every answer came from memory
    stories.new("Another")  # a change: every answer is worked out again
    stories.decisions_for(**questions[0])
    assert len(reads) == 1


def test_decisions_worked_out_inside_a_write_are_not_remembered(file_workspace):
    stories = file_workspace.stories
    make(stories, "Kept", status="ready")
    with pytest.raises(RuntimeError):
        with file_workspace.file.write("test"):
            make(stories, "Rolled back", status="ready")
            assert len(stories.decisions_for(Use.TENDERS_FUNDERS, TODAY)) == 2
            raise RuntimeError("undo everything")
    assert [summary.title for summary, _ in stories.decisions_for(Use.TENDERS_FUNDERS, TODAY)] == ["Kept"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=14),
       query=st.sampled_from(["", "wheel", "gear", "xyzzy"]), page=st.integers(1, 5))
def test_paged_search_agrees_with_the_whole_result(stories, days, query, page):
    """Pages, counts and positions come from SQL (the list never reads every id): whatever the
    dates (ties, stories with no date), they agree with reading the whole result at once."""
    for story_id in stories.search_ids():
        stories.remove(story_id)  # the bin: never listed
    for number, day in enumerate(days):
        story = stories.new(f"Story {number}", None if day is None else dt.date(2025, 5, 1) + dt.timedelta(days=day))
        stories.update(story.id, after="A wheel and a gear." if number % 2 else "A gear.")
    whole = stories.search_ids(query)
    paged = []
    while len(paged) < len(whole) + page:
        chunk = stories.search_ids(query, limit=page, offset=len(paged))
        paged += chunk
        if len(chunk) < page:
            break
    assert paged == whole
    assert stories.count_matches(query) == len(whole)
    assert stories.count_matches(query, cap=2) == min(2, len(whole))
    for position, story_id in enumerate(whole):
        assert stories.position_of(story_id, query) == position
    not_listed = [s for s in stories.search_ids() if s not in whole]
    assert all(stories.position_of(story_id, query) is None for story_id in not_listed)


def test_usable_for_chosen_stories_keeps_the_list_order_and_follows_changes(stories):
    older = make(stories, "Older", status="ready", story_date=dt.date(2024, 1, 1))
    newer = make(stories, "Newer", status="ready", story_date=dt.date(2025, 6, 1))
    draft = make(stories, "Still a draft", story_date=dt.date(2025, 7, 1))
    for story in (older, newer, draft):
        stories.save_consent(story.id, full_consent())
    chosen = [older.id, "no-such-story", draft.id, newer.id, older.id]
    assert [s.story_id for s in stories.usable_for(Use.TENDERS_FUNDERS, TODAY, story_ids=chosen)] == [newer.id, older.id]
    assert stories.usable_ids(Use.TENDERS_FUNDERS, TODAY) == [newer.id, older.id]
    # Remembered for every story, then asked again for a few: still the rule's answer.
    assert stories.usable_ids(Use.TENDERS_FUNDERS, TODAY, story_ids=[older.id, draft.id]) == [older.id]
    stories.withdraw(newer.id, dt.date(2026, 10, 1), "Asked us to stop")
    assert stories.usable_ids(Use.TENDERS_FUNDERS, TODAY) == [older.id]
    assert stories.usable_ids(Use.TENDERS_FUNDERS, TODAY, story_ids=[newer.id]) == []
    assert stories.usable_ids(Use.TENDERS_FUNDERS, TODAY, story_ids=[]) == []


@pytest.mark.parametrize("window, by_id", [(1, 500), (3, 2), (100, 0), (2, 500)])
def test_first_usable_ids_are_the_first_of_usable_ids_preferred_first(stories, window, by_id):
    stories.first_window, stories.by_id_at_most = window, by_id
    made = []
    for n in range(14):
        story = make(stories, f"Story {n}", status="draft" if n % 5 == 4 else "ready",
                     story_date=dt.date(2024, 1 + n % 12, 1 + n))
        if n % 3 == 0:
            stories.save_consent(story.id, full_consent(uses=frozenset({Use.INTERNAL})))   # not for tenders
        elif n % 7 != 6:
            stories.save_consent(story.id, full_consent())
        made.append(story.id)
    stories.remove(made[1])
    preferred = [made[i] for i in (2, 3, 5, 13, 1, 4)] + ["no-such-story"]

    def expected(count):
        ids = stories.usable_ids(Use.TENDERS_FUNDERS, TODAY)
        ordered = [i for i in ids if i in preferred] + [i for i in ids if i not in preferred]
        return ordered[:count]

    for count in (0, 1, 2, 5, 40):
        stories.record_use(made[2], Use.INTERNAL, f"Report {count}", TODAY)   # the file changes: nothing remembered
        first = stories.first_usable_ids(Use.TENDERS_FUNDERS, TODAY, count, preferred=preferred)
        assert first == expected(count)
        # Now usable_ids is remembered for this state of the file: the same answer from it.
        assert stories.first_usable_ids(Use.TENDERS_FUNDERS, TODAY, count, preferred=preferred) == first


def test_pages_of_many_and_of_few_matches_agree(stories, monkeypatch):
    """A search with few matches is cut from all of them, sorted in Python; one with many walks
    the list's order in SQL. Both give the same order (ties, stories with no date), and a page
    read just after a change sees it (the count remembered for the page is the file's as it is)."""
    for number, day in enumerate([3, None, 3, 1, None, 3, 0, 2, 2]):
        story = stories.new(f"Story {number}", None if day is None else dt.date(2025, 5, 1) + dt.timedelta(days=day))
        stories.update(story.id, after="A wheel and a gear." if number % 3 else "A gear.")
    pages = {}
    for few in (0, 3, 1000):
        monkeypatch.setattr(stories, "few_matches", few)
        for query in ("gear", "wheel gear", "whe"):
            stories.count_matches(query, cap=5)
            pages[few, query] = [stories.search_ids(query, limit=2, offset=start) for start in range(0, 10, 2)]
    for query in ("gear", "wheel gear", "whe"):
        assert pages[0, query] == pages[3, query] == pages[1000, query]
        assert sum(pages[0, query], []) == stories.search_ids(query)
    stories.count_matches("sprocket", cap=5)
    assert stories.search_ids("sprocket", limit=5) == []
    story = make(stories, "Sprocket day", story_date=dt.date(2025, 5, 9), after="A new sprocket.")
    assert stories.search_ids("sprocket", limit=5) == [story.id]


def test_a_rare_word_is_found_without_walking_every_story(stories):
    """Searching for a name held by one story does the same work with 40 stories as with 160
    (it walked the whole list, 50,000 stories in a big file, to find the one). Counted in
    SQLite's own steps, not time."""
    connection = stories._file.conn
    steps = []

    def count_steps() -> int:
        steps[-1] += 1
        return 0

    work = []
    for total in (40, 160):
        while stories.count() < total:
            make(stories, f"Ride {stories.count()}", after="A wheel and a gear.")
        if total == 40:
            make(stories, "Gwenllian's first ride", after="Gwenllian rode to work.")
        steps.append(0)
        connection.set_progress_handler(count_steps, 10)
        try:
            assert stories.count_matches("gwenllian", cap=1001) == 1
            assert len(stories.search_ids("gwenllian", limit=64)) == 1
        finally:
            connection.set_progress_handler(None, 10)
        work.append(steps[-1])
    assert work[1] < work[0] * 1.5, f"SQLite steps for 40 stories: {work[0]}, for 160: {work[1]}"


def test_any_between_agrees_with_between_at_the_edges_and_after_removal(workspace):
    """The CIC34 records tab asks only whether a year has a consultation (issue 17): the answer
    must match reading the year whole, including on its first and last day and once removed."""
    repo = workspace.consultations
    year = (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert repo.any_between(*year) is False
    undated = repo.add(None, "No date yet")
    assert repo.any_between(*year) is False
    for day in (dt.date(2025, 3, 31), dt.date(2026, 4, 1)):  # a day either side
        repo.add(day, "Outside")
    assert repo.any_between(*year) is False
    for day in year:  # the first and the last day count
        held = repo.add(day, "Edge")
        assert repo.any_between(*year) is True and len(repo.between(*year)) == 1
        repo.remove(held.id)
        assert repo.any_between(*year) is False and repo.between(*year) == []
    repo.remove(undated.id)
