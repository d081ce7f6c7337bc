"""This copy's laptop name, for the window (the name is kept in the file: store/copy_identity)."""

from __future__ import annotations

from svdesk.store.copy_identity import copy_name_or_default, ensure_copy_name, set_copy_name

__all__ = ["copy_name_or_default", "ensure_copy_name", "rename_copy"]


def rename_copy(workspace, name: str) -> str:
    """Names this copy ("Jo's laptop"); returns the name as kept. SvdeskError when empty."""
    return set_copy_name(workspace, name)
