"""How long does the last check before an export (svdesk.compose.exposure) take with 10,000 stories?

Run by hand (not a test):  python tests/benchmarks/bench_exposure.py [--scale 1.0] [--runs 20] [--big FILE]

Makes the big file (tests/benchmarks/bigfile.py, without its evidence files, which the check never
reads) and gives every story's person a name of their own — the worst case for the index — then
times, for the tender answer, CIC34 report and impact summary of the big file and a 20,000-word
document, the check as an export runs it (the document's whole text against every story): with
the matcher remembered (the file unchanged), after an edit elsewhere in the file (the stories'
names and consent read again and found unchanged), and after a story's name or consent changed
(the matcher built again). Target: under 50 ms per export.
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


def documents(workspace) -> dict:
    from svdesk.compose.cic34 import default_year, draft_report
    from svdesk.compose.document import Document, Paragraph
    from svdesk.compose.summary import draft_summary
    from svdesk.compose.tender import answer_document

    year = default_year(workspace, TODAY)
    tender = max(workspace.tenders.all(), key=lambda item: len(workspace.tenders.answer(item.id).text))
    text = workspace.tenders.answer(tender.id).text
    words = (text.split() * (20_000 // max(1, len(text.split())) + 1))[:20_000]
    return {
        "tender answer": answer_document(workspace, tender, text, "draft", None, TODAY),
        "CIC34 report": draft_report(workspace, year, TODAY).document(),
        "impact summary": draft_summary(workspace, year, TODAY).document(),
        "20,000 words": Document("Long", tuple(Paragraph(" ".join(words[i:i + 200])) for i in range(0, 20_000, 200))),
    }


def _ms(values) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms, max {ordered[-1] * 1000:6.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--big", type=Path, help="use this file instead of making one")
    args = parser.parse_args()

    from svdesk.compose.cic34 import REPORT_USES
    from svdesk.compose.exposure import document_text, exposures_in
    from svdesk.compose.summary import SUMMARY_USES
    from svdesk.compose.tender_material import TENDER_USE
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    folder = None if args.big else Path(tempfile.mkdtemp(prefix="bench-exposure-"))
    path = args.big or make_file(folder / "big.svdesk", args.scale)
    workspace = Workspace.around(open_file(path, read_only=True))
    try:
        stories = workspace.file.query_one("SELECT count(*) AS n FROM stories")["n"]
        docs = documents(workspace)
        uses = {"tender answer": (TENDER_USE,), "CIC34 report": REPORT_USES, "impact summary": SUMMARY_USES,
                "20,000 words": SUMMARY_USES}
        print(f"{stories:,} stories; {len(workspace.exposure.matcher(SUMMARY_USES, TODAY)):,} of them with a name "
              "forbidden somewhere for the impact summary's uses")
        for name, document in docs.items():
            warm, elsewhere, cold = [], [], []
            text = None
            for _ in range(args.runs):
                repo = workspace.exposure
                repo._cached = None  # as after a change to a story's name or consent
                started = time.perf_counter()
                found = exposures_in(workspace, document_text(document), uses[name], TODAY)
                cold.append(time.perf_counter() - started)
                repo._cached = ((None, *repo._cached[0][1:]), *repo._cached[1:])  # as after any other edit
                started = time.perf_counter()
                exposures_in(workspace, document_text(document), uses[name], TODAY)
                elsewhere.append(time.perf_counter() - started)
                started = time.perf_counter()
                text = document_text(document)
                exposures_in(workspace, text, uses[name], TODAY)
                warm.append(time.perf_counter() - started)
            print(f"{name:15} {len(text.split()):6,} words, {len(found):3} exposures\n"
                  f"    per export (file unchanged):        {_ms(warm)}\n"
                  f"    after an edit elsewhere in the file: {_ms(elsewhere)}\n"
                  f"    after a story's name/consent change: {_ms(cold)}")
    finally:
        workspace.close()
        if folder is not None:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    sys.exit(main())
