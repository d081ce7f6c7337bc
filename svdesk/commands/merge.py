"""svdesk merge MINE OTHER [--prefer mine|theirs] [--dry-run]: bring another copy's changes in.

Exit codes: 0 merged (or nothing to bring in, or a dry run that could merge); 1 refused (one
plain sentence, nothing changed); 2 usage; 3 fields changed on both laptops and no --prefer:
nothing changed, the choices are listed and left for the window.
"""

from __future__ import annotations

import sys
from pathlib import Path

CONFLICTS_LEFT = 3


def register(sub) -> None:
    p = sub.add_parser("merge", help="bring another copy's changes into this file (two laptops, one organisation)")
    p.add_argument("file", type=Path, help="this copy: the file that receives the changes")
    p.add_argument("other", type=Path, help="the other laptop's copy (only read)")
    p.add_argument("--prefer", choices=("mine", "theirs"),
                   help="for a field changed on both laptops, keep this copy's value (mine) or the other's (theirs)")
    p.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    p.set_defaults(func=cmd_merge)


def cmd_merge(args) -> int:
    from svdesk.services.merge import MergeRefused, merge_into, open_for_merge, preview_into, preview_merge

    mine_file = None
    try:
        if args.dry_run:
            plan = preview_merge(args.file, args.other)
        else:
            mine_file = open_for_merge(args.file)
            plan = preview_into(mine_file, args.other)
        print(plan.summary())
        for note in plan.notes:
            print(f"  - {note[0].upper()}{note[1:]}.")
        if plan.conflicts and args.prefer is None:
            count = len(plan.conflicts)
            print(f"{count} field{' was' if count == 1 else 's were'} changed on both laptops:", file=sys.stderr)
            for conflict in plan.conflicts:
                print(f"  - {conflict.label}, {conflict.field_label}: here \u201c{_short(conflict.mine)}\u201d, "
                      f"on {plan.theirs_name} \u201c{_short(conflict.theirs)}\u201d", file=sys.stderr)
            print("Nothing was changed. Choose in the window (File \u2192 Bring in changes from another copy\u2026), "
                  "or run again with --prefer mine or --prefer theirs.", file=sys.stderr)
            return CONFLICTS_LEFT
        if args.dry_run:
            print("Dry run: nothing was changed.")
            return 0
        result = merge_into(mine_file, args.other, prefer=args.prefer, plan=plan)
    except MergeRefused as refused:
        print(f"svdesk: {refused}", file=sys.stderr)
        return 1
    finally:
        if mine_file is not None:
            mine_file.close()
    if result.changed_rows:
        print(f"Brought in from {plan.theirs_name}; a backup copy was made first"
              + (f" ({result.backup})." if result.backup else "."))
    return 0


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
