"""One writer per file: a second svdesk (window or process) that opens a file already open for
writing is told so, and can open it read-only instead.

The lock is an operating-system lock on a small companion file (``Name.svdesk.lock``). The
system releases it when the process ends in any way — a crash or a flat battery never leaves a
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
    def __init__(self, path: Path):
        self.path = lock_path(Path(path))
        self._handle = None

    def acquire(self) -> None:
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            holder = _describe(handle.read().decode("utf-8", "replace"))
            handle.close()
            raise AlreadyOpen(holder) from None
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
        # Removing the companion file is tidy but not needed for safety; another process may
        # already hold a new lock on it, in which case removal fails harmlessly on Windows and
        # is avoided on POSIX by checking it is still empty.
        with contextlib.suppress(OSError):
            if self.path.stat().st_size == 0:
                self.path.unlink()


def _describe(text: str) -> str:
    try:
        info = json.loads(text)
    except ValueError:
        return "another svdesk window"
    if info.get("host") and info.get("host") != _host():
        return f"svdesk on another computer ({info['host']})"
    return "another svdesk window on this computer"


if os.name == "nt":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

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
