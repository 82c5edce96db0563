"""CSV cells: how one value is written to, and read back from, a cell of the open-data CSV files.

CSV dialect, chosen so that German Excel and data tools both read the files unchanged:
- UTF-8 with byte order mark: Excel on Windows reads a CSV without BOM as Windows-1252
  (ü becomes Ã¼); pandas and R strip the BOM, Python's csv module does with "utf-8-sig".
- Semicolon as separator and comma as decimal mark: what German Excel expects when a
  file is opened by double-click; "1234.5" would turn into a date or a text there.
  Data tools take both as a parameter: pandas.read_csv(path, sep=";", decimal=",").
- Quotes only where needed (double quote, doubled inside), CRLF line ends (RFC 4180).
- Text cells beginning with = + - @ (phone numbers begin with +) get a leading
  apostrophe, so spreadsheets show them as text instead of running them as a formula.
- Dates as ISO 8601 (JJJJ-MM-TT), booleans as true/false, empty cell = no value,
  lists of values (a target's scopes) separated by a space.
The dialect is also declared in csv-metadata.json (W3C CSV on the Web).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..model.fields import Field
from ..model.partners import Partner
from .csv_tables import Table

CSV_ENCODING = "utf-8-sig"  # UTF-8 with BOM: see the module docstring
CSV_DELIMITER = ";"
CSV_DECIMAL = ","
CSV_LINE_END = "\r\n"
LIST_SEPARATOR = " "
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")  # what spreadsheets would read as a formula
FORMULA_ESCAPE = "'"
FORMULA_CHARS = "'=+-@\t\r"  # a text beginning with none of these cannot match FORMULA_START


def csv_cell(f: Field, value: Any) -> str:
    if value is None:
        return ""
    if f.many:  # a list of scalars, e.g. scopes
        return LIST_SEPARATOR.join(csv_scalar(v) for v in value)
    return csv_scalar(value)


def csv_scalar(value: Any) -> str:
    if type(value) is str:  # most cells: the last case below, reached first
        return FORMULA_ESCAPE + value if FORMULA_START.match(value) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value).replace(".", CSV_DECIMAL)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return FORMULA_ESCAPE + text if FORMULA_START.match(text) else text


def number_text(value: int | float) -> str:
    """A number as the registry writes it: a point as the decimal mark, whole floats without one, no exponent."""
    if isinstance(value, int):
        return str(value)
    text = str(int(value)) if value.is_integer() else repr(value)
    if "e" in text:  # the loader allows at most 12 digits and 3 decimals, so this is a safeguard
        text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text


def csv_text(table: Table, partners: Sequence[Partner], rows: Iterable[Sequence[Any]] | None = None) -> str:
    """The table's CSV file; `rows`: `table.rows(partners)` when the caller has them already."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, quotechar='"', doublequote=True,
                        quoting=csv.QUOTE_MINIMAL, lineterminator=CSV_LINE_END)
    writer.writerow([column.name for column in table.columns])
    records = tuple(table.rows(partners) if rows is None else rows)
    if records:  # cell by cell as `csv_cell` would, a column at a time: the common cells inline
        columns = [csv_column(column.field, values) for column, values in zip(table.columns, zip(*records))]
        writer.writerows(zip(*columns))
    return out.getvalue()


def csv_column(f: Field, values: Iterable[Any]) -> list[str]:
    """`csv_cell(f, value)` of each value: text that no spreadsheet would run as a formula stays as it is."""
    if f.many:
        return [csv_cell(f, value) for value in values]
    return [value if type(value) is str and value[:1] not in FORMULA_CHARS else "" if value is None
            else str(value) if type(value) is int else csv_scalar(value) for value in values]


def parse_csv_cell(f: Field, cell: str) -> Any:
    """A cell read with the declared dialect, as the value partners.json holds (dates stay ISO text)."""
    if cell == "":
        return [] if f.many else None
    if f.many:
        return [parse_scalar(f.kind.datatype(f), part) for part in cell.split(LIST_SEPARATOR)]
    return parse_scalar(datatype(f), cell)


def parse_scalar(datatype: str, cell: str) -> Any:
    """One value of the declared datatype (see `datatype`) from its cell."""
    if datatype == "integer":
        return int(cell)
    if datatype == "number":
        number = float(cell.replace(CSV_DECIMAL, "."))
        return int(number) if number.is_integer() and "," not in cell else number
    if datatype == "boolean":
        return {"true": True, "false": False}[cell]
    if re.match(r"^'+[=+\-@\t\r]", cell):
        return cell[len(FORMULA_ESCAPE):]
    return cell


def datatype(f: Field) -> str:
    """For the JSON field list and the CSV on the Web metadata: array, object, or the kind's datatype."""
    if f.is_record_list:
        return "array"
    if f.is_object:
        return "object"
    return f.kind.datatype(f)
