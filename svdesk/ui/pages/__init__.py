"""One page per step of the journey, in the order the journey shows them."""

from __future__ import annotations


def page_classes():
    from svdesk.ui.pages.organisation import OrganisationPage
    from svdesk.ui.pages.statement import StatementPage
    from svdesk.ui.pages.measures import MeasuresPage
    from svdesk.ui.pages.stories import StoriesPage
    from svdesk.ui.pages.listening import ListeningPage
    from svdesk.ui.pages.tenders import TendersPage
    from svdesk.ui.pages.cic34 import Cic34Page
    from svdesk.ui.pages.summary import SummaryPage

    return [
        OrganisationPage,
        StatementPage,
        MeasuresPage,
        StoriesPage,
        ListeningPage,
        TendersPage,
        Cic34Page,
        SummaryPage,
    ]
