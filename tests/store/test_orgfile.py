import hashlib
import os
import sqlite3
import struct

import pytest

from svdesk.domain.organisation import Organisation
from svdesk.store import backups, restore
from svdesk.store.fileformat import APPLICATION_ID, FileRefused
from svdesk.store.migrations import SCHEMA_VERSION
from svdesk.store.orgfile import health_check, open_file
from svdesk.store.workspace import create_workspace, open_workspace


def checksum(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_marked_and_migrated(tmp_path):
    path = tmp_path / "New.svdesk"
    ws = create_workspace(path, Organisation(name="New CIC"))
    ws.close()
    raw = path.read_bytes()[:100]
    assert struct.unpack(">I", raw[68:72])[0] == APPLICATION_ID
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"organisation", "blobs", "attachments", "meta", "_sqlite_migrations"} <= tables
    strict = {row[0] for row in conn.execute("SELECT name FROM pragma_table_list WHERE strict = 1")}
    assert {"organisation", "blobs", "attachments"} <= strict
    conn.close()
    ws = open_workspace(path)
    assert ws.organisation.get().name == "New CIC"
    ws.close()


def test_create_never_overwrites(tmp_path):
    path = tmp_path / "x.svdesk"
    path.write_text("precious")
    with pytest.raises(Exception, match="already exists"):
        create_workspace(path)
    assert path.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.svdesk"]


def _refused(path, kind):
    before = checksum(path)
    names = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(FileRefused) as raised:
        open_file(path)
    assert raised.value.kind == kind
    assert checksum(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == names
    return raised.value


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.svdesk"
    path.write_text("just some notes\n" * 20)
    assert "not an svdesk file" in _refused(path, "foreign").reason


def test_random_bytes_refused_untouched(tmp_path):
    path = tmp_path / "random.svdesk"
    path.write_bytes(os.urandom(8192))
    _refused(path, "foreign")


def test_empty_file_refused(tmp_path):
    path = tmp_path / "empty.svdesk"
    path.write_bytes(b"")
    _refused(path, "empty")


def test_other_apps_database_refused_untouched(tmp_path):
    path = tmp_path / "other.svdesk"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert "another program" in _refused(path, "foreign").reason


def _closed_copy(file_workspace):
    path = file_workspace.path
    file_workspace.attachments.add("organisation", "x", "big.bin", os.urandom(200_000))
    file_workspace.close()
    return path


def test_truncated_file_refused_untouched(file_workspace):
    path = _closed_copy(file_workspace)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "damaged")


def test_zeroed_pages_refused_untouched(file_workspace):
    path = _closed_copy(file_workspace)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : page * 3] = bytes(page * 2)
    path.write_bytes(bytes(data))
    _refused(path, "damaged")


def test_newer_file_refused_untouched(file_workspace):
    path = file_workspace.path
    file_workspace.file.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    file_workspace.close()
    assert "newer version of svdesk" in _refused(path, "newer").reason


def test_unknown_migration_is_newer(file_workspace):
    path = file_workspace.path
    with file_workspace.file.write() as db:
        db["_sqlite_migrations"].insert({"migration_set": "svdesk", "name": "m999_future", "applied_at": "2030"})
    file_workspace.close()
    _refused(path, "newer")


def test_health_check_passes_on_good_file(file_workspace):
    path = file_workspace.path
    file_workspace.close()
    health_check(path, full=True)


def test_backup_on_open_rotates_and_skips_unchanged(tmp_path):
    path = tmp_path / "Rot.svdesk"
    create_workspace(path).close()
    for number in range(13):
        ws = open_workspace(path)
        ws.organisation.update(staff=number)
        ws.close()
    ws = open_workspace(path)
    ws.close()
    ws = open_workspace(path)  # unchanged since the last copy: no new copy
    ws.close()
    copies = [b for b in backups.list_backups(path) if b.reason == "open"]
    assert len(copies) == backups.KEEP
    newest = open_workspace(copies[0].path, read_only=True)
    assert newest.organisation.get().staff == 12
    newest.close()


def test_opening_an_unchanged_file_again_takes_no_copy(tmp_path):
    # Opening creates an empty journal beside the file; that alone must not count as a change,
    # or ten opens without an edit would rotate away every older copy.
    path = tmp_path / "Same.svdesk"
    create_workspace(path).close()
    for _ in range(4):
        open_workspace(path).close()
    assert len([b for b in backups.list_backups(path) if b.reason == "open"]) == 1
    ws = open_workspace(path)
    ws.organisation.update(staff=3)
    ws.close()
    open_workspace(path).close()
    assert len([b for b in backups.list_backups(path) if b.reason == "open"]) == 2


