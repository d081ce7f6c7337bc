"""Step 4: indicators (what we measure), their readings, and optional money values."""


def apply(db) -> None:
    db.execute(
        """
        CREATE TABLE indicators (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL CHECK (unit IN ('count', 'people', 'hours', 'percentage', 'money', 'score')),
            direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
            frequency TEXT NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
            baseline_value TEXT,
            baseline_date TEXT,
            target_value TEXT,
            target_date TEXT,
            how_collected TEXT NOT NULL DEFAULT '',
            collected_by TEXT NOT NULL DEFAULT '',
            who_benefits TEXT NOT NULL DEFAULT '',
            contribution TEXT NOT NULL DEFAULT '',
            library_key TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            archived_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX indicators_live ON indicators(deleted_at, archived_at, position)")
    # Values are decimal text ('12', '1234.56') so money stays exact to the penny.
    db.execute(
        """
        CREATE TABLE readings (
            id TEXT PRIMARY KEY,
            indicator_id TEXT NOT NULL REFERENCES indicators(id),
            period_start TEXT NOT NULL,
            period_end TEXT NOT NULL,
            value TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            CHECK (period_end >= period_start)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX readings_by_indicator ON readings(indicator_id, period_start)")
    # One live reading per period: a deleted one can come back only if its period is still free.
    db.execute(
        "CREATE UNIQUE INDEX readings_one_per_period ON readings(indicator_id, period_start, period_end)"
        " WHERE deleted_at IS NULL"
    )
    db.execute(
        """
        CREATE TABLE indicator_valuations (
            id TEXT PRIMARY KEY,
            indicator_id TEXT NOT NULL UNIQUE REFERENCES indicators(id),
            enabled INTEGER NOT NULL DEFAULT 0,
            proxy_value TEXT,
            proxy_description TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            price_year INTEGER,
            deadweight TEXT NOT NULL DEFAULT '0',
            displacement TEXT NOT NULL DEFAULT '0',
            attribution TEXT NOT NULL DEFAULT '0',
            drop_off TEXT NOT NULL DEFAULT '0',
            benefit_years INTEGER NOT NULL DEFAULT 1,
            discount_rate TEXT NOT NULL DEFAULT '3.5',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
