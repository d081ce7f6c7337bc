"""indicators, import-readings, export-readings: what we measure, from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from svdesk.domain.errors import SvdeskError


def register(sub) -> None:
    p = sub.add_parser("indicators", help="list the indicators and how each is doing")
    p.add_argument("file", type=Path)
    p.add_argument("--archived", action="store_true", help="include archived indicators")
    p.set_defaults(func=cmd_indicators)

    p = sub.add_parser(
        "import-readings",
        help="import readings from a .csv or .xlsx sheet (nothing is written if any row has a problem)",
        description="Import readings from a spreadsheet. The first row names the columns: Period (or Start "
        "and End), Value, and optionally Note, Recorded by and Indicator. Every row is checked first; if any "
        "row has a problem, all problems are listed, nothing is written and the exit code is 1.",
    )
    p.add_argument("file", type=Path, help="the .svdesk file")
    p.add_argument("sheet", type=Path, help="the .csv or .xlsx file with the readings")
    p.add_argument("--indicator", help="the indicator's name or id (else the sheet needs an Indicator column)")
    p.add_argument("--worksheet", help="for .xlsx: the worksheet to read (default: the first)")
    p.add_argument("--replace", action="store_true",
                   help="replace readings already in the file for the same period (default: report them)")
    p.add_argument("--dry-run", action="store_true", help="check the sheet and say what would happen; write nothing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-readings", help="write readings to a CSV file")
    p.add_argument("file", type=Path)
    p.add_argument("--indicator", help="one indicator's name or id (default: every indicator, archived too)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the .csv file to write")
    p.set_defaults(func=cmd_export)


def _find(workspace, name_or_id: str):
    indicator = workspace.indicators.find(name_or_id)
    if indicator is None:
        names = ", ".join(f"'{item.name}'" for item in workspace.indicators.all()) or "none yet"
        raise SvdeskError(f"There is no indicator '{name_or_id}' in {workspace.path.name}. Indicators: {names}.")
    return indicator


def cmd_indicators(args) -> int:
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(args.file, read_only=True)
    try:
        indicators = workspace.indicators.all() if args.archived else workspace.indicators.active()
        if not indicators:
            print("No indicators yet.")
        for indicator in indicators:
            state = "" if indicator.is_active else " (archived)"
            count = len(workspace.indicators.readings(indicator.id))
            from svdesk.domain.counting import rule_name

            print(f"{indicator.name}{state}  [{indicator.unit.label.lower()}, {rule_name(indicator)}, "
                  f"{indicator.frequency.label.lower()}, "
                  f"{count} reading{'s' if count != 1 else ''}]")
            print(f"  {workspace.indicators.progress(indicator.id).sentence}")
            print(f"  id: {indicator.id}")
    finally:
        workspace.close()
    return 0


def cmd_import(args) -> int:
    from svdesk.services.measures import read_sheet
    from svdesk.store.workspace import open_workspace

    rows = read_sheet(args.sheet, args.worksheet)
    # Checked on a read-only look first: a refused import never opens the file for writing, so
    # it keeps every byte. Only an import that will be written reopens it, and plans again (the
    # file may have changed in between).
    workspace = open_workspace(args.file, read_only=True)
    try:
        plan = _plan(workspace, args, rows)
        for note in plan.notes:
            print(note)
        if plan.problems:
            print(f"Nothing was imported: {len(plan.problems)} problem{'s' if len(plan.problems) != 1 else ''} "
                  f"in {args.sheet.name}:", file=sys.stderr)
            for problem in plan.problems:
                print(f"  - {problem}", file=sys.stderr)
            return 1
        if not plan.to_write:
            print(f"Nothing to import: every reading in {args.sheet.name} is already in the file.")
            return 0
        if args.dry_run:
            print(plan.summary() + " (dry run: nothing written)")
            return 0
    finally:
        workspace.close()
    return _apply(args, rows)


def _plan(workspace, args, rows):
    from svdesk.services.measures import plan_import

    indicator = _find(workspace, args.indicator) if args.indicator else None
    return plan_import(workspace, rows, indicator, replace=args.replace, source=args.sheet.name)


def _apply(args, rows) -> int:
    from svdesk.services.measures import import_readings
    from svdesk.store.workspace import open_workspace

    workspace = open_workspace(args.file)
    try:
        plan = _plan(workspace, args, rows)
        if plan.problems or not plan.to_write:
            print(f"Nothing was imported: {args.file.name} changed while the sheet was being checked. "
                  "Run the import again.", file=sys.stderr)
            return 1
        count = import_readings(workspace, plan)
        print(f"Imported {count} reading{'s' if count != 1 else ''} from {args.sheet.name}. {plan.summary()}")
    finally:
        workspace.close()
    return 0


def cmd_export(args) -> int:
    from svdesk.services.measures import export_readings
    from svdesk.store.workspace import open_workspace

    from svdesk.store.safe_paths import refuse_organisation_target

    refuse_organisation_target(args.output, [args.file])
    if args.output.suffix.lower() != ".csv":
        raise SvdeskError("The output should be a .csv file, for example -o readings.csv.")
    workspace = open_workspace(args.file, read_only=True)
    try:
        indicators = [_find(workspace, args.indicator)] if args.indicator else workspace.indicators.all()
        count = export_readings(workspace, indicators, args.output)
    finally:
        workspace.close()
    print(f"Wrote {count} reading{'s' if count != 1 else ''} to {args.output}")
    return 0
