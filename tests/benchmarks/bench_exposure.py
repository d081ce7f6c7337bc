"""How long does the last check before an export (svdesk.compose.exposure) take with 10,000 stories?

Run by hand (not a test):  python tests/benchmarks/bench_exposure.py [--scale 1.0] [--runs 20] [--big FILE]

Makes the big file (tests/benchmarks/bigfile.py, without its evidence files, which the check never
reads) and gives every story's person a name of their own (a first name shared by ~1 in 22, a
surname of their own), then times, for the tender answer, CIC34 report and impact summary of the
big file, a 20,000-word document and a document naming one person of each first name (the worst
case: every story shares a word with it), the check as an export runs it (the document's whole
text against every story whose name shares a word with it, found through the file's index of
stories by name word): with the file unchanged, after an edit elsewhere in the file (the stories'
mark read again and found unchanged), after one story's name or consent changed (every story the
document could name read again from its small facts row, the changed one decided again), and as the first export of a fresh process
(imports, opening the file and drafting the document not counted). Target: under 50 ms per export.
A --big file must already have the index (opened once for writing by this svdesk).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 22)
FIRST = ("Łukasz", "Zoë", "Siân", "Gwenllïan", "Rhodri", "Aisha", "Kwame", "Priya", "Øyvind", "Đorđe", "Małgorzata",
         "Dafydd", "Chloé", "Seán", "Zofia", "Bartłomiej", "Tomás", "Amélie", "Ffion", "Grzegorz", "Nia", "Jamal")
SYLLABLES = ("now", "ak", "wiś", "niew", "ska", "pri", "tch", "ard", "gruff", "udd", "ok", "oye", "men", "sah",
             "ber", "gø", "dą", "brow", "ski", "rhys", "ev", "ans", "llew", "el", "yn")


def _bigfile():
    spec = importlib.util.spec_from_file_location("bigfile", HERE / "bigfile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_file(path: Path, scale: float) -> Path:
    from svdesk.store.dump import load_file

    data = _bigfile().big_dump(scale)
    rng = random.Random(13)
    seen = set()
    for story in data["stories"]["stories"]:
        while True:
            surname = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
            name = f"{rng.choice(FIRST)} {surname}"
            if name not in seen:
                break
        seen.add(name)
        story["person_name"] = name
    load_file(data, path)
    return path


def documents(workspace, only: str | None = None) -> dict:
    from svdesk.compose.cic34 import default_year, draft_report
    from svdesk.document.model import Document, Paragraph
    from svdesk.compose.summary import draft_summary
    from svdesk.compose.tender import answer_document

    year = default_year(workspace, TODAY)
    tender = max(workspace.tenders.all(), key=lambda item: len(workspace.tenders.answer(item.id).text))
    text = workspace.tenders.answer(tender.id).text
    words = (text.split() * (20_000 // max(1, len(text.split())) + 1))[:20_000]
    named = [row["person_name"] for row in workspace.file.query(
        "SELECT min(person_name) AS person_name FROM stories WHERE person_name != '' "
        "GROUP BY substr(person_name, 1, instr(person_name, ' '))")]
    makers = {
        "tender answer": lambda: answer_document(workspace, tender, text, "draft", None, TODAY),
        "CIC34 report": lambda: draft_report(workspace, year, TODAY).document(),
        "impact summary": lambda: draft_summary(workspace, year, TODAY).document(),
        "20,000 words": lambda: Document("Long", tuple(Paragraph(" ".join(words[i:i + 200]))
                                                       for i in range(0, 20_000, 200))),
        "every first name": lambda: Document("Thanks", tuple(Paragraph(f"Thank you, {name}, for your help.")
                                                             for name in named)),
    }
    return {name: make() for name, make in makers.items() if only in (None, name)}


USES = {"tender answer": "tender", "CIC34 report": "report", "impact summary": "summary", "20,000 words": "summary",
        "every first name": "summary"}


def _uses(name: str):
    from svdesk.compose.cic34 import REPORT_USES
    from svdesk.compose.summary import SUMMARY_USES
    from svdesk.compose.tender_material import TENDER_USE

    return {"tender": (TENDER_USE,), "report": REPORT_USES, "summary": SUMMARY_USES}[USES[name]]


def fresh(path: Path, name: str) -> int:
    """In this fresh process: the first check of one document, as the first export would run it."""
    from svdesk.compose.exposure import document_text, exposures_in
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    workspace = Workspace.around(open_file(path, read_only=True))
    try:
        document = documents(workspace, name)[name]
        workspace.exposure._cached = None
        _clear_caches()
        started, cpu = time.perf_counter(), time.thread_time()
        exposures_in(workspace, document_text(document), _uses(name), TODAY)
        print(f"{time.perf_counter() - started:.6f} {time.thread_time() - cpu:.6f}")
    finally:
        workspace.close()
    return 0


def _clear_caches() -> None:
    """What drafting the document left in the check's caches (a real first export drafts too, but
    its words may differ): start from nothing."""
    from svdesk.domain import exposure as rule
    from svdesk.domain import exposure_words as words
    from svdesk.store import exposure_repo

    for cached in (words._fold_token, words.name_words, words._fold_char, rule._entry, rule._words_pattern,
                   exposure_repo._allowed, exposure_repo._uses, exposure_repo._categories, exposure_repo._date):
        cached.cache_clear()


def _ms(values, cpu=()) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    # The processor time of the check alone: on a machine shared with other work, the time on the
    # clock also counts the waits for a free core.
    used = f"; processor time median {statistics.median(cpu) * 1000:5.1f} ms" if cpu else ""
    return (f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms, "
            f"max {ordered[-1] * 1000:6.1f} ms{used}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--fresh-runs", type=int, default=5, help="fresh processes per document")
    parser.add_argument("--big", type=Path, help="use this file instead of making one")
    parser.add_argument("--fresh", help=argparse.SUPPRESS)  # internal: one fresh-process measurement
    args = parser.parse_args()
    if args.fresh:
        return fresh(args.big, args.fresh)

    import subprocess

    from svdesk.compose.exposure import document_text, exposures_in
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    folder = None if args.big else Path(tempfile.mkdtemp(prefix="bench-exposure-"))
    path = args.big or make_file(folder / "big.svdesk", args.scale)
    workspace = Workspace.around(open_file(path, read_only=True))
    try:
        stories = workspace.file.query_one("SELECT count(*) AS n FROM stories")["n"]
        words = workspace.file.query_one("SELECT count(*) AS n FROM story_name_tokens")["n"]
        print(f"{stories:,} stories; {words:,} (word, story) pairs in the index of stories by name")
        docs = documents(workspace)
        for name, document in docs.items():
            warm, elsewhere, cold, warm_cpu = [], [], [], []
            text = document_text(document)
            found = exposures_in(workspace, text, _uses(name), TODAY)
            for _ in range(args.runs):
                repo = workspace.exposure
                repo._cached = None  # as after a change to one story's name or consent:
                for known in repo._known.values():  # that story is decided again
                    if known:
                        known.pop(next(iter(known)))
                started = time.perf_counter()
                exposures_in(workspace, document_text(document), _uses(name), TODAY)
                cold.append(time.perf_counter() - started)
                repo._cached = ((None, *repo._cached[0][1:]), *repo._cached[1:])  # as after any other edit
                started = time.perf_counter()
                exposures_in(workspace, document_text(document), _uses(name), TODAY)
                elsewhere.append(time.perf_counter() - started)
                started, cpu = time.perf_counter(), time.thread_time()
                exposures_in(workspace, document_text(document), _uses(name), TODAY)
                warm.append(time.perf_counter() - started)
                warm_cpu.append(time.thread_time() - cpu)
            read = len(workspace.exposure.matcher(_uses(name), TODAY)._last[0])
            first, first_cpu = [], []
            for _ in range(args.fresh_runs):
                result = subprocess.run([sys.executable, __file__, "--big", str(path), "--fresh", name],
                                        capture_output=True, text=True)
                if result.returncode != 0:
                    raise SystemExit(f"The fresh process for {name} failed:\n{result.stderr[-3000:]}")
                first.append(float(result.stdout.split()[-2]))
                first_cpu.append(float(result.stdout.split()[-1]))
            print(f"{name:16} {len(text.split()):6,} words, {read:6,} stories read, {len(found):4} exposures\n"
                  f"    per export (file unchanged):         {_ms(warm, warm_cpu)}\n"
                  f"    after an edit elsewhere in the file: {_ms(elsewhere)}\n"
                  f"    after a story's name/consent change: {_ms(cold)}\n"
                  f"    first export of a fresh process:     {_ms(first, first_cpu) if first else 'not run'}")
    finally:
        workspace.close()
        if folder is not None:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    sys.exit(main())
