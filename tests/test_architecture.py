"""The architecture contracts in pyproject.toml ([tool.importlinter]) hold, and they would catch
a module that breaks them: each planted violation below makes ``lint-imports`` fail."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = ("import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))")


def _lint(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([sys.executable, "-c", LINT], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_code_keeps_every_contract():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def copy_of_tree(tmp_path):
    shutil.copytree(ROOT / "svdesk", tmp_path / "svdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


PLANTED = {
    "a lower layer importing a higher one": (
        {"svdesk/store/planted.py": "from svdesk.compose import tender\n"},
        "Layers: ui | commands -> services"),
    "Qt outside ui": ({"svdesk/domain/planted.py": "from PySide6.QtCore import QDate\n"}, "Only ui imports PySide6"),
    "importing svdesk.cli": ({"svdesk/commands/planted.py": "from svdesk.cli import main\n"},
                             "Nothing imports svdesk.cli"),
    "render reaching compose": ({"svdesk/render/planted.py": "def late():\n    import svdesk.compose.tender\n"},
                                "render never imports compose"),
    "compose reaching render": ({"svdesk/compose/planted.py": "from svdesk import render\n"},
                                "compose never imports render or services"),
    "a cycle between two modules": (
        {"svdesk/domain/planted_a.py": "from svdesk.domain import planted_b\n",
         "svdesk/domain/planted_b.py": "def late():\n    from svdesk.domain import planted_a\n"},
        "No import cycles"),
    "the window importing a repository": (
        {"svdesk/ui/planted.py": "from svdesk.store.tenders_repo import TendersRepo\n"},
        "ui and commands write only through services"),
    "a command importing the store's writer, late": (
        {"svdesk/commands/planted_late.py": "def late():\n    from svdesk.store import readings_io\n"},
        "ui and commands write only through services"),
}


@pytest.mark.slow  # a lint of the whole tree for each case; the fast suite plants them all at once
@pytest.mark.parametrize("case", PLANTED)
def test_a_planted_violation_breaks_its_contract(copy_of_tree, case):
    files, contract = PLANTED[case]
    for name, text in files.items():
        (copy_of_tree / name).write_text(text, "utf-8")
    result = _lint(copy_of_tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Broken contracts" in result.stdout, result.stdout
    assert contract in result.stdout.split("Broken contracts")[1], result.stdout


def test_every_planted_violation_breaks_its_contract_in_one_lint(copy_of_tree):
    names = [name for files, _contract in PLANTED.values() for name in files]
    assert len(names) == len(set(names)), "two planted cases write the same file: one would hide the other"
    for files, _contract in PLANTED.values():
        for name, text in files.items():
            (copy_of_tree / name).write_text(text, "utf-8")
    result = _lint(copy_of_tree)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = result.stdout.split("Broken contracts")[1]
    for case, (_files, contract) in PLANTED.items():
        assert contract in broken, (case, result.stdout)
