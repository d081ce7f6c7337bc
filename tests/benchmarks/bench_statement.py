"""How fast the statement page reacts while typing: hints and word counts run on every keystroke,
drafting on every answer saved. Run by hand:

    /tmp/venv/bin/python tests/benchmarks/bench_statement.py
"""

from __future__ import annotations

import time

from svdesk.domain.statement import Answers
from svdesk.domain.statement_draft import compose
from svdesk.domain.statement_hints import statement_hints
from svdesk.domain.textdiff import word_diff
from svdesk.store.statement_library import example_kinds, hint_words


def timed(label: str, function, repeat: int) -> None:
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    each = (time.perf_counter() - start) / repeat * 1000
    print(f"{label:<52} {each:8.2f} ms")


def main() -> None:
    words = hint_words()
    kind = example_kinds()[0]
    typical = compose(kind.answers, kind.organisation)
    long_text = " ".join([typical.full_text] * 40)  # ~5,000 words: far beyond any real statement
    long_answers = Answers(**{key: value * 30 for key, value in kind.answers.as_dict().items()})
    timed("hints, typical statement (~125 words)", lambda: statement_hints(typical.full_text, typical.short_text, words), 500)
    timed("hints, 5,000 words", lambda: statement_hints(long_text, typical.short_text, words), 20)
    timed("draft from typical answers", lambda: compose(kind.answers, kind.organisation), 500)
    timed("draft from answers 30x too long", lambda: compose(long_answers, kind.organisation), 20)
    other = compose(example_kinds()[1].answers, "X").full_text
    timed("word diff, two typical statements", lambda: word_diff(typical.full_text, other), 200)
    timed("word diff, two 5,000-word texts", lambda: word_diff(long_text, long_text.replace("café", "shop")), 3)


if __name__ == "__main__":
    main()
