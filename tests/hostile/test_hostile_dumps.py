"""Hostile JSON for ``svdesk load``: each kind is refused in plain words naming the field, exit 1,
and no file is left behind (nor any -wal, -shm or temporary file)."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path

import pytest

from svdesk.domain.attachments import MAX_ATTACHMENT_BYTES, check_attachment, filename_problem, sha256_of
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.store.demo import demo_dump
from svdesk.store.dump import load_file, to_json, validate
from svdesk.store.dump_json import MAX_DEPTH, parse_dump, read_json
from tests.hostile.inject import plain_problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base() -> dict:
    """The demo, with a CIC34 summary that names a story (the demo's names none)."""
    data = demo_dump()
    story = data["stories"]["stories"][0]["id"]
    data["cic34"]["summary"].append({"id": "summary-1", "year_end": "2026-03-31", "story_ids": [story],
                                     "created_at": "2026-04-01T10:00:00.000000Z",
                                     "updated_at": "2026-04-01T10:00:00.000000Z"})
    assert validate(data) == []
    return data


def _load_cli(svdesk, tmp_path: Path, text: str | bytes):
    """``svdesk load`` (the ``svdesk`` fixture: in this process, and in a child in the whole suite)."""
    source = tmp_path / "dump.json"
    tmp_path.mkdir(parents=True, exist_ok=True)
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    target = tmp_path / "out" / "new.svdesk"
    target.parent.mkdir(parents=True)
    return svdesk("load", source, target, cwd=ROOT), target


def _refused_by_cli(svdesk, tmp_path: Path, text: str | bytes, words: str) -> None:
    result, target = _load_cli(svdesk, tmp_path, text)
    assert result.returncode == 1, (result.returncode, result.stderr[-1500:])
    assert "Traceback" not in result.stderr and words in result.stderr, result.stderr[-1500:]
    assert list(target.parent.iterdir()) == [], "a refused load must leave nothing"


# -- the JSON text itself ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, words", [
    ("[" * 100_000 + "]" * 100_000, f"more than {MAX_DEPTH} levels deep (at line 1)"),
    ('{"format": "svdesk-dump", "x": ' + "{" * 100_000, f"more than {MAX_DEPTH} levels deep"),
    ('{"a": 1e999}', "the number 1e999 is too large"),
    ('{"a": -1E400}', "the number -1E400 is too large"),
    ('{"a": ' + "9" * 5000 + "}", "(5,000 digits) is too large"),
    ('{"a": 99999999999999999999}', "99999999999999999999 is too large"),
    ('{"a": NaN}', "NaN is not a number JSON allows"),
    ('{"a": -Infinity}', "-Infinity is not a number JSON allows"),
    ('{"a": [1, 2', "is not valid JSON (line 1"),
])
def test_json_that_python_would_crash_on_or_accept_silently_is_refused(text, words, tmp_path):
    with pytest.raises(SvdeskError) as caught:
        parse_dump(text, "dump.json")
    assert words in str(caught.value) and plain_problem(str(caught.value)), str(caught.value)


def test_brackets_inside_text_do_not_count_as_nesting():
    text = json.dumps({"note": "[" * 10_000 + '\\"{' * 500})
    assert parse_dump(text, "dump.json") == json.loads(text)


def test_a_string_ending_in_a_backslash_does_not_hide_the_nesting_after_it():
    text = json.dumps({"note\\": "ends in a backslash \\", "deep": []}).replace("[]", "[" * 100 + "]" * 100)
    with pytest.raises(SvdeskError, match="levels deep"):
        parse_dump(text, "dump.json")


def test_a_deep_dump_through_the_command_line(tmp_path, svdesk):
    _refused_by_cli(svdesk, tmp_path, "[" * 100_000 + "]" * 100_000, "levels deep")


def test_not_utf8_is_refused(tmp_path, base, svdesk):
    text = to_json({**base, "organisation": {**base["organisation"], "name": "Café"}})
    _refused_by_cli(svdesk, tmp_path, text.encode("cp1252", "replace"), "not a text file in UTF-8")
    _refused_by_cli(svdesk, tmp_path / "16", text.encode("utf-16"), "not a text file in UTF-8")


