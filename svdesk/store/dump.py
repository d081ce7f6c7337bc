"""The whole organisation as JSON (``svdesk dump``) and a new file from such JSON (``svdesk load``).

The JSON is versioned and described by ``resources/schema/svdesk-dump.schema.json``. Each
capability contributes one section through a module with ``SECTION``, ``dump_section``,
``validate_section`` and ``load_section`` (and, when its records can own attachments,
``owned_ids``). dump -> load -> dump gives identical JSON: ids and stamps travel as they are.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from svdesk import __version__
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.store import attachments_repo, frameworks_repo, organisation_repo
from svdesk.store import cic34_dump
from svdesk.store import consultations_repo, stories_dump
from svdesk.store import statement_dump
from svdesk.store import measures_dump
from svdesk.store import tenders_dump
from svdesk.store.dump_json import read_json  # noqa: F401 - load's reader lives with its checks
from svdesk.store.dump_refs import id_list_problems, listed_ids, owner_problem  # noqa: F401 - re-exported
from svdesk.store.orgfile import OrgFile, new_file_at
from svdesk.store.rawjson import RawJson

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
    """The dump as text: sections and their lists spread over lines, each record on one line
    (readable, diffable, and written by json's fast C encoder)."""
    import io

    out = io.StringIO()
    _write_value(out.write, data, 0)
    out.write("\n")
    return out.getvalue()


def write_json(orgfile: OrgFile, write: Callable[[str], object]) -> None:
    """Writes exactly ``to_json(dump_file(orgfile))``, a piece at a time: one section in memory
    at once, and the evidence files one by one (a section module may offer
    ``dump_section_lazily``, whose lists may be iterators). Memory stays flat however big the file."""
    head = {"format": DUMP_FORMAT, "version": DUMP_VERSION, "written_by": f"svdesk {__version__}"}
    write("{")
    for index, (key, value) in enumerate([*head.items(), *((m.SECTION, m) for m in SECTIONS)]):
        write(("," if index else "") + "\n  " + json.dumps(key, ensure_ascii=False) + ": ")
        if key in head:
            _write_value(write, value, 1)
        else:
            lazily = getattr(value, "dump_section_lazily", None)
            _write_value(write, lazily(orgfile) if lazily else value.dump_section(orgfile), 1)
    write("\n}\n")


def _write_value(write: Callable[[str], object], value, level: int) -> None:
    pad = "\n" + "  " * level
    if isinstance(value, RawJson):
        write(value)
    elif isinstance(value, dict):
        if not value:
            write("{}")
            return
        for index, (key, item) in enumerate(value.items()):
            write(("{" if index == 0 else ",") + pad + "  " + json.dumps(key, ensure_ascii=False) + ": ")
            _write_value(write, item, level + 1)
        write(pad + "}")
    elif isinstance(value, (list, tuple, Iterator)):
        empty = True
        for item in value:
            write(("[" if empty else ",") + pad + "  ")
            if isinstance(item, RawJson):
                write(item)
            elif isinstance(item, dict):
                write(json.dumps(item, ensure_ascii=False))  # a record: one line
            else:
                _write_value(write, item, level + 1)
            empty = False
        write("[]" if empty else pad + "]")
    else:
        write(json.dumps(value, ensure_ascii=False))


def owner_ids(whole: dict) -> dict[str, set | None]:
    """Ids of the records that can own tags and attachments, by table; None for a table whose
    section is there but unreadable (its references cannot be checked)."""
    owners: dict[str, set | None] = {}
    for module in _section_modules():
        owned = getattr(module, "owned_ids", None)
        if owned and isinstance(whole.get(module.SECTION), (dict, list)):
            with contextlib.suppress(Exception):
                for table, ids in owned(whole[module.SECTION]).items():
                    if ids is None or owners.get(table, set()) is None:
                        owners[table] = None
                    else:
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
                if module in (attachments_repo, frameworks_repo):  # each file's or tag's owner must be in the dump
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
