"""A tender's social value answer laid out in the order evaluators read, and fitted to the word limit.

The material (sentences already written from the records) is laid out as:

1. Our commitment(s) — what we promise: what, for whom, how many, by when (future tense);
2. How we will deliver it — actions, people, milestones;
3. How we will measure and report it — KPIs, frequency, evidence, who is accountable;
4. Our track record — measured results with their period and source (past tense), money
   estimates only where the user entered a valuation, and one or two consented stories;
5. Why it matters here — our agreed statement, the local area, the buyer's outcomes.

Headings count towards the limit (they are words the evaluator's word processor counts), and so
do the "•" of list items and the "—" of a quotation's attribution: the count is taken on the
very text the person edits and sends (``answer_text.blocks_to_text``).

When the material is longer than the limit, ``fit`` applies the cuts in ``CUT_ORDER`` one at a
time, least important first, until the answer fits, and says what each cut left out. The
commitments themselves are never dropped: as a last resort they are shortened to their first
sentence, then word by word. For any limit of at least 100 words the result fits (tested with
Hypothesis).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from svdesk.compose.answer_cuts import CUT_ORDER, CUT_ORDER_TEXT  # noqa: F401 - part of this module's API
from svdesk.compose.answer_model import (  # noqa: F401 - re-exported for callers of fit
    AnswerMaterial, CommitmentText, Cuts, ResultText, StoryText, WhyText, ensure_full_stop, sentences,
)
from svdesk.compose.answer_text import blocks_to_text
from svdesk.document.model import BulletList, Heading, Paragraph, Quote
from svdesk.domain.words import count_words, first_words

HEADINGS = {
    "commitments": ("Our commitment", "Our commitments"),
    "delivery": ("How we will deliver it", "How we will deliver them"),
    "reporting": ("How we will measure and report it", "How we will measure and report them"),
    "track": ("Our track record", "Our track record"),
    "why": ("Why it matters here", "Why it matters here"),
}
MIN_COMMITMENT_WORDS = 12


@dataclass(frozen=True)
class FittedAnswer:
    blocks: tuple
    text: str
    words: int
    limit: int | None
    left_out: tuple[str, ...]       # one sentence per cut, in the order they were made
    story_ids: tuple[str, ...]      # stories that are in the text

    @property
    def fits(self) -> bool:
        return self.limit is None or self.words <= self.limit


def _join(sentences) -> str:
    return " ".join(s.strip() for s in sentences if s and s.strip())


def _heading(key: str, plural: bool) -> Heading:
    return Heading(2, HEADINGS[key][1 if plural else 0])


def _promise_text(item: CommitmentText, index: int, cuts: Cuts) -> str:
    promise = item.promise
    if index in cuts.promise_sentences:
        promise = promise[: cuts.promise_sentences[index]]
    promise_text = _join(promise)
    cap = cuts.commitment_words.get(index)
    if cap is None:
        return item.label + _join([promise_text, item.figures])
    # The figures (how many, for whom, by when) are what is scored: shorten the promise's own
    # wording first, and the figures only when that is not enough.
    room = max(4, cap - count_words(item.label) - count_words(item.figures))
    if count_words(promise_text) > room:
        promise_text = _cut_words(promise_text, room)
    return _cut_words(item.label + _join([promise_text, item.figures]), cap)


def _cut_words(text: str, words: int) -> str:
    if count_words(text) <= words:
        return text
    cut = first_words(text, max(1, words)).rstrip(" ,;:—–-")
    return cut if cut.endswith((".", "…")) else cut + "…"


def layout(material: AnswerMaterial, cuts: Cuts | None = None) -> tuple[tuple, tuple[str, ...]]:
    """The answer's blocks for the given cuts, and the ids of the stories it includes."""
    cuts = cuts or Cuts()
    blocks: list = []
    plural = len(material.commitments) > 1
    if material.commitments:
        blocks.append(_heading("commitments", plural))
        for index, item in enumerate(material.commitments):
            blocks.append(Paragraph(_promise_text(item, index, cuts)))
    if cuts.delivery:
        section = []
        for item in material.commitments:
            sentences = item.delivery[:1] if cuts.delivery == 1 else item.delivery
            text = _join(sentences)
            milestones = item.milestones if cuts.milestones and cuts.delivery == 2 else ()
            if text or milestones:
                section.append(Paragraph(item.label + (text or "Milestones:")))
            if milestones:
                section.append(BulletList(milestones))
        if section:
            blocks += [_heading("delivery", plural), *section]
    if cuts.reporting:
        section = []
        for item in material.commitments:
            sentences = item.reporting[:1] if cuts.reporting == 1 else item.reporting
            if _join(sentences):
                section.append(Paragraph(item.label + _join(sentences)))
        if section:
            blocks += [_heading("reporting", plural), *section]
    story_ids: list[str] = []
    if cuts.results is None or cuts.results > 0 or cuts.stories:
        section = []
        results = material.results if cuts.results is None else material.results[: cuts.results]
        if results:
            section.append(Paragraph(material.results_intro))
            section.append(BulletList(tuple(result.sentence for result in results)))
            if cuts.estimates:
                section += [Paragraph(result.estimate, "estimate") for result in results if result.estimate]
        for position, story in enumerate(material.stories[: cuts.stories]):
            sentences = story.short if (position == 0 and cuts.story_short) else story.body
            if _join(sentences):
                section.append(Paragraph(_join(sentences)))
            if story.quote:
                section.append(Quote(story.quote, story.who))
            story_ids.append(story.story_id)
        if section:
            blocks += [_heading("track", False), *section]
    why = material.why
    if cuts.why == 2:
        section = [Paragraph(p) for p in why.statement if p.strip()]
        if why.local:
            section.append(Paragraph(_join(why.local)))
        if why.outcomes:
            section.append(Paragraph(why.outcomes))
    elif cuts.why == 1:
        short = why.short_statement or (why.statement[0] if why.statement else "")
        section = [Paragraph(_join([short, *why.local[:1]]))] if _join([short, *why.local[:1]]) else []
        if why.outcomes:
            section.append(Paragraph(why.outcomes))
    else:
        section = []
    if section:
        blocks += [_heading("why", False), *section]
    return tuple(blocks), tuple(story_ids)


