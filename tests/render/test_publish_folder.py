"""The folder is written whole or not at all, never over an organisation file or other files."""

from __future__ import annotations

import os
import zipfile

import pytest

from svdesk.domain.errors import SvdeskError
from svdesk.render import publish_folder
from svdesk.render.publish_folder import FILE_NAMES, write_publication
from tests.render.publishing import everything


@pytest.fixture
def publication(demo_workspace):
    return everything(demo_workspace)


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_writes_every_file_and_a_zip_beside_it(publication, demo_workspace, tmp_path):
    outcome = write_publication(publication, tmp_path / "open data", demo_workspace.path, make_zip=True)
    assert sorted(p.name for p in (tmp_path / "open data").iterdir()) == sorted(FILE_NAMES)
    assert outcome.zip_path == tmp_path / "open data.zip"
    with zipfile.ZipFile(outcome.zip_path) as archive:
        assert sorted(archive.namelist()) == sorted(f"open data/{name}" for name in FILE_NAMES)
        assert archive.read("open data/index.html") == (tmp_path / "open data" / "index.html").read_bytes()
    assert _leftovers(tmp_path) == []


def test_an_earlier_publication_is_replaced_whole(publication, demo_workspace, tmp_path):
    target = tmp_path / "site"
    write_publication(publication, target, demo_workspace.path)
    (target / "index.html").write_text("old", "utf-8")
    write_publication(publication, target, demo_workspace.path)
    assert (target / "index.html").read_text("utf-8") != "old"
    assert _leftovers(tmp_path) == []


def test_a_failure_part_way_leaves_the_earlier_publication_untouched(publication, demo_workspace, tmp_path,
                                                                        monkeypatch):
    target = tmp_path / "site"
    write_publication(publication, target, demo_workspace.path)
    before = {p.name: p.read_bytes() for p in target.iterdir()}

    real_write = publish_folder._write_synced

    def disk_full_at_the_readme(path, data):
        if path.name == "README.txt":
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(publish_folder, "_write_synced", disk_full_at_the_readme)
    with pytest.raises(SvdeskError, match="No space left on device"):
        write_publication(publication, target, demo_workspace.path)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    with pytest.raises(SvdeskError):
        write_publication(publication, tmp_path / "new", demo_workspace.path)
    assert not (tmp_path / "new").exists() and _leftovers(tmp_path) == []


def test_the_organisation_file_is_never_a_target(publication, demo_workspace):
    own = demo_workspace.path
    with pytest.raises(SvdeskError, match="organisation file itself"):
        write_publication(publication, own, own)
    with pytest.raises(SvdeskError, match="organisation file itself"):
        write_publication(publication, own / "inside", own)
    with pytest.raises(SvdeskError, match="holds the organisation file"):
        write_publication(publication, own.parent, own)
    with pytest.raises(SvdeskError, match="holds the organisation file"):
        write_publication(publication, own.parent / "." / ".." / own.parent.name, own)
    assert own.read_bytes().startswith(b"SQLite format 3")


def test_another_organisation_file_or_any_file_is_refused(publication, demo_workspace, demo_source, tmp_path):
    with pytest.raises(SvdeskError, match="is an organisation file"):
        write_publication(publication, demo_source, demo_workspace.path)
    plain = tmp_path / "notes.txt"
    plain.write_text("mine", "utf-8")
    with pytest.raises(SvdeskError, match="is a file, not a folder"):
        write_publication(publication, plain, demo_workspace.path)
    with pytest.raises(SvdeskError, match="is a file, not a folder"):
        write_publication(publication, plain / "site", demo_workspace.path)
    assert plain.read_text("utf-8") == "mine"


def test_a_folder_holding_other_files_is_refused(publication, demo_workspace, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "accounts.xlsx").write_bytes(b"x")
    (folder / "index.html").write_text("their own page", "utf-8")
    with pytest.raises(SvdeskError, match=r"already holds other files \(accounts.xlsx\)"):
        write_publication(publication, folder, demo_workspace.path)
    assert (folder / "index.html").read_text("utf-8") == "their own page"


