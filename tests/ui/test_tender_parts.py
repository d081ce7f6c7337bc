"""The Answer tab's question panel: parts, kinds and coverage shown; kind changed, parts merged and
split; gaps filled in place; and the journey from a blank file to an exported .docx, counted in
interactions (the README's benchmark table reports the count)."""

import pytest

QUESTION = ("Social Value (10%)\n"
            "(a) How many young people will you train, and by when?\n"
            "(b) How will you monitor and report progress to the Council?\n"
            "(c) Explain the local need in the area you will work in.\n"
            "Maximum 300 words.")


class Interactions:
    """Counts what a person does: a click, a field filled, a choice made or a dialog answered."""

    def __init__(self):
        self.count = 0

    def click(self, button):
        self.count += 1
        button.click()

    def fill(self, line, text):
        self.count += 1
        line.setText(text)
        if hasattr(line, "editingFinished"):
            line.editingFinished.emit()

    def paste(self, box, text):
        self.count += 1
        box.setPlainText(text)
        box.finish()

    def select_row(self, table, row):
        self.count += 1
        table.selectRow(row)

    def answer(self, dialogs, value):
        self.count += 1
        dialogs.answers.append(value)


@pytest.fixture
def page(qtbot, page_ctx):
    from svdesk.ui.tenders.page import TendersPage

    widget = TendersPage(page_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def _add_commitment(act, panel, what, number, unit, for_whom, by_when, reported):
    act.click(panel.fill_button)
    for field, text in ((panel.new_promise, what), (panel.new_number, number), (panel.new_unit, unit),
                        (panel.new_for_whom, for_whom), (panel.new_by_when, by_when), (panel.new_reported, reported)):
        act.fill(field, text)
    act.click(panel.add_commitment_button)


def test_from_a_blank_file_to_an_exported_answer_in_under_60_interactions(page, page_ctx, dialogs, tmp_path, capsys):
    import docx

    act = Interactions()
    workspace = page_ctx.workspace
    act.click(page.new_button)
    details = page.details
    act.fill(details.buyer, "Walsall Council")
    act.paste(details.question, QUESTION)
    act.count += 1
    page.tabs.setCurrentWidget(page.answer)
    panel = page.answer.parts
    assert [p.letter for p in panel.question.parts] == ["(a)", "(b)", "(c)"]
    assert [c.status for c in panel.plan.coverage] == ["missing", "missing", "missing"]
    act.select_row(panel.table, 0)
    assert not panel.fill_button.isHidden() and panel.fill_button.text() == "&Add a commitment for this part"
    _add_commitment(act, panel, "Accredited bike mechanics training that leads young people into work", "36",
                    "young people trained", "young people aged 16–24 in Walsall", "31/3/2028",
                    "young people starting and completing; in work six months on")
    act.select_row(panel.table, 0)
    _add_commitment(act, panel, "Paid work placements that lead into jobs", "12", "placements",
                    "young people who finish the course", "31/3/2028", "placements completed; moved into work")
    tender_id = page.current_tender_id()
    assert len(workspace.tenders.commitments(tender_id)) == 2
    # The draft follows each filled gap without a click.
    assert "(a) How many young people will you train" in page.answer.editor.toPlainText()
    act.select_row(panel.table, 2)
    act.click(panel.fill_button)
    act.fill(panel.local_line, "Youth unemployment in Walsall is twice the national rate.")
    act.click(panel.add_local_button)
    assert panel.plan.coverage[2].status == "covered"
    text = page.answer.editor.toPlainText()
    assert "Youth unemployment in Walsall is twice the national rate." in text
    out = tmp_path / "answer.docx"
    act.answer(dialogs, str(out))
    act.count += 2   # the Export menu, then Word
    page.answer.export("docx")
    assert out.exists(), dialogs.messages
    body = " ".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "(a) How many young people will you train" in body
    with capsys.disabled():
        print(f"\n[journey] blank file to exported answer: {act.count} interactions")
    assert act.count < 60


def test_change_a_kind_merge_and_split_are_kept_and_redraft(page, page_ctx, dialogs):
    act = Interactions()
    act.click(page.new_button)
    page.details.question.setPlainText(QUESTION)
    page.details.question.finish()
    page.tabs.setCurrentWidget(page.answer)
    panel = page.answer.parts
    panel.table.selectRow(1)
    panel.kind.setCurrentIndex(panel.kind.findData("track_record"))
    panel.kind.activated.emit(panel.kind.currentIndex())
    tender = page_ctx.workspace.tenders.get(page.current_tender_id())
    from svdesk.compose.question_kinds import question_of

    assert [p.kind for p in question_of(tender).parts][1] == "track_record"
    panel.table.selectRow(0)
    panel.merge_button.click()
    assert len(panel.question.parts) == 2
    panel.table.selectRow(0)
    dialogs.answers.append("How will you monitor")
    panel.split_button.click()
    assert len(panel.question.parts) == 3 and panel.question.parts[1].text.startswith("How will you monitor")
    dialogs.answers.append("words that are not there")
    panel.split_button.click()
    assert dialogs.errors()[-1][1] == "Not split"


def test_value_and_over_and_above_are_filled_in_place(page, page_ctx, dialogs):
    page.new_button.click()
    tender_id = page.current_tender_id()
    workspace = page_ctx.workspace
    workspace.tenders.add_commitment(tender_id, promise="Volunteer hours for local groups", over_contract=300,
                                     unit="volunteer hours")
    page.details.question.setPlainText("(a) Describe your support for voluntary groups in quantity and value.\n"
                                       "(b) What will you do over and above the core contract?")
    page.details.question.finish()
    page.tabs.setCurrentWidget(page.answer)
    panel = page.answer.parts
    panel.table.selectRow(0)
    assert panel.fill_button.text() == "&Give a commitment a value"
    panel.fill_button.click()
    panel.value_amount.setText("£12.50")
    panel.value_basis.setText("the Council's rate for a volunteer hour")
    panel.save_value_button.click()
    assert workspace.tenders.commitments(tender_id)[0].value_per_unit_pence == 1250
    assert panel.plan.coverage[0].status == "covered"
    panel.table.selectRow(1)
    dialogs.answers.append(0)
    panel.fill_button.click()
    assert workspace.tenders.commitments(tender_id)[0].additional is True
    assert panel.plan.coverage[1].status == "covered"
    assert "£3,750" in page.answer.editor.toPlainText()
    # Bad input is a plain message and loses nothing.
    panel.table.selectRow(0)
    panel._fill_commitment_choice(panel.value_commitment)
    panel.value_amount.setText("twelve pounds")
    panel.save_value_button.click()
    assert dialogs.errors()[-1][1] == "Value not saved"
    assert workspace.tenders.commitments(tender_id)[0].value_per_unit_pence == 1250
