"""The CIC34 page's records for one year: directors' pay, asset transfers and dividends, each an
editable table (a Qt item model over the repository), with add, remove (undoable) and more."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from svdesk.domain.cic34 import format_pounds, parse_pounds
from svdesk.domain.errors import SvdeskError, ValidationError
from svdesk.ui.common.widgets import HelpLabel, ProblemLabel
from svdesk.ui.cic34.none_box import NoneThisYear
from svdesk.services import cic34 as cic34_services


@dataclass(frozen=True)
class Column:
    title: str
    field: str
    money: bool = False
    help: str = ""


class RecordsModel(QAbstractTableModel):
    """Rows are domain records; editing a cell saves through ``update(id, **{field: value})``.
    A refused value is reported through ``problem`` and the row keeps its saved value."""

    problem = Signal(str)
    saved = Signal()

    def __init__(self, columns: list[Column], update: Callable, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._update = update
        self.records: list = []
        self.read_only = False

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].help or None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = self.columns[index.column()]
        value = getattr(record, column.field)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.money:
                return format_pounds(value) if value is not None else "—"
            return value
        if role == Qt.ItemDataRole.EditRole:
            if column.money:
                return "" if value is None else format_pounds(value)
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and column.money:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.help or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = format_pounds(value) if column.money and value is not None else (value or "empty")
            return f"{column.title}: {shown}"
        return None

    def flags(self, index):
        base = super().flags(index)
        if self.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        record = self.records[index.row()]
        column = self.columns[index.column()]
        try:
            new = parse_pounds(str(value)) if column.money else str(value)
            if new == getattr(record, column.field):
                return True
            updated = self._update(record.id, **{column.field: new})
        except ValidationError as error:
            self.problem.emit(" ".join(error.problems))
            return False
        except SvdeskError as error:
            self.problem.emit(str(error))
            return False
        self.records[index.row()] = updated
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1))
        self.problem.emit("")
        self.saved.emit()
        return True


class RecordsTable(QWidget):
    """A titled table of one kind of record with Add / Remove / Undo."""

    changed = Signal()

    def __init__(self, title: str, help_text: str, columns: list[Column], add_label: str, parent=None):
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 10)
        heading = QLabel(f"<b>{title}</b>")
        heading.setAccessibleName(title)
        layout.addWidget(heading)
        layout.addWidget(HelpLabel(help_text))
        self.model = RecordsModel(columns, self._update)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setCornerButtonEnabled(False)
        for corner in self.view.findChildren(QAbstractButton):  # Qt's "select all" corner button
            corner.setAccessibleName(f"{title}: select all")
        header = self.view.horizontalHeader()
        for number, column in enumerate(columns):
            mode = QHeaderView.ResizeMode.ResizeToContents if column.money else QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(number, mode)
        layout.addWidget(self.view)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(f"{title}: none")
        layout.addWidget(self.empty)
        self.problems = ProblemLabel()
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_label)
        self.remove_button = QPushButton("&Remove")
        self.undo_button = QPushButton("&Undo remove")
        self.undo_button.hide()
        self.extra = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addLayout(self.extra)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.model.problem.connect(self._show_problem)
        self.model.saved.connect(self.changed.emit)
        self.remove_button.clicked.connect(self._remove)
        self.undo_button.clicked.connect(self._undo)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        # Set by the owner: repository calls for this kind of record.
        self.updater: Callable | None = None
        self.remover: Callable | None = None
        self.restorer: Callable | None = None
        self.describe: Callable = lambda record: "the row"
        self._removed: tuple[str, str] | None = None
        self.empty_text = ""

    def _update(self, record_id: str, **changes):
        return self.updater(record_id, **changes)

    def _show_problem(self, text: str) -> None:
        self.problems.show_problems([text] if text else [])

    def set_records(self, records: list, read_only: bool = False) -> None:
        self.model.read_only = read_only
        self.model.set_records(records)
        rows = len(records)
        self.view.setVisible(rows > 0)
        # Tall enough for every row (the page scrolls, not the table).
        height = self.view.horizontalHeader().height() + 4
        for row in range(rows):
            self.view.resizeRowToContents(row)
            height += self.view.rowHeight(row)
        self.view.setFixedHeight(height + 2)
        self.empty.setText(self.empty_text)
        self.empty.setVisible(rows == 0 and bool(self.empty_text))
        self.add_button.setEnabled(not read_only)
        self._update_buttons()

    def selected_record(self):
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            current = self.view.currentIndex()
            return self.model.records[current.row()] if current.isValid() else None
        return self.model.records[rows[0].row()]

    def select_last(self) -> None:
        row = self.model.rowCount() - 1
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.setFocus()

    def edit_last(self, column: int = 0) -> None:
        row = self.model.rowCount() - 1
        if row >= 0:
            index = self.model.index(row, column)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(not self.model.read_only and self.selected_record() is not None)

    def _remove(self) -> None:
        record = self.selected_record()
        if record is None or self.remover is None:
            return
        try:
            self.remover(record.id)
        except SvdeskError as error:
            self._show_problem(str(error))
            return
        self._removed = (record.id, self.describe(record))
        self.undo_button.setText(f"&Undo: bring back {self._removed[1]}")
        self.undo_button.show()
        self.changed.emit()

    def _undo(self) -> None:
        if self._removed and self.restorer:
            self.restorer(self._removed[0])
        self._removed = None
        self.undo_button.hide()
        self.changed.emit()

    def forget_undo(self) -> None:
        self._removed = None
        self.undo_button.hide()



class YearRecords(QWidget):
    """Directors' pay, transfers and dividends of one year, for the CIC34 page."""

    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year = None
        self.previous = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.consultation_none = NoneThisYear(ctx, "consultation")
        layout.addWidget(self.consultation_none)
        self.pay = RecordsTable(
            "Directors' remuneration (Part 3)",
            "Every director, with what they were paid in the year — £0 for an unpaid director — or, "
            "instead of an amount, the note in your accounts that gives it (e.g. “note 7 to the accounts”).",
            [Column("Director", "director"), Column("Paid in the year", "amount_pence", money=True,
                                                     help="In pounds, e.g. 24000 or £24,000; 0 if unpaid"),
             Column("Or see the accounts", "accounts_note", help="e.g. note 7 to the accounts")],
            "&Add a director…")
        self.copy_button = QPushButton("&Copy last year's directors")
        self.pay.extra.addWidget(self.copy_button)
        self.pay.empty_text = "No directors listed: list them, or tick “none this year” below."
        layout.addWidget(self.pay)
        self.pay_none = NoneThisYear(ctx, "pay")
        layout.addWidget(self.pay_none)

        self.transfers = RecordsTable(
            "Transfers of assets other than for full consideration (Part 4)",
            "Anything the company gave away or sold for less than it was worth: to whom, what, and its value. "
            "Most CICs have none.",
            [Column("To whom", "recipient"), Column("What", "what"),
             Column("Value", "value_pence", money=True, help="In pounds, e.g. 1440 or £1,440")],
            "Add a &transfer…")
        self.transfers.empty_text = "No transfers listed: Part 4 gives the nil statement once you tick below."
        layout.addWidget(self.transfers)
        self.transfers_none = NoneThisYear(ctx, "transfers")
        layout.addWidget(self.transfers_none)

        self.dividends = RecordsTable(
            "Dividends (CICs limited by shares)",
            "Dividends declared or paid in the year. The report lists this year's and the four years before, "
            "so enter earlier years under those years.",
            [Column("Amount", "amount_pence", money=True), Column("Description", "description")],
            "Add a &dividend…")
        self.dividends.empty_text = "No dividends recorded for this year."
        layout.addWidget(self.dividends)
        self.dividends_none = NoneThisYear(ctx, "dividends")
        layout.addWidget(self.dividends_none)
        self.not_shares = HelpLabel("Only CICs limited by shares report dividends; your profile says you are not one.")
        layout.addWidget(self.not_shares)
        layout.addStretch()

        ws, cs = ctx.workspace, cic34_services
        self.pay.updater, self.pay.remover, self.pay.restorer = (
            lambda record_id, **changes: cs.update_pay(ws, record_id, **changes),
            lambda record_id: cs.remove_pay(ws, record_id), lambda record_id: cs.restore_pay(ws, record_id))
        self.pay.describe = lambda record: record.director
        self.transfers.updater, self.transfers.remover, self.transfers.restorer = (
            lambda record_id, **changes: cs.update_transfer(ws, record_id, **changes),
            lambda record_id: cs.remove_transfer(ws, record_id), lambda record_id: cs.restore_transfer(ws, record_id))
        self.transfers.describe = lambda record: f"the transfer to {record.recipient}"
        self.dividends.updater, self.dividends.remover, self.dividends.restorer = (
            lambda record_id, **changes: cs.update_dividend(ws, record_id, **changes),
            lambda record_id: cs.remove_dividend(ws, record_id), lambda record_id: cs.restore_dividend(ws, record_id))
        self.dividends.describe = lambda record: "the dividend"
        for table in (self.pay, self.transfers, self.dividends):
            table.changed.connect(self._changed)
        for box in (self.consultation_none, self.pay_none, self.transfers_none, self.dividends_none):
            box.changed.connect(self._changed)
        self.pay.add_button.clicked.connect(self.add_director)
        self.copy_button.clicked.connect(self.copy_directors)
        self.transfers.add_button.clicked.connect(self.add_transfer)
        self.dividends.add_button.clicked.connect(self.add_dividend)

    def _changed(self) -> None:
        self.refresh()
        self.changed.emit()

    def set_year(self, year, previous) -> None:
        if year != self.year:
            for table in (self.pay, self.transfers, self.dividends):
                table.forget_undo()
                table.problems.show_problems([])
        self.year, self.previous = year, previous
        self.refresh()

    def refresh(self) -> None:
        if self.year is None or self.ctx.workspace.file.is_closed:
            return
        repo = self.ctx.workspace.cic34
        read_only = self.ctx.workspace.read_only
        end = self.year.end
        self.pay.set_records(repo.pay(end), read_only)
        self.transfers.set_records(repo.transfers(end), read_only)
        self.dividends.set_records(repo.dividends(end), read_only)
        logged = self.ctx.workspace.consultations.any_between(self.year.start, self.year.end)
        self.consultation_none.set_year(end, logged, read_only)
        for box, table in ((self.pay_none, self.pay), (self.transfers_none, self.transfers),
                           (self.dividends_none, self.dividends)):
            box.set_year(end, bool(table.model.records), read_only)
        earlier = repo.pay(self.previous.end) if self.previous else []
        listed = {" ".join(item.director.split()).casefold() for item in self.pay.model.records}
        missing = [item for item in earlier if " ".join(item.director.split()).casefold() not in listed]
        self.copy_button.setVisible(bool(missing) and not read_only)
        self.copy_button.setText(f"&Copy {self.previous.label} directors" if self.previous else "")
        from svdesk.domain.organisation import LegalForm

        shares = self.ctx.workspace.organisation.get().legal_form is LegalForm.CIC_SHARES
        self.dividends.setVisible(shares or bool(self.dividends.model.records))
        self.not_shares.setVisible(not self.dividends.isVisible())
        if self.dividends.isHidden():
            self.dividends_none.setVisible(False)

    def _ask(self, title: str, label: str) -> str | None:
        text = self.ctx.dialogs.ask_text(self, title, label)
        if text is None or not text.strip():
            return None
        return text

    def add_director(self) -> None:
        name = self._ask("Add a director", "The director's full name:")
        if name is None:
            return
        try:
            cic34_services.add_pay(self.ctx.workspace, self.year.end, name)
        except SvdeskError as error:
            self.pay.problems.show_problems([str(error)])
            return
        self._changed()
        self.pay.edit_last(1)  # straight on to the amount

    def copy_directors(self) -> None:
        added = cic34_services.copy_directors(self.ctx.workspace, self.previous.end, self.year.end)
        if not added:
            self.pay.problems.show_problems([f"Every {self.previous.label} director is already listed."])
        self._changed()

    def add_transfer(self) -> None:
        name = self._ask("Add a transfer", "Who received the assets (a person or an organisation)?")
        if name is None:
            return
        try:
            cic34_services.add_transfer(self.ctx.workspace, self.year.end, name)
        except SvdeskError as error:
            self.transfers.problems.show_problems([str(error)])
            return
        self._changed()
        self.transfers.edit_last(1)

    def add_dividend(self) -> None:
        text = self._ask("Add a dividend", "The amount declared or paid, in pounds (e.g. 1200):")
        if text is None:
            return
        try:
            amount = parse_pounds(text) or 0
            cic34_services.add_dividend(self.ctx.workspace, self.year.end, amount)
        except ValidationError as error:
            self.dividends.problems.show_problems(error.problems)
            return
        except SvdeskError as error:
            self.dividends.problems.show_problems([str(error)])
            return
        self._changed()

    def focus(self, target: str) -> None:
        if target == "consultation":
            self.consultation_none.setFocus()
            return
        table = {"directors": self.pay, "transfers": self.transfers, "dividends": self.dividends}.get(target)
        if table is not None:
            table.view.setFocus() if table.view.isVisible() else table.add_button.setFocus()
