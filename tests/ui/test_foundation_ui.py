"""The window as a person uses it: welcome, new file, edit the profile, close, reopen."""

from svdesk.store.workspace import open_workspace


def test_new_file_from_welcome_edit_close_reopen(qtbot, controller, dialogs, tmp_path):
    welcome = controller.show_welcome()
    qtbot.addWidget(welcome)
    path = tmp_path / "Green Shoots.svdesk"
    dialogs.answers = ["Green Shoots CIC", str(path)]
    welcome.new_button.click()
    assert not dialogs.errors()
    window = controller.windows[-1]
    assert window.windowTitle().startswith("Green Shoots CIC")
    page = window.show_page("organisation")
    assert page.name.text() == "Green Shoots CIC"

    page.company_number.setText("sc 123456")
    page.company_number.editingFinished.emit()
    page.area.setFocus()
    page.area.setPlainText("Łódź Road, Cardiff — Zoë's patch")
    page.finish_editing()
    page.staff.setValue(5)
    page.staff.editingFinished.emit()
    assert window.saved_label.text() == "All changes saved"
    assert page.company_number.text() == "SC123456"
    window.close()
    assert controller.windows == []

    ws = open_workspace(path)
    org = ws.organisation.get()
    ws.close()
    assert (org.company_number, org.area_served, org.staff) == ("SC123456", "Łódź Road, Cardiff — Zoë's patch", 5)


def test_invalid_value_is_shown_and_not_saved(qtbot, controller, dialogs, file_workspace):
    path = file_workspace.path
    file_workspace.close()
    window = controller.open_path(path)
    page = window.show_page("organisation")
    page.company_number.setText("12345678901")
    page.company_number.editingFinished.emit()
    assert page.problems.isVisibleTo(page)
    assert "8 characters" in page.problems.text()
    assert page.company_number.text() == "12345678901"  # what was typed stays
    assert window.workspace.organisation.get().company_number == ""


def test_refused_file_shows_message_and_welcome_stays(qtbot, controller, dialogs, tmp_path):
    bad = tmp_path / "bad.svdesk"
    bad.write_text("hello")
    controller.show_welcome()
    assert controller.open_path(bad) is None
    assert "not an svdesk file" in dialogs.errors()[0][2]
    assert bad.read_text() == "hello"


def test_demo_opens_as_a_fresh_copy(qtbot, controller, demo_copied_not_rewritten):
    window = controller.open_demo()
    assert "Riverside Bike Works" in window.windowTitle()
    page = window.show_page("organisation")
    page.name.setText("Changed")
    page.name.editingFinished.emit()
    window.close()
    again = controller.open_demo()
    assert again.workspace.organisation.get().name == "Riverside Bike Works CIC"


def test_recent_files_and_journey(qtbot, controller, file_workspace):
    path = file_workspace.path
    file_workspace.close()
    window = controller.open_path(path)
    assert controller.settings.recent_files()[0] == path.resolve()
    model = window.journey_model
    assert model.rowCount() == len(window.pages)
    assert model.item(0).text().startswith("1. ")
    assert controller.open_path(path) is window  # the same file is not opened twice


def test_every_input_has_an_accessible_name(qtbot, demo_window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

    window = demo_window  # started (Qt's own buttons are named once the window has first painted)
    missing = []
    for page in window.pages:
        window.show_page(page.key)
        for widget in [w for kind in (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox) for w in page.findChildren(kind)]:
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue
            if not widget.accessibleName():
                missing.append(f"{page.key}: {type(widget).__name__} {widget.objectName()}")
        for button in page.findChildren(QAbstractButton):
            if not (button.text() or button.accessibleName() or button.toolTip()):
                missing.append(f"{page.key}: button {button.objectName()}")
    assert missing == []


def test_backup_restore_from_menu(qtbot, controller, dialogs, file_workspace):
    path = file_workspace.path
    file_workspace.organisation.update(staff=1)
    file_workspace.close()
    window = controller.open_path(path)  # takes a copy with staff=1
    window.workspace.organisation.update(staff=9)
    dialogs.answers = [0]
    controller.show_backups(window)
    reopened = controller.windows[-1]
    assert reopened.workspace.organisation.get().staff == 1


def test_the_copy_chosen_for_a_restore_is_not_rotated_away_meanwhile(qtbot, controller, dialogs, tmp_path,
                                                                     monkeypatch):
    """The copy taken on opening runs in the background; if it were still running when the list
    of copies is shown, it could finish afterwards and rotate away the very copy chosen."""
    import time

    from svdesk.store import background_check, backups
    from svdesk.store.workspace import create_workspace, open_workspace

    path = tmp_path / "Race.svdesk"
    create_workspace(path).close()
    for staff in (1, 2, 3):
        ws = open_workspace(path)
        ws.organisation.update(staff=staff)
        ws.close()
    monkeypatch.setattr(backups, "KEEP", 3)
    run = background_check.BackgroundCheck._run

    def slow(self):
        time.sleep(1.0)
        run(self)

    monkeypatch.setattr(background_check.BackgroundCheck, "_run", slow)
    window = controller.open_path(path)
    dialogs.answers = [2]  # the oldest copy listed
    controller.show_backups(window)
    assert dialogs.errors() == []
    assert controller.windows[-1].workspace.organisation.get().staff == 1


def test_no_page_cuts_off_its_side_panel_at_the_default_size(qtbot, demo_window):
    """Side panels scroll up and down only: a field wider than the panel would be cut off at
    its right edge (it was, on the Stories page: the consent panel's widest row)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QScrollArea, QTabWidget

    window = demo_window  # started, at the size a first window opens at
    assert (window.width(), window.height()) == (1100, 720)
    clipped = []
    def check(page, where):
        QApplication.processEvents()
        for area in page.findChildren(QScrollArea):
            if not area.isVisible() or area.widget() is None:
                continue
            if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                continue
            need, have = area.widget().minimumSizeHint().width(), area.viewport().width()
            if need > have:
                clipped.append(f"{where}: {type(area.widget()).__name__} needs {need} px, has {have}")

    for page in window.pages:
        window.show_page(page.key)
        table = getattr(page, "table", None)
        if page.key in ("stories", "listening"):  # every record: attachments add a row of buttons
            for row in range(table.model().rowCount()):
                table.selectRow(row)
                check(page, f"{page.key} row {row}")
        tabs = [tab for tab in page.findChildren(QTabWidget) if tab.isVisible()]
        for index in range(max((tab.count() for tab in tabs), default=1)):
            for tab in tabs:
                tab.setCurrentIndex(min(index, tab.count() - 1))
            check(page, f"{page.key} tab {index}")
    assert clipped == []


def test_a_page_shown_again_rereads_the_file_only_when_it_changed(qtbot, controller, demo_copy, monkeypatch):
    """Showing a page again when nothing changed costs nothing; any change to the file (from any
    page, or another program) makes it re-read."""
    window = controller.open_path(demo_copy)
    stories = window.show_page("stories")
    calls = []
    monkeypatch.setattr(stories, "refresh", lambda: calls.append("stories"))
    window.show_page("tenders")
    window.show_page("stories")
    assert calls == []
    window.show_page("organisation")
    window.workspace.organisation.update(staff=7)
    window.show_page("stories")
    assert calls == ["stories"]
