"""What a person does to their social value statement, their organisation's details and the
outcome frameworks they tag with, one function each, one transaction each. The window calls
these. No Qt."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svdesk.domain.frameworks import Framework
    from svdesk.domain.organisation import Organisation
    from svdesk.domain.statement import Agreement, Statement, StatementVersion
    from svdesk.store.workspace import Workspace


# -- the draft ---------------------------------------------------------------------------------------
def save_answer(workspace: Workspace, key: str, text: str) -> Statement:
    """One of the questions the draft is made from."""
    with workspace.file.action("statement answer saved"):
        return workspace.statements.save_answer(key, text)


def set_kind(workspace: Workspace, kind: str) -> Statement:
    with workspace.file.action("statement kind saved"):
        return workspace.statements.set_kind(kind)


def save_text(workspace: Workspace, full_text: str | None = None, short_text: str | None = None) -> Statement:
    with workspace.file.action("statement saved"):
        return workspace.statements.save_text(full_text=full_text, short_text=short_text)


def redraft(workspace: Workspace) -> Statement:
    """A new draft from the answers; the text it replaces can be brought back."""
    with workspace.file.action("statement redrafted"):
        return workspace.statements.redraft()


def bring_back_earlier_text(workspace: Workspace) -> Statement:
    with workspace.file.action("statement text swapped"):
        return workspace.statements.swap_previous()


def copy_version_to_draft(workspace: Workspace, version_id: str) -> Statement:
    with workspace.file.action("statement version copied"):
        return workspace.statements.copy_version_to_draft(version_id)


def set_outcomes(workspace: Workspace, tags: list[str]) -> list[str]:
    with workspace.file.action("statement outcomes saved"):
        return workspace.statements.set_tags(tags)


# -- agreeing ----------------------------------------------------------------------------------------
def agree(workspace: Workspace, agreement: Agreement, today: dt.date | None = None) -> StatementVersion:
    with workspace.file.action("statement agreed"):
        return workspace.statements.agree(agreement, today)


def withdraw_agreement(workspace: Workspace, version_id: str) -> StatementVersion:
    with workspace.file.action("statement agreement withdrawn"):
        return workspace.statements.withdraw(version_id)


def restore_agreement(workspace: Workspace, version_id: str) -> StatementVersion:
    with workspace.file.action("statement agreement restored"):
        return workspace.statements.restore_version(version_id)


# -- the organisation --------------------------------------------------------------------------------
def save_organisation(workspace: Workspace, organisation: Organisation) -> Organisation:
    with workspace.file.action("organisation saved"):
        return workspace.organisation.save(organisation)


# -- outcome frameworks ------------------------------------------------------------------------------
def save_framework(workspace: Workspace, framework: Framework) -> Framework:
    with workspace.file.action("framework saved"):
        return workspace.frameworks.save_custom(framework)


def bin_framework(workspace: Workspace, framework_id: str) -> None:
    with workspace.file.action("framework deleted"):
        workspace.frameworks.remove_custom(framework_id)


def restore_framework(workspace: Workspace, framework_id: str) -> None:
    with workspace.file.action("framework restored"):
        workspace.frameworks.restore_custom(framework_id)
