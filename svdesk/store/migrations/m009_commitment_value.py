"""Step 8: what a commitment is worth and whether it is extra. ``value_per_unit_pence`` and
``value_basis`` (the person's words for where the value comes from: "volunteer hour at £X, the
buyer's rate" — svdesk ships no proxy values), and ``additional``: NULL not said, 0 part of the
core contract, 1 over and above it. And on tenders, ``question_parts``: the person's corrections
to the parts svdesk found in the question (JSON, with the question they were made for; '' none)."""


def apply(db) -> None:
    db.execute("ALTER TABLE commitments ADD COLUMN value_per_unit_pence INTEGER")
    db.execute("ALTER TABLE commitments ADD COLUMN value_basis TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE commitments ADD COLUMN additional INTEGER")
    db.execute("ALTER TABLE tenders ADD COLUMN question_parts TEXT NOT NULL DEFAULT ''")
