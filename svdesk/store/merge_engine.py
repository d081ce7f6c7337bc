"""Bringing one copy of an organisation file into another (the API: svdesk/services/merge.py).

Why versions, not clocks: laptops' clocks are wrong, so "which change is newer" is never read
from a time. Every record has a version (a random token, new at each change, kept by triggers:
migration m011), and each file keeps every earlier version of each record it knows of, with the
record's values then (``row_history``). Copies made from one file share that past. For a record
whose versions differ:

- the other copy's version is in this copy's past: nothing new there, this copy is kept;
- this copy's version is in the other copy's past: the other copy's record comes across whole;
- otherwise both changed it: the latest version both know is the common ancestor, and the
  record is merged field by field against it (svdesk/domain/merge_rules.py).

The other copy's versions and past come across too, so bringing it in twice changes nothing
the second time, and the order copies are brought in does not change the records.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from svdesk.domain import merge_rules
from svdesk.domain.merge_rules import MergeRefused
from svdesk.store.migrations.m012_row_versions import MERGED_TABLES, columns_of

# Records that two laptops may each make for the same thing under different ids (the same
# month's reading, the same CIC34 part): the unique key, and whether only live rows count.
NATURAL_KEYS: dict[str, tuple[tuple[str, ...], bool]] = {
    "readings": (("indicator_id", "period_start", "period_end"), True),
    "tags": (("owner_table", "owner_id", "tag"), False),
    "story_consents": (("story_id",), False),
    "indicator_valuations": (("indicator_id",), False),
    "story_indicators": (("story_id", "indicator_id"), False),
    "cic34_signatories": (("year_end",), False),
    "cic34_texts": (("year_end", "part"), False),
    "cic34_summary": (("year_end",), False),
    "cic34_wording": (("key", "year_end"), False),
    "cic34_none": (("year_end", "what"), True),
}
LABEL_COLUMNS = ("title", "name", "promise", "director", "recipient", "description", "part", "key", "tag",
                 "document", "agreed_on", "year_end", "filename", "kind")


def _refused(message: str) -> MergeRefused:
    return MergeRefused(message)


@dataclass
class RowPlan:
    table: str
    id: str  # the record in this copy (a twin's id when the other copy made the same thing)
    theirs_id: str
    action: str  # "new", "changed", "removed", "conflict", "learn" (versions only)
    decision: merge_rules.Decision
    theirs_version: str
    label: str = ""
    kind: str = ""
    mine_row: dict | None = None  # as read for the plan (a plan is used only while this copy is unchanged)
    theirs_row: dict | None = None


@dataclass
class Diff:
    rows: list[RowPlan] = field(default_factory=list)
    blobs: list[str] = field(default_factory=list)


class Reader:
    """What the merge reads of one file: versions, past versions, and records."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._columns: dict[str, list[str]] = {}
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "row_versions" not in tables:
            raise _refused("One of the copies was last saved by an older svdesk. Open it once in this "
                           "version of svdesk, close it, then bring the changes in again.")

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = columns_of(self.conn, table)
        return self._columns[table]

    def versions(self) -> dict[tuple[str, str], tuple[str, int]]:
        return {(t, i): (v, d) for t, i, v, d in self.conn.execute("SELECT tbl, id, version, deleted FROM row_versions")}

    def knows(self, table: str, row_id: str, version: str) -> bool:
        return self.conn.execute("SELECT 1 FROM row_history WHERE tbl = ? AND id = ? AND version = ?",
                                 [table, row_id, version]).fetchone() is not None

    def past(self, table: str, row_id: str) -> list[tuple[int, str, str | None]]:
        return self.conn.execute("SELECT seq, version, row_json FROM row_history WHERE tbl = ? AND id = ? ORDER BY seq",
                                 [table, row_id]).fetchall()

    def row(self, table: str, row_id: str) -> dict | None:
        cols = self.columns(table)
        found = self.conn.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM {table} WHERE id = ?", [row_id]).fetchone()
        return dict(zip(cols, found)) if found else None

    def twin(self, table: str, row: dict) -> str | None:
        key, live_only = NATURAL_KEYS.get(table, ((), False))
        if not key or (live_only and row.get("deleted_at") is not None):
            return None
        where = " AND ".join(f"{_q(c)} IS ?" for c in key) + (" AND deleted_at IS NULL" if live_only else "")
        found = self.conn.execute(f"SELECT id FROM {table} WHERE {where} AND id != ?",
                                  [row[c] for c in key] + [row["id"]]).fetchone()
        return found[0] if found else None

    def organisation(self) -> dict | None:
        return self.conn.execute("SELECT id, name FROM organisation LIMIT 1").fetchone()


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _json_row(columns: list[str], text: str | None) -> dict | None:
    """A past version's values (a JSON array in column order, see m012_row_versions.json_of); a
    column added since it was kept reads as missing. Text that is not such an array (a
    damaged or hand-made copy's past, brought in by an earlier merge) is no base: the fields
    that differ are then asked about, never guessed."""
    if text is None:
        return None
    try:
        values = json.loads(text)
    except ValueError:
        return None
    return dict(zip(columns, values)) if isinstance(values, list) else None


