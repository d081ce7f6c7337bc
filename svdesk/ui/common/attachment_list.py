"""Files attached to one record (photos, documents, a signed consent form): add, open, remove."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QListView, QPushButton, QVBoxLayout, QWidget

from svdesk.domain.attachments import MAX_ATTACHMENT_BYTES, human_size, too_big
from svdesk.domain.errors import SvdeskError
from svdesk.ui.common.context import PageContext
from svdesk.services.attachments import Owner, attach, detach, files_of, reattach

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def name_inner_buttons(widget: QWidget, name: str) -> None:
    """Qt's own small buttons inside a widget (a table's corner button, a search box's clear
    button) have no text; give them a name a screen reader can say."""
    for button in widget.findChildren(QAbstractButton):
        if not (button.text() or button.accessibleName() or button.toolTip()):
            button.setAccessibleName(name)


def _attachable_size(path: Path) -> int:
    if not path.is_file():
        raise SvdeskError(f"{path.name} is not a file that can be attached (it is a folder or a device).")
    return path.stat().st_size


class AttachmentList(QWidget):
    """The files of (owner_table, owner_id) with one ``role``; ``changed`` after adding/removing."""

    changed = Signal()

    def __init__(self, ctx: PageContext, role: str, name: str, add_text: str = "Add files…",
                 file_filter: str = "All files (*)", parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.role = role
        self.file_filter = file_filter
        self.owner: tuple[Owner, str] | None = None
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(name)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setMaximumHeight(84)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.add_button = QPushButton(add_text)
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName(f"Open the selected file ({name})")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName(f"Remove the selected file ({name})")
        self.undo_button = QPushButton("Undo remove")
        self.undo_button.setAccessibleName(f"Bring back the file just removed ({name})")
        self.undo_button.hide()
        self._removed: str | None = None
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.open_button, self.remove_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button.clicked.connect(self.undo_remove)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_owner(self, owner: Owner | None, owner_id: str | None) -> None:
        self.owner = (owner, owner_id) if owner and owner_id else None
        self._removed = None
        self.undo_button.hide()
        self.reload()

    def reload(self) -> None:
        self.model.clear()
        if self.owner is not None:
            for attachment in files_of(self.ctx.workspace, *self.owner, role=self.role):
                item = QStandardItem(f"{attachment.filename} ({human_size(attachment.size)})")
                item.setData(attachment.id, ID_ROLE)
                item.setToolTip(attachment.note or attachment.filename)
                self.model.appendRow(item)
        self.view.setVisible(self.model.rowCount() > 0)
        self._update_buttons()

    def count(self) -> int:
        return self.model.rowCount()

    def _selected_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount() == 1:
            index = self.model.index(0, 0)
        return index.data(ID_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        writable = self.owner is not None and not self.ctx.workspace.read_only
        self.add_button.setEnabled(writable)
        has = self.model.rowCount() > 0
        self.open_button.setVisible(has)
        self.remove_button.setVisible(has)
        self.remove_button.setEnabled(writable)

    def add_files(self) -> None:
        if self.owner is None:
            return
        paths = self.ctx.dialogs.open_files(self, "Attach files", str(Path.home()), self.file_filter)
        problems = []
        for path in paths:
            try:
                # Checked before reading: a device or pipe would never end, a huge file would fill memory.
                size = _attachable_size(Path(path))
                if size > MAX_ATTACHMENT_BYTES:
                    raise SvdeskError(too_big(Path(path).name, size))
                data = Path(path).read_bytes()
                attach(self.ctx.workspace, *self.owner, Path(path).name, data, role=self.role)
            except OSError as error:
                problems.append(f"{Path(path).name} could not be read ({error.strerror}).")
            except SvdeskError as error:
                problems.append(str(error))
        if problems:
            self.ctx.dialogs.error(self, "Some files were not attached", "\n".join(problems))
        self.reload()
        if paths:
            self.changed.emit()

    def open_selected(self) -> None:
        attachment_id = self._selected_id()
        if not attachment_id:
            return
        try:
            attachment = self.ctx.workspace.attachments.get(attachment_id)
            folder = Path(tempfile.mkdtemp(prefix="svdesk-open-"))
            target = folder / Path(attachment.filename).name
            target.write_bytes(self.ctx.workspace.attachments.read(attachment))
        except (SvdeskError, OSError) as error:
            self.ctx.dialogs.error(self, "Cannot open the file", str(error))
            return
        self.ctx.open_external(str(target))

    def remove_selected(self) -> None:
        attachment_id = self._selected_id()
        if not attachment_id or self.ctx.workspace.read_only:
            return
        try:
            detach(self.ctx.workspace, attachment_id)
        except SvdeskError as error:
            self.ctx.dialogs.error(self, "Not removed", str(error))
            return
        self._removed = attachment_id
        self.undo_button.show()
        self.reload()
        self.changed.emit()

    def undo_remove(self) -> None:
        if self._removed:
            reattach(self.ctx.workspace, self._removed)
        self._removed = None
        self.undo_button.hide()
        self.reload()
        self.changed.emit()
