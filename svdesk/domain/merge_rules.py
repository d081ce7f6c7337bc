"""What a merge of two copies decides for one record, field by field, and how it is said.

No SQL: the engine (svdesk/store/merge_engine.py) reads the rows and gives each record's three
states here: ``base`` (the last state both copies knew, or None when there is none), ``mine``
and ``theirs``.
"""

from __future__ import annotations

from svdesk.domain.errors import SvdeskError


class MergeRefused(SvdeskError):
    """The other copy cannot be brought in; nothing was changed. ``str()`` says why, plainly."""

# Plural words for the counts of a plan, by table.
KIND_WORDS: dict[str, tuple[str, str]] = {
    "organisation": ("organisation detail", "organisation details"),
    "blobs": ("file", "files"),
    "attachments": ("evidence file", "evidence files"),
    "custom_frameworks": ("framework", "frameworks"),
    "tags": ("tag", "tags"),
    "statements": ("statement", "statements"),
    "statement_versions": ("agreed statement", "agreed statements"),
    "indicators": ("indicator", "indicators"),
    "readings": ("reading", "readings"),
    "indicator_valuations": ("valuation", "valuations"),
    "stories": ("story", "stories"),
    "story_consents": ("consent record", "consent records"),
    "story_uses": ("story use", "story uses"),
    "story_indicators": ("story link", "story links"),
    "consultations": ("consultation", "consultations"),
    "tenders": ("tender", "tenders"),
    "commitments": ("commitment", "commitments"),
    "tender_answer_versions": ("answer version", "answer versions"),
    "tender_submissions": ("submitted answer", "submitted answers"),
    "cic34_pay": ("director's pay entry", "director's pay entries"),
    "cic34_transfers": ("asset transfer", "asset transfers"),
    "cic34_dividends": ("dividend", "dividends"),
    "cic34_signatories": ("CIC34 signature", "CIC34 signatures"),
    "cic34_texts": ("CIC34 part", "CIC34 parts"),
    "cic34_summary": ("CIC34 story choice", "CIC34 story choices"),
    "cic34_wording": ("CIC34 wording", "CIC34 wordings"),
    "cic34_none": ("CIC34 'none this year'", "CIC34 'none this year' ticks"),
}


def kind_word(table: str, count: int) -> str:
    one, many = KIND_WORDS.get(table, (table, table))
    return one if count == 1 else many


def summary_sentence(counts: dict[str, dict[str, int]], conflicts: int) -> str:
    """'12 new readings, 2 new stories, 1 story changed on both laptops' — or 'Nothing to bring in'."""
    parts: list[str] = []
    for table, kinds in counts.items():
        if kinds.get("new"):
            parts.append(f"{kinds['new']} new {kind_word(table, kinds['new'])}")
    for table, kinds in counts.items():
        if kinds.get("changed"):
            parts.append(f"{kinds['changed']} {kind_word(table, kinds['changed'])} changed")
    for table, kinds in counts.items():
        if kinds.get("removed"):
            parts.append(f"{kinds['removed']} {kind_word(table, kinds['removed'])} removed")
    for table, kinds in counts.items():
        if kinds.get("conflicts"):
            parts.append(f"{kinds['conflicts']} {kind_word(table, kinds['conflicts'])} changed on both laptops")
    if not parts:
        return "Nothing to bring in: this copy already has every change."
    return ", ".join(parts)


# -- deciding one record -----------------------------------------------------------------------
from dataclasses import dataclass, field  # noqa: E402 - the decision types below the wording

# Stamps of when something last changed: the later one is kept, never asked about (a difference
# in them is a consequence of the changes, not a change of its own).
STAMPS = frozenset({"updated_at", "answer_updated_at", "answer_generated_at"})
NEVER_COMPARED = frozenset({"id", "created_at"}) | STAMPS
SUBMITTED = frozenset({"submitted", "won", "lost"})
# What a submitted tender answer is: never changed by a merge from a copy where it was not sent.
ANSWER_FIELDS = ("status", "answer_text", "answer_generated", "answer_notes", "answer_story_ids",
                 "answer_generated_at", "answer_updated_at", "story_ids", "stories_chosen", "word_limit")


