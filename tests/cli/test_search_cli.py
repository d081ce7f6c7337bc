"""svdesk search FILE QUERY, run as a person would run it."""

import subprocess
import sys

import pytest


@pytest.fixture
def run(svdesk):
    """``svdesk ARGS``: in this process in the fast suite, in a child process too in the whole suite."""
    return svdesk


def test_search_prints_id_date_title(demo_source, run):
    result = run("search", demo_source, "lukasz")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    story_id, date, title = lines[0].split("\t")
    assert len(story_id) == 36 and date == "2024-07-18" and title == "From the sofa to the workshop floor"


def test_search_folds_accents_and_finds_quotes(demo_source, run):
    titles = run("search", demo_source, "ZOË").stdout
    assert "Zoë's commute to the night shift" in titles
    # "Dw i wrth fy modd" is in Siân's quote.
    assert "Siân opens the Saturday drop-in" in run("search", demo_source, "modd").stdout


@pytest.mark.parametrize("query", ['"AND OR (', "*", "NEAR(", '"', "🚲", ""])
def test_hostile_queries_are_not_errors(demo_source, query, run):
    result = run("search", demo_source, query)
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_filters_and_no_match(demo_source, run):
    withdrawn = run("search", demo_source, "--consent", "withdrawn").stdout.splitlines()
    assert [line.split("\t")[2] for line in withdrawn] == ["Getting back on track after a hard year"]
    drafts = run("search", demo_source, "--status", "draft").stdout.splitlines()
    assert len(drafts) == 1
    nothing = run("search", demo_source, "xyzzy")
    assert nothing.returncode == 0 and nothing.stdout == "" and "No stories match" in nothing.stderr
    assert len(run("search", demo_source, "--limit", "2").stdout.splitlines()) == 2


def test_search_never_changes_the_file_nor_loads_qt(demo_source):
    import hashlib

    before = hashlib.sha256(demo_source.read_bytes()).hexdigest()
    code = (
        "import sys; from svdesk.cli import main; "
        f"main(['search', {str(demo_source)!r}, 'bike']); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(demo_source.read_bytes()).hexdigest() == before


def test_missing_file(tmp_path, run):
    result = run("search", tmp_path / "nope.svdesk", "bike")
    assert result.returncode == 1 and "Traceback" not in result.stderr