def _json_text(columns: list[str], row: dict) -> str:
    return json.dumps([row.get(c) for c in columns], ensure_ascii=False)


def diff(mine: Reader, theirs: Reader, theirs_name: str) -> Diff:
    """Every record the other copy would change here, decided (conflicts left as mine)."""
    org_mine, org_theirs = mine.organisation(), theirs.organisation()
    if org_mine and org_theirs and org_mine[0] != org_theirs[0]:
        theirs_org = merge_rules.printable(org_theirs[1] or "")[:80]
        raise _refused(f"That file belongs to another organisation ({theirs_org or 'no name'}), not "
                       f"{org_mine[1] or 'this one'}; nothing was brought in.")
    compared = _compare_in_sql(mine, theirs)
    if compared is None:
        mine_v, theirs_v = mine.versions(), theirs.versions()
        shared = sum(1 for key, value in theirs_v.items() if mine_v.get(key) == value)
        held = bool(theirs_v)
        differ = {key: (mine_v.get(key), value) for key, value in theirs_v.items()
                  if mine_v.get(key, (None,))[0] != value[0]}
    else:
        held, shared, differ = compared
    if held and not shared:
        mine_v, theirs_v = mine.versions(), theirs.versions()  # only for a file about to be refused
        if not _shares_past(mine, theirs, mine_v, theirs_v):
            raise _refused("That file was not made from a copy of this one (they share no history), so svdesk "
                           "cannot tell which changes are new; nothing was brought in.")
    out = Diff()
    order = {table: n for n, table in enumerate(MERGED_TABLES)}
    changed = sorted(differ, key=lambda key: (order.get(key[0], 99), key[1]))
    for table, row_id in changed:
        if table not in order:
            continue
        mine_version, theirs_version = differ[(table, row_id)]
        plan = _plan_row(mine, theirs, table, row_id, mine_version, theirs_version, theirs_name)
        if plan is not None:
            out.rows.append(plan)
    for plan in out.rows:
        result = plan.decision.result
        if plan.table == "attachments" and result and result.get("sha256"):
            if not mine.conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", [result["sha256"]]).fetchone() \
                    and result["sha256"] not in out.blobs:
                out.blobs.append(result["sha256"])
    return out


