"""``svdesk export cic34`` and ``svdesk export summary``: the annual report and the impact leaflet,
headless. Registered into the ``export`` group (svdesk/commands/export.py, ``KINDS``)."""

from __future__ import annotations

from pathlib import Path

from svdesk.domain.errors import SvdeskError

CIC34_FORMATS = ("docx", "pdf", "txt")
_UNLOGGED = ("Note: the file could only be read (it is open in svdesk or read-only), so the stories used "
             "were not added to their use log.")


def register_cic34(kinds) -> None:
    from svdesk.commands.export_common import add_common_arguments

    p = kinds.add_parser(
        "cic34", help="the CIC34 community interest report for one financial year",
        description="Write the year's CIC34 report (drafted from your records, with your own edits) "
        "as Word, PDF or text, and list the checks to look at before filing.",
    )
    add_common_arguments(p, CIC34_FORMATS)
    p.add_argument("--year", help="the financial year, e.g. 2025/26 (default: the latest year that has ended)")
    p.set_defaults(func=cmd_cic34)


def register_summary(kinds) -> None:
    p = kinds.add_parser(
        "summary", help="the one- or two-page impact summary (PDF) for one financial year",
        description="Write the impact summary leaflet: your statement, each indicator against its "
        "target, and a story whose consent covers public reports and the website.",
    )
    p.add_argument("file", type=Path, help="the .svdesk file")
    p.add_argument("--year", help="the financial year, e.g. 2025/26 (default: the latest year that has ended)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.set_defaults(func=cmd_summary)


def _open(path: Path):
    """A context manager giving the workspace (see svdesk.commands.export_common.open_for_export)."""
    from svdesk.commands.export_common import open_for_export

    return open_for_export(path)


def _year(workspace, label: str | None):
    from svdesk.compose.cic34 import default_year
    from svdesk.domain.financial_year import parse_label

    if not label:
        return default_year(workspace)
    return parse_label(label, workspace.organisation.get().year_end)


def _format(args) -> str:
    from svdesk.commands.export_common import output_format

    return output_format(args, CIC34_FORMATS)


def _output(path: Path, fmt: str) -> Path:
    return path if path.suffix else path.with_suffix(f".{fmt}")


def cmd_cic34(args) -> int:
    from svdesk.compose.cic34 import draft_report
    from svdesk.services.exports import export_report

    fmt = _format(args)
    with _open(args.file) as workspace:
        year = _year(workspace, args.year)
        report = draft_report(workspace, year)
        outcome = export_report(workspace, year, fmt, _output(args.output, fmt), report=report)
        unlogged = workspace.read_only and bool(report.stories_used())
    print(f"Wrote the CIC34 report for {year.label} to {outcome.path}")
    for note in outcome.notes:
        print(f"  - {note}")
    if unlogged:
        print(_UNLOGGED)
    worth = [check for check in report.checks if check.level in ("problem", "warning")]
    if worth:
        print(f"Before filing, look at {'this' if len(worth) == 1 else 'these'}:")
        for check in worth:
            print(f"  - {check.text}")
    deadline = next((check for check in report.checks if check.key == "deadline"), None)
    if deadline and deadline not in worth:
        print(deadline.text)
    return 0


def cmd_summary(args) -> int:
    from svdesk.services.exports import export_summary
    from svdesk.store.safe_paths import refuse_organisation_target

    refuse_organisation_target(args.output, [args.file])
    output = args.output if args.output.suffix else args.output.with_suffix(".pdf")
    if output.suffix.lower() != ".pdf":
        raise SvdeskError("The impact summary is a PDF: give the output a name ending in .pdf.")
    with _open(args.file) as workspace:
        year = _year(workspace, args.year)
        outcome = export_summary(workspace, year, output)
        unlogged = workspace.read_only
    print(f"Wrote the impact summary for {year.label} to {outcome.path}")
    if unlogged:
        print(_UNLOGGED)
    for note in outcome.notes:
        print(f"  - {note}")
    return 0
