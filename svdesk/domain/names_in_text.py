"""Finding people's full names in the organisation's own wording, to take them out before it is
published (a promise "for Amara Okafor's family", a statement quoting someone).

A name is matched as all its words in a row, folded (case and accents ignored, "Zoe" finds
"Zoë"), whatever stands between the words ("Ap-Rhys" finds "ap rhys"). A one-word name is not
matched: a first name alone is also a place, a street or an everyday word ("Rose", "Park").
"""

from __future__ import annotations

import re

from svdesk.domain.textfold import fold, words

NAME_REMOVED = "[name removed]"
_WORD = re.compile(r"[^\W_]+")


class NameRemover:
    def __init__(self, names):
        self._by_first: dict[str, list[tuple[str, ...]]] = {}   # each word of a text is looked up once
        for name in names:
            found = tuple(words(name))
            if len(found) >= 2 and found not in self._by_first.get(found[0], []):
                self._by_first.setdefault(found[0], []).append(found)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)   # "Amara Okafor Jones" before "Amara Okafor"

    def remove(self, text: str) -> tuple[str, bool]:
        """``text`` with every full name replaced by NAME_REMOVED, and whether any was."""
        if not self._by_first or not text:
            return text, False
        tokens = []   # (start, end, folded word); a token may fold into more than one word
        for match in _WORD.finditer(text):
            for word in words(match.group()) or [fold(match.group())]:
                tokens.append((match.start(), match.end(), word))
        spans, index = [], 0
        while index < len(tokens):
            found = next((name for name in self._by_first.get(tokens[index][2], ())
                          if tuple(t[2] for t in tokens[index:index + len(name)]) == name), None)
            if found is None:
                index += 1
                continue
            spans.append((tokens[index][0], tokens[index + len(found) - 1][1]))
            index += len(found)
        if not spans:
            return text, False
        out, cursor = [], 0
        for start, end in spans:
            if start >= cursor:
                out.append(text[cursor:start] + NAME_REMOVED)
                cursor = end
        out.append(text[cursor:])
        return "".join(out), True
