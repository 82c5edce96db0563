"""Spreadsheets (.xlsx): the open data as one workbook, and how this project writes any workbook.

`partners.xlsx` holds one sheet per table of the CSV export (exports.tables()), with German
headers, real dates, numbers and true/false, a frozen header row and column widths, so the
office and journalists open it in Excel without an import step. Choice values stay the keys the
CSV and JSON files hold (e.g. sector „C“), so all exports agree.

Workbooks are written with XlsxWriter, which writes about 2.5 times faster than openpyxl (the
build writes partners.xlsx on every run; bench/results.md); openpyxl stays the reader of the
office's spreadsheets (office/sheet.py). Every workbook is byte-reproducible: its document time is
the one timestamp given here (klimapakt.clock.build_timestamp(), i.e. SOURCE_DATE_EPOCH when set),
and XlsxWriter stamps every zip member with the fixed date 1980-01-01. Every text is written as a
string cell, so a name beginning with „=“ is never run as a formula.
XlsxWriter is imported inside the functions: importing klimapakt.exports stays cheap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .. import precision as precisions
from ..memory import cycle_collector_paused
from ..model.partners import PRECISION_OF, Partner
from .csv_tables import Table, tables

XLSX_FILE = "partners.xlsx"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"  # how Excel shows a date cell; the cell holds the date itself
MONTH_FORMAT = "MM.YYYY"  # a date known only to the month (klimapakt.precision): its first day, shown without it
LIST_SEPARATOR = " "  # a list of values in one cell (a target's scopes), as in the CSV files
MIN_WIDTH, MAX_WIDTH = 8, 60  # column widths in characters
NOTE_WIDTH = 30  # a note wider than this wraps
# Written as given: no text turns into a number, a formula or a link.
WRITER_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                  "strings_to_urls": False}


@dataclasses.dataclass
class Book:
    """A workbook being written into memory, with the cell formats its sheets share."""
    workbook: Any
    buffer: io.BytesIO
    formats: dict[str, Any]


def new_workbook() -> Book:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, WRITER_OPTIONS)
    formats = {"header": workbook.add_format({"bold": True}), "note": workbook.add_format(
        {"italic": True, "text_wrap": True, "valign": "top"}), "date": workbook.add_format({"num_format": DATE_FORMAT}),
               "month": workbook.add_format({"num_format": MONTH_FORMAT})}
    return Book(workbook, buffer, formats)


def add_table(book: Book, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
              notes: Sequence[str] | None = None) -> Any:
    """A sheet with a bold, frozen header row (and an optional row of notes below it), one row per item."""
    sheet = book.workbook.add_worksheet(title)
    values = [row if tuple not in map(type, row) else [cell_value(value) if isinstance(value, tuple) else value
                                                       for value in row] for row in rows]
    for index, width in enumerate(column_widths(headers, values, notes)):
        sheet.set_column(index, index, width)
    sheet.write_row(0, 0, headers, book.formats["header"])
    first = 1
    if notes is not None:
        sheet.write_row(1, 0, notes, book.formats["note"])
        first = 2
    sheet.freeze_panes(first, 0)
    write_string, write_number = sheet._write_string, sheet._write_number  # see write_cell
    for number, row in enumerate(values, start=first):
        for column, value in enumerate(row):
            kind = type(value)  # the usual cells first, without the dispatch of write_cell
            if kind is str:
                write_string(number, column, value)
            elif value is None:
                continue
            elif kind is int or kind is float:
                write_number(number, column, value)
            else:
                write_cell(book, sheet, number, column, value)
    return sheet


def cell_value(value: Any) -> Any:
    """What a cell holds: dates, numbers and true/false as themselves, a list as text, None as an empty cell."""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def write_cell(book: Book, sheet: Any, row: int, column: int, value: Any) -> None:
    """One cell by the value's own type: a date shown as TT.MM.JJJJ, every text as text.

    The undecorated writers (`_write_string`, …; XlsxWriter's own `write_string` only adds the
    A1-notation check around them) keep 100,000 cells at 5,000 partners from paying for the wrapper."""
    if value is None:
        return
    kind = type(value)
    if kind is str:
        sheet._write_string(row, column, value)
    elif kind is bool:
        sheet._write_boolean(row, column, value)
    elif isinstance(value, dt.date):
        sheet._write_datetime(row, column, day_of(value), book.formats["date"])
    elif isinstance(value, precisions.Period):
        write_period(book, sheet, row, column, value)
    elif isinstance(value, str):
        sheet._write_string(row, column, value)
    else:
        sheet._write_number(row, column, value)


def write_period(book: Book, sheet: Any, row: int, column: int, value: precisions.Period) -> None:
    """A date as precise as its source: a day as a date, a month as a date shown MM.JJJJ, a year as a number."""
    if value.precision == precisions.YEAR:
        sheet._write_number(row, column, value.year)
    else:
        sheet._write_datetime(row, column, day_of(value.first_day),
                              book.formats["month" if value.precision == precisions.MONTH else "date"])


def day_of(value: dt.date) -> dt.date:
    """The day a date cell holds, time of day dropped. XlsxWriter takes a date as it is, and faster than the
    same day as a datetime (which it checks for its 1900-01-01 quirk): the same number for every day after that."""
    return value if type(value) is dt.date else dt.date(value.year, value.month, value.day)


def precise_rows(table: Table, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """The rows with each date whose precision another column gives (PRECISION_OF) as a Period of it."""
    names = [column.name for column in table.columns]
    pairs = [(names.index(day), names.index(of)) for day, of in PRECISION_OF.items() if day in names and of in names]
    if not pairs:
        yield from rows
        return
    for row in rows:
        if any(row[of] for _, of in pairs):
            row = list(row)
            for day, of in pairs:
                if row[day] and row[of]:
                    row[day] = precisions.Period.of(row[day], row[of])
        yield row


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]], notes: Sequence[str] | None = None) -> list[int]:
    """Wide enough for the header and the longest value, within MIN_WIDTH and MAX_WIDTH characters (notes wrap)."""
    widths = [max(len(header), min(len(note), NOTE_WIDTH)) for header, note in zip(headers, notes or [""] * len(headers))]
    for index, column in enumerate(zip(*rows)):
        widths[index] = max(widths[index], value_width(column))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def value_width(column: Sequence[Any]) -> int:
    """The characters of the column's widest value: a date's ten (TT.MM.JJJJ), any other value's text."""
    present = [value for value in column if value is not None]
    if set(map(type, present)) <= {str, int, float, bool}:  # most columns: measured by C code
        return max(map(len, map(str, present)), default=0)
    return max((10 if isinstance(value, dt.date) else len(str(value)) for value in present), default=0)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA: the column names staff see in Excel."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def workbook_bytes(book: Book, stamp: dt.datetime, *, title: str, creator: str, description: str = "") -> bytes:
    """The workbook as .xlsx bytes created and changed at `stamp` (UTC): the same input gives the same bytes."""
    naive = stamp.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    properties = {"title": title, "author": creator, "created": naive}
    if description:
        properties["comments"] = description
    book.workbook.set_properties(properties)
    book.workbook.close()
    return book.buffer.getvalue()


def partners_xlsx(partners: Sequence[Partner], stamp: dt.datetime, *, publisher: str, rights: str,
                  demo: bool = False, rows: Mapping[str, Iterable[Sequence[Any]]] | None = None) -> bytes:
    """site/daten/partners.xlsx: one sheet per table of the CSV export, German headers; `rows`: each
    table's rows by its name, when the caller has them already (the CSV files are written from them too)."""
    with cycle_collector_paused():
        workbook = new_workbook()
        for table in tables():
            add_table(workbook, table.title, [column.title for column in table.columns],
                      precise_rows(table, table.rows(partners) if rows is None else rows[table.name]))
        title = "Partner im Klimapakt Düsseldorf" + (" (Demodaten: erfundene Unternehmen)" if demo else "")
        return workbook_bytes(workbook, stamp, title=title, creator=publisher, description=rights)


