import os

# Must be set before anything imports Qt: without it a headless run aborts the whole process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

# Keep compiled bytecode between runs even where PYTHONDONTWRITEBYTECODE is set for development
# (as it is on the team's machines): otherwise every run compiles svdesk and re-does pytest's
# assertion rewriting of every test module (two thirds of the time collecting the tests), and
# each child Python a test starts compiles svdesk again. The caches are the gitignored
# __pycache__ folders, checked against each source file's time and size: never used stale.
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import itertools  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


def pytest_configure(config):
    """No cycle collection on a background thread: the app's own rule (svdesk/ui/shell/collector.py)
    holds for the tests too, where pytest-qt makes the application. Collections run on the main
    thread between tests instead."""
    import gc

    gc.disable()


def fast_examples(examples: int) -> int:
    """A tenth of a property's examples (at least 3, never more than it asks for)."""
    return min(examples, max(3, examples // 10))


def pytest_collection_modifyitems(config, items):
    """In the fast suite (``-m "not slow"``) each property test tries a tenth of its examples: every
    property still runs, with fewer random cases, and the whole suite (CI) tries every one of them.
    Hypothesis reads a test's settings when the test is called, so they can be replaced here."""
    if "not slow" not in (config.getoption("markexpr") or ""):
        return
    from hypothesis import settings

    seen = set()
    for item in items:
        test = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))
        chosen = getattr(test, "_hypothesis_internal_use_settings", None)
        if chosen is None or id(test) in seen:
            continue
        seen.add(id(test))
        test._hypothesis_internal_use_settings = settings(chosen, max_examples=fast_examples(chosen.max_examples))


@pytest.fixture(autouse=True)
def _collect_on_main_thread():
    yield
    from svdesk.ui.shell.collector import collect_due

    collect_due()


@pytest.fixture(scope="session")
def _user_folders_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("users")


_user_folder_numbers = itertools.count()


@pytest.fixture(autouse=True)
def _private_user_folders(_user_folders_root, monkeypatch):
    """Every test gets its own data and settings folders: backups, logs and recent files never
    touch the real ones or leak between tests. Numbered here, in one folder of their own: pytest's
    mktemp lists the whole temporary folder to number each new one, and a folder per test in it
    made that (and every test's tmp_path) slower with each test, seconds over the suite."""
    base = _user_folders_root / f"{next(_user_folder_numbers):05d}"
    base.mkdir()
    monkeypatch.setenv("SVDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("SVDESK_CONFIG_DIR", str(base / "config"))
    return base


@pytest.fixture
def workspace():
    """A fresh, fully migrated organisation file in memory (a copy of one migrated once: see
    tests/memory_files.py)."""
    from tests.memory_files import memory_workspace

    ws = memory_workspace()
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def empty_file_source(tmp_path_factory) -> Path:
    """A new, empty organisation file made once per test session, as ``create_file`` makes it
    (every migration step, about a tenth of a second of processor time, run once); copy it before
    opening it."""
    from svdesk.store.orgfile import new_file_at

    path = tmp_path_factory.mktemp("empty") / "Test CIC.svdesk"
    with new_file_at(path, "the session's empty file already exists"):
        pass
    journals = [p.name for p in path.parent.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))]
    assert not journals, f"making the new file left {journals}: a copy of the file alone would miss them"
    return path


@pytest.fixture
def file_workspace(empty_file_source, tmp_path):
    """A fresh organisation file on disk, open: what ``create_workspace`` does (``create_file``
    opens the new file without a backup copy, then the organisation is saved), from a byte-for-byte
    copy of the session's new file (tests/store/test_memory_files.py checks it against a file made
    on the spot)."""
    import shutil

    from svdesk.domain.organisation import Organisation
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    target = tmp_path / "Test CIC.svdesk"
    shutil.copyfile(empty_file_source, target)
    ws = Workspace.around(open_file(target, backup=False))
    ws.organisation.save(Organisation(name="Test CIC"))
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


class _Hung(BaseException):
    """Raised by the alarm; a BaseException so that the command's own last line of defence
    (which turns any Exception into "something unexpected went wrong") lets it through."""


def _svdesk_in_this_process(capsys, argv, cwd, seconds: int) -> subprocess.CompletedProcess:
    """``svdesk ARGV`` through the command line's own entry point, in this process: the same
    parsing, messages and exit codes as a child process, without starting Python and importing
    svdesk again for each run (a third of a second, each). A command that hangs (on a FIFO, say)
    is interrupted by an alarm and fails the test instead of hanging the run."""
    import signal

    from svdesk.cli import main

    def hung(signum, frame):
        raise _Hung(f"svdesk {' '.join(argv)} did not finish within {seconds} seconds")

    capsys.readouterr()  # what the test printed before is not the command's output
    before = os.getcwd()
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        if cwd is not None:
            os.chdir(cwd)
        try:
            code = main(list(argv))
        except SystemExit as stop:  # argparse's usage errors (2) and --version/--help (0)
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except _Hung as error:
        pytest.fail(str(error))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(before)
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["svdesk", *argv], code, out, err)


def _svdesk_in_a_child(argv, cwd, seconds: int) -> subprocess.CompletedProcess:
    """``python -m svdesk ARGV`` as the person runs it, in its own process."""
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "QT_QPA_PLATFORM": "offscreen"}
    try:
        return subprocess.run([sys.executable, "-m", "svdesk", *argv], cwd=cwd, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=seconds)
    except subprocess.TimeoutExpired:
        pytest.fail(f"svdesk {' '.join(argv)} did not finish within {seconds} seconds")


@pytest.fixture(params=["in-process", pytest.param("child-process", marks=pytest.mark.slow)])
def svdesk(request, capsys):
    """Runs ``svdesk ARGS`` (``cwd=``, ``timeout=`` optional) and returns the CompletedProcess.

    The fast suite runs each command in this process; the whole suite runs each test a second
    time with every command in a child process, exactly as a person types it."""
    child = request.param == "child-process"

    def run(*args, cwd=None, timeout: int = 120) -> subprocess.CompletedProcess:
        argv = [str(arg) for arg in args]
        return _svdesk_in_a_child(argv, cwd, timeout) if child else _svdesk_in_this_process(capsys, argv, cwd, timeout)

    return run


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
