"""Everything PySide6. The only package that imports Qt."""

# Before anything calls Qt: see the module (PySide6 6.12 on Python 3.11 would abort the app).
from svdesk.ui.common import none_guard  # noqa: E402,F401
