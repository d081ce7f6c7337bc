"""Find every free-text field of a dump and put a hostile string into all of them at once.

Free text is decided from the dump's JSON Schema (resources/schema/svdesk-dump.schema.json): a
string with an ``enum``, ``pattern``, ``format`` or ``const`` is a code, a date or a number, not
something a person types. Where the schema is silent (a snapshot kept as plain JSON, a custom
framework's body) the field's name decides: ids, stamps, dates, keys, tags, hashes and file
details are never free text. A field whose own validation rule rejects the text (a web address,
a length limit) is found by trying it alone, and then left as it was.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache

from svdesk import paths

# Never free text, whatever the schema says: ids, stamps, hashes, keys and file details.
_NEVER = {"id", "key", "library_key", "tag", "owner_table", "role", "media_type", "sha256", "data_base64",
          "format", "written_by", "filename"}
_NEVER_SUFFIXES = ("_id", "_ids", "_at", "_on", "_key")
# Where the schema is silent (a snapshot kept as plain JSON, a custom framework's body), these
# names are codes or dates too.
_CODES_WHEN_SILENT = {"kind", "part", "status", "level", "frequency", "direction", "office", "how", "who", "uses",
                      "use", "method", "legal_form", "deadline_time", "published", "by_when"}
_DATE_SUFFIXES = ("_date", "_start", "_end", "_value", "_pence")
_CONSTRAINED = ("enum", "pattern", "format", "const")


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads((paths.resource("schema") / "svdesk-dump.schema.json").read_text("utf-8"))


def _resolve(node) -> dict:
    defs = schema()["$defs"]
    node = node if isinstance(node, dict) else {}
    while "$ref" in node:
        extra = {key: value for key, value in node.items() if key != "$ref"}
        node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **extra}
    return node


def _skip_name(key: str | None, node: dict) -> bool:
    if key is None:
        return False
    if key in _NEVER or key.endswith(_NEVER_SUFFIXES):
        return True
    return not node and (key in _CODES_WHEN_SILENT or key.endswith(_DATE_SUFFIXES))


def free_text_paths(data, node=None, path=(), key=None) -> list[tuple]:
    """Every path (a tuple of keys and list indexes) to a free-text string in ``data``."""
    node = _resolve(schema() if node is None and not path else node)
    if _skip_name(key, node):
        return []
    found = []
    if isinstance(data, dict):
        properties = node.get("properties", {})
        for name, value in data.items():
            found += free_text_paths(value, properties.get(name), (*path, name), name)
    elif isinstance(data, list):
        items = node.get("items")
        for index, value in enumerate(data):
            found += free_text_paths(value, items, (*path, index), key)
    elif isinstance(data, str) and not any(word in node for word in _CONSTRAINED):
        found.append(path)
    return found


def slot(path: tuple) -> str:
    """The field a path points at, whatever record it is in: ('stories', 'stories', 3, 'title')
    -> 'stories.stories[].title'."""
    out = ""
    for part in path:
        out += "[]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".")


def put(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def get(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def injected(dump: dict, text: str, slots: set[str] | None = None) -> dict:
    """A copy of ``dump`` with ``text`` in every free-text field (or only those of ``slots``)."""
    result = copy.deepcopy(dump)
    for path in free_text_paths(result):
        if slots is None or slot(path) in slots:
            put(result, path, text)
    return result


def all_slots(dump: dict) -> set[str]:
    return {slot(path) for path in free_text_paths(dump)}


def rejected_slots(dump: dict, text: str, validate) -> set[str]:
    """The fields whose own validation rejects ``text`` when it is put in them alone."""
    work = copy.deepcopy(dump)
    by_slot: dict[str, list[tuple]] = {}
    for path in free_text_paths(work):
        by_slot.setdefault(slot(path), []).append(path)
    rejected = set()
    for name, paths in by_slot.items():
        originals = [get(work, path) for path in paths]
        for path in paths:
            put(work, path, text)
        if validate(work):
            rejected.add(name)
        for path, original in zip(paths, originals):
            put(work, path, original)
    return rejected


_PLAIN = re.compile(r"^[^\n]{3,600}$")


def plain_problem(problem) -> bool:
    """A plain sentence a person can act on: text, one line, no traceback, no Python repr of an
    exception (the catch-all "could not be read (...)" of ``dump.validate`` means a validator
    crashed on the input)."""
    return (isinstance(problem, str) and bool(_PLAIN.match(problem)) and "Traceback" not in problem
            and "could not be read (" not in problem and "Error:" not in problem)
