"""Saving an export: atomic (never a half-written file), plain errors, nothing left behind."""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from svdesk import render
from svdesk.document.model import Document, Paragraph
from svdesk.domain.errors import SvdeskError

DOC = Document("Answer", [Paragraph("Zoë’s words")])


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("fmt", render.FORMATS)
def test_write_replaces_an_old_export_with_normal_permissions(tmp_path, fmt):
    target = tmp_path / f"answer{render.EXTENSIONS[fmt]}"
    target.write_bytes(b"old")
    assert render.write(DOC, fmt, target) == target
    expected = render.render(DOC, fmt)
    if fmt == "pdf":  # a PDF carries its creation time and a unique id
        assert target.read_bytes()[:8] == expected[:8] and abs(target.stat().st_size - len(expected)) < 64
    elif fmt == "docx":  # a zip stamps each member with the time it was written: compare the members
        assert _members(target.read_bytes()) == _members(expected)
    else:
        assert target.read_bytes() == expected
    assert _leftovers(tmp_path) == []
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_missing_folder_and_folder_as_target_are_plain_errors(tmp_path):
    with pytest.raises(SvdeskError, match="does not exist"):
        render.write(DOC, "txt", tmp_path / "nowhere" / "a.txt")
    with pytest.raises(SvdeskError, match="is a folder"):
        render.write(DOC, "txt", tmp_path)


def _unprivileged(check) -> str:
    """Runs ``check()`` as the "nobody" user when the tests run as root (CI does: root may write
    in any folder), in a forked child so this process keeps its rights; returns what it returned
    (or the exception's text). As another user, runs it here."""
    if os.geteuid() != 0:
        try:
            return check()
        except Exception as error:  # noqa: BLE001 - reported to the caller as text
            return f"{type(error).__name__}: {error}"
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's result goes through the pipe
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result = check()
        except BaseException as error:  # noqa: BLE001
            result = f"{type(error).__name__}: {error}"
        os.write(write, result.encode("utf-8"))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        result = stream.read().decode("utf-8")
    os.waitpid(child, 0)
    return result


@pytest.mark.skipif(os.name != "posix", reason="folder permissions are POSIX")
def test_read_only_folder_is_a_plain_error(tmp_path):
    import tempfile

    # A folder only its owner may write in, reachable by everyone (pytest's own folder is private).
    base = Path(tempfile.mkdtemp(prefix="svdesk-locked-"))
    try:
        base.chmod(0o755)
        folder = base / "locked"
        folder.mkdir()
        folder.chmod(0o555)

        def check() -> str:
            try:
                render.write(DOC, "txt", folder / "a.txt")
            except SvdeskError as error:
                return f"SvdeskError: {error}"
            return "written"

        result = _unprivileged(check)
        assert result == f"SvdeskError: You do not have permission to save in {folder}; choose another folder."
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)


def test_unwritable_folder_message(tmp_path, monkeypatch):
    """The same path as above, for test runs as root: creating the temporary file is refused."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(SvdeskError, match=r"You do not have permission to save in .*; choose another folder\."):
        render.write(DOC, "md", tmp_path / "a.md")


def test_file_open_elsewhere_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "answer.docx"
    target.write_bytes(b"the old answer")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "in use")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SvdeskError, match="may be open in another program"):
        render.write(DOC, "docx", target)
    assert target.read_bytes() == b"the old answer"
    assert _leftovers(tmp_path) == []


def test_disk_full_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "answer.pdf"
    target.write_bytes(b"the old answer")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SvdeskError, match="Could not save answer.pdf in .*: No space left on device"):
        render.write(DOC, "pdf", target)
    assert target.read_bytes() == b"the old answer"
    assert _leftovers(tmp_path) == []


def test_a_failing_render_writes_nothing(tmp_path, monkeypatch):
    target = tmp_path / "answer.txt"
    target.write_text("old", "utf-8")

    def broken(document):
        raise SvdeskError("Could not draw it.")

    monkeypatch.setattr(render, "render_text", broken)
    with pytest.raises(SvdeskError, match="Could not draw it"):
        render.write(DOC, "txt", target)
    assert target.read_text("utf-8") == "old" and _leftovers(tmp_path) == []
