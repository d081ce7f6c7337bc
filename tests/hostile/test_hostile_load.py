"""Hostile text through every free-text field, via ``svdesk load``.

For each nasty string of the corpus, the demo's dump gets that string in EVERY free-text field of
EVERY section at once (fields found from the dump's JSON Schema, see ``inject``). Then:

- ``validate`` accepts it, or rejects it with plain sentences — never an exception; a field whose
  own rule rejects the text (a web address, a length limit) is found by trying it alone and keeps
  its demo value, and everything else must then be accepted;
- the file loads, stores every field exactly as given (nothing cut at a NUL), and dump -> load ->
  dump is identical; story search takes the text as a query;
- EVERY export of the registry (``svdesk.services.export_registry.EXPORTS``, as the self-test runs them)
  succeeds in each of its formats, and each file read back (.txt and .md as text, .md unescaped,
  .docx with python-docx, .pdf with pdftotext) holds every piece of text of the Document it was
  made from, cleaned as the renderers clean it; characters a format cannot hold are left out
  only when ``svdesk.render.inspect`` reports them.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import json

import pytest

from svdesk import render
from svdesk.services.export_registry import EXPORTS
from svdesk.domain.textsafe import clean_text
from svdesk.store.demo import demo_dump
from svdesk.store.dump import dump_file, load_file, to_json, validate
from svdesk.store.workspace import open_workspace
from tests.hostile.corpus import NASTY, ONE_MEGABYTE, safe_for_storage
from tests.hostile.expected import pieces
from tests.hostile.inject import (
    all_slots, free_text_paths, get, injected, plain_problem, put, rejected_slots, slot,
)
from tests.hostile.readback import (
    READERS, found, have_pdftotext, invisible, markdown_leaks, squash,
)

TODAY = dt.date(2026, 11, 22)
CASES = [pytest.param(safe_for_storage(text), id=name) for name, text in NASTY]
# Fields people paste whole documents into, one per kind of record that exports print (every
# record of the demo gets it: the 13 stories alone then hold 13 MB).
LONG_FIELDS = {"quote", "full_text", "question", "answer_text", "text", "heard", "actions"}


@pytest.fixture(scope="module")
def base():
    return demo_dump()


# Who a story is about keeps the demo's names: with the same text as a person's name AND in every
# printed field, every document would name them beyond their consent, and the last check before
# an export rightly refuses it (tests/compose/test_exposure_exports.py covers that).
IDENTITY = {"stories.stories[].person_name", "stories.stories[].pseudonym"}


def _accepted(base: dict, text: str) -> tuple[dict, set[str]]:
    """The dump with ``text`` in every free-text field its rules accept, and the fields it is in."""
    slots = all_slots(base) - IDENTITY
    data = injected(base, text, slots)
    problems = validate(data)
    assert all(plain_problem(problem) for problem in problems), problems
    if problems:
        rejected = rejected_slots(base, text, validate)
        assert rejected, f"rejected as a whole but no field rejects it alone: {problems}"
        slots -= rejected
        data = injected(base, text, slots)
        assert validate(data) == []
    return data, slots


def _load(data: dict, target):
    load_file(data, target)
    return open_workspace(target)


def _export_everything(workspace, tmp_path, monkeypatch) -> list:
    """Runs every registered export; returns (document, format, path) for each file written."""
    written = []
    real_write = render.write

    def spy(document, fmt, path):
        result = real_write(document, fmt, path)
        written.append((document, fmt, result))
        return result

    monkeypatch.setattr(render, "write", spy)
    for export in EXPORTS:
        out = tmp_path / export.name.replace(" ", "-")
        out.mkdir()
        paths = export.run(workspace, out)
        formats = {path.suffix.lstrip(".") for path in paths}
        assert paths and formats == set(export.formats), f"{export.name}: wrote {sorted(formats)}"
        for path in paths:
            assert path.stat().st_size > 0
    monkeypatch.undo()
    return written


def _check_read_back(written, text: str) -> None:
    """Every piece of every exported Document is in its file, minus what the format reports it
    cannot hold."""
    missing = []
    for document, fmt, path in written:
        if fmt == "pdf" and not have_pdftotext():
            continue
        report = render.inspect(document, fmt)
        drop = ""
        if fmt == "pdf":
            # Reported: no glyph (prints as a box) and right-to-left letters (set in the wrong
            # order, so extraction reads them differently). Format characters are invisible.
            drop = "".join(report.unshowable) + "".join(report.right_to_left) + invisible(text)
        got = READERS[fmt](path)
        pages = got.count("\f") + 1 if fmt == "pdf" else 1
        haystack = squash(got, drop)
        chunks = 2 * pages if fmt == "pdf" else 1
        rtl = set(report.right_to_left)
        whole, cells = pieces(document, fmt)
        for piece, is_cell in [(piece, False) for piece in whole] + [(cell, True) for cell in cells]:
            # Word by word where lines are not kept together: plain-text table columns wrap side
            # by side, and PDF text extraction reorders a line around right-to-left words.
            by_word = (is_cell and fmt == "txt") or (fmt == "pdf" and rtl.intersection(piece))
            for part in piece.split() if by_word else [piece]:
                if not found(squash(part, drop), haystack, chunks):
                    missing.append(f"{path.name}: {part[:80]!r}")
        if fmt == "md":
            assert markdown_leaks(path) == [], f"{path.name}: user text would be read as Markdown"
        if report.removed or (fmt == "pdf" and (report.unshowable or report.right_to_left)):
            assert report.sentences(), "what a format leaves out must be reported"
    assert not missing, f"{len(missing)} pieces of text missing, e.g. {missing[:5]}"


@pytest.mark.slow
@pytest.mark.parametrize("text", CASES)
def test_hostile_text_in_every_field_loads_and_exports(text, base, tmp_path, monkeypatch):
    data, slots = _accepted(base, text)
    assert len(slots) >= 0.85 * len(all_slots(base)), "most free-text fields take any text"
    workspace = _load(data, tmp_path / "hostile.svdesk")
    try:
        first = dump_file(workspace.file)
        for path in free_text_paths(data):
            if slot(path) in slots:
                assert get(first, path) == text, f"{slot(path)} was not stored as given"
        assert workspace.stories.search(text) is not None      # the text as a search query
        written = _export_everything(workspace, tmp_path, monkeypatch)
    finally:
        workspace.close()

    again = tmp_path / "again.svdesk"
    load_file(json.loads(to_json(first)), again)
    second = open_workspace(again, read_only=True)
    try:
        assert to_json(dump_file(second.file)) == to_json(first)
    finally:
        second.close()

    _check_read_back(written, text)
    cleaned = squash(clean_text(text))
    if cleaned:
        # The person's own words made it into every kind of document.
        for export_name in ("statement", "tender answer", "CIC34 report"):
            texts = [squash(READERS[fmt](path)) for document, fmt, path in written
                     if fmt in ("txt", "docx") and _export_of(path, tmp_path) == export_name]
            assert any(cleaned in got for got in texts), f"{export_name}: the text is not in it"


def _export_of(path, tmp_path) -> str:
    folder = path.relative_to(tmp_path).parts[0]
    return next(export.name for export in EXPORTS if export.name.replace(" ", "-") == folder)


def test_exports_report_the_characters_they_leave_out(base, tmp_path):
    """The tender answer's export notes say which control characters were left out."""
    from svdesk.services.exports import export_answer

    text = safe_for_storage(dict(NASTY)["control characters"])
    data, _ = _accepted(base, text)
    workspace = _load(data, tmp_path / "hostile.svdesk")
    try:
        tender = workspace.tenders.all()[0]
        for fmt in ("docx", "pdf", "txt"):
            outcome = export_answer(workspace, tender.id, fmt, tmp_path / f"answer.{fmt}", today=TODAY)
            note = " ".join(outcome.notes)
            assert "left out" in note and "U+0007 (bell)" in note and "U+001B (escape)" in note
    finally:
        workspace.close()