@pytest.mark.parametrize("text", ["[]", '"svdesk"', "42", "null", "true"])
def test_a_top_level_that_is_not_an_object_is_refused(text, tmp_path, svdesk):
    _refused_by_cli(svdesk, tmp_path, text, "must be an object")


def test_repeated_keys_are_refused_naming_the_key_and_where(base, tmp_path, svdesk):
    text = to_json(base)
    story = base["stories"]["stories"][2]
    text = text.replace(f'"id": "{story["id"]}",', f'"id": "{story["id"]}",\n      "title": "Sneaky",', 1)
    text = text.replace('"format": "svdesk-dump",', '"format": "svdesk-dump",\n  "format": "svdesk-dump",', 1)
    with pytest.raises(ValidationError) as caught:
        parse_dump(text, "dump.json")
    assert caught.value.problems == [
        "stories.stories[2]: the key 'title' is written more than once (only one value can be kept, so none is)",
        "the top level: the key 'format' is written more than once (only one value can be kept, so none is)",
    ]
    _refused_by_cli(svdesk, tmp_path, text, "stories.stories[2]: the key 'title' is written more than once")


def test_a_fifo_given_as_the_dump_is_refused(tmp_path):
    import os

    fifo = tmp_path / "dump.json"
    os.mkfifo(fifo)
    with pytest.raises(SvdeskError, match="not a file svdesk can read"):
        read_json(fifo)


# -- references -------------------------------------------------------------------------------------------
def _first(items, **match):
    return next(item for item in items if all(item.get(key) == value for key, value in match.items()))


def _dangling(base: dict) -> list[tuple[str, object]]:
    """(the field expected in the problem, a change that makes that field point at nothing)."""
    tenders, cic34 = base["tenders"], base["cic34"]
    tender_with_stories = next(item for item in tenders["tenders"] if item["story_ids"])
    index = tenders["tenders"].index(tender_with_stories)
    with_answer = next(i for i, item in enumerate(tenders["tenders"]) if item["answer_story_ids"])
    commitment = next(i for i, item in enumerate(tenders["commitments"]) if item["indicator_id"])
    submission = next(i for i, item in enumerate(tenders["submissions"]) if item["story_ids"])
    summary = next(i for i, item in enumerate(cic34["summary"]) if item["story_ids"])
    tag = next(i for i, item in enumerate(base["frameworks"]["tags"]) if item["owner_table"] == "tenders")
    files = base["attachments"]["files"]
    evidence = next(i for i, item in enumerate(files) if item["owner_table"] == "stories")
    return [
        (f"tenders.tenders[{index}].story_ids[0]", ("tenders", "tenders", index, "story_ids", 0)),
        (f"tenders.tenders[{with_answer}].answer_story_ids[0]", ("tenders", "tenders", with_answer, "answer_story_ids", 0)),
        (f"tenders.submissions[{submission}].story_ids[0]", ("tenders", "submissions", submission, "story_ids", 0)),
        (f"tenders.commitments[{commitment}].indicator_id", ("tenders", "commitments", commitment, "indicator_id")),
        (f"cic34.summary[{summary}].story_ids[0]", ("cic34", "summary", summary, "story_ids", 0)),
        (f"frameworks.tags[{tag}].owner_id", ("frameworks", "tags", tag, "owner_id")),
        (f"attachments.files[{evidence}].owner_id", ("attachments", "files", evidence, "owner_id")),
    ]


