"""Frameworks…: look at the built-in outcome frameworks, and keep the organisation's own (a
council's priorities, say) — name, short name, source, date and a list of outcomes.

Built-in frameworks are read-only; "Copy to edit" makes an editable copy. Every change is saved
at once (no Save button); deleting is undone with one click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListView,
    QPushButton, QSplitter, QTreeView, QVBoxLayout, QWidget,
)

from svdesk.domain.dates import format_date, parse_user_date
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.domain.frameworks import Framework, Outcome, OutcomeGroup, make_tag, slug
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel, SavingTextEdit
from svdesk.services import statement as statement_services
from svdesk.services.attachments import uses_of_tags

KEY_ROLE = Qt.ItemDataRole.UserRole + 20


def _unique(base: str, taken: set[str]) -> str:
    base = slug(base)
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[:36]}-{number}"
        number += 1
    return candidate


class FrameworksDialog(QDialog):
    def __init__(self, workspace, dialogs, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.dialogs = workspace, dialogs
        self.setWindowTitle("Outcome frameworks")
        self.resize(900, 600)
        self._loading = False
        self._current: Framework | None = None
        self._deleted_id: str | None = None

        self.list_model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.list_model)
        self.list.setAccessibleName("Frameworks")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.new_button = QPushButton("&New…")
        self.copy_button = QPushButton("&Copy to edit")
        self.delete_button = QPushButton("&Delete")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.delete_button):
            row.addWidget(button)
        left_layout.addLayout(row)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.kind_label = HelpLabel("")
        right_layout.addWidget(self.kind_label)
        form = QFormLayout()
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.source = QLineEdit()
        self.published = QLineEdit()
        self.published.setPlaceholderText("e.g. 15 Jan 2026")
        self.note = SavingTextEdit()
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        self.key_label = HelpLabel("")
        for label, widget, help_text in (
            ("&Name", self.name, "In full, as the buyer writes it."),
            ("S&hort name", self.short_name, "Shown before each outcome, e.g. “Council priorities”."),
            ("&Source", self.source, "Where it comes from, e.g. the tender pack or the council's plan."),
            ("&Published", self.published, "When that version was published."),
            ("N&ote", self.note, ""),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", ""))
            if help_text:
                widget.setAccessibleDescription(help_text)
            form.addRow(caption, widget)
        form.addRow("", self.key_label)
        right_layout.addLayout(form)

        outcomes_label = QLabel("O&utcomes")
        self.tree_model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Outcomes")
        outcomes_label.setBuddy(self.tree)
        right_layout.addWidget(outcomes_label)
        right_layout.addWidget(self.tree, 1)
        tools = QHBoxLayout()
        self.add_group_button = QPushButton("Add &group…")
        self.add_outcome_button = QPushButton("&Add outcome…")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move u&p")
        self.down_button = QPushButton("Move do&wn")
        for button in (self.add_group_button, self.add_outcome_button, self.remove_button, self.up_button, self.down_button):
            tools.addWidget(button)
        tools.addStretch()
        right_layout.addLayout(tools)
        right_layout.addWidget(HelpLabel("Double-click (or F2) an outcome to rename it. Renaming keeps the "
                                         "tags that point at it."))
        self.problems = ProblemLabel()
        right_layout.addWidget(self.problems)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([240, 660])
        splitter.setChildrenCollapsible(False)

        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        self.banner_text = QLabel()
        self.undo_button = QPushButton("&Undo")
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.undo_button)
        self.banner.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(HelpLabel(
            "The frameworks buyers use to describe the social value they want. Built-in ones come with "
            "svdesk (with their source and date). Add your own — a council's or funder's priorities, say — "
            "and tag your statement, indicators and tenders with its outcomes."
        ))
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.new_button.clicked.connect(self.new_framework)
        self.copy_button.clicked.connect(self.copy_framework)
        self.delete_button.clicked.connect(self.delete_framework)
        self.undo_button.clicked.connect(self.undo_delete)
        for line in (self.name, self.short_name, self.source, self.published):
            line.editingFinished.connect(self.save)
        self.note.editingFinished.connect(self.save)
        self.tree_model.itemChanged.connect(self._renamed)
        self.add_group_button.clicked.connect(self.add_group)
        self.add_outcome_button.clicked.connect(self.add_outcome)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.reload()

    # -- the list ---------------------------------------------------------------------------------
    def reload(self, select_key: str | None = None) -> None:
        select_key = select_key or (self._current.key if self._current else None)
        self.frameworks = self.workspace.frameworks.all()
        self.list_model.clear()
        for framework in self.frameworks:
            item = QStandardItem(framework.short_name + (" (built in)" if framework.builtin else ""))
            item.setData(framework.key, KEY_ROLE)
            item.setToolTip(f"{framework.name}\n{framework.source}")
            self.list_model.appendRow(item)
        keys = [framework.key for framework in self.frameworks]
        self.select_key(select_key if select_key in keys else (keys[0] if keys else ""))

    def select_key(self, key: str) -> None:
        for row in range(self.list_model.rowCount()):
            if self.list_model.item(row).data(KEY_ROLE) == key:
                self.list.setCurrentIndex(self.list_model.index(row, 0))
                self._show_selected()
                return

    def _selected_framework(self) -> Framework | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        key = index.data(KEY_ROLE)
        return next((framework for framework in self.frameworks if framework.key == key), None)

    def _show_selected(self) -> None:
        framework = self._selected_framework()
        self._current = framework
        self._loading = True
        try:
            self.name.setText(framework.name if framework else "")
            self.short_name.setText(framework.short_name if framework else "")
            self.source.setText(framework.source if framework else "")
            self.source.setCursorPosition(0)
            self.published.setText(format_date(framework.published) if framework and framework.published else "")
            self.note.set_text_quietly(framework.note if framework else "")
            self.key_label.setText(f"Tags from this framework start with “{framework.key}/”." if framework else "")
            self.tree_model.clear()
            for group in framework.groups if framework else ():
                group_item = QStandardItem(group.name)
                group_item.setData(group.key, KEY_ROLE)
                for outcome in group.outcomes:
                    child = QStandardItem(outcome.name)
                    child.setData(outcome.key, KEY_ROLE)
                    group_item.appendRow(child)
                self.tree_model.appendRow(group_item)
            self.tree.expandAll()
        finally:
            self._loading = False
        editable = bool(framework) and not framework.builtin and not self.workspace.read_only
        if framework is None:
            self.kind_label.setText("")
        elif framework.builtin:
            self.kind_label.setText("Built in: svdesk's copy of a published framework. It cannot be changed "
                                    "here; choose “Copy to edit” to make your own version of it.")
        else:
            self.kind_label.setText("Your own framework, kept in this organisation's file. Changes are saved as you make them.")
        for line in (self.name, self.short_name, self.source, self.published):
            line.setReadOnly(not editable)
        self.note.setReadOnly(not editable)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
        for button in (self.add_group_button, self.add_outcome_button, self.remove_button, self.up_button,
                       self.down_button, self.delete_button):
            button.setEnabled(editable)
        writable = not self.workspace.read_only
        self.new_button.setEnabled(writable)
        self.copy_button.setEnabled(writable and framework is not None)
        self.problems.show_problems([])

    # -- widgets -> file --------------------------------------------------------------------------
    def _groups_from_tree(self) -> tuple[OutcomeGroup, ...]:
        groups = []
        for row in range(self.tree_model.rowCount()):
            group = self.tree_model.item(row)
            outcomes = tuple(Outcome(group.child(r).data(KEY_ROLE), group.child(r).text().strip())
                             for r in range(group.rowCount()))
            groups.append(OutcomeGroup(group.data(KEY_ROLE), group.text().strip(), outcomes))
        return tuple(groups)

    def save(self) -> Framework | None:
        framework = self._current
        if self._loading or framework is None or framework.builtin or self.workspace.read_only:
            return None
        published = self.published.text().strip()
        problems = []
        if published:
            day = parse_user_date(published)
            if day is None:
                problems.append(f"“{published}” is not a date svdesk can read; write it like 15 Jan 2026.")
            else:
                published = day.isoformat()
        if problems:
            self.problems.show_problems(problems)
            return None
        candidate = Framework(
            key=framework.key, name=self.name.text(), short_name=self.short_name.text().strip() or self.name.text().strip(),
            source=self.source.text().strip(), published=published, note=self.note.toPlainText().strip(),
            groups=self._groups_from_tree(), builtin=False, id=framework.id,
        )
        try:
            saved = statement_services.save_framework(self.workspace, candidate)
        except ValidationError as error:
            self.problems.show_problems(error.problems)
            return None
        except SvdeskError as error:
            self.dialogs.error(self, "Not saved", str(error))
            return None
        self.problems.show_problems([])
        self._current = saved
        self.frameworks = self.workspace.frameworks.all()
        item = self.list_model.item(self.list.currentIndex().row())
        if item is not None:
            item.setText(saved.short_name)
        return saved

    def _create(self, framework: Framework) -> None:
        try:
            saved = statement_services.save_framework(self.workspace, framework)
        except SvdeskError as error:
            self.dialogs.error(self, "Could not add the framework", str(error))
            return
        self.reload(saved.key)

    def _taken_keys(self) -> set[str]:
        return {framework.key for framework in self.workspace.frameworks.all()}

    def new_framework(self) -> None:
        name = self.dialogs.ask_text(self, "New framework", "Its name (e.g. Our council's priorities 2026–2030):")
        if name is None or not name.strip():
            return
        name = name.strip()
        self._create(Framework(key=_unique(name, self._taken_keys()), name=name, short_name=name,
                               groups=(OutcomeGroup("themes", "Themes", ()),), builtin=False))
        self.name.setFocus()

    def copy_framework(self) -> None:
        framework = self._selected_framework()
        if framework is None:
            return
        self._create(Framework(
            key=_unique(f"{framework.key}-own", self._taken_keys()), name=f"{framework.name} (our copy)",
            short_name=f"{framework.short_name} (ours)", source=framework.source, published=framework.published,
            note=(framework.note + "\n" if framework.note else "") + f"Copied from “{framework.name}”.",
            groups=framework.groups, builtin=False,
        ))

    def delete_framework(self) -> None:
        framework = self._current
        if framework is None or framework.builtin:
            return
        used = self._uses(framework.tags())
        extra = f"\n\n{used} tag{'s' if used != 1 else ''} point at its outcomes; they stay, shown by their key." if used else ""
        if not self.dialogs.confirm(self, "Delete this framework?", f"Delete “{framework.name}”?{extra}", yes="Delete"):
            return
        statement_services.bin_framework(self.workspace, framework.id)
        self._deleted_id = framework.id
        self._current = None
        self.reload()
        self.banner_text.setText(f"Deleted “{framework.name}”.")
        self.banner.show()

    def undo_delete(self) -> None:
        if self._deleted_id:
            statement_services.restore_framework(self.workspace, self._deleted_id)
            restored = next((f for f in self.workspace.frameworks.custom() if f.id == self._deleted_id), None)
            self._deleted_id = None
            self.reload(restored.key if restored else None)
        self.banner.hide()

    # -- outcomes ---------------------------------------------------------------------------------
    def _outcome_keys(self) -> set[str]:
        return {group.data(KEY_ROLE) for group in map(self.tree_model.item, range(self.tree_model.rowCount()))} | {
            outcome.key for group in self._groups_from_tree() for outcome in group.outcomes}

    def add_group(self) -> None:
        name = self.dialogs.ask_text(self, "Add a group", "Group name (e.g. a theme or mission):")
        if name and name.strip():
            item = QStandardItem(name.strip())
            item.setData(_unique(name, self._outcome_keys()), KEY_ROLE)
            self._loading = True
            self.tree_model.appendRow(item)
            self._loading = False
            self.tree.setCurrentIndex(item.index())
            self.save()

    def add_outcome(self) -> None:
        if self.tree_model.rowCount() == 0:
            self.tree_model.appendRow(self._group_item("Themes", "themes"))
        index = self.tree.currentIndex()
        group = self.tree_model.itemFromIndex(index) if index.isValid() else None
        if group is not None and group.parent() is not None:
            group = group.parent()
        group = group or self.tree_model.item(self.tree_model.rowCount() - 1)
        name = self.dialogs.ask_text(self, "Add an outcome", f"Outcome under “{group.text()}”:")
        if name and name.strip():
            child = QStandardItem(name.strip())
            child.setData(_unique(name, self._outcome_keys()), KEY_ROLE)
            self._loading = True
            group.appendRow(child)
            self._loading = False
            self.tree.expandAll()
            self.tree.setCurrentIndex(child.index())
            self.save()

    def _group_item(self, name: str, key: str) -> QStandardItem:
        item = QStandardItem(name)
        item.setData(key, KEY_ROLE)
        return item

    def _uses(self, tags: list[str]) -> int:
        return uses_of_tags(self.workspace, tags)

    def remove_selected(self) -> None:
        index = self.tree.currentIndex()
        item = self.tree_model.itemFromIndex(index) if index.isValid() else None
        if item is None or self._current is None:
            return
        keys = [item.data(KEY_ROLE)] if item.parent() is not None else [item.child(r).data(KEY_ROLE) for r in range(item.rowCount())]
        used = self._uses([make_tag(self._current.key, key) for key in keys])
        if used or item.hasChildren():
            what = f"“{item.text()}”" + (f" and its {item.rowCount()} outcomes" if item.hasChildren() else "")
            extra = (f" {used} tag{'s' if used != 1 else ''} point at {'it' if len(keys) == 1 else 'them'}; "
                     "they stay, shown by their key, until you add it back.") if used else ""
            if not self.dialogs.confirm(self, "Remove?", f"Remove {what}?{extra}", yes="Remove"):
                return
        self._loading = True
        (item.parent() or self.tree_model.invisibleRootItem()).removeRow(item.row())
        self._loading = False
        self.save()

    def move_selected(self, step: int) -> None:
        index = self.tree.currentIndex()
        item = self.tree_model.itemFromIndex(index) if index.isValid() else None
        if item is None:
            return
        parent = item.parent() or self.tree_model.invisibleRootItem()
        row, target = item.row(), item.row() + step
        if not 0 <= target < parent.rowCount():
            return
        self._loading = True
        taken = parent.takeRow(row)
        parent.insertRow(target, taken)
        self._loading = False
        self.tree.expandAll()
        self.tree.setCurrentIndex(taken[0].index())
        self.save()

    def _renamed(self, item: QStandardItem) -> None:
        if self._loading:
            return
        if not item.text().strip():
            self._show_selected()
            self.problems.show_problems(["An outcome or group needs a name; the old one is kept."])
            return
        self.save()
