"""Step 12: what each copy knows of each record's past, so two copies of a file (two laptops)
can be merged without trusting their clocks (issue 18, svdesk/store/merge_engine.py).

- ``row_versions``: one row per record of every merged table — its current version (a random
  token, new at each change) and whether it was deleted for good (a tombstone, so a hard delete
  is not mistaken for "never had it").
- ``row_history``: every earlier version of every record this copy knows of, with the record's
  values then (a JSON array in column order; NULL for a tombstone); ``seq`` is the order this copy learned them. It is
  also the record's history: the value that lost a merge choice stays here.

Triggers keep both up to date on every write, whoever makes it. A later step that adds a column
to a merged table must call ``install_triggers`` again (the triggers name every column).

Versions of the records already in a file are made from their content, so two copies made of
one file before this step (and upgraded on two laptops) still agree on every unchanged record.
"""

from __future__ import annotations


# Every table that holds a person's records, in an order that satisfies foreign keys.
MERGED_TABLES = (
    "organisation", "custom_frameworks", "statements", "statement_versions", "indicators", "readings",
    "indicator_valuations", "stories", "story_consents", "story_uses", "story_indicators", "consultations",
    "tenders", "commitments", "tender_answer_versions", "tender_submissions", "cic34_pay", "cic34_transfers",
    "cic34_dividends", "cic34_signatories", "cic34_texts", "cic34_summary", "cic34_wording", "cic34_none",
    "attachments", "tags",
)

_NEW_VERSION = "lower(hex(randomblob(8)))"


def apply(db) -> None:
    db.execute("""
        CREATE TABLE row_versions (
            tbl TEXT NOT NULL,
            id TEXT NOT NULL,
            version TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tbl, id)
        ) STRICT, WITHOUT ROWID
    """)
    db.execute("""
        CREATE TABLE row_history (
            seq INTEGER PRIMARY KEY,
            tbl TEXT NOT NULL,
            id TEXT NOT NULL,
            version TEXT NOT NULL,
            row_json TEXT,
            UNIQUE (tbl, id, version)
        ) STRICT
    """)
    conn = db.conn
    import hashlib  # here: every opening imports the steps, few run this one

    for table in MERGED_TABLES:
        columns = columns_of(conn, table)
        cursor = conn.execute(f"SELECT {', '.join(_quoted(c) for c in columns)} FROM {table}")
        rows = []
        at = columns.index("id")
        for values in cursor:
            # The same content gives the same version on any computer (repr of str, int, float
            # and None is fixed), and is much quicker to make than JSON.
            digest = hashlib.sha256(repr(values).encode("utf-8", "surrogatepass"))
            rows.append((table, values[at], "i" + digest.hexdigest()[:16]))
        conn.executemany("INSERT INTO row_versions (tbl, id, version) VALUES (?, ?, ?)", rows)
    install_triggers(db)


def columns_of(conn, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def json_of(prefix: str, columns: list[str]) -> str:
    """The row's values as a JSON array in column order. An array, not an object: the triggers'
    text is read by SQLite each time a file is opened, and column names would double it. Columns
    are only ever added at the end (ALTER TABLE ADD COLUMN), so an older array is a prefix."""
    return f"json_array({', '.join(f'{prefix}.{_quoted(c)}' for c in columns)})"


def install_triggers(db) -> None:
    conn = db.conn
    for table in MERGED_TABLES:
        for suffix in ("ai", "au", "ad"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_rv_{suffix}")
        old_json = json_of("old", columns_of(conn, table))
        conn.execute(f"""
            CREATE TRIGGER {table}_rv_ai AFTER INSERT ON {table} BEGIN
                INSERT OR IGNORE INTO row_history (tbl, id, version, row_json)
                    SELECT tbl, id, version, NULL FROM row_versions WHERE tbl = '{table}' AND id = new.id;
                INSERT OR REPLACE INTO row_versions (tbl, id, version, deleted)
                    VALUES ('{table}', new.id, {_NEW_VERSION}, 0);
            END""")
        conn.execute(f"""
            CREATE TRIGGER {table}_rv_au AFTER UPDATE ON {table} BEGIN
                INSERT OR IGNORE INTO row_history (tbl, id, version, row_json)
                    SELECT tbl, id, version, {old_json} FROM row_versions WHERE tbl = '{table}' AND id = old.id;
                INSERT OR REPLACE INTO row_versions (tbl, id, version, deleted)
                    VALUES ('{table}', new.id, {_NEW_VERSION}, 0);
            END""")
        conn.execute(f"""
            CREATE TRIGGER {table}_rv_ad AFTER DELETE ON {table} BEGIN
                INSERT OR IGNORE INTO row_history (tbl, id, version, row_json)
                    SELECT tbl, id, version, {old_json} FROM row_versions WHERE tbl = '{table}' AND id = old.id;
                INSERT OR REPLACE INTO row_versions (tbl, id, version, deleted)
                    VALUES ('{table}', old.id, {_NEW_VERSION}, 1);
            END""")
