"""Text colours that stay readable (at least 4.5:1) on the desktop's own light or dark theme.

A fixed colour such as a dark red reads well on white and hardly at all on a dark theme, and
Qt's own placeholder grey is about 4:1 even on white. So every colour the window writes text in
comes from here: the intended hue, moved lighter or darker until it reads on the background the
widget actually has. (No ``Qt`` namespace here: help labels are made while the first window is
painted; see tests/ui/test_startup_path.py.)
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QColor, QPalette

MINIMUM = 4.5
_TARGET = 4.8  # a margin over the minimum: anti-aliased text reads a little lighter than its colour

# The meanings the window colours text by (always with words or a symbol beside the colour).
PROBLEM = "#b00020"
WARNING = "#9a5b00"
GOOD = "#1b7f3b"
ACCENT = "#1f5f5b"
QUIET = "#5c6b6a"


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def flatten(fg: QColor, bg: QColor) -> QColor:
    """The solid colour a translucent foreground makes over its background."""
    alpha = fg.alphaF()
    return QColor(round(fg.red() * alpha + bg.red() * (1 - alpha)),
                  round(fg.green() * alpha + bg.green() * (1 - alpha)),
                  round(fg.blue() * alpha + bg.blue() * (1 - alpha)))


def readable(colour: QColor | str, background: QColor | list[QColor]) -> QColor:
    """``colour``, made lighter (on a dark background) or darker (on a light one) just enough to
    reach 4.5:1 against ``background`` (or against each of several), keeping its hue."""
    backgrounds = background if isinstance(background, list) else [background]
    # (QColor(a QColor) would make PySide build the Qt namespace while resolving the overload.)
    fg = colour if isinstance(colour, QColor) else QColor(colour)
    # Every help label and problem label asks this on being made (thousands of times while the
    # pages are built), nearly always with the same few colours: the answer is kept by value.
    red, green, blue = _readable((fg.red(), fg.green(), fg.blue(), fg.alphaF()),
                                 tuple((bg.red(), bg.green(), bg.blue()) for bg in backgrounds))
    return QColor(red, green, blue)


@functools.lru_cache(maxsize=512)
def _readable(colour: tuple[int, int, int, float], background: tuple[tuple[int, int, int], ...]) -> tuple[int, int, int]:
    backgrounds = [QColor(*bg) for bg in background]
    given = QColor(*colour[:3])
    given.setAlphaF(colour[3])
    fg = flatten(given, backgrounds[0])

    def worst(candidate: QColor) -> float:
        return min(contrast(candidate, bg) for bg in backgrounds)

    def made(chosen: QColor) -> tuple[int, int, int]:
        return chosen.red(), chosen.green(), chosen.blue()

    if worst(fg) >= _TARGET:
        return made(fg)
    towards = QColor("#000000") if luminance(backgrounds[0]) > 0.18 else QColor("#ffffff")
    for step in range(1, 21):
        share = step / 20
        mixed = QColor(round(fg.red() + (towards.red() - fg.red()) * share),
                       round(fg.green() + (towards.green() - fg.green()) * share),
                       round(fg.blue() + (towards.blue() - fg.blue()) * share))
        if worst(mixed) >= _TARGET:
            return made(mixed)
    return made(towards)


def backgrounds(palette: QPalette) -> list[QColor]:
    """Every background text may sit on in this theme: the window, lists and boxes, buttons, and
    the panes styles draw a shade away from the window (tab pages, group boxes)."""
    window = palette.color(QPalette.ColorRole.Window)
    shade = window.lighter(160) if luminance(window) <= 0.18 else window.darker(112)
    return [window, palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Button),
            palette.color(QPalette.ColorRole.AlternateBase), shade]


def on_window(colour: QColor | str, palette: QPalette) -> str:
    """A colour name for a style sheet: ``colour`` made readable wherever it may be drawn."""
    return readable(colour, backgrounds(palette)).name()


def on_base(colour: QColor | str, palette: QPalette) -> QColor:
    """``colour`` made readable on the background of lists, tables and text boxes."""
    return readable(colour, palette.color(QPalette.ColorRole.Base))


def quiet_text(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """The softer colour of help text: between the text and its background, but readable."""
    background = palette.color(role)
    text_role = QPalette.ColorRole.WindowText if role == QPalette.ColorRole.Window else QPalette.ColorRole.Text
    text = palette.color(text_role)
    softer = QColor(round(text.red() * 0.7 + background.red() * 0.3), round(text.green() * 0.7 + background.green() * 0.3),
                    round(text.blue() * 0.7 + background.blue() * 0.3))
    return readable(softer, backgrounds(palette) if role == QPalette.ColorRole.Window else background)


def themed(colour: QColor | str, on_lists: bool = False) -> str:
    """``colour`` made readable on the desktop theme of the running app: on the window's
    background, or (``on_lists``) on that of lists, tables and text boxes. A colour name."""
    from PySide6.QtGui import QGuiApplication

    palette = QGuiApplication.palette()
    if isinstance(colour, str):
        # Tables ask for a cell's colour at every paint (thousands of times as a page is shown);
        # the answer changes only with the colour or the theme (the palette's key).
        return _themed_name(colour, on_lists, palette.cacheKey())
    return _themed(colour, on_lists, palette)


@functools.lru_cache(maxsize=256)
def _themed_name(colour: str, on_lists: bool, _palette_key: int) -> str:
    from PySide6.QtGui import QGuiApplication

    return _themed(colour, on_lists, QGuiApplication.palette())


def _themed(colour: QColor | str, on_lists: bool, palette: QPalette) -> str:
    if on_lists:
        return readable(colour, [palette.color(QPalette.ColorRole.Base),
                                 palette.color(QPalette.ColorRole.AlternateBase)]).name()
    return readable(colour, backgrounds(palette)).name()
