"""Reading a dump's JSON text, refusing what ``json.loads`` would accept silently or crash on.

An svdesk dump nests a few levels deep, never repeats a key in one object and holds no number
that SQLite cannot keep. A hand-edited or hostile file can: 100,000 '[' exhaust Python's
recursion (RecursionError), a repeated key silently keeps only the last value, NaN and
Infinity are not JSON at all, and a 5,000-digit number is refused by Python itself. Each is
found here and named in one plain sentence, before anything is loaded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.store.safe_paths import require_regular_file

MAX_DEPTH = 64
# ``svdesk load`` reads a dump whole and keeps it in memory while it checks it (every record is
# checked against the others before anything is written): about five times the dump's size, and
# up to four times more when the text holds an emoji (Python then keeps 4 bytes a character).
# Bigger dumps are refused in plain words rather than exhausting the machine's memory. The limit
# still takes the dump of a file of 10,000 stories with their evidence (about 300 MB: about 1.5 GB
# to check), so a person's own dump of a big file loads back.
MAX_DUMP_BYTES = 400 * 1000 * 1000
_LARGEST_INT = 2 ** 63 - 1          # what an SQLite INTEGER holds
# Brackets are counted; a quote starts a string, which is skipped whole with str.find (fast even
# over a 33 MB base64 file), so brackets inside text do not count.
_STRUCTURE = re.compile(r'[\[\]{}"]')


class _Refused(Exception):
    """Raised from inside ``json.loads`` hooks; turned into a plain sentence by ``parse_dump``."""


class _Object(dict):
    """A JSON object in which some key was written more than once (only these need remembering)."""

    __slots__ = ("repeated",)


def nesting_problem(text: str) -> str | None:
    """Where the JSON nests deeper than ``MAX_DEPTH``, found without recursion."""
    depth, position = 0, 0
    while match := _STRUCTURE.search(text, position):
        token, position = match.group(), match.end()
        if token == '"':
            position = _string_end(text, position)
            if position < 0:
                return None     # an unterminated string: json.loads says where
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                return (f"it nests lists and objects more than {MAX_DEPTH} levels deep (at line {line:,}); "
                        "an svdesk dump never does")
        else:
            depth -= 1
    return None


def _string_end(text: str, start: int) -> int:
    """Just after the quote closing the string whose text begins at ``start`` (-1 if none)."""
    while (end := text.find('"', start)) >= 0:
        backslashes = 0
        while text[end - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return end + 1
        start = end + 1
    return -1


def _pairs(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen, repeated = set(), []
    for key, _value in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    marked = _Object(result)
    marked.repeated = repeated
    return marked


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > 19 or abs(int(text)) > _LARGEST_INT:
        raise _Refused(f"the number {_short(text)} is too large for any field of an svdesk dump")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(f"the number {_short(text)} is too large for any field of an svdesk dump")
    return value


def _constant(name: str):
    raise _Refused(f"{name} is not a number JSON allows (an svdesk dump never holds it)")


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:20]}… ({len(text):,} digits)"


def repeated_keys(data, where: str = "") -> list[str]:
    """'stories.stories[2]: the key 'title' is written twice', for every object that repeats a key."""
    problems = []
    stack = [(data, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            for key in getattr(item, "repeated", ()):
                problems.append(f"{path or 'the top level'}: the key '{key}' is written more than once "
                                "(only one value can be kept, so none is)")
            stack += [(value, f"{path}.{key}" if path else str(key)) for key, value in item.items()]
        elif isinstance(item, list):
            stack += [(value, f"{path}[{index}]") for index, value in enumerate(item)]
    return sorted(problems)


def parse_dump(text: str, name: str):
    """The JSON value of a dump's text; SvdeskError/ValidationError in plain words if it is not one."""
    problem = nesting_problem(text)
    if problem:
        raise SvdeskError(f"{name} cannot be an svdesk dump: {problem}.")
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=_integer, parse_float=_float,
                          parse_constant=_constant)
    except _Refused as refused:
        raise SvdeskError(f"{name} cannot be loaded: {refused}.") from None
    except json.JSONDecodeError as error:
        raise SvdeskError(f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).") from None
    except RecursionError:   # the scan above should make this impossible; kept as the last guard
        raise SvdeskError(f"{name} cannot be an svdesk dump: it nests too deeply.") from None
    repeated = repeated_keys(data)
    if repeated:
        raise ValidationError(repeated)
    return data


def read_json(path: Path):
    path = Path(path)
    try:
        require_regular_file(path, "JSON file")
        size = path.stat().st_size
        if size > MAX_DUMP_BYTES:
            raise SvdeskError(
                f"{path.name} is {size / 1e6:,.0f} MB. svdesk load checks a whole dump in memory, so it takes "
                f"dumps up to {MAX_DUMP_BYTES / 1e6:,.0f} MB; nothing was written. To move an organisation "
                "file this big, copy the .svdesk file itself (or restore one of its backups).")
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise SvdeskError(f"There is no file {path}.") from None
    except UnicodeDecodeError:
        raise SvdeskError(f"{path.name} is not a text file in UTF-8, so it cannot be an svdesk dump.") from None
    except OSError as error:
        raise SvdeskError(f"{path.name} could not be read ({error.strerror}).") from None
    return parse_dump(text, path.name)
