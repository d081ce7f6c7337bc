"""Step 11: what an indicator counts, in the person's words ("sessions", "kg of food", "bikes").

Charts name their unit with it (an axis of counted things said only "number"). Files from before
this step keep every value; the words are empty until the person gives them, and charts then say
"people" for people and "number" only for a count nobody has named.
"""


def apply(db) -> None:
    db.execute("ALTER TABLE indicators ADD COLUMN unit_words TEXT NOT NULL DEFAULT ''")
