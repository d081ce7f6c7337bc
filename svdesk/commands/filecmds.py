"""check, dump, load, demo, backups, restore-backup."""

from __future__ import annotations

import sys
from pathlib import Path

from svdesk.domain.errors import SvdeskError


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
    from svdesk.store.fileformat import FileRefused
    from svdesk.store.orgfile import health_check

    try:
        health_check(args.file, full=True)
    except FileRefused as refused:
        print(f"{args.file}: {refused.reason}", file=sys.stderr)
        return 1
    print(f"{args.file}: ok")
    return 0


def cmd_dump(args) -> int:
    from svdesk.store.dump import write_json
    from svdesk.store.orgfile import open_file
    from svdesk.store.safe_paths import refuse_organisation_target

    if args.output:
        refuse_organisation_target(args.output, [args.file])
    orgfile = open_file(args.file, read_only=True)
    try:
        if args.output:
            _write_atomically(args.output, lambda write: write_json(orgfile, write))
        else:
            write_json(orgfile, sys.stdout.write)
    finally:
        orgfile.close()
    return 0


def _write_atomically(path: Path, produce) -> None:
    """``produce(write)`` writes the text piece by piece into a temporary file beside ``path``,
    which replaces ``path`` only once it is complete and on disk (store/atomic.py)."""
    from svdesk.store import atomic
    from svdesk.store.safe_paths import refuse_organisation_target

    refuse_organisation_target(path)
    try:
        with atomic.replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            produce(handle.write)
    except OSError as error:
        raise SvdeskError(f"{path} could not be written ({error.strerror}).") from None


def cmd_load(args) -> int:
    from svdesk.store.dump import load_file, read_json

    load_file(read_json(args.json), _with_extension(args.file))
    print(f"Created {_with_extension(args.file)}")
    return 0


def cmd_demo(args) -> int:
    from svdesk.store.demo import write_demo

    target = write_demo(_with_extension(args.output))
    print(f"Created {target}")
    return 0


def cmd_backups(args) -> int:
    from svdesk.store.backups import list_backups

    found = list_backups(args.file)
    if not found:
        print(f"There are no backup copies of {args.file.name} yet.")
    for backup in found:
        print(f"{backup.label}\t{backup.path}")
    return 0


def cmd_restore(args) -> int:
    from svdesk.store.restore import restore_backup

    restore_backup(args.backup, args.file)
    print(f"Restored {args.file} from {args.backup.name}; the replaced version was kept as a backup too.")
    return 0