def test_nul_bytes_are_kept_in_the_file_and_left_out_of_documents(base, tmp_path, monkeypatch):
    """SQLite TEXT holds a NUL, so the record keeps what was given (nothing is cut at the NUL);
    Word, PDF and text documents cannot hold it, so exports leave it out and say so."""
    text = "before\x00after"
    data, slots = _accepted(base, text)
    workspace = _load(data, tmp_path / "nul.svdesk")
    try:
        stored = workspace.file.query_one("SELECT title, hex(CAST(title AS BLOB)) AS bytes FROM stories LIMIT 1")
        assert stored["title"] == text and stored["bytes"] == text.encode("utf-8").hex().upper()
        assert workspace.stories.get(workspace.stories.search("")[0].id).title == text
        written = _export_everything(workspace, tmp_path, monkeypatch)
    finally:
        workspace.close()
    for document, fmt, path in written:
        assert render.inspect(document, fmt).removed[0].describe().startswith("U+0000 (null)")
        if fmt in ("txt", "md"):
            content = path.read_text("utf-8")
            assert "\x00" not in content and "beforeafter" in content


@pytest.mark.slow
def test_one_megabyte_in_the_long_fields(base, tmp_path, monkeypatch):
    """A whole report pasted into each long field: fields with a length limit get the longest
    start of it they accept; the file loads, every export finishes and holds the text, and the
    drafted tender answers still fit their word limits."""
    from svdesk.compose.tender import draft_answer

    long_slots = {name for name in all_slots(base) if name.rsplit(".", 1)[-1] in LONG_FIELDS}
    assert {"stories.stories[].quote", "statement.statements[].full_text", "tenders.tenders[].question",
            "tenders.tenders[].answer_text", "consultations[].heard"} <= long_slots
    data = injected(base, ONE_MEGABYTE, long_slots)
    problems = validate(data)
    assert all(plain_problem(problem) for problem in problems), problems
    limited = sorted(rejected_slots(base, ONE_MEGABYTE, validate) & long_slots)
    for name in limited:
        size = _longest_accepted(base, name)
        assert size >= 2000, f"{name} takes only {size} characters"
        data = injected(data, ONE_MEGABYTE[:size], {name})
    assert validate(data) == []

    faulthandler.dump_traceback_later(600)   # a hang shows where it is in the CI log
    try:
        workspace = _load(data, tmp_path / "big.svdesk")
        try:
            for tender in workspace.tenders.all():
                draft = draft_answer(workspace, tender.id, TODAY)
                assert draft.fits and (tender.word_limit is None or draft.words <= tender.word_limit)
            written = _export_everything(workspace, tmp_path, monkeypatch)
        finally:
            workspace.close()
        _check_read_back(written, ONE_MEGABYTE)
    finally:
        faulthandler.cancel_dump_traceback_later()
    whole = squash(ONE_MEGABYTE)
    for document, fmt, path in written:
        if fmt != "pdf" and _export_of(path, tmp_path) in ("statement", "tender answer"):
            assert whole in squash(READERS[fmt](path)), f"{path.name}: the megabyte is not there whole"


