"""Helpers for the safety tests: a file's fingerprint, and running a command in this process."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(path: Path) -> str | None:
    path = Path(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    from svdesk.cli import main

    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err
