"""Drafting each part of the CIC34 report, as plain text, from the year's records.

Every function takes plain facts (gathered by ``cic34_sources``) and returns the text svdesk
proposes for one box of the form. The person may edit it; ``svdesk.compose.cic34`` decides which
text is printed.
"""

from __future__ import annotations

from svdesk.compose.cic34_sources import IndicatorResult, YearSources
from svdesk.compose.parttext import BULLET, bullets, first_sentences, join_blocks
from svdesk.domain.cic34 import format_pounds
from svdesk.domain.cic34_wording import WordingValue
from svdesk.domain.consultations import join_words
from svdesk.domain.dates import format_date
from svdesk.domain.textsafe import clean_line, clean_text

MAX_HIGHLIGHTS = 3


def _period(sources: YearSources) -> str:
    year = sources.year
    return f"{year.label} ({format_date(year.start)} to {format_date(year.end)})"


# -- Part 1 ---------------------------------------------------------------------------------------
def result_line(result: IndicatorResult) -> str:
    """'Bikes repaired: 312 in 2025/26, against a target of 300 a year — target met.'"""
    text = f"{clean_line(result.name)}: {result.value_text}"
    if result.period_text:
        text += f" {result.period_text}"
    if result.target_text:
        text += f", against a target of {result.target_text}"
    if result.verdict:
        text += f" — {result.verdict}"
    text += "."
    if result.baseline_text:
        text += f" Baseline: {result.baseline_text}."
    if result.incomplete_note:
        text += f" ({result.incomplete_note})"
    return text


def _as_sentence(text: str) -> str:
    text = clean_line(text).rstrip(" ;,")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def highlight_line(story) -> str:
    """One story as a highlight, at the identification level its consent allows."""
    title = clean_line(story.title)
    when = f" ({format_date(story.story_date)})" if story.story_date else ""
    summary = first_sentences(story.after) or first_sentences(story.what_we_did)
    line = f"{title}{when}: {summary}" if summary else f"{title}{when}."
    quote = first_sentences(story.quote, limit=2, max_chars=240)
    if quote:
        who = clean_line(story.who)
        quote = quote.strip("“”\"")
        line += f" “{quote}”" + (f" — {who}" if who else "")
    return line


def chosen_highlights(stories: list) -> list:
    """Up to three of the year's usable stories: those with an "after" and a quote first, then
    those that illustrate an indicator, then the newest — a balanced handful, not the longest."""
    if hasattr(stories, "best"):  # the year's stories (YearStories): ranked before any is rendered
        return stories.best(MAX_HIGHLIGHTS, lambda entry: (not entry.has_after, not entry.has_quote,
                                                           not entry.has_indicators))

    def rank(story) -> tuple:
        return (not story.after.strip(), not story.quote.strip(), not story.indicator_ids)

    return sorted(stories, key=rank)[:MAX_HIGHLIGHTS]


def draft_part1(sources: YearSources) -> str:
    chunks = []
    if sources.statement_text:
        chunks.append(clean_text(sources.statement_text).strip())
    if sources.results:
        chunks.append(f"Our results for {_period(sources)}:\n"
                      + bullets([result_line(result) for result in sources.results]))
    who = [_as_sentence(result.who_benefits) for result in sources.results if result.who_benefits.strip()]
    unique = list(dict.fromkeys(who))
    if len(unique) == 1:
        chunks.append(f"Who benefited: {unique[0][:1].lower() + unique[0][1:]}")
    elif unique:
        chunks.append("Who benefited:\n" + bullets(unique))
    highlights = chosen_highlights(sources.stories)
    if highlights:
        chunks.append("Highlights of the year:\n" + bullets([highlight_line(story) for story in highlights]))
    return join_blocks(*chunks)


