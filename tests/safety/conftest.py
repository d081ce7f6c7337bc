"""A demo organisation file made once, copied fresh into each test's own folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_master(demo_source) -> Path:
    """The session's demo (tests/conftest.py), written once for every folder of tests."""
    return demo_source


@pytest.fixture
def org(demo_master, tmp_path, monkeypatch) -> Path:
    """``Org.svdesk`` in an empty folder that is also the working directory."""
    path = tmp_path / "Org.svdesk"
    shutil.copyfile(demo_master, path)
    monkeypatch.chdir(tmp_path)
    return path
