"""Step 8: what a commitment is worth and whether it is extra. ``value_per_unit_pence`` and
``value_basis`` (the person's words for where the value comes from: "volunteer hour at £X, the
buyer's rate" — svdesk ships no proxy values), and ``additional``: NULL not said, 0 part of the
core contract, 1 over and above it."""


def apply(db) -> None:
    db.execute("ALTER TABLE commitments ADD COLUMN value_per_unit_pence INTEGER")
    db.execute("ALTER TABLE commitments ADD COLUMN value_basis TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE commitments ADD COLUMN additional INTEGER")