@dataclass
class Decision:
    """What a merge makes of one record: ``result`` (None: the record stays deleted or is
    deleted), the fields asked about (``conflicts``: field -> (mine, theirs)), and ``notes`` for
    the person (rules that always win)."""

    result: dict | None
    conflicts: dict[str, tuple] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _changed(row: dict, base: dict | None) -> bool:
    """Whether ``row`` holds a change of its own since ``base`` (stamps and the bin aside)."""
    if base is None:
        return True
    return any(row.get(k) != base.get(k) for k in row if k not in NEVER_COMPARED and k != "deleted_at")


def decide(table: str, base: dict | None, mine: dict | None, theirs: dict | None, label: str,
           theirs_name: str) -> Decision:
    """Three-way, field by field: a field changed on one side only takes that change; a field
    changed on both sides to different values is a conflict (left as mine in ``result`` until
    chosen). ``None`` for ``mine``/``theirs`` means deleted for good on that side."""
    if mine is None and theirs is None:
        return Decision(None)
    if mine is None or theirs is None:
        kept, gone = (theirs, "this copy") if mine is None else (mine, theirs_name)
        if _changed(kept, base):
            return Decision(dict(kept), notes=[f"kept {label}, changed on one laptop and removed on {gone}"]
                            if base is not None else [])
        return Decision(None)
    result: dict = {}
    conflicts: dict[str, tuple] = {}
    for key in mine.keys() | theirs.keys():
        m, t = mine.get(key), theirs.get(key)
        if key in STAMPS:
            present = [v for v in (m, t) if v is not None]
            result[key] = max(present) if present else None
        elif m == t:
            result[key] = m
        elif key == "created_at":
            # Differs only for the same thing made on both laptops (a twin): the first making.
            result[key] = min(v for v in (m, t) if v is not None) if (m or t) else None
        elif base is not None and t == base.get(key):
            result[key] = m
        elif base is not None and m == base.get(key):
            result[key] = t
        else:
            result[key] = m
            conflicts[key] = (m, t)
    notes: list[str] = []
    _rule_consent_narrower(table, base, mine, theirs, result, conflicts, notes, label)
    _rule_withdrawn(table, mine, theirs, result, conflicts, notes, label)
    _rule_submitted(table, mine, theirs, result, conflicts, notes, label, theirs_name)
    _rule_bin(table, base, mine, theirs, result, conflicts, notes, label, theirs_name)
    return Decision(result, conflicts, notes)


def _rule_withdrawn(table, mine, theirs, result, conflicts, notes, label) -> None:
    """A withdrawn consent is never undone: the earliest withdrawal either copy holds stays."""
    if table != "story_consents":
        return
    dates = [d for d in (mine.get("withdrawn_on"), theirs.get("withdrawn_on")) if d]
    if not dates:
        return
    conflicts.pop("withdrawn_on", None)
    if result.get("withdrawn_on") != min(dates):
        notes.append(f"kept the withdrawal of consent for {label}")
    result["withdrawn_on"] = min(dates)


_LEVEL_ORDER = ("anonymous", "first_name", "named")  # least identifying first (consent.IdLevel)


def _rule_consent_narrower(table, base, mine, theirs, result, conflicts, notes, label) -> None:
    """What a person took back on one laptop is never given back by the other's edit: the uses
    they agreed to merge as sets (a use removed on either laptop stays removed, one added on
    either is added), and where both laptops changed how far the consent reaches, the narrower
    stands (the less identifying level, the earlier expiry) — never a choice, never --prefer."""
    if table != "story_consents":
        return
    if base is not None and "uses" in result:
        merged = _merged_uses(base.get("uses"), mine.get("uses"), theirs.get("uses"))
        if merged is not None:
            conflicts.pop("uses", None)
            result["uses"] = merged
    narrowed = False
    if "level" in conflicts:
        levels = [v for v in conflicts.pop("level") if v in _LEVEL_ORDER]
        if levels:
            result["level"] = min(levels, key=_LEVEL_ORDER.index)
            narrowed = True
    if "expires_on" in conflicts:
        # Both set: the earlier; one cleared ("never expires") and one set: the date.
        dates = [d for d in conflicts.pop("expires_on") if d]
        result["expires_on"] = min(dates) if dates else None
        narrowed = True
    if narrowed:
        notes.append(f"kept the narrower consent for {label}: it was changed on both laptops")


