"""From a blank file to an exported tender answer with the keyboard alone (issue 20): shortcuts,
mnemonics, Tab and typing; no clicks, no calls into the page."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def press(key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard"
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def tab_to(widget, limit=80):
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName()}")


def test_blank_file_to_exported_tender_answer_by_keyboard(qtbot, controller, dialogs, file_workspace, tmp_path):
    import docx

    path = file_workspace.path
    file_workspace.close()
    window = controller.open_path(path)
    window.show()
    window.activateWindow()
    window.finish_starting()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.journey.setFocus()
    assert window.stack.currentWidget() is window.getting_started  # a new file starts here

    press(Qt.Key.Key_6, CTRL)  # Go → 6 Tenders
    page = window.current_page()
    assert page.key == "tenders"
    press(Qt.Key.Key_F6)  # into the page
    press(Qt.Key.Key_N, ALT)  # &New tender: the title is selected, ready to type over
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.details.title)  # (a mnemonic clicks after a moment)
    QTest.keyClicks(page.details.title, "Park cafe training places")
    tab_to(page.details.question)
    QTest.keyClicks(page.details.question, "How will you create training opportunities for local people?")
    press(Qt.Key.Key_Tab)  # leaving the question saves it
    tender = window.workspace.tenders.all()[0]
    assert tender.title == "Park cafe training places"
    assert tender.question.startswith("How will you create training")

    press(Qt.Key.Key_2, ALT)  # the &2 Commitments tab: what we promise (a blank file has nothing to draft from)
    commitments = page.tabs.currentWidget()
    press(Qt.Key.Key_A, ALT)  # &Add: the promise is ready to type
    qtbot.waitUntil(lambda: QApplication.focusWidget() is commitments.promise)
    QTest.keyClicks(commitments.promise, "Paid six-week training placements in the park cafe")
    tab_to(commitments.for_whom)
    QTest.keyClicks(commitments.for_whom, "young people aged 16-24 from the estate")
    tab_to(commitments.per_year)
    QTest.keyClicks(commitments.per_year, "12")
    press(Qt.Key.Key_Tab)

    press(Qt.Key.Key_3, ALT)  # the &3 Answer tab
    answer = page.answer
    assert page.tabs.currentWidget() is answer
    press(Qt.Key.Key_D, ALT)  # &Draft the answer
    qtbot.waitUntil(lambda: bool(window.workspace.tenders.answer(tender.id).text.strip()))

    out = tmp_path / "answer.docx"
    dialogs.answers = [str(out)]
    # &Export opens its menu of formats (a nested event loop); W picks &Word once the menu is up.
    QTimer.singleShot(300, lambda: QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_W))
    press(Qt.Key.Key_E, ALT)
    qtbot.waitUntil(out.exists)
    assert dialogs.errors() == []
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Paid six-week training placements in the park cafe" in text
