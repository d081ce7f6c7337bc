"""What every ``svdesk export`` kind shares: its arguments, the format from the output's name,
opening the file for an export, and reporting what was written. Kept apart from ``export`` so
that ``export`` (which lists every kind) and the kinds in other modules do not import each other."""

from __future__ import annotations

import sys
from pathlib import Path

from svdesk.domain.errors import SvdeskError

DOCUMENT_FORMATS = ("docx", "pdf", "md", "txt")


def add_common_arguments(parser, formats=DOCUMENT_FORMATS) -> None:
    parser.add_argument("file", type=Path, help="the organisation's .svdesk file")
    parser.add_argument("--format", choices=formats,
                        help="docx (Word), pdf, md (Markdown) or txt; by default the output's suffix decides")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write (replaced if it exists)")


def output_format(args, formats=DOCUMENT_FORMATS) -> str:
    """The format to write; also refuses, before anything is opened, an output that is the
    organisation file or part of it (every export kind asks for its format first)."""
    from svdesk.render import format_for_path
    from svdesk.store.safe_paths import refuse_organisation_target

    refuse_organisation_target(args.output, [args.file])
    fmt = args.format or format_for_path(args.output)
    if fmt not in formats:
        raise SvdeskError(f"Say which format to write with --format ({', '.join(formats)}), or end the output's "
                          f"name with one of {', '.join('.' + f for f in formats)}.")
    return fmt


def open_for_export(path: Path):
    """The workspace, writable when possible (see ``svdesk.services.files.open_for_export``)."""
    from svdesk.services.files import open_for_export as open_it

    return open_it(path)


def write_document(document, fmt: str, output: Path) -> Path:
    """Renders ``document`` and writes it atomically; returns the path written."""
    from svdesk import render

    return render.write(document, fmt, output)


def report_written(path: Path, notes) -> None:
    print(f"Wrote {path}")
    for note in notes:
        print(f"  {note}", file=sys.stderr)
