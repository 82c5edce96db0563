"""Spreadsheets (.xlsx): the open data as one workbook, and how this project writes any workbook.

`partners.xlsx` holds one sheet per table of the CSV export (exports.tables()), with German
headers, real dates, numbers and true/false, a frozen header row and column widths, so the
office and journalists open it in Excel without an import step. Choice values stay the keys the
CSV and JSON files hold (e.g. sector „C“), so all exports agree.

Every workbook is byte-reproducible: openpyxl stamps the document's creation and change time and
zip stamps every member with the wall clock; both are set from one timestamp here
(klimapakt.clock.build_timestamp(), i.e. SOURCE_DATE_EPOCH when set).
openpyxl is imported inside the functions: importing klimapakt.exports stays cheap.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any, Iterable, Sequence

from ..model.partners import Partner
from .csv_tables import tables

XLSX_FILE = "partners.xlsx"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"  # how Excel shows a date cell; the cell holds the date itself
LIST_SEPARATOR = " "  # a list of values in one cell (a target's scopes), as in the CSV files
MIN_WIDTH, MAX_WIDTH = 8, 60  # column widths in characters
NOTE_WIDTH = 30  # a note wider than this wraps
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # the earliest time a zip member can carry


def new_workbook() -> Any:
    """A workbook that writes rows as they come (openpyxl's write-only mode: twice as fast, a fraction of the memory)."""
    from openpyxl import Workbook

    return Workbook(write_only=True)


def add_table(workbook: Any, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
              notes: Sequence[str] | None = None) -> Any:
    """A sheet with a bold, frozen header row (and an optional row of notes below it), one row per item."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(title)
    values = [[cell_value(value) for value in row] for row in rows]
    for index, width in enumerate(column_widths(headers, values, notes), start=1):
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.freeze_panes = "A3" if notes is not None else "A2"
    sheet.append([styled(sheet, header, font=Font(bold=True)) for header in headers])
    if notes is not None:
        sheet.append([styled(sheet, note, font=Font(italic=True), alignment=Alignment(wrap_text=True, vertical="top"))
                      for note in notes])
    for row in values:
        sheet.append([typed(sheet, value) for value in row])
    return sheet


def cell_value(value: Any) -> Any:
    """What a cell holds: dates, numbers and true/false as themselves, a list as text, None as an empty cell."""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def typed(sheet: Any, value: Any) -> Any:
    """A value as openpyxl should write it: a date shown as TT.MM.JJJJ, a text beginning with „=“ as text."""
    if isinstance(value, dt.date):
        return styled(sheet, value, number_format=DATE_FORMAT)
    if isinstance(value, str) and value.startswith("="):
        return styled(sheet, value)  # openpyxl would write it as a formula
    return value


def styled(sheet: Any, value: Any, **style: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]], notes: Sequence[str] | None = None) -> list[int]:
    """Wide enough for the header and the longest value, within MIN_WIDTH and MAX_WIDTH characters (notes wrap)."""
    widths = [max(len(header), min(len(note), NOTE_WIDTH)) for header, note in zip(headers, notes or [""] * len(headers))]
    for row in rows:
        for index, value in enumerate(row):
            if value is not None:
                widths[index] = max(widths[index], 10 if isinstance(value, dt.date) else len(str(value)))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def column_letter(index: int) -> str:
    """1 → A, 27 → AA: the column names staff see in Excel."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def workbook_bytes(workbook: Any, stamp: dt.datetime, *, title: str, creator: str, description: str = "") -> bytes:
    """The workbook as .xlsx bytes whose every time stamp is `stamp` (UTC): the same input gives the same bytes."""
    from openpyxl.writer.excel import ExcelWriter

    naive = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    properties = workbook.properties
    properties.created = properties.modified = naive
    properties.title, properties.creator, properties.description = title, creator, description or None
    properties.lastModifiedBy = None
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()  # not save_workbook: it stamps now
    return with_fixed_member_times(raw.getvalue(), max(stamp, ZIP_EPOCH))


def with_fixed_member_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The zip archive again, every member stamped with `stamp` instead of the time it was written."""
    when = stamp.astimezone(dt.timezone.utc).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=when)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def partners_xlsx(partners: Sequence[Partner], stamp: dt.datetime, *, publisher: str, rights: str,
                  demo: bool = False) -> bytes:
    """site/daten/partners.xlsx: one sheet per table of the CSV export, German headers."""
    workbook = new_workbook()
    for table in tables():
        add_table(workbook, table.title, [column.title for column in table.columns], table.rows(partners))
    title = "Partner im Klimapakt Düsseldorf" + (" (Demodaten: erfundene Unternehmen)" if demo else "")
    return workbook_bytes(workbook, stamp, title=title, creator=publisher, description=rights)
