"""File → Bring in changes from another copy…: pick the other laptop's file, see what would
change, choose where both laptops changed the same field, then bring it in (after a backup copy).
The merge itself is svdesk/services/merge.py; this module only asks and tells."""

from __future__ import annotations

from pathlib import Path

from svdesk.domain.errors import SvdeskError
from svdesk.ui.common.busy import busy_cursor

TITLE = "Bring in changes from another copy"


def bring_in_changes(window, dialogs, settings) -> bool:
    """True when changes were brought in."""
    from svdesk.services.merge import merge_into, preview_into
    from svdesk.ui.shell.merge_dialog import MergePreviewDialog

    workspace = window.workspace
    if workspace.read_only or workspace.path is None:
        dialogs.error(window, TITLE, "This file is open read-only, so nothing can be brought into it. "
                                     "Close it in the other svdesk window, then open it again here.")
        return False
    other = dialogs.open_file(window, "Choose the other laptop's copy", settings.last_folder())
    if other is None:
        return False
    other = Path(other)
    window.finish_editing()  # a field being typed in is saved before the two copies are compared
    try:
        with busy_cursor():
            plan = preview_into(workspace.file, other)
    except SvdeskError as refused:
        dialogs.error(window, TITLE, f"{refused}")
        return False
    if plan.nothing_to_do:
        dialogs.info(window, TITLE, f"This copy already has every change from {plan.theirs_name} "
                                    f"({other.name}). Nothing was changed.")
        return False
    dialog = MergePreviewDialog(plan, other.name, window)
    if not dialogs.run(dialog):
        return False
    try:
        with busy_cursor():
            result = merge_into(workspace.file, other, dialog.choices(), plan=plan)
    except SvdeskError as refused:
        dialogs.error(window, TITLE, f"{refused}")
        return False
    from svdesk.services.copies import ensure_copy_name

    try:  # this copy keeps its laptop's name, so whoever brings it in later sees whose it was
        ensure_copy_name(workspace)
    except SvdeskError:
        pass  # a name is a courtesy: never a reason not to bring changes in
    window.reload_after_outside_change()
    backup = f" A backup copy was made first: {result.backup.name}." if result.backup else ""
    dialogs.info(window, TITLE, f"Brought in from {plan.theirs_name}: {result.summary()}.{backup}")
    return True


def rename_this_copy(window, dialogs) -> None:
    from svdesk.services.copies import copy_name_or_default, rename_copy

    workspace = window.workspace
    if workspace.read_only:
        dialogs.error(window, "Name this copy", "This file is open read-only, so its name cannot be changed.")
        return
    name = dialogs.ask_text(window, "Name this copy",
                            "The name of this laptop's copy, shown in the window title and to whoever brings "
                            "its changes in (for example \u201cJo's laptop\u201d):",
                            copy_name_or_default(workspace))
    if name is None:
        return
    try:
        rename_copy(workspace, name)
    except SvdeskError as problem:
        dialogs.error(window, "Name this copy", str(problem))
