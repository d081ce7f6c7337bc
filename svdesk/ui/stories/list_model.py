"""The story list: a lazy table model over a search result.

A search reads one page of ids at a time, in the list's order (``LIMIT``/``OFFSET`` over the
list's own index), and the rows the list shows in windows of ``BATCH`` as the view scrolls (Qt
asks through ``canFetchMore``/``fetchMore``). How many match is counted by SQLite up to
``COUNT_CAP``: a common word matches every story, and "more than 1,000" is all a person needs.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from svdesk.domain.consent import ConsentState
from svdesk.domain.stories import StorySummary
from svdesk.store.stories_search import StoryFilter
from svdesk.ui.common.colours import PROBLEM, WARNING, themed

BATCH = 64  # rows read per window: a screenful or two
COUNT_CAP = 1000  # stories counted exactly; past it the page says "more than"
COLUMNS = ("Date", "Title", "Consent", "Status", "Used")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY, _ACCESSIBLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
_TIP, _FOREGROUND, _FONT = (int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.ForegroundRole),
                            int(Qt.ItemDataRole.FontRole))
_ALIGNMENT, _ID = int(Qt.ItemDataRole.TextAlignmentRole), int(ID_ROLE)
_ANSWERED = frozenset({_DISPLAY, _ACCESSIBLE, _TIP, _FOREGROUND, _FONT, _ALIGNMENT, _ID})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_STATE_SHORT = {
    ConsentState.NONE: "Needs consent",
    ConsentState.CURRENT: "Given",
    ConsentState.EXPIRED: "Expired",
    ConsentState.WITHDRAWN: "Withdrawn",
}


class StoryListModel(QAbstractTableModel):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self._query, self._filters = "", None
        self._total = 0
        self._exhausted = True  # nothing searched yet
        self._rows: list[StorySummary] = []
        self.fetched_batches = 0  # how many windows were read (the benchmark reports it)

    # -- loading ----------------------------------------------------------------------------------
    def search(self, query: str = "", filters: StoryFilter | None = None) -> None:
        self.show_found(query, filters, first_window(self.repo, query, filters))

    def show_found(self, query: str, filters: StoryFilter | None,
                   found: tuple[int, list[StorySummary], bool]) -> None:
        """Shows a search's count and first window, read here or on another thread (first_window)."""
        total, rows, exhausted = found
        self.beginResetModel()
        self._query, self._filters = query, filters
        self._rows = list(rows)
        self._exhausted = exhausted
        self.fetched_batches = 1 if rows else 0
        self._total = total
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many stories match (loaded or not), counted up to COUNT_CAP + 1."""
        return self._total

    @property
    def total_is_capped(self) -> bool:
        """True when more than COUNT_CAP match (``total`` then stops counting)."""
        return self._total > COUNT_CAP

    @property
    def loaded(self) -> int:
        return len(self._rows)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        start = len(self._rows)
        window = self.repo.search_ids(self._query, self._filters, limit=BATCH, offset=start)
        rows = self.repo.summaries(window)
        self._exhausted = len(window) < BATCH
        if not rows:
            self._exhausted = True
            return
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.fetched_batches += 1
        self.endInsertRows()

    def row_of(self, story_id: str, position: int | None | bool = False) -> int | None:
        """The row showing ``story_id``, loading windows up to it if needed (None: not listed).
        ``position`` is its place in the search when already known (first_window's reader)."""
        if position is False:
            position = self.repo.position_of(story_id, self._query, self._filters)
        if position is None:
            return None
        while position >= len(self._rows) and self.canFetchMore():
            self.fetchMore()
        if position < len(self._rows) and self._rows[position].id == story_id:
            return position
        return next((row for row, summary in enumerate(self._rows) if summary.id == story_id), None)

    def story_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def refresh_story(self, story_id: str) -> None:
        """Re-reads one row after its story changed."""
        for row, summary in enumerate(self._rows):
            if summary.id == story_id:
                fresh = self.repo.summaries([story_id])
                if fresh:
                    self._rows[row] = fresh[0]
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return

    # -- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=_DISPLAY):
        # Asked for every role of every cell at each paint and column fit (2,700 calls as the page
        # is shown): roles are compared as plain numbers (naming Qt's enum costs a lookup each time).
        if role not in _ANSWERED or not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY or role == _ACCESSIBLE:
            return self._text(summary, column)
        if role == _ID:
            return summary.id
        if role == _TIP:
            return f"{summary.title or '(untitled)'} — {summary.date_text}\n{summary.consent_state.label}" + (
                f"\nUsed in {summary.use_count} document{'s' if summary.use_count != 1 else ''}" if summary.use_count else "")
        if role == _FOREGROUND and column == 2:
            if summary.consent_state is ConsentState.WITHDRAWN:
                return QColor(themed(PROBLEM, on_lists=True))
            if summary.consent_state in (ConsentState.NONE, ConsentState.EXPIRED):
                return QColor(themed(WARNING, on_lists=True))
        if role == _FONT and column == 1 and summary.status == "draft":
            font = QFont()
            font.setItalic(True)
            return font
        if role == _ALIGNMENT and column == 4:
            return _RIGHT
        return None

    @staticmethod
    def _text(summary: StorySummary, column: int) -> str:
        if column == 0:
            return summary.date_text
        if column == 1:
            return summary.title or "(untitled)"
        if column == 2:
            return _STATE_SHORT[summary.consent_state]
        if column == 3:
            return "Draft" if summary.status == "draft" else "Ready"
        return str(summary.use_count) if summary.use_count else ""


def first_window(repo, query: str, filters: StoryFilter | None) -> tuple[int, list[StorySummary], bool]:
    """How many stories match (counted up to COUNT_CAP + 1), the first window of them, and
    whether that was all of them."""
    total = repo.count_matches(query, filters, cap=COUNT_CAP + 1)
    window = repo.search_ids(query, filters, limit=BATCH, offset=0)
    rows = repo.summaries(window)
    return total, rows, len(window) < BATCH or not rows
