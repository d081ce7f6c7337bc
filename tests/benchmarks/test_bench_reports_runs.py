"""bench_reports.py runs end to end on a tiny big file (timings are never asserted here)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.slow
def test_reports_benchmark_runs_on_a_tiny_file(tmp_path):
    spec = importlib.util.spec_from_file_location("bigfile", HERE / "bigfile.py")
    bigfile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bigfile)
    path = bigfile.make_big_file(tmp_path / "tiny.svdesk", scale=0.003)
    before = path.read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(HERE / "bench_reports.py"), str(path), "--runs", "1", "--json"],
                            capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    found = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("[")))[0]
    assert found["stories"] == 30 and set(found["exports"]) == {
        "CIC34 report (pdf)", "CIC34 report (docx)", "CIC34 report (txt)", "impact summary (pdf)"}
    assert all(row["first_median_s"] > 0 for row in found["exports"].values())
    # The whole commands, as a person runs them (issue 17 measures these).
    assert set(found["commands"]) == set(found["exports"])
    assert all(row["cpu_median_s"] > 0 and row["wall_median_s"] > 0 for row in found["commands"].values())
    assert found["memory"]["vmhwm_mb"] > found["memory"]["after_pages_mb"] / 2 > 0
    assert path.read_bytes() == before  # measured on a copy: the use log of the file is untouched
