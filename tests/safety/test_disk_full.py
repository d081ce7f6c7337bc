"""A full disk met by a command that only reads is said plainly, exit 1 (issue 13).

On a WAL file a read-only connection must first make the journal's shared-memory file; on a full
disk that fails, as SQLITE_FULL ("database or disk is full") or as a bare "disk I/O error". The
tests make every read-only connection fail exactly so (the way test_hostile_situations makes
SQLite answer as on a full disk), and look at what each command says.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import namedtuple

import pytest

from tests.safety.helpers import digest, run_cli

READ_ONLY_COMMANDS = {
    "dump": ["dump", "FILE"],
    "indicators": ["indicators", "FILE"],
    "search": ["search", "FILE", "bikes"],
    "export-readings": ["export-readings", "FILE", "-o", "out.csv"],
}


def _failing_reads(monkeypatch, error: sqlite3.OperationalError) -> None:
    real_connect = sqlite3.connect

    class FullDisk(sqlite3.Connection):
        def execute(self, sql, *args):
            if not sql.lstrip().upper().startswith("PRAGMA BUSY_TIMEOUT"):
                raise error
            return super().execute(sql, *args)

    def connect(database, *args, **kwargs):
        if "mode=ro" in str(database):
            kwargs["factory"] = FullDisk
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


def _error(text: str, name: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorname = name
    return error


@pytest.mark.parametrize("command", sorted(READ_ONLY_COMMANDS))
def test_sqlite_full_is_said_plainly(command, org, capsys, monkeypatch):
    before = digest(org)
    _failing_reads(monkeypatch, _error("database or disk is full", "SQLITE_FULL"))
    argv = [str(org) if part == "FILE" else part for part in READ_ONLY_COMMANDS[command]]
    code, _out, err = run_cli(capsys, *argv)
    assert code == 1, err
    assert "disk is full" in err and "older svdesk" not in err and "unexpected" not in err
    assert digest(org) == before


@pytest.mark.parametrize("command", sorted(READ_ONLY_COMMANDS))
def test_an_io_error_on_a_full_disk_is_a_full_disk(command, org, capsys, monkeypatch):
    _failing_reads(monkeypatch, _error("disk I/O error", "SQLITE_IOERR_SHMSIZE"))
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10**9, 10**9, 0))
    argv = [str(org) if part == "FILE" else part for part in READ_ONLY_COMMANDS[command]]
    code, _out, err = run_cli(capsys, *argv)
    assert code == 1 and "disk is full" in err, err


def test_an_io_error_with_space_left_is_a_disk_error_not_a_crash(org, capsys, monkeypatch):
    _failing_reads(monkeypatch, _error("disk I/O error", "SQLITE_IOERR_READ"))
    code, _out, err = run_cli(capsys, "search", org, "bikes")
    assert code == 1 and "disk reported an error" in err and "older svdesk" not in err, err
