"""Where an export goes: one question, asked the same way by every page that saves a document."""

from __future__ import annotations

from pathlib import Path


def choose_export_target(ctx, parent, title: str, stem: str, fmt: str, file_filter: str) -> Path | None:
    """Asks where to save; None when the person cancels. The name offered is ``stem`` in the
    organisation file's folder (their documents usually live beside it). When the name chosen
    lacks the format's extension it is added, never swapped in (a name like "Bid v2.1" keeps
    its dots)."""
    folder = ctx.workspace.path.parent if ctx.workspace.path else Path.home()
    path = ctx.dialogs.save_file(parent, title, str(folder / f"{stem}.{fmt}"), file_filter)
    if path is None:
        return None
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(f"{path.name}.{fmt}")
    return path
