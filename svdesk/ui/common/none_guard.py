"""A guard against a reference-counting fault in recent PySide6 wheels on Python 3.11.

PySide6 6.12 ships one build for every Python from 3.10 (the "abi3" wheel), compiled the way
Python 3.12 and later allow: there None is immortal, so a method that returns nothing may hand
back None without taking a reference to it. On Python 3.11 None is an ordinary object, and each
such call (QLabel.setText, QStandardItem.setData, QStandardItemModel.appendRow and most other
calls that return nothing) takes one reference away. After some thousands of calls (a list of
10,000 stories is enough) Python aborts with "Fatal Python error: none_dealloc". Giving None a
reference count it can never use up makes 3.11 behave like 3.12 in this respect; None is never
freed in any case, so nothing else changes. Later Pythons need nothing.

True and False get the same guard: ``SignalInstance.emit()`` returns True without a reference,
so every ``signal.emit()`` in our code takes one from True, and a few hundred edits (each emits
editingFinished, status_changed, saved …) abort the app with "none_dealloc"'s twin,
"Fatal Python error: bool_dealloc".
"""

from __future__ import annotations

import sys


def guard_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    # ob_refcnt is the first field of every object in a release build of CPython, and id() is
    # the object's address. A quarter of the range: no run of the app takes that many.
    for immortal in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(immortal))
        if refcount.value < sys.maxsize // 8:
            refcount.value += sys.maxsize // 4


guard_none()
