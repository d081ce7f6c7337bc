"""Makes ``tests.hostile.*`` helpers importable however pytest is started (the test command runs
``python -m pytest`` from the checkout, which already has it on the path; a bare ``pytest`` may not)."""

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

# The window tests here use the same fakes as tests/ui (dialogs that never open, a controller).
from tests.ui.conftest import controller, dialogs, settings  # noqa: E402,F401
