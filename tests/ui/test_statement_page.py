"""The Our statement page as a person uses it: answer -> draft -> edit -> agree -> history."""

import datetime as dt

import pytest

from svdesk.domain.statement import Agreement, Answers
from svdesk.store.statement_library import example_kinds

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def page(qtbot, page_ctx):
    from svdesk.ui.statement.page import StatementPage

    page_ctx.workspace.statements.today = lambda: TODAY
    widget = StatementPage(page_ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    return widget


def answer(page, key, text):
    box = page.questions.boxes[key]
    box.setFocus()
    box.setPlainText(text)
    box.finish()


def edit_full(page, text):
    page.draft.full_edit.setPlainText(text)
    page.draft.full_edit.finish()


def test_a_new_file_starts_clean(page):
    assert page.status_text() == "Not started"
    assert page.badge.text() == "Not started"
    assert not page.agree_button.isEnabled()
    assert page.draft.full_edit.toPlainText() == ""
    assert "Suggestions appear here" in page.draft.hints.toPlainText()
    assert page.history.stack.currentIndex() == 0  # "Nothing agreed yet"
    assert page.tabs.tabText(2) == "Histor&y"


def test_answer_draft_edit_agree_and_look_back(page, dialogs):
    repo = page.ctx.workspace.statements
    statuses = []
    page.status_changed.connect(lambda: statuses.append(page.status_text()))

    # Answering questions drafts the statement live, in the organisation's name.
    answer(page, "who", "young people aged 16 to 24 who are out of work")
    answer(page, "activities", "train them as bike mechanics")
    answer(page, "change_soon", "gain a qualification and confidence")
    answer(page, "place", "Digbeth")
    full = page.draft.full_edit.toPlainText()
    assert full.startswith("Test CIC works in Digbeth with young people aged 16 to 24")
    assert "We train them as bike mechanics. As a result, they gain a qualification" in full
    assert page.draft.short_edit.toPlainText().endswith("so that they gain a qualification and confidence.")
    assert page.draft.full_count.text() == f"{len(full.split())} words"
    assert "4 of 7" in page.questions.progress.text()
    assert "Follows your answers" in page.draft.follow_label.text()
    assert repo.get().answers.place == "Digbeth"
    assert statuses[-1] == "Draft — not yet agreed"
    # Too short, and nothing says how we know: gentle hints, nothing blocked.
    assert [hint.key for hint in page.draft.current_hints] == ["no-evidence", "too-short"]
    assert "Nothing says how you know" in page.draft.hints.toPlainText()
    assert page.agree_button.isEnabled()

    # The person edits the draft; later answers no longer overwrite it.
    edited = full + " We know this because we count qualifications."
    edit_full(page, edited)
    assert repo.get().full_text == edited
    answer(page, "evidence", "ask every trainee six months later")
    assert page.draft.full_edit.toPlainText() == edited
    assert "Edited by you" in page.draft.follow_label.text()

    # Agree it.
    page.ask_agreement = lambda statement, latest, today: Agreement(dt.date(2026, 3, 3), "Board meeting", "First")
    page.agree_button.click()
    assert not dialogs.errors()
    assert page.badge.text() == "Agreed 3 Mar 2026 by Board meeting · version 1"
    assert page.status_text() == "Agreed 3 Mar 2026"
    assert page.banner.isVisible() and "Version 1 is agreed" in page.banner_text.text()
    assert repo.current_agreed().full_text == edited

    # A later edit is a draft: exports still get version 1.
    edit_full(page, edited + " Now also on Saturdays.")
    assert "draft has changes" in page.badge.text()
    assert page.status_text() == "Agreed 3 Mar 2026 · draft changes"
    assert repo.current_agreed().full_text == edited

    page.ask_agreement = lambda statement, latest, today: Agreement(TODAY, "All staff")
    page.mark_as_agreed()
    assert repo.current_agreed().version == 2
    assert page.tabs.tabText(2) == "Histor&y (2)"

    # History: both versions, readable, comparable word by word.
    history = page.history
    assert history.stack.currentIndex() == 1
    assert history.model.rowCount() == 2
    assert history.model.index(0, 0).data() == "2 (current)"
    assert history.model.index(1, 2).data() == "Board meeting"
    history.select_version(1)
    assert "Version 1" in history.viewer.toPlainText() and "First" in history.viewer.toPlainText()
    assert not history.withdraw_button.isEnabled()  # only the latest can be withdrawn
    history.choose_comparison(repo.versions()[0].id)
    assert history.summary.text().startswith("From version 1 to version 2: 4 words added")
    assert "Now also on Saturdays." in history.viewer.toPlainText()
    # The change is said in words, not only by colour (issue 20).
    assert "[added: Now also on Saturdays.]" in history.viewer.toPlainText()


def test_redraft_asks_before_replacing_edits_and_can_be_undone(page, dialogs):
    answer(page, "who", "older people living alone")
    edit_full(page, "My careful words.")
    dialogs.answers = [False]
    page.draft.redraft_button.click()
    assert dialogs.messages[-1][0] == "confirm"
    assert page.draft.full_edit.toPlainText() == "My careful words."

    dialogs.answers = [True]
    page.draft.redraft_button.click()
    assert page.draft.full_edit.toPlainText().startswith("Test CIC works with older people living alone")
    assert page.draft.previous_button.isVisible()
    page.draft.previous_button.click()
    assert page.draft.full_edit.toPlainText() == "My careful words."


def test_redraft_with_nothing_answered_explains(page, dialogs):
    page.draft.redraft_button.click()
    assert dialogs.messages[-1][:2] == ("info", "Nothing to draft from yet")


def test_one_sentence_version_over_the_limit_can_be_trimmed(page):
    page.draft.short_edit.setPlainText(" ".join(["word"] * 33) + " end")
    assert "over the limit" in page.draft.short_count.text()
    assert page.draft.trim_button.isVisibleTo(page)
    assert "short-too-long" in {hint.key for hint in page.draft.current_hints}
    page.draft.trim_button.click()
    saved = page.ctx.workspace.statements.get().short_text
    assert len(saved.split()) == 30 and saved.endswith(".")
    assert "Cut from 34 to 30 words" in page.draft.notes.text()


def test_agreeing_is_refused_plainly_when_the_sentence_is_too_long(page, dialogs):
    edit_full(page, "We work with older people in Hove.")
    page.draft.short_edit.setPlainText(" ".join(["word"] * 31))
    page.draft.short_edit.finish()
    page.ask_agreement = lambda statement, latest, today: Agreement(TODAY, "Board meeting")
    page.mark_as_agreed()
    assert dialogs.errors() and "31 words" in dialogs.errors()[0][2]
    assert page.ctx.workspace.statements.current_agreed() is None


def test_cancelling_the_agreement_changes_nothing(page):
    edit_full(page, "We work with older people in Hove.")
    page.ask_agreement = lambda statement, latest, today: None
    page.mark_as_agreed()
    assert page.ctx.workspace.statements.versions() == []


def test_withdraw_and_undo_from_the_banner(page, dialogs):
    repo = page.ctx.workspace.statements
    repo.save_answers(Answers(who="older people", change_soon="make friends"))
    page.refresh()
    page.ask_agreement = lambda statement, latest, today: Agreement(TODAY, "All staff")
    page.mark_as_agreed()
    version = repo.latest()
    page.tabs.setCurrentIndex(2)
    dialogs.answers = [True]
    page.history.withdraw_button.click()
    assert repo.current_agreed() is None
    assert "no longer agreed" in page.banner_text.text()
    assert page.status_text() == "Draft — not yet agreed"
    page.banner_undo.click()
    assert repo.current_agreed().version_id == version.id


def test_copy_an_old_version_into_the_draft(page, dialogs):
    repo = page.ctx.workspace.statements
    edit_full(page, "Old words about older people.")
    page.draft.short_edit.setPlainText("Old short.")
    page.draft.short_edit.finish()
    page.ask_agreement = lambda statement, latest, today: Agreement(TODAY, "All staff")
    page.mark_as_agreed()
    edit_full(page, "New words.")
    page.tabs.setCurrentIndex(2)
    dialogs.answers = [True]
    page.history.copy_button.click()
    assert page.tabs.currentIndex() == 0
    assert page.draft.full_edit.toPlainText() == "Old words about older people."
    assert repo.get().full_before_redraft == "New words."


def test_examples_follow_the_chosen_kind(page, dialogs):
    kinds = example_kinds()
    assert len(kinds) >= 6
    page.questions.kind.setCurrentIndex(2)
    assert page.questions.examples["who"].text() == f"For example: {kinds[2].answers.who}"
    assert page.ctx.workspace.statements.get().kind == kinds[2].key
    page.questions.example_button.click()
    kind, title, text = dialogs.messages[-1]
    assert kind == "info" and kinds[2].name in title and kinds[2].organisation in text


def test_non_ascii_and_very_long_answers(page):
    answer(page, "who", "Zoë's neighbours in Łódź 🚲")
    assert "Łódź 🚲" in page.draft.full_edit.toPlainText()
    answer(page, "activities", "run " + "a long list of things, " * 150)
    assert len(page.draft.short_edit.toPlainText().split()) <= 30
    answer(page, "challenges", "x" * 5000)
    assert page.problems.isVisibleTo(page) and "too long" in page.problems.text()
    assert page.questions.boxes["challenges"].toPlainText() == "x" * 5000  # nothing typed is lost


def test_tags_are_saved_from_the_outcomes_tab(page):
    from PySide6.QtCore import Qt

    picker = page.outcomes.picker
    picker.filter.setText("Local Employment")
    item = picker.model.findItems("Local Employment", Qt.MatchFlag.MatchRecursive)[0]
    item.setCheckState(Qt.CheckState.Checked)
    assert page.ctx.workspace.statements.tags() == ["birmingham/local-employment"]
    assert page.tabs.tabText(1) == "&Outcomes (1)"
    assert page.outcomes.chosen_model.stringList() == ["Birmingham Charter — Local Employment"]


def test_read_only_files_cannot_be_changed(qtbot, demo_copy, dialogs):
    from svdesk.store.workspace import open_workspace
    from svdesk.ui.common.context import PageContext
    from svdesk.ui.statement.page import StatementPage

    ws = open_workspace(demo_copy, read_only=True)
    try:
        page = StatementPage(PageContext(workspace=ws, dialogs=dialogs))
        qtbot.addWidget(page)
        assert page.draft.full_edit.isReadOnly() and page.questions.boxes["who"].isReadOnly()
        assert not page.agree_button.isEnabled() and not page.history.withdraw_button.isEnabled()
        assert page.badge.text() == "Agreed 3 Mar 2026 by Board meeting · version 2"
    finally:
        ws.close()


def test_demo_in_the_window_shows_the_agreed_statement(qtbot, controller, demo_copied_not_rewritten):
    window = controller.open_demo()
    page = window.show_page("statement")
    assert page.status_text() == "Agreed 3 Mar 2026"
    assert page.draft.full_edit.toPlainText().startswith("Riverside Bike Works CIC")
    assert page.draft.current_hints == []
    assert page.tabs.tabText(1) == "&Outcomes (8)"
    row = [cls.key for cls in window._classes].index("statement")
    from svdesk.ui.shell.journey import STATUS_ROLE

    window.update_statuses()
    assert window.journey_model.item(row).data(STATUS_ROLE) == "Agreed 3 Mar 2026"


def test_the_agree_dialog_checks_as_you_type(qtbot):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

    from svdesk.domain.statement import Statement, StatementVersion
    from svdesk.ui.statement.agree import AgreeDialog

    latest = StatementVersion("v", "s", 2, "Old.", "Old.", dt.date(2026, 3, 3), "Board meeting")
    ready = Statement(full_text="Same words.", short_text="Short.")
    dialog = AgreeDialog(ready, latest, TODAY)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.agreed_by.currentText() == "Board meeting"
    assert "version 3" in dialog.findChildren(type(dialog.summary))[0].text()
    dialog.agreed_by.setCurrentText("  ")
    assert not ok.isEnabled() and "Say who agreed it" in dialog.problems.text()
    dialog.agreed_by.setCurrentText("All staff")
    dialog.agreed_on.setDate(QDate(2026, 3, 1))
    assert not ok.isEnabled() and "before version 2" in dialog.problems.text()
    dialog.agreed_on.setDate(QDate(2026, 3, 3))
    dialog.note.setText("Minute 4.2")
    assert ok.isEnabled()
    assert dialog.agreement() == Agreement(dt.date(2026, 3, 3), "All staff", "Minute 4.2")

    same = AgreeDialog(Statement(full_text="Old.", short_text="Old."), latest, TODAY)
    qtbot.addWidget(same)
    assert "same as version 2" in same.findChildren(type(same.summary))[0].text()
    empty = AgreeDialog(Statement(), None, TODAY)
    qtbot.addWidget(empty)
    assert not empty.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "statement is empty" in empty.problems.text()


def test_share_copies_and_saves_only_the_agreed_version(page, dialogs, tmp_path):
    from PySide6.QtWidgets import QApplication

    edit_full(page, "Agreed words about older people in Hove.")
    page.draft.short_edit.setPlainText("We walk with older people in Hove.")
    page.draft.short_edit.finish()
    assert not page.share_button.isEnabled()
    page.ask_agreement = lambda statement, latest, today: Agreement(TODAY, "All staff")
    page.mark_as_agreed()
    assert page.share_button.isEnabled()
    edit_full(page, "A draft nobody agreed.")

    page.share_button.copy_full_action.trigger()
    assert QApplication.clipboard().text() == "Agreed words about older people in Hove."
    page.share_button.copy_short_action.trigger()
    assert QApplication.clipboard().text() == "We walk with older people in Hove."

    dialogs.answers = [str(tmp_path / "our statement")]
    page.share_button.save_action.trigger()
    saved = tmp_path / "our statement.docx"
    assert saved.exists() and "Saved our statement.docx" in page.banner_text.text()
    page.banner_undo.click()
    assert page.ctx.opened == [str(saved)]


def test_copying_a_statement_that_names_someone_beyond_their_consent_is_refused(qtbot, page_ctx, dialogs):
    """The clipboard is a way out of svdesk too: the same last check as an export (issue 13)."""
    from PySide6.QtWidgets import QApplication

    from svdesk.domain.consent import Consent, IdLevel, Method, Use
    from svdesk.ui.statement.page import StatementPage

    workspace = page_ctx.workspace
    story = workspace.stories.new("Zofia's first bike", dt.date(2025, 5, 1))
    workspace.stories.update(story.id, person_name="Zofia Żak", level=IdLevel.NAMED)
    workspace.stories.save_consent(story.id, Consent(given=True, given_on=dt.date(2025, 5, 1), method=Method.ONLINE,
                                                     uses=frozenset({Use.INTERNAL}), level=IdLevel.NAMED))
    workspace.statements.save_text(full_text="We helped ZOFIA zak and many more.", short_text="We fix bikes.")
    workspace.statements.agree(Agreement(TODAY, "Board"), today=TODAY)
    page = StatementPage(page_ctx)
    qtbot.addWidget(page)
    QApplication.clipboard().setText("before")
    page.share_button.copy_full_action.trigger()
    assert QApplication.clipboard().text() == "before"
    assert "“ZOFIA zak”" in str(dialogs.errors()) and "“Zofia's first bike”" in str(dialogs.errors())
    page.share_button.copy_short_action.trigger()
    assert QApplication.clipboard().text() == "We fix bikes."
