"""svdesk self-test [--keep FOLDER]  (the same as ``svdesk --self-test``)"""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "self-test",
        help="check that this copy of svdesk works: demo, file check, round trip, exports, every page",
    )
    p.add_argument("--keep", type=Path, metavar="FOLDER",
                   help="also copy the exported documents and page pictures into FOLDER (for support)")
    p.set_defaults(func=cmd_self_test)


def cmd_self_test(args) -> int:
    from svdesk.selftest import run_self_test

    return run_self_test(keep=args.keep)
