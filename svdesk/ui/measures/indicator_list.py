"""The list of indicators on the left of the measures page: each name with its progress underneath."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from svdesk.domain.measures import Indicator

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_KEY_ROLE = Qt.ItemDataRole.UserRole + 3
_STATUS_COLOURS = {"on_track": "#1b7f3b", "met": "#1b7f3b", "behind": "#a35a00", "missed": "#b00020"}


class IndicatorListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[tuple[Indicator, str, str]] = []  # indicator, status line, status key

    def set_items(self, items: list[tuple[Indicator, str, str]]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def update_status(self, indicator_id: str, line: str, key: str) -> None:
        for row, (indicator, _line, _key) in enumerate(self.items):
            if indicator.id == indicator_id:
                self.items[row] = (indicator, line, key)
                self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, indicator_id: str | None) -> int:
        return next((row for row, item in enumerate(self.items) if item[0].id == indicator_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        indicator, line, key = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return indicator.name + ("" if indicator.is_active else " (archived)")
        if role == STATUS_ROLE:
            return line
        if role == STATUS_KEY_ROLE:
            return key
        if role == ID_ROLE:
            return indicator.id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{indicator.name}{'' if indicator.is_active else ' (archived)'} — {line}"
        return None


class IndicatorDelegate(QStyledItemDelegate):
    """Name in bold (wrapped over up to two lines), the progress in colour below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        line = option.fontMetrics.height()
        return QSize(220, line * 3 + 18)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        text_colour = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(8, 5, -6, -5)
        line = opt.fontMetrics.height()
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        name_rect = QRect(rect.x(), rect.y(), rect.width(), line * 2 + 2)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(name_rect, int(flags), name)
        status = index.data(STATUS_ROLE) or ""
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.9))
        painter.setFont(small)
        colour = _STATUS_COLOURS.get(index.data(STATUS_KEY_ROLE))
        if selected:
            painter.setPen(text_colour)
        else:  # readable on this theme's list background (the status says it in words too)
            from svdesk.ui.common.colours import on_base, quiet_text

            painter.setPen(on_base(colour, opt.palette) if colour else quiet_text(opt.palette, QPalette.ColorRole.Base))
        elided = opt.fontMetrics.elidedText(status, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.x(), rect.y() + line * 2 + 4, rect.width(), line + 2), int(Qt.AlignmentFlag.AlignLeft), elided)
        painter.restore()


def listing(workspace, with_archived: bool) -> tuple[list, int]:
    """The indicators the list shows, each with its progress line, and how many are archived
    (read on the page's reading thread when the page is shown: each progress reads every reading)."""
    repo = workspace.indicators
    items = []
    for indicator in repo.all() if with_archived else repo.active():
        progress = repo.progress(indicator.id)
        items.append((indicator, progress.short, progress.status))
    return items, len(repo.archived())
