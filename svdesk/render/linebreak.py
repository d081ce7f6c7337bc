"""Text broken into lines no wider than a measured width, for the places svdesk draws text itself
(chart labels, the PDF page footer) rather than leaving it to a paragraph.

Nothing is ever cut off or replaced by "…": every character of the text is on some line. Lines
break at spaces; a single word wider than a line (a long web address, a name with no spaces) is
broken across lines.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str, float, bool], float]


def wrap_measured(text: str, size: float, bold: bool, width: float, measure: Measure) -> list[str]:
    """``text`` as lines at most ``width`` wide (a line of one character may be wider)."""
    result, current = [], ""
    for word in text.split():
        while measure(word, size, bold) > width and len(word) > 1:
            if current:
                result.append(current)
                current = ""
            cut = _longest_prefix(word, size, bold, width, measure)
            # "2024/" over "25", "three-" over "year": after a slash or hyphen when there is one.
            joint = max(word.rfind("/", 0, cut), word.rfind("-", 0, cut))
            cut = joint + 1 if joint > 0 else cut
            result.append(word[:cut])
            word = word[cut:]
        trial = f"{current} {word}".strip()
        if measure(trial, size, bold) <= width or not current:
            current = trial
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    return result


def widest(lines: list[str], size: float, bold: bool, measure: Measure) -> float:
    return max((measure(line, size, bold) for line in lines), default=0.0)


def _longest_prefix(word: str, size: float, bold: bool, width: float, measure: Measure) -> int:
    """How many of ``word``'s characters fit in ``width`` (at least one, fewer than all)."""
    low, high = 1, len(word) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle], size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return low
