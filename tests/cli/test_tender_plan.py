"""`svdesk tender-plan` and the parts `svdesk export tender` names on stderr."""

import json

from svdesk.cli import main

DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"


def _question(path, text):
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(path)
    workspace.tenders.update(DRAFTING, question=text)
    workspace.close()


def test_the_plan_lists_parts_kinds_and_coverage(demo_copy, capsys):
    assert main(["tender-plan", str(demo_copy), "--tender", DRAFTING[:8]]) == 0
    out = capsys.readouterr().out
    assert "(a) What you will deliver" in out and "kind: Commitments and quantities" in out and "covered:" in out
    assert main(["tender-plan", str(demo_copy), "--tender", DRAFTING, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["weighting"] == 15 and [p["letter"] for p in data["parts"]] == ["(a)", "(b)", "(c)", "(d)"]
    assert all(p["coverage"] in ("covered", "thin", "missing") and p["reason"] for p in data["parts"])


def test_a_question_without_parts_and_an_unknown_tender(demo_copy, capsys):
    _question(demo_copy, "")
    assert main(["tender-plan", str(demo_copy), "--tender", DRAFTING]) == 0
    assert "no parts svdesk recognises" in capsys.readouterr().out
    assert main(["tender-plan", str(demo_copy), "--tender", "nope"]) == 1
    err = capsys.readouterr().err
    assert "There is no tender" in err and "Traceback" not in err


def test_export_names_the_parts_not_covered_on_stderr(demo_copy, tmp_path, capsys):
    _question(demo_copy, "(a) Describe your commitments.\n(b) Identify the risks and how you will mitigate them.")
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(tmp_path / "a.txt")]) == 0
    err = capsys.readouterr().err
    assert "Parts of the question the records do not fully answer yet:" in err
    assert "(b) Identify the risks" in err and "missing: no record holds this" in err


def test_the_plan_lists_what_the_buyer_will_score(demo_copy, capsys):
    import json

    from svdesk.cli import main
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(demo_copy)
    workspace.tenders.update("4799f033-1385-5bcc-88bb-cc6106e19b21", local_context="", question=(
        "Describe your offer.\n\nScoring criteria: measurable commitments; relevance to the local area."))
    workspace.close()
    assert main(["tender-plan", str(demo_copy), "--tender", "4799f033"]) == 0
    out = capsys.readouterr().out
    assert "What the buyer will score:" in out and "“relevance to the local area”" in out
    assert main(["tender-plan", str(demo_copy), "--tender", "4799f033", "--json"]) == 0
    scored = json.loads(capsys.readouterr().out)["scored_on"]
    assert [item["text"] for item in scored] == ["measurable commitments", "relevance to the local area"]
    assert scored[1]["coverage"] in ("thin", "missing") and "local_need" in scored[1]["kinds"]
