"""The headless half of the self-test: the export registry, the file checks, the report."""

import io
import json
import shutil
import zipfile

import pytest

from svdesk import selftest
from svdesk.services import export_registry as exports
from svdesk.services.export_registry import EXPORTS, KNOWN_FORMATS, Export
from svdesk.selftest import SelfTestFailure, check_export_file


def _docx_bytes(member="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<w:document/>")
    return buffer.getvalue()


GOOD = {
    "pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "docx": _docx_bytes(),
    "xlsx": _docx_bytes("xl/workbook.xml"),
    "png": b"\x89PNG\r\n\x1a\n" + b"\0" * 20,
    "txt": "Zoë's café — £1,200\n".encode("utf-8"),
    "md": b"# Heading\n\nText.\n",
    "csv": b"period,value\n2025/26,12\n",
    "json": b'{"a": 1}',
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    "html": b"<p>Hello</p>",
}

BAD = [
    ("pdf", b"%PDF-1.4\nthe rest went missing", "not a complete PDF"),
    ("pdf", b"Dear diary\n%%EOF", "not a complete PDF"),
    ("docx", b"PK not really a zip", "not a readable docx"),
    ("docx", _docx_bytes("something/else.xml"), "not a readable docx"),
    ("xlsx", _docx_bytes(), "not a readable xlsx"),
    ("png", b"GIF89a....", "not a PNG"),
    ("txt", "café".encode("latin-1"), "not UTF-8"),
    ("md", b"  \n\n ", "no text"),
    ("json", b"{not json", "not valid JSON"),
    ("svg", b"<html/>", "not an SVG"),
]


def test_every_known_format_has_a_good_example():
    assert set(GOOD) == set(KNOWN_FORMATS)


@pytest.mark.parametrize("fmt", sorted(GOOD))
def test_good_files_pass(tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(GOOD[fmt])
    check_export_file(path)


@pytest.mark.parametrize(("fmt", "data", "says"), BAD)
def test_bad_files_are_named_in_a_sentence(tmp_path, fmt, data, says):
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(data)
    with pytest.raises(SelfTestFailure, match=says) as caught:
        check_export_file(path)
    assert path.name in str(caught.value)


def test_empty_and_missing_files_fail(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(SelfTestFailure, match="is empty"):
        check_export_file(empty)
    with pytest.raises(SelfTestFailure, match="not written"):
        check_export_file(tmp_path / "never.txt")


def test_export_entries_are_checked_when_listed():
    with pytest.raises(ValueError, match="formats"):
        Export("odd", ("exe",), "svdesk.services.export_registry:EXPORTS")
    with pytest.raises(ValueError, match="formats"):
        Export("none", (), "svdesk.services.export_registry:EXPORTS")
    with pytest.raises(ValueError, match="module:function"):
        Export("no colon", ("txt",), "svdesk.compose.tender")


def test_every_registered_export_resolves_to_a_function():
    names = [export.name for export in EXPORTS]
    assert len(names) == len(set(names)), "two exports share a name"
    for export in EXPORTS:
        assert callable(export.resolve()), export.name


# -- the report, with made-up exports (the pages are the ui test's business) -------------------
@pytest.fixture
def no_pages(monkeypatch, demo_source):
    monkeypatch.setattr(selftest, "render_pages", lambda demo, folder: "skipped in this test")
    # The demo the session already wrote, copied rather than written again for each run (most of
    # a run's time): writing it is checked by the self-test runs that keep their pages.
    from svdesk.store import demo

    monkeypatch.setattr(demo, "write_demo", lambda target: shutil.copyfile(demo_source, target))


def _run(monkeypatch, registered):
    monkeypatch.setattr(exports, "EXPORTS", registered)
    lines = []
    code = selftest.run_self_test(emit=lines.append)
    return code, "\n".join(lines)


def _writer(*names, content=b"hello\n"):
    def export(workspace, out_dir):
        assert workspace.organisation.get().name == "Riverside Bike Works CIC"
        written = []
        for name in names:
            path = out_dir / name
            path.write_bytes(GOOD.get(path.suffix.lstrip("."), content))
            written.append(path)
        return written

    return export


def test_a_clean_run_reports_each_check(monkeypatch, no_pages, tmp_path):
    code, text = _run(monkeypatch, [Export("letter", ("pdf", "txt"), _writer("a.pdf", "a.txt", "b.txt"))])
    assert code == 0, text
    assert "ok      export letter: 3 files (pdf, txt)" in text
    assert "ok      dump -> load -> dump" in text and "identical" in text
    assert "ok      file check" in text
    assert "Self-test passed" in text


def test_nothing_registered_still_passes(monkeypatch, no_pages):
    code, text = _run(monkeypatch, [])
    assert code == 0
    assert "exports: none registered" in text


@pytest.mark.parametrize(("written", "says"), [
    ((), "it wrote no files"),
    (("a.pdf",), "it wrote no txt file"),
    (("a.pdf", "a.txt", "a.docx"), "a.docx, which is not one of its formats"),
    (("../escaped.txt", "a.pdf"), "outside its folder"),
])
def test_export_problems_fail_the_run_with_a_sentence(monkeypatch, no_pages, written, says):
    code, text = _run(monkeypatch, [
        Export("good", ("txt",), _writer("fine.txt")),
        Export("letter", ("pdf", "txt"), _writer(*written)),
    ])
    assert code == 1
    assert "ok      export good" in text
    assert f"FAILED  export letter: {says}" in text or says in text
    assert "FAILED  exports: 1 of 2 exports failed (letter)" in text
    assert "Self-test FAILED" in text


def test_a_crashing_export_is_reported_and_logged(monkeypatch, no_pages, _private_user_folders):
    def crash(workspace, out_dir):
        raise RuntimeError("the printer caught fire")

    code, text = _run(monkeypatch, [Export("crash", ("pdf",), crash)])
    assert code == 1
    assert "FAILED  export crash: unexpected RuntimeError: the printer caught fire" in text
    assert "Traceback" not in text
    log = (_private_user_folders / "data" / "svdesk.log").read_text("utf-8")
    assert "the printer caught fire" in log and "Traceback" in log


def test_report_is_saved_for_support(monkeypatch, no_pages, _private_user_folders):
    code, text = _run(monkeypatch, [])
    saved = (_private_user_folders / "data" / "self-test.txt").read_text("utf-8")
    assert code == 0
    assert saved.splitlines()[0].startswith("svdesk ") and "Self-test passed" in saved


def test_keep_copies_the_exports(monkeypatch, no_pages, tmp_path):
    monkeypatch.setattr(exports, "EXPORTS", [Export("data", ("json",), _writer("d.json"))])
    lines = []
    assert selftest.run_self_test(keep=tmp_path / "kept", emit=lines.append) == 0
    kept = tmp_path / "kept" / "exports" / "01-data" / "d.json"
    assert json.loads(kept.read_text("utf-8")) == {"a": 1}


def test_qt_platform_is_offscreen_without_a_display(monkeypatch):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(selftest.sys, "platform", "linux")
    selftest.choose_qt_platform()
    assert selftest.os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_qt_platform_is_left_alone_with_a_display(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(selftest.sys, "platform", "linux")
    selftest.choose_qt_platform()
    assert "QT_QPA_PLATFORM" not in selftest.os.environ
