"""The Tenders page as a new bid writer uses it: paste a question, add a commitment, draft within
750 words, edit, copy and export, mark it submitted — and the demo's won contract."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from svdesk.domain.tenders import TenderStatus, days_left, describe_days_left
from svdesk.ui.common.context import PageContext

QUESTION = ("Social value (20% of the total score). Describe the commitments you will make through this contract: "
            "what, for whom, how many and by when; how you will deliver and report them; and your track record. "
            "Maximum 750 words.")


@pytest.fixture
def page(qtbot, page_ctx):
    from svdesk.ui.tenders.page import TendersPage

    widget = TendersPage(page_ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


@pytest.fixture
def demo_page(qtbot, demo_workspace, dialogs):
    from svdesk.ui.tenders.page import TendersPage

    widget = TendersPage(PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=lambda path: None))
    qtbot.addWidget(widget)
    return widget


def _fill_commitment(tab):
    tab.promise.setText("Paid work placements for Zoë's neighbours — x<y>z & <b>not bold</b>")
    tab.for_whom.setText("young people aged 16–24 in Small Heath")
    tab.per_year.setText("12")
    tab.over_contract.setText("36")
    tab.unit.setText("placements")
    tab.by_when.setText("31/3/2028")
    tab.kpis.setText("placements started and completed; young people in work six months on")
    tab.evidence.setText("signed timesheets")
    tab.accountable.setText("Łukasz Nowak, Workshop Manager")
    tab.actions.setPlainText("We recruit through the Youth Hub.")
    tab.actions.finish()
    tab.milestones.setPlainText("First placements start in May 2025")
    tab.milestones.finish()
    for line in (tab.promise, tab.for_whom, tab.per_year, tab.over_contract, tab.unit, tab.by_when, tab.kpis,
                 tab.evidence, tab.accountable):
        line.editingFinished.emit()


def test_a_new_bid_from_question_to_submitted_answer(page, page_ctx, dialogs, tmp_path, qtbot):
    workspace = page_ctx.workspace
    assert page.empty.isVisibleTo(page) and page.status_text() == "No tenders yet"
    page.new_button.click()
    tender_id = page.current_tender_id()
    details = page.details
    details.buyer.setText("Birmingham City Council")
    details.buyer.editingFinished.emit()
    details.deadline.setText("27/11/2026")
    details.deadline.editingFinished.emit()
    details.word_limit.setValue(750)
    details.word_limit.editingFinished.emit()
    details.question.setPlainText(QUESTION)
    details.question.finish()
    tender = workspace.tenders.get(tender_id)
    assert (tender.buyer, tender.deadline, tender.word_limit, tender.question) == (
        "Birmingham City Council", dt.date(2026, 11, 27), 750, QUESTION)
    assert details.deadline.text() == "27 Nov 2026"

    page.tabs.setCurrentWidget(page.commitments)
    page.commitments.add_button.click()
    _fill_commitment(page.commitments)
    commitment = workspace.tenders.commitments(tender_id)[0]
    assert (commitment.per_year, commitment.over_contract, commitment.by_when) == (12, 36, dt.date(2028, 3, 31))
    assert "Complete" in page.commitments.check.text()

    answer = page.answer
    page.tabs.setCurrentWidget(answer)
    answer.draft_button.click()
    text = answer.editor.toPlainText()
    # Led by the question's parts, headed with the buyer's own words.
    assert text.startswith("Describe the commitments you will make through this contract\n\n")
    assert "We will deliver" in text
    assert answer.count.text().endswith("of 750 words")
    # The live count follows typing, and the edit is kept with the tender.
    before = answer.count.text()
    answer.editor.setPlainText(text + "\n\nOne more sentence from me.")
    assert answer.count.text() != before
    answer.finish_editing()
    assert workspace.tenders.answer(tender_id).text.endswith("One more sentence from me.")
    # Drafting again asks first, and keeps the edited text as an earlier version.
    dialogs.answers = [True]
    answer.draft_button.click()
    assert dialogs.messages[-1][0] == "confirm"
    assert workspace.tenders.versions(tender_id)[0].text.endswith("One more sentence from me.")
    dialogs.answers = [0]
    answer.earlier_versions()
    assert answer.editor.toPlainText().endswith("One more sentence from me.")

    # Copy: plain and formatted text, the person's words escaped in the HTML.
    answer.copy()
    mime = QApplication.clipboard().mimeData()
    assert "x<y>z & <b>not bold</b>" in mime.text()
    assert "x&lt;y&gt;z &amp; &lt;b&gt;not bold&lt;/b&gt;" in mime.html()
    assert "<b>not bold</b>" not in mime.html()

    for fmt in ("docx", "pdf"):
        dialogs.answers = [str(tmp_path / f"answer.{fmt}")]
        answer.export(fmt)
        assert (tmp_path / f"answer.{fmt}").stat().st_size > 1000
        assert "Saved answer." in answer.result.text()
    assert not dialogs.errors()

    # Marking it submitted freezes the exact text sent.
    sent_text = answer.editor.toPlainText()
    dialogs.answers = ["25/11/2026"]
    page.set_status(TenderStatus.SUBMITTED)
    assert not dialogs.errors(), dialogs.errors()
    assert workspace.tenders.get(tender_id).status is TenderStatus.SUBMITTED
    assert answer.frozen.isVisibleTo(answer) and not answer.editor.isVisibleTo(answer)
    assert answer.frozen.isReadOnly() and answer.frozen.toPlainText() == sent_text
    assert "Submitted on 25 Nov 2026" in answer.banner.text()
    assert not answer.draft_button.isEnabled()
    assert page.commitments.promise.isReadOnly()
    assert workspace.tenders.latest_submission(tender_id).text == sent_text


def test_bad_values_stay_typed_and_are_explained(page, page_ctx):
    page.new_button.click()
    page.details.deadline.setText("next Tuesday")
    page.details.deadline.editingFinished.emit()
    assert page.details.problems.isVisibleTo(page.details)
    assert "is not a date" in page.details.problems.text()
    assert page.details.deadline.text() == "next Tuesday"


def test_deleting_is_undone_from_the_bar(page, page_ctx):
    page.new_button.click()
    page.delete_button.click()
    assert page_ctx.workspace.tenders.all() == []
    assert page.undo_bar.isVisibleTo(page)
    page.undo_bar.undo.click()
    assert len(page_ctx.workspace.tenders.all()) == 1


def test_the_demo_shows_days_left_and_a_won_contract(demo_page, dialogs, tmp_path):
    model = demo_page.model
    rows = {model.tenders[row].status: row for row in range(model.rowCount())}
    drafting = model.index(rows[TenderStatus.DRAFTING], 3)
    deadline = model.tenders[rows[TenderStatus.DRAFTING]].deadline
    assert model.data(drafting) == describe_days_left(days_left(deadline, dt.date.today()))
    assert model.data(drafting, Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(rows[TenderStatus.WON], 3)) == "—"
    assert demo_page.status_text().endswith("1 won")
    demo_page.table.selectRow(rows[TenderStatus.WON])
    delivery = demo_page.delivery
    assert delivery.model.rowCount() == 3
    assert "69 of 120" in delivery.detail.text()
    dialogs.answers = [str(tmp_path / "delivery.docx")]
    delivery.export("docx")
    assert (tmp_path / "delivery.docx").exists() and not dialogs.errors()
    # The sent answer is shown as sent.
    assert demo_page.answer.frozen.isVisibleTo(demo_page.answer)
    assert "Submitted on 13 Feb 2025" in demo_page.answer.banner.text()


def test_choosing_no_stories_is_remembered(demo_page, demo_workspace):
    rows = [row for row in range(demo_page.model.rowCount())
            if demo_page.model.tenders[row].status is TenderStatus.DRAFTING]
    demo_page.table.selectRow(rows[0])
    answer = demo_page.answer
    answer.auto_stories.setChecked(False)
    model = answer.stories_model
    for row in range(model.rowCount()):
        model.setData(model.index(row, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    tender = demo_workspace.tenders.get(answer.tender.id)
    assert tender.stories_chosen and tender.story_ids == ()
    from svdesk.compose.tender import draft_answer

    assert draft_answer(demo_workspace, tender.id).story_ids == ()


def test_showing_headings_in_bold_is_not_an_edit(demo_page, qtbot):
    answer = demo_page.answer
    rows = [row for row in range(demo_page.model.rowCount())
            if demo_page.model.tenders[row].status is TenderStatus.DRAFTING]
    demo_page.table.selectRow(rows[0])
    answer.save_text()
    assert not answer._timer.isActive() and not answer.editor._dirty
    first = answer.editor.document().firstBlock()
    assert first.text() == "(a) What you will deliver"   # the first part's heading, in the buyer's words
    assert any(r.format.fontWeight() >= 600 for r in first.layout().formats())


def test_a_read_only_file_can_be_read_but_not_changed(qtbot, demo_copy, dialogs, tmp_path):
    from svdesk.store.workspace import open_workspace
    from svdesk.ui.tenders.page import TendersPage

    workspace = open_workspace(demo_copy, read_only=True)
    try:
        page = TendersPage(PageContext(workspace=workspace, dialogs=dialogs))
        qtbot.addWidget(page)
        for row in range(page.model.rowCount()):
            page.table.selectRow(row)
            for index in range(page.tabs.count()):
                page.tabs.setCurrentIndex(index)
        assert not page.new_button.isEnabled() and not page.answer.draft_button.isEnabled()
        assert page.details.buyer.isReadOnly()
        # The answer holds a story: its use cannot be logged in a read-only file, so it is not exported.
        dialogs.answers = [str(tmp_path / "a.docx")]
        page.answer.export("docx")
        assert dialogs.errors() and "use log" in dialogs.errors()[-1][2]
        assert not (tmp_path / "a.docx").exists()
        page.finish_editing()
    finally:
        workspace.close()


def test_a_sent_answer_naming_someone_beyond_their_consent_now_says_so(qtbot, demo_workspace, dialogs, tmp_path):
    """The window says plainly that the answer as sent holds a name consent no longer allows, and
    refuses to export or copy it again (issue 13)."""
    from dataclasses import replace

    from svdesk.domain.consent import IdLevel
    from svdesk.ui.tenders.page import TendersPage

    lukasz = "147e3db5-9e9e-55ba-bb9c-c2a2381dbcfa"
    drafting = "4799f033-1385-5bcc-88bb-cc6106e19b21"
    consent = demo_workspace.stories.consent_for(lukasz)
    demo_workspace.tenders.submit(drafting, "Our track record\n\nŁukasz Nowak now repairs bikes.", dt.date(2026, 10, 1))
    demo_workspace.stories.save_consent(lukasz, replace(consent, level=IdLevel.ANONYMOUS))
    page = TendersPage(PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=lambda path: None))
    qtbot.addWidget(page)
    row = next(row for row in range(page.model.rowCount()) if page.model.tenders[row].id == drafting)
    page.table.selectRow(row)
    page.tabs.setCurrentWidget(page.answer)  # the banner is on the Answer tab: checked when it is looked at
    banner = page.answer.banner.text()
    assert "holds a name that consent no longer allows" in banner and "“Łukasz Nowak”" in banner
    dialogs.answers = [str(tmp_path / "sent.txt")]
    page.answer.export("txt")
    assert not (tmp_path / "sent.txt").exists()
    assert any("cannot be changed" in str(error) for error in dialogs.errors())


def test_the_list_holds_long_texts_cut_and_the_tender_shown_is_whole(page, page_ctx):
    """The list holds the first 200 characters of each question and local context (2,500 whole
    questions held megabytes while the page was open); the tender shown is read whole."""
    import dataclasses

    repo = page_ctx.workspace.tenders
    question = "What social value will you deliver? " + "🙂 é " * 3000
    local = "Ward profile: " + "x" * 5000
    first = repo.create(title="Long question", buyer="Council", question=question, local_context=local)
    second = repo.create(title="Short one", buyer="Trust", question="Short?")
    listed = {tender.id: tender for tender in repo.listing()}
    whole = {tender.id: tender for tender in repo.all()}
    assert listed.keys() == whole.keys() == {first.id, second.id}
    assert (listed[first.id].question, listed[first.id].local_context) == (question[:200], local[:200])
    assert [dataclasses.replace(tender, question="", local_context="") for tender in listed.values()] == \
        [dataclasses.replace(tender, question="", local_context="") for tender in whole.values()]

    page.refresh(keep=first.id)
    row = page.model.row_of(first.id)
    assert page.model.tenders[row].question == question[:200]
    page._show_row(row)
    assert page.details.question.toPlainText() == question
    assert page.details.local.toPlainText() == local
    page._show_row(page.model.row_of(second.id))
    assert page.details.question.toPlainText() == "Short?"
    page._show_row(page.model.row_of(first.id))
    assert page.details.question.toPlainText() == question
    assert repo.get(first.id).question == question
