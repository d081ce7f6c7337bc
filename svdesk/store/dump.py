"""The whole organisation as JSON (``svdesk dump``) and a new file from such JSON (``svdesk load``).

The JSON is versioned and described by ``resources/schema/svdesk-dump.schema.json``. Each
capability contributes one section through a module with ``SECTION``, ``dump_section``,
``validate_section`` and ``load_section`` (and, when its records can own attachments,
``owned_ids``). dump -> load -> dump gives identical JSON: ids and stamps travel as they are.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from svdesk import __version__
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.store import attachments_repo, frameworks_repo, organisation_repo
from svdesk.store import cic34_dump
from svdesk.store import consultations_repo, stories_dump
from svdesk.store import statement_dump
from svdesk.store import measures_dump
from svdesk.store import tenders_dump
from svdesk.store.orgfile import OrgFile, new_file_at

DUMP_FORMAT = "svdesk-dump"
DUMP_VERSION = 1

# Load order matters: records before the things that point at them; attachments last.
SECTIONS = [
    organisation_repo,
    frameworks_repo,
    # Each capability's section goes here, in load order.
    statement_dump,
    measures_dump,
    stories_dump,
    consultations_repo,
    tenders_dump,
    cic34_dump,
    attachments_repo,
]


def _section_modules():
    return SECTIONS


def dump_file(orgfile: OrgFile) -> dict:
    data = {"format": DUMP_FORMAT, "version": DUMP_VERSION, "written_by": f"svdesk {__version__}"}
    for module in _section_modules():
        data[module.SECTION] = module.dump_section(orgfile)
    return data


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def owner_ids(whole: dict) -> dict[str, set]:
    owners: dict[str, set] = {}
    for module in _section_modules():
        owned = getattr(module, "owned_ids", None)
        if owned and isinstance(whole.get(module.SECTION), (dict, list)):
            with contextlib.suppress(Exception):
                for table, ids in owned(whole[module.SECTION]).items():
                    owners.setdefault(table, set()).update(ids)
    return owners


def validate(data) -> list[str]:
    """Every problem in a dump, in plain English with where it is."""
    if not isinstance(data, dict):
        return ["The JSON must be an object (it starts with '{')."]
    if data.get("format") != DUMP_FORMAT:
        return [f"This JSON is not an svdesk dump (its 'format' should be '{DUMP_FORMAT}')."]
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return ["The dump has no version number."]
    if version > DUMP_VERSION:
        return [f"This dump was written by a newer svdesk (dump version {version}); please update svdesk."]
    known = {"format", "version", "written_by"} | {module.SECTION for module in _section_modules()}
    problems = [f"{key}: unknown section" for key in sorted(set(data) - known)]
    if "organisation" not in data:
        problems.append("organisation: the dump has no organisation section")
    for module in _section_modules():
        if module.SECTION in data:
            try:
                if module is attachments_repo:  # checks that each file's owner is in the dump
                    problems += module.validate_section(data[module.SECTION], data, owner_ids(data))
                else:
                    problems += module.validate_section(data[module.SECTION], data)
            except (TypeError, KeyError, AttributeError, ValueError) as error:
                problems.append(f"{module.SECTION}: could not be read ({error})")
    return problems


def load_file(data, target: Path) -> None:
    """Writes a new organisation file from a dump; nothing is left behind if anything is wrong."""
    target = Path(target)
    problems = validate(data)
    if problems:
        raise ValidationError(problems)
    with new_file_at(target, f"{target.name} already exists; svdesk load never overwrites a file.") as orgfile:
        try:
            with orgfile.db.atomic():
                for module in _section_modules():
                    if module.SECTION in data:
                        module.load_section(orgfile, data[module.SECTION])
                broken = list(orgfile.db.query("PRAGMA foreign_key_check"))
                if broken:
                    raise ValidationError([f"{row['table']}: refers to a record that is not in the dump"
                                           for row in broken])
        except Exception as error:
            if isinstance(error, SvdeskError):
                raise
            raise ValidationError([_plain_load_error(error)]) from error


def _plain_load_error(error: Exception) -> str:
    """What went wrong in a load that the checks above did not foresee, without SQLite's wording."""
    import sqlite3

    text = str(error)
    if isinstance(error, sqlite3.IntegrityError) and text.startswith("UNIQUE constraint failed: "):
        table, _, column = text.removeprefix("UNIQUE constraint failed: ").split(",")[0].strip().partition(".")
        return (f"The dump could not be loaded: two {table.replace('_', ' ')} records have the same "
                f"{column.replace('_', ' ') or 'key'}, and each must have its own.")
    return f"The dump could not be loaded: {text}"


def read_json(path: Path):
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise SvdeskError(f"There is no file {path}.") from None
    except UnicodeDecodeError:
        raise SvdeskError(f"{path.name} is not a text file in UTF-8, so it cannot be an svdesk dump.") from None
    except OSError as error:
        raise SvdeskError(f"{path.name} could not be read ({error.strerror}).") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SvdeskError(f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).") from None
