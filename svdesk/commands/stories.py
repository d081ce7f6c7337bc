"""svdesk search FILE QUERY: find stories from the command line (id, date, title)."""

from __future__ import annotations

import sys
from pathlib import Path

from svdesk.domain.errors import SvdeskError


def register(sub) -> None:
    p = sub.add_parser("search", help="find stories by any words in them (accents do not matter)")
    p.add_argument("file", type=Path)
    p.add_argument("query", nargs="?", default="", help="words to look for; empty lists every story")
    p.add_argument("--status", choices=["draft", "ready"], help="only drafts, or only stories marked ready")
    p.add_argument("--consent", choices=["none", "current", "expired", "withdrawn"],
                   help="only stories whose consent is in this state today")
    p.add_argument("--limit", type=int, default=0, help="print at most this many")
    p.set_defaults(func=cmd_search)


def cmd_search(args) -> int:
    from svdesk.domain.consent import ConsentState
    from svdesk.store.sqlite_errors import plain_read_errors
    from svdesk.store.stories_search import StoryFilter
    from svdesk.store.workspace import open_workspace

    if args.limit < 0:
        raise SvdeskError("--limit must be 0 (no limit) or more.")
    workspace = open_workspace(args.file, read_only=True)
    try:
        filters = StoryFilter(status=args.status, consent=ConsentState(args.consent) if args.consent else None)
        with plain_read_errors(args.file, missing="stories"):
            found = workspace.stories.search(args.query, filters, limit=args.limit or None)
    finally:
        workspace.close()
    if not found:
        print("No stories match.", file=sys.stderr)
        return 0
    for item in found:
        date = item.story_date.isoformat() if item.story_date else "-"
        title = " ".join(item.title.split()) or "(untitled)"
        print(f"{item.id}\t{date}\t{title}")
    return 0
