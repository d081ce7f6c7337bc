"""svdesk's log: the standard ``logging`` module writing to ``svdesk.log`` in the data folder,
rotated so it never grows without bound.

The person never sees a traceback; support needs one. ``log_unexpected(error)`` writes the
details and returns where they went, for the sentence the person does see ("Details are in …").
Logging must never fail in its turn: when the file cannot be written, it says so instead.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from svdesk import __version__

LOGGER_NAME = "svdesk"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
UNWRITABLE = "the log (which could not be written)"


class _QuietRotatingFileHandler(RotatingFileHandler):
    """Remembers a failed write instead of printing logging's own traceback to the terminal."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self.failed = True


def logger() -> logging.Logger:
    """The ``svdesk`` logger, writing to the data folder's log as it is now (the data folder can
    change while svdesk runs, e.g. between tests, so the file is checked at each call)."""
    from svdesk.paths import log_file

    log = logging.getLogger(LOGGER_NAME)
    log.propagate = False  # never echoed on the command line by someone's root handler
    log.setLevel(logging.INFO)
    path = str(Path(log_file()).resolve())
    ours = [handler for handler in log.handlers if isinstance(handler, _QuietRotatingFileHandler)]
    if ours and ours[0].baseFilename == path:
        return log
    for handler in ours:
        log.removeHandler(handler)
        handler.close()
    handler = _QuietRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    handler.setFormatter(logging.Formatter(f"--- %(asctime)s svdesk {__version__} %(levelname)s\n%(message)s"))
    log.addHandler(handler)
    return log


def log_unexpected(error: BaseException) -> str:
    """Writes ``error`` and its traceback to the log; returns the log's path (or a phrase saying
    it could not be written)."""
    try:
        log = logger()
        handler = next(h for h in log.handlers if isinstance(h, _QuietRotatingFileHandler))
        handler.failed = False
        log.error("%s: %s", type(error).__name__, error, exc_info=(type(error), error, error.__traceback__))
        handler.flush()
        return UNWRITABLE if handler.failed else handler.baseFilename
    except Exception:  # noqa: BLE001 - logging must never raise in its turn
        return UNWRITABLE
