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


@pytest.fixture
def workspace():
    """A fresh, fully migrated organisation file in memory."""
    from svdesk.store.workspace import memory_workspace

    ws = memory_workspace()
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
    from svdesk.store.workspace import open_workspace

    ws = open_workspace(demo_copy)
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
