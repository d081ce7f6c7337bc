"""Every command and its exit codes, run as the person would run them: in a child process (the whole
suite), and through the same entry point in this process (the fast suite; the ``svdesk`` fixture)."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys

import pytest

SVDESK = [sys.executable, "-m", "svdesk"]


def run_child(*args, env=None):
    """For the runs that need their own environment (no screen, say)."""
    return subprocess.run([*SVDESK, *map(str, args)], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def run(svdesk):
    """``svdesk ARGS``: in this process in the fast suite, in a child process too in the whole suite."""
    return svdesk


def checksum(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version(run):
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("svdesk ")


def test_demo_then_check(tmp_path, run):
    out = tmp_path / "demo.svdesk"
    assert run("demo", out).returncode == 0
    result = run("check", out)
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_demo_does_not_overwrite(tmp_path, run):
    out = tmp_path / "demo.svdesk"
    out.write_text("mine")
    result = run("demo", out)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert out.read_text() == "mine"


@pytest.mark.parametrize("kind", ["text", "truncated", "random"])
def test_check_refuses_bad_files_and_leaves_them(kind, demo_source, tmp_path, run):
    path = tmp_path / f"{kind}.svdesk"
    if kind == "text":
        path.write_text("Dear diary,\n" * 50)
    elif kind == "truncated":
        data = demo_source.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(os.urandom(20000))
    before = checksum(path)
    result = run("check", path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert checksum(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_check_missing_file(tmp_path, run):
    result = run("check", tmp_path / "nope.svdesk")
    assert result.returncode == 1
    assert "no such file" in result.stderr


def test_dump_and_load_round_trip(demo_source, tmp_path, run):
    dumped = tmp_path / "demo.json"
    assert run("dump", demo_source, "-o", dumped).returncode == 0
    assert run("load", dumped, tmp_path / "copy.svdesk").returncode == 0
    again = run("dump", tmp_path / "copy.svdesk")
    assert again.returncode == 0
    assert again.stdout == dumped.read_text("utf-8")


def test_dump_of_a_file_saved_by_an_older_svdesk_says_so_plainly(demo_source, tmp_path, run):
    """dump only reads, so it cannot upgrade the file first: an older file (here without the
    organisation's incorporation date, added by m008) is refused in words, exit 1, nothing
    written, the file untouched (it stopped with "something unexpected" and exit 70)."""
    import shutil

    older = tmp_path / "older.svdesk"
    shutil.copyfile(demo_source, older)
    conn = sqlite3.connect(older)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_rv_%'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")    # record versions (m012) came later still
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m008_true_figures', 'm012_row_versions')")
    conn.execute("ALTER TABLE organisation DROP COLUMN incorporated_on")
    conn.commit()
    conn.close()
    before = checksum(older)
    for target in (tmp_path / "older.json", None):
        result = run("dump", older, *(["-o", target] if target else []))
        assert result.returncode == 1, result.stderr
        assert "older.svdesk was last saved by an older svdesk" in result.stderr
        assert "Open it in svdesk once" in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == ""
    assert not (tmp_path / "older.json").exists()
    assert checksum(older) == before


def test_load_lists_every_error_and_leaves_nothing(tmp_path, demo_source, run):
    data = json.loads(run("dump", demo_source).stdout)
    data["organisation"]["company_number"] = "NOPE"
    data["organisation"]["staff"] = -3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = run("load", bad, tmp_path / "out.svdesk")
    assert result.returncode == 1
    assert "company number" in result.stderr and "negative" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_load_not_json(tmp_path, run):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run("load", bad, tmp_path / "out.svdesk")
    assert result.returncode == 1
    assert "not valid JSON" in result.stderr


def test_unknown_option_is_a_usage_error(run):
    result = run("check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_headless_commands_never_import_qt(demo_source, tmp_path):
    code = (
        "import sys; from svdesk.cli import main; "
        f"main(['check', {str(demo_source)!r}]); main(['dump', {str(demo_source)!r}, '-o', {str(tmp_path / 'd.json')!r}]); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'; "
        "assert not [m for m in sys.modules if m.startswith(('reportlab', 'docx'))], 'heavy import'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_screenshot(demo_source, tmp_path):
    out = tmp_path / "org.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    before = checksum(demo_source)
    result = run_child("screenshot", demo_source, "--page", "organisation", "-o", out, "--size", "900x600", env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    assert checksum(demo_source) == before
    bad = run_child("screenshot", demo_source, "--page", "nowhere", "-o", out, env=env)
    assert bad.returncode == 1 and "no page" in bad.stderr


def test_backups_and_restore(tmp_path, run):
    path = tmp_path / "b.svdesk"
    assert run("demo", path).returncode == 0
    listing = run("backups", path)
    assert listing.returncode == 0
    assert "no backup copies" in listing.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display detection is for Linux")
def test_window_without_a_screen_says_so():
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = run_child(env=env)
    assert result.returncode == 1
    assert "no screen was found" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_to_open_is_told_from_a_command_without_building_the_commands(monkeypatch):
    from svdesk import cli

    def no_parser():
        raise AssertionError("the commands' parser was built")

    monkeypatch.setattr(cli, "_commands_parser", no_parser)
    for word in ("Riverside.svdesk", "RIVERSIDE.SVDESK", "folder/check", "./export", "-h"):
        assert not cli._is_command(word)
    monkeypatch.undo()
    assert cli._is_command("export") and cli._is_command("check")
    assert not cli._is_command("riverside") and not cli._is_command("check.svdesk")


def test_read_only_commands_skip_the_page_check_but_stop_plainly_at_a_damaged_page(demo_source, tmp_path, run):
    """Reading commands no longer read every page before starting (that took most of a second on
    a big file); a damaged page they meet is still a plain "damaged" message, exit 1, file unchanged,
    and `svdesk check` still reads every page."""
    path = tmp_path / "damaged.svdesk"
    data = bytearray(demo_source.read_bytes())
    page = 4096
    # The stories' own pages: what a dump certainly reads (the middle of the file may hold only
    # pages a dump never reads, such as the record versions kept for merging).
    conn = sqlite3.connect(f"file:{demo_source}?mode=ro", uri=True)
    try:
        pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'stories'")]
    except sqlite3.OperationalError:  # an SQLite built without dbstat: the middle of the file
        pages = [len(data) // page // 2 + n for n in range(4)]
    finally:
        conn.close()
    for number in pages:
        data[(number - 1) * page:number * page] = bytes(page)
    path.write_bytes(bytes(data))
    before = checksum(path)
    dumped = run("dump", path, "-o", tmp_path / "out.json")
    assert dumped.returncode == 1 and "damaged" in dumped.stderr and "Traceback" not in dumped.stderr
    for args in (("search", path, "bike"), ("indicators", path)):
        result = run(*args)
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr and "unexpected" not in result.stderr
    checked = run("check", path)
    assert checked.returncode == 1 and "damaged" in checked.stderr
    assert checksum(path) == before
    assert not (tmp_path / "out.json").exists()