def _compare_in_sql(mine: Reader, theirs: Reader):
    """(whether the other copy has any records, how many of its records' versions this copy has
    too, {(table, id): (this copy's (version, deleted) or None, the other's)} where the versions
    differ), worked out by SQLite over both files at once: a big file has tens of thousands of
    records and only a few hundred differ, so only those are read into Python. The other copy is
    attached read-only ("mode=ro": nothing can be written to it). None when it cannot be attached
    (a file in memory, or a connection busy in a transaction): the caller compares in Python."""
    found = [row[2] for row in theirs.conn.execute("PRAGMA database_list") if row[1] == "main"]
    if not found or not found[0] or mine.conn.in_transaction:
        return None
    try:
        mine.conn.execute("ATTACH DATABASE ? AS svdesk_merge_theirs", [Path(found[0]).resolve().as_uri() + "?mode=ro"])
    except sqlite3.Error:
        return None
    try:
        held, shared = mine.conn.execute(
            "SELECT count(*), count(m.id) FROM svdesk_merge_theirs.row_versions t LEFT JOIN main.row_versions m "
            "ON m.tbl = t.tbl AND m.id = t.id AND m.version = t.version AND m.deleted = t.deleted").fetchone()
        rows = mine.conn.execute(
            "SELECT t.tbl, t.id, t.version, t.deleted, m.version, m.deleted FROM svdesk_merge_theirs.row_versions t "
            "LEFT JOIN main.row_versions m ON m.tbl = t.tbl AND m.id = t.id WHERE m.version IS NOT t.version").fetchall()
    finally:
        mine.conn.execute("DETACH DATABASE svdesk_merge_theirs")
    return held > 0, shared, {(t, i): (None if mv is None else (mv, md), (tv, td)) for t, i, tv, td, mv, md in rows}


def _shares_past(mine: Reader, theirs: Reader, mine_v, theirs_v) -> bool:
    for key in list(theirs_v)[:200]:
        if key in mine_v and (theirs.knows(key[0], key[1], mine_v[key][0]) or mine.knows(key[0], key[1], theirs_v[key][0])):
            return True
    return False


def _plan_row(mine: Reader, theirs: Reader, table: str, row_id: str, mine_version, theirs_version,
              theirs_name: str) -> RowPlan | None:
    t_version, t_deleted = theirs_version
    theirs_row = None if t_deleted else theirs.row(table, row_id)
    if mine_version is None:
        if theirs_row is None:
            return None  # made and removed there: nothing to bring
        twin = mine.twin(table, theirs_row)
        if twin is not None:
            return _twin_plan(mine, theirs, table, twin, row_id, theirs_row, t_version, theirs_name)
        return _row_plan(mine, table, row_id, row_id, merge_rules.Decision(dict(theirs_row)), t_version, None,
                         theirs_row, "new")
    m_version, m_deleted = mine_version
    if mine.knows(table, row_id, t_version):
        return None  # the other copy's record is in this copy's past
    mine_row = None if m_deleted else mine.row(table, row_id)
    if mine_row is None and theirs_row is not None:
        # Gone here, live there: when this copy holds a twin of it (the same month's reading
        # made on two laptops, merged here into the other one, and reaching this copy again
        # through a third), it is the twin that is brought up to date, never a second record.
        twin = mine.twin(table, theirs_row)
        if twin is not None:
            return _twin_plan(mine, theirs, table, twin, row_id, theirs_row, t_version, theirs_name)
    if theirs.knows(table, row_id, m_version):
        # The other copy's record descends from this one's: it comes across whole, except where
        # a rule that always wins says otherwise (a withdrawal undone over there stays here).
        if mine_row is None or theirs_row is None:
            decision = merge_rules.Decision(None if theirs_row is None else dict(theirs_row))
        else:
            decision = merge_rules.decide(table, mine_row, mine_row, theirs_row, _label(mine, table, mine_row),
                                          theirs_name)
            decision.result.update({k: v for k, v in theirs_row.items() if k in merge_rules.STAMPS})
        return _row_plan(mine, table, row_id, row_id, decision, t_version, mine_row, theirs_row)
    base = _common_base(mine, theirs, table, row_id)
    decision = merge_rules.decide(table, base, mine_row, theirs_row, _label(mine, table, mine_row or theirs_row),
                                  theirs_name)
    return _row_plan(mine, table, row_id, row_id, decision, t_version, mine_row, theirs_row)