def _merged_uses(base_text, mine_text, theirs_text) -> str | None:
    import json

    try:
        base, mine, theirs = (json.loads(t) if t else [] for t in (base_text, mine_text, theirs_text))
    except (TypeError, ValueError):
        return None
    if not all(isinstance(v, list) and all(isinstance(u, str) for u in v) for v in (base, mine, theirs)):
        return None
    from svdesk.domain.consent import Use

    removed = (set(base) - set(mine)) | (set(base) - set(theirs))
    kept = (set(mine) | set(theirs)) - removed
    if mine_text == theirs_text:
        return mine_text
    if set(mine) == kept != set(theirs):
        return mine_text
    if set(theirs) == kept != set(mine):
        return theirs_text
    # As the store writes them (stories_rows): in the order of Use, so both directions agree.
    known = [use.value for use in Use]
    return json.dumps([u for u in known if u in kept] + sorted(str(u) for u in kept if u not in known))


def _rule_submitted(table, mine, theirs, result, conflicts, notes, label, theirs_name) -> None:
    """A tender answer submitted on one laptop is never changed by the other's draft."""
    if table != "tenders":
        return
    sent_mine, sent_theirs = mine.get("status") in SUBMITTED, theirs.get("status") in SUBMITTED
    if sent_mine == sent_theirs:
        return
    sent = mine if sent_mine else theirs
    for key in ANSWER_FIELDS:
        if key in sent:
            conflicts.pop(key, None)
            result[key] = sent[key]
    notes.append(f"kept the answer to {label} as submitted" + ("" if sent_mine else f" on {theirs_name}"))


def _rule_bin(table, base, mine, theirs, result, conflicts, notes, label, theirs_name) -> None:
    """Moved to the bin on one side and edited on the other: the edited record stays out of the bin."""
    if "deleted_at" not in result or result["deleted_at"] is None:
        return
    binned_mine, binned_theirs = mine.get("deleted_at") is not None, theirs.get("deleted_at") is not None
    if binned_mine == binned_theirs:
        return
    edited = theirs if binned_mine else mine
    if _changed(edited, base):
        conflicts.pop("deleted_at", None)
        result["deleted_at"] = None
        where = "this laptop" if binned_mine else theirs_name
        notes.append(f"kept {label} with its edits out of the bin: it had been moved to the bin on {where} "
                     "and edited on the other")


def field_label(column: str) -> str:
    words = {"person_name": "Person's name", "what_we_did": "What we did", "why_it_matters": "Why it matters",
             "period_start": "Period", "answer_text": "Answer", "deleted_at": "In the bin",
             "withdrawn_on": "Consent withdrawn on", "story_date": "Date"}
    return words.get(column, column.replace("_", " ").capitalize())


def shown(value) -> str:
    """A value as a person reads it: control and direction characters from the other copy (a
    file anyone could have made) are not passed on to a terminal or window; lines stay."""
    if value is None or value == "":
        return "(empty)"
    return printable(str(value), keep_lines=True) or "(empty)"


# Characters never shown as they are: C0/C1 controls (terminal escapes, bells, NUL), lone
# surrogates, and the invisible marks that reorder text (bidi overrides and isolates).
_HIDDEN = {"Cc", "Cs"}
_REORDER = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str, keep_lines: bool = False) -> str:
    """``text`` without control or text-reordering characters; tabs and (unless ``keep_lines``)
    line breaks become spaces."""
    import unicodedata

    text = str(text)
    if keep_lines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for char in text:
        if char == "\n" and keep_lines:
            out.append(char)
        elif char in "\t\n\r\x0b\x0c\u2028\u2029\x85":
            out.append(" ")
        elif char not in _REORDER and unicodedata.category(char) not in _HIDDEN:
            out.append(char)
    return "".join(out)
