"""Tenders, their commitments, the answer being drafted and the answers as sent."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, fields, replace

from svdesk.domain.dates import format_date, utc_now_stamp
from svdesk.domain.errors import SvdeskError
from svdesk.domain.tenders import (
    AnswerState, AnswerVersion, Commitment, Submission, Tender, TenderStatus,
)
from svdesk.domain.words import count_words
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, streamed, update_changed

TENDER_COLUMNS = (
    "buyer", "title", "reference", "deadline", "deadline_time", "contract_value_pence", "contract_months",
    "contract_start", "sv_weighting", "word_limit", "question", "local_context", "status", "score", "feedback",
    "notes", "stories_chosen", "story_ids", "question_parts",
)
LISTED_CHARS = 200  # of a tender's long texts in the tenders page's list
_LONG_TEXTS = ("question", "local_context")
ANSWER_COLUMNS = ("answer_text", "answer_generated", "answer_notes", "answer_story_ids", "answer_generated_at",
                  "answer_updated_at")
COMMITMENT_COLUMNS = (
    "tender_id", "position", "promise", "for_whom", "unit", "per_year", "over_contract", "by_when", "indicator_id",
    "actions", "people", "milestones", "kpis", "frequency", "evidence", "accountable",
    "value_per_unit_pence", "value_basis", "additional",
)
# Added by a later step: a dump written before it has none of them.
_COMMITMENT_DEFAULTS = {"value_per_unit_pence": None, "value_basis": "", "additional": None}
# After an answer was sent, these may still change on its commitments: the link that tracks
# delivery, not the promise itself.
TRACKING_FIELDS = {"indicator_id"}
_DATES = {"deadline", "contract_start", "by_when"}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def tender_to_row(tender: Tender) -> dict:
    row = {key: getattr(tender, key) for key in TENDER_COLUMNS}
    row["deadline"] = _iso(tender.deadline)
    row["contract_start"] = _iso(tender.contract_start)
    row["status"] = tender.status.value
    row["story_ids"] = json.dumps(list(tender.story_ids))
    row["stories_chosen"] = int(tender.stories_chosen)
    return row


def tender_from_row(row: dict) -> Tender:
    return Tender(
        id=row["id"], buyer=row["buyer"], title=row["title"], reference=row["reference"],
        deadline=_date(row["deadline"]), deadline_time=row["deadline_time"],
        contract_value_pence=row["contract_value_pence"], contract_months=row["contract_months"],
        contract_start=_date(row["contract_start"]), sv_weighting=row["sv_weighting"], word_limit=row["word_limit"],
        question=row["question"], local_context=row["local_context"], status=TenderStatus(row["status"]),
        score=row["score"], feedback=row["feedback"], notes=row["notes"], stories_chosen=bool(row["stories_chosen"]),
        story_ids=tuple(json.loads(row["story_ids"])), question_parts=row.get("question_parts") or "",
        created_at=row["created_at"], updated_at=row["updated_at"], deleted_at=row["deleted_at"],
    )


def commitment_to_row(commitment: Commitment) -> dict:
    row = {key: getattr(commitment, key) for key in COMMITMENT_COLUMNS}
    row["by_when"] = _iso(commitment.by_when)
    row["additional"] = None if commitment.additional is None else int(commitment.additional)
    return row


def commitment_from_row(row: dict) -> Commitment:
    values = {key: row[key] if key in row else _COMMITMENT_DEFAULTS[key] for key in COMMITMENT_COLUMNS}
    values["by_when"] = _date(row["by_when"])
    values["additional"] = None if values["additional"] is None else bool(values["additional"])
    return Commitment(id=row["id"], created_at=row["created_at"], updated_at=row["updated_at"],
                      deleted_at=row["deleted_at"], **values)


def commitment_snapshot(commitment: Commitment) -> dict:
    """A commitment as plain JSON, kept inside a submission (what was promised, as sent)."""
    data = {key: value for key, value in asdict(commitment).items() if key not in ("deleted_at",)}
    data["by_when"] = _iso(commitment.by_when)
    return data


def commitment_from_snapshot(data: dict) -> Commitment:
    known = {f.name for f in fields(Commitment)}
    values = {key: value for key, value in data.items() if key in known}
    values["by_when"] = _date(values.get("by_when"))
    return Commitment(**values)


class TendersRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    # -- tenders ------------------------------------------------------------------------------------
    def all(self, include_deleted: bool = False) -> list[Tender]:
        where = "" if include_deleted else "WHERE deleted_at IS NULL"
        return [tender_from_row(row) for row in streamed(self._file, (
            f"SELECT {self._tender_columns()} FROM tenders {where} ORDER BY deadline IS NULL, deadline, created_at, id"))]

    def listing(self) -> list[Tender]:
        """As ``all()`` for the tenders page's list: the buyer's question and local context cut to
        their first ``LISTED_CHARS`` characters in SQL (the list shows neither; 2,500 whole questions
        held megabytes all the while the page is open). Never saved back: the page reads the tender
        it shows whole with ``get``."""
        columns = ", ".join(f"substr({name}, 1, {LISTED_CHARS}) AS {name}" if name in _LONG_TEXTS else name
                            for name in self._tender_columns().split(", "))
        return [tender_from_row(row) for row in streamed(self._file, (
            f"SELECT {columns} FROM tenders WHERE deleted_at IS NULL ORDER BY deadline IS NULL, deadline, created_at, id"))]

    def _tender_columns(self) -> str:
        """Every column of the tenders table but the answer's: a Tender does not hold its answer,
        and reading 2,500 answers and their drafts with every list took 60 MB (emoji in a text
        make Python keep 4 bytes a character). Asked of the file: one opened read-only before its
        upgrade lacks the newer columns."""
        names = [row[1] for row in self._file.conn.execute("PRAGMA table_info(tenders)")]
        return ", ".join(name for name in names if name not in ANSWER_COLUMNS)

    def at_a_glance(self, on: dt.date) -> tuple[int, dt.date | None, int]:
        """(tenders, the soonest deadline on or after ``on`` of one still being drafted, tenders
        won), counted in the file: the journey shows these after every change saved."""
        row = self._file.query_one(
            "SELECT count(*) AS n, "
            "min(CASE WHEN status = 'drafting' AND deadline >= ? THEN deadline END) AS soonest, "
            "coalesce(sum(status = 'won'), 0) AS won "
            "FROM tenders WHERE deleted_at IS NULL", [on.isoformat()])
        return row["n"], _date(row["soonest"]), row["won"]

    def deleted(self) -> list[Tender]:
        return [tender_from_row(row) for row in streamed(self._file, (
            f"SELECT {self._tender_columns()} FROM tenders WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC"))]

    def get(self, tender_id: str) -> Tender:
        row = self._file.query_one("SELECT * FROM tenders WHERE id = ?", [tender_id])
        if row is None:
            raise SvdeskError("That tender is no longer in this file.")
        return tender_from_row(row)

    def find(self, text: str) -> Tender:
        """By id, by an unambiguous start of the id, or by reference (for the command line)."""
        text = (text or "").strip()
        rows = self._file.query(
            "SELECT * FROM tenders WHERE deleted_at IS NULL AND (id = ? OR id LIKE ? OR lower(reference) = lower(?))",
            [text, text.replace("%", "").replace("_", "") + "%", text],
        ) if text else []
        exact = [row for row in rows if row["id"] == text]
        if exact:
            return tender_from_row(exact[0])
        if len(rows) == 1:
            return tender_from_row(rows[0])
        names = "; ".join(f"{t.id[:8]} {t.name}" for t in self.all())
        if not rows:
            raise SvdeskError(f"There is no tender '{text}'. Tenders: {names or 'none yet'}.")
        raise SvdeskError(f"'{text}' matches more than one tender; give more of the id. Tenders: {names}.")

    def create(self, **values) -> Tender:
        tender = Tender(**values).validated()
        row = stamped(tender_to_row(tender), new=True)
        with self._file.write("tender") as db:
            db["tenders"].insert(row)
        return self.get(row["id"])

    def save(self, tender: Tender) -> Tender:
        """Stores changed details. Status changes that send an answer go through ``submit``."""
        tender = tender.validated()
        current = self.get(tender.id)
        if tender.status.is_sent and not current.status.is_sent and not self.submissions(tender.id):
            raise SvdeskError("Mark the tender as submitted first, so the answer you sent is kept.")
        values = tender_to_row(tender)
        old = tender_to_row(current)
        if values == old:
            return current
        with self._file.write("tender") as db:
            update_changed(db, "tenders", tender.id, values)
        return self.get(tender.id)

    def update(self, tender_id: str, **changes) -> Tender:
        return self.save(replace(self.get(tender_id), **changes))

    def remove(self, tender_id: str) -> None:
        """Moves the tender to the deleted list; ``restore`` brings it back with everything."""
        now = utc_now_stamp()
        with self._file.write("tender deleted") as db:
            db.execute("UPDATE tenders SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, tender_id])

    def restore(self, tender_id: str) -> None:
        with self._file.write("tender restored") as db:
            db.execute("UPDATE tenders SET deleted_at = NULL, updated_at = ? WHERE id = ?", [utc_now_stamp(), tender_id])

    def buyers(self, except_id: str = "") -> list[str]:
        """The buyers of the other tenders (not deleted), each once."""
        rows = self._file.query("SELECT DISTINCT buyer FROM tenders WHERE deleted_at IS NULL AND id != ? "
                                "AND buyer != ''", [except_id])
        return [row["buyer"] for row in rows]

    # -- commitments ----------------------------------------------------------------------------------
    def commitments(self, tender_id: str, include_deleted: bool = False) -> list[Commitment]:
        where = "" if include_deleted else "AND deleted_at IS NULL"
        rows = self._file.query(
            f"SELECT * FROM commitments WHERE tender_id = ? {where} ORDER BY position, created_at, id", [tender_id]
        )
        return [commitment_from_row(row) for row in rows]

    def get_commitment(self, commitment_id: str) -> Commitment:
        row = self._file.query_one("SELECT * FROM commitments WHERE id = ?", [commitment_id])
        if row is None:
            raise SvdeskError("That commitment is no longer in this file.")
        return commitment_from_row(row)

    def _check_open(self, tender_id: str, what: str) -> None:
        tender = self.get(tender_id)
        if tender.status.is_sent:
            sent = self.latest_submission(tender_id)
            when = f" on {format_date(sent.submitted_on)}" if sent else ""
            raise SvdeskError(f"This tender's answer was sent{when}, so its commitments are on record and "
                              f"cannot {what}. Set the status back to drafting to prepare a new submission.")

    def add_commitment(self, tender_id: str, **values) -> Commitment:
        self._check_open(tender_id, "be added to")
        row = self._file.query_one("SELECT max(position) AS top FROM commitments WHERE tender_id = ?", [tender_id])
        position = (row["top"] if row and row["top"] is not None else -1) + 1
        commitment = Commitment(tender_id=tender_id, position=position, **values).validated()
        data = stamped(commitment_to_row(commitment), new=True)
        with self._file.write("commitment") as db:
            db["commitments"].insert(data)
        return self.get_commitment(data["id"])

    def save_commitment(self, commitment: Commitment) -> Commitment:
        commitment = commitment.validated()
        current = self.get_commitment(commitment.id)
        values, old = commitment_to_row(commitment), commitment_to_row(current)
        if values == old:
            return current
        changed = {key for key in values if values[key] != old[key]}
        if changed - TRACKING_FIELDS:
            self._check_open(current.tender_id, "be changed")
        with self._file.write("commitment") as db:
            update_changed(db, "commitments", commitment.id, values)
        return self.get_commitment(commitment.id)

    def remove_commitment(self, commitment_id: str) -> None:
        self._check_open(self.get_commitment(commitment_id).tender_id, "be removed")
        now = utc_now_stamp()
        with self._file.write("commitment deleted") as db:
            db.execute("UPDATE commitments SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, commitment_id])

    def restore_commitment(self, commitment_id: str) -> None:
        self._check_open(self.get_commitment(commitment_id).tender_id, "be added to")
        with self._file.write("commitment restored") as db:
            db.execute("UPDATE commitments SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), commitment_id])

    def move_commitment(self, commitment_id: str, step: int) -> None:
        """Moves a commitment up (-1) or down (+1) in the answer's order."""
        current = self.get_commitment(commitment_id)
        self._check_open(current.tender_id, "be reordered")
        items = self.commitments(current.tender_id)
        index = next(i for i, item in enumerate(items) if item.id == commitment_id)
        other = index + step
        if not 0 <= other < len(items):
            return
        items[index], items[other] = items[other], items[index]
        now = utc_now_stamp()
        with self._file.write("commitments reordered") as db:
            for position, item in enumerate(items):
                if item.position != position:
                    db.execute("UPDATE commitments SET position = ?, updated_at = ? WHERE id = ?",
                               [position, now, item.id])

    def commitments_for_indicator(self, indicator_id: str) -> list[tuple[Tender, Commitment]]:
        rows = self._file.query(
            "SELECT c.id FROM commitments c JOIN tenders t ON t.id = c.tender_id "
            "WHERE c.indicator_id = ? AND c.deleted_at IS NULL AND t.deleted_at IS NULL "
            "ORDER BY t.deadline, c.position", [indicator_id])
        found = [self.get_commitment(row["id"]) for row in rows]
        return [(self.get(c.tender_id), c) for c in found]

    def won(self) -> list[Tender]:
        return [tender for tender in self.all() if tender.status is TenderStatus.WON]

    def promised(self, tender_id: str) -> list[Commitment]:
        """What was promised: the commitments as sent (from the latest submission), or the current
        ones when nothing has been sent."""
        sent = self.latest_submission(tender_id)
        if sent and sent.commitments:
            return [commitment_from_snapshot(item) for item in sent.commitments]
        return self.commitments(tender_id)

    # -- the answer being drafted ------------------------------------------------------------------------
    def answer(self, tender_id: str) -> AnswerState:
        row = self._file.query_one(f"SELECT id, {', '.join(ANSWER_COLUMNS)} FROM tenders WHERE id = ?", [tender_id])
        if row is None:
            raise SvdeskError("That tender is no longer in this file.")
        return AnswerState(
            tender_id=tender_id, text=row["answer_text"], generated_text=row["answer_generated"],
            notes=tuple(json.loads(row["answer_notes"])), story_ids=tuple(json.loads(row["answer_story_ids"])),
            generated_at=row["answer_generated_at"], updated_at=row["answer_updated_at"],
        )

    def save_answer_text(self, tender_id: str, text: str) -> AnswerState:
        """Keeps the user's own text of the answer (called as they type and when they leave the box)."""
        state = self.answer(tender_id)
        if state.text == text:
            return state
        now = utc_now_stamp()
        with self._file.write("answer") as db:
            db.execute("UPDATE tenders SET answer_text = ?, answer_updated_at = ?, updated_at = ? WHERE id = ?",
                       [text, now, now, tender_id])
        return self.answer(tender_id)

    def set_generated(self, tender_id: str, text: str, notes: list[str], story_ids: list[str]) -> AnswerState:
        """Puts a new draft in the editor. What it replaces is kept as an earlier version, so
        regenerating never throws away the user's edits."""
        state = self.answer(tender_id)
        now = utc_now_stamp()
        with self._file.write("answer drafted") as db:
            if state.text.strip() and state.text != text:
                self._keep_version(db, tender_id, state.text, "edited" if state.edited else "generated", now)
            db.execute(
                "UPDATE tenders SET answer_text = ?, answer_generated = ?, answer_notes = ?, answer_story_ids = ?, "
                "answer_generated_at = ?, answer_updated_at = ?, updated_at = ? WHERE id = ?",
                [text, text, json.dumps(list(notes), ensure_ascii=False), json.dumps(list(story_ids)), now, now, now,
                 tender_id],
            )
        return self.answer(tender_id)

    @staticmethod
    def _keep_version(db, tender_id: str, text: str, kind: str, now: str) -> None:
        db["tender_answer_versions"].insert(stamped(
            {"tender_id": tender_id, "text": text, "kind": kind, "words": count_words(text)}, new=True))

    def versions(self, tender_id: str) -> list[AnswerVersion]:
        rows = self._file.query(
            "SELECT * FROM tender_answer_versions WHERE tender_id = ? ORDER BY created_at DESC, id", [tender_id])
        return [AnswerVersion(id=row["id"], tender_id=row["tender_id"], text=row["text"], kind=row["kind"],
                              words=row["words"], created_at=row["created_at"]) for row in rows]

    def restore_version(self, version_id: str) -> AnswerState:
        """Brings an earlier text back into the editor; the text it replaces becomes a version too."""
        row = self._file.query_one("SELECT * FROM tender_answer_versions WHERE id = ?", [version_id])
        if row is None:
            raise SvdeskError("That earlier version is no longer in this file.")
        tender_id = row["tender_id"]
        state = self.answer(tender_id)
        if state.text == row["text"]:
            return state
        now = utc_now_stamp()
        with self._file.write("answer restored") as db:
            if state.text.strip():
                self._keep_version(db, tender_id, state.text, "edited" if state.edited else "generated", now)
            db.execute("UPDATE tenders SET answer_text = ?, answer_updated_at = ?, updated_at = ? WHERE id = ?",
                       [row["text"], now, now, tender_id])
        return self.answer(tender_id)

    # -- what was sent -----------------------------------------------------------------------------------
    def submit(self, tender_id: str, text: str, submitted_on: dt.date,
               status: TenderStatus = TenderStatus.SUBMITTED, story_ids: list[str] | None = None) -> Submission:
        """Keeps the exact text sent, with the commitments as they stood, for good; sets the status."""
        if not status.is_sent:
            raise SvdeskError("Choose submitted, won or lost when the answer is sent.")
        if not text.strip():
            raise SvdeskError("The answer is empty: draft or write it before marking the tender submitted.")
        tender = self.get(tender_id)
        snapshot = [commitment_snapshot(c) for c in self.commitments(tender_id)]
        state = self.answer(tender_id)
        used = list(story_ids if story_ids is not None else state.story_ids)
        row = stamped({
            "tender_id": tender_id, "text": text, "words": count_words(text), "word_limit": tender.word_limit,
            "submitted_on": submitted_on.isoformat(), "commitments": json.dumps(snapshot, ensure_ascii=False),
            "story_ids": json.dumps(used),
        }, new=True)
        with self._file.write("tender submitted") as db:
            db["tender_submissions"].insert(row)
            db.execute("UPDATE tenders SET status = ?, updated_at = ? WHERE id = ?",
                       [status.value, row["created_at"], tender_id])
        return self._submission(row["id"])

    def _submission(self, submission_id: str) -> Submission:
        row = self._file.query_one("SELECT * FROM tender_submissions WHERE id = ?", [submission_id])
        return _submission_from_row(row)

    def submissions(self, tender_id: str) -> list[Submission]:
        rows = self._file.query(
            "SELECT * FROM tender_submissions WHERE tender_id = ? ORDER BY created_at, id", [tender_id])
        return [_submission_from_row(row) for row in rows]

    def latest_submission(self, tender_id: str) -> Submission | None:
        found = self.submissions(tender_id)
        return found[-1] if found else None

    def set_status(self, tender_id: str, status: TenderStatus) -> Tender:
        """For changes that do not send anything (won/lost after submitting, withdrawn, back to
        drafting for a new submission)."""
        tender = self.get(tender_id)
        if status.is_sent and not self.submissions(tender_id):
            raise SvdeskError("Mark the tender as submitted first, so the answer you sent is kept.")
        if tender.status is status:
            return tender
        with self._file.write("tender status") as db:
            db.execute("UPDATE tenders SET status = ?, updated_at = ? WHERE id = ?",
                       [status.value, utc_now_stamp(), tender_id])
        return self.get(tender_id)


def _submission_from_row(row: dict) -> Submission:
    return Submission(
        id=row["id"], tender_id=row["tender_id"], text=row["text"], words=row["words"], word_limit=row["word_limit"],
        submitted_on=dt.date.fromisoformat(row["submitted_on"]), commitments=tuple(json.loads(row["commitments"])),
        story_ids=tuple(json.loads(row["story_ids"])), created_at=row["created_at"],
    )
