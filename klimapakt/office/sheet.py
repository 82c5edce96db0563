"""Reading the rows of a spreadsheet the office sends: `.xlsx`, or `.csv` as the site exports it.

CSV: separator `;` (a file whose first line has more commas or tabs than semicolons uses those),
UTF-8 with or without byte order mark, or Windows-1252 as Excel on Windows saves „CSV (Trennzeichen-
getrennt)“. Excel's „CSV UTF-8“ writes a BOM. Cells stay text; `.xlsx` cells keep their type
(dates, numbers, true/false). Rows are numbered as the spreadsheet shows them; empty rows are left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exports.xlsx import column_letter
from ..report import ERROR

MAX_BYTES = 20 * 1024 * 1024  # far above 10,000 partners with measures; keeps a wrong file from stalling
MAX_ROWS = 100_000
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


@dataclass(frozen=True)
class Sheet:
    file: str  # the file's name for messages, with the sheet's name where a workbook has several
    name: str  # the sheet's name (.xlsx) or the file name without suffix (.csv)
    header: tuple[str, ...]  # the first row, as text
    rows: tuple[Row, ...]  # the rows below it that hold anything


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
                         sheet.iter_rows(values_only=True)) for sheet in visible]
    finally:
        workbook.close()


def read_csv(path: Path) -> Sheet:
    text = decode(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count) if first_line.count(";") == 0 else ";"
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SheetError(f"{path.name}: Die CSV-Datei ist nicht lesbar ({error}).") from error
    return sheet_of(path.name, path.stem, rows)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Excel writes on a German Windows."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sheet_of(file: str, name: str, rows: Any) -> Sheet:
    header: tuple[str, ...] | None = None
    found: list[Row] = []
    for number, cells in enumerate(rows, start=1):
        cells = tuple(clean(cell) for cell in cells)
        if all(cell is None for cell in cells):
            continue
        if header is None:
            header = tuple("" if cell is None else str(cell).strip() for cell in cells)
            continue
        if len(found) >= MAX_ROWS:
            raise SheetError(f"{file}: Das Blatt „{name}“ hat mehr als {MAX_ROWS} Zeilen.")
        found.append(Row(number, cells))
    return Sheet(file, name, header or (), tuple(found))


def clean(cell: Any) -> Any:
    """A cell's value; text stripped, empty text as None, a time of day dropped from a date."""
    if isinstance(cell, str):
        cell = cell.strip()
        return cell or None
    if isinstance(cell, dt.datetime):
        return cell.date()
    return cell
