"""The format-neutral Document: construction rules, word counts, sections, plain text, and the
chart helpers every renderer shares."""

import pytest

from svdesk.document.chartdata import alt_text, chart_table, describe_chart, format_value
from svdesk.document.model import (
    BulletList, ChartSpec, Document, Figure, Figures, Heading, PageBreak, Paragraph, Quote, Series, Span, Table,
    block_word_count, blocks_word_count, bold, italic, plain_text, section_word_count,
)


def _doc():
    return Document(
        title="Social value answer",
        subtitle="Bike repair contract",
        meta=("Riverside Bike Works CIC",),
        blocks=[
            Paragraph("Opening words here."),                                   # 3
            Heading(1, "Our commitment"),                                       # 2
            Paragraph(["We will ", bold("train 90"), " people."]),              # 5
            Heading(2, "Delivery"),                                             # 1
            BulletList(["Weekly sessions", ["Quarterly ", italic("reviews")]]),  # 4
            Heading(1, "Track record"),                                         # 2
            Table(("Year", "People"), [("2024/25", "42"), ("2025/26", "58")], caption="From registers."),  # 8
            Quote("It changed my life.", "Jay, 19"),                            # 6
            Figures([Figure("58", "young people trained")]),                    # 4
            ChartSpec("Trained", "line", [Series("People", [("2024/25", 42)])], caption="Source: registers."),  # 2
            PageBreak(),
        ],
    )


def test_inline_content_is_normalised_to_spans():
    paragraph = Paragraph(["a ", Span("b", bold=True), "", " c"])
    assert paragraph.content == (Span("a "), Span("b", bold=True), Span(" c"))
    assert paragraph.text == "a b c"
    assert Paragraph("same") == Paragraph((Span("same"),))
    assert BulletList(["x", bold("y")]).texts == ("x", "y")
    hash(_doc())  # frozen and made of tuples, so usable as a cache key


def test_bad_blocks_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="level"):
        Heading(4, "x")
    with pytest.raises(ValueError, match="role"):
        Paragraph("x", role="shout")
    with pytest.raises(ValueError, match="2 cells"):
        Table(("a", "b", "c"), [("1", "2")])
    with pytest.raises(TypeError, match="text"):
        Table(("a",), [(3,)])
    with pytest.raises(ValueError, match="align"):
        Table(("a",), [], align=("middle",))
    with pytest.raises(ValueError, match="kind"):
        ChartSpec("x", "pie", [])
    with pytest.raises(TypeError, match="block"):
        Document("x", ["not a block"])
    with pytest.raises(TypeError):
        BulletList("one string is not a list")


def test_numeric_columns_align_right_unless_told():
    table = Table(("Item", "Count", "Cost", "Share", "Note"),
                  [("Bikes", "1,204", "£3,500", "45%", "n/a"), ("Tools", "", "-£20.50", "5.5%", "12")])
    assert table.alignments() == ("left", "right", "right", "right", "left")
    assert Table(("a", "b"), [("1", "2")], align=("centre", "left")).alignments() == ("centre", "left")


def test_word_counts_follow_what_the_reader_sees():
    doc = _doc()
    assert doc.word_count(include_front=False) == 3 + 2 + 5 + 1 + 4 + 2 + 8 + 6 + 4 + 2
    assert doc.word_count() == doc.word_count(include_front=False) + 3 + 3 + 4
    assert section_word_count(doc, "Our commitment") == 2 + 5 + 1 + 4
    assert section_word_count(doc, "Delivery") == 1 + 4
    assert doc.section(Heading(1, "Track record")).word_count() == 2 + 8 + 6 + 4 + 2
    assert block_word_count(PageBreak()) == 0
    assert blocks_word_count(doc.blocks[:3]) == 3 + 2 + 5
    with pytest.raises(KeyError):
        doc.section("Nowhere")


def test_sections_split_at_the_top_heading_level():
    sections = _doc().sections()
    assert [s.heading.text if s.heading else None for s in sections] == [None, "Our commitment", "Track record"]
    assert sum(s.word_count() for s in sections) == _doc().word_count(include_front=False)
    assert Document("t").sections() == ()
    only = Document("t", [Paragraph("a b")]).sections()
    assert len(only) == 1 and only[0].heading is None and only[0].word_count() == 2


def test_plain_text_keeps_every_word_in_order():
    text = plain_text(_doc())
    assert text.startswith("Social value answer\nBike repair contract\nRiverside Bike Works CIC\n\nOpening")
    assert "We will train 90 people." in text
    assert "Year\tPeople\n2024/25\t42" in text
    assert text.index("Weekly sessions") < text.index("It changed my life.") < text.index("Source: registers.")
    assert plain_text(Quote("x", "y")) == "x\ny"
    assert plain_text([Heading(1, "A"), Paragraph("b")]) == "A\n\nb"


def test_values_are_written_as_a_reader_expects():
    assert format_value(1200, "") == "1,200"
    assert format_value(12.5, "young people") == "12.5"
    assert format_value(0.25, "") == "0.25"
    assert format_value(45, "%") == "45%"
    assert format_value(-20, "£") == "-£20"
    assert format_value(1500.0, "£") == "£1,500"
    assert format_value(None) == "–"


def test_a_chart_has_words_for_those_who_cannot_see_it():
    spec = ChartSpec("Young people trained", "line",
                     [Series("Trained", [("2024/25", 42), ("2025/26", None), ("2026/27", 58)])],
                     target=60, baseline=18, unit="young people", caption="Source: registers.")
    text = describe_chart(spec)
    assert text == ("Line chart: Young people trained. Trained (young people): 2024/25 42, 2026/27 58. "
                    "Target 60. Baseline 18.")
    assert alt_text(spec) == text
    assert alt_text(ChartSpec("x", "bar", [], description="Mine")) == "Mine"
    table = chart_table(spec)
    assert table.header == ("", "Trained (young people)", "Target", "Baseline")
    assert table.rows[1] == ("2025/26", "–", "60", "18")
    assert table.caption == "Source: registers."


def test_missing_or_impossible_values_leave_gaps():
    series = Series("s", [("a", float("nan")), ("b", float("inf")), ("c", "3")])
    assert series.points == (("a", None), ("b", None), ("c", 3.0))
    assert chart_table(ChartSpec("empty", "bar", [])).rows == (("No values yet",),)
