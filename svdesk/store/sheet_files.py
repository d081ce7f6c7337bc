"""Reading a .csv or .xlsx file into rows of cells, within limits checked before and while reading.

A spreadsheet comes from anywhere: a 2 KB workbook can claim a million rows, a 300 KB one can
unpack to 300 MB of text, and its XML can carry entity tricks. So the file's size (and an .xlsx's
zip directory: unpacked sizes, compression ratio, XML declarations) is checked before anything is
parsed; the parse then streams (openpyxl's read-only mode, with the sheet's own claimed size
ignored) and stops at the first limit. Every refusal is one plain sentence (``SvdeskError``).
openpyxl is imported only when an .xlsx file is read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from svdesk.domain.errors import SvdeskError
from svdesk.store.safe_paths import require_regular_file

MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767            # Excel's own limit for one cell
MAX_TEXT_CHARS = 20_000_000        # all the cells together
MAX_CSV_BYTES = 64 * 1024 * 1024
MAX_XLSX_BYTES = 64 * 1024 * 1024  # the .xlsx file itself
MAX_PART_BYTES = 64 * 1024 * 1024  # one part of an .xlsx, unpacked
MAX_UNPACKED_BYTES = 160 * 1024 * 1024
MAX_PARTS = 2_000
MAX_RATIO = 200                    # unpacked/packed; real workbooks stay far below
# Cells openpyxl hands over, counting the empty ones it fills in before a far-right cell.
MAX_CELLS_SEEN = 5_000_000
_XML_TRAPS = (b"<!doctype", b"<!entity")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def read_sheet(path: Path, worksheet: str | None = None) -> list[list]:
    """The cells of a .csv or .xlsx file as rows (first worksheet unless one is named); a file past
    any limit (rows, columns, cell size, all text, bytes) is refused whole."""
    path = Path(path)
    if not path.exists():
        raise SvdeskError(f"There is no file {path}.")
    require_regular_file(path, "spreadsheet")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, worksheet)
    if suffix in (".xls", ".ods", ".numbers"):
        raise SvdeskError(f"{path.name}: save it as .xlsx (Excel workbook) or .csv first; svdesk reads those two.")
    return _read_csv(path)


class _Budget:
    """Counts rows and text as they are read, and refuses the first cell or row past a limit."""

    def __init__(self, name: str):
        self.name, self.text = name, 0

    def row(self, number: int, cells: list) -> list:
        if number > MAX_ROWS:
            raise SvdeskError(f"{self.name} has more than {MAX_ROWS:,} rows (counting empty ones before its last "
                              f"row); svdesk imports at most {MAX_ROWS:,} at a time. Split it into smaller files.")
        while cells and cells[-1] in (None, ""):
            cells.pop()     # empty cells at the end of a row are not columns anyone filled in
        if len(cells) > MAX_COLUMNS:
            raise SvdeskError(f"{self.name}: row {number} has {len(cells):,} columns; svdesk reads at most "
                              f"{MAX_COLUMNS} (an import needs only Period, Value and a few more).")
        for column, cell in enumerate(cells, start=1):
            if isinstance(cell, str):
                if len(cell) > MAX_CELL_CHARS:
                    raise SvdeskError(f"{self.name}: row {number}, column {_column_letter(column)} holds "
                                      f"{len(cell):,} characters; a cell can hold at most {MAX_CELL_CHARS:,} "
                                      "(as in Excel).")
                self.text += len(cell)
        if self.text > MAX_TEXT_CHARS:
            raise SvdeskError(f"{self.name} holds more than {MAX_TEXT_CHARS:,} characters of text by row {number}; "
                              "that is far more than a sheet of readings. Split it into smaller files.")
        return cells


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- CSV ------------------------------------------------------------------------------------------------
def _read_csv(path: Path) -> list[list]:
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise SvdeskError(f"{path.name} is {_mb(size)}; svdesk imports sheets of at most {_mb(MAX_CSV_BYTES)}. "
                              "Split it into smaller files.")
        raw = path.read_bytes()
    except OSError as error:
        raise SvdeskError(f"{path.name} could not be read ({error.strerror}).") from None
    if b"\x00" in raw:
        raise SvdeskError(f"{path.name} is not a text (CSV) file.")
    text = _decode(path.name, raw)
    # The delimiter is guessed from the heading row alone: cells below may hold tabs, commas or
    # semicolons of their own (a note starting with a tab, neutralised on export) and mislead it.
    sample = text.lstrip().split("\n", 1)[0][:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    budget, rows = _Budget(path.name), []
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for row in reader:
            rows.append(budget.row(len(rows) + 1, row))
    except csv.Error as error:
        # The csv module's own limit is a field of 131,072 characters; anything else is a broken quote.
        if "field larger than field limit" in str(error):
            raise SvdeskError(f"{path.name}: a cell on line {reader.line_num:,} is longer than 131,072 characters; "
                              f"a cell can hold at most {MAX_CELL_CHARS:,} (as in Excel).") from None
        raise SvdeskError(f"{path.name} could not be read as CSV near line {reader.line_num:,} "
                          "(a quote mark may be missing).") from None
    return rows


def _decode(name: str, raw: bytes) -> str:
    """UTF-8 (as 'CSV UTF-8' saves), else Windows Western text (as older Excel saves)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SvdeskError(f"{name} is not saved as UTF-8 or Windows text: byte 0x{raw[error.start]:02X} on line "
                          f"{line:,} is not a letter in either. Save it from Excel as 'CSV UTF-8' and try again."
                          ) from None


