"""Step 7: the CIC34 report's own records, per financial year (keyed by the year's last day,
ISO 'YYYY-MM-DD', as the form's "year ending"): directors' pay, asset transfers, dividends,
the signatory (and when the report was signed and filed), the person's own text for each part, the stories the impact summary features, and their own wording for the sentences
svdesk drafts with."""


def apply(db) -> None:
    db.execute(
        """
        CREATE TABLE cic34_pay (
            id TEXT PRIMARY KEY,
            year_end TEXT NOT NULL,
            director TEXT NOT NULL,
            amount_pence INTEGER,
            accounts_note TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX cic34_pay_year ON cic34_pay(year_end, position)")
    db.execute(
        """
        CREATE TABLE cic34_transfers (
            id TEXT PRIMARY KEY,
            year_end TEXT NOT NULL,
            recipient TEXT NOT NULL,
            what TEXT NOT NULL DEFAULT '',
            value_pence INTEGER,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX cic34_transfers_year ON cic34_transfers(year_end, position)")
    db.execute(
        """
        CREATE TABLE cic34_dividends (
            id TEXT PRIMARY KEY,
            year_end TEXT NOT NULL,
            amount_pence INTEGER NOT NULL DEFAULT 0,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX cic34_dividends_year ON cic34_dividends(year_end, position)")
    db.execute(
        """
        CREATE TABLE cic34_signatories (
            id TEXT PRIMARY KEY,
            year_end TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            office TEXT NOT NULL DEFAULT 'director' CHECK (office IN ('director', 'secretary')),
            signed_on TEXT,
            filed_on TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    # The person's own text for a part of one year's report. ``drafted`` is the text svdesk had
    # drafted when they started editing, so the page can say "the records have changed since".
    # Resetting to the drafted text sets deleted_at, so it can be undone.
    db.execute(
        """
        CREATE TABLE cic34_texts (
            id TEXT PRIMARY KEY,
            year_end TEXT NOT NULL,
            part TEXT NOT NULL,
            text TEXT NOT NULL,
            drafted TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            UNIQUE (year_end, part)
        ) STRICT
        """
    )
    # Which stories the year's impact summary features (a JSON list of story ids, in order);
    # no row = svdesk picks.
    db.execute(
        """
        CREATE TABLE cic34_summary (
            id TEXT PRIMARY KEY,
            year_end TEXT NOT NULL UNIQUE,
            story_ids TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    # The organisation's own wording for a drafted sentence: for every year (year_end = '') or
    # for one year.
    db.execute(
        """
        CREATE TABLE cic34_wording (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            year_end TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            UNIQUE (key, year_end)
        ) STRICT
        """
    )
