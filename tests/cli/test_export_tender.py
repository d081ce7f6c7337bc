"""`svdesk export tender` and `svdesk export delivery`, as a person types them."""

import subprocess
import sys

import pytest

from svdesk.cli import main

WON = "61f67f22-6977-5fca-ab0c-eaf84f58bda6"
DRAFTING = "4799f033-1385-5bcc-88bb-cc6106e19b21"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md", "txt"])
def test_every_format_by_id_prefix(demo_copy, tmp_path, capsys, fmt):
    out = tmp_path / f"answer.{fmt}"
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING[:8], "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 500
    assert f"Wrote {out}" in capsys.readouterr().out


def test_the_format_comes_from_the_suffix_and_the_reference_finds_the_tender(demo_copy, tmp_path, capsys):
    out = tmp_path / "sent.txt"
    assert main(["export", "tender", str(demo_copy), "--tender", "BCC-P0481-L2", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    # The answer alone: the title block is words the buyer would count.
    assert "Submitted 13 Feb 2025" not in text and text.startswith("Our commitments")
    # The answer as sent is 741 words (limit 750): a cover block takes the file over the limit.
    assert main(["export", "tender", str(demo_copy), "--tender", "BCC-P0481-L2", "--cover", "-o", str(out)]) == 1
    assert "with its cover block is 769 words" in capsys.readouterr().err
    assert "Submitted 13 Feb 2025" not in out.read_text("utf-8")   # the earlier file is untouched
    assert main(["export", "tender", str(demo_copy), "--tender", "BCC-P0481-L2", "--cover", "--allow-over-limit",
                 "-o", str(out)]) == 0
    assert "Submitted 13 Feb 2025" in out.read_text("utf-8")
    err = capsys.readouterr().err
    assert "The cover block (title, buyer, reference, date) adds 28 words" in err and "19 over the limit" in err


def test_an_edited_answer_over_its_limit_is_refused_unless_allowed(demo_copy, tmp_path, capsys):
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(demo_copy)
    workspace.tenders.update(DRAFTING, word_limit=20)
    workspace.tenders.save_answer_text(DRAFTING, " ".join(["word"] * 21))
    workspace.close()
    out = tmp_path / "answer.docx"
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "21 words" in err and "limit of 20" in err and "--allow-over-limit" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "--allow-over-limit", "-o", str(out)]) == 0
    assert "1 over the limit of 20" in capsys.readouterr().err
    assert out.exists()


def test_the_draft_option_exports_the_working_copy(demo_copy, tmp_path):
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(demo_copy)
    workspace.tenders.save_answer_text(WON, "A working copy, not what was sent.")
    workspace.close()
    out = tmp_path / "draft.md"
    assert main(["export", "tender", str(demo_copy), "--tender", WON, "--draft", "-o", str(out)]) == 0
    assert "A working copy, not what was sent." in out.read_text("utf-8")


def test_exports_record_story_uses_in_the_file(demo_copy, tmp_path):
    from svdesk.store.workspace import open_workspace

    out = tmp_path / "answer.docx"
    assert main(["export", "tender", str(demo_copy), "--tender", DRAFTING, "-o", str(out)]) == 0
    workspace = open_workspace(demo_copy, read_only=True)
    try:
        used = workspace.tenders.answer(DRAFTING).story_ids
        assert any(use.document.endswith("(answer.docx)") for use in workspace.stories.uses_of(used[0]))
    finally:
        workspace.close()


def test_delivery_report(demo_copy, tmp_path, capsys):
    out = tmp_path / "delivery.pdf"
    assert main(["export", "delivery", str(demo_copy), "--tender", WON, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["export", "delivery", str(demo_copy), "--tender", DRAFTING, "-o", str(out)]) == 1
    assert "has not been won" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["--tender", "nope", "-o", "x.docx"], "There is no tender 'nope'"),
    (["--tender", DRAFTING, "-o", "x.odt"], "Say which format to write"),
])
def test_plain_errors(demo_copy, tmp_path, capsys, args, message):
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["export", "tender", str(demo_copy), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_runs_headless_without_qt(demo_copy, tmp_path):
    out = tmp_path / "a.txt"
    code = ("import sys; from svdesk.cli import main; rc = main(sys.argv[1:]); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code, "export", "tender", str(demo_copy), "--tender", DRAFTING,
                             "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_a_consent_form_for_a_story_or_blank(demo_copy, tmp_path, capsys):
    out = tmp_path / "form.pdf"
    assert main(["export", "consent-form", str(demo_copy), "--story", "ellie rides again", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and f"Wrote {out}" in capsys.readouterr().out
    blank = tmp_path / "blank.docx"
    assert main(["export", "consent-form", str(demo_copy), "-o", str(blank)]) == 0 and blank.exists()
    assert main(["export", "consent-form", str(demo_copy), "--story", "no such story", "-o",
                 str(tmp_path / "x.pdf")]) == 1
    assert "There is no story 'no such story'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
