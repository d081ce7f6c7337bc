"""Step 5: stories, their consent, where they were used, their indicators, and the consultation log.

The search tables (story_list, story_text, story_fts) are derived from the stories: the
repository keeps them in step in the same transaction, and dump/load rebuilds them.
"""


def apply(db) -> None:
    db.execute(
        """
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            story_date TEXT,
            domain TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT 'anonymous'
                CHECK (level IN ('anonymous', 'first_name', 'named')),
            person_name TEXT NOT NULL DEFAULT '',
            pseudonym TEXT NOT NULL DEFAULT '',
            anonymous_as TEXT NOT NULL DEFAULT '',
            before TEXT NOT NULL DEFAULT '',
            what_we_did TEXT NOT NULL DEFAULT '',
            after TEXT NOT NULL DEFAULT '',
            quote TEXT NOT NULL DEFAULT '',
            why_it_matters TEXT NOT NULL DEFAULT '',
            keywords TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready')),
            special_categories TEXT NOT NULL DEFAULT '[]',
            about_child INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX stories_date ON stories(deleted_at, story_date DESC, created_at DESC)")

    # One consent record per story (created with the story, "not given" until recorded).
    db.execute(
        """
        CREATE TABLE story_consents (
            id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL UNIQUE REFERENCES stories(id),
            given INTEGER NOT NULL DEFAULT 0,
            given_on TEXT,
            method TEXT CHECK (method IS NULL OR method IN ('signed_form', 'verbal', 'online')),
            recorded_by TEXT NOT NULL DEFAULT '',
            given_by TEXT NOT NULL DEFAULT '',
            told TEXT NOT NULL DEFAULT '',
            uses TEXT NOT NULL DEFAULT '[]',
            level TEXT NOT NULL DEFAULT 'anonymous'
                CHECK (level IN ('anonymous', 'first_name', 'named')),
            expires_on TEXT,
            explicit INTEGER NOT NULL DEFAULT 0,
            withdrawn_on TEXT,
            withdrawal_note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )

    # The use log is a record of what happened: rows are only ever added.
    db.execute(
        """
        CREATE TABLE story_uses (
            id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL REFERENCES stories(id),
            use TEXT NOT NULL CHECK (use IN ('internal', 'tenders_funders', 'public_reports', 'website_social')),
            document TEXT NOT NULL,
            used_on TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('anonymous', 'first_name', 'named')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute("CREATE INDEX story_uses_story ON story_uses(story_id, used_on)")

    # Links to indicators (another capability): a plain id, checked by the repository.
    db.execute(
        """
        CREATE TABLE story_indicators (
            id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL REFERENCES stories(id),
            indicator_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (story_id, indicator_id)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX story_indicators_indicator ON story_indicators(indicator_id)")

    # Search. story_list is a slim row per story (its search rowid, what the list sorts and filters
    # on, copied from the story and its consent by the repository in the same transaction): a
    # search touches only these small rows, never the stories' long text. story_text holds each
    # story's text folded for searching (lower case, no accents, ł -> l: svdesk.domain.textfold)
    # and story_fts indexes it (external content, so the text is stored once). INTEGER primary
    # keys keep FTS rowids stable across VACUUM, which a TEXT-keyed table's rowid is not.
    db.execute(
        """
        CREATE TABLE story_list (
            rowid INTEGER PRIMARY KEY,
            story_id TEXT NOT NULL UNIQUE REFERENCES stories(id),
            live INTEGER NOT NULL DEFAULT 1,
            story_date TEXT,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft',
            given INTEGER NOT NULL DEFAULT 0,
            expires_on TEXT,
            withdrawn_on TEXT
        ) STRICT
        """
    )
    # Covers every column a search filters or sorts on: a search reads this index, in list order,
    # and never has to sort or visit the table.
    db.execute("CREATE INDEX story_list_order ON story_list(live, story_date DESC, created_at DESC, story_id, "
               "status, given, expires_on, withdrawn_on)")
    db.execute(
        """
        CREATE TABLE story_text (
            rowid INTEGER PRIMARY KEY REFERENCES story_list(rowid),
            title TEXT NOT NULL DEFAULT '',
            quote TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE VIRTUAL TABLE story_fts USING fts5(
            title, quote, body, tags,
            content='story_text', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2',
            prefix='1 2 3'
        )
        """
    )
    db.execute(
        """
        CREATE TRIGGER story_text_ai AFTER INSERT ON story_text BEGIN
            INSERT INTO story_fts (rowid, title, quote, body, tags)
            VALUES (new.rowid, new.title, new.quote, new.body, new.tags);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER story_text_ad AFTER DELETE ON story_text BEGIN
            INSERT INTO story_fts (story_fts, rowid, title, quote, body, tags)
            VALUES ('delete', old.rowid, old.title, old.quote, old.body, old.tags);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER story_text_au AFTER UPDATE ON story_text BEGIN
            INSERT INTO story_fts (story_fts, rowid, title, quote, body, tags)
            VALUES ('delete', old.rowid, old.title, old.quote, old.body, old.tags);
            INSERT INTO story_fts (rowid, title, quote, body, tags)
            VALUES (new.rowid, new.title, new.quote, new.body, new.tags);
        END
        """
    )

    db.execute(
        """
        CREATE TABLE consultations (
            id TEXT PRIMARY KEY,
            held_on TEXT,
            title TEXT NOT NULL DEFAULT '',
            who TEXT NOT NULL DEFAULT '[]',
            who_other TEXT NOT NULL DEFAULT '',
            how TEXT NOT NULL DEFAULT 'meeting',
            how_other TEXT NOT NULL DEFAULT '',
            people INTEGER,
            heard TEXT NOT NULL DEFAULT '',
            changed TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX consultations_date ON consultations(deleted_at, held_on)")