def _twin_plan(mine: Reader, theirs: Reader, table: str, twin: str, row_id: str, theirs_row: dict, t_version,
               theirs_name: str) -> RowPlan:
    """The same thing made on both laptops: one record (this copy's), its fields merged against
    the latest state both copies know of either (a twin merged before keeps the other's past)."""
    mine_row = mine.row(table, twin)
    base = _common_base(mine, theirs, table, twin, row_id)
    decision = merge_rules.decide(table, base, mine_row, {**theirs_row, "id": twin}, _label(mine, table, mine_row),
                                  theirs_name)
    return _row_plan(mine, table, twin, row_id, decision, t_version, mine_row, theirs_row)


def _common_base(mine: Reader, theirs: Reader, table: str, row_id: str, theirs_id: str | None = None) -> dict | None:
    """The latest version of the record both copies know (None: none, or it did not exist)."""
    theirs_past = {version for _, version, _ in theirs.past(table, theirs_id or row_id)}
    for _, version, text in reversed(mine.past(table, row_id)):
        if version in theirs_past:
            return _json_row(mine.columns(table), text)
    return None


# The only records svdesk itself ever removes for good (everything else goes to the bin).
REMOVED_FOR_GOOD = frozenset({"tags", "cic34_summary", "story_indicators"})


def _row_plan(mine: Reader, table, row_id, theirs_id, decision, t_version, mine_row, theirs_row,
              action=None) -> RowPlan:
    if decision.result is None and mine_row is not None and table not in REMOVED_FOR_GOOD:
        # Gone for good from the other copy, though svdesk only ever moves such records to the
        # bin: a damaged or hand-made copy. Never a reason to lose this copy's record.
        decision = merge_rules.Decision(dict(mine_row), decision.conflicts, decision.notes)
    result = decision.result
    if action is None:
        if decision.conflicts:
            action = "conflict"
        elif result is None:
            action = "removed" if mine_row is not None else "learn"
        elif mine_row is None:
            action = "new"
        elif result == mine_row:
            action = "learn"
        else:
            action = "changed"
    label = _label(mine, table, mine_row or result)
    kind = merge_rules.kind_word(table, 1)
    return RowPlan(table, row_id, theirs_id, action, decision, t_version, label, kind, mine_row, theirs_row)


def _label(mine: Reader, table: str, row: dict | None) -> str:
    # Words from either file, which anyone could have made: printable, on one line.
    return merge_rules.printable(_label_words(mine, table, row))


def _label_words(mine: Reader, table: str, row: dict | None) -> str:
    if not row:
        return merge_rules.kind_word(table, 1)
    if table in ("story_consents", "story_uses", "story_indicators"):
        found = mine.conn.execute("SELECT title FROM stories WHERE id = ?", [row.get("story_id")]).fetchone()
        return f"the story \u201c{found[0]}\u201d" if found and found[0] else "a story"
    if table == "readings":
        found = mine.conn.execute("SELECT name FROM indicators WHERE id = ?", [row.get("indicator_id")]).fetchone()
        return f"the reading of {found[0] if found else 'an indicator'} for {row.get('period_start', '')}"
    for column in LABEL_COLUMNS:
        if row.get(column):
            text = str(row[column]).splitlines()[0][:60]
            return f"the {merge_rules.kind_word(table, 1)} \u201c{text}\u201d"
    return f"a {merge_rules.kind_word(table, 1)}"


