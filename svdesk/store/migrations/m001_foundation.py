"""Step 1: the organisation profile, content-addressed blobs and attachments, file metadata."""


def apply(db) -> None:
    db.execute(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE organisation (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            legal_form TEXT NOT NULL DEFAULT 'cic_guarantee',
            company_number TEXT NOT NULL DEFAULT '',
            year_end_day INTEGER NOT NULL DEFAULT 31,
            year_end_month INTEGER NOT NULL DEFAULT 3,
            area_served TEXT NOT NULL DEFAULT '',
            staff INTEGER NOT NULL DEFAULT 0,
            volunteers INTEGER NOT NULL DEFAULT 0,
            website TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    # Attachments are stored inside the file, once per distinct content (SHA-256), however many
    # records point at them.
    db.execute(
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            owner_table TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'evidence',
            sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            filename TEXT NOT NULL,
            media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX attachments_owner ON attachments(owner_table, owner_id)")
    db.execute("CREATE INDEX attachments_sha ON attachments(sha256)")