# -- Excel ------------------------------------------------------------------------------------------------
def _not_a_workbook(path: Path, why: str = "") -> SvdeskError:
    return SvdeskError(f"{path.name} is not an Excel workbook svdesk can read{why} (is it really .xlsx?).")


def check_xlsx_container(path: Path) -> None:
    """Refuses a workbook whose zip directory or XML could exhaust memory, before any parsing."""
    try:
        size = path.stat().st_size
        if size > MAX_XLSX_BYTES:
            raise SvdeskError(f"{path.name} is {_mb(size)}; svdesk imports workbooks of at most "
                              f"{_mb(MAX_XLSX_BYTES)}. Split it into smaller files.")
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise _not_a_workbook(path, f": it has {len(parts):,} parts inside")
            total = 0
            for part in parts:
                if part.flag_bits & 0x1:
                    raise SvdeskError(f"{path.name} is protected with a password; save a copy without one and "
                                      "try again.")
                total += part.file_size
                packed = max(part.compress_size, 1)
                if part.file_size > MAX_PART_BYTES or total > MAX_UNPACKED_BYTES:
                    raise SvdeskError(f"{path.name} would unpack to more than {_mb(min(total, MAX_UNPACKED_BYTES))}"
                                      f" ({part.filename} alone is {_mb(part.file_size)}); that is far more than "
                                      "a sheet of readings, so svdesk will not open it.")
                if part.file_size > 1024 * 1024 and part.file_size / packed > MAX_RATIO:
                    raise SvdeskError(f"{path.name} is packed unusually tightly: {part.filename} would grow from "
                                      f"{packed / 1024:,.0f} KB to {_mb(part.file_size)}, which no real "
                                      "spreadsheet does, so svdesk will not open it.")
            for part in parts:
                if part.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _check_xml(path, archive, part)
    except SvdeskError:
        raise
    except OSError as error:
        raise SvdeskError(f"{path.name} could not be read ({error.strerror or error}).") from None
    except Exception:   # noqa: BLE001 - zipfile raises many kinds for a damaged archive
        raise _not_a_workbook(path) from None


def _check_xml(path: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Excel's XML is UTF-8 and never has a DTD; entity declarations only serve attacks."""
    tail = b""
    with archive.open(part) as stream:
        first = True
        while chunk := stream.read(1024 * 1024):
            if first and (chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in chunk[:200]):
                raise _not_a_workbook(path, f": {part.filename} is not UTF-8 XML")
            first = False
            window = (tail + chunk).lower()
            if any(trap in window for trap in _XML_TRAPS):
                raise SvdeskError(f"{path.name} contains XML declarations (a DTD or entities) that Excel never "
                                  "writes and that can be used to attack a computer; svdesk will not open it.")
            tail = window[-16:]


def _read_xlsx(path: Path, worksheet: str | None) -> list[list]:
    import warnings

    check_xlsx_container(path)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise SvdeskError("Reading Excel files needs openpyxl, which is missing; please reinstall svdesk.") from None
    budget, rows = _Budget(path.name), []
    try:
        with warnings.catch_warnings():
            # openpyxl warns (and reads the cell as an error value) for things like a date out of range.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if worksheet and worksheet not in book.sheetnames:
                    raise SvdeskError(f"{path.name} has no worksheet called '{worksheet}'. "
                                      f"It has: {', '.join(book.sheetnames)}.")
                sheet = book[worksheet] if worksheet else book.worksheets[0]
                # The sheet's own claim of its size (the dimension) may be a lie: read what is there.
                sheet.reset_dimensions()
                seen = 0
                for row in sheet.iter_rows(values_only=True):
                    seen += len(row) + 1
                    if seen > MAX_CELLS_SEEN:
                        raise SvdeskError(f"{path.name}: by row {len(rows) + 1:,} it already has more than "
                                          f"{MAX_CELLS_SEEN:,} cells; that is far more than a sheet of readings.")
                    rows.append(budget.row(len(rows) + 1, list(row)))
            finally:
                book.close()
    except SvdeskError:
        raise
    except OSError as error:
        raise SvdeskError(f"{path.name} could not be read ({error.strerror or error}).") from None
    except Exception:   # noqa: BLE001 - a damaged workbook makes openpyxl raise almost anything
        raise _not_a_workbook(path, ": part of it is damaged or not what Excel writes") from None
    return rows
