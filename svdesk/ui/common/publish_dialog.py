"""Publish…: choose won contracts and indicators (none ticked to begin with), a licence, see a
preview of the page, then choose a folder. Opened from the Tenders and Impact summary pages.

The preview is the published page's own HTML shown in a QTextBrowser, which draws a simplified
version of it (no charts, simpler layout); the dialog says so rather than pretend it is exact.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QListView, QPushButton, QSplitter, QTextBrowser,
    QVBoxLayout, QWidget,
)

from svdesk.compose.publication import LICENCES, build_publication, publishable_indicators, publishable_tenders
from svdesk.domain.errors import SvdeskError
from svdesk.domain.textsafe import clean_line

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_NOTHING = ("<p>Tick the contracts and indicators to publish. Nothing is published unless you choose it.</p>"
            "<p>Only figures, your commitments, your agreed statement and your organisation's public details are "
            "ever published: no stories, quotes, names, photos, consultation notes or evidence files.</p>")


def _checklist(name: str, rows: list[tuple[str, str]]) -> tuple[QListView, QStandardItemModel]:
    model = QStandardItemModel()
    for ident, text in rows:
        item = QStandardItem(text)
        item.setData(ident, ID_ROLE)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setEditable(False)
        item.setToolTip(text)
        model.appendRow(item)
    view = QListView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setMinimumWidth(260)
    view.setWordWrap(True)
    return view, model


def _ticked(model: QStandardItemModel) -> list[str]:
    return [model.item(row).data(ID_ROLE) for row in range(model.rowCount())
            if model.item(row).checkState() == Qt.CheckState.Checked]


class PublishDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.outcome = None
        self.setWindowTitle("Publish commitments and progress")
        workspace = ctx.workspace
        tenders = [(t.id, " — ".join(part for part in (clean_line(t.name), clean_line(t.buyer)) if part))
                   for t in publishable_tenders(workspace)]
        indicators = [(i.id, clean_line(i.name)) for i in publishable_indicators(workspace)]
        self.tender_view, self.tender_model = _checklist("Won contracts to publish", tenders)
        self.indicator_view, self.indicator_model = _checklist("Indicators to publish", indicators)
        self.licence_box = QComboBox()
        for key, (name, _url) in LICENCES.items():
            self.licence_box.addItem(name, key)
        self.licence_box.setAccessibleName("Licence")
        self.zip_box = QCheckBox("Also make a .zip of the folder, to e-mail")
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName("Preview of the published page")
        self.publish_button = QPushButton("&Publish to a folder…")
        self.publish_button.setDefault(True)
        close_button = QPushButton("Close")

        left = QVBoxLayout()
        left.addWidget(QLabel("<b>Won contracts</b>" if tenders else "<b>Won contracts</b>: none yet (set a "
                              "tender's status to won to publish what you promised)"))
        left.addWidget(self.tender_view, 1)
        left.addWidget(QLabel("<b>Indicators</b>" if indicators else "<b>Indicators</b>: none yet"))
        left.addWidget(self.indicator_view, 1)
        licence_label = QLabel("&Licence")
        licence_label.setBuddy(self.licence_box)
        left.addWidget(licence_label)
        left.addWidget(self.licence_box)
        left.addWidget(self.zip_box)
        left_widget = QWidget()
        left_widget.setLayout(left)
        right = QVBoxLayout()
        note = QLabel("Preview — a simplified view of the page: a web browser shows it with its charts and layout.")
        note.setWordWrap(True)
        right.addWidget(note)
        right.addWidget(self.preview, 1)
        right_widget = QWidget()
        right_widget.setLayout(right)
        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(right_widget)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.publish_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1000, 640)

        self.tender_model.itemChanged.connect(lambda _item: self.refresh())
        self.indicator_model.itemChanged.connect(lambda _item: self.refresh())
        self.licence_box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.publish_button.clicked.connect(self.publish)
        close_button.clicked.connect(self.reject)
        self.refresh()

    # -- choices ---------------------------------------------------------------------------------
    def chosen_tenders(self) -> list[str]:
        return _ticked(self.tender_model)

    def chosen_indicators(self) -> list[str]:
        return _ticked(self.indicator_model)

    def licence_key(self) -> str:
        return self.licence_box.currentData()

    def set_ticked(self, ids) -> None:
        """Ticks the rows whose id is in ``ids`` (for tests and the screenshot)."""
        wanted = set(ids)
        for model in (self.tender_model, self.indicator_model):
            for row in range(model.rowCount()):
                item = model.item(row)
                if item.data(ID_ROLE) in wanted:
                    item.setCheckState(Qt.CheckState.Checked)

    def publication(self):
        return build_publication(self.ctx.workspace, self.chosen_tenders(), self.chosen_indicators(),
                                 self.licence_key())

    def refresh(self) -> None:
        chosen = bool(self.chosen_tenders() or self.chosen_indicators())
        self.publish_button.setEnabled(chosen)
        if not chosen:
            self.preview.setHtml(_NOTHING)
            return
        from svdesk.render.publish_html import render_publication_html

        try:
            publication = self.publication()
        except SvdeskError as error:
            self.preview.setPlainText(str(error))
            return
        # The warnings are for the person publishing and are shown above the page, never in it.
        notes = "".join(f"<p><b>Note:</b> {escape(warning)}</p>" for warning in publication.warnings)
        self.preview.setHtml(notes + render_publication_html(publication))

    # -- publishing --------------------------------------------------------------------------------
    def _suggested_folder(self) -> str:
        path = self.ctx.workspace.path
        return str(path.parent if path else Path.home())

    def publish(self):
        from svdesk.services.publish import publish
        from svdesk.ui.common.busy import busy_cursor

        folder = self.ctx.dialogs.choose_folder(self, "Choose a new or empty folder to publish to",
                                                self._suggested_folder())
        if folder is None:
            return None
        try:
            with busy_cursor():
                outcome = publish(self.ctx.workspace, folder, self.chosen_tenders(), self.chosen_indicators(),
                                  self.licence_key(), self.zip_box.isChecked())
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not published", f"{error} Nothing was written.")
            return None
        self.outcome = outcome
        zipped = f" and zipped it as {outcome.zip_path}" if outcome.zip_path else ""
        notes = "".join(f" {warning}" for warning in outcome.warnings)
        self.ctx.dialogs.info(self, "Published",
                              f"Wrote {len(outcome.files)} files to {outcome.folder}{zipped}. Open index.html to see "
                              f"the page; upload the whole folder to your website or a shared drive.{notes}")
        return outcome


def open_publish_dialog(ctx, parent: QWidget | None = None) -> PublishDialog:
    """Opens Publish… through the app's dialogs (replaced in tests); returns the dialog."""
    dialog = PublishDialog(ctx, parent)
    ctx.dialogs.run(dialog)
    return dialog
