"""The one place a SQLite error becomes a sentence for the person.

SQLite's own words ("database or disk is full", "attempt to write a readonly database",
"no such table: stories") mean nothing to someone keeping their social value records, and a
traceback is worse. Everything that meets a ``sqlite3`` error it cannot handle turns it into a
``SvdeskError`` here, so the sentence for each cause is written once.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from svdesk.domain.errors import SvdeskError


def plain_write_error(error: sqlite3.Error) -> SvdeskError:
    """For a change that could not be saved."""
    text = str(error).lower()
    if "full" in text:
        return SvdeskError("The disk is full, so the last change was not saved. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return SvdeskError("The file cannot be written (it or its folder is read-only). The last change was not saved.")
    if "locked" in text or "busy" in text:
        return SvdeskError("Another program is using the file, so the last change was not saved. Try again in a moment.")
    if "disk i/o" in text:
        return SvdeskError("The disk reported an error, so the last change was not saved.")
    return SvdeskError(f"The last change could not be saved ({error}).")


def plain_read_error(error: sqlite3.Error, file_name: str, missing: str = "") -> SvdeskError:
    """For a file that could not be read as asked (nothing was being changed). ``missing`` names
    what a file from an older svdesk lacks ("stories"), for a table it does not have yet."""
    text = str(error).lower()
    if "no such table" in text or "no such column" in text:
        lacks = f" and has no {missing} yet" if missing else ""
        return SvdeskError(f"{file_name} was made by an older svdesk{lacks}; open it "
                           "in svdesk once to bring it up to date.")
    if "locked" in text or "busy" in text:
        return SvdeskError(f"Another program is using {file_name}, so it could not be read. Try again in a moment.")
    if "disk i/o" in text:
        return SvdeskError(f"The disk reported an error while reading {file_name}.")
    return SvdeskError(f"{file_name} could not be read ({error}).")


@contextlib.contextmanager
def plain_read_errors(file_name: str, missing: str = "") -> Iterator[None]:
    """Reads inside the block; a SQLite error becomes a plain ``SvdeskError``."""
    try:
        yield
    except sqlite3.OperationalError as error:
        raise plain_read_error(error, file_name, missing) from None
