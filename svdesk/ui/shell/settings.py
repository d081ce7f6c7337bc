"""Settings that belong to the person, not the organisation: declared once, with defaults."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from svdesk import paths

MAX_RECENT = 10


class UserSettings:
    def __init__(self, path: Path | None = None):
        path = path or paths.config_dir() / "svdesk.ini"
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    # recent files --------------------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = self._qs.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [Path(item) for item in (value or []) if item]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [path] + [item for item in self.recent_files() if item != path]
        self._qs.setValue("recent/files", [str(item) for item in items[:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        items = [item for item in self.recent_files() if item != Path(path)]
        self._qs.setValue("recent/files", [str(item) for item in items])

    # window ---------------------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)

    def last_folder(self) -> str:
        """Where file dialogs open: the folder last used, at first the Documents folder."""
        return str(self._qs.value("files/last_folder", str(documents_folder())))

    def set_last_folder(self, folder: Path) -> None:
        self._qs.setValue("files/last_folder", str(folder))

    def sync(self) -> None:
        self._qs.sync()


def documents_folder() -> Path:
    """The person's Documents folder, as the desktop names it (home if there is none)."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
