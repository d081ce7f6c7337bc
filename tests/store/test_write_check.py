"""An export opens the file without reading every page first (issue 17: the whole-file check was
most of an export's time on a big file and grew with the file, not the year): it checks the
pages its use log goes to before writing anything, and any other write on such a file still
checks every page first."""

import datetime as dt
import hashlib
import sqlite3

import pytest

from svdesk.domain.financial_year import FinancialYear
from svdesk.store.fileformat import FileRefused
from svdesk.store.orgfile import open_file
from svdesk.store.write_check import check_before_writing, tables_written

TODAY = dt.date(2026, 11, 22)
YEAR = FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
PAGE = 4096


def checksum(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path, table: str) -> None:
    """Zeroes every page of ``table`` (and of nothing else)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        pages = [number for (number,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", [table])]
    finally:
        conn.close()
    assert pages, table
    data = bytearray(path.read_bytes())
    for number in pages:
        data[(number - 1) * PAGE:number * PAGE] = bytes(PAGE)
    path.write_bytes(bytes(data))


def use_count(path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM story_uses").fetchone()[0]
    finally:
        conn.close()


def test_the_use_log_write_checks_its_own_tables_and_those_its_triggers_write(demo_source):
    conn = sqlite3.connect(f"file:{demo_source}?mode=ro", uri=True)
    try:
        # The merge's row versions are written by the use log's triggers: their pages are checked too.
        assert sorted(tables_written(conn, ("story_uses",))) == ["row_history", "row_versions", "story_uses"]
        # The story text's triggers write to the full-text index (pages of its own): every page then.
        assert tables_written(conn, ("story_text",)) is None
        assert tables_written(conn, ("no_such_table",)) is None
        assert check_before_writing(conn, ("story_uses",)) and check_before_writing(conn, None)
    finally:
        conn.close()


def test_an_export_is_made_from_a_file_damaged_only_where_it_neither_reads_nor_writes(demo_copy, tmp_path):
    from svdesk.services.exports import export_report
    from svdesk.services.files import open_for_export

    damage(demo_copy, "tender_answer_versions")
    before = use_count(demo_copy)
    with open_for_export(demo_copy) as workspace:
        outcome = export_report(workspace, YEAR, "txt", tmp_path / "r.txt", TODAY)
        assert not workspace.read_only
    assert outcome.path.read_text("utf-8").startswith("Community interest company report")
    assert use_count(demo_copy) > before  # the use log was written


def test_any_other_write_on_a_file_opened_unchecked_checks_every_page_first(demo_copy):
    """Would fail before: a file opened for writing without the page check wrote into it unchecked."""
    damage(demo_copy, "tender_answer_versions")
    orgfile = open_file(demo_copy, backup=False, check_pages=False)
    try:
        before = orgfile.query_one("SELECT name FROM organisation")["name"]
        with pytest.raises(FileRefused, match="damaged"):
            with orgfile.write("rename") as db:
                db.execute("UPDATE organisation SET name = 'Renamed'")
        assert orgfile.query_one("SELECT name FROM organisation")["name"] == before
    finally:
        orgfile.close()


def test_a_damaged_use_log_refuses_the_export_before_anything_is_written(demo_copy, tmp_path):
    from svdesk.services.exports import export_report
    from svdesk.services.files import open_for_export

    damage(demo_copy, "story_uses")
    before = checksum(demo_copy)
    with pytest.raises(FileRefused, match="damaged"):
        with open_for_export(demo_copy) as workspace:
            export_report(workspace, YEAR, "txt", tmp_path / "r.txt", TODAY)
    assert not (tmp_path / "r.txt").exists()
    assert checksum(demo_copy) == before


def test_the_cli_says_so_plainly_when_the_use_log_is_damaged(demo_copy, tmp_path, svdesk):
    damage(demo_copy, "row_versions")  # written by the use log's triggers
    before = checksum(demo_copy)
    result = svdesk("export", "cic34", str(demo_copy), "--year", "2025/26", "-o", str(tmp_path / "r.txt"))
    assert result.returncode == 1 and "damaged" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "r.txt").exists()
    assert checksum(demo_copy) == before
