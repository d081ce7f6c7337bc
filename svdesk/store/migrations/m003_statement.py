"""Step 3: the organisation's statement (answers and working draft) and its agreed versions."""


def apply(db) -> None:
    # One row per organisation in practice; the working copy that the person edits freely.
    db.execute(
        """
        CREATE TABLE statements (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT '',
            who TEXT NOT NULL DEFAULT '',
            challenges TEXT NOT NULL DEFAULT '',
            activities TEXT NOT NULL DEFAULT '',
            change_soon TEXT NOT NULL DEFAULT '',
            change_long TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            full_text TEXT NOT NULL DEFAULT '',
            short_text TEXT NOT NULL DEFAULT '',
            full_drafted TEXT NOT NULL DEFAULT '',
            short_drafted TEXT NOT NULL DEFAULT '',
            full_before_redraft TEXT,
            short_before_redraft TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    # Agreed versions are history: text as agreed, when and by whom. A version withdrawn by
    # mistake is soft-deleted (deleted_at), so it can be restored.
    db.execute(
        """
        CREATE TABLE statement_versions (
            id TEXT PRIMARY KEY,
            statement_id TEXT NOT NULL REFERENCES statements(id),
            number INTEGER NOT NULL CHECK (number > 0),
            full_text TEXT NOT NULL,
            short_text TEXT NOT NULL,
            agreed_on TEXT NOT NULL,
            agreed_by TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX statement_versions_by_statement ON statement_versions(statement_id, number)")
