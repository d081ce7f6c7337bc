"""No command may write over an organisation file (issue 13): every writer, every spelling.

Each command that writes a file is pointed at the organisation file (or its journal, its lock,
another .svdesk file, a copy of one under an innocent name) spelt every way a person or a script
might: relative, absolute, ``./``, ``..`` segments, a symlink, a hard link, another case. Each
must exit 1 with a plain sentence, and every file must keep every byte.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.safety.helpers import digest, run_cli

# Each writer, as argv with OUT where the target goes (FILE is the organisation file).
WRITERS = {
    "dump": ["dump", "FILE", "-o", "OUT"],
    "export tender": ["export", "tender", "FILE", "--tender", "x", "-o", "OUT"],
    "export delivery": ["export", "delivery", "FILE", "--tender", "x", "-o", "OUT"],
    "export cic34": ["export", "cic34", "FILE", "-o", "OUT"],
    "export summary": ["export", "summary", "FILE", "-o", "OUT"],
    "export consent-form": ["export", "consent-form", "FILE", "-o", "OUT"],
    "export-readings": ["export-readings", "FILE", "-o", "OUT"],
    "screenshot": ["screenshot", "FILE", "--page", "welcome", "-o", "OUT"],
    "demo": ["demo", "OUT"],
    "load": ["load", "dump.json", "OUT"],
}


def _make(kind: str, org: Path) -> str:
    """Makes what the spelling needs beside ``org`` and returns the target as typed."""
    folder = org.parent
    if kind == "relative":
        return "Org.svdesk"
    if kind == "absolute":
        return str(org.resolve())
    if kind == "dot-slash":
        return "./Org.svdesk"
    if kind == "dot-dot":
        (folder / "sub").mkdir()
        return "sub/../Org.svdesk"
    if kind == "symlink":
        os.symlink(org, folder / "report.pdf")
        return "report.pdf"
    if kind == "hard link":
        os.link(org, folder / "report.pdf")
        return "report.pdf"
    if kind == "other case":
        return "ORG.SVDESK"
    if kind in ("-wal", "-shm", ".lock"):
        Path(f"{org}{kind}").write_bytes(b"")  # as left by an svdesk that had it open
        return f"Org.svdesk{kind}"
    if kind == "-wal absent":
        return "Org.svdesk-wal"
    if kind == "another .svdesk":
        return "Another.Svdesk"
    if kind == "copy under another name":
        shutil.copyfile(org, folder / "report.pdf")
        return "report.pdf"
    if kind == "hard link to the lock":
        Path(f"{org}.lock").write_bytes(b"")
        os.link(f"{org}.lock", folder / "notes.csv")
        return "notes.csv"
    raise AssertionError(kind)


SPELLINGS = ["relative", "absolute", "dot-slash", "dot-dot", "symlink", "hard link", "other case", "-wal", "-shm",
             ".lock", "-wal absent", "another .svdesk", "copy under another name", "hard link to the lock"]


def _fingerprints(folder: Path) -> dict:
    return {path.name: (digest(path), path.is_symlink()) for path in sorted(folder.iterdir()) if path.name != "sub"}


# demo and load make NEW organisation files: a new .svdesk name is theirs to use, and they read
# no organisation file, so a hard link to a lock is just an existing file to them (refused as such).
CASES = [(writer, spelling) for writer in sorted(WRITERS) for spelling in SPELLINGS
         if not (writer in ("demo", "load") and spelling in ("hard link to the lock", "other case", "another .svdesk"))]


@pytest.mark.parametrize(("writer", "spelling"), CASES)
def test_no_writer_overwrites_an_organisation_file(writer, spelling, org, capsys):
    if writer == "load":
        from svdesk.store.dump import dump_file, to_json
        from svdesk.store.orgfile import open_file

        orgfile = open_file(org, read_only=True)
        (org.parent / "dump.json").write_text(to_json(dump_file(orgfile)), "utf-8")
        orgfile.close()
    target = _make(spelling, org)
    before = _fingerprints(org.parent)
    argv = [str(org) if part == "FILE" else target if part == "OUT" else part for part in WRITERS[writer]]
    code, out, err = run_cli(capsys, *argv)
    assert code == 1, (argv, out, err)
    assert "Traceback" not in err and err.startswith("svdesk: ")
    assert _fingerprints(org.parent) == before  # nothing written, nothing created, nothing replaced
    assert "will not write to" in err or (writer in ("demo", "load") and "already exists" in err), err


def test_a_genuine_new_file_is_still_written(org, capsys):
    code, _out, err = run_cli(capsys, "dump", org, "-o", "dump.json")
    assert code == 0, err
    code, _out, err = run_cli(capsys, "load", "dump.json", "Copy.svdesk")
    assert code == 0, err
    assert (org.parent / "Copy.svdesk").is_file()


def test_the_window_export_dialog_refuses_the_organisation_file(org):
    from types import SimpleNamespace

    from svdesk.ui.common.export_target import choose_export_target

    class Dialogs:
        def __init__(self, answer):
            self.answer, self.errors = answer, []

        def save_file(self, *_args):
            return Path(self.answer)

        def error(self, _parent, title, text):
            self.errors.append((title, text))

    os.link(org, org.parent / "hard.pdf")
    os.symlink(org, org.parent / "soft.pdf")
    shutil.copyfile(org, org.parent / "copy.pdf")
    for name in ("hard.pdf", "soft.pdf", "copy.pdf"):
        dialogs = Dialogs(org.parent / name)
        ctx = SimpleNamespace(dialogs=dialogs, workspace=SimpleNamespace(path=org))
        assert choose_export_target(ctx, None, "Save", "x", "pdf", "") is None, name
        assert dialogs.errors and "will not write to" in dialogs.errors[0][1]
    dialogs = Dialogs(org.parent / "fine.pdf")
    ctx = SimpleNamespace(dialogs=dialogs, workspace=SimpleNamespace(path=org))
    assert choose_export_target(ctx, None, "Save", "x", "pdf", "") == org.parent / "fine.pdf"


def test_render_and_csv_writers_refuse_on_their_own(org, tmp_path):
    """The writers themselves refuse, whoever calls them (a page, the self-test, a future command)."""
    from svdesk import render
    from svdesk.document.model import Document
    from svdesk.domain.errors import SvdeskError
    from svdesk.store.readings_io import export_csv
    from svdesk.store.workspace import open_workspace

    before = digest(org)
    with pytest.raises(SvdeskError, match="will not write"):
        render.write(Document(title="x"), "txt", org)
    shutil.copyfile(org, tmp_path / "innocent.txt")
    with pytest.raises(SvdeskError, match="will not write"):
        render.write(Document(title="x"), "txt", tmp_path / "innocent.txt")
    workspace = open_workspace(org, read_only=True)
    try:
        with pytest.raises(SvdeskError, match="will not write"):
            export_csv(workspace.indicators, workspace.indicators.all(), Path(f"{org}-wal"))
    finally:
        workspace.close()
    assert digest(org) == before
