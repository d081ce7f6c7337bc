"""The answer editor's text read as blocks and written back: after the first normalisation a
second round trip changes nothing (saving and reopening never rewrites the person's words), and
lines that are not a real table stay exactly what the person typed, never a grid of invented
dashes."""

from __future__ import annotations

import pytest

from svdesk.compose.answer_text import blocks_to_text, text_to_blocks
from svdesk.document.model import BulletList, Paragraph, Table


def _round_trip(text: str) -> str:
    return blocks_to_text(text_to_blocks(text))


# Each mixes the line endings an editor or a pasted file can bring with lines of pipes.
NOT_TABLES = [
    "• 0\r||\r||",                  # the example Hypothesis found
    "• 0\r\n||\r\n||",
    "• 0\n||\n||",
    "||\n||",
    "||\r||",
    "|\n|\n|",                       # a single column of pipes
    "| |\n| |",
    "| | |\n| | |",
    "|a|\n|b|",                      # Markdown-style edges: no text in the first and last columns
    "| a | b |\n| c | d |",
    "a | b | c\nd | e",             # rows that do not match
    "• first\r|a|\r|b|",
    "Intro line\n||\n||\n• item",
    "x | y | z\n| |",               # a row with no text
]


@pytest.mark.parametrize("text", NOT_TABLES)
def test_lines_of_pipes_are_not_a_table_and_survive_twice(text):
    once = _round_trip(text)
    assert _round_trip(once) == once
    assert "—" not in once
    assert not any(isinstance(block, Table) for block in text_to_blocks(once))


def test_the_found_example_keeps_the_persons_lines():
    once = _round_trip("• 0\r||\r||")
    assert once == "• 0\n\n||\n||"
    assert _round_trip(once) == once
    assert text_to_blocks(once) == (BulletList(("0",)), Paragraph("||\n||"))


@pytest.mark.parametrize("text", [
    "• 0\ra|b|c\rd|e|f",
    "• 0\r\na | b | c\r\nd | e | f",
    "• one\n• two\nYear | Target | Actual\n2025 | 10 | 8",
])
def test_a_table_after_list_lines_is_read_the_same_the_first_time_and_the_second(text):
    first = text_to_blocks(text)
    once = blocks_to_text(first)
    assert text_to_blocks(once) == first
    assert _round_trip(once) == once
    assert any(isinstance(block, Table) for block in first)


@pytest.mark.parametrize("text", [
    "• a\nNext steps\n• b",
    "• a\n“We loved it.”\n— Sam",
    "(b) How many\n• one\nand a closing line.",
    "Some words\na|b|c\nd|e|f\n• item",       # a line of words above: one paragraph, as typed
])
def test_any_mixed_chunk_reads_back_as_the_same_blocks(text):
    first = text_to_blocks(text)
    once = blocks_to_text(first)
    assert text_to_blocks(once) == first
    assert _round_trip(once) == once


def test_a_real_table_with_an_empty_cell_keeps_it_empty():
    text = "Year | Target | Actual\n2025 | 10 |\n2026 | 12 | 8"
    table = text_to_blocks(text)[0]
    assert isinstance(table, Table)
    assert table.rows[0] == ("2025", "10", "")
    once = blocks_to_text((table,))
    assert "—" not in once
    assert _round_trip(once) == once
    assert text_to_blocks(once) == (table,)


def test_a_real_table_still_becomes_a_table():
    blocks = text_to_blocks("Year|Target|Actual\n2025 |  10| 8\r\n2026|12|9")
    assert blocks == (Table(("Year", "Target", "Actual"), (("2025", "10", "8"), ("2026", "12", "9")),
                            widths=blocks[0].widths),)
    assert _round_trip(blocks_to_text(blocks)) == "Year | Target | Actual\n2025 | 10 | 8\n2026 | 12 | 9"


def test_a_table_with_an_empty_cell_renders_in_every_format():
    import io

    from docx import Document as WordFile

    from svdesk import render
    from svdesk.document.model import Document

    document = Document("Answer", text_to_blocks("Year | Target | Actual\n2025 | 10 |\n2026 | 12 | 8"))
    for fmt in ("txt", "md", "html", "pdf"):
        assert render.render(document, fmt)
    word = WordFile(io.BytesIO(render.render(document, "docx")))
    cells = [[cell.text for cell in row.cells] for row in word.tables[0].rows]
    assert cells == [["Year", "Target", "Actual"], ["2025", "10", ""], ["2026", "12", "8"]]
