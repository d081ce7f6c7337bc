"""Checking a dump's references: ids that must name a record elsewhere in the dump.

Each section module checks its own references with these (story ids in tenders, a tag's owner …);
they live apart from ``store/dump.py``, which imports every section, so that no section module
needs to import it back.
"""

from __future__ import annotations


def listed_ids(whole, section: str, part: str | None = None) -> set | None:
    """The ids a section of the dump lists (``part`` names its list), to check references against:
    empty when the section is missing (a reference into it is then reported), None when the
    section is there but unreadable (its own problems are reported; references cannot be checked)."""
    if not isinstance(whole, dict) or section not in whole:
        return set()
    value = whole[section]
    if part is not None:
        if not isinstance(value, dict):
            return None
        value = value.get(part, [])
    if not isinstance(value, list):
        return None
    return {item["id"] for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)}


def id_list_problems(value, where: str, known: set | None, what: str) -> list[str]:
    """Each id of a list that names no record: 'tenders.tenders[0].story_ids[1]: there is no story …'."""
    if not isinstance(value, list) or known is None:
        return []
    return [f"{where}[{index}]: there is no {what} '{item}' in the dump"
            for index, item in enumerate(value) if item not in known]


_NOUNS = {"stories": "story", "statements": "statement", "tenders": "tender", "indicators": "indicator",
          "readings": "reading", "consultations": "consultation"}


def owner_problem(item: dict, owners: dict[str, set]) -> str | None:
    """Why a tag's or attachment's owner_table/owner_id does not name a record of the dump
    (None when it does): 'owner_id: …' or 'owner_table: …', to follow the item's place.
    ``owners`` is ``owner_ids(whole)``, worked out once per section."""
    table, owner = item.get("owner_table"), item.get("owner_id")
    if table in owners and owners[table] is None:
        return None     # that section is unreadable: its own problems say so
    if table not in owners:
        kinds = ", ".join(sorted(owners)) or "none in this dump"
        return f"owner_table: '{table}' is not a kind of record the dump has (it has {kinds})"
    if owner not in owners[table]:
        return f"owner_id: there is no {_NOUNS.get(table, 'record')} '{owner}' in the dump"
    return None
