"""Attachments: files stored inside the organisation file, once per distinct content."""

from __future__ import annotations

import base64
import binascii
import json
import re

from svdesk.domain.attachments import (
    MAX_ATTACHMENT_BYTES, Attachment, check_attachment, filename_problem, human_size, media_type_for, sha256_of,
)
from svdesk.domain.dates import utc_now_stamp
from svdesk.domain.errors import SvdeskError
from svdesk.store.orgfile import OrgFile
from svdesk.store.rawjson import RawJson
from svdesk.store.rows import stamped

_SELECT = """
    SELECT a.*, b.size AS size FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
"""


def _to_attachment(row: dict) -> Attachment:
    return Attachment(
        id=row["id"], owner_table=row["owner_table"], owner_id=row["owner_id"], role=row["role"],
        sha256=row["sha256"], filename=row["filename"], media_type=row["media_type"],
        size=row["size"], note=row["note"], created_at=row["created_at"],
    )


class AttachmentRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    def add(self, owner_table: str, owner_id: str, filename: str, data: bytes,
            role: str = "evidence", note: str = "") -> Attachment:
        check_attachment(filename, data)
        digest = sha256_of(data)
        row = stamped({
            "owner_table": owner_table, "owner_id": owner_id, "role": role, "sha256": digest,
            "filename": filename, "media_type": media_type_for(filename), "note": note,
        }, new=True)
        with self._file.write("attachments") as db:
            db.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, data, created_at) VALUES (?, ?, ?, ?)",
                [digest, len(data), data, utc_now_stamp()],
            )
            db["attachments"].insert(row)
        return self.get(row["id"])

    def get(self, attachment_id: str) -> Attachment:
        row = self._file.query_one(_SELECT + " WHERE a.id = ?", [attachment_id])
        if row is None:
            raise SvdeskError("That file is no longer attached.")
        return _to_attachment(row)

    def list_for(self, owner_table: str, owner_id: str, role: str | None = None) -> list[Attachment]:
        sql = _SELECT + " WHERE a.owner_table = ? AND a.owner_id = ? AND a.deleted_at IS NULL"
        params = [owner_table, owner_id]
        if role:
            sql += " AND a.role = ?"
            params.append(role)
        return [_to_attachment(row) for row in self._file.query(sql + " ORDER BY a.created_at", params)]

    def count_for(self, owner_table: str, owner_ids: list[str]) -> dict[str, int]:
        if not owner_ids:
            return {}
        marks = ",".join("?" * len(owner_ids))
        rows = self._file.query(
            f"SELECT owner_id, count(*) AS n FROM attachments WHERE owner_table = ? AND owner_id IN ({marks})"
            " AND deleted_at IS NULL GROUP BY owner_id",
            [owner_table, *owner_ids],
        )
        return {row["owner_id"]: row["n"] for row in rows}

    def read(self, attachment: Attachment) -> bytes:
        row = self._file.query_one("SELECT data FROM blobs WHERE sha256 = ?", [attachment.sha256])
        if row is None:
            raise SvdeskError(f"The contents of {attachment.filename} are missing from the file.")
        return row["data"]

    def remove(self, attachment_id: str) -> None:
        """Detaches the file; it can be brought back with ``restore``."""
        with self._file.write("attachments") as db:
            db.execute("UPDATE attachments SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), utc_now_stamp(), attachment_id])

    def restore(self, attachment_id: str) -> None:
        with self._file.write("attachments") as db:
            db.execute("UPDATE attachments SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), attachment_id])


# -- dump / load ---------------------------------------------------------------------------------
# Attachment bytes travel inside the JSON as base64, once per distinct content: the dump stays a
# single self-contained file that can be e-mailed or archived.
SECTION = "attachments"
_FIELDS = ("id", "owner_table", "owner_id", "role", "sha256", "filename", "media_type", "note",
           "created_at", "updated_at", "deleted_at")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_MAX_ENCODED = 4 * ((MAX_ATTACHMENT_BYTES + 2) // 3)


def dump_section(orgfile: OrgFile) -> dict:
    section = dump_section_lazily(orgfile)
    return {"files": list(section["files"]), "blobs": [json.loads(blob) for blob in section["blobs"]]}


def dump_section_lazily(orgfile: OrgFile) -> dict:
    """The section with its blobs as an iterator: one file's contents in memory at a time, so
    ``svdesk dump`` of hundreds of MB of evidence streams (see store/dump.py, write_json)."""
    from svdesk.store.rows import streamed

    files = (
        {key: row[key] for key in _FIELDS}
        for row in streamed(orgfile, "SELECT * FROM attachments ORDER BY created_at, id")
    )
    # Each blob as its JSON record, built directly: base64 needs no escaping.
    blobs = (
        RawJson(f'{{"sha256": {json.dumps(row[0])}, "size": {int(row[1])}, "data_base64": "'
                f'{base64.b64encode(row[2]).decode("ascii")}"}}')
        for row in orgfile.conn.execute("SELECT sha256, size, data FROM blobs ORDER BY sha256")
    )
    return {"files": files, "blobs": blobs}


def validate_section(data, whole: dict, owners: dict[str, set] | None = None) -> list[str]:
    """``owners``: ids of the records that can own attachments, by table (``dump.owner_ids``);
    given by the dump, which knows every section, so this module need not import it."""
    if not isinstance(data, dict) or not isinstance(data.get("files", []), list) \
            or not isinstance(data.get("blobs", []), list):
        return ["attachments: must be an object with 'files' and 'blobs' lists"]
    problems = []
    known = set()
    for index, blob in enumerate(data.get("blobs", [])):
        where = f"attachments.blobs[{index}]"
        if not isinstance(blob, dict) or not _SHA.match(str(blob.get("sha256", ""))):
            problems.append(f"{where}: needs a sha256 of 64 lower-case hex digits")
            continue
        encoded = blob.get("data_base64", "")
        if not isinstance(encoded, str):
            problems.append(f"{where}.data_base64: must be text (the file's contents in base64)")
            continue
        # The 25 MB limit applies to the file itself, so a dump cannot bring in what attaching cannot;
        # its base64 length tells the size before anything is decoded.
        if len(encoded) > _MAX_ENCODED:
            problems.append(f"{where}.data_base64: the file is over {human_size(MAX_ATTACHMENT_BYTES)} "
                            f"(about {human_size(len(encoded) * 3 // 4)}); files can be at most 25 MB")
            known.add(blob["sha256"])   # its files are refused through this problem, not as missing contents
            continue
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            problems.append(f"{where}: data_base64 is not valid base64")
            continue
        if len(raw) > MAX_ATTACHMENT_BYTES:
            problems.append(f"{where}.data_base64: the file is {len(raw):,} bytes; files can be at most "
                            f"{MAX_ATTACHMENT_BYTES:,} bytes (25 MB)")
            known.add(blob["sha256"])
            continue
        if sha256_of(raw) != blob["sha256"]:
            problems.append(f"{where}: the data does not match its sha256")
        elif blob.get("size") != len(raw):
            problems.append(f"{where}: size does not match the data")
        if blob["sha256"] in known:
            problems.append(f"{where}: the same contents are listed twice (each file's contents once)")
        known.add(blob["sha256"])
    owners = owners or {}
    from svdesk.store.dump_refs import owner_problem

    file_ids = set()
    for index, item in enumerate(data.get("files", [])):
        where = f"attachments.files[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        if isinstance(item.get("id"), str):
            if item["id"] in file_ids:
                problems.append(f"{where}.id: the same id is used twice")
            file_ids.add(item["id"])
        for key in ("id", "owner_table", "owner_id", "sha256", "filename", "created_at", "updated_at"):
            if not isinstance(item.get(key), str):
                problems.append(f"{where}.{key}: a text value is required")
        if item.get("sha256") not in known:
            problems.append(f"{where}.sha256: refers to contents that are not in attachments.blobs")
        problem = owner_problem(item, owners)
        if problem:
            problems.append(f"{where}.{problem}")
        problem = filename_problem(item.get("filename"))
        if isinstance(item.get("filename"), str) and problem:
            problems.append(f"{where}.filename: {problem}")
    return problems


def load_section(orgfile: OrgFile, data: dict) -> None:
    for blob in data.get("blobs", []):
        orgfile.db["blobs"].insert({
            "sha256": blob["sha256"], "size": blob["size"],
            "data": base64.b64decode(blob["data_base64"]), "created_at": utc_now_stamp(),
        })
    for item in data.get("files", []):
        orgfile.db["attachments"].insert({key: item.get(key) for key in _FIELDS if key in item})
