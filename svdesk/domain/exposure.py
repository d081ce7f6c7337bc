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
- One-letter words (initials, the "o" of O'Brien) never count alone. To avoid false alarms on
  ordinary words, a run made only of one-letter words or of common
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

What it cannot catch: a name misspelt or shortened ("Lukas", "Łukie"), a nickname that is not
the recorded pseudonym, a name glued to other letters, or a description that identifies someone
without naming them ("the 19-year-old from Small Heath who ..."). The passages of a withdrawn
story are still caught where exports know the stories they print (tender answers, CIC34 parts).

``ExposureMatcher`` is built from the stories given (an index from each forbidden word to its
stories; given only the stories that share a word with the document, ``text_words`` /
``story_words``, it finds exactly what it would given every story) and scans a document by
folding it letter by letter (``exposure_words``) (so positions stay those of the text) and
finding only the forbidden words present with one regular expression; the rare text where a
letter folds into two (ß -> ss) is walked word by word instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from svdesk.domain.consent import IdLevel
from svdesk.domain.exposure_words import _TOKEN, PreparedText, name_words, prepare, story_words, text_words

__all__ = ["COMMON_WORDS", "Exposure", "ExposureMatcher", "NamedStory", "PreparedText", "alone_allowed", "describe",
           "prepare", "joined_runs", "runs_allowed", "story_words", "text_words"]

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
def _entry(person_name: str, pseudonym: str, allowed: IdLevel | None) -> tuple:
    """(name words, forbidden words, first words, words and runs this person may be named by)
    for one story. Cached: the matcher is rebuilt from mostly the same stories after each change."""
    name, other = name_words(person_name), name_words(pseudonym)
    words = frozenset(name) | frozenset(other)
    first = frozenset(name[:1]) | frozenset(other[:1])
    if allowed is IdLevel.NAMED:
        return words, frozenset(), first, words, frozenset(run for run in (name, other) if run)
    if allowed is IdLevel.FIRST_NAME:
        single = frozenset(name[:1]) | frozenset(other)
        return (words, frozenset(name[1:]) - frozenset(name[:1]), first, single,
                frozenset(run for run in (name[:1], other) if run))
    return words, words, first, frozenset(), frozenset()


class ExposureMatcher:
    """Finds, in any text, the names of people who may not be named that far for the use the
    matcher was built for."""

    def __init__(self, stories: Iterable[NamedStory]):
        self._stories: list[NamedStory] = []
        self._words: list[frozenset[str]] = []  # every name word, per story
        self._forbidden: list[frozenset[str]] = []
        self._first: list[frozenset[str]] = []  # first words of the name and pseudonym, per story
        self._index: dict[str, set[int]] = {}  # forbidden word -> stories
        self._all: dict[str, set[int]] = {}  # any name word -> stories (those with a forbidden word)
        allowed_single: set[str] = set()
        allowed_runs: set[tuple[str, ...]] = set()
        for story in stories:
            words, forbidden, first, single, runs = _entry(story.person_name, story.pseudonym, story.allowed)
            if single:
                allowed_single.update(single)
                allowed_runs.update(runs)
            if not forbidden:
                continue
            number = len(self._stories)
            self._stories.append(story)
            self._words.append(words)
            self._forbidden.append(forbidden)
            self._first.append(first)
            for word in forbidden:
                self._index.setdefault(word, set()).add(number)
            for word in words:
                self._all.setdefault(word, set()).add(number)
        self._allowed_single = frozenset(allowed_single)
        self._allowed_runs = frozenset(allowed_runs)

    def __len__(self) -> int:
        return len(self._stories)

    def find(self, text: str | PreparedText) -> list[Exposure]:
        """Every exposure in ``text``, one per story (its first occurrence), in text order."""
        if not self._index:
            return []
        prepared = text if isinstance(text, PreparedText) else prepare(text)
        text, folded = prepared.text, prepared.folded
        if not text:
            return []
        found: dict[int, Exposure] = {}
        lone_done: set[str] = set()
        if folded is None:  # a letter folds into two (ß -> ss): go word by word
            tokens = list(prepared.tokens)
            for position, token in enumerate(tokens):
                if token[2] in self._index:
                    self._at(text, tokens, position, found, lone_done)
        else:
            # Most documents name nobody who is forbidden: their distinct words answer that at
            # once; otherwise one regular expression of the few words present finds each place.
            present = self._index.keys() & prepared.words
            if not present:
                return []
            for match in _words_pattern(frozenset(present)).finditer(folded):
                tokens, position = self._local_tokens(text, folded, match.start(), match.end())
                self._at(text, tokens, position, found, lone_done)
        return sorted(found.values(), key=lambda item: text.find(item.found))

    def _local_tokens(self, text: str, folded: str, start: int, end: int) -> tuple[list, int]:
        """The words around a match that may belong to the same run (name words joined to it),
        and one more on each side."""
        left, position = [], start
        for _ in range(_MOST_NAME_WORDS):
            window = max(0, position - 100)
            words = list(_TOKEN.finditer(folded, window, position))
            if not words or (words[0].start() == window and window > 0 and len(words) == 1):
                break  # nothing before, or one word longer than the window: not a name
            match = words[-1]
            left.append((match.start(), match.end(), match.group()))
            if match.group() not in self._all or not _joined(text, match.end(), position):
                break
            position = match.start()
        right, position = [], end
        for _ in range(_MOST_NAME_WORDS):
            match = _NEXT.match(folded, position)
            if match is None:
                break
            right.append((match.start(1), match.end(1), match.group(1)))
            if match.group(1) not in self._all or not _joined(text, position, match.start(1)):
                break
            position = match.end(1)
        return [*reversed(left), (start, end, folded[start:end]), *right], len(left)

    def _at(self, text: str, tokens: list, position: int, found: dict, lone_done: set) -> None:
        """Records the exposures of the forbidden word at ``tokens[position]``."""
        start, end, word = tokens[position]
        numbers = self._index[word]
        # Stories that also have a joined neighbour word among their names form longer runs
        # and are checked one by one; for all the others this word stands alone, and one
        # decision serves them all (a common first name may belong to hundreds of stories).
        special: set[int] = set()
        for other in (position - 1, position + 1):
            if 0 <= other < len(tokens) and tokens[other][2] in self._all:
                left, right = sorted((other, position))
                if _joined(text, tokens[left][1], tokens[right][0]):
                    special |= numbers & self._all[tokens[other][2]]
        for number in special:
            if number not in found:
                exposure = self._check_run(text, tokens, position, number)
                if exposure is not None:
                    found[number] = exposure
        if word in lone_done or not self._lone_counts(text, start, end, word):
            return
        followed = _followed_by_other_name(text, tokens, position)
        for number in numbers:
            if number in found or number in special or (followed and word in self._first[number]):
                continue
            story = self._stories[number]
            found[number] = Exposure(story.story_id, story.title, text[start:end], story.allowed, story.reason)
        if not followed and not special:
            lone_done.add(word)

    def _lone_counts(self, text: str, start: int, end: int, word: str) -> bool:
        if word in self._allowed_single:
            return False
        if len(word) <= 1:
            return False
        return word not in COMMON_WORDS or _written_as_name(text, start, end)

    def _check_run(self, text: str, tokens: list, position: int, number: int) -> Exposure | None:
        names = self._words[number]
        first = last = position
        while first > 0 and tokens[first - 1][2] in names and _joined(text, tokens[first - 1][1], tokens[first][0]):
            first -= 1
        while (last + 1 < len(tokens) and tokens[last + 1][2] in names
               and _joined(text, tokens[last][1], tokens[last + 1][0])):
            last += 1
        run = tuple(token[2] for token in tokens[first:last + 1])
        if not set(run) & self._forbidden[number]:
            return None
        if len(run) == 1:
            if not self._lone_counts(text, tokens[first][0], tokens[first][1], run[0]):
                return None
            if run[0] in self._first[number] and _followed_by_other_name(text, tokens, last):
                return None
        if run in self._allowed_runs:
            return None
        if all(len(word) <= 1 or word in COMMON_WORDS for word in run):
            if not any(text[start:end][:1].isupper() for start, end, _word in tokens[first:last + 1]):
                return None
        story = self._stories[number]
        return Exposure(story.story_id, story.title, text[tokens[first][0]:tokens[last][1]], story.allowed,
                        story.reason)

_MOST_NAME_WORDS = 8
_NEXT = re.compile(r"[\W_]*([^\W_]+)")
_LETTER = re.compile(r"[^\W_]")


def alone_allowed(story: NamedStory) -> frozenset[str]:
    """The words that, written alone, may name this story's person for the use it was decided for
    (its allowed first name and pseudonym; every name word when fully named). Once one such story
    is known for a word, that word alone exposes nobody (see the rule above)."""
    return _entry(story.person_name, story.pseudonym, story.allowed)[3]


def runs_allowed(story: NamedStory) -> frozenset[tuple[str, ...]]:
    """The runs of words this story's person may be named by for the use it was decided for (their
    full name and pseudonym when fully named; first name and pseudonym when by first name)."""
    return _entry(story.person_name, story.pseudonym, story.allowed)[4]


def joined_runs(prepared: PreparedText, words: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Each stretch of two or more of ``words`` the text writes joined into one run ("Sam Sam",
    "Jo-Alex", "Dafydd ap Gwyn"): runs a person could be named by although each of their words
    alone names nobody."""
    words = frozenset(words) & prepared.words
    if not words:
        return frozenset()
    text, runs = prepared.text, set()
    if prepared.folded is None:
        run: list[str] = []
        previous = None
        for token in prepared.tokens:
            if token[2] in words and run and _joined(text, previous[1], token[0]):
                run.append(token[2])
            else:
                if len(run) > 1:
                    runs.add(tuple(run))
                run = [token[2]] if token[2] in words else []
            previous = token
        if len(run) > 1:
            runs.add(tuple(run))
        return frozenset(runs)
    folded = prepared.folded
    at: dict[int, tuple[str, int | None]] = {}  # where each of the words is -> (it, where the next joined one is)
    for word in words:  # str.find, not a regular expression: nothing to compile in a fresh process
        start = folded.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and _LETTER.match(folded, start - 1) or _LETTER.match(folded, end)):
                following = _NEXT.match(folded, end)
                joined = (following is not None and following.group(1) in words
                          and _joined(text, end, following.start(1)))
                at[start] = (word, following.start(1) if joined else None)
            start = folded.find(word, end)
    followers = {following for _word, following in at.values() if following is not None}
    for start, (word, following) in at.items():
        if following is None or start in followers:
            continue
        run = [word]
        while following is not None and following in at:
            word, following = at[following]
            run.append(word)
        runs.add(tuple(run))
    return frozenset(runs)


@functools.lru_cache(maxsize=256)
def _words_pattern(words: frozenset[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


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
