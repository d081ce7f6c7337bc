"""The benchmark and the big-file generator work, end to end, on a tiny file. Timings are never
asserted here (they depend on the machine); tests/benchmarks/bench_all.py reports them."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _bigfile():
    spec = importlib.util.spec_from_file_location("bigfile", HERE / "bigfile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # makes a (small) big file with megabytes of evidence; bench_all runs the generator too
def test_big_file_generator_makes_a_valid_varied_file(tmp_path):
    from svdesk.domain.consent import ConsentState
    from svdesk.store.orgfile import health_check, open_file
    from svdesk.store.workspace import Workspace

    bigfile = _bigfile()
    path = bigfile.make_big_file(tmp_path / "big.svdesk", scale=0.01)
    health_check(path, full=True)
    counts = bigfile.describe(path)
    assert counts["indicators"] == 5
    assert counts["stories"] == 100 and counts["consultations"] == 20 and counts["tenders"] == 5
    assert counts["readings"] >= 5 * 12  # even a tiny file has a year of monthly readings per indicator
    assert 250 <= counts["story_words_avg"] <= 400
    assert counts["evidence_mb"] >= 2.0

    workspace = Workspace.around(open_file(path, backup=False))
    try:
        states = workspace.stories.state_counts()
        assert all(states[state] > 0 for state in ConsentState), states
        text = " ".join(row["body"] for row in workspace.file.query("SELECT before || what_we_did || after || quote AS body FROM stories"))
        assert any(ch in text for ch in "łżźęąś")  # Polish
        assert any(word in text for word in ("diolch", "croeso", "cymuned", "gweithdy"))  # Welsh
        assert any(ch in text for ch in "🚲🙂👍")  # emoji
        blobs = workspace.file.query("SELECT sha256, size FROM blobs")
        assert len({row["sha256"] for row in blobs}) == len(blobs)
        owners = {row["owner_table"] for row in workspace.file.query("SELECT DISTINCT owner_table FROM attachments")}
        assert {"readings", "stories"} <= owners
        assert workspace.statements.current_agreed() is not None  # every export has something to say
        assert workspace.file.query_one("SELECT count(*) AS n FROM tenders WHERE answer_text != ''")["n"] >= 3
    finally:
        workspace.close()


@pytest.mark.slow
def test_bench_all_runs_end_to_end_on_a_tiny_file(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(HERE / "bench_all.py"), "--scale", "0.003", "--runs", "1", "--json"],
        capture_output=True, text=True, env=env, timeout=900, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("measure") and "target" in line and "result" in line for line in lines)
    data = json.loads(lines[-1])
    assert data["failures"] == []
    groups = {row["group"] for row in data["rows"]}
    assert groups == {"start", "open", "search", "export", "memory"}
    measures = {row["measure"] for row in data["rows"]}
    for expected in ("story search p95", "open_workspace, big file", "svdesk window, big file",
                     "big file: window + every export (peak RSS)", "CIC34 report (pdf)", "impact summary (pdf)",
                     "tender answer (docx)", "delivery report (md)"):
        assert expected in measures
    for row in data["rows"]:
        assert row["value"] > 0
        if row["target"] is not None:
            assert row["passed"] in (True, False)
            assert ("pass" if row["passed"] else "MISS") in next(line for line in lines if line.startswith(row["measure"]))
    assert not list(tmp_path.iterdir())  # everything it made was in its own temporary folder


@pytest.mark.slow  # a benchmark run in a child process; the fast suite keeps the tender questions one
def test_status_benchmark_runs_on_the_demo(demo_copy):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(HERE / "bench_statuses.py"), str(demo_copy), "--saves", "3"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "statuses on the window's thread after a save" in result.stdout
    assert "until the background statuses are ready" in result.stdout


@pytest.mark.slow  # a benchmark run in a child process; the fast suite keeps the tender questions one
def test_tenders_page_benchmark_runs_on_the_demo(demo_copy):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(HERE / "bench_tenders_page.py"), str(demo_copy), "--switches", "2"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "13 stories, 2 tenders" in result.stdout and "showing another tender" in result.stdout


def test_the_tender_questions_benchmark_runs_on_the_demo(demo_copy):
    spec = importlib.util.spec_from_file_location("bench_tender_questions", HERE / "bench_tender_questions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    result = module.measure(demo_copy, runs=2)
    assert result["question_words"] >= 1000 and result["parts"] >= 10 and result["draft_words"] <= 1000
    assert result["edited_ms"] > 0 and result["edited_auto_ms"] > 0


@pytest.mark.slow  # a benchmark run in a child process; the fast suite keeps the tender questions one
def test_exposure_benchmark_runs_on_a_tiny_file():
    result = subprocess.run([sys.executable, str(HERE / "bench_exposure.py"), "--scale", "0.003", "--runs", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "30 stories" in result.stdout and "per export (file unchanged)" in result.stdout


@pytest.mark.slow
def test_the_size_sweep_prints_every_figure_beside_its_goal(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(HERE / "bench_all.py"), "--scale", "0.002,0.004", "--runs", "1", "--json"],
        capture_output=True, text=True, env=env, timeout=1200, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    data = json.loads(lines[-1])
    assert data["failures"] == [] and list(data["columns"]) == ["20", "40"]
    for figures in data["columns"].values():
        assert {"cic34_pdf", "dump_mb", "search_p95", "busy_open", "busy_save", "any_again", "peak_mb",
                "start_ratio"} <= set(figures)
        assert all(value > 0 for value in figures.values())
    assert any(line.startswith("window busy, longest: opening") and "≤ 100 ms" in line for line in lines)
    assert any(line.startswith("story search p95") and "≤ 10 ms at 10k" in line for line in lines)
    assert not list(tmp_path.iterdir())


@pytest.mark.slow  # a benchmark run in a child process (3 s of processor time); the fast suite keeps the tender questions one
def test_the_window_benchmark_reports_the_longest_busy_stretch(demo_copy):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(HERE / "bench_window.py"), str(demo_copy), "--json"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(data["longest_ms"]) == {"opening", "visiting every page", "showing pages again", "saving an edit"}
    assert all(gap > 0 for gap in data["longest_ms"].values())
    assert set(data["show_again_ms"]) == {"organisation", "statement", "measures", "stories", "listening", "tenders",
                                          "cic34", "summary"}
