"""The statement: its working copy (answers and draft text), its agreed versions and its tags.

Other capabilities call ``current_agreed()`` and nothing else: it returns the latest agreed
version (or, for a report about a past year, the version in force then), never the draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from svdesk.domain.dates import parse_iso_date, utc_now_stamp
from svdesk.domain import dates
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.organisation import LegalForm
from svdesk.domain.statement import (
    ANSWER_KEYS, AgreedStatement, Agreement, Answers, Statement, StatementVersion, answers_from_dict,
    check_agreement, status_text,
)
from svdesk.store.frameworks_repo import TagRepo
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, update_changed

OWNER_TABLE = "statements"
TEXT_COLUMNS = ("full_text", "short_text", "full_drafted", "short_drafted")
NULLABLE_COLUMNS = ("full_before_redraft", "short_before_redraft")
STATEMENT_COLUMNS = ("kind", *ANSWER_KEYS, *TEXT_COLUMNS, *NULLABLE_COLUMNS)
VERSION_COLUMNS = ("statement_id", "number", "full_text", "short_text", "agreed_on", "agreed_by", "note")


def _statement_from_row(row: dict) -> Statement:
    return Statement(
        id=row["id"], kind=row["kind"], answers=answers_from_dict(row),
        full_text=row["full_text"], short_text=row["short_text"],
        full_drafted=row["full_drafted"], short_drafted=row["short_drafted"],
        full_before_redraft=row["full_before_redraft"], short_before_redraft=row["short_before_redraft"],
        updated_at=row["updated_at"],
    )


def _version_from_row(row: dict) -> StatementVersion:
    return StatementVersion(
        id=row["id"], statement_id=row["statement_id"], number=row["number"], full_text=row["full_text"],
        short_text=row["short_text"], agreed_on=parse_iso_date(row["agreed_on"]), agreed_by=row["agreed_by"],
        note=row["note"], created_at=row["created_at"],
    )


class StatementRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile
        # Tests fix "today" to check date rules; the app uses the real date.
        self.today = lambda: dates.today()

    # -- reading ----------------------------------------------------------------------------------
    def _row(self) -> dict | None:
        return self._file.query_one("SELECT * FROM statements ORDER BY created_at, id LIMIT 1")

    def get(self) -> Statement:
        """The working copy (an empty one, with no id, before anything has been written)."""
        row = self._row()
        return _statement_from_row(row) if row else Statement()

    def statement_id(self) -> str | None:
        row = self._file.query_one("SELECT id FROM statements ORDER BY created_at, id LIMIT 1")
        return row["id"] if row else None

    def versions(self) -> list[StatementVersion]:
        """Agreed versions, newest first."""
        rows = self._file.query(
            "SELECT * FROM statement_versions WHERE deleted_at IS NULL ORDER BY number DESC, created_at DESC"
        )
        return [_version_from_row(row) for row in rows]

    def version(self, version_id: str) -> StatementVersion:
        row = self._file.query_one("SELECT * FROM statement_versions WHERE id = ?", [version_id])
        if row is None:
            raise SvdeskError("That version of the statement is no longer there.")
        return _version_from_row(row)

    def latest(self) -> StatementVersion | None:
        row = self._file.query_one(
            "SELECT * FROM statement_versions WHERE deleted_at IS NULL ORDER BY number DESC, created_at DESC LIMIT 1"
        )
        return _version_from_row(row) if row else None

    def _in_force(self, day: dt.date) -> StatementVersion | None:
        versions = self.versions()  # newest first
        agreed_by_then = [version for version in versions if version.agreed_on <= day]
        if agreed_by_then:
            return agreed_by_then[0]
        return versions[-1] if versions else None

    def tags(self) -> list[str]:
        statement_id = self.statement_id()
        return TagRepo(self._file).tags_for(OWNER_TABLE, statement_id) if statement_id else []

    def current_agreed(self, as_of: dt.date | None = None) -> AgreedStatement | None:
        """The statement every export uses: the latest agreed version, never the draft.

        With ``as_of`` (a report about a past year passes the year's last day), the version in
        force that day: a later rewording is not presented as what the organisation said then.
        When none had been agreed by then, the first version agreed after it (a report written
        in the organisation's first year with svdesk still has a statement to quote)."""
        latest = self.latest() if as_of is None else self._in_force(as_of)
        if latest is None:
            return None
        return AgreedStatement(
            full_text=latest.full_text, short_text=latest.short_text, agreed_on=latest.agreed_on,
            agreed_by=latest.agreed_by, version=latest.number,
            tags=tuple(TagRepo(self._file).tags_for(OWNER_TABLE, latest.statement_id)),
            statement_id=latest.statement_id, version_id=latest.id, note=latest.note,
        )

    def status(self) -> str:
        row = self._row()
        return status_text(_statement_from_row(row) if row else None, self.latest())

    def draft_from(self, answers: Answers):
        """What the templates make of these answers (a ``statement_draft.Draft``), in the
        organisation's voice."""
        from svdesk.domain.statement_draft import compose  # only when drafting: keeps opening fast

        org = self._file.query_one("SELECT name, legal_form FROM organisation ORDER BY created_at LIMIT 1")
        name = org["name"] if org else ""
        voice = "i" if org and org["legal_form"] == LegalForm.SOLE_TRADER.value else "we"
        return compose(answers, name, voice)

    # -- writing ----------------------------------------------------------------------------------
    def _ensure(self, db) -> dict:
        row = self._row()
        if row is None:
            row = stamped({column: "" for column in STATEMENT_COLUMNS if column not in NULLABLE_COLUMNS}, new=True)
            db["statements"].insert(row)
            row = self._row()
        return row

    def _update(self, what: str, changes_for) -> Statement:
        """Applies ``changes_for(current statement) -> dict of columns`` in one transaction."""
        with self._file.write(what) as db:
            row = self._ensure(db)
            changes = changes_for(_statement_from_row(row))
            if changes:
                candidate = _statement_from_row({**row, **changes})
                problems = candidate.problems()
                if problems:
                    raise ValidationError(problems)
                update_changed(db, "statements", row["id"], changes)
        return self.get()

    def save_answers(self, answers: Answers) -> Statement:
        """Stores the answers. Text the person has not edited follows the answers; edited text
        is never touched (use ``redraft`` for that)."""
        problems = answers.problems()
        if problems:
            raise ValidationError(problems)
        draft = self.draft_from(answers)

        def changes(current: Statement) -> dict:
            result = {key: value for key, value in answers.as_dict().items() if current.answers.get(key) != value}
            if not result:
                return {}
            if not current.full_edited:
                result.update(full_text=draft.full_text, full_drafted=draft.full_text)
            if not current.short_edited:
                result.update(short_text=draft.short_text, short_drafted=draft.short_text)
            return result

        return self._update("statement", changes)

    def save_answer(self, key: str, value: str) -> Statement:
        if key not in ANSWER_KEYS:
            raise SvdeskError(f"There is no question '{key}'.")
        return self.save_answers(replace(self.get().answers, **{key: value}))

    def set_kind(self, kind: str) -> Statement:
        return self._update("statement", lambda current: {} if current.kind == kind else {"kind": kind})

    def save_text(self, full_text: str | None = None, short_text: str | None = None) -> Statement:
        """The person's own edits of the statement and/or its one-sentence version."""
        def changes(current: Statement) -> dict:
            result = {}
            if full_text is not None and full_text != current.full_text:
                result["full_text"] = full_text
            if short_text is not None and short_text != current.short_text:
                result["short_text"] = short_text
            return result

        return self._update("statement", changes)

    def redraft(self) -> Statement:
        """Replaces both texts with a fresh draft from the answers. Edited text is kept aside, so
        ``swap_previous`` brings it back: nothing the person wrote is lost."""
        current = self.get()
        draft = self.draft_from(current.answers)

        def changes(current: Statement) -> dict:
            result = {"full_text": draft.full_text, "full_drafted": draft.full_text,
                      "short_text": draft.short_text, "short_drafted": draft.short_text}
            if current.full_text != draft.full_text and current.full_text.strip():
                result["full_before_redraft"] = current.full_text
            if current.short_text != draft.short_text and current.short_text.strip():
                result["short_before_redraft"] = current.short_text
            return result

        return self._update("statement", changes)

    def swap_previous(self) -> Statement:
        """Brings back the text from before the last redraft (or version copy); the text it
        replaces is kept in its place, so pressing again swaps back."""
        def changes(current: Statement) -> dict:
            if not current.can_undo_redraft:
                return {}
            result = {}
            if current.full_before_redraft is not None:
                result.update(full_text=current.full_before_redraft, full_before_redraft=current.full_text)
            if current.short_before_redraft is not None:
                result.update(short_text=current.short_before_redraft, short_before_redraft=current.short_text)
            return result

        return self._update("statement", changes)

    def copy_version_to_draft(self, version_id: str) -> Statement:
        """Starts the draft again from an agreed version; the current draft can be brought back."""
        version = self.version(version_id)

        def changes(current: Statement) -> dict:
            result = {"full_text": version.full_text, "short_text": version.short_text}
            if current.full_text.strip() and current.full_text != version.full_text:
                result["full_before_redraft"] = current.full_text
            if current.short_text.strip() and current.short_text != version.short_text:
                result["short_before_redraft"] = current.short_text
            return result

        return self._update("statement", changes)

    def set_tags(self, tags: list[str]) -> list[str]:
        wanted = sorted(set(tags))
        if any(not isinstance(tag, str) or "/" not in tag for tag in wanted):
            raise SvdeskError("A tag must name a framework and an outcome.")
        if wanted == self.tags():
            return wanted
        with self._file.write("tags") as db:
            row = self._ensure(db)
            TagRepo.replace_in(db, OWNER_TABLE, row["id"], wanted)
        return self.tags()

    def agree(self, agreement: Agreement, today: dt.date | None = None) -> StatementVersion:
        """Freezes the current draft as the next agreed version."""
        current = self.get()
        latest = self.latest()
        agreement = check_agreement(current, agreement, latest, today or self.today())
        number = (latest.number if latest else 0) + 1
        with self._file.write("statement") as db:
            row = self._ensure(db)
            version = stamped({
                "statement_id": row["id"], "number": number, "full_text": current.full_text.strip(),
                "short_text": " ".join(current.short_text.split()), "agreed_on": agreement.agreed_on.isoformat(),
                "agreed_by": agreement.agreed_by, "note": agreement.note,
            }, new=True)
            db["statement_versions"].insert(version)
        return self.version(version["id"])

    def withdraw(self, version_id: str) -> StatementVersion:
        """Takes back the latest agreement (marked by mistake); ``restore_version`` undoes this."""
        version = self.version(version_id)
        latest = self.latest()
        if latest is None or latest.id != version.id:
            raise SvdeskError("Only the latest agreed version can be withdrawn; earlier ones are history.")
        now = utc_now_stamp()
        with self._file.write("statement") as db:
            db.execute("UPDATE statement_versions SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [now, now, version_id])
        return version

    def restore_version(self, version_id: str) -> StatementVersion:
        version = self.version(version_id)
        latest = self.latest()
        if latest is not None and latest.id != version.id and latest.number >= version.number:
            raise SvdeskError(f"Version {version.number} cannot come back: version {latest.number} has been "
                              "agreed since.")
        with self._file.write("statement") as db:
            db.execute("UPDATE statement_versions SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), version_id])
        return self.version(version_id)
