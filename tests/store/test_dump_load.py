import json

import pytest

from svdesk.domain.errors import ValidationError
from svdesk.paths import resource
from svdesk.store.demo import demo_dump
from svdesk.store.dump import dump_file, load_file, to_json, validate
from svdesk.store.orgfile import open_file


def _dump(path):
    orgfile = open_file(path, read_only=True)
    try:
        return to_json(dump_file(orgfile))
    finally:
        orgfile.close()


def test_round_trip_is_identical(demo_source, tmp_path):
    first = _dump(demo_source)
    load_file(json.loads(first), tmp_path / "again.svdesk")
    assert _dump(tmp_path / "again.svdesk") == first


def test_dump_matches_the_published_schema(demo_source):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resource("schema", "svdesk-dump.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(_dump(demo_source)), schema)


def test_attachments_round_trip(file_workspace, tmp_path):
    # Each file belongs to a record of the dump (load refuses a file whose owner is missing).
    first, second = file_workspace.consultations.add(title="Spring"), file_workspace.consultations.add(title="Autumn")
    file_workspace.attachments.add("consultations", first.id, "photo.jpg", b"\xff\xd8 not really a jpeg")
    file_workspace.attachments.add("consultations", second.id, "same.jpg", b"\xff\xd8 not really a jpeg")
    data = dump_file(file_workspace.file)
    assert len(data["attachments"]["blobs"]) == 1  # stored once, by content
    load_file(data, tmp_path / "copy.svdesk")
    again = _dump(tmp_path / "copy.svdesk")
    assert json.loads(again) == json.loads(to_json(data))


def test_every_problem_is_listed_and_nothing_is_written(tmp_path):
    data = demo_dump()
    data["organisation"]["company_number"] = "12"
    data["organisation"]["staff"] = "four"
    data["organisation"]["legal_form"] = "pirate ship"
    data["surprise"] = {}
    problems = validate(data)
    assert len(problems) >= 3
    target = tmp_path / "bad.svdesk"
    with pytest.raises(ValidationError):
        load_file(data, target)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "must be an object"),
        ({"format": "other"}, "not an svdesk dump"),
        ({"format": "svdesk-dump", "version": 99}, "newer svdesk"),
        ({"format": "svdesk-dump", "version": 1}, "no organisation"),
    ],
)
def test_bad_envelopes(data, message):
    assert any(message in problem for problem in validate(data))


def test_load_never_overwrites(tmp_path):
    target = tmp_path / "exists.svdesk"
    target.write_text("keep me")
    with pytest.raises(Exception, match="already exists"):
        load_file(demo_dump(), target)
    assert target.read_text() == "keep me"


def test_attachment_tampering_is_caught():
    data = demo_dump()
    data["attachments"]["blobs"].append({"sha256": "0" * 64, "size": 3, "data_base64": "YWJj"})
    assert any("does not match" in problem for problem in validate(data))


def _record_lists(value, path=()):
    """Every list of records in a dump, by path (section, part, ...)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _record_lists(item, (*path, key))
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        if len(path) <= 2:  # the record lists themselves, not lists inside one record
            yield path


def test_a_record_listed_twice_is_refused_in_plain_words(demo_source, tmp_path):
    """Each list of records, with its first record repeated (same id): refused by the checks,
    naming where, never with SQLite's wording, and no file left behind."""
    dumped = _dump(demo_source)  # the demo is never changed: each case parses its own copy of one dump
    base = json.loads(dumped)
    paths = list(_record_lists(base))
    assert len(paths) >= 15
    for path in paths:
        data = json.loads(dumped)
        records = data
        for key in path:
            records = records[key]
        records.append(json.loads(json.dumps(records[0])))
        target = tmp_path / f"{'-'.join(path)}.svdesk"
        with pytest.raises(ValidationError) as refused:
            load_file(data, target)
        text = " ".join(refused.value.problems)
        assert ".".join(path) in text, (path, text)
        assert "constraint" not in text.lower() and "could not be loaded" not in text, (path, text)
        assert not target.exists()
        assert list(tmp_path.iterdir()) == [], list(tmp_path.iterdir())


def test_an_unforeseen_clash_is_still_told_plainly():
    import sqlite3

    from svdesk.store.dump import _plain_load_error

    text = _plain_load_error(sqlite3.IntegrityError("UNIQUE constraint failed: story_uses.id"))
    assert text == ("The dump could not be loaded: two story uses records have the same id, "
                    "and each must have its own.")


