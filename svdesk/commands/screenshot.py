"""svdesk screenshot FILE --page NAME -o OUT.png [--size WxH]"""

from __future__ import annotations

import os
import re
from pathlib import Path

from svdesk.domain.errors import SvdeskError


def register(sub) -> None:
    p = sub.add_parser("screenshot", help="render one page of the window to a PNG, without a display")
    p.add_argument("file", type=Path)
    p.add_argument("--page", required=True, help="welcome, organisation, statement, measures, …")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--size", default="1100x720", help="window size, e.g. 1280x800")
    p.set_defaults(func=cmd_screenshot)


def cmd_screenshot(args) -> int:
    from svdesk.store.safe_paths import refuse_organisation_target

    refuse_organisation_target(args.output, [args.file])
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", args.size)
    if not match:
        raise SvdeskError("--size must look like 1100x720.")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from svdesk.ui.shell.screenshot import render_page

    out = render_page(args.file, args.page, args.output, (int(match.group(1)), int(match.group(2))))
    print(f"Wrote {out}")
    return 0
