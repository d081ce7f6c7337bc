"""The sentences of a tender answer, written from the records.

Promises and achievements come from different records and are written differently: a
commitment is always "We will …" (future tense, with its numbers, beneficiary and date); a
result is always a measured figure for a named past period with its source; a money value only
appears where the person turned a valuation on for that indicator, and it says it is an estimate
and lists its assumptions. Stories come only through the stories capability's consent rule
(``usable_for`` with the tenders use), already written at the level of identification allowed.
The statement is the current AGREED version — never the working draft.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from svdesk.compose.answer_fit import (
    AnswerMaterial, CommitmentText, ResultText, StoryText, WhyText, ensure_full_stop, sentences,
)
from svdesk.compose.answer_text import ESTIMATE_LEAD
from svdesk.domain.consent import Use
from svdesk.domain.dates import format_date
from svdesk.domain.frameworks import Framework
from svdesk.domain.tenders import (
    FREQUENCIES, Commitment, Tender, check_commitment, format_number, is_level,
)
from svdesk.domain.textsafe import clean_line, clean_text

MAX_RESULTS = 3
NO_LOCAL_CONTEXT = ("The tender has no local context, so the answer says nothing about why it matters in the buyer's "
                    "area: add a line about the area's need (with its source) on the Details tab.")
MAX_STORIES = 2
TENDER_USE = Use.TENDERS_FUNDERS


@dataclass
class Gathered:
    material: AnswerMaterial
    checks: list[str] = field(default_factory=list)   # what the person should know or fix


def _line(text: str) -> str:
    return clean_line(text)


def _outcome_label(tag: str, frameworks: list[Framework]) -> str:
    key = tag.partition("/")[0]
    for framework in frameworks:
        if framework.key == key:
            label = _without_check_marks(framework.label_of(tag) or "")
            if label:
                return f"{framework.short_name}: {label}"
    return tag


def _without_check_marks(label: str) -> str:
    """'Fair work (check)' -> 'Fair work': the mark is a note to the person that the name is not
    yet confirmed against the published list, never something the buyer should read."""
    return " ".join(re.sub(r"\(\s*check\s*\)", " ", label, flags=re.IGNORECASE).split())


def contract_phrase(months: int | None) -> str:
    """'the 3-year contract', 'the 18-month contract', 'the contract'."""
    if not months:
        return "the contract"
    if months % 12 == 0:
        return f"the {months // 12}-year contract"
    return f"the {months}-month contract"


def figures_sentence(commitment: Commitment, tender: Tender) -> str:
    c = commitment
    unit = _line(c.unit) or "of them"
    length = contract_phrase(tender.contract_months)
    if is_level(c.unit) and c.per_year is not None:
        # "60 % of those who complete the course": a level to reach, not a number to add up.
        how_many = f"{format_number(c.per_year)} {unit.lstrip()} each year"
    elif c.per_year is not None and c.over_contract is not None:
        how_many = f"{format_number(c.per_year)} {unit} a year, {format_number(c.over_contract)} over {length}"
    elif c.per_year is not None:
        how_many = f"{format_number(c.per_year)} {unit} a year"
    elif c.over_contract is not None:
        how_many = f"{format_number(c.over_contract)} {unit} over {length}"
    else:
        how_many = ""
    who = _line(c.for_whom)
    when = format_date(c.by_when) if c.by_when else ""
    verb = "achieve" if is_level(c.unit) else "deliver"
    if how_many:
        sentence = f"We will {verb} this for {who}: {how_many}" if who else f"We will {verb} {how_many}"
        if when:
            sentence += f", all by {when}" if c.over_contract is not None else f", by {when}"
        return sentence + "."
    if who:
        return f"We will do this for {who}" + (f", by {when}." if when else ".")
    return f"We will do this by {when}." if when else ""


def commitment_text(c: Commitment, tender: Tender, index: int, several: bool, indicator_name: str) -> CommitmentText:
    label = f"Commitment {index + 1}: " if several else ""
    promise = sentences(ensure_full_stop(_line(c.promise)))
    delivery = [*sentences(clean_text(c.actions)), *sentences(clean_text(c.people))]
    delivery = [ensure_full_stop(s) for s in delivery]
    milestones = tuple(_line(line).lstrip("•-*– ").strip() for line in clean_text(c.milestones).split("\n")
                       if _line(line).lstrip("•-*– ").strip())
    buyer = _line(tender.buyer) or "you"
    frequency = FREQUENCIES.get(c.frequency, "")
    reporting = []
    kpis = _line(c.kpis).rstrip(".")
    if kpis:
        reporting.append(f"KPIs we will report to {buyer}" + (f" {frequency}" if frequency else "") + f": {kpis}.")
    elif frequency:
        reporting.append(f"We will report progress to {buyer} {frequency}.")
    if c.evidence.strip():
        reporting.append(ensure_full_stop(f"Evidence we will provide: {_line(c.evidence)}"))
    if indicator_name:
        reporting.append(f"We will measure it with our existing indicator “{indicator_name}”, which we already record.")
    if c.accountable.strip():
        reporting.append(ensure_full_stop(f"Accountable for delivery and reporting: {_line(c.accountable)}"))
    return CommitmentText(
        label=label, promise=promise, figures=figures_sentence(c, tender), delivery=tuple(delivery),
        milestones=milestones, reporting=tuple(reporting), name=_line(c.promise) or f"Commitment {index + 1}",
    )


# -- track record ---------------------------------------------------------------------------------
def _indicator_order(indicators, linked: list[str], tender_tags: set[str], tags_of) -> list:
    def rank(item):
        position = item[0]
        indicator = item[1]
        if indicator.id in linked:
            return (0, linked.index(indicator.id), position)
        shared = len(tender_tags & set(tags_of(indicator.id)))
        return (1, -shared, position)
    return [indicator for _, indicator in sorted(enumerate(indicators), key=rank)]


def result_text(workspace, indicator) -> ResultText | None:
    """The latest complete year's figure (with the year before, when there is one), or None.

    Figures are the year figures of svdesk.domain.counting: people taking part are never a sum,
    a part year says which months it covers, and a score is printed with its scale."""
    from svdesk.domain.counting import score_change

    totals = workspace.indicators.year_totals(indicator.id)
    if not totals:
        return None
    complete = [t for t in totals if t.complete and t.value is not None]
    latest = complete[-1] if complete else totals[-1]
    period = latest.label
    name = _line(indicator.name)
    sentence = f"{name}: {latest.text} {latest.period_text}"
    earlier = [t for t in totals if t.year < latest.year and t.complete and t.value is not None]
    change = score_change(indicator, [t for t in totals if t.year <= latest.year and t.complete])
    if change:
        sentence += f", {change}"
    elif earlier and latest.value is not None:
        before = earlier[-1]
        if latest.value != before.value:
            word = "up" if latest.value > before.value else "down"
            sentence += f", {word} from {before.text} in {before.year.label}"
    # Where the figure comes from, in the person's words (library guidance is never a source).
    how = sentences(clean_text(workspace.indicators.own_source(indicator)))
    source = how[0].split("; ")[0].rstrip(".") if how else "our own monitoring records"
    sentence += f". Source: {source}."
    if latest.value is None:
        return ResultText(indicator.id, name, sentence, "")
    return ResultText(indicator.id, name, sentence, _estimate(workspace, indicator, latest, period))


def _estimate(workspace, indicator, year_total, period: str) -> str:
    valuation = workspace.indicators.valuation(indicator.id)
    from svdesk.store.indicators_repo import can_be_valued

    if valuation is None or not valuation.enabled or not can_be_valued(indicator):
        return ""
    from svdesk.domain.sroi import estimate

    result = estimate(year_total.value, valuation)
    assumptions = " ".join(ensure_full_stop(_line(a)) for a in result.assumptions)
    return (f"{ESTIMATE_LEAD} of the {period} result for “{_line(indicator.name)}”: {_line(result.text)}. "
            f"This is an estimate, not a measured amount. Assumptions: {assumptions}").strip()


def _results(workspace, tender: Tender, commitments: list[Commitment], frameworks) -> list[ResultText]:
    repo = workspace.indicators
    linked = [c.indicator_id for c in commitments if c.indicator_id]
    tender_tags = set(workspace.tags.tags_for("tenders", tender.id))
    ordered = _indicator_order(repo.active(), linked, tender_tags,
                               lambda indicator_id: workspace.tags.tags_for("indicators", indicator_id))
    found = []
    for indicator in ordered:
        result = result_text(workspace, indicator)
        if result:
            found.append(result)
        if len(found) == MAX_RESULTS:
            break
    return found


# -- stories --------------------------------------------------------------------------------------
def chosen_stories(workspace, tender: Tender, commitments: list[Commitment], today: dt.date):
    """The stories the answer may use (never one whose consent does not cover tenders), in order."""
    repo = workspace.stories
    if tender.stories_chosen:
        if not tender.story_ids:
            return []
        usable = {s.story_id: s for s in repo.usable_for(TENDER_USE, today, story_ids=list(tender.story_ids))}
        return [usable[story_id] for story_id in tender.story_ids if story_id in usable][:MAX_STORIES]
    linked = {c.indicator_id for c in commitments if c.indicator_id}
    shows = {story_id for indicator_id in linked for story_id in repo.story_ids_for_indicator(indicator_id)}
    # Stories that show what we promise first; otherwise the newest (usable_for's order). Only
    # the few chosen are read and written out: a file may hold thousands of usable stories.
    chosen = repo.first_usable_ids(TENDER_USE, today, MAX_STORIES, preferred=sorted(shows))
    usable = {s.story_id: s for s in repo.usable_for(TENDER_USE, today, story_ids=chosen)}
    return [usable[story_id] for story_id in chosen if story_id in usable]


def story_text(story) -> StoryText:
    title = _line(story.title) or "A story"
    lead = ensure_full_stop(f"Case study: {title}")
    body = tuple(ensure_full_stop(s) for part in (story.before, story.what_we_did, story.after)
                 for s in sentences(clean_text(part)))
    # Shortened: who it is about (the first sentence), and what changed.
    before = tuple(ensure_full_stop(s) for s in sentences(clean_text(story.before)))[:1]
    after = tuple(ensure_full_stop(s) for s in sentences(clean_text(story.after)))
    short = (*before, *after) if after else body[-1:]
    return StoryText(story.story_id, title, (lead, *body), (lead, *short),
                     quote=" ".join(clean_text(story.quote).split()), who=_line(story.who))


# -- why it matters here ------------------------------------------------------------------------------
def why_text(workspace, tender: Tender, frameworks) -> tuple[WhyText, list[str]]:
    checks = []
    statement, short = (), ""
    agreed = workspace.statements.current_agreed()
    if agreed is None:
        checks.append("Your statement is not agreed yet, so ‘Why it matters here’ leaves it out: agree it on "
                      "the Our statement page.")
    else:
        statement = tuple(" ".join(p.split()) for p in clean_text(agreed.full_text).split("\n") if p.strip())
        short = " ".join(clean_text(agreed.short_text).split())
    # The area comes only from the tender's own local context, in the person's words: the
    # organisation's home area says nothing about why it matters where this buyer is (and may
    # be elsewhere), so it is never written in as filler. What is missing is said to the person.
    local = [ensure_full_stop(s) for s in sentences(clean_text(tender.local_context))]
    if not local:
        checks.append(NO_LOCAL_CONTEXT)
    tags = workspace.tags.tags_for("tenders", tender.id)
    outcomes = ""
    if tags:
        labels = [_outcome_label(tag, frameworks) for tag in tags]
        outcomes = f"It contributes to the outcomes {_line(tender.buyer) or 'you'} asked about: {'; '.join(labels)}."
    return WhyText(statement=statement, short_statement=short, local=tuple(local), outcomes=outcomes), checks


# -- everything --------------------------------------------------------------------------------------
def gather(workspace, tender: Tender, today: dt.date) -> Gathered:
    commitments = workspace.tenders.commitments(tender.id)
    frameworks = workspace.frameworks.all()
    checks: list[str] = []
    if not commitments:
        checks.append("There are no commitments yet: add at least one on the Commitments tab — it is what "
                      "evaluators score first.")
    names = _indicator_names(workspace)
    other_buyers = tuple(workspace.tenders.buyers(except_id=tender.id))
    several = len(commitments) > 1
    texts = []
    for index, c in enumerate(commitments):
        texts.append(commitment_text(c, tender, index, several, names.get(c.indicator_id, "")))
        for problem in check_commitment(c, tender, other_buyers):
            checks.append(f"Commitment {index + 1}: {problem}")
    results = _results(workspace, tender, commitments, frameworks)
    stories = chosen_stories(workspace, tender, commitments, today)
    for story in stories:
        checks += [f"Story “{_line(story.title)}”: {warning}" for warning in story.warnings]
    if tender.stories_chosen and len(stories) < min(len(tender.story_ids), MAX_STORIES):
        checks.append("A story you chose cannot be used for tenders today (see its consent), so it was left out.")
    why, why_checks = why_text(workspace, tender, frameworks)
    material = AnswerMaterial(
        commitments=tuple(texts), results=tuple(results), stories=tuple(story_text(s) for s in stories), why=why,
    )
    return Gathered(material, checks + why_checks)


def _indicator_names(workspace) -> dict[str, str]:
    return {indicator.id: _line(indicator.name) for indicator in workspace.indicators.all()}
