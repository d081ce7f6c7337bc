"""The library of suggested indicators: our own plain words, usable as they are, no money values."""

import json
import re

from svdesk.domain.measures import Indicator
from svdesk.paths import resource
from svdesk.store.frameworks_repo import builtin_frameworks
from svdesk.store.indicator_library import library, suggestion

KINDS = {"Employment and training", "Health and wellbeing", "Environment and reuse", "Community and place",
         "Arts and culture", "Care and support"}


def test_every_kind_of_enterprise_has_suggestions_that_become_valid_indicators():
    kinds = library()
    assert {kind.name for kind in kinds} == KINDS
    known_tags = {tag for framework in builtin_frameworks() for tag in framework.tags()}
    for kind in kinds:
        assert len(kind.suggestions) >= 4 and kind.description
        for item in kind.suggestions:
            indicator = item.to_indicator().validated()
            assert isinstance(indicator, Indicator) and indicator.library_key == item.key
            assert item.how_collected and item.outcome, item.key
            assert set(item.tags) <= known_tags, item.key
            assert indicator.baseline_value is None and indicator.target_value is None  # the user's own


def test_no_money_values_or_licensed_measure_codes():
    for path in resource("indicators").glob("*.json"):
        text = path.read_text("utf-8")
        assert "£" not in text, path.name
        assert not re.search(r"\bNT\d+\b|\bHACT\b|proxy", text, re.IGNORECASE), path.name
        json.loads(text)


def test_lookup_by_key():
    assert suggestion("employment-training/course-completions").name == "People completing a training course"
    assert suggestion("nope/none") is None
