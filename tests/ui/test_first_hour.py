"""A new file's first hour: the Getting started checklist, "Next" on every page, and a save
state that never claims all is saved while a value was refused (issue 20)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def _window(controller, file_workspace):
    path = file_workspace.path
    file_workspace.close()
    window = controller.open_path(path)
    window.finish_starting()
    return window


def _action(window, text):
    return next(a for menu in window.menuBar().actions() for a in menu.menu().actions() if a.text() == text)


def test_a_new_file_opens_on_the_checklist_and_each_button_goes_to_its_place(qtbot, controller, file_workspace):
    window = _window(controller, file_workspace)
    checklist = window.getting_started
    assert window.stack.currentWidget() is checklist
    marks = [row[0].text() for row in checklist.rows]
    assert marks == ["○ To do"] * 5  # a name alone is not a profile
    assert checklist.rows[0][2].text() == "Needs company number, area"  # as the steps list says
    assert checklist.rows[2][2].text() == "None chosen yet"
    go_to_statement = next(b for b in checklist.findChildren(QPushButton) if b.text() == "Go to Our statement")
    go_to_statement.click()
    assert window.current_page().key == "statement"
    assert window.next_button.text() == "Next: 3. What we measure"
    window.next_button.click()
    assert window.current_page().key == "measures"
    _action(window, "&Getting started").trigger()
    assert window.stack.currentWidget() is checklist
    assert not window.journey.selectionModel().hasSelection()
    window.journey.setFocus()  # the keyboard in the steps list does not leave the checklist by itself
    assert window.stack.currentWidget() is checklist
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    index = window.journey_model.index(2, 0)  # the step that was current before
    QTest.mouseClick(window.journey.viewport(), Qt.MouseButton.LeftButton, pos=window.journey.visualRect(index).center())
    assert window.current_page().key == "measures"


def test_the_demo_does_not_open_on_the_checklist(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    window.finish_starting()
    assert window.getting_started is None
    assert window.current_page().key == "organisation"


def test_the_checklist_follows_the_file(qtbot, controller, file_workspace):
    from svdesk.domain.measures import Indicator

    window = _window(controller, file_workspace)
    for name in ("Young people trained", "Bikes repaired"):
        window.workspace.indicators.add(Indicator(name=name))
    window.show_getting_started()
    row = window.getting_started.rows[2]
    assert (row[0].text(), row[2].text()) == ("✔ Done", "2 chosen")


def test_the_save_state_says_what_was_not_saved_and_where(qtbot, controller, file_workspace):
    window = _window(controller, file_workspace)
    page = window.show_page("organisation")
    page.company_number.setText("12345678901")
    page.company_number.editingFinished.emit()
    page.staff.setValue(3)
    page.staff.editingFinished.emit()  # another field saves meanwhile
    assert window.saved_label.text().startswith("Not saved on Our organisation: ")
    assert "8 characters" in window.saved_label.text()
    page.company_number.setText("SC123456")
    page.company_number.editingFinished.emit()
    assert window.saved_label.text() == "All changes saved"


def test_agreed_by_suggests_the_director_of_a_one_person_cic(workspace):
    import datetime as dt

    from svdesk.domain.organisation import LegalForm
    from svdesk.ui.statement.agree import agreed_by_suggestion

    today = dt.date(2026, 9, 1)
    workspace.organisation.update(name="Solo CIC", staff=1)
    assert agreed_by_suggestion(workspace, today) == "Board meeting"  # no director named yet
    workspace.cic34.add_pay(workspace.organisation.get().year_end.in_year(2026), "Priya Bassi", 0)
    assert agreed_by_suggestion(workspace, today) == "Priya Bassi"
    workspace.organisation.update(staff=6)
    assert agreed_by_suggestion(workspace, today) == "Board meeting"
    workspace.organisation.update(legal_form=LegalForm.SOLE_TRADER, staff=1)
    assert agreed_by_suggestion(workspace, today) == "Sole trader"


def test_the_agree_dialog_offers_the_suggestion(qtbot, workspace):
    import datetime as dt

    from svdesk.domain.statement import Statement
    from svdesk.ui.statement.agree import AgreeDialog

    dialog = AgreeDialog(Statement(full_text="We help.", short_text="We help."), None, dt.date(2026, 9, 1),
                         suggested_by="Priya Bassi")
    qtbot.addWidget(dialog)
    assert dialog.agreed_by.currentText() == "Priya Bassi"


def test_the_new_file_dialog_opens_in_documents(qtbot, settings, monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    assert settings.last_folder() == str(documents)
    settings.set_last_folder(tmp_path)
    assert settings.last_folder() == str(tmp_path)  # then where the person last went
