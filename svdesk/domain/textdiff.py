"""Word-level differences between two texts (what changed between two statement versions)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Words, single punctuation marks and runs of white space: "skills." and "skills" share "skills".
_TOKENS = re.compile(r"\s+|[\w'’]+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same in both ("same"), only in the old ("removed") or only in
    the new text ("added"). Joining the "same" and "removed" pieces gives the old text back;
    "same" and "added" the new one."""

    kind: str
    text: str


# Above this many tokens, texts are first lined up sentence by sentence: a word-by-word match of
# two long texts is quadratic (minutes for two 5,000-word texts), sentences keep it to milliseconds.
_DIRECT_LIMIT = 1200
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"”’)]*|\n|$)\s*")


def word_diff(old: str, new: str) -> list[Piece]:
    old, new = old or "", new or ""
    pieces: list[Piece] = []
    if len(_TOKENS.findall(old)) + len(_TOKENS.findall(new)) <= _DIRECT_LIMIT:
        _diff_words(old, new, pieces)
        return pieces
    old_sentences = [part for part in _SENTENCE.findall(old) if part]
    new_sentences = [part for part in _SENTENCE.findall(new) if part]
    matcher = difflib.SequenceMatcher(None, old_sentences, new_sentences, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = "".join(old_sentences[i1:i2]), "".join(new_sentences[j1:j2])
        if tag == "equal":
            _add(pieces, "same", new_part)
        elif len(_TOKENS.findall(old_part)) + len(_TOKENS.findall(new_part)) <= _DIRECT_LIMIT:
            _diff_words(old_part, new_part, pieces)
        else:
            _add(pieces, "removed", old_part)
            _add(pieces, "added", new_part)
    return pieces


def _add(pieces: list[Piece], kind: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1] = Piece(kind, pieces[-1].text + text)
    else:
        pieces.append(Piece(kind, text))


def _diff_words(old: str, new: str, pieces: list[Piece]) -> None:
    old_tokens = _TOKENS.findall(old)
    new_tokens = _TOKENS.findall(new)
    # Compare words; white space follows whichever side it came from.
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in _chunky(matcher.get_opcodes(), old_tokens):
        if tag == "equal":
            _add(pieces, "same", "".join(new_tokens[j1:j2]))
        else:
            _add(pieces, "removed", "".join(old_tokens[i1:i2]))
            _add(pieces, "added", "".join(new_tokens[j1:j2]))


def _chunky(opcodes, old_tokens, island: int = 2):
    """Folds short unchanged islands ("and", "the young") between two changes into the change,
    so a rewritten sentence reads as one removal and one addition instead of confetti."""
    ops = [list(op) for op in opcodes]
    for index in range(1, len(ops) - 1):
        tag, i1, i2, _, _ = ops[index]
        words = sum(1 for token in old_tokens[i1:i2] if not token.isspace())
        if tag == "equal" and words <= island and ops[index - 1][0] != "equal" and ops[index + 1][0] != "equal":
            ops[index][0] = "replace"
    merged: list[list] = []
    for op in ops:
        if merged and op[0] != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], op[2], merged[-1][3], op[4]]
        else:
            merged.append(op)
    return [tuple(op) for op in merged]


def change_summary(pieces: list[Piece]) -> str:
    """'12 words added, 3 removed' — or 'No changes'."""
    added = sum(len(piece.text.split()) for piece in pieces if piece.kind == "added")
    removed = sum(len(piece.text.split()) for piece in pieces if piece.kind == "removed")
    if not added and not removed:
        return "No changes"
    if added and removed:
        return f"{added} word{'s' if added != 1 else ''} added, {removed} removed"
    if added:
        return f"{added} word{'s' if added != 1 else ''} added"
    return f"{removed} word{'s' if removed != 1 else ''} removed"
