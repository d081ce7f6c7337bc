"""Measures what a keyboard or screen-reader user meets on a page, as the window is drawn.

Used by ``test_accessibility.py``: it walks every page and tab and counts
- inputs without an accessible name (through Qt's accessibility layer, as a screen reader asks),
  and combo boxes heard only as their current value (no label linked, no name of their own);
- inputs Tab cannot reach (real Tab key presses from the first widget, every widget visited);
- unnamed Tab stops (a scroll area or frame that takes focus but says nothing);
- text below 4.5:1 contrast, from the colours the labels actually use (palette or style sheet)
  over the background actually painted behind them;
- labels whose accessible name replaces their text (a reader hears the caption, not the text);
- names that repeat among the inputs of one view (a reader cannot tell them apart).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from svdesk.ui.common.colours import contrast, flatten as over

INPUT_KINDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QAbstractItemView)
_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*([^;'\"}]+)")


@dataclass
class Findings:
    unnamed: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    unnamed_stops: list[str] = field(default_factory=list)
    low_contrast: list[str] = field(default_factory=list)
    hidden_text: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    inputs: int = 0

    def add(self, kind: str, item: str) -> None:
        found = getattr(self, kind)
        if item not in found:
            found.append(item)

    def summary(self) -> str:
        return (f"{self.inputs} inputs seen; unnamed inputs: {len(self.unnamed)}; unreachable by Tab: "
                f"{len(self.unreachable)}; unnamed Tab stops: {len(self.unnamed_stops)}; contrast below "
                f"4.5:1: {len(self.low_contrast)}; labels whose name hides their text: {len(self.hidden_text)}; "
                f"repeated names: {len(self.repeated)}")

    def problems(self) -> int:
        return sum(len(x) for x in (self.unnamed, self.unreachable, self.unnamed_stops, self.low_contrast,
                                    self.hidden_text, self.repeated))


# -- contrast: the WCAG formula the app's own colours use (svdesk/ui/common/colours.py) ---------


def _painted_background(image, widget: QWidget, page: QWidget, origin: QPoint | None = None) -> QColor:
    """The commonest colour along the widget's top and bottom edges in the page's picture (or in
    the picture of the part of the page from ``origin``)."""
    top_left = widget.mapTo(page, widget.rect().topLeft()) - (origin or QPoint(0, 0))
    ratio = image.devicePixelRatio()
    counts: Counter = Counter()
    width, height = widget.width(), widget.height()
    for y in (0, height - 1):
        for x in range(0, width, max(1, width // 24)):
            px, py = int((top_left.x() + x) * ratio), int((top_left.y() + y) * ratio)
            if 0 <= px < image.width() and 0 <= py < image.height():
                counts[image.pixel(px, py)] += 1
    if not counts:
        return widget.palette().color(QPalette.ColorRole.Window)
    return QColor.fromRgb(counts.most_common(1)[0][0])


def _label_colours(label: QLabel) -> list[QColor]:
    colours = []
    for found in _COLOUR.findall(label.styleSheet()):
        colour = QColor(found.strip())
        if colour.isValid():
            colours.append(colour)
    if not colours:
        colours.append(label.palette().color(label.foregroundRole()))
    if label.textFormat() != Qt.TextFormat.PlainText and "<" in label.text():
        for found in _COLOUR.findall(label.text()):
            colour = QColor(found.strip())
            if colour.isValid():
                colours.append(colour)
    return colours


def check_contrast(page: QWidget, where: str, findings: Findings) -> None:
    from PySide6.QtWidgets import QScrollArea

    image = page.grab().toImage()
    scrolled = False  # once anything has scrolled, the first picture no longer shows where labels are
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip() or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if label.visibleRegion().isEmpty():  # scrolled out of sight: bring it in to see what is behind it
            areas = [a for a in page.findChildren(QScrollArea) if a.widget() and a.widget().isAncestorOf(label)]
            if not areas:
                continue
            # Scroll areas inside scroll areas: bring the inner one into sight, then the label in it.
            areas.sort(key=lambda a: sum(1 for b in areas if b.widget().isAncestorOf(a)))
            for area in [*areas, *areas[:-1]]:  # outermost first, then the outer ones once more
                area.ensureWidgetVisible(label)
                QApplication.processEvents()
            scrolled = True
        if scrolled:
            # Only the label's own rectangle of the page is drawn again (the edges sampled below):
            # a picture of the whole page per scrolled label was most of the audit's time.
            where_on_page = QRect(label.mapTo(page, QPoint(0, 0)), label.size()).intersected(page.rect())
            bg = _painted_background(page.grab(where_on_page).toImage(), label, page, where_on_page.topLeft())
        else:
            bg = _painted_background(image, label, page)
        for fg in _label_colours(label):
            ratio = contrast(over(fg, bg), bg)
            if ratio < 4.5:
                findings.add("low_contrast", f"{where}: '{label.text()[:40]}' {ratio:.1f}:1")
    for view in page.findChildren(QAbstractItemView):
        if not view.isVisible() or view.model() is None:
            continue
        model = view.model()
        base = view.palette().color(QPalette.ColorRole.Base)
        try:
            columns = model.columnCount()
        except TypeError:  # a list model (one column; PySide hides its columnCount)
            columns = 1
        for row in range(min(model.rowCount(), 40)):
            for column in range(columns):
                index = model.index(row, column)
                fg = index.data(Qt.ItemDataRole.ForegroundRole)
                if fg is None:
                    continue
                fg = fg.color() if hasattr(fg, "color") else QColor(fg)
                bg = index.data(Qt.ItemDataRole.BackgroundRole)
                bg = (bg.color() if hasattr(bg, "color") else QColor(bg)) if bg is not None else base
                ratio = contrast(over(fg, bg), bg)
                if ratio < 4.5:
                    findings.add("low_contrast", f"{where}: {view.accessibleName()} cell '{index.data()}' {ratio:.1f}:1")


# -- names ------------------------------------------------------------------------------------------
def _is_input(widget: QWidget) -> bool:
    if not isinstance(widget, INPUT_KINDS):
        return False
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
        return False  # the editor inside a combo or spin box: the box itself is the input
    if isinstance(widget, QHeaderView):
        return False  # part of its table
    if isinstance(widget, QAbstractButton) and isinstance(widget.parent(), (QTabBar, QAbstractSpinBox)):
        return False
    return True


def _visible_inputs(page: QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(QWidget) if _is_input(w) and w.isVisible() and w.isEnabled()]


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def _linked_label(widget: QWidget) -> str:
    """The text of the label linked to the widget (its buddy), if any."""
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget:
            return accessible_name(label).replace("&", "")
    return ""


def _plain(text: str) -> str:
    if "<" in text:
        from PySide6.QtGui import QTextDocumentFragment

        return QTextDocumentFragment.fromHtml(text).toPlainText().strip()
    return text.strip()


def check_names(page: QWidget, where: str, findings: Findings) -> None:
    names: Counter = Counter()
    for widget in _visible_inputs(page):
        findings.inputs += 1
        name = accessible_name(widget)
        if isinstance(widget, QComboBox) and not widget.isEditable():
            # On Linux Qt gives a combo box's current value as its name: a screen reader finds
            # what it is for only through a linked label (the buddy relation).
            name = _linked_label(widget)
            if not name:
                findings.add("unnamed", f"{where}: QComboBox '{widget.currentText()}' (heard only as its value)")
                continue
        what = f"{where}: {type(widget).__name__} {name or widget.objectName() or '(no name)'}"
        if not name:
            findings.add("unnamed", what)
        if name and not isinstance(widget, QAbstractButton):
            names[name] += 1
    for name, count in names.items():
        if count > 1:
            findings.add("repeated", f"{where}: '{name}' x{count}")
    for label in page.findChildren(QLabel):
        name, text = label.accessibleName(), _plain(label.text()).replace("&", "")
        if label.isVisible() and name and text and name != text and not label.buddy():
            findings.add("hidden_text", f"{where}: label named '{name}' says '{text[:40]}'")


# -- Tab --------------------------------------------------------------------------------------------
def check_tab_order(window: QWidget, page: QWidget, start: QWidget, where: str, findings: Findings,
                    limit: int = 600) -> None:
    """Presses Tab from ``start`` until focus comes back to a widget already left (a full round),
    or stops moving (a trap), and notes what on the page it never reached."""
    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    visited: list[QWidget] = []
    still = 0
    for _ in range(limit):
        focused = QApplication.focusWidget()
        if focused is None:
            break
        if visited and focused is visited[-1]:
            still += 1
            if still > 3:
                break  # Tab does not leave this widget
        else:
            still = 0
            if focused in visited:
                break  # a full round
            visited.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        QApplication.processEvents()
    for widget in visited:
        if page.isAncestorOf(widget) and not _is_input(widget) and not accessible_name(widget):
            findings.add("unnamed_stops", f"{where}: {type(widget).__name__} {widget.objectName()}")
    for widget in _visible_inputs(page):
        focusable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        inside = widget.focusProxy() or widget
        if not focusable or inside not in visited:
            findings.add("unreachable", f"{where}: {type(widget).__name__} {accessible_name(widget) or widget.objectName()}")
