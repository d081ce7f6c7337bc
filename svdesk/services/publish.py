"""Publishing in one call: the chosen records -> a folder of open data (see ``publication`` for
what is read and ``render.publish_folder`` for how the folder is written)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from svdesk.compose.publication import build_publication, publishable_indicators, publishable_tenders
from svdesk.domain.errors import SvdeskError

if TYPE_CHECKING:
    from svdesk.store.workspace import Workspace


def publish(workspace: Workspace, target: Path, tender_ids, indicator_ids, licence_key: str = "ogl",
            make_zip: bool = False, today: dt.date | None = None):
    """Writes the publication folder (and zip); returns a ``PublishOutcome``."""
    from svdesk.render.publish_folder import write_publication

    publication = build_publication(workspace, tender_ids, indicator_ids, licence_key, today)
    return write_publication(publication, target, workspace.path, make_zip)


def resolve_choices(workspace: Workspace, tenders: list[str], indicators: list[str],
                    everything: bool) -> tuple[list, list]:
    """The CLI's selection (``--tender``, ``--indicator``, ``--all``) as ids, in the order given."""
    if everything:
        return ([t.id for t in publishable_tenders(workspace)],
                [i.id for i in publishable_indicators(workspace)])
    tender_ids = [workspace.tenders.find(text).id for text in tenders]
    indicator_ids = []
    for text in indicators:
        found = workspace.indicators.find(text)
        if found is None:
            raise SvdeskError(f"There is no indicator called or numbered “{text}”. "
                              "Run 'svdesk indicators FILE' to list them.")
        indicator_ids.append(found.id)
    return tender_ids, indicator_ids


def export_all(workspace: Workspace, out_dir: Path) -> list[Path]:
    """Every won contract and active indicator, for svdesk's list of exports (the self-test)."""
    tender_ids, indicator_ids = resolve_choices(workspace, [], [], everything=True)
    if not tender_ids and not indicator_ids:
        return []
    outcome = publish(workspace, Path(out_dir) / "published", tender_ids, indicator_ids)
    return list(outcome.files)