def test_a_missing_parent_folder_is_said_plainly(publication, demo_workspace, tmp_path):
    with pytest.raises(SvdeskError, match="does not exist"):
        write_publication(publication, tmp_path / "nowhere" / "site", demo_workspace.path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_permission_is_said_plainly(publication, demo_workspace, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(SvdeskError, match="permission"):
            write_publication(publication, locked / "site", demo_workspace.path)
    finally:
        locked.chmod(0o700)


def test_a_folder_of_only_a_web_page_is_not_taken_for_an_earlier_publication(publication, demo_workspace, tmp_path):
    # Someone's own website folder holds index.html and README.txt: same names, not ours to replace.
    site = tmp_path / "website"
    site.mkdir()
    (site / "index.html").write_text("our home page", "utf-8")
    (site / "README.txt").write_text("how to edit the site", "utf-8")
    with pytest.raises(SvdeskError, match="not an earlier publication"):
        write_publication(publication, site, demo_workspace.path)
    (site / "data.json").write_text('{"format": "something else"}', "utf-8")
    with pytest.raises(SvdeskError, match="not an earlier publication"):
        write_publication(publication, site, demo_workspace.path)
    assert (site / "index.html").read_text("utf-8") == "our home page"


def test_an_unrelated_zip_of_the_same_name_is_not_replaced(publication, demo_workspace, tmp_path):
    photos = tmp_path / "photos.zip"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("holiday.jpg", b"jpeg")
    before = photos.read_bytes()
    with pytest.raises(SvdeskError, match="photos.zip"):
        write_publication(publication, tmp_path / "photos", demo_workspace.path, make_zip=True)
    assert photos.read_bytes() == before and not (tmp_path / "photos").exists()
    (tmp_path / "notes.zip").write_text("not a zip at all", "utf-8")
    with pytest.raises(SvdeskError, match="notes.zip"):
        write_publication(publication, tmp_path / "notes", demo_workspace.path, make_zip=True)
    # An earlier publication's zip is replaced.
    write_publication(publication, tmp_path / "site", demo_workspace.path, make_zip=True)
    write_publication(publication, tmp_path / "site", demo_workspace.path, make_zip=True)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock"])
def test_the_organisation_files_companions_are_never_a_target(publication, demo_source, tmp_path, suffix):
    # SQLite and the writer lock create these beside the file (only while it is open); a folder in
    # their place would stop the organisation file from opening.
    own = tmp_path / "Org.svdesk"
    own.write_bytes(demo_source.read_bytes())
    companion = tmp_path / (own.name + suffix)
    with pytest.raises(SvdeskError, match="organisation file"):
        write_publication(publication, companion, own)
    assert not companion.is_dir()


def test_unusable_names_get_a_plain_sentence(publication, demo_workspace, tmp_path):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    with pytest.raises(SvdeskError):
        write_publication(publication, tmp_path / "loop1", demo_workspace.path)
    with pytest.raises(SvdeskError):
        write_publication(publication, tmp_path / ("a" * 300), demo_workspace.path)


def test_a_folder_that_cannot_be_listed_is_said_plainly(publication, demo_workspace, tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    real_iterdir = type(folder).iterdir

    def refused(self):
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(type(folder), "iterdir", refused)
    with pytest.raises(SvdeskError, match="permission"):
        write_publication(publication, folder, demo_workspace.path)


def test_a_failed_swap_leaves_the_earlier_zip_as_it_was(publication, demo_workspace, tmp_path, monkeypatch):
    # The folder and its zip change together or not at all: a zip of a publication that never
    # went into place would be sent out as if it had.
    write_publication(publication, tmp_path / "site", demo_workspace.path, make_zip=True)
    (tmp_path / "site" / "index.html").write_text("earlier", "utf-8")
    with zipfile.ZipFile(tmp_path / "site.zip", "w") as archive:
        archive.writestr("site/index.html", "earlier")
    before = (tmp_path / "site.zip").read_bytes()

    def cannot_move(staging, target):
        raise OSError(16, "Device or resource busy")

    monkeypatch.setattr(publish_folder, "_swap_into_place", cannot_move)
    with pytest.raises(SvdeskError, match="busy"):
        write_publication(publication, tmp_path / "site", demo_workspace.path, make_zip=True)
    assert (tmp_path / "site.zip").read_bytes() == before
    assert (tmp_path / "site" / "index.html").read_text("utf-8") == "earlier"
    assert _leftovers(tmp_path) == []
