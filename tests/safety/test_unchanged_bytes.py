"""A command that refuses, or only reads, leaves the organisation file byte-identical and no
-wal/-shm beside it (issue 13). Closing used to run PRAGMA optimize, which wrote statistics into
the file; a read-only look used to leave the journal files behind."""

from __future__ import annotations

import os

import pytest

from tests.safety.helpers import digest, run_cli

COMMANDS = {
    "import-readings refused": (["import-readings", "FILE", "sheet.csv", "--indicator", "Bikes refurbished and back on the road"], 1),
    "import-readings unknown indicator": (["import-readings", "FILE", "sheet.csv", "--indicator", "Nope"], 1),
    "import-readings dry run": (["import-readings", "FILE", "good.csv", "--indicator", "Bikes refurbished and back on the road",
                                 "--dry-run"], 0),
    "export tender refused": (["export", "tender", "FILE", "--tender", "no-such-tender", "-o", "out.pdf"], 1),
    "dump": (["dump", "FILE", "-o", "out.json"], 0),
    "check": (["check", "FILE"], 0),
    "indicators": (["indicators", "FILE"], 0),
    "search": (["search", "FILE", "bikes"], 0),
    "export-readings": (["export-readings", "FILE", "-o", "out.csv"], 0),
    "backups": (["backups", "FILE"], 0),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_refused_and_read_only_commands_keep_every_byte(command, org, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SVDESK_DATA_DIR", str(tmp_path / "data"))
    (org.parent / "sheet.csv").write_text("Period,Value\nnot a period,3\n2024/25,lots\n", "utf-8")
    (org.parent / "good.csv").write_text("Start,End,Value\n2031-01-01,2031-01-31,3\n", "utf-8")
    argv, expected = COMMANDS[command]
    before = digest(org)
    code, out, err = run_cli(capsys, *[str(org) if part == "FILE" else part for part in argv])
    assert code == expected, (out, err)
    assert digest(org) == before
    assert not os.path.exists(f"{org}-wal") and not os.path.exists(f"{org}-shm")


def test_opening_for_writing_and_closing_without_a_change_keeps_every_byte(org):
    from svdesk.store.orgfile import open_file

    before = digest(org)
    open_file(org, backup=False).close()
    assert digest(org) == before
    assert not os.path.exists(f"{org}-wal") and not os.path.exists(f"{org}-shm")


def test_a_read_only_look_leaves_the_journal_of_a_window_alone(org):
    """Tidying the journal never touches it while another svdesk has the file open."""
    from svdesk.store.orgfile import open_file

    writer = open_file(org, backup=False)
    try:
        with writer.write() as db:
            db.execute("UPDATE organisation SET area_served = 'Kept'")
        reader = open_file(org, read_only=True)
        reader.close()
        assert os.path.exists(f"{org}-wal")
        assert writer.query_one("SELECT area_served FROM organisation")["area_served"] == "Kept"
    finally:
        writer.close()


def test_copying_a_file_leaves_it_as_it_was(org, tmp_path):
    """``copy_file`` (the screenshot command and the self-test work on copies) only reads."""
    from svdesk.store.orgfile import copy_file

    before = digest(org)
    copy = copy_file(org, tmp_path / "copy.svdesk")
    assert digest(org) == before and copy.is_file()
    assert not os.path.exists(f"{org}-wal") and not os.path.exists(f"{org}-shm")
