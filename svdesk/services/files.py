"""What a person does to whole organisation files: make a new one, open the demo, restore a
backup copy, load a dump into a new file, dump a file to JSON, check one, and (for screenshots
and the self-test) open a private copy. The window and the commands call these; only ``store``
knows how a file is laid out. Cheap to import: ``orgfile`` is loaded by any open file anyway.
No Qt."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from svdesk.domain.errors import SvdeskError
from svdesk.store.orgfile import default_name, warm_up

# default_name (a file name for an organisation) and warm_up (loads sqlite-utils while the window
# is idle) write nothing; they are offered here so the window need not import orgfile.
REEXPORTED = (default_name, warm_up)

if TYPE_CHECKING:
    from svdesk.domain.organisation import Organisation
    from svdesk.store.backups import Backup
    from svdesk.store.workspace import Workspace


def new_organisation_file(path: Path, organisation: Organisation) -> Workspace:
    """A new file at ``path`` holding the organisation, open."""
    from svdesk.store.workspace import create_workspace

    return create_workspace(path, organisation)


def fresh_demo_copy() -> Path:
    """A new copy of the demo organisation, to look around in without changing anything real."""
    from svdesk.store.demo import fresh_demo_copy as copy

    return copy()


def write_demo(target: Path) -> Path:
    from svdesk.store.demo import write_demo as write

    return write(target)


def backups_of(path: Path) -> list[Backup]:
    from svdesk.store.backups import list_backups

    return list_backups(path)


def restore_backup(backup: Path, target: Path) -> None:
    """Puts the backup copy in place of ``target``; the version it replaces is kept as a backup."""
    from svdesk.store.restore import restore_backup as restore

    restore(backup, target)


def check_file(path: Path) -> None:
    """Raises FileRefused with the reason when the file is not a sound organisation file."""
    from svdesk.store.orgfile import health_check

    health_check(path, full=True)


def load_dump(json_path: Path, target: Path) -> None:
    """A new organisation file at ``target`` from a JSON dump (refused whole if any of it is wrong)."""
    from svdesk.store.dump import load_file, read_json

    load_file(read_json(json_path), target)


def dump_file(path: Path, output: Path | None) -> None:
    """The whole file as JSON: into ``output`` (replaced only once complete) or to stdout."""
    from svdesk.store.dump import write_json
    from svdesk.store.orgfile import needs_upgrade, open_file
    from svdesk.store.safe_paths import refuse_organisation_target

    if output:
        refuse_organisation_target(output, [path])
    orgfile = open_file(path, read_only=True)
    try:
        if needs_upgrade(orgfile):
            # The dump describes the file as this svdesk keeps it; dump only reads, so it cannot
            # upgrade the file first (older files lack columns the dump's sections write).
            raise SvdeskError(f"{Path(path).name} was last saved by an older svdesk, so it cannot be dumped as it "
                              "is. Open it in svdesk once (it is upgraded, after a backup copy), then dump it "
                              "again. Nothing was written.")
        if output:
            _write_atomically(output, lambda write: write_json(orgfile, write))
        else:
            write_json(orgfile, sys.stdout.write)
    finally:
        orgfile.close()


def _write_atomically(path: Path, produce) -> None:
    """``produce(write)`` writes the text piece by piece into a temporary file beside ``path``,
    which replaces ``path`` only once it is complete and on disk (store/atomic.py)."""
    from svdesk.store import atomic
    from svdesk.store.safe_paths import refuse_organisation_target

    refuse_organisation_target(path)
    try:
        with atomic.replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            produce(handle.write)
    except OSError as error:
        raise SvdeskError(f"{path} could not be written ({error.strerror}).") from None


def open_private_copy(source: Path, target: Path) -> Workspace:
    """A copy of ``source`` at ``target``, open for writing (no backup taken): pages can be shown
    as they are in use while the file itself is never touched."""
    from svdesk.store.orgfile import copy_file, open_file
    from svdesk.store.workspace import Workspace

    return Workspace.around(open_file(copy_file(source, target), backup=False))


@contextlib.contextmanager
def open_for_export(path: Path) -> Iterator[Workspace]:
    """The workspace, writable when possible (exports that include stories record each use in the
    file's use log); read-only when the file is open in a window or cannot be written.

    Not every page is read first: an export reads the year's records (SQLite checks each page
    it reads) and writes only its use log, whose own pages are checked before it is written
    (``OrgFile.write_rows``); any other write would check every page first. On a big file the
    whole-file check was most of an export's time, and it grows with the file, not the year."""
    from svdesk.store.fileformat import FileRefused
    from svdesk.store.orgfile import open_file
    from svdesk.store.stories_repo import USE_LOG_TABLES
    from svdesk.store.workspace import Workspace

    try:
        orgfile = open_file(Path(path), backup=False, check_pages=False)
    except FileRefused as refused:
        if refused.kind not in ("read-only", "in-use"):
            raise
        orgfile = open_file(Path(path), read_only=True)
    workspace = Workspace.around(orgfile)
    try:
        # Refused before anything is written (the document included) if the use log is damaged.
        orgfile.check_before_writing(USE_LOG_TABLES)
        yield workspace
    finally:
        workspace.close()
