"""Step 10: an index of the stories by the words of their person's name, so that the last check
before an export (svdesk.store.exposure_repo) reads only the stories a document could name,
not every story of the file.

Derived tables, like the search tables of step 5 (no ids or stamps of their own; never dumped,
rebuilt on load), kept in step by the repository in the transaction that saves a story or its
consent (``stories_rows.sync_name_words``):

- ``story_name_tokens``: each folded word of a story's person name and pseudonym
  (``svdesk.domain.exposure.story_words``), for every story — in the bin and of every year too.
- ``story_name_facts``: one small row per story with what the consent rule reads of it and its
  consent (the stories' own rows hold long text, and reading a column stored after it means
  reading the text too), and ``changed``: the mark when it was last brought up to date, so that
  what was decided from a story is used again only while it is unchanged. No text a person
  typed is copied: titles and names are read from the stories, where they come before the long
  text.
- ``story_names_stale``: stories changed by a write that did not bring those two tables up to
  date (SQL cannot fold a name; triggers note them instead). The check reads them from the
  stories themselves, so a name or consent written any other way still counts.
- ``story_names_mark``: a number the triggers raise whenever anything the check reads about a
  story or its consent changes.
"""

FACTS_COLUMNS = ("story_id", "level", "special_categories", "about_child", "deleted", "given", "given_on", "method",
                 "recorded", "uses", "consent_level", "expires_on", "explicit", "withdrawn_on", "changed")
# The same columns read from the stories and their consent (a story without a consent record
# reads as "not given": all NULL).
FACTS_SELECT = (
    "SELECT s.id, s.level, s.special_categories, s.about_child, s.deleted_at IS NOT NULL, c.given, c.given_on, "
    "c.method, c.recorded_by != '', c.uses, c.level, c.expires_on, c.explicit, c.withdrawn_on, 0 "
    "FROM stories s LEFT JOIN story_consents c ON c.story_id = s.id")
_STORY_FACTS = ("id", "title", "person_name", "pseudonym", "level", "special_categories", "about_child", "deleted_at")


def apply(db) -> None:
    from svdesk.domain.exposure import story_words

    db.execute(
        """
        CREATE TABLE story_name_tokens (
            token TEXT NOT NULL,
            story_id TEXT NOT NULL,
            PRIMARY KEY (token, story_id)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX story_name_tokens_story ON story_name_tokens(story_id)")
    db.execute(
        """
        CREATE TABLE story_name_facts (
            story_id TEXT PRIMARY KEY,
            level TEXT NOT NULL,
            special_categories TEXT NOT NULL,
            about_child INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            given INTEGER,
            given_on TEXT,
            method TEXT,
            recorded INTEGER,
            uses TEXT,
            consent_level TEXT,
            expires_on TEXT,
            explicit INTEGER,
            withdrawn_on TEXT,
            changed INTEGER NOT NULL DEFAULT 0
        ) STRICT
        """
    )
    db.execute(f"INSERT INTO story_name_facts ({', '.join(FACTS_COLUMNS)}) {FACTS_SELECT}")
    db.execute("CREATE TABLE story_names_stale (story_id TEXT PRIMARY KEY) STRICT")
    db.execute(
        "CREATE TABLE story_names_mark (id INTEGER PRIMARY KEY CHECK (id = 1), mark INTEGER NOT NULL) STRICT")
    db.execute("INSERT INTO story_names_mark (id, mark) VALUES (1, 0)")

    rows = db.execute("SELECT id, person_name, pseudonym FROM stories").fetchall()
    db.conn.executemany(
        "INSERT OR IGNORE INTO story_name_tokens (token, story_id) VALUES (?, ?)",
        [(word, story_id) for story_id, name, pseudonym in rows for word in story_words(name, pseudonym)])

    raise_mark = "UPDATE story_names_mark SET mark = mark + 1 WHERE id = 1;"
    stale = "INSERT OR IGNORE INTO story_names_stale (story_id) VALUES ({}.{});"
    db.execute(f"CREATE TRIGGER story_names_ai AFTER INSERT ON stories BEGIN {stale.format('new', 'id')} {raise_mark} END")
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in _STORY_FACTS)
    db.execute(f"CREATE TRIGGER story_names_au AFTER UPDATE ON stories WHEN {changed} "
               f"BEGIN {stale.format('old', 'id')} {stale.format('new', 'id')} {raise_mark} END")
    db.execute(
        "CREATE TRIGGER story_names_ad AFTER DELETE ON stories BEGIN "
        "DELETE FROM story_name_tokens WHERE story_id = old.id; "
        "DELETE FROM story_name_facts WHERE story_id = old.id; "
        f"DELETE FROM story_names_stale WHERE story_id = old.id; {raise_mark} END")
    for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")):
        db.execute(f"CREATE TRIGGER story_consents_names_{event.lower()} AFTER {event} ON story_consents "
                   f"BEGIN {stale.format(row, 'story_id')} {raise_mark} END")
