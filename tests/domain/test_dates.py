import datetime as dt

import pytest

from svdesk.domain.dates import format_date, parse_user_date


def test_format_date_is_british():
    assert format_date(dt.date(2026, 3, 3)) == "3 Mar 2026"
    assert format_date("2025-12-25") == "25 Dec 2025"
    assert format_date(None) == ""


@pytest.mark.parametrize("text", ["2026-03-03", "3/3/2026", "03/03/26", "3 Mar 2026", "3 March 2026"])
def test_parse_user_date(text):
    assert parse_user_date(text) == dt.date(2026, 3, 3)


@pytest.mark.parametrize("text", ["", "31/02/2026", "tomorrow", "2026-13-01"])
def test_parse_user_date_rejects(text):
    assert parse_user_date(text) is None