def test_streamed_dump_is_the_same_text(file_workspace, demo_source):
    """svdesk dump writes piece by piece; the text is exactly the one-string dump, emoji and all."""
    import io

    from svdesk.store.dump import write_json

    file_workspace.attachments.add("organisation", "x", "a.bin", b"\x00\x01" * 3000)
    file_workspace.attachments.add("organisation", "x", "b.txt", "Zoë 🚲 \n\"quoted\"".encode())
    for orgfile in (file_workspace.file, open_file(demo_source, read_only=True)):
        out = io.StringIO()
        write_json(orgfile, out.write)
        assert out.getvalue() == to_json(dump_file(orgfile))
        json.loads(out.getvalue())


@pytest.mark.slow  # 90 MB of evidence and two child processes
def test_dump_memory_does_not_grow_with_the_evidence_files(tmp_path):
    """Peak memory of `svdesk dump` with 10 MB of evidence files and with 80 MB: the same, give or
    take one file (the one-string dump held every file three times over)."""
    import os
    import subprocess
    import sys

    from svdesk.store.workspace import create_workspace

    code = (
        "import sys\n"
        "from svdesk.cli import main\n"
        "assert main(['dump', sys.argv[1], '-o', sys.argv[2]]) == 0\n"
        "with open('/proc/self/status') as f:  # this process's own peak (ru_maxrss carries the parent's)\n"
        "    print(int(next(line.split()[1] for line in f if line.startswith('VmHWM:'))) // 1024)\n"
    )
    peaks = []
    for files in (2, 16):
        path = tmp_path / f"heavy{files}.svdesk"
        workspace = create_workspace(path)
        for number in range(files):
            workspace.attachments.add("organisation", "x", f"scan{number}.bin", os.urandom(5 * 1024 * 1024))
        workspace.close()
        out = tmp_path / f"heavy{files}.json"
        result = subprocess.run([sys.executable, "-c", code, str(path), str(out)], capture_output=True, text=True,
                                timeout=300, check=True)
        peaks.append(int(result.stdout.strip()))
        assert out.stat().st_size > files * 6 * 1024 * 1024
    assert peaks[1] - peaks[0] < 25, f"peak {peaks[0]} MB with 10 MB of files, {peaks[1]} MB with 80 MB"


def test_a_dump_bigger_than_load_can_check_in_memory_is_refused_plainly(tmp_path):
    """load reads a dump whole: past its stated limit it refuses in words, before reading a byte."""
    import os
    import subprocess
    import sys

    from svdesk.store.dump_json import MAX_DUMP_BYTES

    big = tmp_path / "big.json"
    with open(big, "wb") as out:  # sparse: no disk is used, and reading it would take minutes
        out.truncate(MAX_DUMP_BYTES + 1)
    target = tmp_path / "out" / "new.svdesk"
    target.parent.mkdir()
    result = subprocess.run([sys.executable, "-m", "svdesk", "load", str(big), str(target)],
                            capture_output=True, text=True, timeout=120, env={**os.environ})
    assert result.returncode == 1, result.stderr[-1500:]
    assert "Traceback" not in result.stderr
    limit = f"{MAX_DUMP_BYTES / 1e6:,.0f} MB"
    assert f"big.json is {limit}. svdesk load checks a whole dump in memory, so it takes dumps up to {limit}" in result.stderr
    assert "copy the .svdesk file itself" in result.stderr
    assert list(target.parent.iterdir()) == []


def test_dump_holds_one_record_at_a_time_not_every_story(file_workspace):
    """write_json streams the stories, consents, consultations and tenders as it reads them: the
    memory it takes does not grow with them (it held every story as a dict before writing the
    first: over 300 MB with 50,000 stories). Measured as Python's own allocations, not time."""
    import tracemalloc

    from svdesk.store.dump import write_json

    first = file_workspace.stories.new(title="Template")
    template = file_workspace.file.query_one("SELECT * FROM stories WHERE id = ?", [first.id])
    text = "Zoë cycled to the café every week 🚲 " * 150       # about 5,500 characters a story
    rows = [{**template, "id": f"story-{number:05d}", "title": f"Story {number}", "before": text,
             "after": text} for number in range(1500)]    # 16 MB of text all told
    with file_workspace.file.db.atomic():
        file_workspace.file.db["stories"].insert_all(rows)
    written = []

    def write(piece: str) -> None:
        written.append(len(piece))   # the text is counted and let go, as a file would take it

    tracemalloc.start()
    try:
        write_json(file_workspace.file, write)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(written) > 1500 * 2 * 5500
    assert peak < 4 * 1024 * 1024, f"the dump held {peak / 1e6:.1f} MB at once"
