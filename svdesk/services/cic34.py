"""What a person does on the CIC34 and summary pages, one function each, one transaction each:
directors' pay, asset transfers and dividends added, changed, removed and brought back; "none
this year" confirmed or withdrawn; the signatory, a part's own text and the standard wording
saved; the summary's stories chosen. The window calls these. No Qt."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svdesk.domain.cic34 import AssetTransfer, DirectorPay, Dividend, Part, Signatory
    from svdesk.store.workspace import Workspace


# -- directors' pay ----------------------------------------------------------------------------------
def add_pay(workspace: Workspace, year_end: dt.date, director: str) -> DirectorPay:
    with workspace.file.action("director added"):
        return workspace.cic34.add_pay(year_end, director)


def update_pay(workspace: Workspace, pay_id: str, **changes) -> DirectorPay:
    with workspace.file.action("director's pay saved"):
        return workspace.cic34.update_pay(pay_id, **changes)


def remove_pay(workspace: Workspace, pay_id: str) -> None:
    with workspace.file.action("director removed"):
        workspace.cic34.remove_pay(pay_id)


def restore_pay(workspace: Workspace, pay_id: str) -> None:
    with workspace.file.action("director brought back"):
        workspace.cic34.restore_pay(pay_id)


def copy_directors(workspace: Workspace, from_year_end: dt.date, to_year_end: dt.date) -> list[DirectorPay]:
    """Every director of the earlier year not yet listed, all together."""
    with workspace.file.action("directors copied"):
        return workspace.cic34.copy_directors(from_year_end, to_year_end)


# -- asset transfers ---------------------------------------------------------------------------------
def add_transfer(workspace: Workspace, year_end: dt.date, recipient: str) -> AssetTransfer:
    with workspace.file.action("transfer added"):
        return workspace.cic34.add_transfer(year_end, recipient)


def update_transfer(workspace: Workspace, transfer_id: str, **changes) -> AssetTransfer:
    with workspace.file.action("transfer saved"):
        return workspace.cic34.update_transfer(transfer_id, **changes)


def remove_transfer(workspace: Workspace, transfer_id: str) -> None:
    with workspace.file.action("transfer removed"):
        workspace.cic34.remove_transfer(transfer_id)


def restore_transfer(workspace: Workspace, transfer_id: str) -> None:
    with workspace.file.action("transfer brought back"):
        workspace.cic34.restore_transfer(transfer_id)


# -- dividends ---------------------------------------------------------------------------------------
def add_dividend(workspace: Workspace, year_end: dt.date, amount_pence: int) -> Dividend:
    with workspace.file.action("dividend added"):
        return workspace.cic34.add_dividend(year_end, amount_pence)


def update_dividend(workspace: Workspace, dividend_id: str, **changes) -> Dividend:
    with workspace.file.action("dividend saved"):
        return workspace.cic34.update_dividend(dividend_id, **changes)


def remove_dividend(workspace: Workspace, dividend_id: str) -> None:
    with workspace.file.action("dividend removed"):
        workspace.cic34.remove_dividend(dividend_id)


def restore_dividend(workspace: Workspace, dividend_id: str) -> None:
    with workspace.file.action("dividend brought back"):
        workspace.cic34.restore_dividend(dividend_id)


# -- "none this year" --------------------------------------------------------------------------------
def confirm_none(workspace: Workspace, year_end: dt.date, what: str, on: dt.date) -> None:
    with workspace.file.action("none this year confirmed"):
        workspace.cic34_none.confirm(year_end, what, on)


def withdraw_none(workspace: Workspace, year_end: dt.date, what: str) -> None:
    with workspace.file.action("none this year withdrawn"):
        workspace.cic34_none.withdraw(year_end, what)


# -- signing, the parts' text and the standard wording -----------------------------------------------
def save_signatory(workspace: Workspace, signatory: Signatory) -> Signatory:
    with workspace.file.action("signatory saved"):
        return workspace.cic34.save_signatory(signatory)


def save_part_text(workspace: Workspace, year_end: dt.date, part: Part, text: str, drafted: str):
    with workspace.file.action("report text saved"):
        return workspace.cic34.save_part_text(year_end, part, text, drafted)


def reset_part(workspace: Workspace, year_end: dt.date, part: Part) -> None:
    with workspace.file.action("report text reset"):
        workspace.cic34.reset_part(year_end, part)


def undo_reset(workspace: Workspace, year_end: dt.date, part: Part) -> bool:
    with workspace.file.action("report text brought back"):
        return workspace.cic34.undo_reset(year_end, part)


def set_wording(workspace: Workspace, key: str, text: str, year_end: dt.date | None = None) -> None:
    """The organisation's own wording: for ``year_end`` only, or (None) for every year."""
    with workspace.file.action("wording saved"):
        workspace.cic34.set_wording(key, text, year_end)


def set_wording_every_year(workspace: Workspace, key: str, text: str, year_end: dt.date) -> None:
    """Wording that was for ``year_end`` only becomes the wording for every year, in one step."""
    with workspace.file.action("wording saved"):
        workspace.cic34.reset_wording(key, year_end)
        workspace.cic34.set_wording(key, text)


def use_default_wording(workspace: Workspace, key: str, year_end: dt.date | None = None) -> None:
    """Back to svdesk's wording: the year's own (when ``year_end``) and the every-year wording."""
    with workspace.file.action("wording reset"):
        if year_end is not None:
            workspace.cic34.reset_wording(key, year_end)
        workspace.cic34.reset_wording(key)


# -- the summary -------------------------------------------------------------------------------------
def choose_summary_stories(workspace: Workspace, year_end: dt.date, story_ids: list[str] | None) -> None:
    """None: svdesk chooses; a list: exactly these."""
    with workspace.file.action("summary stories chosen"):
        workspace.cic34.set_summary_story_ids(year_end, story_ids)
