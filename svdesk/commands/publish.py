"""``svdesk publish FILE -o FOLDER``: commitments and progress as open data, without the window.

Nothing is published unless it is named: ``--tender`` and ``--indicator`` (each repeatable) or
``--all`` (every won contract and every indicator in use), as in the window, where nothing is
ticked to begin with.
"""

from __future__ import annotations

from pathlib import Path

from svdesk.domain.errors import SvdeskError


def register(sub) -> None:
    p = sub.add_parser(
        "publish", help="write commitments and progress as open data (a web page, CSV and JSON) to a folder",
        description="Publish what you promised in won contracts and what you have delivered, with the indicators "
        "you choose, as a folder: index.html, commitments.csv, progress.csv, indicators.csv, data.json and "
        "README.txt. No stories, names, quotes, notes or evidence files are ever published. Nothing is "
        "included unless you name it with --tender/--indicator or say --all.")
    p.add_argument("file", type=Path, help="the organisation's .svdesk file")
    p.add_argument("-o", "--output", type=Path, required=True,
                   help="the folder to write (new or empty, or an earlier publication, which is replaced)")
    p.add_argument("--tender", action="append", default=[], metavar="ID",
                   help="a won contract to include: its id (or the start of it) or its reference; repeat for more")
    p.add_argument("--indicator", action="append", default=[], metavar="NAME_OR_ID",
                   help="an indicator to include, by name or id; repeat for more")
    p.add_argument("--all", action="store_true", help="include every won contract and every indicator in use")
    p.add_argument("--licence", choices=("ogl", "cc-by"), default="ogl",
                   help="ogl: Open Government Licence v3.0 (the default); cc-by: Creative Commons Attribution 4.0")
    p.add_argument("--zip", action="store_true",
                   help="also write FOLDER.zip beside the folder, to e-mail (an earlier one is replaced)")
    p.set_defaults(func=cmd_publish)


def cmd_publish(args) -> int:
    from svdesk.commands.export import open_for_export
    from svdesk.services.publish import publish, resolve_choices

    if args.all and (args.tender or args.indicator):
        raise SvdeskError("Use either --all or --tender/--indicator, not both.")
    if not args.all and not args.tender and not args.indicator:
        raise SvdeskError("Nothing is published unless you choose it: name contracts with --tender and indicators "
                          "with --indicator, or publish everything with --all.")
    from svdesk.render.publish_folder import check_target

    check_target(args.output, args.file)  # before opening anything: a refused target changes nothing
    with open_for_export(args.file) as workspace:
        tender_ids, indicator_ids = resolve_choices(workspace, args.tender, args.indicator, args.all)
        outcome = publish(workspace, args.output, tender_ids, indicator_ids, args.licence, args.zip)
    print(f"Published to {outcome.folder}")
    for path in outcome.files:
        print(f"  {path.name}")
    if outcome.zip_path is not None:
        print(f"Zipped as {outcome.zip_path}")
    for warning in outcome.warnings:
        print(f"Note: {warning}")
    return 0
