"""The publishing benchmark runs end to end on a tiny big file (timings are never asserted)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.slow
def test_bench_publish_runs_on_a_tiny_file():
    root = str(HERE.parents[1])
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, str(HERE / "bench_publish.py"), "--scale", "0.01", "--runs", "2"],
                            capture_output=True, text=True, timeout=600, env=env)
    assert "published" in result.stdout, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["contracts"] >= 1 and figures["indicators"] == 5 and figures["bytes"] > 0
