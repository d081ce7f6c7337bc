"""The Answer tab shows what the buyer will score beside the draft: each criterion the question
quotes, covered, thin or missing, with the records that cover it; reached by the keyboard and read
out whole; and it follows the records (a line of local context covers "relevance to the area").
Exporting over a page limit asks first, like the word limit."""

from PySide6.QtCore import Qt

QUESTION = """Please describe the social value you will deliver.
(a) How many young people will you train, and by when?
(b) How will you monitor and report progress to the Council?

Evaluation criteria
- Specific, measurable commitments with numbers and dates
- Relevance to the local area
- Additionality: benefits over and above the core contract
No more than 1 side of A4."""


def _page(qtbot, page_ctx):
    from svdesk.ui.tenders.page import TendersPage

    page = TendersPage(page_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.new_button.click()
    page.details.question.setPlainText(QUESTION)
    page.details.question.finish()
    page.tabs.setCurrentWidget(page.answer)
    return page


def test_criteria_beside_the_draft_with_what_covers_them(qtbot, page_ctx):
    page = _page(qtbot, page_ctx)
    panel = page.answer.criteria
    tender_id = page.current_tender_id()
    assert panel.isVisible()
    rows = [panel.model.data(panel.model.index(r)) for r in range(panel.model.rowCount())]
    assert rows == ["Missing — Specific, measurable commitments with numbers and dates",
                    "Missing — Relevance to the local area",
                    "Missing — Additionality: benefits over and above the core contract"]
    spoken = panel.model.data(panel.model.index(1), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Missing: Relevance to the local area.") and "no local context" in spoken
    # Keyboard: the list takes focus (Tab reaches it) and the arrows change what is explained.
    assert panel.view.focusPolicy() != Qt.FocusPolicy.NoFocus and panel.view.accessibleName()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert panel.detail.text().startswith("“Relevance to the local area”")
    page_ctx.workspace.tenders.add_commitment(
        tender_id, promise="Paid traineeships for young people", over_contract=24, unit="trainees",
        for_whom="young people in Walsall", by_when=__import__("datetime").date(2028, 3, 31))
    page_ctx.workspace.tenders.update(tender_id, local_context="Youth unemployment in Walsall is twice the "
                                                               "national rate.")
    page.answer.draft()
    statuses = {c.text: c.status for c in panel.model.criteria}
    assert statuses["Relevance to the local area"] == "covered"
    assert statuses["Specific, measurable commitments with numbers and dates"] in ("covered", "thin")
    assert statuses["Additionality: benefits over and above the core contract"] == "missing"
    covered = next(c for c in panel.model.criteria if c.text == "Relevance to the local area")
    assert "the tender's local context" in covered.by
    assert "over and above" not in page.answer.editor.toPlainText().lower()


def test_no_criteria_no_panel(qtbot, page_ctx):
    page = _page(qtbot, page_ctx)
    page.details.question.setPlainText("Describe how you will reduce emissions. Maximum 300 words.")
    page.details.question.finish()
    page.tabs.setCurrentWidget(page.details)
    page.tabs.setCurrentWidget(page.answer)
    assert not page.answer.criteria.isVisible()


def test_export_over_the_page_limit_asks_first(qtbot, page_ctx, dialogs, tmp_path):
    page = _page(qtbot, page_ctx)
    long_text = "\n\n".join("We train young people as bike mechanics in the city. " * 12 for _ in range(12))
    page.answer.editor.setPlainText(long_text)
    page.answer.save_text()
    dialogs.answers.append(False)            # "Shorten it first"
    page.answer.export("pdf")
    title, text = dialogs.messages[-1][1], dialogs.messages[-1][2]
    assert title == "Over the page limit" and "limit of 1 page" in text
    assert not list(tmp_path.iterdir())
