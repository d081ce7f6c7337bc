"""Frameworks (built-in and the organisation's own) and the tags that point into them."""

from __future__ import annotations

import functools
import json

from svdesk import paths
from svdesk.domain.dates import utc_now_stamp
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.frameworks import Framework, framework_from_dict, framework_to_dict
from svdesk.domain.ids import new_id
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped, update_changed


@functools.lru_cache(maxsize=1)
def builtin_frameworks() -> tuple[Framework, ...]:
    found = []
    for source in sorted(paths.resource("frameworks").glob("*.json")):
        found.append(framework_from_dict(json.loads(source.read_text("utf-8")), builtin=True))
    return tuple(found)


class FrameworkRepo:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    def all(self) -> list[Framework]:
        """Built-in frameworks first (in a fixed order), then the organisation's own."""
        return [*builtin_frameworks(), *self.custom()]

    def custom(self) -> list[Framework]:
        rows = self._file.query(
            "SELECT id, body FROM custom_frameworks WHERE deleted_at IS NULL ORDER BY created_at"
        )
        return [framework_from_dict({**json.loads(row["body"]), "id": row["id"]}, builtin=False) for row in rows]

    def get(self, key: str) -> Framework | None:
        return next((framework for framework in self.all() if framework.key == key), None)

    def save_custom(self, framework: Framework) -> Framework:
        """Adds or replaces one of the organisation's own frameworks (matched by id)."""
        framework = framework_from_dict(framework_to_dict(framework) | {"id": framework.id}, builtin=False)
        clash = [other for other in self.all()
                 if other.key == framework.key and (other.builtin or other.id != framework.id)]
        if clash:
            raise ValidationError([f"There is already a framework with the key '{framework.key}'."])
        body = json.dumps(framework_to_dict(framework), ensure_ascii=False, sort_keys=True)
        with self._file.write("frameworks") as db:
            if framework.id:
                update_changed(db, "custom_frameworks", framework.id, {"key": framework.key, "body": body})
            else:
                row = stamped({"key": framework.key, "body": body}, new=True)
                db["custom_frameworks"].insert(row)
                framework = framework_from_dict(json.loads(body) | {"id": row["id"]}, builtin=False)
        return framework

    def remove_custom(self, framework_id: str) -> None:
        with self._file.write("frameworks") as db:
            db.execute("UPDATE custom_frameworks SET deleted_at = ?, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), utc_now_stamp(), framework_id])

    def restore_custom(self, framework_id: str) -> None:
        with self._file.write("frameworks") as db:
            db.execute("UPDATE custom_frameworks SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [utc_now_stamp(), framework_id])


class TagRepo:
    """Which outcomes a record speaks to. ``owner_table`` names the kind of record
    ("statements", "indicators", "tenders", ...)."""

    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    def tags_for(self, owner_table: str, owner_id: str) -> list[str]:
        rows = self._file.query(
            "SELECT tag FROM tags WHERE owner_table = ? AND owner_id = ? ORDER BY tag", [owner_table, owner_id]
        )
        return [row["tag"] for row in rows]

    def set_tags(self, owner_table: str, owner_id: str, tags: list[str]) -> None:
        wanted = sorted(set(tags))
        if any(not isinstance(tag, str) or "/" not in tag for tag in wanted):
            raise SvdeskError("A tag must name a framework and an outcome.")
        current = self.tags_for(owner_table, owner_id)
        if current == wanted:
            return
        with self._file.write("tags") as db:
            self.replace_in(db, owner_table, owner_id, wanted)

    @staticmethod
    def replace_in(db, owner_table: str, owner_id: str, tags: list[str]) -> None:
        """For use inside another repository's transaction (e.g. when copying a record)."""
        existing = {row["tag"] for row in db.query(
            "SELECT tag FROM tags WHERE owner_table = ? AND owner_id = ?", [owner_table, owner_id])}
        wanted = set(tags)
        for tag in existing - wanted:
            db.execute("DELETE FROM tags WHERE owner_table = ? AND owner_id = ? AND tag = ?", [owner_table, owner_id, tag])
        now = utc_now_stamp()
        for tag in sorted(wanted - existing):
            db["tags"].insert({"id": new_id(), "owner_table": owner_table, "owner_id": owner_id, "tag": tag,
                               "created_at": now, "updated_at": now})

    def owners_with(self, tag: str, owner_table: str) -> list[str]:
        rows = self._file.query("SELECT owner_id FROM tags WHERE tag = ? AND owner_table = ?", [tag, owner_table])
        return [row["owner_id"] for row in rows]


# -- dump / load ---------------------------------------------------------------------------------
SECTION = "frameworks"


def dump_section(orgfile: OrgFile) -> dict:
    custom = [
        {"id": row["id"], "key": row["key"], "body": json.loads(row["body"]), "created_at": row["created_at"],
         "updated_at": row["updated_at"], "deleted_at": row["deleted_at"]}
        for row in orgfile.query("SELECT * FROM custom_frameworks ORDER BY created_at, id")
    ]
    tags = [
        {key: row[key] for key in ("id", "owner_table", "owner_id", "tag", "created_at", "updated_at")}
        for row in orgfile.query("SELECT * FROM tags ORDER BY owner_table, owner_id, tag")
    ]
    return {"custom": custom, "tags": tags}


def validate_section(data, whole: dict, owners: dict | None = None) -> list[str]:
    if not isinstance(data, dict):
        return ["frameworks: must be an object with 'custom' and 'tags' lists"]
    problems = []
    custom_ids = set()
    keys = {framework.key for framework in builtin_frameworks()}
    for index, item in enumerate(data.get("custom", [])):
        where = f"frameworks.custom[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("body"), dict):
            problems.append(f"{where}: needs a body object")
            continue
        if isinstance(item.get("id"), str):
            if item["id"] in custom_ids:
                problems.append(f"{where}.id: the same id is used twice")
            custom_ids.add(item["id"])
        if isinstance(item.get("key"), str):
            # Tags name their framework by key (framework/outcome): two with one key would be confused.
            if item["key"] in keys:
                problems.append(f"{where}.key: there is already a framework with the key '{item['key']}'")
            keys.add(item["key"])
        for key in ("id", "key", "created_at", "updated_at"):
            if not isinstance(item.get(key), str):
                problems.append(f"{where}.{key}: a text value is required")
        try:
            framework_from_dict(item["body"], builtin=False)
        except ValidationError as error:
            problems += [f"{where}: {problem}" for problem in error.problems]
        except (AttributeError, TypeError):
            problems.append(f"{where}: the body is not a framework")
    from svdesk.store.dump_refs import owner_problem

    owners = owners or {}
    seen = set()
    for index, item in enumerate(data.get("tags", [])):
        where = f"frameworks.tags[{index}]"
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in
                                                 ("id", "owner_table", "owner_id", "tag", "created_at", "updated_at")):
            problems.append(f"{where}: needs id, owner_table, owner_id, tag, created_at and updated_at as text")
            continue
        if "/" not in item["tag"]:
            problems.append(f"{where}.tag: must look like framework/outcome")
        problem = owner_problem(item, owners)     # the tagged record must be in the dump
        if problem:
            problems.append(f"{where}.{problem}")
        triple = (item["owner_table"], item["owner_id"], item["tag"])
        if triple in seen:
            problems.append(f"{where}: the same tag is listed twice for one record")
        seen.add(triple)
    return problems


def load_section(orgfile: OrgFile, data: dict) -> None:
    for item in data.get("custom", []):
        orgfile.db["custom_frameworks"].insert({
            "id": item["id"], "key": item["key"],
            "body": json.dumps(item["body"], ensure_ascii=False, sort_keys=True),
            "created_at": item["created_at"], "updated_at": item["updated_at"], "deleted_at": item.get("deleted_at"),
        })
    for item in data.get("tags", []):
        orgfile.db["tags"].insert(dict(item))