def test_restore_backup_keeps_current_version(tmp_path):
    path = tmp_path / "Res.svdesk"
    ws = create_workspace(path)
    ws.organisation.update(staff=1)
    ws.close()
    ws = open_workspace(path)  # backup holds staff=1
    ws.organisation.update(staff=2)
    ws.close()
    first = [b for b in backups.list_backups(path) if b.reason == "open"][0]
    restore.restore_backup(first.path, path)
    ws = open_workspace(path)
    assert ws.organisation.get().staff == 1
    ws.close()
    kept = [b for b in backups.list_backups(path) if b.reason == "before-restore"]
    assert len(kept) == 1
    old = open_workspace(kept[0].path, read_only=True)
    assert old.organisation.get().staff == 2
    old.close()


def test_migration_takes_a_copy_first(tmp_path, monkeypatch):
    from svdesk.store import migrations as migrations_pkg

    path = tmp_path / "Old.svdesk"
    create_workspace(path, Organisation(name="Old")).close()

    def m999_extra(db):
        db.execute("CREATE TABLE extra (id TEXT PRIMARY KEY) STRICT")

    m999_extra.__module__ = "svdesk.store.migrations.m999_extra"
    monkeypatch.setattr(migrations_pkg, "STEPS", migrations_pkg.STEPS + [m999_extra])
    monkeypatch.setattr(migrations_pkg, "KNOWN_STEP_NAMES", migrations_pkg.KNOWN_STEP_NAMES + ["m999_extra"])
    import svdesk.store.orgfile as orgfile_module

    monkeypatch.setattr(orgfile_module, "KNOWN_STEP_NAMES", migrations_pkg.KNOWN_STEP_NAMES)
    monkeypatch.setattr(orgfile_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    ws = open_workspace(path)
    assert ws.file.query_one("SELECT count(*) AS n FROM extra")["n"] == 0
    ws.close()
    before = [b for b in backups.list_backups(path) if b.reason == "before-upgrade"]
    assert len(before) == 1
    old = sqlite3.connect(before[0].path)
    assert not old.execute("SELECT 1 FROM sqlite_master WHERE name='extra'").fetchone()
    old.close()


def test_copies_of_a_very_large_file_keep_within_a_budget(tmp_path, monkeypatch):
    path = tmp_path / "Big.svdesk"
    create_workspace(path).close()
    size = path.stat().st_size
    monkeypatch.setattr(backups, "BUDGET_BYTES", 4 * size + size // 2)  # room for four copies
    for number in range(8):
        ws = open_workspace(path)
        ws.organisation.update(staff=number)
        ws.close()
    copies = [b for b in backups.list_backups(path) if b.reason == "open"]
    assert len(copies) == 4
    newest = open_workspace(copies[0].path, read_only=True)
    assert newest.organisation.get().staff == 6  # the copy taken at the last opening
    newest.close()
    monkeypatch.setattr(backups, "BUDGET_BYTES", 1)  # however large: the newest three stay
    open_workspace(path).close()
    assert len([b for b in backups.list_backups(path) if b.reason == "open"]) == backups.KEEP_AT_LEAST


def test_a_leftover_from_a_crashed_creation_is_never_taken_over(tmp_path):
    other = create_workspace(tmp_path / "Other.svdesk", Organisation(name="Someone else's records"))
    other.close()
    leftover = tmp_path / f".New.svdesk.new-{os.getpid()}"  # as an older svdesk's crashed load left it
    leftover.write_bytes((tmp_path / "Other.svdesk").read_bytes())
    ws = create_workspace(tmp_path / "New.svdesk")
    try:
        assert ws.organisation.get().name == "New"
    finally:
        ws.close()
    assert leftover.exists()  # not ours to delete: each new file has a name of its own


def test_restoring_the_oldest_copy_when_the_keep_limit_is_reached(tmp_path, monkeypatch):
    """Keeping a copy of the current file rotates old copies away; the one being restored
    must already be safe by then."""
    from svdesk.store.workspace import create_workspace

    path = tmp_path / "Full.svdesk"
    create_workspace(path, Organisation(name="Full")).close()
    monkeypatch.setattr(backups, "KEEP", 2)
    for staff in (1, 2):
        ws = open_workspace(path)
        ws.organisation.update(staff=staff)
        ws.close()
        restore.restore_backup(backups.list_backups(path)[-1].path, path)  # fills the before-restore copies
    before_restore = [b for b in backups.list_backups(path) if b.reason == "before-restore"]
    assert len(before_restore) == 2
    restore.restore_backup(before_restore[-1].path, path)  # the oldest: rotated away while restoring
    ws = open_workspace(path, read_only=True)
    try:
        assert ws.organisation.get().name == "Full"
    finally:
        ws.close()


def test_only_opening_for_writing_reads_every_page_first(file_workspace, monkeypatch):
    from svdesk.store import orgfile as orgfile_module

    path = file_workspace.path
    file_workspace.close()
    asked = []
    real = orgfile_module.health_check
    monkeypatch.setattr(orgfile_module, "health_check", lambda p, **kw: (asked.append(kw.get("pages")), real(p, **kw)))
    open_file(path, read_only=True).close()
    open_file(path, read_only=True, check_pages=True).close()
    open_file(path, backup=False).close()
    assert asked == [False, True, True]
