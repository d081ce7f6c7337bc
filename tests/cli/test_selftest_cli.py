"""``svdesk --self-test`` and ``svdesk self-test`` run from source, as support would run them."""

import os
import subprocess
import sys

import pytest

from svdesk.services.export_registry import EXPORTS
from svdesk.ui.shell.steps import page_steps


def _env(tmp_path):
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["SVDESK_DATA_DIR"] = str(tmp_path / "data")
    env["SVDESK_CONFIG_DIR"] = str(tmp_path / "config")
    return env


@pytest.mark.slow
def test_self_test_flag_passes_and_finds_offscreen_by_itself(tmp_path):
    # No QT_QPA_PLATFORM and no display: the self-test must pick offscreen itself, or Qt aborts.
    result = subprocess.run([sys.executable, "-m", "svdesk", "--self-test"], capture_output=True, text=True,
                            timeout=300, env=_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert out.startswith("svdesk ") and "from source" in out.splitlines()[0]
    for step in page_steps():
        assert step.key in out
    assert "offscreen platform plugin" in out
    for export in EXPORTS:
        assert f"ok      export {export.name}:" in out
    assert "FAILED" not in out and "Traceback" not in result.stderr
    assert "Self-test passed" in out
    assert (tmp_path / "data" / "self-test.txt").read_text("utf-8").splitlines()[0] == out.splitlines()[0]
    assert set(os.listdir(tmp_path)) <= {"config", "data"}  # nothing left in the working folder


@pytest.mark.slow
def test_self_test_command_keeps_the_results(tmp_path):
    kept = tmp_path / "kept"
    result = subprocess.run([sys.executable, "-m", "svdesk", "self-test", "--keep", str(kept)], capture_output=True,
                            text=True, timeout=300, env=_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    pictures = sorted(path.name for path in (kept / "pages").glob("*.png"))
    assert pictures == ["00-welcome.png"] + [f"{n:02d}-{step.key}.png" for n, step in enumerate(page_steps(), start=1)]
    if EXPORTS:
        made = [path for path in (kept / "exports").rglob("*") if path.is_file()]
        assert {path.suffix.lstrip(".") for path in made} == {fmt for export in EXPORTS for fmt in export.formats}
