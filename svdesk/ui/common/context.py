"""What every page is given: the open file's repositories and the way to ask the person things."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from svdesk.store.workspace import Workspace
from svdesk.ui.common.dialogs import Dialogs

if TYPE_CHECKING:
    from svdesk.ui.common.page_reads import PageReads


@dataclass
class PageContext:
    workspace: Workspace
    dialogs: Dialogs
    # Opens a stored file with the system's viewer (replaced in tests).
    open_external: Callable[[str], None] = field(default=lambda path: None)
    # Pages that draft a whole report (CIC34, impact summary) draft it on a thread of their own
    # when True (the window of an opened file); otherwise on the spot (tests, screenshots).
    draft_in_background: bool = False
    # Reads off the window's thread (ui/common/page_reads.py); None: pages read at once.
    reads: PageReads | None = None