# -- Part 2 ---------------------------------------------------------------------------------------
def consultation_line(item) -> str:
    when = format_date(item.held_on) if item.held_on else "Undated"
    title = clean_line(item.title)
    head = f"{when} – {title}" if title else when
    who = item.who_text() or "stakeholders"
    line = f"{head}: we consulted {who} through {item.how_text()}"
    if item.people:
        line += f" ({item.people:,} {'person' if item.people == 1 else 'people'} took part)"
    line += "."
    heard = " ".join(clean_text(item.heard).split())
    if heard:
        line += f" What we heard: {_sentence(heard)}"
    changed = " ".join(clean_text(item.changed).split())
    if changed:
        line += f" What changed as a result: {_sentence(changed)}"
    return line


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def draft_part2(sources: YearSources, wording: dict[str, WordingValue], none_confirmed: bool = False) -> str:
    """"Did not consult" only on the person's dated word, never because nothing was logged."""
    items = sources.consultations
    if not items:
        return wording["part2_none"].text if none_confirmed else ""
    groups: list[str] = []
    for item in items:
        for part in _who_parts(item):
            if part not in groups:
                groups.append(part)
    opening = (f"During {sources.year.label} we consulted {join_words(groups)}." if groups
               else f"During {sources.year.label} we consulted our stakeholders.")
    return join_blocks(opening, bullets([consultation_line(item) for item in items]))


def _who_parts(item) -> list[str]:
    from svdesk.domain.consultations import Stakeholder

    parts = []
    for group in item.who:
        if group is Stakeholder.OTHER and item.who_other.strip():
            parts.append(clean_line(item.who_other))
        else:
            parts.append(group.label)
    return parts


# -- Part 3 ---------------------------------------------------------------------------------------
def nothing_paid(pay: list) -> bool:
    return not any(item.was_paid for item in pay)


def draft_part3(pay: list, wording: dict[str, WordingValue], none_confirmed: bool = False) -> str:
    """The nil statement only from records: every director listed at £0, or the person's dated
    "none this year" — never because nothing was entered."""
    required = wording["part3_required"].text
    if pay and nothing_paid(pay) and all(item.amount_pence == 0 for item in pay):
        return join_blocks(wording["part3_nil"].text, required)
    if not pay:
        return join_blocks(wording["part3_nil"].text, required) if none_confirmed else required
    return join_blocks(bullets([item.sentence() for item in pay]), required)


# -- Part 4 ---------------------------------------------------------------------------------------
def draft_part4(transfers: list, wording: dict[str, WordingValue], none_confirmed: bool = False) -> str:
    if not transfers:
        return wording["part4_nil"].text if none_confirmed else ""
    total = sum(item.value_pence or 0 for item in transfers)
    lines = bullets([item.sentence() + "." for item in transfers])
    if len(transfers) > 1:
        return join_blocks(lines, f"Total value: {format_pounds(total)}.")
    return lines


# -- dividends (CICs limited by shares) -------------------------------------------------------------
def draft_dividends(totals: list[tuple[str, int | None, bool]], wording: dict[str, WordingValue]) -> str:
    """``totals``: (year label, pence or None, confirmed none) for this year and the years before
    it (at most four, none before incorporation), newest first. "none" is said only for a year
    whose records or the person's confirmation say so; otherwise "not recorded"."""
    chunks = [wording["dividends_form"].text]
    this_year = totals[0] if totals else None
    if this_year is not None and not this_year[1] and (this_year[2] or this_year[1] == 0):
        chunks.append(wording["dividends_nil"].text)

    def amount(pence, confirmed) -> str:
        if pence:
            return format_pounds(pence)
        return "none" if confirmed or pence == 0 else "not recorded"

    noun = "this year and the four before" if len(totals) == 5 else "this year and the years before, since incorporation"
    chunks.append(f"Dividends declared or paid, {noun}:\n" + "\n".join(
        f"{BULLET}{label}: {amount(pence, confirmed)}" for label, pence, confirmed in totals))
    return join_blocks(*chunks)