def _longest_accepted(base: dict, name: str) -> int:
    low, high = 0, len(ONE_MEGABYTE)
    while low < high:
        middle = (low + high + 1) // 2
        if validate(injected(base, ONE_MEGABYTE[:middle], {name})):
            high = middle - 1
        else:
            low = middle
    return low


def test_problems_for_hostile_values_are_plain_sentences(base):
    """Every field at once with text no rule accepts: each problem is one plain sentence."""
    text = "<b>" + "x" * 60000 + "\x00\x07"
    problems = validate(injected(base, text))
    assert problems and all(plain_problem(problem) for problem in problems), problems


def _string_paths(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _string_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_paths(value, (*path, index))
    elif isinstance(data, str):
        yield path


@pytest.mark.slow  # validates the dump once per field, then exports every format; the NUL test above is the fast one
def test_hostile_text_in_dates_codes_and_stamps(base, tmp_path, monkeypatch):
    """The fields that are not free text (dates, codes, stamps, keys; not ids, whose mix-ups
    are another test's business): each one alone is refused in plain words, and all those the
    validation lets through, at once, still load and export."""
    text = "<b>x</b>\x00 2026-13-45 %s {0}"
    free = all_slots(base)
    paths = [path for path in _string_paths(base) if slot(path) not in free
             and not str(path[-1] if not isinstance(path[-1], int) else path[-2]).endswith(("id", "ids"))]
    by_slot: dict[str, list] = {}
    for path in paths:
        by_slot.setdefault(slot(path), []).append(path)
    accepted = []
    for name, slot_paths in sorted(by_slot.items()):
        data = json.loads(json.dumps(base))
        for path in slot_paths:
            put(data, path, text)
        problems = validate(data)
        assert all(plain_problem(problem) for problem in problems), (name, problems)
        if not problems:
            accepted.append(name)
    assert "tenders.submissions[].commitments[].by_when" not in accepted
    data = json.loads(json.dumps(base))
    for name in accepted:
        for path in by_slot[name]:
            put(data, path, text)
    assert validate(data) == []
    workspace = _load(data, tmp_path / "codes.svdesk")
    try:
        _export_everything(workspace, tmp_path, monkeypatch)
    finally:
        workspace.close()
