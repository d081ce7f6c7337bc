"""Step 6: tenders, the commitments made in them, the answer being drafted (with its earlier
versions) and the answers as sent — which can never be changed or deleted afterwards."""


def apply(db) -> None:
    db.execute(
        """
        CREATE TABLE tenders (
            id TEXT PRIMARY KEY,
            buyer TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            reference TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            deadline_time TEXT NOT NULL DEFAULT '',
            contract_value_pence INTEGER,
            contract_months INTEGER,
            contract_start TEXT,
            sv_weighting REAL,
            word_limit INTEGER,
            question TEXT NOT NULL DEFAULT '',
            local_context TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'drafting'
                CHECK (status IN ('drafting', 'submitted', 'won', 'lost', 'withdrawn')),
            score TEXT NOT NULL DEFAULT '',
            feedback TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            stories_chosen INTEGER NOT NULL DEFAULT 0 CHECK (stories_chosen IN (0, 1)),
            story_ids TEXT NOT NULL DEFAULT '[]',
            answer_text TEXT NOT NULL DEFAULT '',
            answer_generated TEXT NOT NULL DEFAULT '',
            answer_notes TEXT NOT NULL DEFAULT '[]',
            answer_story_ids TEXT NOT NULL DEFAULT '[]',
            answer_generated_at TEXT NOT NULL DEFAULT '',
            answer_updated_at TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX tenders_by_deadline ON tenders(deleted_at, deadline)")
    db.execute(
        """
        CREATE TABLE commitments (
            id TEXT PRIMARY KEY,
            tender_id TEXT NOT NULL REFERENCES tenders(id),
            position INTEGER NOT NULL DEFAULT 0,
            promise TEXT NOT NULL DEFAULT '',
            for_whom TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            per_year REAL,
            over_contract REAL,
            by_when TEXT,
            indicator_id TEXT NOT NULL DEFAULT '',
            actions TEXT NOT NULL DEFAULT '',
            people TEXT NOT NULL DEFAULT '',
            milestones TEXT NOT NULL DEFAULT '',
            kpis TEXT NOT NULL DEFAULT '',
            frequency TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '',
            accountable TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX commitments_by_tender ON commitments(tender_id, deleted_at, position)")
    # Another capability's id (no foreign key across capabilities): indexed for "which
    # commitments track this indicator".
    db.execute("CREATE INDEX commitments_by_indicator ON commitments(indicator_id)")
    db.execute(
        """
        CREATE TABLE tender_answer_versions (
            id TEXT PRIMARY KEY,
            tender_id TEXT NOT NULL REFERENCES tenders(id),
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('edited', 'generated')),
            words INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute("CREATE INDEX tender_answer_versions_by_tender ON tender_answer_versions(tender_id, created_at)")
    db.execute(
        """
        CREATE TABLE tender_submissions (
            id TEXT PRIMARY KEY,
            tender_id TEXT NOT NULL REFERENCES tenders(id),
            text TEXT NOT NULL,
            words INTEGER NOT NULL,
            word_limit INTEGER,
            submitted_on TEXT NOT NULL,
            commitments TEXT NOT NULL DEFAULT '[]',
            story_ids TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute("CREATE INDEX tender_submissions_by_tender ON tender_submissions(tender_id, created_at)")
    # What was sent is a record: the file itself refuses to change or delete it.
    db.execute(
        """
        CREATE TRIGGER tender_submissions_no_update BEFORE UPDATE ON tender_submissions
        BEGIN SELECT RAISE(ABORT, 'a submitted answer cannot be changed'); END
        """
    )
    db.execute(
        """
        CREATE TRIGGER tender_submissions_no_delete BEFORE DELETE ON tender_submissions
        BEGIN SELECT RAISE(ABORT, 'a submitted answer cannot be deleted'); END
        """
    )
