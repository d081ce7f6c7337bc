"""One writer per file: a second svdesk (window or process) that opens a file already open for
writing is told so, and can open it read-only instead.

The lock is an operating-system lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on a
small companion file (``Name.svdesk.lock``), which stays in place once made. The system
releases the lock when the process ends in any way — a crash or a flat battery never leaves a
file locked for ever.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path


class AlreadyOpen(Exception):
    def __init__(self, holder: str):
        self.holder = holder
        super().__init__(holder)


def lock_path(path: Path) -> Path:
    return Path(f"{path}.lock")


class WriterLock:
    """An exclusive lock on ``Name.svdesk.lock``, held while a file is open for writing.

    The lock file is created once and kept for good. Removing it on release would race: a
    process that had just opened the old file could lock it (now nameless) while another
    creates and locks a new one, and both would think they were the only writer.
    """

    def __init__(self, path: Path):
        self.path = lock_path(Path(path))
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            _lock(handle)
        except OSError:
            holder = _read_holder(handle)
            handle.close()
            raise AlreadyOpen(holder) from None
        # Who holds it, for the message another window shows; best effort, never needed for safety.
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({"pid": os.getpid(), "host": _host()}).encode("utf-8"))
            handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
        with contextlib.suppress(OSError):
            _unlock(handle)
        handle.close()


def _read_holder(handle) -> str:
    try:
        handle.seek(0)
        return _describe(handle.read(_LOCK_OFFSET).decode("utf-8", "replace"))
    except OSError:
        return "another svdesk window"


def _describe(text: str) -> str:
    try:
        info = json.loads(text)
    except ValueError:
        return "another svdesk window"
    if info.get("host") and info.get("host") != _host():
        return f"svdesk on another computer ({info['host']})"
    return "another svdesk window on this computer"


# Windows locks a byte range against reads too: the locked byte lies far past the holder's
# note at the start of the file, so another window can still read who holds it.
_LOCK_OFFSET = 4096

if os.name == "nt":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:
        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    # flock, not lockf: its lock belongs to the open file, so two windows of one process
    # exclude each other too (lockf's belongs to the process).
    def _lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _host() -> str:
    """This computer's name (what socket.gethostname gives, without importing socket at start-up)."""
    try:
        return os.uname().nodename
    except AttributeError:  # Windows
        import socket

        return socket.gethostname()
