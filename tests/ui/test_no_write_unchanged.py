"""Walking the window with the keyboard and typing nothing must not write the file: a field losing
focus with the value it was loaded with is no change (no new "updated at" stamp, no new row
version for ``svdesk merge``, no listener told the file was saved)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit,
                               QTextEdit, QWidget)

from tests.ui.access_audit import Findings, check_tab_order
from tests.ui.test_accessibility import page_states

_EDITORS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)


class FileWatch:
    """What would show the file changed: rows written, row versions, stamps, saves heard."""

    def __init__(self, workspace):
        self.file = workspace.file
        self.saves: list[str] = []
        self.file.add_listener(self.saves.append)
        self.before = self.snapshot()

    def snapshot(self):
        conn = self.file.conn
        versions = conn.execute("SELECT tbl, id, version FROM row_versions ORDER BY tbl, id").fetchall()
        return conn.total_changes, versions, self.on_disk()

    def on_disk(self):
        """The file and its write-ahead log as a file watcher or a backup sees them."""
        path = Path(self.file.path)
        return [(item.name, item.stat().st_size, item.stat().st_mtime_ns)
                for item in (path, path.with_name(path.name + "-wal")) if item.exists()]

    def assert_unchanged(self, where: str) -> None:
        changes, versions, disk = self.snapshot()
        moved = sorted({tbl for tbl, _id, _v in set(versions) ^ set(self.before[1])})
        assert (changes - self.before[0], moved, self.saves, disk) == (0, [], [], self.before[2]), \
            f"{where}: the file was written"


def editors(page: QWidget) -> list[QWidget]:
    return [widget for widget in page.findChildren(QWidget)
            if isinstance(widget, _EDITORS) and widget.isVisible() and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus]


def walk(window):
    """Yields (where, page) for every page and tab of the window, the page shown."""
    for page in window.pages:
        window.show_page(page.key)
        QApplication.processEvents()
        for where in page_states(window, page):
            yield where, page


def test_tabbing_through_every_page_writes_nothing(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    window.resize(1280, 800)
    window.show()
    window.finish_starting()
    QApplication.processEvents()
    watch = FileWatch(window.workspace)
    pages = 0
    for where, page in walk(window):
        check_tab_order(window, page, window.journey, where, Findings())
        pages += 1
        watch.assert_unchanged(where)
    assert pages >= len(window.pages)


def test_focus_in_and_out_of_each_editor_writes_nothing(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    window.resize(1280, 800)
    window.show()
    window.finish_starting()
    QApplication.processEvents()
    watch = FileWatch(window.workspace)
    visited = 0
    for where, page in walk(window):
        for editor in editors(page):
            if not editor.isVisible():
                continue  # an earlier editor's focus changed what the page shows
            editor.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            window.journey.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            visited += 1
            watch.assert_unchanged(f"{where}: {type(editor).__name__} {editor.accessibleName()}")
    assert visited > 40  # every page's fields, not a page that showed nothing


def _roughen(path) -> None:
    """Stored text as an older copy, an import or a merge may have left it: Windows line endings
    and spaces at the ends, which the pages would tidy away when saving."""
    import sqlite3

    from svdesk.store.migrations.m012_row_versions import MERGED_TABLES

    conn = sqlite3.connect(path)
    for table in MERGED_TABLES:
        for _cid, name, kind, *_rest in conn.execute(f"PRAGMA table_info([{table}])").fetchall():
            if kind.upper() == "TEXT" and not name.endswith(("_at", "_on", "id")):
                try:
                    conn.execute(f"UPDATE [{table}] SET [{name}] = replace([{name}], char(10), char(13, 10)) || ' '"
                                 f" WHERE ([{name}] LIKE '%' || char(10) || '%' OR [{name}] LIKE '% %') AND [{name}] NOT LIKE '[%'"
                                 f" AND [{name}] NOT LIKE '{{%'")
                except sqlite3.IntegrityError:
                    pass  # a record kept as it was sent or agreed
    conn.commit()
    conn.close()


def test_stored_text_the_pages_would_tidy_is_not_rewritten_by_a_walk(qtbot, controller, demo_copy):
    _roughen(demo_copy)
    window = controller.open_path(demo_copy)
    window.resize(1280, 800)
    window.show()
    window.finish_starting()
    QApplication.processEvents()
    watch = FileWatch(window.workspace)
    for where, page in walk(window):
        for editor in editors(page):
            if editor.isVisible():
                editor.setFocus(Qt.FocusReason.TabFocusReason)
                QApplication.processEvents()
                window.journey.setFocus(Qt.FocusReason.TabFocusReason)
                QApplication.processEvents()
                watch.assert_unchanged(f"{where}: {type(editor).__name__} {editor.accessibleName()}")


def test_a_real_edit_is_saved_once_however_often_the_field_is_left(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    window.show()
    window.finish_starting()
    window.show_page("organisation")
    page = next(page for page in window.pages if page.key == "organisation")
    watch = FileWatch(window.workspace)
    page.name.setText("Riverside Kitchen CIC ")
    for _ in range(3):
        page.name.editingFinished.emit()
        page.staff.editingFinished.emit()
    assert window.workspace.organisation.get().name == "Riverside Kitchen CIC"
    assert len(watch.saves) == 1
