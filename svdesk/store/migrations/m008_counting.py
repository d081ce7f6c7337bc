"""Step 8: how each indicator counts, and the scale a score is on.

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
