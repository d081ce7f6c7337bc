"""Checks before a CIC34 report is exported: each one plain sentence, most serious first.

Levels: "problem" (the report would be wrong or incomplete as filed), "warning" (weak — the
Regulator asks for more), "info" (worth knowing: the deadline and fee, wording to confirm).
``target`` says where the person fixes it: a part ("part1"…), a record list ("directors",
"transfers", "dividends", "signatory", "wording") or another page ("page:listening").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from svdesk.compose.parttext import normalise
from svdesk.domain.cic34 import FILING_MONTHS, Part, format_pounds
from svdesk.domain.dates import format_date
from svdesk.domain.organisation import LegalForm

LEVELS = ("problem", "warning", "info")
NEARLY_SAME = 0.9

# Words that say who a sentence is about: a Part 1 without any of them lists activities but not
# the people who benefited.
_BENEFICIARY_WORDS = re.compile(
    r"\b(people|person|young|youth|children|child|families|family|residents?|adults?|pupils?|students?|"
    r"learners?|trainees?|apprentices?|participants?|members?|customers?|clients?|users?|volunteers?|"
    r"women|men|girls?|boys?|parents?|carers?|older|elderly|veterans?|refugees?|patients?|tenants?|"
    r"neighbours?|communit(?:y|ies)|households?|visitors?|schools?|locals?|beneficiar(?:y|ies)|"
    r"helped|benefit(?:ed|ted|s)?|supported)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Check:
    key: str
    level: str
    text: str
    target: str = ""
    blocks: bool = False  # the report cannot be exported until this is fixed (a part the form needs is missing)

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ValueError(f"check level must be one of {LEVELS}")


# A part with nothing recorded and no "none this year" from the person: the form needs either
# the records or the nil statement, and svdesk may not guess which, so nothing is exported.
MISSING_RECORDS = {"part2_unknown": "Part 2 (consulting stakeholders)", "no_directors": "Part 3 (directors' pay)",
                   "transfers_unknown": "Part 4 (transfers of assets)", "dividends_unknown": "dividends"}


def missing_records(checks) -> list[Check]:
    return [check for check in checks if check.blocks]


def missing_records_sentence(year_label: str, checks) -> str:
    """Why the report is not exported, naming the parts: one plain message for the window and the
    command line."""
    names = [MISSING_RECORDS[check.key] for check in missing_records(checks)]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (f"The {year_label} CIC34 report was not exported: nothing is recorded for {listed}. The form needs "
            "what happened, or your statement that there was none. In svdesk's CIC34 page, on the "
            "“Directors, transfers, dividends” tab, list them or tick “none this year” for each.")


def names_beneficiaries(text: str) -> bool:
    return bool(_BENEFICIARY_WORDS.search(text or ""))


def report_checks(report, previous) -> list[Check]:
    checks: list[Check] = []
    checks += _organisation_checks(report)
    checks += _part1_checks(report)
    checks += _part2_checks(report, previous)
    checks += _part3_checks(report, previous)
    checks += _part4_checks(report, previous)
    checks += _dividend_checks(report, previous)
    checks += _same_as_last_year(report, previous)
    checks += _edit_checks(report)
    checks += _signatory_checks(report)
    checks.append(_deadline_check(report))
    checks += _wording_checks(report)
    checks = [replace(check, text=f"{check.text} The report cannot be exported until then.") if check.blocks
              else check for check in checks]
    return sorted(checks, key=lambda check: LEVELS.index(check.level))


def _organisation_checks(report) -> list[Check]:
    org = report.organisation
    found = []
    if not org.legal_form.is_cic:
        found.append(Check("not_a_cic", "info", "Only community interest companies file a CIC34; your profile "
                           f"says “{org.legal_form.label}”. Change it on the Our organisation page if that is "
                           "wrong.", "page:organisation"))
    if not org.company_number:
        found.append(Check("company_number", "problem", "The company number is missing from the header: "
                           "add it on the Our organisation page.", "page:organisation"))
    return found


def _part1_checks(report) -> list[Check]:
    sources = report.sources
    part = report.part(Part.ACTIVITIES)
    found = []
    if not sources.statement_agreed and not part.edited:
        found.append(Check("statement", "warning", "Your statement is not agreed yet, so Part 1 starts without "
                           "it: agree it on the Our statement page.", "page:statement"))
    if not part.text.strip():
        found.append(Check("part1_empty", "problem", "Part 1 is empty: describe what you did in the year and "
                           "who benefited.", "part1"))
        return found
    if not sources.results and not part.edited:
        found.append(Check("no_results", "warning", f"Part 1 has no results for {report.year.label}: record "
                           "readings for your indicators on the What we measure page.", "page:measures"))
    for name in sources.no_readings:
        found.append(Check("indicator_missing", "info", f"“{name}” has no readings for {report.year.label}, so it "
                           "is left out of Part 1.", "page:measures"))
    who_named = any(result.who_benefits.strip() for result in sources.results) or bool(report.stories_used())
    if part.edited or not who_named:
        who_named = names_beneficiaries(part.text)
    if not who_named:
        found.append(Check("no_beneficiaries", "warning", "Part 1 lists activities but not who benefited: say "
                           "who the people are and what changed for them.", "part1"))
    for item in report.sources.excluded:
        found.append(Check("story_excluded", "info", f"The story “{item.title}” was left out: "
                           f"{_lower_first(item.reason)}", "page:stories"))
    for item in report.excluded_in_print():
        found.append(Check("story_in_edit", "problem", f"Your edited text still tells “{item.title}”, which "
                           f"may not be used in public reports now ({_lower_first(item.reason.rstrip('.'))}): "
                           "take it out before exporting.", "part1"))
    return found


def _part2_checks(report, previous=None) -> list[Check]:
    part = report.part(Part.CONSULTATION)
    if not report.sources.consultations and "consultation" not in report.none_confirmed and not part.edited:
        before = ""
        if previous is not None and previous.sources.consultations:
            count = len(previous.sources.consultations)
            before = f" In {previous.year.label} {count} consultation{'s were' if count != 1 else ' was'} logged."
        return [Check("part2_unknown", "problem", f"Nothing is logged about consulting stakeholders in "
                      f"{report.year.label}: add what you did on the Who we listened to page, or confirm that "
                      f"you did not consult this year.{before}", "consultation", blocks=True)]
    if not part.text.strip():
        return [Check("part2_empty", "problem", "Part 2 is empty: say who you consulted and what changed, or "
                      "that you did not consult.", "part2")]
    if not report.sources.consultations:
        return [Check("part2_none", "warning", f"Part 2 is empty: no consultation is logged for "
                      f"{report.year.label}, so the report says there was none. Add what you did on the Who we "
                      "listened to page.", "page:listening")]
    found = []
    for item in report.sources.consultations:
        if not item.changed.strip():
            when = format_date(item.held_on) if item.held_on else "undated"
            found.append(Check("part2_changed", "warning", f"The consultation “{item.title or item.how_text()}” "
                               f"({when}) does not say what changed as a result; the form asks for it.",
                               "page:listening"))
    return found


def _part3_checks(report, previous=None) -> list[Check]:
    found = []
    for item in report.pay:
        if not item.is_complete:
            found.append(Check("pay_missing", "problem", f"The pay of {item.director} is not entered: give the "
                               "amount (£0 if unpaid) or the note in the accounts that shows it.", "directors"))
    if not report.pay and "pay" not in report.none_confirmed:
        # Nothing entered is not "nothing paid": the nil statement needs the person's word.
        found.append(Check("no_directors", "problem", f"Nothing is recorded about directors' pay for "
                           f"{report.year.label}: list each director with what they were paid, or confirm that "
                           f"no remuneration was received this year.{_last_year_pay(previous)}", "directors",
                           blocks=True))
    required = normalise(report.wording["part3_required"].text)
    if required not in normalise(report.text_of(Part.REMUNERATION)):
        found.append(Check("part3_sentence", "problem", "Part 3 is missing the sentence the form requires "
                           "(“There were no other transactions or arrangements…”): reset Part 3 or add it back.",
                           "part3"))
    return found


def _last_year_pay(previous) -> str:
    if previous is None or not previous.pay:
        return ""
    paid = sum(item.amount_pence or 0 for item in previous.pay)
    if paid:
        return f" In {previous.year.label} directors were paid {format_pounds(paid)} in total."
    if any(item.accounts_note.strip() for item in previous.pay):
        return f" In {previous.year.label} directors' pay was given in the accounts."
    return f" In {previous.year.label} no remuneration was recorded."


def _part4_checks(report, previous=None) -> list[Check]:
    found = []
    for item in report.transfers:
        if not item.is_complete:
            found.append(Check("transfer_missing", "problem", f"The transfer to {item.recipient} needs what was "
                               "transferred and its value.", "transfers"))
    if not report.transfers and "transfers" not in report.none_confirmed:
        before = ""
        if previous is not None and previous.transfers:
            total = sum(item.value_pence or 0 for item in previous.transfers)
            before = (f" In {previous.year.label} {len(previous.transfers)} transfer"
                      f"{'s were' if len(previous.transfers) != 1 else ' was'} recorded ({format_pounds(total)}).")
        found.append(Check("transfers_unknown", "problem", f"Nothing is recorded about transfers of assets for "
                           f"{report.year.label}: list them, or confirm there were none this year.{before}",
                           "transfers", blocks=True))
    elif not report.text_of(Part.TRANSFERS).strip():
        found.append(Check("part4_empty", "problem", "Part 4 is empty: list the transfers, or keep the nil "
                           "statement if there were none.", "part4"))
    return found


def _dividend_checks(report, previous=None) -> list[Check]:
    if report.organisation.legal_form is not LegalForm.CIC_SHARES:
        return []
    found = []
    if report.dividends_total is None and "dividends" not in report.none_confirmed:
        before = ""
        if previous is not None and previous.dividends_total:
            before = f" In {previous.year.label} dividends of {format_pounds(previous.dividends_total)} were recorded."
        found.append(Check("dividends_unknown", "problem", f"Nothing is recorded about dividends for "
                           f"{report.year.label}: add them, or confirm none were declared or paid this year.{before}",
                           "dividends", blocks=True))
    return found + [Check("detailed_form", "info", "As a CIC limited by shares you file the detailed form: it also "
                  "asks about dividends (at most 35 % of distributable profits) and performance-related interest.",
                  "dividends")]


def _same_as_last_year(report, previous) -> list[Check]:
    found = []
    if previous is None:
        return found
    for part in (Part.ACTIVITIES, Part.CONSULTATION):
        now = normalise(report.text_of(part))
        before = normalise(previous.text_of(part))
        if not now or not before or len(now) < 40:
            continue
        short = part.short
        if now == before:
            found.append(Check("same_as_last_year", "warning", f"{short} is word for word the same as "
                               f"{previous.year.label}'s: the Regulator asks for this year's highlights.",
                               part.value))
        elif _similarity(now, before) >= NEARLY_SAME:
            found.append(Check("same_as_last_year", "warning", f"{short} is almost the same as "
                               f"{previous.year.label}'s: say what was new this year.", part.value))
    return found


_MOST_WORDS = 3000


def _similarity(one: str, other: str) -> float:
    """How much of two texts is the same, word by word (0 to 1). Words, not characters: as exact
    for this purpose and a hundred times faster on a page of text. A part is a page or two; of a
    longer one (a whole report pasted in) only the start is compared, since matching grows with
    the square of the length."""
    first, second = one.split()[:_MOST_WORDS], other.split()[:_MOST_WORDS]
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    if matcher.real_quick_ratio() < NEARLY_SAME or matcher.quick_ratio() < NEARLY_SAME:
        return matcher.quick_ratio()
    return matcher.ratio()


def _edit_checks(report) -> list[Check]:
    return [Check("records_changed", "info", f"You edited {item.part.short} before the records changed: "
                  "compare it with the new draft, or reset it to the drafted text.", item.part.value)
            for item in report.parts if item.records_changed]


def _signatory_checks(report) -> list[Check]:
    signatory = report.signatory
    if not signatory.name.strip():
        return [Check("signatory", "problem", "Say who signs the report (a director or the secretary).",
                      "signatory")]
    if signatory.signed_on is None:
        return [Check("not_dated", "warning", "The report is not dated yet: add the date it is signed.", "signatory")]
    return []


def _deadline_check(report) -> Check:
    deadline, today = report.deadline, report.today
    filed = report.signatory.filed_on
    if filed is not None:
        late = " (after the deadline)" if filed > deadline else ""
        return Check("deadline", "info", f"Filed at Companies House on {format_date(filed)}{late}; it was due by "
                     f"{format_date(deadline)}.", "signatory")
    fee = report.wording["filing_fee"]
    fee_text = f"The filing fee is {fee.text}" + (" (check the current fee on GOV.UK)." if fee.needs_checking else ".")
    if today <= report.year.end:
        return Check("deadline", "info", f"{report.year.label} is still under way: the report is due with the "
                     f"accounts by {format_date(deadline)}, {FILING_MONTHS} months after the year end. {fee_text}")
    days = (deadline - today).days
    if days < 0:
        late = -days
        return Check("deadline", "problem", f"The report was due by {format_date(deadline)} ({FILING_MONTHS} "
                     f"months after the year end): {late} day{'s' if late != 1 else ''} ago. File it with the "
                     f"accounts now. {fee_text}")
    left = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} left"
    level = "warning" if days <= 30 else "info"
    return Check("deadline", level, f"Due at Companies House with the accounts by {format_date(deadline)}, "
                 f"{FILING_MONTHS} months after the year end: {left}. {fee_text}")


def _wording_checks(report) -> list[Check]:
    # Each part normalised once, not once per sentence of wording: a big year's parts run to pages.
    parts = [normalise(item.text) for item in report.parts]
    unconfirmed = [value for value in report.wording.values()
                   if value.needs_checking and value.key != "filing_fee" and _wording_in_use(parts, value)]
    if not unconfirmed:
        return []
    count = len(unconfirmed)
    if count == 1:
        text = (f"“{unconfirmed[0].text}” is svdesk's suggested wording, not confirmed from the law: read it "
                "under Wording and change it if it does not fit.")
    else:
        text = (f"{count} sentences in this report are svdesk's suggested wording, not confirmed from the law: "
                "read them under Wording and change any that do not fit.")
    return [Check("wording", "info", text, "wording")]


def _wording_in_use(parts: list[str], value) -> bool:
    if value.key == "signing":
        return True
    text = normalise(value.text)
    return any(text in part for part in parts)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
