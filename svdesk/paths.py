"""Where things live: the shipped resources, and the person's own folders.

``SVDESK_DATA_DIR`` and ``SVDESK_CONFIG_DIR`` override the user folders (tests and support use
them so that nothing touches the real ones).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """resources/ in a checkout, svdesk/resources in an installed package, or in a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates += [_HERE.parent / "resources", _HERE / "resources"]
    for candidate in candidates:
        if (candidate / "demo").is_dir():
            return candidate
    raise FileNotFoundError("svdesk's resources folder is missing; please reinstall svdesk.")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    override = os.environ.get("SVDESK_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("svdesk", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    override = os.environ.get("SVDESK_CONFIG_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_config_dir("svdesk", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    return data_dir() / "svdesk.log"