def _words(material: AnswerMaterial, cuts: Cuts) -> int:
    blocks, _ = layout(material, cuts)
    return count_words(blocks_to_text(blocks))


def _trim_commitments(material: AnswerMaterial, cuts: Cuts, limit: int) -> list[str]:
    """Last resort: the same cap on every commitment's length, the largest cap that fits."""
    lengths = [count_words(_promise_text(item, index, cuts)) for index, item in enumerate(material.commitments)]
    if not lengths or max(lengths) <= MIN_COMMITMENT_WORDS:
        return []

    def apply(cap: int) -> None:
        cuts.commitment_words.clear()
        cuts.commitment_words.update({index: cap for index, length in enumerate(lengths) if length > cap})

    low, high = MIN_COMMITMENT_WORDS, max(lengths) - 1
    apply(low)
    if _words(material, cuts) <= limit:
        while low < high:  # the largest cap that still fits
            middle = (low + high + 1) // 2
            apply(middle)
            if _words(material, cuts) <= limit:
                low = middle
            else:
                high = middle - 1
        apply(low)
    names = ", ".join(str(index + 1) for index in sorted(cuts.commitment_words))
    return [f"Cut commitment {names} short, word by word, to fit: rewrite {'it' if len(cuts.commitment_words) == 1 else 'them'} "
            "more briefly."]


def _hard_cut(blocks: tuple, limit: int) -> tuple:
    """Keeps the first ``limit`` words (whole blocks, then part of one): only reached when the
    commitments' minimum wording alone is longer than the limit."""
    kept, used = [], 0
    for block in blocks:
        text = blocks_to_text([block])
        words = count_words(text)
        if used + words <= limit:
            kept.append(block)
            used += words
            continue
        room = limit - used
        if isinstance(block, Paragraph) and room > 0:
            kept.append(replace(block, content=_cut_words(block.text, room)))
        break
    while kept and isinstance(kept[-1], Heading):
        kept.pop()
    return tuple(kept)


def fit(material: AnswerMaterial, limit: int | None) -> FittedAnswer:
    cuts = Cuts()
    notes: list[str] = []
    if limit is not None:
        made = []  # (note, cuts before, cuts after) for each cut made
        for cut in CUT_ORDER:
            if _words(material, cuts) <= limit:
                break
            before = copy.deepcopy(cuts)
            note = cut(material, cuts)
            if note:
                made.append((note, before, copy.deepcopy(cuts)))
        _put_back(material, cuts, made, limit)
        notes = [note for note, _before, _after in made]
        if _words(material, cuts) > limit:
            notes += _trim_commitments(material, cuts, limit)
    blocks, story_ids = layout(material, cuts)
    text = blocks_to_text(blocks)
    if limit is not None and count_words(text) > limit:
        # Every other cut has been made by now, stories included.
        blocks = _hard_cut(blocks, limit)
        text = blocks_to_text(blocks)
        notes.append(f"There are too many commitments to state them all in {limit:,} words: the answer stops "
                     f"after {limit:,} words. Remove a commitment or shorten them.")
    return FittedAnswer(blocks=blocks, text=text, words=count_words(text), limit=limit,
                        left_out=tuple(notes), story_ids=story_ids)


def _put_back(material: AnswerMaterial, cuts: Cuts, made: list, limit: int) -> None:
    """A later, bigger cut may leave room: undo earlier cuts (most important first) that still fit."""
    for index in range(len(made) - 2, -1, -1):
        note, before, after = made[index]
        trial = copy.deepcopy(cuts)
        for name in vars(after):
            if getattr(after, name) != getattr(before, name):
                setattr(trial, name, copy.deepcopy(getattr(before, name)))
        if _words(material, trial) <= limit:
            for name, value in vars(trial).items():
                setattr(cuts, name, value)
            del made[index]
