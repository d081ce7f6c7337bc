"""Hostile spreadsheets for ``import-readings`` (and the window's import, which reads the same way).

Every kind is refused with one plain sentence — never a traceback or exit 70 — and the
organisation file is left byte for byte as it was. Workbooks that lie about their size or unpack
to hundreds of megabytes are refused in a child process whose memory is capped at 1 GB, and its
peak memory and time are measured.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from svdesk.domain.errors import SvdeskError
from svdesk.store.readings_io import plan_import, read_sheet
from svdesk.store.sheet_files import MAX_CELL_CHARS, MAX_CSV_BYTES
from tests.hostile.inject import plain_problem
from tests.hostile.sheets import (
    HEADER_ROW, XLSX_KINDS, hostile_xlsx_files, reading_row, shared_string_bomb, sheet_xml, write_xlsx,
)

ROOT = Path(__file__).resolve().parents[2]
# A child that caps its own address space, runs the command line in-process and reports its peak
# memory (KB) on the last line of stdout.
_CAPPED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))
from svdesk.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
# This process's own high-water mark (kB). Not ru_maxrss: Linux carries that across fork and exec,
# so it would report the size of the test run that started this process.
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    return hostile_xlsx_files(tmp_path_factory.mktemp("hostile-sheets"))


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> Path:
    from svdesk.domain.measures import Frequency, Indicator, Unit
    from svdesk.domain.organisation import Organisation
    from svdesk.store.workspace import create_workspace

    path = tmp_path_factory.mktemp("org") / "org.svdesk"
    workspace = create_workspace(path, Organisation(name="Test CIC"))
    workspace.indicators.add(Indicator(name="Bikes", unit=Unit.COUNT, frequency=Frequency.MONTHLY))
    workspace.indicators.add(Indicator(name="Income", unit=Unit.MONEY, frequency=Frequency.QUARTERLY))
    workspace.close()
    return path


def _snapshot(path: Path) -> dict[str, bytes]:
    return {item.name: item.read_bytes() for item in path.parent.iterdir() if item.name.startswith(path.name)}


def _import(org: Path, sheet: Path, indicator: str = "Bikes", capped: bool = False):
    args = ["import-readings", str(org), str(sheet), "--indicator", indicator]
    command = [sys.executable, "-c", _CAPPED, *args] if capped else [sys.executable, "-m", "svdesk", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    return result, time.monotonic() - started


def test_the_hostile_workbooks_are_small_files(hostile):
    """They are what an attacker sends: a few KB that claim or unpack to far more."""
    assert hostile["dimension claims A1:XFD1048576, one far row"].stat().st_size < 2048
    assert hostile["shared strings that unpack 1000-fold (60 MB)"].stat().st_size < 200_000


@pytest.mark.parametrize("kind", XLSX_KINDS)
def test_each_hostile_workbook_is_refused_whole_in_a_plain_sentence(kind, hostile):
    with pytest.raises(SvdeskError) as caught:
        read_sheet(hostile[kind])
    message = str(caught.value)
    assert plain_problem(message) and hostile[kind].name in message, message


def test_every_hostile_kind_is_in_the_parametrised_list(hostile):
    assert sorted(XLSX_KINDS) == sorted(hostile)


# Each is a child process with capped memory; the fast suite keeps the first (and read_sheet
# refuses every hostile workbook in this process, above).
_SLOW = pytest.mark.slow


@pytest.mark.parametrize("kind", ["dimension claims A1:XFD1048576, one far row",
                                  pytest.param("400 rows padded out to column XFD", marks=_SLOW),
                                  pytest.param("billion laughs in the sheet", marks=_SLOW),
                                  pytest.param("shared-string bomb (300 MB)", marks=_SLOW)])
def test_workbook_bombs_are_refused_in_bounded_memory_and_time(kind, hostile, org, tmp_path):
    """The command line, with memory capped at 1 GB: exit 1, one plain message, the file unchanged,
    peak memory under 300 MB and done within 30 seconds."""
    sheet = (shared_string_bomb(tmp_path / "bomb-300.xlsx", 300) if kind.startswith("shared-string bomb")
             else hostile[kind])
    if kind.startswith("shared-string bomb"):
        assert sheet.stat().st_size < 400_000
    before = _snapshot(org)
    result, seconds = _import(org, sheet, capped=True)
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and sheet.name in result.stderr
    assert plain_problem(result.stderr.strip().removeprefix("svdesk: ")), result.stderr
    peak_mb = int(result.stdout.strip().splitlines()[-1]) / 1024
    print(f"{kind}: peak {peak_mb:.0f} MB, {seconds:.1f} s")
    assert peak_mb < 300, f"{kind}: peak memory {peak_mb:.0f} MB"
    assert seconds < 30, f"{kind}: took {seconds:.1f} s"
    assert _snapshot(org) == before


def test_numbers_and_dates_no_reading_can_have_are_refused_row_by_row(workspace, tmp_path):
    """Cells holding 1e308, 1E400 (infinity to Excel's reader), 100 digits, and the years 0 and
    9999 as text: each row gets its own plain problem; nothing is imported."""
    bikes = _bikes(workspace)
    values = [("Apr 2025", "1e308", "n"), ("May 2025", "1E400", "n"), ("Jun 2025", "9" * 100, "n"),
              ("Jul 2025", "-1e308", "n"), ("Aug 2025", "NaN", "text"), ("Sep 2025", "inf", "text"),
              ("Oct 2025", "1" * 100, "text"), ("Nov 2025", "0." + "0" * 98 + "1", "text"),
              ("Jan 0000", "3", "n"), ("31/12/9999", "3", "n"), ("Q4 9999", "3", "n"), ("9999/00", "3", "n"),
              ("01/01/0001 to 31/12/9999", "3", "n")]
    rows = HEADER_ROW + "".join(reading_row(number, period, value, kind)
                                for number, (period, value, kind) in enumerate(values, start=2))
    sheet = write_xlsx(tmp_path / "numbers.xlsx", sheet_xml(rows))
    plan = plan_import(workspace.indicators, read_sheet(sheet), bikes)
    assert not plan.can_import
    for number in range(2, 2 + len(values)):
        found = [problem for problem in plan.problems if problem.startswith(f"Row {number}: ")]
        assert found and all(plain_problem(problem) for problem in found), (number, plan.problems)


def test_date_cells_in_year_9999_and_before_1900_are_refused_row_by_row(workspace, tmp_path):
    import openpyxl

    bikes = _bikes(workspace)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Period", "Value"])
    for day in (dt.datetime(9999, 12, 31), dt.datetime(1800, 1, 1), dt.datetime(2025, 4, 1)):
        sheet.append([day, 1])
    book.save(tmp_path / "dates.xlsx")
    plan = plan_import(workspace.indicators, read_sheet(tmp_path / "dates.xlsx"), bikes)
    assert [problem.split(":")[0] for problem in plan.problems] == ["Row 2", "Row 3"], plan.problems
    assert all("outside the years svdesk takes" in problem for problem in plan.problems)


def _bikes(workspace):
    from svdesk.domain.measures import Frequency, Indicator, Unit

    return workspace.indicators.add(Indicator(name="Bikes", unit=Unit.COUNT, frequency=Frequency.MONTHLY))


# -- CSV --------------------------------------------------------------------------------------------------
def test_windows_text_is_read_as_windows_text(workspace, tmp_path):
    """Latin-1 / Windows bytes (as older Excel saves CSV) are read as such: café stays café."""
    bikes = _bikes(workspace)
    sheet = tmp_path / "windows.csv"
    sheet.write_bytes("Period,Value,Note\nApr 2025,12,café – £5\n".encode("cp1252"))
    plan = plan_import(workspace.indicators, read_sheet(sheet), bikes)
    assert plan.can_import and plan.rows[0].note == "café – £5"


HOSTILE_CSV = {
    "a byte that is no letter in UTF-8 or Windows text": b"Period,Value,Note\nApr 2025,12,caf\xe9 \x81\n",
    "a field over 128 KB": b"Period,Value,Note\nApr 2025,12,\"" + b"x" * 140_000 + b"\"\n",
    "a cell of 40,000 characters": b"Period,Value,Note\nApr 2025,12," + b"x" * 40_000 + b"\n",
    "a NUL byte after the first 4 KB": b"Period,Value,Note\n" + b"Apr 2025,12,fine\n" * 400 + b"May 2025,1,\x00\n",
    "500 columns in a row": b"Period,Value,Note\nApr 2025,12," + b"x," * 500 + b"x\n",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_CSV))
def test_hostile_csv_is_refused_whole_with_a_plain_message(kind, org, tmp_path, svdesk):
    sheet = tmp_path / "hostile.csv"
    sheet.write_bytes(HOSTILE_CSV[kind])
    with pytest.raises(SvdeskError) as caught:
        read_sheet(sheet)
    assert plain_problem(str(caught.value)) and sheet.name in str(caught.value), str(caught.value)
    before = _snapshot(org)
    result = svdesk("import-readings", org, sheet, "--indicator", "Bikes", timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert _snapshot(org) == before


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    sheet = tmp_path / "huge.csv"
    with open(sheet, "wb") as handle:
        handle.truncate(MAX_CSV_BYTES + 1)      # sparse: nothing is really written
    with pytest.raises(SvdeskError, match="at most 64 MB"):
        read_sheet(sheet)


def test_a_cell_at_the_limit_is_read(tmp_path):
    sheet = tmp_path / "limit.csv"
    sheet.write_text("Period,Value,Note\nApr 2025,12," + "x" * MAX_CELL_CHARS + "\n", "utf-8")
    assert len(read_sheet(sheet)[1][2]) == MAX_CELL_CHARS


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_the_sheet_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "readings.csv"
    os.mkfifo(fifo)
    with pytest.raises(SvdeskError, match="not a file svdesk can read"):
        read_sheet(fifo)


def test_numbers_in_a_csv_are_refused_row_by_row_and_the_file_is_kept(org, tmp_path, svdesk):
    sheet = tmp_path / "numbers.csv"
    sheet.write_text("Period,Value\nApr 2025,1e308\nMay 2025," + "9" * 100 + "\nJun 2025,NaN\nJul 2025,-inf\n"
                     "Jan 0000,1\n31/12/9999,1\n", "utf-8")
    result = svdesk("import-readings", org, sheet, "--indicator", "Bikes", timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    for number in range(2, 8):
        assert f"Row {number}: " in result.stderr, (number, result.stderr)
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(org, read_only=True)
    try:
        assert workspace.indicators.readings(workspace.indicators.find("Bikes").id) == []
    finally:
        workspace.close()
