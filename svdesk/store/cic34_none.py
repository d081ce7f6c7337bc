"""The person's "none this year" records for the CIC34's nil statements.

A nil statement ("No remuneration was received.") is a claim about the year. svdesk prints it
only when the person has said so for that year, on a date — never because nothing was entered.
"""

from __future__ import annotations

import datetime as dt

from svdesk.domain.dates import parse_iso_date, utc_now_stamp
from svdesk.domain.errors import SvdeskError
from svdesk.store.orgfile import OrgFile
from svdesk.store.rows import stamped

NONE_KINDS = ("consultation", "pay", "transfers", "dividends")


class NoneConfirmations:
    def __init__(self, orgfile: OrgFile):
        self._file = orgfile

    def confirmed(self, year_end: dt.date) -> dict[str, dt.date]:
        """What the person confirmed as none for the year, and when: {'pay': date, ...}."""
        rows = self._file.query("SELECT what, confirmed_on FROM cic34_none WHERE year_end = ? AND deleted_at IS NULL",
                                [year_end.isoformat()])
        return {row["what"]: parse_iso_date(row["confirmed_on"]) for row in rows}

    def confirm(self, year_end: dt.date, what: str, on: dt.date) -> None:
        if what not in NONE_KINDS:
            raise SvdeskError(f"Only {', '.join(NONE_KINDS)} can be confirmed as none.")
        if what in self.confirmed(year_end):
            return
        with self._file.write("none this year") as db:
            db["cic34_none"].insert(stamped({"year_end": year_end.isoformat(), "what": what,
                                             "confirmed_on": on.isoformat()}, new=True))

    def withdraw(self, year_end: dt.date, what: str) -> None:
        """Takes a confirmation back (kept as removed, so it can be traced)."""
        now = utc_now_stamp()
        with self._file.write("none this year") as db:
            db.execute("UPDATE cic34_none SET deleted_at = ?, updated_at = ? WHERE year_end = ? AND what = ?"
                       " AND deleted_at IS NULL", [now, now, year_end.isoformat(), what])
