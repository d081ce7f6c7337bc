"""The one place a SQLite error becomes a plain sentence."""

import sqlite3

import pytest

from svdesk.domain.errors import SvdeskError
from svdesk.store.sqlite_errors import plain_read_errors, plain_write_error


def test_a_table_an_older_file_lacks_is_explained_not_quoted():
    with pytest.raises(SvdeskError) as caught:
        with plain_read_errors("Old.svdesk", missing="stories"):
            sqlite3.connect(":memory:").execute("SELECT * FROM stories")
    assert str(caught.value) == ("Old.svdesk was made by an older svdesk and has no stories yet; open it in "
                                 "svdesk once to bring it up to date.")
    assert "no such table" not in str(caught.value)


@pytest.mark.parametrize("message, says", [
    ("database or disk is full", "The disk is full"),
    ("attempt to write a readonly database", "read-only"),
    ("database is locked", "Another program is using the file"),
    ("disk I/O error", "The disk reported an error"),
])
def test_each_cause_of_a_failed_save_has_its_sentence(message, says):
    sentence = str(plain_write_error(sqlite3.OperationalError(message)))
    assert says in sentence and "not saved" in sentence and message not in sentence


def test_any_other_read_error_is_a_plain_sentence_naming_the_file():
    with pytest.raises(SvdeskError, match=r"^Some.svdesk could not be read \(no such function: x\)\.$"):
        with plain_read_errors("Some.svdesk"):
            raise sqlite3.OperationalError("no such function: x")
    with pytest.raises(SvdeskError, match=r"^The disk reported an error while reading Some.svdesk"):
        with plain_read_errors("Some.svdesk"):
            raise sqlite3.OperationalError("unable to open database file")
