"""Rules of the project itself: layers, packaging, versions."""

import ast
import functools
import re
import tomllib
from pathlib import Path

import svdesk

ROOT = Path(__file__).resolve().parent.parent


@functools.cache  # both layer tests read every module: parse each once
def _imports(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return frozenset(found)


def test_only_ui_imports_qt():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "svdesk").rglob("*.py")
        if "ui" not in path.relative_to(ROOT / "svdesk").parts[:1]
        and any(name.split(".")[0] == "PySide6" for name in _imports(path))
    ]
    assert offenders == []


def test_layers_point_one_way():
    """domain imports nothing of ours but domain; store/compose/render never import ui."""
    for path in (ROOT / "svdesk").rglob("*.py"):
        layer = path.relative_to(ROOT / "svdesk").parts[0]
        ours = {name for name in _imports(path) if name.startswith("svdesk")}
        if layer == "domain":
            assert all(name.startswith("svdesk.domain") for name in ours), path
        if layer in ("store", "compose", "render", "domain"):
            assert not any(name.startswith("svdesk.ui") for name in ours), path


def test_version_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["version"] == svdesk.__version__


def test_every_package_is_listed_for_installation():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(project["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "svdesk").rglob("__init__.py")
    }
    assert on_disk <= listed


def test_readme_commands_are_what_ci_runs():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    match = re.search(r"<!-- test-command -->\s*```(?:sh|bash)?\n(.+?)\n```", readme, re.S)
    assert match, "README must mark its test command with <!-- test-command -->"
    assert "test-command" in ci


def test_no_pyside6_meta_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    names = [re.split(r"[<>=\[ ]", dep)[0] for dep in project["project"]["dependencies"]]
    assert "PySide6" not in names and "PySide6-Essentials" in names


def test_readme_images_exist():
    readme = (ROOT / "README.md").read_text("utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert images
    assert [image for image in images if not (ROOT / image).is_file()] == []


def test_readme_lists_every_command():
    from svdesk.cli import _command_names

    readme = (ROOT / "README.md").read_text("utf-8")
    assert [name for name in sorted(_command_names()) if f"svdesk {name}" not in readme] == []


def test_readme_lists_every_export_kind():
    import argparse

    from svdesk.commands import export

    parser = argparse.ArgumentParser()
    export.register(parser.add_subparsers())
    kinds = next(action for action in parser._subparsers._group_actions[0].choices["export"]._actions
                 if isinstance(action, argparse._SubParsersAction)).choices
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(kinds) >= 5
    assert [kind for kind in kinds if f"svdesk export {kind} " not in readme] == []
