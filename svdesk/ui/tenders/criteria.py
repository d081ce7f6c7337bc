"""What the buyer will score, beside the draft: each evaluation criterion the question quotes,
whether the records cover it (covered, thin, missing, or "check" when svdesk cannot tell) and,
for the one selected, why and which records cover it. A list the keyboard reaches (Tab, then the
arrows), each row read out whole by a screen reader."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeView, QVBoxLayout, QWidget

from svdesk.ui.common.colours import GOOD, PROBLEM, QUIET, WARNING, themed

STATUS_LABELS = {"covered": "Covered", "thin": "Thin", "missing": "Missing", "check": "Check"}
STATUS_COLOURS = {"covered": GOOD, "thin": WARNING, "missing": PROBLEM, "check": QUIET}


class CriteriaModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.criteria: tuple = ()

    def set_criteria(self, criteria) -> None:
        self.beginResetModel()
        self.criteria = tuple(criteria)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.criteria)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.criteria):
            return None
        item = self.criteria[index.row()]
        status = STATUS_LABELS.get(item.status, item.status)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{status} — {item.text}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{status}: {item.text}. {item.reason}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(item)
        if role == Qt.ItemDataRole.ForegroundRole and item.status in STATUS_COLOURS:
            return QColor(themed(STATUS_COLOURS[item.status], on_lists=True))
        return None


def describe(item) -> str:
    """The buyer's words in full, the reason, and the records that cover it."""
    by = f"\nCovered by: {'; '.join(item.by)}." if item.by else ""
    return f"“{item.text}”\n{STATUS_LABELS.get(item.status, item.status)}: {item.reason}{by}"


class CriteriaPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        caption = QLabel("What the buyer will score")
        bold = caption.font()
        bold.setBold(True)
        caption.setFont(bold)
        self.model = CriteriaModel(self)
        self.view = QTreeView()
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("What the buyer will score")
        self.view.setAccessibleDescription("The question's evaluation criteria, each covered, thin or missing")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("Why, and which records cover it")
        caption.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.view)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.hide()

    def set_criteria(self, criteria) -> None:
        """Shows the criteria (the panel hides when the question quotes none)."""
        self.model.set_criteria(criteria)
        self.setVisible(bool(criteria))
        # As tall as its rows (up to eight), so the explanation below stays in sight.
        rows = min(len(criteria), 8)
        row_height = self.view.sizeHintForRow(0) if criteria else 0
        self.view.setFixedHeight(max(row_height * rows, 20) + 2 * self.view.frameWidth() + 2)
        if criteria:
            # The first one not covered is what the person most needs to see.
            first = next((i for i, c in enumerate(criteria) if c.status != "covered"), 0)
            self.view.setCurrentIndex(self.model.index(first))
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.view.currentIndex().row()
        self.detail.setText(describe(self.model.criteria[row]) if 0 <= row < len(self.model.criteria) else "")
