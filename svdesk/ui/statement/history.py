"""History: every agreed version, what it said, and what changed between versions."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QStackedWidget,
    QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date
from svdesk.domain.statement import Statement, StatementVersion
from svdesk.domain.textdiff import Piece, change_summary, word_diff
from svdesk.domain.words import count_words
from svdesk.ui.common.rows_model import RowsTableModel
from svdesk.ui.common.widgets import HelpLabel
from svdesk.ui.common.colours import GOOD, PROBLEM, themed

DRAFT = "draft"


class VersionsModel(RowsTableModel):
    HEADERS = ("Version", "Agreed", "By", "Words")

    @property
    def versions(self) -> list[StatementVersion]:
        return self.rows

    def set_versions(self, versions: list[StatementVersion]) -> None:
        self.set_rows(versions)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        version = self.versions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{version.number}" + (" (current)" if index.row() == 0 else ""),
                format_date(version.agreed_on), version.agreed_by, str(count_words(version.full_text)),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return version.label + (f"\n{version.note}" if version.note else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _plain(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def diff_html(pieces: list[Piece]) -> str:
    out = []
    for index, piece in enumerate(pieces):
        text = _plain(piece.text)
        if index and piece.kind == "added" and pieces[index - 1].kind == "removed" and not piece.text[:1].isspace():
            out.append(" ")  # so "old" and "new" do not run together on screen
        # Marked in words as well as colour: a reader, or someone who does not see the colours,
        # still knows what changed ("[added: …]", "[removed: …]").
        if piece.kind == "added":
            out.append(f"<span style='color:{themed(GOOD, on_lists=True)}; text-decoration:underline'>"
                       f"<b>[added:</b> {text}<b>]</b></span>")
        elif piece.kind == "removed":
            out.append(f"<span style='color:{themed(PROBLEM, on_lists=True)}'><b>[removed:</b> "
                       f"<s>{text}</s><b>]</b></span>")
        else:
            out.append(text)
    return "".join(out)


class HistoryPanel(QWidget):
    copy_requested = Signal(str)
    withdraw_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._draft = Statement()
        self.model = VersionsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Agreed versions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setCornerButtonEnabled(False)
        for corner in self.table.findChildren(QAbstractButton):
            corner.setAccessibleName("Select all versions")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.copy_button = QPushButton("&Copy into draft")
        self.copy_button.setToolTip("Start the draft again from this version (the current draft can be brought back)")
        self.withdraw_button = QPushButton("With&draw agreement…")
        self.withdraw_button.setToolTip("Only for the latest version, e.g. when it was marked as agreed by mistake")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(HelpLabel(
            "Choose a version to read it as it was agreed, and compare it with another version or with the "
            "current draft. Exports always use the current (latest) version."
        ))
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch()
        left_layout.addLayout(buttons)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        compare_row = QHBoxLayout()
        compare_label = QLabel("Co&mpare with")
        self.compare = QComboBox()
        self.compare.setAccessibleName("Compare with")
        compare_label.setBuddy(self.compare)
        compare_row.addWidget(compare_label)
        compare_row.addWidget(self.compare, 1)
        right_layout.addLayout(compare_row)
        self.summary = HelpLabel("")
        self.summary.setAccessibleDescription("Changes")
        right_layout.addWidget(self.summary)
        self.viewer = QTextBrowser()
        self.viewer.setAccessibleName("Version text")
        self.viewer.setOpenLinks(False)
        right_layout.addWidget(self.viewer, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_title = QLabel("Nothing agreed yet")
        font = empty_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        empty_title.setFont(font)
        empty_title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        empty_text = HelpLabel(
            "When your board or team agrees the statement, choose “Mark as agreed…” at the top of the page. "
            "Each agreed version is kept here with its date and who agreed it, so you can see how the "
            "statement changed over the years."
        )
        empty_text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        empty_text.setFixedWidth(460)
        # Word-wrapped labels need the layout to ask for their height at their width; an aligned
        # item does not, so centre it between stretches instead.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(empty_text)
        centred.addStretch(1)
        empty_layout.addWidget(empty_title)
        empty_layout.addLayout(centred)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.stack)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.compare.currentIndexChanged.connect(lambda *_: self._show())
        self.copy_button.clicked.connect(lambda: self._emit(self.copy_requested))
        self.withdraw_button.clicked.connect(lambda: self._emit(self.withdraw_requested))
        self._read_only = False

    # -- state ------------------------------------------------------------------------------------
    def set_history(self, versions: list[StatementVersion], draft: Statement, read_only: bool = False) -> None:
        selected = self.selected()
        self._draft = draft
        self._read_only = read_only
        self.model.set_versions(versions)
        has = bool(versions)
        self.stack.setCurrentIndex(1 if has else 0)
        row = next((i for i, v in enumerate(versions) if selected and v.id == selected.id), 0)
        if has:
            self.table.selectRow(row)
        self._selected()

    def selected(self) -> StatementVersion | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.versions):
            return None
        return self.model.versions[index.row()]

    def select_version(self, number: int) -> None:
        for row, version in enumerate(self.model.versions):
            if version.number == number:
                self.table.selectRow(row)

    def choose_comparison(self, data: str) -> None:
        index = self.compare.findData(data)
        if index >= 0:
            self.compare.setCurrentIndex(index)

    def _emit(self, signal) -> None:
        version = self.selected()
        if version is not None:
            signal.emit(version.id)

    def _selected(self) -> None:
        version = self.selected()
        previous = self.compare.currentData()
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem("Nothing — show this version", "")
        if version is not None:
            if not version.same_text(self._draft.full_text, self._draft.short_text) and self._draft.full_text.strip():
                self.compare.addItem("The current draft", DRAFT)
            for other in self.model.versions:
                if other.id != version.id:
                    self.compare.addItem(other.title, other.id)
        index = self.compare.findData(previous)
        self.compare.setCurrentIndex(index if index >= 0 else 0)
        self.compare.blockSignals(False)
        self.compare.setEnabled(version is not None and self.compare.count() > 1)
        latest = self.model.versions[0] if self.model.versions else None
        self.copy_button.setEnabled(version is not None and not self._read_only)
        self.withdraw_button.setEnabled(version is not None and latest is not None and version.id == latest.id
                                        and not self._read_only)
        self._show()

    def _show(self) -> None:
        version = self.selected()
        if version is None:
            self.viewer.clear()
            self.summary.setText("")
            return
        other_key = self.compare.currentData() or ""
        head = (f"<h3>Version {version.number}</h3><p>{_plain(version.label)}"
                + (f"<br><i>{_plain(version.note)}</i>" if version.note else "") + "</p>")
        if not other_key:
            self.summary.setText("")
            body = (f"<p><b>Statement</b></p><p>{_plain(version.full_text)}</p>"
                    f"<p><b>One-sentence version</b></p><p>{_plain(version.short_text)}</p>")
            self.viewer.setHtml(head + body)
            return
        if other_key == DRAFT:
            old_full, old_short, new_full, new_short = (version.full_text, version.short_text,
                                                        self._draft.full_text, self._draft.short_text)
            what = f"From version {version.number} to the current draft"
        else:
            other = next(v for v in self.model.versions if v.id == other_key)
            older, newer = sorted((version, other), key=lambda v: v.number)
            old_full, old_short, new_full, new_short = (older.full_text, older.short_text,
                                                        newer.full_text, newer.short_text)
            what = f"From version {older.number} to version {newer.number}"
        full = word_diff(old_full, new_full)
        short = word_diff(old_short, new_short)
        changes = change_summary(full + short)
        self.summary.setText(f"{what}: {changes[0].lower()}{changes[1:]}. "
                             "Added words are marked [added: …] and underlined; removed words [removed: …] and struck through.")
        body = (f"<p><b>Statement</b></p><p>{diff_html(full)}</p>"
                f"<p><b>One-sentence version</b></p><p>{diff_html(short)}</p>")
        self.viewer.setHtml(head + body)
