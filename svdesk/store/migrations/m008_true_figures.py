"""Step 8: figures that are true.

- how each indicator counts, and the scale a score is on;
- "none this year" confirmations for the CIC34's nil statements (a nil statement is printed only
  when the person confirmed it, never because nothing was entered);
- the organisation's own dates and contact details (incorporation date, postal address, email,
  phone, how long stories and consent forms are kept) for reports and consent forms;
- a story's consent to photographs and video, separate from the story itself.

Files from before this step upgrade without losing anything: every value stays as it was and each
unit maps to the way it was counted, except that a number of people becomes "people taking part"
(a headcount that is never added up across periods) — the safe reading of a headcount, which the
person can change to "new people" when each reading counts different people. Scores were 0 to 10.
"""

_COUNTINGS = ("things", "attendances", "new_people", "taking_part", "level", "score", "percentage", "money")
_FROM_UNIT = {"count": "things", "people": "taking_part", "hours": "things", "percentage": "percentage",
              "money": "money", "score": "score"}


def apply(db) -> None:
    allowed = ", ".join(f"'{name}'" for name in _COUNTINGS)
    db.execute(f"ALTER TABLE indicators ADD COLUMN counting TEXT NOT NULL DEFAULT 'things' CHECK (counting IN ({allowed}))")
    db.execute("ALTER TABLE indicators ADD COLUMN scale_name TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE indicators ADD COLUMN scale_low TEXT")
    db.execute("ALTER TABLE indicators ADD COLUMN scale_high TEXT")
    for unit, counting in _FROM_UNIT.items():
        db.execute("UPDATE indicators SET counting = ? WHERE unit = ?", [counting, unit])
    db.execute("UPDATE indicators SET scale_name = 'score', scale_low = '0', scale_high = '10' WHERE unit = 'score'")
    db.execute(
        """
        CREATE TABLE cic34_none (
            id TEXT PRIMARY KEY,
            year_end TEXT NOT NULL,
            what TEXT NOT NULL CHECK (what IN ('consultation', 'pay', 'transfers', 'dividends')),
            confirmed_on TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE UNIQUE INDEX cic34_none_live ON cic34_none(year_end, what) WHERE deleted_at IS NULL")
    for column in ("postal_address", "email", "phone"):
        db.execute(f"ALTER TABLE organisation ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE organisation ADD COLUMN incorporated_on TEXT")
    db.execute("ALTER TABLE organisation ADD COLUMN retention_years INTEGER NOT NULL DEFAULT 0")
    # Consent for photographs and video is its own tick: nobody has given it until recorded.
    db.execute("ALTER TABLE story_consents ADD COLUMN photos INTEGER NOT NULL DEFAULT 0")
