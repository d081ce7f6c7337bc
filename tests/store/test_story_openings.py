"""The openings of the stories a report leaves out are cut to 80 characters in SQL (issue 17: a
big year leaves out thousands of stories, each pages long): exactly Python's cut, whatever the
characters (accents, combining marks, emoji beyond the BMP)."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(text, text, text, text), min_size=1, max_size=4))
def test_openings_are_the_first_80_characters_of_each_part(workspace, parts):
    repo = workspace.stories
    made = []
    for quote, after, what_we_did, before in parts:
        story = repo.new("A story", dt.date(2025, 6, 1))
        repo.update(story.id, quote=quote, after=after, what_we_did=what_we_did, before=before)
        made.append(repo.get(story.id))
    found = repo.openings([story.id for story in made])
    for story in made:
        assert found[story.id] == (story.title, story.quote[:80], story.after[:80], story.what_we_did[:80],
                                   story.before[:80])
