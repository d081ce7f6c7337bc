"""Publish… in the window: nothing ticked to begin with, a preview that follows the choices, a
folder chosen through the app's dialogs, and the same refusals as the command line."""

import json

import pytest
from PySide6.QtCore import Qt

from svdesk.ui.common.context import PageContext

WON = "61f67f22-6977-5fca-ab0c-eaf84f58bda6"


@pytest.fixture
def ctx(demo_workspace, dialogs):
    return PageContext(workspace=demo_workspace, dialogs=dialogs, open_external=lambda path: None)


@pytest.fixture
def dialog(qtbot, ctx):
    from svdesk.ui.common.publish_dialog import PublishDialog

    widget = PublishDialog(ctx)
    qtbot.addWidget(widget)
    return widget


def _tick(model, row):
    model.item(row).setCheckState(Qt.CheckState.Checked)


def test_nothing_is_chosen_to_begin_with(dialog):
    assert dialog.tender_model.rowCount() == 1 and dialog.indicator_model.rowCount() == 3
    assert dialog.chosen_tenders() == [] and dialog.chosen_indicators() == []
    assert not dialog.publish_button.isEnabled()
    assert "Nothing is published unless you choose it" in dialog.preview.toPlainText()


def test_the_preview_follows_what_is_ticked_and_the_licence(dialog):
    _tick(dialog.tender_model, 0)
    text = dialog.preview.toPlainText()
    assert "Youth Employment and Skills Programme" in text and "What we measure" not in text
    assert "Open Government Licence v3.0" in text and dialog.publish_button.isEnabled()
    _tick(dialog.indicator_model, 1)
    assert "Bikes refurbished and back on the road" in dialog.preview.toPlainText()
    dialog.licence_box.setCurrentIndex(1)
    assert "CC BY 4.0" in dialog.preview.toPlainText()


def test_publishing_writes_the_folder_chosen(dialog, dialogs, tmp_path):
    _tick(dialog.tender_model, 0)
    dialog.zip_box.setChecked(True)
    dialogs.answers.append(str(tmp_path / "site"))
    outcome = dialog.publish()
    assert outcome is not None and (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site.zip").is_file()
    data = json.loads((tmp_path / "site" / "data.json").read_text("utf-8"))
    assert [c["id"] for c in data["contracts"]] == [WON] and data["indicators"] == []
    assert dialogs.messages[-1][:2] == ("info", "Published") and not dialogs.errors()


def test_cancelling_the_folder_writes_nothing(dialog, dialogs, tmp_path):
    _tick(dialog.indicator_model, 0)
    assert dialog.publish() is None and dialogs.messages[-1][0] == "choose_folder" and not dialogs.errors()


def test_the_organisations_own_folder_is_refused_plainly(dialog, dialogs, demo_workspace):
    _tick(dialog.indicator_model, 0)
    before = sorted(p.name for p in demo_workspace.path.parent.iterdir())
    dialogs.answers.append(str(demo_workspace.path.parent))
    assert dialog.publish() is None
    (kind, title, text), = dialogs.errors()
    assert title == "Not published" and "holds the organisation file" in text and "Nothing was written" in text
    assert sorted(p.name for p in demo_workspace.path.parent.iterdir()) == before


@pytest.mark.parametrize("module, page_class", [("svdesk.ui.tenders.page", "TendersPage"),
                                                ("svdesk.ui.summary.page", "SummaryPage")])
def test_the_tenders_and_summary_pages_open_it_through_the_apps_dialogs(qtbot, ctx, dialogs, module, page_class):
    from importlib import import_module

    from svdesk.ui.common.publish_dialog import PublishDialog

    page = getattr(import_module(module), page_class)(ctx)
    qtbot.addWidget(page)
    page.publish_button.click()
    assert len(dialogs.shown) == 1 and isinstance(dialogs.shown[0], PublishDialog)
    assert ("run", "Publish commitments and progress", "") in dialogs.messages


def test_a_name_taken_out_is_said_in_the_preview_and_after_publishing(dialog, ctx, dialogs, tmp_path):
    from dataclasses import replace

    from svdesk.domain.stories import IdLevel

    workspace = ctx.workspace
    story = workspace.stories.new("Back to work")
    workspace.stories.update(story.id, person_name="Amara Okafor", level=IdLevel.NAMED)
    indicator = workspace.indicators.active()[0]
    workspace.indicators.save(replace(indicator, outcome="As Amara Okafor told us, it changed her life."))
    dialog.set_ticked([indicator.id])
    shown = dialog.preview.toPlainText()
    assert "Note: A person's name was taken out of the indicator" in shown and "Okafor" not in shown
    dialogs.answers.append(str(tmp_path / "site"))
    outcome = dialog.publish()
    assert outcome is not None and dialogs.messages[-1][0] == "info" and "taken out" in dialogs.messages[-1][2]
    assert "Okafor" not in (tmp_path / "site" / "index.html").read_text("utf-8")
