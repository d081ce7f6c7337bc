"""The last check before a document is written: does its text name a person further than their
consent allows NOW, whatever was edited, pasted or reworded?

Consent decides, per story, how identifiable its person may be for a use today (``allowed``):
full name, first name only, anonymous, or not at all (withdrawn, expired, no consent, use not
covered, the story in the bin: ``None``). Stories already used keep their words in drafts,
edits, sent answers and other years' reports; this module looks for the person's name in the
final text rather than trusting which stories the text was built from.

The rule, on folded text (``textfold.fold``: case, accents and ł/ø-style letters ignored;
invisible format characters such as zero-width spaces and soft hyphens removed first):

- A story's *name words* are the words of its person's name and of its pseudonym (the fields a
  story records to identify someone; ``anonymous_as`` is meant to be vague and is not looked for).
- A *run* is a stretch of the text's words that are all name words of the same story, each
  joined to the next only by spaces, line breaks, hyphens/dashes or apostrophes ("Łukasz
  Nowak", "LUKASZ\\nnowak", "Pritchard - Jones", "O'Brien"). Commas, full stops and other
  words break a run.
- Which words are forbidden depends on ``allowed``: full name — none; first name only — the
  surname words (every word of the name but the first); anonymous or not at all — every name
  and pseudonym word. A run is an exposure when it holds a forbidden word. So a first name alone
  is an exposure only when the first name is forbidden, and "first name + surname" is one when
  only the first name is allowed.
- To avoid false alarms on ordinary words: a run made only of one-letter words or of common
  English words that are also names (Will, May, Rose, Hope, Green, Young, ...) counts only when
  written as a name: with a capital letter, and for a single word not at the start of a sentence
  or line ("met Will", "Will Green", not "will green the park" nor "Will you"). Accents and case
  are otherwise ignored.
- A run that is exactly a name someone else may be given here is not an exposure: a lone word
  that is the allowed first name (or, fully named, any name word) of another story whose consent
  covers this use, or a whole run equal to another such story's full name or pseudonym. Two
  people can share a first name; the one who may be named must not block the export, and the
  one who may not is still caught by the surname or the full name. Likewise a lone first name
  followed, after one space, by a capitalised word that is not this person's name is someone
  else's full name ("Priya Bassi", a director, is not Priya Sharma).

``ExposureMatcher`` is built once per file change (an index from each name word to the stories
that have it) and then scans a document in one pass over its words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from svdesk.domain.consent import IdLevel
from svdesk.domain.textfold import fold

_TOKEN = re.compile(r"[^\W_]+")
# What may sit between two parts of one name: spaces and line breaks, hyphens and dashes,
# apostrophes ("O'Brien", "Nowak’s" is a run of "nowak" then the possessive "s").
_JOINER = re.compile(r"[\s\-‐‑‒–—―'’ʼ]*")
_SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")

# Words that are names and everyday English words at once; alone and in lower case they are
# taken as the word, not the person.
COMMON_WORDS = frozenset("""
a an and april art august autumn baker bank banks bell best bill black bloom brook brooks brown
bud buck bush carter chance charity cook dale dawn day dean eve faith field fields fish fisher
ford fox frank gay gem gift gold grace grant gray green grey guy hall hand hart hill hills holly
hope house hunt hunter iris ivy joy june just king lake lamb lane law lee little long lord love
major mark marsh may mason miles mill miller moon moore morning new north park parks pat penny
pierce poppy price rain ray read reed rich rick rider river rock rose ross rush sage savage
say page short sky small snow spring stone storm summer sun sunny swift taylor the tom town
violet wade walker wall ward ware warren water waters way west white wild will win wood woods
wren young
""".split())


@dataclass(frozen=True)
class NamedStory:
    """What the check needs to know about one story: who it names, and how far they may be named
    for the document's use today (``allowed`` None: not at all), and why not further."""

    story_id: str
    title: str
    person_name: str
    pseudonym: str
    allowed: IdLevel | None
    reason: str = ""


@dataclass(frozen=True)
class Exposure:
    story_id: str
    title: str
    found: str  # the words as written in the document
    allowed: IdLevel | None
    reason: str

    def sentence(self) -> str:
        title = self.title.strip() or "Untitled story"
        found = " ".join(self.found.split())
        if self.allowed is None:
            limit = "may not be named at all for this use now"
        elif self.allowed is IdLevel.ANONYMOUS:
            limit = "may only be described anonymously now"
        else:
            limit = "may be named by first name only now"
        reason = self.reason.strip().rstrip(".")
        why = f" ({reason[:1].lower() + reason[1:]})" if reason else ""
        return f"The text names “{found}”, the person in the story “{title}”, who {limit}{why}."


@functools.lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    """One word of the document, folded ("Łukasz" -> "lukasz"). Cached: documents repeat words."""
    return "".join(_TOKEN.findall(fold(token)))


def name_words(text: str) -> tuple[str, ...]:
    return tuple(_fold_token(token) for token in _TOKEN.findall(_visible(text)) if _fold_token(token))


def _visible(text: str) -> str:
    """NFC text without invisible format and control characters (a zero-width space inside a
    name must not hide it; renderers drop control characters too)."""
    text = unicodedata.normalize("NFC", text or "")
    if text.isascii():
        return "".join(ch for ch in text if ch >= " " or ch in "\n\t\r") if any(ch < " " for ch in text) else text
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\n\t\r")


