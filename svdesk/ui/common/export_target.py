"""Where an export goes: one question, asked the same way by every page that saves a document."""

from __future__ import annotations

from pathlib import Path


def choose_export_target(ctx, parent, title: str, stem: str, fmt: str, file_filter: str) -> Path | None:
    """Asks where to save; None when the person cancels. The name offered is ``stem`` in the
    organisation file's folder (their documents usually live beside it). When the name chosen
    lacks the format's extension it is added, never swapped in (a name like "Bid v2.1" keeps
    its dots). A name that is the organisation file (or part of it) is refused with a message."""
    folder = ctx.workspace.path.parent if ctx.workspace.path else Path.home()
    path = ctx.dialogs.save_file(parent, title, str(folder / f"{stem}.{fmt}"), file_filter)
    if path is None:
        return None
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(f"{path.name}.{fmt}")
    from svdesk.domain.errors import SvdeskError
    from svdesk.store.safe_paths import refuse_organisation_target

    try:
        return refuse_organisation_target(path, [ctx.workspace.path])
    except SvdeskError as refused:
        ctx.dialogs.error(parent, "Not exported", str(refused))
        return None


def run_export(ctx, parent, export):
    """Runs ``export()`` (which writes a document and returns its ExportOutcome) with the busy
    cursor showing; a refusal is told in a message and gives None."""
    from svdesk.domain.errors import SvdeskError
    from svdesk.ui.common.busy import busy_cursor

    try:
        with busy_cursor():
            return export()
    except SvdeskError as error:
        failure = str(error)
    ctx.dialogs.error(parent, "Not exported", failure)
    return None


def saved_sentence(what: str, outcome) -> str:
    """"Saved the 2025/26 report as /path/file.pdf." and what the person should know about it."""
    return " ".join([f"Saved {what} as {outcome.path}.", *outcome.notes])


def export_to_chosen_file(ctx, parent, title: str, stem: str, fmt: str, file_filter: str, export):
    """Asks where to save (``choose_export_target``), then writes there with ``export(path)``
    under the busy cursor (``run_export``). None when the person cancels, or when the export is
    refused (they have been told why)."""
    path = choose_export_target(ctx, parent, title, stem, fmt, file_filter)
    return None if path is None else run_export(ctx, parent, lambda: export(path))
