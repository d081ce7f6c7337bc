"""What a person does to their measures, one function each, one transaction each: indicators
added, saved, archived, deleted, reordered; readings recorded, changed, deleted and brought back;
a sheet of readings imported (all or nothing) and exported. The window and ``svdesk measures``
call these. No Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

# Read-only helpers the window and the command need to plan an import and to show what is
# allowed; they write nothing, so they are offered here rather than imported from store.
from svdesk.store.indicators_repo import TOO_MANY, can_be_valued
from svdesk.store.readings_io import ImportPlan, ImportRow

REEXPORTED = (TOO_MANY, can_be_valued, ImportPlan, ImportRow)

if TYPE_CHECKING:
    from svdesk.domain.measures import Indicator, Reading
    from svdesk.store.workspace import Workspace


# -- indicators --------------------------------------------------------------------------------------
def add_indicator(workspace: Workspace, indicator: Indicator, tags=()) -> Indicator:
    with workspace.file.action("indicator added"):
        return workspace.indicators.add(indicator, tags=tags)


def save_indicator(workspace: Workspace, indicator: Indicator) -> Indicator:
    with workspace.file.action("indicator saved"):
        return workspace.indicators.save(indicator)


def archive_indicator(workspace: Workspace, indicator_id: str) -> None:
    with workspace.file.action("indicator archived"):
        workspace.indicators.archive(indicator_id)


def restore_indicator(workspace: Workspace, indicator_id: str) -> None:
    """Out of the archive."""
    with workspace.file.action("indicator restored"):
        workspace.indicators.restore(indicator_id)


def bin_indicator(workspace: Workspace, indicator_id: str) -> None:
    with workspace.file.action("indicator deleted"):
        workspace.indicators.delete(indicator_id)


def unbin_indicator(workspace: Workspace, indicator_id: str) -> None:
    with workspace.file.action("indicator brought back"):
        workspace.indicators.undelete(indicator_id)


def move_indicator(workspace: Workspace, indicator_id: str, offset: int) -> None:
    with workspace.file.action("indicators reordered"):
        workspace.indicators.move(indicator_id, offset)


def set_indicator_tags(workspace: Workspace, indicator_id: str, tags) -> None:
    from svdesk.services.attachments import Owner, set_tags

    set_tags(workspace, Owner.INDICATOR, indicator_id, tags)


def indicator_tags(workspace: Workspace, indicator_id: str) -> list[str]:
    from svdesk.services.attachments import Owner, tags_of

    return tags_of(workspace, Owner.INDICATOR, indicator_id)


# -- readings ----------------------------------------------------------------------------------------
def record_reading(workspace: Workspace, indicator_id: str, start: dt.date, end: dt.date, value, note: str = "",
                   recorded_by: str = "") -> Reading:
    with workspace.file.action("reading recorded"):
        return workspace.indicators.record(indicator_id, start, end, value, note, recorded_by)


def change_reading(workspace: Workspace, reading_id: str, **changes) -> None:
    """``value``, ``note`` or ``recorded_by``."""
    with workspace.file.action("reading saved"):
        workspace.indicators.update_reading(reading_id, **changes)


def bin_reading(workspace: Workspace, reading_id: str) -> None:
    with workspace.file.action("reading deleted"):
        workspace.indicators.delete_reading(reading_id)


def restore_reading(workspace: Workspace, reading_id: str) -> Reading:
    with workspace.file.action("reading brought back"):
        return workspace.indicators.restore_reading(reading_id)


# -- a sheet of readings -----------------------------------------------------------------------------
def read_sheet(path: Path, worksheet: str | None = None) -> list[list]:
    """The rows of a CSV or Excel sheet (within limits); writes nothing."""
    from svdesk.store.readings_io import read_sheet as read

    return read(path, worksheet)


def plan_import(workspace: Workspace, rows: list[list], indicator: Indicator | None = None,
                replace: bool = False, source: str = "") -> ImportPlan:
    """What importing ``rows`` would write, row by row, with every problem; writes nothing."""
    from svdesk.store.readings_io import plan_import as plan

    return plan(workspace.indicators, rows, indicator, replace=replace, source=source)


def names_its_indicators(rows: list[list]) -> bool:
    """Whether the sheet has an Indicator column (so it may hold several indicators)."""
    from svdesk.store.readings_io import has_indicator_column

    return has_indicator_column(rows)


def import_readings(workspace: Workspace, plan: ImportPlan) -> int:
    """Writes the planned readings in one transaction; refuses a plan with any problem."""
    from svdesk.store.readings_io import apply_import

    with workspace.file.action("import readings"):
        return apply_import(workspace.indicators, plan)


def export_readings(workspace: Workspace, indicators: list[Indicator], path: Path) -> int:
    """The readings as CSV, written atomically; how many rows."""
    from svdesk.store.readings_io import export_csv

    return export_csv(workspace.indicators, indicators, path)
