"""Text hygiene shared by every export: what is kept, what becomes a line break, what is removed
and reported."""

from hypothesis import given
from hypothesis import strategies as st

from svdesk.domain.textsafe import clean_line, clean_text, clean_text_report, describe_removed, merge_removed


def test_ordinary_text_is_untouched():
    text = "Łukasz, Zoë, Gwŷn and Siân — €12 & x<y>z\tindented 😀 中文"
    assert clean_text(text) == text
    assert clean_text_report(text).removed == ()


def test_line_endings_and_word_breaks_become_newlines():
    assert clean_text("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h") == "a\nb\nc\nd\ne\nf\ng\nh"


def test_controls_surrogates_and_noncharacters_are_removed_and_reported():
    result = clean_text_report("a\x00b\x07\x07c\x1bd\x7fe\x9ff\ud800g\ufffeh\uffffi")
    assert result.text == "abcdefghi"
    assert [item.char for item in result.removed] == ["\x00", "\x07", "\x1b", "\x7f", "\x9f", "\ud800", "\ufffe", "\uffff"]
    assert result.removed[1].count == 2
    assert result.removed_count == 9
    sentence = describe_removed(result.removed)
    assert sentence.startswith("9 invisible control characters")
    assert "U+0007 (bell) ×2" in sentence and "U+D800 (broken surrogate half)" in sentence


def test_one_removed_character_reads_in_the_singular():
    assert describe_removed(clean_text_report("a\x00").removed).startswith("1 invisible control character that")
    assert describe_removed(()) == ""


def test_merge_adds_counts_in_first_seen_order():
    merged = merge_removed([clean_text_report("\x07\x00"), clean_text_report("\x07")])
    assert [(item.char, item.count) for item in merged] == [("\x07", 2), ("\x00", 1)]


def test_clean_line_joins_lines_with_single_spaces():
    assert clean_line("  Part 1\r\n\n  activities \x00") == "Part 1 activities"
    assert clean_line(None) == "" and clean_text(None) == ""


_XML_OK = set(range(0x20, 0xD800)) | set(range(0xE000, 0xFFFE)) | {0x09, 0x0A}


@given(st.text())
def test_cleaned_text_holds_only_what_xml_allows_and_cleaning_is_idempotent(text):
    cleaned = clean_text(text)
    assert all(ord(c) in _XML_OK or ord(c) >= 0x10000 for c in cleaned)
    assert not any(0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert clean_text(cleaned) == cleaned
    assert clean_text_report(text).text == cleaned
