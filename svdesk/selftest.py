"""``svdesk --self-test``: proves that this copy of svdesk works, end to end, without a window.

It makes a fresh copy of the demo organisation in a temporary folder, checks the file, runs a
dump -> load -> dump round trip, makes every export listed in ``svdesk.services.export_registry.EXPORTS``
and checks each file, then renders every page of the window offscreen. Nothing outside the
temporary folder is touched except the report, which is also saved as ``self-test.txt`` in the
user data folder (a windowed build on Windows has no terminal to print to).

Used by the installer builds in CI, by the packaging test, and by support ("run svdesk
--self-test and send us what it says"). Exit code 0 when every check passed, 1 otherwise; each
failure is one plain sentence, the technical details go to the log file.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from svdesk import __version__
from svdesk.domain.errors import SvdeskError


class SelfTestFailure(Exception):
    """One check failed; the message is the plain sentence shown to the person."""


class Report:
    def __init__(self, emit: Callable[[str], None]):
        self.emit = emit
        self.lines: list[str] = []
        self.passed = 0
        self.failed = 0

    def say(self, text: str) -> None:
        self.lines.append(text)
        self.emit(text)

    def check(self, label: str, step: Callable[[], str | None]) -> bool:
        """Runs one check; prints 'ok' or 'FAILED' with the sentence. Never raises."""
        try:
            detail = step()
        except (SelfTestFailure, SvdeskError) as failure:
            return self._failed(label, str(failure))
        except Exception as error:  # noqa: BLE001 - a self-test reports, it does not crash
            from svdesk.logs import log_unexpected

            where = log_unexpected(error)
            return self._failed(label, f"unexpected {type(error).__name__}: {error} (details in {where})")
        self.passed += 1
        self.say(f"  ok      {label}" + (f": {detail}" if detail else ""))
        return True

    def _failed(self, label: str, sentence: str) -> bool:
        self.failed += 1
        self.say(f"  FAILED  {label}: {sentence}")
        return False


def _emit_to_stdout(text: str) -> None:
    # A windowed build on Windows has no stdout at all (sys.stdout is None).
    if sys.stdout is not None:
        print(text, flush=True)


def run_self_test(keep: Path | None = None, emit: Callable[[str], None] = _emit_to_stdout) -> int:
    started = time.perf_counter()
    report = Report(emit)
    frozen = "frozen build" if getattr(sys, "frozen", False) else "from source"
    report.say(f"svdesk {__version__} self-test ({frozen}; Python {platform.python_version()}; "
               f"{platform.system()} {platform.release()} {platform.machine()})")
    with tempfile.TemporaryDirectory(prefix="svdesk-self-test-", ignore_cleanup_errors=True) as scratch:
        work = Path(scratch)
        demo = work / "demo.svdesk"
        report.check("resources", check_resources)
        if report.check("demo organisation", lambda: make_demo(demo)):
            report.check("file check", lambda: check_file(demo))
            report.check("dump -> load -> dump", lambda: round_trip(demo, work / "round-trip"))
            report.check("exports", lambda: run_exports(demo, work / "exports", report))
            # Last: Qt is the one part that can take the whole process down (e.g. a missing
            # system library), and everything above is already printed by then.
            report.check("window pages", lambda: render_pages(demo, work / "pages"))
        if keep is not None:
            report.check(f"copy of the results in {keep}", lambda: _keep(work, keep))
    seconds = time.perf_counter() - started
    if report.failed:
        report.say(f"Self-test FAILED: {report.failed} of {report.passed + report.failed} checks failed "
                   f"({seconds:.1f} s). The lines marked FAILED say what went wrong.")
    else:
        report.say(f"Self-test passed: {report.passed} checks in {seconds:.1f} s.")
    _save_report(report)
    return 1 if report.failed else 0


def _save_report(report: Report) -> None:
    with contextlib.suppress(Exception):  # the report on screen is what matters; the copy is a help
        from svdesk.paths import data_dir

        target = data_dir() / "self-test.txt"
        target.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
        report.emit(f"(This report is also saved in {target}.)")


# -- the checks ------------------------------------------------------------------------------------
def check_resources() -> str:
    from svdesk import paths

    try:
        folder = paths.resources_dir()
    except FileNotFoundError as error:
        raise SelfTestFailure(str(error)) from None
    fonts = sorted((folder / "fonts").glob("*.ttf"))
    if len(fonts) < 4 or any(font.stat().st_size == 0 for font in fonts):
        raise SelfTestFailure(f"the fonts in {folder / 'fonts'} are missing or empty; please reinstall svdesk.")
    schema = folder / "schema" / "svdesk-dump.schema.json"
    try:
        json.loads(schema.read_text("utf-8"))
    except (OSError, ValueError):
        raise SelfTestFailure(f"{schema} is missing or unreadable; please reinstall svdesk.") from None
    count = sum(1 for path in folder.rglob("*") if path.is_file())
    found = f"{count} files in {folder}"
    if getattr(sys, "frozen", False):
        notices = folder.parent / "licenses"
        if not (notices / "THIRD-PARTY-NOTICES.txt").is_file():
            raise SelfTestFailure(f"the licence notices are missing from {notices}; please reinstall svdesk.")
        found += "; licence notices present"
    return found


def make_demo(target: Path) -> str:
    from svdesk.store.demo import write_demo
    from svdesk.store.workspace import open_workspace

    write_demo(target)
    workspace = open_workspace(target, read_only=True)
    try:
        name = workspace.organisation.get().name
    finally:
        workspace.close()
    return f"{name}, {target.stat().st_size // 1024} KB"


def check_file(path: Path) -> str:
    from svdesk.store.fileformat import FileRefused
    from svdesk.store.orgfile import health_check

    try:
        health_check(path, full=True)
    except FileRefused as refused:
        raise SelfTestFailure(f"the demo file was refused: {refused.reason}") from None
    return "integrity ok"


def round_trip(path: Path, folder: Path) -> str:
    from svdesk.store.dump import dump_file, load_file, to_json
    from svdesk.store.orgfile import open_file

    folder.mkdir()

    def dumped(source: Path) -> tuple[str, int]:
        orgfile = open_file(source, read_only=True)
        try:
            data = dump_file(orgfile)
        finally:
            orgfile.close()
        return to_json(data), len([key for key in data if key not in ("format", "version", "written_by")])

    first, sections = dumped(path)
    copy = folder / "loaded.svdesk"
    load_file(json.loads(first), copy)
    second, _ = dumped(copy)
    if first != second:
        raise SelfTestFailure("loading the demo's JSON and dumping it again gave different JSON.")
    return f"{sections} sections, {len(first.encode('utf-8')) // 1024} KB of JSON, identical"


def run_exports(demo: Path, folder: Path, report: Report) -> str:
    from svdesk.services.export_registry import EXPORTS
    from svdesk.store.orgfile import copy_file, open_file
    from svdesk.store.workspace import Workspace

    if not EXPORTS:
        return "none registered in this version"
    folder.mkdir()
    problems = []
    for number, export in enumerate(EXPORTS, start=1):
        out_dir = folder / f"{number:02d}-{_slug(export.name)}"
        out_dir.mkdir()
        # A private copy per export: one export changing the file cannot hide another's problem.
        copies = folder.with_name("export-copies")
        copies.mkdir(exist_ok=True)
        copy = copy_file(demo, copies / f"{number:02d}.svdesk")
        workspace = Workspace.around(open_file(copy, backup=False))
        try:
            ok = report.check(f"export {export.name}", lambda: _run_export(export, workspace, out_dir))
        finally:
            workspace.close()
        if not ok:
            problems.append(export.name)
    if problems:
        raise SelfTestFailure(f"{len(problems)} of {len(EXPORTS)} exports failed ({', '.join(problems)}).")
    return f"{len(EXPORTS)} exports made and checked"


def _run_export(export, workspace, out_dir: Path) -> str:
    written = export.run(workspace, out_dir)
    if not written:
        raise SelfTestFailure("it wrote no files.")
    made = set()
    for path in written:
        try:
            path.resolve().relative_to(out_dir.resolve())
        except ValueError:
            raise SelfTestFailure(f"it wrote {path} outside its folder.") from None
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in export.formats:
            raise SelfTestFailure(f"it wrote {path.name}, which is not one of its formats ({', '.join(export.formats)}).")
        check_export_file(path)
        made.add(fmt)
    missing = [fmt for fmt in export.formats if fmt not in made]
    if missing:
        raise SelfTestFailure(f"it wrote no {', '.join(missing)} file.")
    total = sum(path.stat().st_size for path in written)
    kinds = ", ".join(fmt for fmt in export.formats)
    return f"{len(written)} file{'s' if len(written) != 1 else ''} ({kinds}), {_size_of(total)} in all"


def check_export_file(path: Path) -> None:
    """Raises SelfTestFailure unless ``path`` is a non-empty file whose content matches its suffix."""
    if not path.is_file():
        raise SelfTestFailure(f"{path.name} was reported but not written.")
    data = path.read_bytes()
    if not data:
        raise SelfTestFailure(f"{path.name} is empty.")
    fmt = path.suffix.lower().lstrip(".")
    if fmt == "pdf":
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise SelfTestFailure(f"{path.name} is not a complete PDF.")
    elif fmt in ("docx", "xlsx"):
        member = "word/document.xml" if fmt == "docx" else "xl/workbook.xml"
        try:
            with zipfile.ZipFile(path) as archive:
                if member not in archive.namelist() or archive.testzip() is not None:
                    raise SelfTestFailure(f"{path.name} is not a readable {fmt} document.")
        except zipfile.BadZipFile:
            raise SelfTestFailure(f"{path.name} is not a readable {fmt} document.") from None
    elif fmt == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise SelfTestFailure(f"{path.name} is not a PNG image.")
    else:  # text formats
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SelfTestFailure(f"{path.name} is not UTF-8 text.") from None
        if not text.strip():
            raise SelfTestFailure(f"{path.name} has no text in it.")
        if fmt == "json":
            try:
                json.loads(text)
            except ValueError:
                raise SelfTestFailure(f"{path.name} is not valid JSON.") from None
        elif fmt == "svg" and "<svg" not in text:
            raise SelfTestFailure(f"{path.name} is not an SVG image.")


def render_pages(demo: Path, folder: Path) -> str:
    choose_qt_platform()
    from svdesk.ui.shell.selftest import platform_name, render_every_page

    folder.mkdir()
    rendered = render_every_page(demo, folder)
    return f"{len(rendered)} rendered ({', '.join(rendered)}) with Qt's {platform_name()} platform plugin"


def choose_qt_platform() -> None:
    """Without a display (a server, CI, a support session over ssh) Qt must draw offscreen, and
    must be told so before it loads, or it aborts the whole process."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform in ("win32", "darwin"):
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# -- helpers ---------------------------------------------------------------------------------------
def _keep(work: Path, keep: Path) -> str:
    keep.mkdir(parents=True, exist_ok=True)
    copied = 0
    for name in ("exports", "pages"):
        source = work / name
        if source.is_dir():
            shutil.copytree(source, keep / name, dirs_exist_ok=True)
            copied += sum(1 for path in source.rglob("*") if path.is_file())
    return f"{copied} files"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "export"


def _size_of(size: int) -> str:
    return f"{size} bytes" if size < 1024 else f"{size // 1024} KB"
