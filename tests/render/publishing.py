"""A publication of the demo with awkward text in every published field, for the publish tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from svdesk.compose.publication import build_publication, publishable_indicators, publishable_tenders

TODAY = dt.date(2026, 11, 22)
# Markup, quotes, an ampersand and a formula: each must come out escaped in HTML, safe in CSV.
HOSTILE = "=HYPERLINK(\"http://x\") <script>alert('x')</script> & \"Zoë\" </title>"


def everything(workspace, licence_key: str = "ogl"):
    return build_publication(workspace, [t.id for t in publishable_tenders(workspace)],
                             [i.id for i in publishable_indicators(workspace)], licence_key, TODAY)


def make_hostile(workspace) -> None:
    """Every published text field of the demo starts with something a spreadsheet or browser would run."""
    workspace.organisation.update(name="@SUM(A1) " + HOSTILE, area_served="-2+3 " + HOSTILE)
    for tender in publishable_tenders(workspace):
        workspace.tenders.update(tender.id, title="+" + HOSTILE, buyer="\t=1+1 buyer", reference="-ref")
    for indicator in publishable_indicators(workspace):
        workspace.indicators.save(replace(indicator, name=f"={indicator.name} {HOSTILE}", outcome="\r=cmd " + HOSTILE))
