"""Step 2: an organisation's own outcome frameworks, and tags pointing into any framework."""


def apply(db) -> None:
    db.execute(
        """
        CREATE TABLE custom_frameworks (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX custom_frameworks_key ON custom_frameworks(key)")
    # One row per (record, tag): statements, indicators, tenders, ... share this table.
    db.execute(
        """
        CREATE TABLE tags (
            id TEXT PRIMARY KEY,
            owner_table TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            tag TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (owner_table, owner_id, tag)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX tags_by_tag ON tags(tag)")
