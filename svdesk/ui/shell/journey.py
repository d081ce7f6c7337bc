"""The journey on the left: each step's name with its short status underneath.

The list is painted in the window's first frame, so that frame keeps clear of two PySide classes
that are slow to make on first use: the ``Qt`` namespace (about 14 ms: PySide builds all of its
ninety-odd enums at once, and even ``QPainter.setPen`` resolves it) and ``QStyle`` (about 5 ms).
So Qt's own delegate draws each row and its title, with roles and alignment given as Qt's
numbers; the statuses, drawn here and needing both, only arrive after the first paint.
``tests/ui/test_startup_path.py`` keeps this true.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
ALIGN_TOP_LEFT = 0x0001 | 0x0020  # Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
STATUS_ROLE = USER_ROLE + 1
KEY_ROLE = USER_ROLE + 2
_PADDING = 4  # above the title and below the status, in pixels


class JourneyModel(QStandardItemModel):
    def add_step(self, number: int, key: str, title: str) -> None:
        item = QStandardItem(f"{number}. {title}")
        item.setData(key, KEY_ROLE)
        item.setData(ALIGN_TOP_LEFT, TEXT_ALIGNMENT_ROLE)
        bold = QFont()
        bold.setBold(True)
        item.setFont(bold)
        item.setEditable(False)
        self.appendRow(item)

    def set_status(self, row: int, status: str) -> None:
        item = self.item(row)
        item.setData(status, STATUS_ROLE)
        # Screen readers read the tooltip/accessible text: include the status.
        item.setData(f"{item.text()} — {status}" if status else item.text(), ACCESSIBLE_TEXT_ROLE)


class JourneyDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        height = option.fontMetrics.height()
        return QSize(200, int(height * 2.6) + 2 * _PADDING)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # Qt's delegate draws the row: background, selection, focus and the bold title.
        whole = QStyleOptionViewItem(option)
        super().paint(painter, option, index)
        status = index.data(STATUS_ROLE)
        if status:
            self._paint_status(painter, whole, index, status)

    def _paint_status(self, painter, option: QStyleOptionViewItem, index: QModelIndex, status: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QStyle

        view = self.parent()
        selected = view.selectionModel().isSelected(index)
        group = QPalette.ColorGroup.Active if view.isActiveWindow() else QPalette.ColorGroup.Inactive
        # Under the title, where Qt put it (the style adds the padding set on the view).
        text_option = QStyleOptionViewItem(option)
        self.initStyleOption(text_option, index)
        style = view.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, text_option, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1  # as Qt's text
        rect = rect.adjusted(margin, 0, -margin, 0)
        line = option.fontMetrics.height()
        painter.save()
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        painter.setFont(small)
        if selected:
            painter.setPen(option.palette.color(group, QPalette.ColorRole.HighlightedText))
        else:
            from svdesk.ui.common.colours import quiet_text

            painter.setPen(quiet_text(option.palette, QPalette.ColorRole.Base))
        elided = painter.fontMetrics().elidedText(status, Qt.TextElideMode.ElideRight, rect.width())
        top = rect.y() + line + 4
        painter.drawText(QRect(rect.x(), top, rect.width(), line + 2), int(Qt.AlignmentFlag.AlignLeft), elided)
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
        # Room around each step's text, inside its highlight (Qt's delegate honours it). No focus
        # frame inside the highlight (the highlighted step is always the current one); instead the
        # whole list shows when it has the keyboard, by a frame in the theme's highlight colour.
        self.setStyleSheet(f"QListView {{ outline: 0; border: 2px solid transparent; }} "
                           "QListView:focus { border: 2px solid palette(highlight); } "
                           f"QListView::item {{ padding: {_PADDING}px {2 * _PADDING}px; }}")
