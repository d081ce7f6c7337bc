"""What a merge of two copies decides for one record, field by field, and how it is said.

No SQL: the engine (svdesk/store/merge_engine.py) reads the rows and gives each record's three
states here: ``base`` (the last state both copies knew, or None when there is none), ``mine``
and ``theirs``.
"""

from __future__ import annotations

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
