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


MAX_NAME_CHARS = 255
# Names Windows keeps for devices, whatever the case and whatever follows a dot ("con.txt").
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10)),
             "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³", "CONIN$", "CONOUT$"}
_FORBIDDEN = '/\\:*?"<>|'


def filename_problem(filename) -> str | None:
    """Why ``filename`` cannot name an attached file (None when it can).

    An attachment is saved back to disk under its name, on any system: so the name must be one
    name (no folder part, no '..'), printable, not a Windows device name, and at most 255
    characters. One rule for the window's attach path and for ``svdesk load``."""
    if not isinstance(filename, str) or not filename.strip():
        return "a file needs a name"
    shown = repr(filename[:40] + ("…" if len(filename) > 40 else ""))
    if len(filename) > MAX_NAME_CHARS:
        return f"the file name is {len(filename):,} characters long; at most {MAX_NAME_CHARS} are allowed"
    if len(filename.encode("utf-8", "surrogatepass")) > MAX_NAME_CHARS:
        return f"the file name is too long: saved to disk it takes more than {MAX_NAME_CHARS} bytes"
    if any(ord(char) < 32 or ord(char) == 127 for char in filename):
        return f"the file name {shown} contains a control character (such as a NUL or a line break)"
    if any(char in _FORBIDDEN for char in filename):
        return (f"the file name {shown} contains one of / \\ : * ? \" < > |, which cannot be in a file name "
                "on every computer (a name with / or \\ would point into another folder)")
    if filename != filename.strip(" ."):
        return f"the file name {shown} starts or ends with a dot or a space"
    if filename.split(".")[0].strip().upper() in _RESERVED:
        return f"the file name {shown} is a name Windows keeps for a device, so the file could not be saved there"
    return None


def check_attachment(filename: str, data: bytes) -> None:
    problems = []
    problem = filename_problem(filename)
    if problem:
        problems.append(problem[0].upper() + problem[1:] + ".")
    if len(data) > MAX_ATTACHMENT_BYTES:
        problems.append(too_big(filename, len(data)))
    if problems:
        raise ValidationError(problems)


def too_big(filename: str, size: int) -> str:
    """The sentence for a file over the limit; in bytes when MB would round down to the limit itself."""
    shown = f"{size / 1024 / 1024:.1f} MB"
    if shown == f"{MAX_ATTACHMENT_BYTES / 1024 / 1024:.1f} MB":
        shown = f"{size:,} bytes, just over 25 MB"
    return (f"{filename} is {shown}; files can be at most 25 MB. "
            "Try a smaller photo or a PDF of the pages that matter.")


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
