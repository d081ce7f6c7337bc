"""The cuts ``fit`` makes when an answer is longer than the word limit, least important first.

Each cut changes ``Cuts`` and returns one sentence for the person saying exactly what was left
out or shortened (or None when it has nothing to cut). The commitments themselves are never
left out: the last cuts only shorten them (see ``answer_fit``).
"""

from __future__ import annotations

from svdesk.compose.answer_model import AnswerMaterial, Cuts

def _n(words: int) -> str:
    return "1 word" if words == 1 else f"{words:,} words"


def _cut_second_story(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.stories < 2 or len(m.stories) < 2:
        return None
    c.stories = 1
    return f"Left out the second story, “{m.stories[1].title}”."


def _cut_estimates(m: AnswerMaterial, c: Cuts) -> str | None:
    kept = m.results if c.results is None else m.results[: c.results]
    if not c.estimates or not any(r.estimate for r in kept):
        return None
    c.estimates = False
    return "Left out the money estimates from the track record."


def _shorten_first_story(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.stories < 1 or not m.stories or c.story_short or m.stories[0].short == m.stories[0].body:
        return None
    c.story_short = True
    return f"Shortened the story “{m.stories[0].title}” to who it is about, what changed and the quote."


def _shorten_why(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.why != 2 or not (len(m.why.statement) > 1 or len(m.why.local) > 1
                          or (m.why.statement and m.why.short_statement)):
        return None
    c.why = 1
    return ("Shortened ‘Why it matters here’ to the one-sentence version of our statement and the first "
            "sentence about the local area.")


def _best_result_only(m: AnswerMaterial, c: Cuts) -> str | None:
    kept = m.results if c.results is None else m.results[: c.results]
    if len(kept) < 2:
        return None
    c.results = 1
    names = "; ".join(f"“{r.name}”" for r in kept[1:])
    return f"Kept only the strongest result in the track record; left out {names}."


def _cut_first_story(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.stories < 1 or not m.stories:
        return None
    c.stories = 0
    return f"Left out the story “{m.stories[0].title}”."


def _cut_milestones(m: AnswerMaterial, c: Cuts) -> str | None:
    if not c.milestones or c.delivery != 2 or not any(item.milestones for item in m.commitments):
        return None
    c.milestones = False
    return "Left out the milestone lists under ‘How we will deliver it’."


def _cut_why(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.why == 0 or not (m.why.statement or m.why.local or m.why.short_statement or m.why.outcomes):
        return None
    c.why = 0
    return "Left out ‘Why it matters here’ (our statement, the local area and the buyer's outcomes)."


def _shorten_reporting(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.reporting != 2 or not any(len(item.reporting) > 1 for item in m.commitments):
        return None
    c.reporting = 1
    return ("Shortened ‘How we will measure and report it’ to the KPIs and how often they are reported "
            "(evidence and accountability were left out).")


def _cut_track_record(m: AnswerMaterial, c: Cuts) -> str | None:
    if (c.results == 0 or not m.results) and (c.stories == 0 or not m.stories):
        return None
    c.results, c.stories = 0, 0
    return "Left out the track record (measured results)."


def _shorten_delivery(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.delivery != 2 or not any(len(item.delivery) > 1 or item.milestones for item in m.commitments):
        return None
    c.delivery = 1
    return "Shortened ‘How we will deliver it’ to the first sentence of each plan."


def _cut_reporting(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.reporting == 0 or not any(item.reporting for item in m.commitments):
        return None
    c.reporting = 0
    return "Left out ‘How we will measure and report it’."


def _cut_delivery(m: AnswerMaterial, c: Cuts) -> str | None:
    if c.delivery == 0 or not any(item.delivery or item.milestones for item in m.commitments):
        return None
    c.delivery = 0
    return "Left out ‘How we will deliver it’."


def _shorten_promises(m: AnswerMaterial, c: Cuts) -> str | None:
    shortened = [index for index, item in enumerate(m.commitments)
                 if len(item.promise) > 1 and index not in c.promise_sentences]
    if not shortened:
        return None
    for index in shortened:
        c.promise_sentences[index] = 1
    names = ", ".join(str(index + 1) for index in shortened)
    return f"Shortened commitment {names} to the first sentence of the promise and its figures."


CUT_ORDER = (
    _cut_second_story, _cut_estimates, _shorten_first_story, _shorten_why, _best_result_only,
    _cut_first_story, _cut_milestones, _cut_why, _shorten_reporting, _cut_track_record,
    _shorten_delivery, _cut_reporting, _cut_delivery, _shorten_promises,
)

# What the page tells the person before any cut is made.
CUT_ORDER_TEXT = (
    "When the answer is longer than the word limit, svdesk shortens it in this order until it fits: "
    "the second story; money estimates; the first story (to who it is about, what changed and the quote); ‘Why it matters "
    "here’ (to the short statement); the track record (to the strongest result); the first story; "
    "milestone lists; ‘Why it matters here’; evidence and accountability; the track record; the "
    "delivery plan (to its first sentence); then the reporting and delivery sections. The commitments "
    "are never left out — as a last resort they are shortened. Headings count as words."
)


