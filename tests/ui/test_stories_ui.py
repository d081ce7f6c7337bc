"""The Stories and Listening pages as a person uses them (pytest-qt, fake dialogs)."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from svdesk.domain import dates
from svdesk.domain.consent import ConsentState, IdLevel, Use


@pytest.fixture
def stories_page(qtbot, page_ctx):
    from svdesk.ui.stories.page import StoriesPage

    page = StoriesPage(page_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def type_text(edit, text):
    edit.setFocus()
    edit.setText(text)
    edit.editingFinished.emit()


def write(box, text):
    box.setPlainText(text)
    box.finish()


def choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def add_indicator(workspace, name):
    from svdesk.domain.measures import Indicator, Unit

    return workspace.indicators.add(Indicator(name=name, unit=Unit.PEOPLE)).id


def test_new_user_writes_a_story_records_consent_finds_it_and_withdraws(stories_page, page_ctx, dialogs):
    page, repo = stories_page, page_ctx.workspace.stories
    assert "No stories yet" in page.empty_title.text()
    indicator_id = add_indicator(page_ctx.workspace, "Young people in work or training")
    page.refresh()
    page.empty_new.click()
    editor = page.editor
    assert editor.story_id and page.right.currentWidget() is page.editor_scroll

    type_text(editor.title, "Gwenllïan fixes her first puncture")
    write(editor.texts["before"], "She had never held a tyre lever.")
    write(editor.texts["what_we_did"], "Two Saturday sessions with Siân at the drop-in.")
    write(editor.texts["after"], "She now fixes her brother's bike too.")
    write(editor.texts["quote"], "Dw i'n caru'r gweithdy — I love the workshop.")
    write(editor.texts["why_it_matters"], "Confidence with tools, and a girl in a space that felt like it was for boys.")
    type_text(editor.person_name, "Gwenllïan Rhys")
    choose(editor.level, IdLevel.FIRST_NAME.value)
    choose(editor.status, "ready")
    item = editor.indicator_model.item(0)
    assert item.text() == "Young people in work or training"
    item.setCheckState(Qt.CheckState.Checked)
    assert repo.indicators_for(editor.story_id) == [indicator_id]
    story = repo.get(editor.story_id)
    assert (story.title, story.status, story.level) == ("Gwenllïan fixes her first puncture", "ready", IdLevel.FIRST_NAME)
    assert page.model.rowCount() == 1 and page.model.data(page.model.index(0, 1)) == story.title
    assert "No consent recorded" in editor.summary.text()

    consent = editor.consent
    consent.given.setChecked(True)
    consent.method.setCurrentIndex(consent.method.findData("signed_form"))
    type_text(consent.recorded_by, "Amara Okafor")
    consent.uses[Use.TENDERS_FUNDERS].setChecked(True)
    consent.uses[Use.PUBLIC_REPORTS].setChecked(True)
    consent.level.setCurrentIndex(consent.level.findData(IdLevel.FIRST_NAME.value))
    saved = repo.consent_for(story.id)
    assert saved.given and saved.given_on == dates.today()
    assert saved.uses == {Use.TENDERS_FUNDERS, Use.PUBLIC_REPORTS} and saved.level is IdLevel.FIRST_NAME
    assert "Tenders and funders</b>: yes (first name only)" in consent.verdict.text()
    assert "Website and social media</b>: no" in consent.verdict.text()
    assert "May be used for" in editor.summary.text()

    # Find it again by a word from its quote (accents and case do not matter).
    page.search.setText("GWEITHDY")
    page.apply_filters()
    assert page.model.total == 1 and page.editor.story_id == story.id
    page.search.setText("lukasz")
    page.apply_filters()
    assert page.model.total == 0 and page.right.currentWidget() is page.empty
    assert "No story matches" in page.empty_title.text()
    page.search.setText("gwenllian")
    page.apply_filters()
    assert page.editor.story_id == story.id
    page.search.setText("")
    page.indicator_filter.setCurrentIndex(page.indicator_filter.findData(indicator_id))
    assert page.model.total == 1 and page.indicator_filter.isVisibleTo(page)
    page.indicator_filter.setCurrentIndex(0)

    # An export uses it; then the person withdraws consent.
    repo.record_use(story.id, Use.TENDERS_FUNDERS, "Tender: Youth cycling 2026", dates.today())
    page.editor.load(story.id)
    assert "Tender: Youth cycling 2026" in consent.used_in.text()
    consent.withdrawn_on.setText(dates.format_date(dates.today()))
    consent.withdrawn_on.editingFinished.emit()
    consent.withdrawal_note.setText("Rang Amara")
    consent.withdraw_button.click()
    title, text = dialogs.messages[-1][1:]
    assert title == "Consent withdrawn" and "Tender: Youth cycling 2026" in text and "remove it" in text
    assert "take the story down" in consent.used_in.text()
    assert "Consent withdrawn on" in consent.verdict.text() and consent.withdrawn_label.isVisible()
    assert page.model.data(page.model.index(0, 2)) == "Withdrawn"
    assert repo.usable_for(Use.TENDERS_FUNDERS, dates.today()) == []


def test_a_story_that_is_not_complete_stays_a_draft(stories_page, page_ctx):
    page = stories_page
    page.new_button.click()
    choose(page.editor.status, "ready")
    assert page.editor.status.currentData() == "draft"
    assert page.editor.problems.isVisibleTo(page) and "title" in page.editor.problems.text()
    assert page_ctx.workspace.stories.get(page.editor.story_id).status == "draft"


def test_unreadable_date_keeps_the_text_and_says_why(stories_page, page_ctx):
    page = stories_page
    page.new_button.click()
    page.editor.story_date.setText("the 32nd of Smarch")
    page.editor.story_date.editingFinished.emit()
    assert "not a date" in page.editor.problems.text()
    assert page.editor.story_date.text() == "the 32nd of Smarch"
    assert page_ctx.workspace.stories.get(page.editor.story_id).story_date == dates.today()


def test_name_in_text_warns_when_only_first_name_allowed(stories_page, page_ctx):
    page = stories_page
    page.new_button.click()
    type_text(page.editor.person_name, "Łukasz Nowak")
    write(page.editor.texts["after"], "Łukasz Nowak now fixes bikes.")
    choose(page.editor.level, IdLevel.NAMED.value)
    assert "anonymously" in page.editor.name_warning.text()  # no consent yet: anonymous at most
    page.editor.consent.given.setChecked(True)
    page.editor.consent.level.setCurrentIndex(page.editor.consent.level.findData(IdLevel.FIRST_NAME.value))
    assert "surname" in page.editor.name_warning.text()


def test_hostile_searches_and_filters(stories_page, page_ctx):
    repo = page_ctx.workspace.stories
    for title in ("Zoë rides", "Siân volunteers", "Bike AND road"):
        story = repo.new(title, dt.date(2025, 6, 1))
        repo.update(story.id, after="x")
    page = stories_page
    page.refresh()
    for typed in ('"AND OR (', "*", "NEAR(", '"', "🚲", "", "((("):
        page.search.setText(typed)
        page.apply_filters()
    page.search.setText("zoe")
    page.apply_filters()
    assert page.model.total == 1
    page.search.setText("")
    page.consent_filter.setCurrentIndex(page.consent_filter.findData(ConsentState.WITHDRAWN.value))
    assert page.model.total == 0 and "0 of 3" in page.count_label.text()
    page.consent_filter.setCurrentIndex(0)
    page.year_filter.setCurrentIndex(page.year_filter.findText("2025/26"))
    assert page.model.total == 3


def test_bin_and_undo_and_restore(stories_page, page_ctx, dialogs):
    page, repo = stories_page, page_ctx.workspace.stories
    page.new_button.click()
    type_text(page.editor.title, "Short-lived")
    page.bin_button.click()
    assert repo.count() == 0 and page.undo_bar.isVisible() and "Short-lived" in page.undo_label.text()
    page.undo_button.click()
    assert repo.count() == 1 and page.editor.title.text() == "Short-lived"
    page.bin_button.click()
    dialogs.answers = [0]
    page.restore_button.click()
    assert repo.count() == 1 and page.editor.title.text() == "Short-lived"


def test_photos_attach_and_open(stories_page, page_ctx, dialogs, tmp_path):
    photo = tmp_path / "ride.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n fake")
    page = stories_page
    page.new_button.click()
    dialogs.answers = [[str(photo)]]
    page.editor.photos.add_button.click()
    assert page.editor.photos.count() == 1
    page.editor.photos.open_selected()
    assert page_ctx.opened and page_ctx.opened[-1].endswith("ride.png")
    page.editor.photos.remove_selected()
    assert page.editor.photos.count() == 0
    page.editor.photos.undo_button.click()
    assert page.editor.photos.count() == 1


def test_list_model_fetches_windows_not_everything(qtbot, page_ctx):
    from svdesk.ui.stories.list_model import BATCH, StoryListModel

    repo = page_ctx.workspace.stories
    with page_ctx.workspace.file.write():
        for number in range(BATCH * 2 + 30):
            repo.new(f"Story {number}", dt.date(2025, 1, 1) + dt.timedelta(days=number))
    model = StoryListModel(repo)
    model.search("")
    assert model.total == BATCH * 2 + 30 and model.rowCount() == BATCH and model.fetched_batches == 1
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == BATCH * 2
    assert model.row_of(repo.search_ids()[-1]) == BATCH * 2 + 29 and model.rowCount() == BATCH * 2 + 30
    assert not model.canFetchMore()


def test_a_search_matching_very_many_stories_counts_no_further_than_it_says(stories_page, page_ctx, monkeypatch):
    """The list reads one page at a time and counts up to a cap: "more than N" past it, and the
    rows still scroll to the end."""
    import svdesk.ui.stories.page as page_module
    import svdesk.ui.stories.list_model as list_module

    monkeypatch.setattr(list_module, "COUNT_CAP", 5)
    monkeypatch.setattr(page_module, "COUNT_CAP", 5)
    monkeypatch.setattr(list_module, "BATCH", 4)
    repo = page_ctx.workspace.stories
    with page_ctx.workspace.file.write():
        for number in range(9):
            story = repo.new(f"Wheel story {number}", dt.date(2025, 1, 1) + dt.timedelta(days=number))
            repo.update(story.id, after="A new wheel.")
        repo.new("Another story", dt.date(2025, 6, 1))
    page = stories_page
    page.refresh()
    page.search.setText("wheel")
    page.apply_filters()
    assert page.model.total_is_capped and page.count_label.text() == "More than 5 of 10 stories match."
    assert page.model.rowCount() == 4
    oldest = repo.search_ids("wheel")[-1]
    assert page.model.row_of(oldest) == 8 and page.model.rowCount() == 9 and not page.model.canFetchMore()
    page.search.setText("another")
    page.apply_filters()
    assert not page.model.total_is_capped and page.count_label.text() == "1 of 10 stories match."


def test_demo_stories_page(qtbot, controller, demo_copy):
    window = controller.open_path(demo_copy)
    page = window.show_page("stories")
    qtbot.waitUntil(lambda: not page.reading("list"), timeout=20_000)  # read off the window's thread
    assert page.model.total == 13
    assert page.status_text() == "13 stories, 3 need consent"
    page.search.setText("lukasz")
    page.apply_filters()
    assert page.model.total == 1
    assert "Used in 2 documents" in page.editor.summary.text()
    page.search.setText("")
    page.consent_filter.setCurrentIndex(page.consent_filter.findData("withdrawn"))
    assert page.model.total == 1
    assert "take the story down" in page.editor.consent.used_in.text()


@pytest.fixture
def listening_page(qtbot, page_ctx):
    from svdesk.ui.stories.listening_page import ListeningPage

    page = ListeningPage(page_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def test_record_a_consultation(listening_page, page_ctx):
    from svdesk.domain.consultations import Method, Stakeholder

    page, repo = listening_page, page_ctx.workspace.consultations
    assert page.status_text() == "None recorded yet" and page.right.currentWidget() is page.empty
    page.empty_new.click()
    type_text(page.title_edit, "Parents' coffee morning")
    page.held_on.setText("12/6/2025")
    page.held_on.editingFinished.emit()
    page.who[Stakeholder.SERVICE_USERS].setChecked(True)
    page.who[Stakeholder.OTHER].setChecked(True)
    assert page.who_other.isVisibleTo(page)
    type_text(page.who_other, "parents of holiday club children")
    choose(page.how, Method.MEETING.value)
    page.people.setValue(12)
    page.people.editingFinished.emit()
    write(page.heard, "Parents wanted a club in the Easter holidays too.")
    write(page.changed, "We ran a four-day Easter club in 2026.")
    found = repo.between(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert len(found) == 1
    item = found[0]
    assert item.who_text() == "service users and parents of holiday club children"
    assert (item.people, item.how, item.held_on) == (12, Method.MEETING, dt.date(2025, 6, 12))
    assert not page.problems.isVisibleTo(page)
    assert page.status_text() == "1 consultation, latest 12 Jun 2025"
    assert "2025/26: 1" in page.by_year.text()
    page.people.setValue(0)
    page.people.editingFinished.emit()
    assert repo.get(item.id).people is None


def test_consultation_problems_and_bin(listening_page, page_ctx, dialogs):
    page, repo = listening_page, page_ctx.workspace.consultations
    page.new_button.click()
    assert "Tick who you listened to" in page.problems.text()
    page.bin_button.click()
    assert repo.count() == 0 and page.undo_bar.isVisible()
    page.undo_button.click()
    assert repo.count() == 1
    page.bin_button.click()
    dialogs.answers = [0]
    page.restore_button.click()
    assert repo.count() == 1


def test_demo_listening_page(qtbot, demo_window):
    window = demo_window
    page = window.show_page("listening")
    qtbot.waitUntil(lambda: not page.reading(), timeout=20_000)  # the list is read off the window's thread
    assert page.model.rowCount() == 4
    assert page.status_text() == "4 consultations, latest 28 Jan 2026"
    assert "2025/26: 2" in page.by_year.text() and "2024/25: 2" in page.by_year.text()


def test_read_only_file_shows_but_never_changes(qtbot, controller, demo_copy):
    import hashlib

    before = hashlib.sha256(demo_copy.read_bytes()).hexdigest()
    window = controller.open_path(demo_copy, read_only=True)
    page = window.show_page("stories")
    qtbot.waitUntil(lambda: not page.reading("list"), timeout=20_000)  # read off the window's thread
    assert page.model.total == 13
    editor = page.editor
    assert editor.title.isReadOnly() and not editor.status.isEnabled()
    assert not editor.consent.given.isEnabled() and not editor.photos.add_button.isEnabled()
    assert not page.new_button.isEnabled() and not page.bin_button.isEnabled()
    page.move_to_bin()
    page.new_story()
    listening = window.show_page("listening")
    assert listening.heard.isReadOnly() and not listening.new_button.isEnabled()
    window.close()
    assert hashlib.sha256(demo_copy.read_bytes()).hexdigest() == before


def test_keyboard_delete_bins_and_ctrl_f_finds(qtbot, stories_page, page_ctx):
    page = stories_page
    page.new_button.click()
    type_text(page.editor.title, "Keyboard story")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page_ctx.workspace.stories.count() == 0 and page.undo_bar.isVisible()
    page.undo_button.click()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_printing_a_consent_form_for_the_story(stories_page, page_ctx, dialogs, tmp_path):
    page = stories_page
    page.new_story()
    page.editor.title.setText("Zoë's first repair")
    page.editor.title.editingFinished.emit()
    consent = page.editor.consent
    assert consent.print_pdf.isEnabled()  # wanted most before consent is recorded
    dialogs.answers = [str(tmp_path / "Zoë form")]  # no suffix: .pdf is added
    consent.print_pdf.click()
    written = tmp_path / "Zoë form.pdf"
    assert written.read_bytes().startswith(b"%PDF") and page_ctx.opened == [str(written)]
    assert dialogs.messages[-1][2].endswith("Consent form - Zoës first repair.pdf")
    dialogs.answers = [None]  # cancelled: nothing written, nothing opened
    consent.print_word.click()
    assert page_ctx.opened == [str(written)] and not dialogs.errors()


def test_a_consent_form_says_what_the_pdf_cannot_show(stories_page, page_ctx, dialogs, tmp_path):
    page = stories_page
    page.new_story()
    page.editor.title.setText("Bikes 🚲 for <b>everyone</b>")
    page.editor.title.editingFinished.emit()
    dialogs.answers = [str(tmp_path / "form.pdf")]
    page.editor.consent.print_pdf.click()
    infos = [message for message in dialogs.messages if message[0] == "info"]
    assert infos and "🚲" in infos[-1][2]
    assert page_ctx.opened == [str(tmp_path / "form.pdf")]


def test_plain_words_with_the_term_kept_in_help_and_status_at_the_top(qtbot, page_ctx):
    """Issue 20: terms of art get plain labels (the term stays in the help) and whether a story is
    ready sits at the top, beside its consent."""
    from PySide6.QtWidgets import QLabel

    from svdesk.ui.stories.consent_editor import ConsentEditor
    from svdesk.ui.stories.editor import StoryEditor

    editor = StoryEditor(page_ctx)
    qtbot.addWidget(editor)
    captions = [label.text() for label in editor.findChildren(QLabel)]
    assert "Kind of c&hange" in captions and "Domain of c&hange" not in captions
    assert any("domain of change" in text for text in captions)
    assert "It &mentions" not in captions and any("special category data" in text for text in captions)
    layout = editor.layout()
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert widgets.index(editor.status) < widgets.index(editor.title.parentWidget())
    consent = ConsentEditor(page_ctx)
    qtbot.addWidget(consent)
    assert any("explicit consent" in label.text() for label in consent.findChildren(QLabel))
    assert "explicit" not in consent.explicit.text().lower()


def test_the_log_lists_long_texts_cut_and_edits_them_whole(listening_page, page_ctx):
    """The list holds the first 200 characters of what was heard and changed (10,000 whole texts
    held megabytes while the page was open); the one shown is read whole, and saving loses nothing."""
    import dataclasses

    from PySide6.QtCore import Qt
    from svdesk.domain.consultations import Stakeholder

    page, repo = listening_page, page_ctx.workspace.consultations
    heard, changed = "Heard: " + "é" * 5000, "Changed: " + "x🙂" * 3000
    item = repo.add(dt.date(2025, 6, 1), "Long one")
    repo.save(dataclasses.replace(item, who=(Stakeholder.STAFF,), heard=heard, changed=changed))
    short = repo.add(dt.date(2025, 5, 1), "Short one")
    whole = repo.all()
    listed = repo.listing()
    assert [row.id for row in listed] == [row.id for row in whole]
    assert (listed[0].heard, listed[0].changed) == (heard[:200], changed[:200])
    assert [dataclasses.replace(row, heard="", changed="") for row in listed] == \
        [dataclasses.replace(row, heard="", changed="") for row in whole]

    from svdesk.store.consultations_repo import LISTED_CHARS
    from svdesk.ui.stories.consultation_model import TIP_CHARS

    assert TIP_CHARS <= LISTED_CHARS  # the tooltip never shows a cut the list made shorter
    page.refresh()
    assert [row.id for row in page.model.items] == [item.id, short.id]
    assert page.model.items[0].heard == heard[:200]
    tip = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("We heard: " + heard[:200])
    page.table.selectRow(0)
    assert page.heard.toPlainText() == heard and page.changed.toPlainText() == changed
    write(page.changed, changed + " And more.")
    saved = repo.get(item.id)
    assert saved.heard == heard and saved.changed == changed + " And more."
