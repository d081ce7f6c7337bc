"""``svdesk export KIND FILE ... -o OUT``: documents from an organisation file, without the window.

Each kind of document is one sub-command (``export tender``, ``export delivery``, …). To add a
kind, write ``register_KIND(kinds)`` (``kinds`` is the argparse sub-parsers object: call
``kinds.add_parser(...)``, then ``add_common_arguments`` and ``set_defaults(func=...)``) and append
it to ``KINDS`` below — one line. ``open_for_export`` and ``write_document`` are shared.

The format comes from ``--format`` or else from the output's suffix (answer.docx -> docx).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from svdesk.commands import export_cic34
from svdesk.domain.errors import SvdeskError

DOCUMENT_FORMATS = ("docx", "pdf", "md", "txt")


def add_common_arguments(parser, formats=DOCUMENT_FORMATS) -> None:
    parser.add_argument("file", type=Path, help="the organisation's .svdesk file")
    parser.add_argument("--format", choices=formats,
                        help="docx (Word), pdf, md (Markdown) or txt; by default the output's suffix decides")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write (replaced if it exists)")


def output_format(args, formats=DOCUMENT_FORMATS) -> str:
    from svdesk.render import format_for_path

    fmt = args.format or format_for_path(args.output)
    if fmt not in formats:
        raise SvdeskError(f"Say which format to write with --format ({', '.join(formats)}), or end the output's "
                          f"name with one of {', '.join('.' + f for f in formats)}.")
    return fmt


@contextlib.contextmanager
def open_for_export(path: Path) -> Iterator:
    """The workspace, writable when possible (exports that include stories record each use in the
    file's use log); read-only when the file is open in a window or cannot be written."""
    from svdesk.store.fileformat import FileRefused
    from svdesk.store.orgfile import open_file
    from svdesk.store.workspace import Workspace

    try:
        orgfile = open_file(Path(path), backup=False)
    except FileRefused as refused:
        if refused.kind not in ("read-only", "in-use"):
            raise
        orgfile = open_file(Path(path), read_only=True)
    workspace = Workspace.around(orgfile)
    try:
        yield workspace
    finally:
        workspace.close()


def write_document(document, fmt: str, output: Path) -> Path:
    """Renders ``document`` and writes it atomically; returns the path written."""
    from svdesk import render

    return render.write(document, fmt, output)


def _report(path: Path, notes) -> None:
    print(f"Wrote {path}")
    for note in notes:
        print(f"  {note}", file=sys.stderr)


# -- tenders ---------------------------------------------------------------------------------------
def register_tender(kinds) -> None:
    p = kinds.add_parser("tender", help="a tender's social value answer (as sent, once submitted)")
    add_common_arguments(p)
    p.add_argument("--tender", required=True, help="the tender's id (or the start of it) or its reference")
    p.add_argument("--draft", action="store_true",
                   help="the answer being worked on, even when one has been submitted")
    p.add_argument("--allow-over-limit", action="store_true",
                   help="export even when the answer is over the tender's word limit as the buyer counts it")
    p.add_argument("--cover", action="store_true",
                   help="start with a title block (title, buyer, reference, date); its words count too")
    p.set_defaults(func=cmd_export_tender)


def cmd_export_tender(args) -> int:
    from svdesk.compose.tender import export_answer

    fmt = output_format(args)
    with open_for_export(args.file) as workspace:
        tender = workspace.tenders.find(args.tender)
        outcome = export_answer(workspace, tender.id, fmt, args.output, which="current" if args.draft else "auto",
                                allow_over_limit=args.allow_over_limit, cover=args.cover)
    _report(outcome.path, outcome.notes)
    return 0


def register_delivery(kinds) -> None:
    p = kinds.add_parser("delivery", help="a won contract's delivery report: what we promised and delivered")
    add_common_arguments(p)
    p.add_argument("--tender", required=True, help="the tender's id (or the start of it) or its reference")
    p.set_defaults(func=cmd_export_delivery)


def cmd_export_delivery(args) -> int:
    from svdesk.compose.delivery import export_delivery

    fmt = output_format(args)
    with open_for_export(args.file) as workspace:
        tender = workspace.tenders.find(args.tender)
        outcome = export_delivery(workspace, tender.id, fmt, args.output)
    _report(outcome.path, outcome.notes)
    return 0


def register_consent_form(kinds) -> None:
    p = kinds.add_parser("consent-form", help="a consent form to print for a story (or a blank one)")
    add_common_arguments(p, formats=("docx", "pdf"))
    p.add_argument("--story", help="the story's title or the start of its id (without it: a blank form)")
    p.set_defaults(func=cmd_export_consent_form)


def cmd_export_consent_form(args) -> int:
    from svdesk.compose.consent_form import export_consent_form

    fmt = output_format(args, ("docx", "pdf"))
    with open_for_export(args.file) as workspace:
        story_id = workspace.stories.find(args.story).id if args.story else None
        outcome = export_consent_form(workspace, fmt, args.output, story_id)
    _report(outcome.path, outcome.notes)
    return 0


# One registrar per kind, in the order `svdesk export --help` lists them.
KINDS = [
    register_tender,
    register_delivery,
    export_cic34.register_cic34,
    export_cic34.register_summary,
    register_consent_form,
]


def register(sub) -> None:
    p = sub.add_parser("export", help="write a document (tender answer, delivery report, …) as Word, PDF, "
                                      "Markdown or text")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="KIND")
    for register_kind in KINDS:
        register_kind(kinds)
