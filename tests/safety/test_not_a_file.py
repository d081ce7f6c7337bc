"""A FIFO, device or folder given where a file is expected is refused at once (issue 13).

A FIFO used to hang every command (open() waits for a writer for ever). Each command runs with a
time limit (an alarm in this process, a timeout for a child process: the ``svdesk`` fixture), so a
regression fails instead of hanging the test run.
"""

from __future__ import annotations

import os

import pytest

COMMANDS = {
    "check": ["check", "FIFO"],
    "dump": ["dump", "FIFO"],
    "indicators": ["indicators", "FIFO"],
    "search": ["search", "FIFO", "bikes"],
    "export-readings": ["export-readings", "FIFO", "-o", "out.csv"],
    "export tender": ["export", "tender", "FIFO", "--tender", "x", "-o", "out.pdf"],
    "export cic34": ["export", "cic34", "FIFO", "-o", "out.pdf"],
    "export summary": ["export", "summary", "FIFO", "-o", "out.pdf"],
    "import-readings (file)": ["import-readings", "FIFO", "sheet.csv", "--indicator", "x"],
    "import-readings (sheet)": ["import-readings", "Org.svdesk", "FIFO.csv", "--indicator", "x"],
    "load (json)": ["load", "FIFO.json", "New.svdesk"],
    "restore-backup (backup)": ["restore-backup", "Org.svdesk", "FIFO"],
    "restore-backup (file)": ["restore-backup", "FIFO", "Org.svdesk"],
    "screenshot": ["screenshot", "FIFO", "--page", "measures", "-o", "out.png"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_is_refused_by_every_command(command, org, svdesk):
    folder = org.parent
    for name in ("FIFO", "FIFO.csv", "FIFO.json"):
        os.mkfifo(folder / name)
    (folder / "sheet.csv").write_text("Period,Value\n2024/25,3\n", "utf-8")
    result = svdesk(*COMMANDS[command], cwd=folder, timeout=90)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "pipe" in result.stderr and "Traceback" not in result.stderr
    assert not (folder / "out.pdf").exists() and not (folder / "New.svdesk").exists()


@pytest.mark.parametrize(("given", "said"), [("/dev/null", "device"), (".", "folder")])
def test_a_device_or_folder_is_refused(given, said, org, svdesk):
    for argv in (["dump", given], ["check", given], ["import-readings", "Org.svdesk", given]):
        result = svdesk(*argv, cwd=org.parent, timeout=90)
        assert result.returncode == 1, (argv, result.stdout, result.stderr)
        assert said in result.stderr, (argv, result.stderr)
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("svdesk", ["in-process"], indirect=True)
def test_a_command_that_hangs_in_this_process_fails_its_test_instead_of_hanging_the_run(svdesk, tmp_path, monkeypatch):
    from svdesk.commands import filecmds

    fifo = tmp_path / "FIFO"
    os.mkfifo(fifo)
    monkeypatch.setattr(filecmds, "cmd_check", lambda args: open(fifo).read())  # the old hang
    with pytest.raises(pytest.fail.Exception, match="did not finish within 1 seconds"):
        svdesk("check", fifo, timeout=1)
