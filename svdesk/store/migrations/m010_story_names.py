"""Step 10: an index of the stories by the words of their person's name, so that the last check
before an export (svdesk.store.exposure_repo) reads only the stories a document could name,
not every story of the file.

Derived tables, like the search tables of step 5 (no ids or stamps of their own; never dumped,
rebuilt on load):

- ``story_name_tokens``: each folded word of a story's person name and pseudonym
  (``svdesk.domain.exposure.story_words``), for every story — in the bin and of every year too.
  The repository keeps it in step in the transaction that saves a story (``sync_search``).
- ``story_names_stale``: stories whose name changed by a write that did not bring their words
  up to date (SQL cannot fold a name; a trigger notes them instead). The check always reads
  them, so a name written any other way is still looked for.
- ``story_names_mark``: a number that triggers raise whenever anything the check reads about a
  story or its consent changes, so that what it worked out can be kept until then.
"""

_STORY_FACTS = ("title", "level", "special_categories", "about_child", "deleted_at")


def apply(db) -> None:
    from svdesk.domain.exposure import story_words

    db.execute(
        """
        CREATE TABLE story_name_tokens (
            token TEXT NOT NULL,
            story_id TEXT NOT NULL,
            PRIMARY KEY (token, story_id)
        ) STRICT, WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX story_name_tokens_story ON story_name_tokens(story_id)")
    db.execute("CREATE TABLE story_names_stale (story_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID")
    db.execute(
        "CREATE TABLE story_names_mark (id INTEGER PRIMARY KEY CHECK (id = 1), mark INTEGER NOT NULL) STRICT")
    db.execute("INSERT INTO story_names_mark (id, mark) VALUES (1, 0)")

    rows = db.execute("SELECT id, person_name, pseudonym FROM stories").fetchall()
    db.conn.executemany(
        "INSERT OR IGNORE INTO story_name_tokens (token, story_id) VALUES (?, ?)",
        [(word, story_id) for story_id, name, pseudonym in rows for word in story_words(name, pseudonym)])

    raise_mark = "UPDATE story_names_mark SET mark = mark + 1 WHERE id = 1;"
    stale = "INSERT OR IGNORE INTO story_names_stale (story_id) VALUES (new.id);"
    db.execute(f"CREATE TRIGGER story_names_ai AFTER INSERT ON stories BEGIN {stale} {raise_mark} END")
    db.execute(
        "CREATE TRIGGER story_names_au AFTER UPDATE OF id, person_name, pseudonym ON stories "
        "WHEN old.id IS NOT new.id OR old.person_name IS NOT new.person_name "
        f"OR old.pseudonym IS NOT new.pseudonym BEGIN {stale} {raise_mark} END")
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in _STORY_FACTS)
    db.execute(f"CREATE TRIGGER story_facts_au AFTER UPDATE ON stories WHEN {changed} BEGIN {raise_mark} END")
    db.execute(
        "CREATE TRIGGER story_names_ad AFTER DELETE ON stories BEGIN "
        "DELETE FROM story_name_tokens WHERE story_id = old.id; "
        f"DELETE FROM story_names_stale WHERE story_id = old.id; {raise_mark} END")
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER story_consents_mark_{event.lower()} AFTER {event} ON story_consents "
                   f"BEGIN {raise_mark} END")
