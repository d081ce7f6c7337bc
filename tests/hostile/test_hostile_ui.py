"""Hostile text typed into every text field of every page of the demo, as a person would.

For a handful of nasty strings: every editable QLineEdit / QPlainTextEdit / QTextEdit of every
page (and of every tab on it) gets the text, then loses focus. Each field either saves it —
whole, nothing cut at a NUL — or shows a plain message (a date box refuses text); a field that
neither saves it nor says why is allowed only if it does not save plain words either (a search
box, a filter). Then every export runs, the window closes, the file reopens: nothing raised
(pytest-qt fails the test on an exception in any Qt slot), every saved value is still there and
every page shows it without trouble.
"""

from __future__ import annotations

import pytest

from svdesk.services.export_registry import EXPORTS
from svdesk.domain.textsafe import clean_text
from tests.hostile.corpus import NASTY, safe_for_storage
from tests.hostile.readback import squash
from tests.hostile.ui_typing import settle, text_cells, walk

# Markup and entities, invisible controls, a NUL, right-to-left and emoji: the ones that stress a
# widget, the file and the renderers differently (the whole corpus goes through ``load``).
UI_CASES = ["markup", "control characters", "nul byte", "right to left", "emoji"]
_NASTY = dict(NASTY)
# Which fields save plain words (field key -> bool), learnt once for all cases.
_SAVES_PLAIN_WORDS: dict[tuple, bool] = {}


def _demo_names() -> dict[str, tuple[str, str]]:
    from svdesk.store.demo import demo_dump

    return {story["id"]: (story["person_name"], story["pseudonym"]) for story in demo_dump()["stories"]["stories"]}


def _swap_names(workspace, names: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Gives each story its name and pseudonym from ``names`` (others: none); returns what they were."""
    before = {}
    for row in workspace.file.query("SELECT id, person_name, pseudonym FROM stories"):
        before[row["id"]] = (row["person_name"], row["pseudonym"])
        wanted = names.get(row["id"], ("", ""))
        if wanted != before[row["id"]]:
            with workspace.file.write("test names") as db:
                db.execute("UPDATE stories SET person_name = ?, pseudonym = ? WHERE id = ?", [*wanted, row["id"]])
    return before


def _plain(message: str) -> bool:
    return bool(message.strip()) and "Traceback" not in message and "Error:" not in message \
        and "object at 0x" not in message


@pytest.mark.slow
@pytest.mark.parametrize("name", UI_CASES)
def test_hostile_text_typed_into_every_field(name, qtbot, controller, dialogs, demo_copy, tmp_path):
    text = safe_for_storage(_NASTY[name])
    marker = f"ZQ{UI_CASES.index(name)}X "
    window = controller.open_path(demo_copy)
    typed = walk(window, text, marker, dialogs)
    assert len(typed) >= 40, "the walk reached the text fields of every page"
    assert {item.key[0] for item in typed} >= {"organisation", "statement", "measures", "stories", "listening",
                                               "tenders", "cic34"}

    silent = {item.key for item in typed if not item.saved and not item.problems}
    for item in typed:
        assert all(_plain(problem) for problem in item.problems), (item.key, item.problems)
        for value in item.stored:
            # Nothing lost between the field and the file (a NUL does not cut the text short).
            assert squash(clean_text(item.shown)) in squash(clean_text(value)) or len(value) >= len(item.shown), \
                (item.key, value[:200])
    saved = sum(item.saved for item in typed)
    assert saved >= 0.6 * len(typed), f"only {saved} of {len(typed)} fields saved the text"

    # Export everything, with the text in the file. Who a story is about has the demo's names
    # meanwhile: with the same text as a person's name and in every field, every document would
    # name them beyond their consent, and the last check before an export rightly refuses it
    # (tests/compose/test_exposure_exports.py covers that).
    typed_names = _swap_names(window.workspace, _demo_names())
    for export in EXPORTS:
        out = tmp_path / export.name.replace(" ", "-")
        out.mkdir()
        assert export.run(window.workspace, out)
    _swap_names(window.workspace, typed_names)
    stored = text_cells(window.workspace, marker)
    window.close()
    assert controller.windows == []

    # Reopened: every saved value is there, and every page shows it without trouble.
    again = controller.open_path(demo_copy)
    assert text_cells(again.workspace, marker) == stored
    for page in again.pages:
        again.show_page(page.key)
        settle()
        page.status_text()
    again.close()
    assert all(_plain(message[2]) for message in dialogs.errors())

    # A field that neither saved the text nor said why must not save plain words either.
    unknown = silent - set(_SAVES_PLAIN_WORDS)
    if unknown:
        fresh = tmp_path / "fresh.svdesk"
        fresh.write_bytes(demo_copy.read_bytes())
        window = controller.open_path(fresh)
        plain = walk(window, "Plain words from a person", "ZQplainX ", dialogs, only=unknown, revert=True)
        window.close()
        _SAVES_PLAIN_WORDS.update({item.key: item.saved for item in plain})
    lost = sorted(key for key in silent if _SAVES_PLAIN_WORDS.get(key))
    assert lost == [], f"these fields save plain words but silently dropped the {name!r} text: {lost}"
