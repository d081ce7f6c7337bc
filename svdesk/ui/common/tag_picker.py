"""Choosing the outcomes a record speaks to, from every framework, as a checkable tree."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QTreeView, QVBoxLayout, QWidget

from svdesk.domain.frameworks import Framework, make_tag

TAG_ROLE = Qt.ItemDataRole.UserRole + 10


class TagPicker(QWidget):
    """Frameworks > groups > outcomes with check boxes; ``tags_changed`` carries the chosen tags."""

    tags_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter outcomes…")
        self.filter.setAccessibleName("Filter outcomes")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Outcomes this speaks to")
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self._filter)
        self.model.itemChanged.connect(self._item_changed)
        self._quiet = False

    def set_frameworks(self, frameworks: list[Framework], chosen: list[str]) -> None:
        self._quiet = True
        self.model.clear()
        chosen_set = set(chosen)
        for framework in frameworks:
            top = QStandardItem(framework.name)
            top.setEditable(False)
            top.setToolTip(framework.source + ("\n\n" + framework.note if framework.note else ""))
            for group in framework.groups:
                parent = top
                if len(framework.groups) > 1 or group.name not in ("Themes", ""):
                    parent = QStandardItem(group.name)
                    parent.setEditable(False)
                    top.appendRow(parent)
                for outcome in group.outcomes:
                    tag = make_tag(framework.key, outcome.key)
                    item = QStandardItem(outcome.name)
                    item.setEditable(False)
                    item.setCheckable(True)
                    item.setData(tag, TAG_ROLE)
                    item.setCheckState(Qt.CheckState.Checked if tag in chosen_set else Qt.CheckState.Unchecked)
                    parent.appendRow(item)
            self.model.appendRow(top)
        self._quiet = False
        self.tree.expandAll()
        self._collapse_unused(chosen_set)

    def _collapse_unused(self, chosen: set[str]) -> None:
        # Frameworks with nothing chosen start folded, so the chosen outcomes are what you see.
        for row in range(self.model.rowCount()):
            top = self.model.item(row)
            if not any(tag in chosen for tag in self._tags_under(top)):
                self.tree.collapse(self.proxy.mapFromSource(top.index()))

    def _tags_under(self, item: QStandardItem) -> list[str]:
        found = []
        for row in range(item.rowCount()):
            child = item.child(row)
            tag = child.data(TAG_ROLE)
            if tag:
                found.append(tag)
            found += self._tags_under(child)
        return found

    def chosen(self) -> list[str]:
        found = []

        def walk(item: QStandardItem) -> None:
            for row in range(item.rowCount()):
                child = item.child(row)
                if child.data(TAG_ROLE) and child.checkState() == Qt.CheckState.Checked:
                    found.append(child.data(TAG_ROLE))
                walk(child)

        walk(self.model.invisibleRootItem())
        return sorted(found)

    def _item_changed(self, item: QStandardItem) -> None:
        if not self._quiet and item.data(TAG_ROLE):
            self.tags_changed.emit(self.chosen())

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()