def _put(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def test_a_sent_commitment_belongs_to_the_tender_it_was_sent_for(base):
    data = copy.deepcopy(base)
    submission = next(i for i, item in enumerate(data["tenders"]["submissions"]) if item["commitments"])
    data["tenders"]["submissions"][submission]["commitments"][0]["tender_id"] = "another-tender"
    assert validate(data) == [f"tenders.submissions[{submission}].commitments[0].tender_id: must be the tender "
                              "this answer was sent for"]


def test_the_demo_has_every_kind_of_reference(base):
    assert len(_dangling(base)) == 7


@pytest.mark.parametrize("number", range(7))
def test_a_dangling_reference_is_refused_with_the_field_named(number, base, tmp_path):
    field, path = _dangling(base)[number]
    data = copy.deepcopy(base)
    _put(data, path, "nobody-has-this-id")
    problems = validate(data)
    assert [problem for problem in problems if problem.startswith(field + ": there is no ")], (field, problems)
    assert all(plain_problem(problem) for problem in problems)
    with pytest.raises(ValidationError):
        load_file(data, tmp_path / "new.svdesk")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("section, table", [("frameworks", "tags"), ("attachments", "files")])
def test_an_owner_of_an_unknown_kind_is_refused(section, table, base):
    data = copy.deepcopy(base)
    data[section][table][0]["owner_table"] = "sqlite_master"
    problems = validate(data)
    assert any(problem.startswith(f"{section}.{table}[0].owner_table: 'sqlite_master' is not a kind of record")
               for problem in problems), problems


def test_a_dump_without_stories_cannot_name_stories(base):
    data = copy.deepcopy(base)
    del data["stories"]
    problems = validate(data)
    assert any(".story_ids[0]: there is no story" in problem for problem in problems)
    assert any(problem.startswith("attachments.files[") and ".owner_table: 'stories' is not a kind of record"
               in problem for problem in problems), problems


# -- attachment names and sizes ----------------------------------------------------------------------------
BAD_NAMES = ["../../x", "a/b", "a\\b", "", "   ", "a\x00b.pdf", "line\nbreak.pdf", "CON", "nul", "con.txt",
             "Com1.PDF", "LPT9.jpg", "AUX.tar.gz", "x" * 256, "é" * 200, ".hidden", "name.", "name ", " name",
             "..", ".", "what?.pdf", "a:b.pdf", "<b>.pdf"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_unsafe_attachment_names_are_refused_by_load_with_the_field_named(name, base, tmp_path):
    data = copy.deepcopy(base)
    data["attachments"]["files"][0]["filename"] = name
    problems = validate(data)
    assert [problem for problem in problems if problem.startswith("attachments.files[0].filename: ")], problems
    assert all(plain_problem(problem) for problem in problems), problems
    with pytest.raises(ValidationError):
        load_file(data, tmp_path / "new.svdesk")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", BAD_NAMES)
def test_the_window_attach_path_uses_the_same_rule(name, workspace):
    assert filename_problem(name)
    with pytest.raises(ValidationError):
        check_attachment(name, b"data")
    with pytest.raises(ValidationError):
        workspace.attachments.add("stories", "s", name, b"data")


@pytest.mark.parametrize("name", ["photo 1.jpg", "Consent form (signed).pdf", "Łukasz – zdjęcie.jpeg",
                                  "report.v2.final.docx", "CONSOLE.txt", "x" * 255, "a" * 120 + ".pdf"])
def test_ordinary_names_are_accepted(name):
    assert filename_problem(name) is None


def _with_blob(base: dict, payload: bytes) -> dict:
    data = copy.deepcopy(base)
    digest = sha256_of(payload)
    data["attachments"]["blobs"].append({"sha256": digest, "size": len(payload),
                                         "data_base64": base64.b64encode(payload).decode("ascii")})
    data["attachments"]["files"][0]["sha256"] = digest
    return data


def test_a_file_one_byte_over_25_mb_is_refused_by_load(base, tmp_path):
    data = _with_blob(base, b"\0" * (MAX_ATTACHMENT_BYTES + 1))
    index = len(data["attachments"]["blobs"]) - 1
    problems = validate(data)
    assert problems == [
        f"attachments.blobs[{index}].data_base64: the file is 26,214,401 bytes; files can be at most "
        "26,214,400 bytes (25 MB)"], problems
    with pytest.raises(ValidationError):
        load_file(data, tmp_path / "new.svdesk")
    assert list(tmp_path.iterdir()) == []


def test_a_file_of_exactly_25_mb_loads(base, tmp_path):
    data = _with_blob(base, b"\0" * MAX_ATTACHMENT_BYTES)
    assert validate(data) == []


def test_a_far_larger_file_is_refused_before_it_is_decoded(base):
    data = copy.deepcopy(base)
    data["attachments"]["blobs"][0]["data_base64"] = "A" * (40 * 1024 * 1024)
    problems = validate(data)
    assert any(problem.startswith("attachments.blobs[0].data_base64: the file is over 25.0 MB") for problem in problems)
