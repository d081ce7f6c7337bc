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
    file_workspace.attachments.add("organisation", "x", "photo.jpg", b"\xff\xd8 not really a jpeg")
    file_workspace.attachments.add("organisation", "y", "same.jpg", b"\xff\xd8 not really a jpeg")
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
