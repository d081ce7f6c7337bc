"""On the command line, an export that would name someone beyond their consent exits 1 with one
plain message naming the story and what was found, and writes nothing."""

import datetime as dt
from dataclasses import replace

from svdesk.cli import main
from svdesk.domain.consent import IdLevel

DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"
LUKASZ = "147e3db5-9e9e-55ba-bb9c-c2a2381dbcfa"  # the demo's "From the sofa to the workshop floor"


def _edit(path, change):
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(path)
    try:
        change(workspace)
    finally:
        workspace.close()


def test_an_edited_answer_naming_a_withdrawn_person_exits_1_and_writes_nothing(demo_copy, tmp_path, capsys):
    def change(workspace):
        workspace.tenders.save_answer_text(DRAFTING, "Our track record\n\nŁUKASZ\nnowak fixed his first bike with us.")
        workspace.stories.withdraw(LUKASZ, dt.date(2026, 1, 5), "Asked us to stop.")

    _edit(demo_copy, change)
    out = tmp_path / "answer.docx"
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "--draft", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "“From the sofa to the workshop floor”" in err and "“ŁUKASZ nowak”" in err and "withdrawn" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not out.exists() and list(tmp_path.glob("*answer*")) == []


def test_a_sent_answer_with_a_name_no_longer_allowed_says_so(demo_copy, tmp_path, capsys):
    def change(workspace):
        workspace.stories.update(LUKASZ, level=IdLevel.NAMED)
        consent = workspace.stories.consent_for(LUKASZ)
        workspace.stories.save_consent(LUKASZ, replace(consent, level=IdLevel.NAMED))
        text = "Our track record\n\nŁukasz Nowak now repairs bikes for a living."
        workspace.tenders.submit(DRAFTING, text, dt.date(2026, 10, 1))
        workspace.stories.save_consent(LUKASZ, replace(consent, level=IdLevel.FIRST_NAME))

    _edit(demo_copy, change)
    out = tmp_path / "sent.txt"
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "The answer as sent on 1 Oct 2026 holds a name that consent no longer allows" in err
    assert "“Łukasz Nowak”" in err and "--draft" in err
    assert not out.exists()
