"""Every change the window or a command makes goes through ``svdesk.services``: no module in
``svdesk/ui`` or ``svdesk/commands`` calls a repository method that writes, opens a transaction
of its own, runs SQL, or names a table of the file. (Which parts of ``store`` they may import at
all is an import-linter contract in pyproject.toml, tested in test_architecture.py.)

The check reads the source: a repository is reached as ``<...>.workspace.<repo>`` or through a
name bound to one (``repo = self.ctx.workspace.stories``); a method writes when its body opens a
write (``self._file.write``, ``self.transaction``) or calls one of its class's methods that does.
Each kind of violation is planted below to show the check catches it."""

from __future__ import annotations

import ast
import re
import textwrap
from functools import cached_property
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "svdesk"
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\b.*\b(FROM|INTO|SET|TABLE|WHERE|VALUES)\b"
                 r"|\bPRAGMA\s+\w+", re.S)
TABLE_CONSTANT = re.compile(r"(^|_)TABLES?(_|$)")   # READINGS_TABLE, OWNER_TABLE (not COMFORTABLE)
RAW_SQL_CALLS = {"execute", "executemany", "executescript", "query", "query_one"}


def _repositories() -> set[str]:
    from svdesk.store.workspace import Workspace

    return {name for name, value in vars(Workspace).items() if isinstance(value, cached_property)}


def _writing_methods() -> set[str]:
    """Names of store methods that write, found from their bodies (to a fixed point)."""
    methods: dict[str, tuple[bool, set[str]]] = {}
    for path in (ROOT / "store").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if not isinstance(item, ast.FunctionDef) or item.name.startswith("__"):
                    continue
                source = ast.unparse(item)
                opens = "_file.write(" in source or "self.transaction(" in source or ".write(" in source and "db" in source
                calls = {c.func.attr for c in ast.walk(item) if isinstance(c, ast.Call)
                         and isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Name)
                         and c.func.value.id == "self"}
                known = methods.get(item.name, (False, set()))
                methods[item.name] = (known[0] or opens, known[1] | calls)
    writing = {name for name, (opens, _) in methods.items() if opens}
    while True:
        more = {name for name, (_, calls) in methods.items() if calls & writing} - writing
        if not more:
            return writing
        writing |= more


def _tables() -> set[str]:
    from svdesk.store.workspace import memory_workspace

    workspace = memory_workspace()
    try:
        rows = workspace.file.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    finally:
        workspace.close()
    return {row["name"] for row in rows}


REPOSITORIES = _repositories()
WRITING = _writing_methods()
TABLES = _tables()


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


def _reaches_repository(node: ast.AST, aliases: set[str]) -> bool:
    """``<...>.workspace.<repo>``, ``workspace.<repo>``, or a name bound to one."""
    text = _text(node)
    if text in aliases:
        return True
    return (isinstance(node, ast.Attribute) and node.attr in REPOSITORIES
            and "workspace" in _text(node.value).lower())


def problems_in(source: str, where: str = "module") -> list[str]:
    tree = ast.parse(source)
    aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _reaches_repository(node.value, set()):
            aliases |= {_text(target) for target in node.targets}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"{where}:{node.lineno}: SQL in a string")
        if isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if TABLE_CONSTANT.search(name):
                found.append(f"{where}:{node.lineno}: names a table constant ({name})")
        if isinstance(node, ast.alias) and TABLE_CONSTANT.search(node.name):
            found.append(f"{where}: imports a table constant ({node.name})")
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        on_repository = _reaches_repository(receiver, aliases)
        if on_repository and method in WRITING:
            found.append(f"{where}:{node.lineno}: writes through the repository ({_text(node.func)})")
        if on_repository and any(isinstance(arg, ast.Constant) and arg.value in TABLES for arg in node.args):
            found.append(f"{where}:{node.lineno}: names a table ({_text(node)[:60]})")
        receiver_text = _text(receiver)
        if method in ("write", "action", "transaction", "atomic") and re.search(r"\b(file|db|orgfile)$", receiver_text):
            found.append(f"{where}:{node.lineno}: opens a transaction itself ({_text(node.func)})")
        if method in RAW_SQL_CALLS and re.search(r"\b(file|db|conn|orgfile)$", receiver_text):
            found.append(f"{where}:{node.lineno}: runs SQL ({_text(node.func)})")
    return found


def test_the_check_knows_the_writing_methods():
    # A few that must be among them (a store refactor that hid them would blind the check).
    assert {"submit", "record_use", "save_consent", "set_tags", "record", "add_pay", "set_status"} <= WRITING
    assert not {"get", "all", "answer", "consent_for", "tags_for", "readings"} & WRITING
    assert {"tenders", "stories", "indicators", "cic34", "tags", "attachments"} <= REPOSITORIES


@pytest.mark.parametrize("folder", ["ui", "commands"])
def test_the_window_and_the_commands_change_files_only_through_services(folder):
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        found += problems_in(path.read_text("utf-8"), str(path.relative_to(ROOT.parent)))
    assert found == []


@pytest.mark.parametrize("folder", ["compose", "render", "document"])
def test_building_and_drawing_documents_never_writes_to_the_file(folder):
    """compose builds documents from the records, render draws them: the writes that go with an
    export (the story-use log) are the service's."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        found += [problem for problem in problems_in(path.read_text("utf-8"), str(path.relative_to(ROOT.parent)))
                  if "writes" in problem or "transaction" in problem or "runs SQL" in problem]
    assert found == []


PLANTED = {
    "a write on a repository": "self.ctx.workspace.tenders.submit(tender_id, text, day)",
    "a write through a name bound to a repository": """
        repo = self.ctx.workspace.stories
        repo.record_use(story_id, use, "Report", day)""",
    "a write through a model's repository": """
        class Model:
            def __init__(self, workspace):
                self.repo = workspace.indicators
            def keep(self):
                self.repo.update_reading(reading_id, value=3)""",
    "a transaction of its own": """
        with workspace.file.write("change") as db:
            pass""",
    "SQL": 'rows = workspace.file.query("SELECT id FROM stories WHERE deleted_at IS NULL")',
    "a table named in a read": 'tags = self.ctx.workspace.tags.tags_for("tenders", tender_id)',
    "a table constant": "from svdesk.store.indicators_repo import READINGS_TABLE",
}


@pytest.mark.parametrize("case", PLANTED)
def test_a_planted_write_is_caught(case):
    assert problems_in(textwrap.dedent(PLANTED[case])), case


def test_reads_and_services_are_not_flagged():
    clean = textwrap.dedent("""
        from svdesk.services import tenders as tender_services
        repo = self.ctx.workspace.tenders
        tender = repo.get(tender_id)
        state = self.ctx.workspace.tenders.answer(tender.id)
        tender_services.send_answer(self.ctx.workspace, tender.id, status, day)
        self.outcomes.set_tags(frameworks, tags)
        painter.save()
        """)
    assert problems_in(clean) == []
