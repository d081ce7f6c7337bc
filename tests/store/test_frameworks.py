import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.frameworks import Framework, Outcome, OutcomeGroup, describe_tag
from svdesk.store.frameworks_repo import builtin_frameworks


def test_builtin_frameworks_load_with_sources():
    frameworks = builtin_frameworks()
    keys = [framework.key for framework in frameworks]
    assert {"ppn002", "ppn0620", "toms", "birmingham"} <= set(keys)
    for framework in frameworks:
        assert framework.source and framework.published and framework.tags()
    ppn002 = next(f for f in frameworks if f.key == "ppn002")
    assert [group.name for group in ppn002.groups] == [
        "Kickstart economic growth", "Make Britain a clean energy superpower", "Take back our streets",
        "Break down barriers to opportunity", "Build an NHS fit for the future",
    ]
    # Unconfirmed wording stays visibly marked.
    assert all("(check)" in outcome.name for group in ppn002.groups for outcome in group.outcomes)


def test_toms_ship_theme_names_only():
    toms = next(f for f in builtin_frameworks() if f.key == "toms")
    assert [o.name for o in toms.groups[0].outcomes] == ["Jobs", "Growth", "Social", "Environment", "Innovation"]


def test_tags_replace_and_describe(workspace):
    workspace.tags.set_tags("statements", "s1", ["ppn0620/community-integration", "toms/social"])
    workspace.tags.set_tags("statements", "s1", ["toms/social", "birmingham/local-employment"])
    assert workspace.tags.tags_for("statements", "s1") == ["birmingham/local-employment", "toms/social"]
    assert workspace.tags.owners_with("toms/social", "statements") == ["s1"]
    frameworks = workspace.frameworks.all()
    assert describe_tag("ppn0620/community-integration", frameworks) == "PPN 06/20 — Improve community integration"
    assert describe_tag("gone/away", frameworks) == "gone/away"


def test_custom_framework_round_trip(workspace):
    custom = Framework(key="our-council", name="Our council", short_name="Council",
                       groups=(OutcomeGroup("p", "Priorities", (Outcome("jobs", "Local jobs"),)),), builtin=False)
    saved = workspace.frameworks.save_custom(custom)
    assert saved.id
    assert workspace.frameworks.get("our-council").label_of("our-council/jobs") == "Local jobs"
    renamed = workspace.frameworks.save_custom(Framework(**{**saved.__dict__, "name": "Our council 2026"}))
    assert [f.name for f in workspace.frameworks.custom()] == ["Our council 2026"]
    workspace.frameworks.remove_custom(renamed.id)
    assert workspace.frameworks.custom() == []
    workspace.frameworks.restore_custom(renamed.id)
    assert len(workspace.frameworks.custom()) == 1


def test_custom_framework_key_clash_and_bad_data(workspace):
    with pytest.raises(ValidationError):
        workspace.frameworks.save_custom(Framework(key="ppn002", name="Mine", builtin=False))
    with pytest.raises(ValidationError):
        workspace.frameworks.save_custom(Framework(key="Bad Key!", name="", builtin=False))
