"""Opening, creating and writing one organisation file safely.

Opening never changes a file that we refuse: the header is read as plain bytes, the health
check uses a read-only connection, and only a file that passed both is opened for writing.
Every user action is one transaction, committed with ``synchronous=FULL`` so that a change shown
as saved survives the laptop losing power a second later.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from svdesk import __version__
from svdesk.domain.dates import utc_now_stamp
from svdesk.domain.errors import SvdeskError
from svdesk.store import background_check
from svdesk.store.file_access import journal_absent, take_writer_lock, tidy_journal
from svdesk.store.fileformat import APPLICATION_ID, EXTENSION, FileRefused, fsync_dir, journal_size, read_header
from svdesk.store.sqlite_errors import plain_write_error
from svdesk.store import write_check
from svdesk.store.migrations import KNOWN_STEP_NAMES, MIGRATION_SET, SCHEMA_VERSION, build_migrations

if TYPE_CHECKING:
    from sqlite_utils import Database


class ReadOnlyFile(SvdeskError):
    """A write was attempted on a file opened read-only."""


Listener = Callable[[str], None]


class OrgFile:
    """One open organisation file: its connection, its write transactions and who to tell."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only: bool = False, lock=None):
        self.conn = conn
        self._lock = lock
        self._db: Database | None = None
        self.path = Path(path) if path else None
        self.read_only = read_only
        self._listeners: list[Listener] = []
        self.last_saved_at: str | None = None
        self._closed = False
        # A large file's page check and backup copy, running after it opened (background_check).
        self.background = None
        # A read-only connection to a file in WAL mode makes its -wal/-shm files but cannot
        # remove them; when it made them, closing tidies them away (``_tidy_journal``).
        self.made_journal = False
        # Opened for writing without reading every page first (``open_file(check_pages=False)``):
        # the first write checks first (see ``check_before_writing``).
        self.pages_unchecked = False
        self._tables_checked: frozenset[str] = frozenset()

    @property
    def db(self) -> "Database":
        """The sqlite-utils view of the connection, used for writes and migrations.

        Made on first use: importing sqlite-utils costs about as much as opening a bare Qt window
        (it loads click, dateutil and its plugin machinery), so reading a file never pays for it
        and the window warms it up once it is idle (see ``warm_up``).
        """
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    # -- writing -------------------------------------------------------------------------------
    def write(self, what: str = "change"):
        """One user action: everything inside commits together, or not at all. Listeners hear of
        it only when a row was written: a field saved unchanged is no change to the file."""
        return self._write(what)

    def write_rows(self, what: str, tables: tuple[str, ...]):
        """As ``write``, giving the bare sqlite3 connection: for a write on a path that must
        not pay for importing sqlite-utils (an export's use log, in a fresh process). It writes
        only to ``tables``: on a file opened without its page check, only their pages (and
        their indexes') are checked first, not the whole file."""
        return self._write(what, plain=True, tables=tables)

    @contextlib.contextmanager
    def action(self, what: str = "change") -> Iterator[None]:
        """One action of a service, made of repository writes: they commit together or not at
        all. It adds nothing of its own, so the action behaves as its writes would alone: on a
        read-only or closed file the first write inside refuses as it always has, an action
        that turns out to change nothing (text saved unchanged) is neither a save nor a
        refusal, and listeners hear of it only when something was written."""
        if self.read_only or self._closed or self.conn.in_transaction or (
                self.background is not None and self.background.problem):
            yield
            return
        with self._write(what):
            yield

    @contextlib.contextmanager
    def _write(self, what: str, plain: bool = False,
               tables: tuple[str, ...] | None = None) -> Iterator[Database]:
        if self.read_only:
            raise ReadOnlyFile("This file is open read-only, so changes cannot be saved.")
        if self._closed:
            raise SvdeskError("This file has been closed, so the change was not saved.")
        if self.background is not None and self.background.problem:
            raise SvdeskError(self.background.problem)
        nested = self.conn.in_transaction
        if self.pages_unchecked and not nested:
            self.check_before_writing(tables)
        before = self.conn.total_changes
        try:
            with write_check.atomic(self.conn):
                yield self.conn if plain else self.db
        except sqlite3.OperationalError as error:
            raise plain_write_error(error, self.path) from error
        except UnicodeEncodeError:
            # Only text made by a program can hold a lone surrogate (Qt never produces one).
            raise SvdeskError("The text contains a broken character that cannot be saved "
                              "(a lone surrogate); nothing was changed.") from None
        if not nested and self.conn.total_changes != before:
            self.last_saved_at = utc_now_stamp()
            for listener in list(self._listeners):
                listener(what)

    def check_before_writing(self, tables: tuple[str, ...] | None = None) -> None:
        """On a file opened without its page check: checks the pages a write to ``tables``
        (None: to anything) would go to, raising FileRefused when they are damaged; done once
        (svdesk/store/write_check.py). An export asks before it writes its document, so a
        damaged use log refuses the export before anything is written."""
        if not self.pages_unchecked or (tables and set(tables) <= self._tables_checked):
            return
        if not write_check.check_before_writing(self.conn, tables):
            raise FileRefused(self.path, "the file is damaged and cannot be read safely.", "damaged")
        if tables:
            self._tables_checked |= set(tables)
        else:
            self.pages_unchecked = False

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    # -- reading -------------------------------------------------------------------------------
    def query(self, sql: str, params=()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, row)) for row in cursor]

    def query_one(self, sql: str, params=()) -> dict | None:
        cursor = self.conn.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([column[0] for column in cursor.description], row))

    def change_mark(self) -> tuple[int, int]:
        """Changes whenever the file's content may have: rows changed through this connection,
        and commits made through any other. For remembering what was worked out from the file."""
        return self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def interrupt(self) -> None:
        """Stops the statement running now, from any thread (a reader being shut down)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.interrupt()

    def stop_reading_when(self, stop: Callable[[], bool]) -> None:
        """Makes each statement give up as soon as ``stop()`` is true (``interrupt`` alone misses
        a statement that starts just after it)."""
        self.conn.set_progress_handler(lambda: 1 if stop() else 0, 1000)

    @property
    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        damaged = False
        if self.background is not None:
            self.background.finish()
            damaged = bool(self.background.problem)
        with contextlib.suppress(sqlite3.Error):
            # optimize writes statistics: only after changes made now (a file only looked at, or
            # an import refused, keeps every byte), and never into a damaged file.
            if not self.read_only and not damaged and self.conn.total_changes:
                self.conn.execute("PRAGMA optimize")
            self.conn.close()
        if self._lock is not None:
            self._lock.release()
        if self.made_journal and self.path is not None:
            tidy_journal(self.path)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(in memory)"


def _has_journal(path: Path | str) -> bool:
    return journal_size(Path(path)) > 0


def _connect(path: Path | str, read_only: bool, inspect_only: bool = False) -> sqlite3.Connection:
    if inspect_only and not _has_journal(path):
        # immutable: SQLite neither locks nor creates -wal/-shm files, so a file we are only
        # inspecting (and may refuse) keeps every byte and gains no companions.
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?immutable=1", uri=True, check_same_thread=False)
        return conn
    if read_only:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _configure_for_writing(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on the disk before we say "saved" (WAL's default, NORMAL, can lose the
    # last commits on power loss).
    conn.execute("PRAGMA synchronous = FULL")


def new_memory_file() -> OrgFile:
    """A fresh, fully migrated file in memory (tests and previews)."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    orgfile = OrgFile(conn, None)
    _migrate(orgfile)
    return orgfile


