"""Files kept inside the organisation file: evidence, photos, signed consent forms."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass

from svdesk.domain.errors import ValidationError

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    id: str
    owner_table: str
    owner_id: str
    role: str
    sha256: str
    filename: str
    media_type: str
    size: int
    note: str = ""
    created_at: str = ""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def media_type_for(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def check_attachment(filename: str, data: bytes) -> None:
    problems = []
    if not filename.strip():
        problems.append("The file needs a name.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        problems.append(
            f"{filename} is {len(data) / 1024 / 1024:.1f} MB; files can be at most 25 MB. "
            "Try a smaller photo or a PDF of the pages that matter."
        )
    if problems:
        raise ValidationError(problems)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
