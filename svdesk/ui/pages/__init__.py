"""One page per step of the journey, in the order the journey shows them."""

from __future__ import annotations


def page_classes():
    from svdesk.ui.pages.organisation import OrganisationPage

    return [
        OrganisationPage,
    ]
