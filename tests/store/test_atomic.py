"""The one atomic write: a file is replaced whole or not at all."""

import os
import stat

import pytest

from svdesk.store import atomic


def _leftovers(folder):
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def test_the_new_file_replaces_the_old_one_and_nothing_is_left_beside_it(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old", "utf-8")
    atomic.write_text(target, "new\nlines\n")
    assert target.read_bytes() == b"new\nlines\n"  # "\n" on every system
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failure_inside_the_block_keeps_every_byte_of_the_old_file(tmp_path, failure):
    target = tmp_path / "backup.svdesk"
    target.write_bytes(b"the only copy")
    with pytest.raises(type(failure)):
        with atomic.replacing(target, suffix=".partial") as tmp:
            assert tmp.parent == tmp_path and tmp.name.startswith(".backup.svdesk.") and tmp.name.endswith(".partial")
            tmp.write_bytes(b"half a fi")
            raise failure
    assert target.read_bytes() == b"the only copy"
    assert _leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions_not_the_temporary_files_private_ones(tmp_path):
    umask = os.umask(0o022)
    try:
        written = atomic.write_bytes(tmp_path / "a.pdf", b"%PDF")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644


def test_a_missing_folder_is_an_oserror_for_the_caller_to_put_plainly(tmp_path):
    with pytest.raises(OSError):
        atomic.write_bytes(tmp_path / "nowhere" / "a.pdf", b"x")
    assert not (tmp_path / "nowhere").exists()
