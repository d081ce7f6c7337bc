"""Writes a Publication as a folder (and optionally a .zip of it), never half-written.

Every file is written into a hidden temporary folder beside the target, then the folder is moved
into place in one rename; a previous publication in the target is swapped out and only then
removed. A target that is, or is inside, an organisation file, a folder holding the organisation
file, or a folder holding anything other than a previous publication is refused with a plain
sentence: publishing must never take a record with it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from svdesk.document.publication import Publication
from svdesk.domain.errors import SvdeskError
from svdesk.render import publish_data
from svdesk.render.publish_html import render_publication_html

# What a publication folder holds; a folder holding only these (or nothing) may be replaced.
FILE_NAMES = ("index.html", "commitments.csv", "progress.csv", "indicators.csv", "data.json",
              publish_data.SCHEMA_NAME, "README.txt")


@dataclass(frozen=True)
class PublishOutcome:
    folder: Path
    files: tuple[Path, ...]
    zip_path: Path | None = None
    warnings: tuple[str, ...] = ()   # the publication's, for the person (names taken out)


def publication_files(publication: Publication) -> dict[str, bytes]:
    """Every file's name and content, in FILE_NAMES order."""
    return {
        "index.html": render_publication_html(publication).encode("utf-8"),
        "commitments.csv": publish_data.commitments_csv(publication),
        "progress.csv": publish_data.progress_csv(publication),
        "indicators.csv": publish_data.indicators_csv(publication),
        "data.json": publish_data.data_json(publication),
        publish_data.SCHEMA_NAME: publish_data.schema_bytes(),
        "README.txt": publish_data.readme_txt(publication),
    }


def _is_organisation_file(path: Path) -> bool:
    from svdesk.store.fileformat import EXTENSION, SQLITE_MAGIC

    if path.suffix.lower() == EXTENSION:
        return True
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def check_target(target: Path, organisation_file: Path | None) -> Path:
    """The folder to publish to, resolved; SvdeskError with a plain sentence when it must not be used."""
    try:
        return _check_target(target, organisation_file)
    except PermissionError as error:
        raise SvdeskError(f"You do not have permission to look in {error.filename or target}; choose another "
                          "folder.") from error
    except (OSError, RuntimeError) as error:   # a name too long, a loop of shortcuts (RuntimeError in 3.11)
        reason = getattr(error, "strerror", None) or str(error)
        raise SvdeskError(f"{target} cannot be used as a folder to publish to ({reason}); choose another "
                          "name.") from error


def _check_target(target: Path, organisation_file: Path | None) -> Path:
    target = Path(target).expanduser().resolve()
    own = Path(organisation_file).resolve() if organisation_file else None
    if own is not None and (target == own or own in target.parents):
        raise SvdeskError(f"{target} is the organisation file itself (or inside it); choose a new folder to "
                          "publish to.")
    if own is not None and target.parent == own.parent and target.name in _companions(own):
        raise SvdeskError(f"{target.name} is the name of one of the organisation file's own companion files; "
                          "a folder there would stop the organisation file from opening. Choose another name.")
    if own is not None and target in own.parents:
        raise SvdeskError(f"The folder {target} holds the organisation file {own.name}; publishing there would "
                          "replace it. Choose a new, empty folder.")
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            raise SvdeskError(f"{parent} is a file, not a folder, so nothing can be published inside it. "
                              "Choose a new folder.")
    if target.exists() and not target.is_dir():
        if _is_organisation_file(target):
            raise SvdeskError(f"{target} is an organisation file; publishing there would replace it. Choose a new "
                              "folder's name.")
        raise SvdeskError(f"{target} is a file, not a folder; choose a new folder's name to publish to.")
    if target.is_dir():
        entries = [entry.name for entry in target.iterdir()]
        others = [name for name in entries if name not in FILE_NAMES]
        if others:
            shown = ", ".join(sorted(others)[:3]) + (" …" if len(others) > 3 else "")
            raise SvdeskError(f"The folder {target} already holds other files ({shown}); publishing there would "
                              "replace them. Choose a new or empty folder.")
        if entries and not _is_earlier_publication(target):
            # index.html and README.txt are common names: a person's own website must not be taken for ours.
            raise SvdeskError(f"The folder {target} holds files that are not an earlier publication from svdesk "
                              f"({', '.join(sorted(entries)[:3])}); publishing there would replace them. Choose a "
                              "new or empty folder.")
    if not target.parent.is_dir():
        raise SvdeskError(f"The folder {target.parent} does not exist; choose another place to publish.")
    return target


def write_publication(publication: Publication, target: Path, organisation_file: Path | None = None,
                      make_zip: bool = False) -> PublishOutcome:
    target = check_target(target, organisation_file)
    files = publication_files(publication)
    zip_path = target.with_name(target.name + ".zip") if make_zip else None
    if zip_path is not None and (zip_path.exists() or zip_path.is_symlink()) \
            and not _is_earlier_zip(zip_path, target.name):
        raise SvdeskError(f"{zip_path} already exists and is not an earlier zip of this publication; writing the zip "
                          "would replace it. Move it or choose another folder name.")
    staging = zip_temp = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
        for name, data in files.items():
            _write_synced(staging / name, data)
        os.chmod(staging, 0o777 & ~_umask())
        if zip_path is not None:
            zip_temp = _write_zip(files, zip_path, target.name)
        _swap_into_place(staging, target)
        staging = None
        # Only once the folder is in place: a zip of a publication that never went in is never left.
        if zip_temp is not None:
            os.replace(zip_temp, zip_path)
            zip_temp = None
    except PermissionError as error:
        raise SvdeskError(f"You do not have permission to write in {target.parent}; choose another folder.") from error
    except OSError as error:
        raise SvdeskError(f"Could not publish to {target}: {error.strerror or error}.") from error
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if zip_temp is not None and os.path.exists(zip_temp):
            os.unlink(zip_temp)
    return PublishOutcome(target, tuple(target / name for name in files), zip_path, publication.warnings)


def _companions(own: Path) -> set[str]:
    """The files SQLite and the writer lock keep beside an organisation file while it is open."""
    return {own.name + suffix for suffix in ("-wal", "-shm", "-journal", ".lock")}


def _is_earlier_publication(folder: Path) -> bool:
    # data.json is written compact, with "format" among its first keys (publish_data.publication_data).
    try:
        with open(folder / "data.json", "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"format":"svdesk-publication"' in head


def _is_earlier_zip(zip_path: Path, folder_name: str) -> bool:
    if zip_path.is_symlink() or not zip_path.is_file():
        return False
    try:
        with zipfile.ZipFile(zip_path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False
    return bool(names) and set(names) <= {f"{folder_name}/{name}" for name in FILE_NAMES}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o666 & ~_umask())


def _write_zip(files: dict[str, bytes], zip_path: Path, folder_name: str) -> str:
    """The zip, written whole beside ``zip_path``; the caller moves it into place."""
    handle, temp = tempfile.mkstemp(prefix=f".{zip_path.name}.", suffix=".part", dir=zip_path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(f"{folder_name}/{name}", data)
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        os.unlink(temp)
        raise
    return temp


def _swap_into_place(staging: Path, target: Path) -> None:
    """Moves the new folder in; an earlier publication there is moved aside first and removed only
    once the new one is in place (put back if the move fails)."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
