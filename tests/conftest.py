import os

# Must be set before anything imports Qt: without it a headless run aborts the whole process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


def pytest_configure(config):
    """No cycle collection on a background thread: the app's own rule (svdesk/ui/shell/collector.py)
    holds for the tests too, where pytest-qt makes the application. Collections run on the main
    thread between tests instead."""
    import gc

    gc.disable()


@pytest.fixture(autouse=True)
def _collect_on_main_thread():
    yield
    from svdesk.ui.shell.collector import collect_due

    collect_due()


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory, monkeypatch):
    """Every test gets its own data and settings folders: backups, logs and recent files never
    touch the real ones or leak between tests."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("SVDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("SVDESK_CONFIG_DIR", str(base / "config"))
    return base


@pytest.fixture(scope="session")
def _migrated_memory_file():
    """One freshly migrated file in memory, made once: running every migration step costs about
    a tenth of a second, and hundreds of tests start from an empty file."""
    from svdesk.store.orgfile import new_memory_file

    template = new_memory_file()
    yield template.conn
    template.close()


@pytest.fixture
def workspace(_migrated_memory_file):
    """A fresh, fully migrated organisation file in memory: a byte-for-byte copy of the migrated
    template (SQLite's backup copies every table, index, trigger and FTS table, and the
    application id and schema version in the header), then what ``memory_workspace`` does."""
    import sqlite3

    from svdesk.domain.organisation import Organisation
    from svdesk.store.orgfile import OrgFile
    from svdesk.store.workspace import Workspace

    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _migrated_memory_file.backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")  # a setting of the connection, not of the file
    ws = Workspace.around(OrgFile(conn, None))
    ws.organisation.save(Organisation(name="Test CIC"))
    yield ws
    ws.close()


@pytest.fixture
def file_workspace(tmp_path):
    """A fresh organisation file on disk, open."""
    from svdesk.domain.organisation import Organisation
    from svdesk.store.workspace import create_workspace

    ws = create_workspace(tmp_path / "Test CIC.svdesk", Organisation(name="Test CIC"))
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory) -> Path:
    """The demo written once per test session; copy it before changing it."""
    from svdesk.store.demo import write_demo

    return write_demo(tmp_path_factory.mktemp("demo") / "demo.svdesk")


@pytest.fixture
def demo_copy(demo_source, tmp_path) -> Path:
    import shutil

    target = tmp_path / "demo.svdesk"
    shutil.copyfile(demo_source, target)
    return target


@pytest.fixture
def demo_workspace(demo_copy):
    """The demo copy, open for writing. Without the backup copy on opening (an fsync'd copy of the
    whole file, most of the cost of opening it): the tests of backups open their files themselves."""
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    ws = Workspace.around(open_file(demo_copy, backup=False))
    yield ws
    ws.close()


_exit_status = {"code": 0}


def pytest_sessionfinish(session, exitstatus):
    _exit_status["code"] = int(exitstatus)


def pytest_unconfigure(config):
    """Leave without Python's interpreter teardown once every result is reported.

    With PySide6 6.12 on Python 3.11 the teardown of Qt objects left by hundreds of widget
    tests can crash (SIGSEGV) after the run has finished and passed; the exit code must be the
    tests' verdict, not that of the clean-up.
    """
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status["code"])
