"""`svdesk publish` as a person types it: nothing unless chosen, plain refusals, exit codes."""

import json

import pytest

from svdesk.cli import main

WON = "61f67f22-6977-5fca-ab0c-eaf84f58bda6"
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"


def test_all_publishes_every_won_contract_and_indicator_with_a_zip(demo_copy, tmp_path, capsys):
    out = tmp_path / "open-data"
    assert main(["publish", str(demo_copy), "-o", str(out), "--all", "--zip"]) == 0
    said = capsys.readouterr().out
    assert f"Published to {out}" in said and f"Zipped as {out}.zip" in said
    data = json.loads((out / "data.json").read_text("utf-8"))
    assert [c["id"] for c in data["contracts"]] == [WON] and len(data["indicators"]) == 3
    assert (tmp_path / "open-data.zip").is_file()


def test_only_what_is_named_by_id_reference_name_and_licence(demo_copy, tmp_path):
    out = tmp_path / "site"
    assert main(["publish", str(demo_copy), "-o", str(out), "--tender", "BCC-P0481-L2",
                 "--indicator", "bikes refurbished and back on the road", "--licence", "cc-by"]) == 0
    data = json.loads((out / "data.json").read_text("utf-8"))
    assert [i["name"] for i in data["indicators"]] == ["Bikes refurbished and back on the road"]
    assert [c["id"] for c in data["contracts"]] == [WON]
    assert "CC BY 4.0" in (out / "README.txt").read_text("utf-8")


@pytest.mark.parametrize("extra, message", [
    ([], "Nothing is published unless you choose it"),
    (["--all", "--tender", WON[:8]], "either --all or --tender"),
    (["--tender", DRAFTING[:8]], "has not been won"),
    (["--tender", "no-such"], "There is no tender"),
    (["--indicator", "no-such"], "There is no indicator"),
])
def test_bad_choices_get_one_plain_sentence_and_exit_1(demo_copy, tmp_path, capsys, extra, message):
    out = tmp_path / "site"
    assert main(["publish", str(demo_copy), "-o", str(out), *extra]) == 1
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error and not out.exists()


def test_the_organisation_file_and_its_folder_are_refused(demo_copy, capsys):
    before = sorted(p.name for p in demo_copy.parent.iterdir())
    for target in (demo_copy, demo_copy.parent):
        assert main(["publish", str(demo_copy), "-o", str(target), "--all"]) == 1
        assert "organisation file" in capsys.readouterr().err
    assert sorted(p.name for p in demo_copy.parent.iterdir()) == before
    assert demo_copy.read_bytes().startswith(b"SQLite format 3")


def test_usage_errors_exit_2(demo_copy, svdesk):
    result = svdesk("publish", demo_copy, "--all")
    assert result.returncode == 2 and "-o/--output" in result.stderr
    result = svdesk("publish", demo_copy, "-o", "x", "--licence", "mit")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_a_name_taken_out_is_said_on_the_command_line(demo_copy, tmp_path, capsys):
    from svdesk.domain.stories import IdLevel
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(demo_copy)
    try:
        story = workspace.stories.new("Back to work")
        workspace.stories.update(story.id, person_name="Amara Okafor", level=IdLevel.NAMED)
        workspace.tenders.update(WON, buyer="Amara Okafor, buyer")
    finally:
        workspace.close()
    out = tmp_path / "site"
    assert main(["publish", str(demo_copy), "-o", str(out), "--tender", WON[:8]]) == 0
    said = capsys.readouterr().out
    assert "Note: A person's name was taken out of the contract" in said and "Okafor" not in said
    assert "Okafor" not in (out / "data.json").read_text("utf-8")
