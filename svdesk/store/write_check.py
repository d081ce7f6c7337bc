"""Writing without sqlite-utils, and checking a file's pages before a write when it was opened
without the whole-file check.

An export opens the file for writing only to add rows to the stories' use log. Reading every
page of the file first (``PRAGMA quick_check``) grows with the whole file — most of a second on
a file of 50,000 stories — while the export itself reads only the year's records (SQLite checks
each page it reads). So such a file checks, just before the write, the pages the write goes to:
the named tables, their indexes and the tables their triggers write to (the merge's row
versions); any other write on it checks every page first, once.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import sqlite3
from collections.abc import Iterator

_TRIGGER_WRITES = re.compile(
    r"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`\[]?(\w+)", re.IGNORECASE)


def check_before_writing(conn: sqlite3.Connection, tables: tuple[str, ...] | None) -> bool:
    """True when the pages a write to ``tables`` goes to are sound (every page when ``tables``
    is None, or when one of them writes to a full-text index, whose pages are its own)."""
    try:
        written = tables_written(conn, tables) if tables else None
        if written is None:
            return _sound(conn, "quick_check(5)")
        return all(_sound(conn, f"quick_check('{table}')") for table in written)
    except sqlite3.DatabaseError:
        return False


def _sound(conn: sqlite3.Connection, pragma: str) -> bool:
    return [row[0] for row in conn.execute(f"PRAGMA {pragma}")] == ["ok"]


def tables_written(conn: sqlite3.Connection, tables) -> list[str] | None:
    """``tables`` and every table their triggers write to, or None when one of them is not a
    plain table (a full-text index keeps its pages in tables of its own)."""
    schema = {name: sql or "" for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    triggers: dict[str, list[str]] = {}
    for table, sql in conn.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"):
        body = re.split(r"\bBEGIN\b", sql or "", maxsplit=1, flags=re.IGNORECASE)[-1]  # not "AFTER UPDATE ON"
        triggers.setdefault(table, []).extend(_TRIGGER_WRITES.findall(body))
    found: list[str] = []
    waiting = list(tables)
    while waiting:
        table = waiting.pop()
        if table in found:
            continue
        if table not in schema or schema[table].upper().startswith("CREATE VIRTUAL"):
            return None
        found.append(table)
        waiting += triggers.get(table, [])
    return found


@contextlib.contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """What sqlite-utils' ``Database.atomic`` does (BEGIN ... COMMIT, a savepoint when nested),
    without importing sqlite-utils (it costs more than an export's whole use log to load)."""
    if conn.in_transaction:
        savepoint = f"svdesk_{secrets.token_hex(16)}"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield
        except BaseException:
            # A RAISE(ROLLBACK) trigger may have ended the whole transaction, savepoint and all.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        return
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
