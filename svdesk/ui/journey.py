"""The journey on the left: each step's name with its short status underneath."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class JourneyModel(QStandardItemModel):
    def add_step(self, number: int, key: str, title: str) -> None:
        item = QStandardItem(f"{number}. {title}")
        item.setData(key, KEY_ROLE)
        item.setEditable(False)
        self.appendRow(item)

    def set_status(self, row: int, status: str) -> None:
        item = self.item(row)
        item.setData(status, STATUS_ROLE)
        # Screen readers read the tooltip/accessible text: include the status.
        item.setData(f"{item.text()} — {status}" if status else item.text(), Qt.ItemDataRole.AccessibleTextRole)


class JourneyDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        height = option.fontMetrics.height()
        return QSize(200, int(height * 2.6) + 8)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        main_colour = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(10, 4, -6, -4)
        painter.save()
        title_font = QFont(opt.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(main_colour)
        line = opt.fontMetrics.height()
        painter.drawText(QRect(rect.x(), rect.y(), rect.width(), line + 2), Qt.AlignmentFlag.AlignLeft, text)
        status = index.data(STATUS_ROLE) or ""
        if status:
            small = QFont(opt.font)
            small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.9))
            painter.setFont(small)
            colour = main_colour if selected else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
            painter.setPen(colour)
            elided = opt.fontMetrics.elidedText(status, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRect(rect.x(), rect.y() + line + 4, rect.width(), line + 2), Qt.AlignmentFlag.AlignLeft, elided)
        painter.restore()


class JourneyView(QListView):
    def __init__(self, model: JourneyModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(JourneyDelegate(self))
        self.setAccessibleName("Steps")
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setMinimumWidth(210)
        self.setMaximumWidth(260)
