"""Reading the rows of a spreadsheet the office sends: `.xlsx`, or `.csv` as the site exports it.

CSV: separator `;` (a file whose first line has more commas or tabs than semicolons uses those),
UTF-8 with or without byte order mark, or Windows-1252 as Excel on Windows saves „CSV (Trennzeichen-
getrennt)“. Excel's „CSV UTF-8“ writes a BOM. Cells stay text; `.xlsx` cells keep their type
(dates, numbers, true/false). Rows are numbered as the spreadsheet shows them; empty rows are left out
(their numbers kept for the summary), hidden rows of an .xlsx sheet are marked. The apostrophe the
site's CSV export puts before „=“, „+“, „-“, „@“ is taken off here, in CSV only: an .xlsx cell holds
text as text, so an apostrophe there is the staff member's own and stays.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exports.cells import parse_scalar
from ..exports.xlsx import column_letter
from ..report import ERROR

MAX_BYTES = 20 * 1024 * 1024  # far above 10,000 partners with measures; keeps a wrong file from stalling
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000  # the export has 17; a wider sheet is not a partner list
SUFFIXES = (".xlsx", ".csv")


class SheetError(Exception):
    """A file that cannot be read as a spreadsheet; the message is German, for staff."""


@dataclass(frozen=True, order=True)
class CellProblem:
    """A problem at a cell, printed as `FILE:ROW:COLUMN: …` with the column's letter as Excel shows it."""

    file: str
    row: int
    column: int  # 1-based; 0 when it concerns the whole row
    message: str  # German
    severity: str = ERROR

    def __str__(self) -> str:
        where = ":".join([self.file, *([str(self.row)] if self.row else []),
                          *([column_letter(self.column)] if self.column else [])])
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, as the spreadsheet shows it
    cells: tuple[Any, ...]
    hidden: bool = False  # hidden in Excel (a row's „Ausblenden“ or a filter)


@dataclass(frozen=True)
class Sheet:
    file: str  # the file's name for messages, with the sheet's name where a workbook has several
    name: str  # the sheet's name (.xlsx) or the file name without suffix (.csv)
    header: tuple[str, ...]  # the header row, as text: at first the first row that holds anything
    rows: tuple[Row, ...]  # the rows below it that hold anything
    lines: tuple[Row, ...] = ()  # every row that holds anything, the header too (office.header looks for it there)
    empty: tuple[int, ...] = ()  # numbers of the empty rows between rows that hold anything
    header_row: int = 1  # the header's row number


def read_sheets(path: Path) -> list[Sheet]:
    """Every visible sheet of an .xlsx file, or the one table of a .csv file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " Bitte in Excel als „Excel-Arbeitsmappe (.xlsx)“ speichern." if suffix in (".xls", ".ods", ".numbers") else ""
        raise SheetError(f"{path.name}: Es werden nur .xlsx- und .csv-Dateien gelesen.{hint}")
    if not path.is_file() or path.is_symlink():
        raise SheetError(f"{path.name}: Die Datei gibt es nicht (oder sie ist keine gewöhnliche Datei).")
    if path.stat().st_size > MAX_BYTES:
        raise SheetError(f"{path.name}: Die Datei ist größer als {MAX_BYTES // (1024 * 1024)} MB.")
    return read_xlsx(path) if suffix == ".xlsx" else [read_csv(path)]


def read_xlsx(path: Path) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise SheetError(f"{path.name}: Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).") from error
    try:
        visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
        return [sheet_of(f"{path.name} (Blatt „{sheet.title}“)" if len(visible) > 1 else path.name, sheet.title,
                         xlsx_rows(sheet)) for sheet in visible]
    except (ValueError, KeyError, TypeError, SyntaxError, EOFError, zlib.error, zipfile.BadZipFile) as error:
        # a sheet's XML cut off or garbled (ElementTree's ParseError is a SyntaxError), a broken member
        raise SheetError(f"{path.name}: Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).") from error
    finally:
        workbook.close()


def xlsx_rows(sheet: Any):
    """(number, cells, hidden) of each row the sheet's XML holds, streamed: openpyxl's read-only sheet
    forgets whether a row is hidden, its parser (the one the read-only sheet uses) keeps it."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            width = min(max((cell["column"] for cell in cells if cell["value"] is not None), default=0),
                        MAX_COLUMNS + 1)
            values = [None] * width
            for cell in cells:
                if cell["value"] is not None and cell["column"] <= width:
                    values[cell["column"] - 1] = cell["value"]
            hidden = parser.row_dimensions.get(str(number), {}).get("hidden") in ("1", "true")
            yield number, values, hidden


def read_csv(path: Path) -> Sheet:
    text = decode(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count) if first_line.count(";") == 0 else ";"
    try:
        rows = [(number, [unescape(cell) for cell in cells[:MAX_COLUMNS + 1]], False)
                for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)]
    except csv.Error as error:
        raise SheetError(f"{path.name}: Die CSV-Datei ist nicht lesbar ({error}).") from error
    return sheet_of(path.name, path.stem, rows)


def unescape(cell: str) -> str:
    """A CSV cell without the formula guard of the site's export (exports.cells.csv_scalar)."""
    return parse_scalar("string", cell)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Excel writes on a German Windows."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sheet_of(file: str, name: str, rows: Any) -> Sheet:
    """The sheet from (number, cells, hidden) rows; the first row that holds anything is its header."""
    lines: list[Row] = []
    empty: list[int] = []
    previous = 0
    for number, cells, hidden in rows:
        cells = tuple(clean(cell) for cell in cells)
        if all(cell is None for cell in cells):
            continue
        if len(cells) > MAX_COLUMNS and any(cell is not None for cell in cells[MAX_COLUMNS:]):
            raise SheetError(f"{file}: Das Blatt „{name}“ hat mehr als {MAX_COLUMNS} Spalten.")
        if len(lines) > MAX_ROWS:
            raise SheetError(f"{file}: Das Blatt „{name}“ hat mehr als {MAX_ROWS} Zeilen.")
        if lines and number > previous + 1 and len(empty) < MAX_ROWS:
            empty += range(previous + 1, min(number, previous + 1 + MAX_ROWS - len(empty)))
        lines.append(Row(number, cells, hidden))
        previous = number
    return framed(Sheet(file, name, (), (), tuple(lines), tuple(empty)), 0)


def framed(sheet: Sheet, index: int) -> Sheet:
    """The sheet with its header in `sheet.lines[index]` and the rows below it."""
    if not sheet.lines:
        return sheet
    header = sheet.lines[index]
    return dataclasses.replace(sheet, header=tuple("" if cell is None else str(cell).strip() for cell in header.cells),
                               rows=sheet.lines[index + 1:], header_row=header.number,
                               empty=tuple(n for n in sheet.empty if n > header.number))


def clean(cell: Any) -> Any:
    """A cell's value; text stripped, empty text as None, a time of day dropped from a date."""
    if isinstance(cell, str):
        cell = cell.strip()
        return cell or None
    if isinstance(cell, dt.datetime):
        return cell.date()
    return cell
