"""check, dump, load, demo, backups, restore-backup."""

from __future__ import annotations

import sys
from pathlib import Path



def register(sub) -> None:
    p = sub.add_parser("check", help="check that a file is a healthy svdesk file (never changes it)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("dump", help="write the whole organisation as JSON")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of the screen")
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("load", help="make a new svdesk file from a JSON dump")
    p.add_argument("json", type=Path)
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("demo", help="write a fresh copy of the demo organisation")
    p.add_argument("output", type=Path)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("backups", help="list the automatic backup copies of a file")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore-backup", help="replace a file by one of its backup copies")
    p.add_argument("file", type=Path)
    p.add_argument("backup", type=Path, help="a path printed by 'svdesk backups'")
    p.set_defaults(func=cmd_restore)


def _with_extension(path: Path) -> Path:
    return path if path.suffix else path.with_suffix(".svdesk")


def cmd_check(args) -> int:
    from svdesk.services.files import check_file
    from svdesk.store.fileformat import FileRefused

    try:
        check_file(args.file)
    except FileRefused as refused:
        print(f"{args.file}: {refused.reason}", file=sys.stderr)
        return 1
    print(f"{args.file}: ok")
    return 0


def cmd_dump(args) -> int:
    from svdesk.services.files import dump_file

    dump_file(args.file, args.output)
    return 0


def cmd_load(args) -> int:
    from svdesk.services.files import load_dump

    load_dump(args.json, _with_extension(args.file))
    print(f"Created {_with_extension(args.file)}")
    return 0


def cmd_demo(args) -> int:
    from svdesk.services.files import write_demo

    target = write_demo(_with_extension(args.output))
    print(f"Created {target}")
    return 0


def cmd_backups(args) -> int:
    from svdesk.services.files import backups_of

    found = backups_of(args.file)
    if not found:
        print(f"There are no backup copies of {args.file.name} yet.")
    for backup in found:
        print(f"{backup.label}\t{backup.path}")
    return 0


def cmd_restore(args) -> int:
    from svdesk.services.files import restore_backup

    restore_backup(args.backup, args.file)
    print(f"Restored {args.file} from {args.backup.name}; the replaced version was kept as a backup too.")
    return 0