def _forbidden(story: NamedStory) -> frozenset[str]:
    name = name_words(story.person_name)
    if story.allowed is IdLevel.NAMED:
        return frozenset()
    if story.allowed is IdLevel.FIRST_NAME:
        return frozenset(name[1:]) - frozenset(name[:1])
    return frozenset(name) | frozenset(name_words(story.pseudonym))


class ExposureMatcher:
    """Finds, in any text, the names of people who may not be named that far for the use the
    matcher was built for."""

    def __init__(self, stories: Iterable[NamedStory]):
        self._stories: list[NamedStory] = []
        self._words: list[frozenset[str]] = []  # every name word, per story
        self._forbidden: list[frozenset[str]] = []
        self._first: list[frozenset[str]] = []  # first words of the name and pseudonym, per story
        self._index: dict[str, list[int]] = {}  # forbidden word -> stories
        allowed_single: set[str] = set()
        allowed_runs: set[tuple[str, ...]] = set()
        for story in stories:
            name, pseudonym = name_words(story.person_name), name_words(story.pseudonym)
            if story.allowed is IdLevel.NAMED:
                allowed_single.update(name)
                allowed_single.update(pseudonym)
                allowed_runs.update(run for run in (name, pseudonym) if run)
            elif story.allowed is IdLevel.FIRST_NAME:
                allowed_single.update(name[:1])
                allowed_single.update(pseudonym)
                allowed_runs.update(run for run in (name[:1], pseudonym) if run)
            forbidden = _forbidden(story)
            if not forbidden:
                continue
            number = len(self._stories)
            self._stories.append(story)
            self._words.append(frozenset(name) | frozenset(pseudonym))
            self._forbidden.append(forbidden)
            self._first.append(frozenset(name[:1]) | frozenset(pseudonym[:1]))
            for word in forbidden:
                self._index.setdefault(word, []).append(number)
        self._allowed_single = frozenset(allowed_single)
        self._allowed_runs = frozenset(allowed_runs)

    def __len__(self) -> int:
        return len(self._stories)

    def find(self, text: str) -> list[Exposure]:
        """Every exposure in ``text``, one per story (its first occurrence), in text order."""
        text = _visible(text)
        if not self._index or not text:
            return []
        # Most documents name nobody who is forbidden: one fold of the whole text answers that.
        if self._index.keys().isdisjoint(_TOKEN.findall(fold(text))):
            return []
        tokens = [(match.start(), match.end(), _fold_token(match.group())) for match in _TOKEN.finditer(text)]
        found: dict[int, Exposure] = {}
        for position, (_start, _end, word) in enumerate(tokens):
            for number in self._index.get(word, ()):
                if number not in found:
                    exposure = self._check_run(text, tokens, position, number)
                    if exposure is not None:
                        found[number] = exposure
        return list(found.values())

    def _check_run(self, text: str, tokens: list, position: int, number: int) -> Exposure | None:
        names = self._words[number]
        first = last = position
        while first > 0 and tokens[first - 1][2] in names and _joined(text, tokens[first - 1][1], tokens[first][0]):
            first -= 1
        while (last + 1 < len(tokens) and tokens[last + 1][2] in names
               and _joined(text, tokens[last][1], tokens[last + 1][0])):
            last += 1
        run = tuple(token[2] for token in tokens[first:last + 1])
        if len(run) == 1 and run[0] in self._first[number] and _followed_by_other_name(text, tokens, last):
            return None
        if len(run) == 1 and (run[0] in self._allowed_single):
            return None
        if run in self._allowed_runs:
            return None
        if all(len(word) <= 1 or word in COMMON_WORDS for word in run):
            written = [text[start:end] for start, end, _word in tokens[first:last + 1]]
            if len(run) == 1 and not _written_as_name(text, tokens[first][0], tokens[first][1]):
                return None
            if not any(word[:1].isupper() for word in written):
                return None
        story = self._stories[number]
        return Exposure(story.story_id, story.title, text[tokens[first][0]:tokens[last][1]], story.allowed,
                        story.reason)


def _followed_by_other_name(text: str, tokens: list, last: int) -> bool:
    """Whether the word at ``last`` is followed, after a space, by a capitalised word that is
    not one of this person's names: "Priya Bassi" is someone else than Priya Sharma."""
    if last + 1 >= len(tokens):
        return False
    start = tokens[last + 1][0]
    if text[tokens[last][1]:start] != " ":
        return False
    following = text[start:tokens[last + 1][1]]
    return following[:1].isupper() and not following.isupper() and tokens[last + 1][2] not in COMMON_WORDS


def _joined(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return _JOINER.fullmatch(gap) is not None


def _written_as_name(text: str, start: int, end: int) -> bool:
    """A capitalised word that does not begin a sentence or a line ("met Will" but not "Will you")."""
    word = text[start:end]
    if len(word) <= 1 or not word[:1].isupper():
        return False
    before = text[max(0, start - 40):start]
    return bool(before.strip()) and _SENTENCE_END.search(before) is None


def describe(exposures: list[Exposure], document: str) -> str:
    """The plain message when an export is refused."""
    shown = [item.sentence() for item in exposures[:5]]
    more = len(exposures) - len(shown)
    if more > 0:
        shown.append(f"And {more} more {'story' if more == 1 else 'stories'}.")
    return (f"Nothing was written: the {document} would name someone further than their consent allows. "
            + " ".join(shown)
            + " Take the name out of the text (or describe the person as their consent allows), or draft it "
              "again, then export once more.")
