"""svdesk merge as a person runs it: exit 0 merged, 1 refused, 2 usage, 3 conflicts left."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from merge_helpers import copies, open_workspace, records  # noqa: E402


@pytest.fixture
def run(svdesk):
    """``svdesk ARGS`` as a person runs it: in this process in the fast suite, and again in a child
    process in the whole suite (the ``svdesk`` fixture in tests/conftest.py)."""
    return svdesk


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _retitle(path: Path, title: str) -> str:
    ws = open_workspace(path)
    try:
        story = sorted(ws.stories.search(), key=lambda s: s.id)[0]
        ws.stories.update(story.id, title=title)
        return story.id
    finally:
        ws.close()


def test_merge_command_exit_codes(demo_source, tmp_path, run):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    _retitle(sam, "Sam's title")
    before = checksum(jo)
    dry = run("merge", jo, sam, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "1 story changed" in dry.stdout and "nothing was changed" in dry.stdout
    assert checksum(jo) == before
    done = run("merge", jo, sam)
    assert done.returncode == 0, done.stderr
    assert "backup copy" in done.stdout
    again = run("merge", jo, sam)
    assert again.returncode == 0 and "Nothing to bring in" in again.stdout
    assert records(jo)["stories"] == records(sam)["stories"]


def test_conflicts_are_left_for_the_window_unless_preferred(demo_source, tmp_path, run):
    jo, sam = copies(demo_source, tmp_path, "jo", "sam")
    _retitle(jo, "Jo's title")
    story_id = _retitle(sam, "Sam's title")
    before = checksum(jo)
    left = run("merge", jo, sam)
    assert left.returncode == 3
    assert "Jo's title" in left.stderr and "Sam's title" in left.stderr and "Traceback" not in left.stderr
    assert checksum(jo) == before
    preferred = run("merge", jo, sam, "--prefer", "theirs")
    assert preferred.returncode == 0, preferred.stderr
    ws = open_workspace(jo)
    try:
        assert ws.stories.get(story_id).title == "Sam's title"
    finally:
        ws.close()


def test_refused_and_usage(demo_source, tmp_path, run):
    jo, = copies(demo_source, tmp_path, "jo")
    refused = run("merge", jo, jo)
    assert refused.returncode == 1 and refused.stderr.startswith("svdesk: ") and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert run("merge", jo).returncode == 2
    assert run("merge", jo, jo, "--prefer", "both").returncode == 2