# -- writing -------------------------------------------------------------------------------------
def write(db, mine: Reader, theirs: Reader, found: Diff, choices: dict[str, str], prefer: str | None) -> int:
    """Applies ``found`` inside the caller's transaction; returns how many records changed."""
    from svdesk.store.stories_rows import sync_search

    for sha in found.blobs:
        row = theirs.conn.execute("SELECT sha256, size, data, created_at FROM blobs WHERE sha256 = ?", [sha]).fetchone()
        if row is not None:
            db.execute("INSERT OR IGNORE INTO blobs (sha256, size, data, created_at) VALUES (?, ?, ?, ?)", list(row))
    stories: dict[str, set[str]] = {}  # story id -> the columns of its searchable text that changed
    changed = 0
    for plan in found.rows:
        result = _chosen(plan, choices, prefer)
        current = plan.mine_row
        if result is not None and result != current:
            cols = list(result)
            if current is None:
                db.execute(f"INSERT INTO {plan.table} ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
                           [result[c] for c in cols])
            else:
                sets = ", ".join(f"{_q(c)} = ?" for c in cols if c != "id")
                db.execute(f"UPDATE {plan.table} SET {sets} WHERE id = ?", [result[c] for c in cols if c != "id"] + [plan.id])
            changed += 1
        elif result is None and current is not None:
            db.execute(f"DELETE FROM {plan.table} WHERE id = ?", [plan.id])
            changed += 1
        _learn(db, theirs, plan, result)
        if plan.table == "stories":
            stories.setdefault(plan.id, set()).update(_text_changed(current, result))
        elif plan.table == "story_consents" and (result or current):
            stories.setdefault((result or current)["story_id"], set())
    for story_id, text in sorted(stories.items()):
        sync_search(db, story_id, text=text)
    return changed


def _text_changed(before: dict | None, after: dict | None) -> frozenset[str] | set[str]:
    """The columns of a story the search index is made from that differ (only those are folded
    again: stories_rows.sync_search)."""
    from svdesk.store.stories_rows import SEARCHED_COLUMNS

    if before is None or after is None:
        return SEARCHED_COLUMNS
    return {c for c in SEARCHED_COLUMNS if before.get(c) != after.get(c)}


def _chosen(plan: RowPlan, choices: dict[str, str], prefer: str | None) -> dict | None:
    result = plan.decision.result
    if not plan.decision.conflicts:
        return result
    result = dict(result)
    for column, (_, theirs_value) in plan.decision.conflicts.items():
        choice = choices.get(conflict_key(plan, column), prefer)
        if choice is None:
            raise _refused("Some fields were changed on both laptops; choose which to keep for each, "
                           "then bring the changes in again. Nothing was changed.")
        if choice == "theirs":
            result[column] = theirs_value
    return result


def conflict_key(plan: RowPlan, column: str) -> str:
    return f"{plan.table}:{plan.id}:{column}"


def _learn(db, theirs: Reader, plan: RowPlan, result: dict | None) -> None:
    """This copy now knows every version of the record the other copy knows; the losing values
    of a choice stay in ``row_history`` as the other copy's version. When the result is exactly
    the other copy's record, it takes the other copy's version too (so the two agree)."""
    for _, version, text in theirs.past(plan.table, plan.theirs_id):
        db.execute("INSERT OR IGNORE INTO row_history (tbl, id, version, row_json) VALUES (?, ?, ?, ?)",
                   [plan.table, plan.id, version, text])
    theirs_row = kept = plan.theirs_row
    if plan.theirs_id != plan.id:
        # A twin: the other copy's id is remembered as merged here, so it is not brought again;
        # its values at this version are kept too, the past the two records now share (the
        # base when either is changed later, on any laptop).
        db.execute("INSERT OR REPLACE INTO row_versions (tbl, id, version, deleted) VALUES (?, ?, ?, 1)",
                   [plan.table, plan.theirs_id, plan.theirs_version])
        theirs_row = None
    if result == theirs_row and (theirs_row is not None or plan.theirs_id == plan.id):
        db.execute("UPDATE row_versions SET version = ? WHERE tbl = ? AND id = ?",
                   [plan.theirs_version, plan.table, plan.id])
    else:
        db.execute("INSERT OR IGNORE INTO row_history (tbl, id, version, row_json) VALUES (?, ?, ?, ?)",
                   [plan.table, plan.id, plan.theirs_version,
                    None if kept is None else _json_text(theirs.columns(plan.table), kept)])


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()