def create_file(path: Path) -> OrgFile:
    """Creates a new, empty organisation file; never overwrites anything."""
    with new_file_at(Path(path), f"{Path(path).name} already exists; choose another name."):
        pass
    return open_file(path, backup=False)


@contextlib.contextmanager
def new_file_at(path: Path, exists: str) -> Iterator[OrgFile]:
    """A new, empty organisation file to fill, made under a temporary name beside ``path`` and
    put in place only once the block has finished without error: nothing half-written is ever
    left behind, and an existing file is never replaced (``exists`` says so)."""
    from svdesk.store.safe_paths import refuse_organisation_target

    path = Path(path)
    if path.exists():
        raise SvdeskError(exists)
    refuse_organisation_target(path, new_organisation=True)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SvdeskError(f"The folder {folder} does not exist.")
    tmp = folder / f".{path.name}.new-{os.getpid()}-{os.urandom(4).hex()}"  # ours alone, even on a shared folder
    leftovers = (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"))
    conn = None
    try:
        conn = _connect(tmp, read_only=False)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _configure_for_writing(conn)
        orgfile = OrgFile(conn, tmp)
        _migrate(orgfile)
        yield orgfile
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        _publish(tmp, path)
    except PermissionError:
        raise SvdeskError(f"svdesk is not allowed to create files in {folder}.") from None
    except sqlite3.OperationalError as error:
        raise plain_write_error(error, path) from None
    finally:
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        for leftover in leftovers:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _publish(tmp: Path, path: Path) -> None:
    """Moves a finished file into place without ever replacing an existing one."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise SvdeskError(f"{path.name} already exists; choose another name.") from None
    except OSError:
        # Some file systems have no hard links: check, then rename.
        if path.exists():
            raise SvdeskError(f"{path.name} already exists; choose another name.") from None
        os.replace(tmp, path)
    fsync_dir(path.parent if str(path.parent) else Path("."))


def health_check(path: Path, full: bool = False, pages: bool = True) -> None:
    """Raises FileRefused when the file is not a healthy svdesk file this version can open.

    Reads only: the file keeps every byte whatever the outcome. ``pages=False`` leaves out the
    check of every page (for a large file it runs in the background after opening: see
    svdesk/store/background_check.py); the header, tables and versions are always checked.
    """
    path = Path(path)
    header = read_header(path)
    if header.user_version > SCHEMA_VERSION:
        raise _newer(path)
    try:
        conn = _connect(path, read_only=True, inspect_only=True)
    except sqlite3.Error:
        raise FileRefused(path, "the file could not be opened; it may be damaged.", "damaged") from None
    try:
        if pages or full:
            pragma = "integrity_check" if full else "quick_check"
            try:
                result = [row[0] for row in conn.execute(f"PRAGMA {pragma}(5)")]
            except sqlite3.DatabaseError:
                raise FileRefused(path, "the file is damaged and cannot be read safely.", "damaged") from None
            if result != ["ok"]:
                raise FileRefused(path, "the file is damaged and cannot be read safely.", "damaged")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "_sqlite_migrations" not in tables or "organisation" not in tables:
            raise FileRefused(path, "this file is missing svdesk's tables; it may be damaged.", "damaged")
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        ]
        if any(name not in KNOWN_STEP_NAMES for name in names):
            raise _newer(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _newer(path)
    except sqlite3.DatabaseError:
        raise FileRefused(path, "the file is damaged and cannot be read safely.", "damaged") from None
    finally:
        conn.close()


def copy_file(path: Path, target: Path) -> Path:
    """A consistent copy of a healthy file (journal included) at ``target``; the source is only read."""
    path, target = Path(path), Path(target)
    health_check(path)
    made_journal = journal_absent(path)
    source = _connect(path, read_only=True)
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()
        if made_journal:
            tidy_journal(path)
    return target


def _newer(path: Path) -> FileRefused:
    return FileRefused(
        path,
        f"this file was saved by a newer version of svdesk. Please update svdesk (this is "
        f"version {__version__}) to open it.",
        "newer",
    )


def open_file(path: Path, read_only: bool = False, backup: bool = True, background: bool = False,
              check_pages: bool | None = None) -> OrgFile:
    """Opens a healthy file (refusing, untouched, any other). With ``background`` (the window
    does this), the backup copy on opening, and for a large file the check of every page, run in
    a background thread just after (why, and why it is safe: svdesk/store/background_check.py).
    Commands check and copy before returning.

    Every page is checked before writing; work that only reads (``read_only``, unless
    ``check_pages``) skips that whole-file read — SQLite checks each page it reads, so a damaged
    record still stops the work (as ``sqlite3.DatabaseError``), and nothing is written. Opened
    for writing with ``check_pages=False``, the check waits for the first write, which checks
    the pages it writes to (``OrgFile.write_rows``) or else every page."""
    path = Path(path)
    large = background and background_check.is_large(path)
    if check_pages is None:
        check_pages = not read_only
    health_check(path, pages=check_pages and not large)
    if read_only:
        made_journal = journal_absent(path)
        conn = _connect(path, read_only=True)
        orgfile = OrgFile(conn, path, read_only=True)
        orgfile.made_journal = made_journal
        if large:
            background_check.start(orgfile, backup=False)
        return orgfile
    lock = take_writer_lock(path)
    try:
        conn = _connect(path, read_only=False)
    except sqlite3.Error as error:
        lock.release()
        raise plain_write_error(error, path) from None
    orgfile = OrgFile(conn, path, lock=lock)
    try:
        pending = _pending_steps(conn)
        # Opened for writing without the page check (an export writing only its use log): the
        # first write checks what it writes to (OrgFile.check_before_writing).
        orgfile.pages_unchecked = not check_pages and not large
        if (large or orgfile.pages_unchecked) and pending:
            # An upgrade rewrites tables: never on a file not fully checked.
            if [row[0] for row in conn.execute("PRAGMA quick_check(5)")] != ["ok"]:
                raise FileRefused(path, "the file is damaged and cannot be read safely.", "damaged")
            orgfile.pages_unchecked = False
        if pending or (backup and not background):
            from svdesk.store import backups

            backups.make_backup(conn, path, reason="open")
            if pending:
                backups.make_backup(conn, path, reason="before-upgrade")
        _configure_for_writing(conn)
        _migrate(orgfile)
        if large or (background and backup and not pending):
            background_check.start(orgfile, backup=backup and not pending, check=large)
    except sqlite3.OperationalError as error:
        orgfile.close()
        raise plain_write_error(error, path) from None
    except sqlite3.DatabaseError:
        orgfile.close()
        raise FileRefused(path, "the file is damaged and cannot be read safely.", "damaged") from None
    except BaseException:
        orgfile.close()
        raise
    return orgfile


def open_reader(path: Path) -> OrgFile:
    """A second, read-only connection to a file this process already has open (and so has
    already checked), for reading on another thread: an SQLite connection is best kept to the
    thread that made it. It sees each change as soon as it is committed."""
    return OrgFile(_connect(Path(path), read_only=True), Path(path), read_only=True)


def needs_upgrade(orgfile: OrgFile) -> bool:
    """Whether the file was last saved by an older svdesk (opening it to write upgrades it)."""
    return bool(_pending_steps(orgfile.conn))


def _pending_steps(conn: sqlite3.Connection) -> list[str]:
    """Names of the schema steps this file still needs, read without loading sqlite-utils."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone():
        return list(KNOWN_STEP_NAMES)
    applied = {row[0] for row in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
    return [name for name in KNOWN_STEP_NAMES if name not in applied]


def warm_up() -> None:
    """Loads what the first write needs, so the first change is as quick as the rest."""
    import sqlite_utils  # noqa: F401


def _migrate(orgfile: OrgFile) -> None:
    if not _pending_steps(orgfile.conn):
        return
    db = orgfile.db
    build_migrations().apply(db)
    with db.atomic():
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        now = utc_now_stamp()
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
        db["meta"].upsert({"key": "written_by", "value": f"svdesk {__version__}"}, pk="key")
        if not db.execute("SELECT 1 FROM meta WHERE key = 'created_at'").fetchone():
            db["meta"].insert({"key": "created_at", "value": now}, pk="key")


def default_name(organisation_name: str) -> str:
    safe = "".join(ch for ch in organisation_name if ch.isalnum() or ch in " -_").strip()
    return (safe or "Organisation") + EXTENSION
