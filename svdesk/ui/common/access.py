"""What makes a built page fit for the keyboard and for screen readers, done once it is drawn.

Run over each page after the window's first paint and whenever a page is shown (pages build
tables and fields as they refresh), so every table and scroll area gets it, including those a
later change adds."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_for_keyboard_and_readers(root: QWidget) -> None:
    """Names Qt's own unlabelled buttons; lets Tab leave tables and lists (the arrow keys move
    between their cells); takes scroll areas out of the Tab order (they have no name, show no
    focus, and scroll by themselves to the field that has it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractScrollArea, QLineEdit, QScrollArea

    for button in root.findChildren(QAbstractButton):
        if button.text() or button.accessibleName():
            continue
        parent = button.parent()
        if isinstance(parent, QLineEdit):
            button.setAccessibleName("Clear")
        elif isinstance(parent, QAbstractItemView):
            button.setAccessibleName("Select all")
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
    for area in root.findChildren(QScrollArea):
        if isinstance(area, QAbstractScrollArea) and not isinstance(area, QAbstractItemView):
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def first_field(root: QWidget) -> QWidget:
    """The first widget inside ``root`` that Tab would stop at (``root`` itself if none)."""
    from PySide6.QtCore import Qt

    widget = root.nextInFocusChain()
    while widget is not None and widget is not root:
        if (root.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return root
