"""Bringing in another copy's changes: two laptops, one organisation (issue 18).

``preview_merge`` says what would change and which fields were changed on both laptops;
``apply_merge`` makes a backup copy of this file, then brings the other copy's changes in, in
one transaction (never half-merged). Neither ever writes to the other copy.

How records are matched and what "changed since they last met" means is in
``svdesk.store.merge_engine`` (per-row versions kept by triggers, no wall clocks); the rules
that always win are in ``svdesk.domain.merge_rules``.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from svdesk.domain import merge_rules
from svdesk.domain.merge_rules import MergeRefused

__all__ = ["Conflict", "MergePlan", "MergeRefused", "MergeResult", "apply_merge", "merge_into", "preview_into",
           "preview_merge"]


@dataclass(frozen=True)
class Conflict:
    """One field of one record changed differently on both laptops since they last met."""

    key: str  # stable within a plan: "table:id:field"; the key of ``choices``
    kind: str  # the kind of record: "story", "reading", "tender" …
    label: str  # which record, in words: the story's title, the reading's month …
    field: str  # the column
    field_label: str  # the field, in words
    mine: str  # this copy's value, for display
    theirs: str  # the other copy's value, for display


@dataclass
class MergePlan:
    mine_name: str  # this copy's laptop name
    theirs_name: str  # the other copy's laptop name
    # kind (plural, e.g. "readings") -> {"new": n, "changed": n, "conflicts": n, "removed": n}
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # What the plan was worked out from, so ``merge_into`` can use it again when neither file
    # has changed since (the preview, then the choices, then the merge: one reading, not two).
    _found: object = field(default=None, repr=False, compare=False)
    _made_from: tuple = field(default=(), repr=False, compare=False)

    @property
    def nothing_to_do(self) -> bool:
        return not any(sum(kinds.values()) for kinds in self.counts.values()) and not self.conflicts

    def summary(self) -> str:
        from svdesk.domain.merge_rules import summary_sentence

        return summary_sentence(self.counts, len(self.conflicts))


@dataclass
class MergeResult:
    plan: MergePlan
    backup: Path | None  # the copy of this file made just before
    changed_rows: int = 0

    def summary(self) -> str:
        return self.plan.summary()


def preview_merge(mine: Path, other: Path) -> MergePlan:
    """What bringing ``other`` into ``mine`` would do; reads both files, changes neither."""
    mine, other = Path(mine), Path(other)
    _refuse_same(mine, other)
    import tempfile

    with _other_copy(other) as theirs, tempfile.TemporaryDirectory(prefix="svdesk-merge-") as folder:
        if mine.is_file() and not os.access(mine.parent, os.W_OK):
            try:  # this copy on read-only media: looked at through a copy of its bytes
                mine = _bytes_copied(mine, Path(folder))
            except OSError as problem:
                raise MergeRefused(f"{mine.name} could not be read ({problem.strerror or 'the disk refused'}); "
                                   "nothing was brought in.") from None
        mine_file = _open(mine, read_only=True)
        try:
            return _plan(mine_file, theirs)[0]
        finally:
            mine_file.close()


def preview_into(mine_file, other: Path) -> MergePlan:
    """``preview_merge`` for a file already open here (the window's own file)."""
    if mine_file.path is not None:
        _refuse_same(mine_file.path, Path(other))
    with _other_copy(Path(other)) as theirs:
        plan, found, _, _ = _plan(mine_file, theirs)
        plan._found, plan._made_from = found, _made_from(mine_file, Path(other))
        return plan


def apply_merge(mine: Path, other: Path, choices: dict[str, str] | None = None,
                prefer: str | None = None) -> MergeResult:
    """Brings ``other`` into ``mine``. ``choices``: conflict key -> "mine" | "theirs"; ``prefer``
    decides every conflict without a choice. Refuses (MergeRefused, nothing changed) when a
    conflict is left undecided, or when ``mine`` is open in another svdesk."""
    mine, other = Path(mine), Path(other)
    _refuse_same(mine, other)
    _check_choices(choices, prefer)
    mine_file = _open(mine, read_only=False)
    try:
        return merge_into(mine_file, other, choices, prefer)
    finally:
        mine_file.close()


def merge_into(mine_file, other: Path, choices: dict[str, str] | None = None,
               prefer: str | None = None, plan: MergePlan | None = None) -> MergeResult:
    """``apply_merge`` into a file already open for writing here (the window's own file).
    ``plan``: the one ``preview_into`` gave, used again when neither file changed since."""
    from svdesk.store import backups, merge_engine

    _check_choices(choices, prefer)
    if mine_file.path is not None:
        _refuse_same(mine_file.path, Path(other))
    with _other_copy(Path(other)) as theirs:
        if plan is not None and plan._found is not None and plan._made_from == _made_from(mine_file, Path(other)):
            found = plan._found
            mine_reader, theirs_reader = merge_engine.Reader(mine_file.conn), merge_engine.Reader(theirs.conn)
        else:
            seen = plan
            plan, found, mine_reader, theirs_reader = _plan(mine_file, theirs)
            if seen is not None and choices and _choice_values(seen) != _choice_values(plan):
                # A copy changed between the preview and now (a sync folder, the other laptop):
                # a choice is only ever applied to the two values the person saw.
                raise MergeRefused("The other copy (or this one) changed since the choices were made, so they "
                                   "might not fit; bring the changes in again to see them. Nothing was changed.")
        undecided = [c for c in plan.conflicts if c.key not in (choices or {}) and prefer is None]
        if undecided:
            fields = "1 field was" if len(undecided) == 1 else f"{len(undecided)} fields were"
            raise MergeRefused(f"{fields} changed on both laptops; choose which to keep for each, then bring "
                               "the changes in again. Nothing was changed.")
        if plan.nothing_to_do and not found.rows:
            return MergeResult(plan, None, 0)
        backup = None
        if mine_file.path is not None:
            backup = backups.copy_before_change(mine_file.conn, mine_file.path, reason="before-merge")
        try:
            with mine_file.write("merge") as db:
                changed = merge_engine.write(db, mine_reader, theirs_reader, found, dict(choices or {}), prefer)
                _refuse_double_counting(mine_file, found)
        except sqlite3.IntegrityError as problem:
            if "UNIQUE" not in str(problem):
                # A value this file's rules refuse (a consent "method" svdesk never offers, a
                # missing required field): made by another program, or damaged. Rolled back whole.
                raise MergeRefused(f"{Path(other).name} holds records that break svdesk's rules (it may be "
                                   "damaged, or made by another program), so nothing was brought in.") from None
            # Two live records for one thing (say two readings for one month, one of them brought
            # back from the bin): the transaction was rolled back whole.
            raise MergeRefused("The two copies each hold a different record for the same thing (for example "
                               "two readings for one month), so they cannot be combined automatically. "
                               "Remove one of them, then bring the changes in again; nothing was changed.") from None
        except sqlite3.DatabaseError as problem:
            if "locked" in str(problem) or "busy" in str(problem):
                raise
            raise MergeRefused(f"{Path(other).name} holds records svdesk cannot read; it may be damaged. "
                               "Nothing was changed.") from None
        return MergeResult(plan, backup, changed)


def _refuse_double_counting(mine_file, found) -> None:
    """Each laptop refused overlapping readings, but March on one and the whole year on the
    other would both come in and a day be counted twice: refused, the merge rolled back."""
    from svdesk.store.merge_checks import overlapping_readings

    touched = [(row.decision.result or row.theirs_row or {}).get("indicator_id") for row in found.rows
               if row.table == "readings"]
    clashes = overlapping_readings(mine_file, touched) if touched else []
    if clashes:
        listed = "; ".join(merge_rules.printable(clash) for clash in clashes[:3])
        raise MergeRefused(f"Together the two copies would hold readings whose periods overlap ({listed}), so a day "
                           "would be counted twice. Delete or change one of each on either laptop, then bring the "
                           "changes in again; nothing was changed.")


def _choice_values(plan: MergePlan) -> set[tuple[str, str, str]]:
    return {(c.key, c.mine, c.theirs) for c in plan.conflicts}


def _made_from(mine_file, other: Path) -> tuple:
    from svdesk.store.fileformat import signature

    return id(mine_file), mine_file.change_mark(), str(other.resolve()), signature(other)


def open_for_merge(mine: Path):
    """``mine`` open for writing (upgraded if it was saved by an older svdesk), for
    ``preview_into`` then ``merge_into``; MergeRefused when it is open in another svdesk."""
    return _open(Path(mine), read_only=False)


def _check_choices(choices, prefer) -> None:
    if prefer not in (None, "mine", "theirs"):
        raise MergeRefused('"prefer" must be "mine" or "theirs".')
    for key, choice in (choices or {}).items():
        if choice not in ("mine", "theirs"):
            raise MergeRefused(f'The choice for {key} must be "mine" or "theirs".')


def _refuse_same(mine: Path, other: Path) -> None:
    from svdesk.store.merge_engine import same_file

    if same_file(mine, other):
        raise MergeRefused(f"{other.name} is this file itself; choose the other laptop's copy.")


def _open(path: Path, read_only: bool):
    from svdesk.store.fileformat import FileRefused
    from svdesk.store.orgfile import open_file

    try:
        return open_file(path, read_only=read_only, backup=False)
    except FileRefused as refused:
        if refused.kind == "in-use":
            raise MergeRefused(f"{path.name} is open in another svdesk window. Close it there, then bring "
                               "the changes in; nothing was changed.") from None
        raise MergeRefused(str(refused)) from None


class _other_copy:
    """The other copy, open read-only for the merge, with its single-writer lock held so that
    nobody changes it meanwhile; a copy open in another svdesk is refused until it is closed."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = None
        self.file = None
        self.temp = None

    def __enter__(self):
        from svdesk.store.lock import AlreadyOpen, WriterLock

        if not self.path.exists():
            raise MergeRefused(f"{self.path.name}: there is no such file.")
        lock = WriterLock(self.path)
        try:
            lock.acquire()
            self.lock = lock
        except AlreadyOpen as holder:
            raise MergeRefused(f"{self.path.name} is open in {holder.holder}. Close it there first, then bring "
                               "its changes in; nothing was changed.") from None
        except OSError:
            pass  # a copy on a read-only stick or share: nobody can be writing it through svdesk here
        try:
            self.file = self._open_current()
        except BaseException:
            self._release()
            raise
        return self.file

    def _open_current(self):
        """A copy saved by an older svdesk is read through an upgraded temporary copy of it
        (the other copy itself is never written)."""
        import tempfile

        from svdesk.store.fileformat import FileRefused, read_header
        from svdesk.store.migrations import SCHEMA_VERSION
        from svdesk.store.orgfile import copy_file, open_file

        source = self.path
        try:
            older = read_header(source).user_version < SCHEMA_VERSION
            if not os.access(source.parent, os.W_OK):
                source = self._copied_off_read_only_media()
        except FileRefused as refused:
            raise MergeRefused(str(refused)) from None
        except OSError as problem:
            raise MergeRefused(f"{self.path.name} could not be read ({problem.strerror or 'the disk refused'}); "
                               "nothing was brought in.") from None
        if not older:
            return _open(source, read_only=True)
        if self.temp is None:
            self.temp = tempfile.TemporaryDirectory(prefix="svdesk-merge-")
        upgraded = Path(self.temp.name) / "upgraded" / self.path.name
        upgraded.parent.mkdir()
        try:
            copy_file(source, upgraded)
            return open_file(upgraded, backup=False)
        except FileRefused as refused:
            raise MergeRefused(str(refused)) from None

    def _copied_off_read_only_media(self) -> Path:
        import tempfile

        self.temp = tempfile.TemporaryDirectory(prefix="svdesk-merge-")
        return _bytes_copied(self.path, Path(self.temp.name))

    def __exit__(self, *exc):
        if self.file is not None:
            self.file.close()
        self._release()
        if self.temp is not None:
            self.temp.cleanup()

    def _release(self):
        if self.lock is not None:
            self.lock.release()


def _bytes_copied(path: Path, folder: Path) -> Path:
    """A copy on a read-only stick, card or share: SQLite cannot read a file kept the way
    svdesk keeps it (with a journal) where it may not add its shared-memory companion, and
    would call it damaged. Its bytes, and its journal's (changes not yet folded in), are copied
    into ``folder`` and read there instead; the file on the media is only read."""
    import shutil

    copied = folder / path.name
    shutil.copyfile(path, copied)
    journal = Path(f"{path}-wal")
    if journal.exists():
        shutil.copyfile(journal, f"{copied}-wal")
    return copied


def _plan(mine_file, theirs_file):
    try:
        return _plan_read(mine_file, theirs_file)
    except sqlite3.DatabaseError as problem:
        if isinstance(problem, sqlite3.IntegrityError) or "locked" in str(problem) or "busy" in str(problem):
            raise
        # A copy with text that is not text, or a table not as svdesk makes it (a damaged or
        # hand-made file): said plainly, nothing changed, never "something unexpected".
        raise MergeRefused(f"{theirs_file.name} (or this file) holds records svdesk cannot read; it may be "
                           "damaged. Nothing was brought in.") from None


def _plan_read(mine_file, theirs_file):
    from svdesk.store import merge_engine
    from svdesk.store.copy_identity import copy_name_or_default, stored_copy_name

    mine_reader = merge_engine.Reader(mine_file.conn)
    theirs_reader = merge_engine.Reader(theirs_file.conn)
    theirs_name = merge_rules.printable(stored_copy_name(theirs_file) or theirs_file.name)[:80]
    found = merge_engine.diff(mine_reader, theirs_reader, theirs_name)
    plan = MergePlan(copy_name_or_default(mine_file), theirs_name)
    for row in found.rows:
        if row.action == "learn":
            continue
        counts = plan.counts.setdefault(row.table, {"new": 0, "changed": 0, "removed": 0, "conflicts": 0})
        counts["conflicts" if row.action == "conflict" else row.action] += 1
        for column, (mine_value, theirs_value) in sorted(row.decision.conflicts.items()):
            plan.conflicts.append(Conflict(
                key=merge_engine.conflict_key(row, column), kind=row.kind, label=row.label, field=column,
                field_label=merge_rules.field_label(column), mine=merge_rules.shown(mine_value),
                theirs=merge_rules.shown(theirs_value)))
        for note in row.decision.notes:
            if note not in plan.notes:
                plan.notes.append(note)
    if found.blobs:
        plan.counts["blobs"] = {"new": len(found.blobs), "changed": 0, "removed": 0, "conflicts": 0}
    return plan, found, mine_reader, theirs_reader
