"""The rows of the spreadsheets as partners and list entries, every value with the cell it came from.

A sheet of the partners table gives one `Incoming` per row; a sheet of a list table (measures,
targets, emissions) one `ListRow` per row, tied to its partner by the column partner_id. A cell
that does not fit its field is a problem at that cell; the rest of the row is still read, so one
run reports every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exports.csv_tables import PARTNER_ID, Table
from ..report import ERROR, WARNING
from .cells import CellError, convert
from .columns import is_notes_row, layout, table_for
from .header import title_rows, with_header
from .sheet import CellProblem, Sheet, SheetError, read_sheets
from .skipped import Skipped, first_text, skip_reason


@dataclass(frozen=True)
class Cell:
    """Where a value came from: file, row, column (0: the whole row) and the column's German title."""

    file: str
    row: int
    column: int = 0
    title: str = ""

    def problem(self, message: str, severity: str = ERROR) -> CellProblem:
        return CellProblem(self.file, self.row, self.column, f"{self.title}: {message}" if self.title else message,
                       severity)


@dataclass
class Incoming:
    """One row of the partners table."""

    origin: Cell
    values: dict[tuple[str, ...], Any] = field(default_factory=dict)  # attribute path → value
    cells: dict[str, Cell] = field(default_factory=dict)  # dotted path → cell
    id: str = ""  # the partner's id, given or made from the name (see importer)
    generated: bool = False

    def value(self, key: str) -> Any:
        return self.values.get((key,))


@dataclass
class ListRow:
    """One row of a list table: an entry of a partner's measures, targets or emissions."""

    table: Table
    partner_id: str | None
    origin: Cell
    values: dict[str, Any] = field(default_factory=dict)  # key → value
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Rows:
    partners: list[Incoming] = field(default_factory=list)
    lists: list[ListRow] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    failed: set[tuple[str, int, int]] = field(default_factory=set)  # cells with a problem already (file, row, column)
    failed_rows: set[tuple[str, int]] = field(default_factory=set)  # their (file, row)
    skipped: list[Skipped] = field(default_factory=list)  # rows that are no partner and no list entry
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (file, header, the column's German title)
    present: dict[str, set[str]] = field(default_factory=dict)  # per file, the names of the columns it has

    def already_reported(self, cell: Cell) -> bool:
        """A problem at this cell follows from one reported: the cell's own, or (for the whole row) any of the row."""
        if cell.column:
            return (cell.file, cell.row, cell.column) in self.failed
        return (cell.file, cell.row) in self.failed_rows


def read_rows(paths: list[Path], tables: tuple[Table, ...]) -> Rows:
    rows = Rows()
    for path in paths:
        try:
            sheets = read_sheets(path)
        except SheetError as error:
            rows.problems.append(CellProblem(path.name, 0, 0, str(error).removeprefix(f"{path.name}: ")))
            continue
        for sheet in sheets:
            read_sheet(with_header(sheet, tables), tables, rows)
    return rows


def read_sheet(sheet: Sheet, tables: tuple[Table, ...], rows: Rows) -> None:
    """The sheet's partners or list entries into `rows`; the rows that are neither into `rows.skipped`."""
    table = table_for(sheet, tables)
    if table is None:
        rows.problems.append(CellProblem(sheet.file, sheet.header_row, 0, f"Das Blatt „{sheet.name}“ passt zu keiner "
                                     "Tabelle (keine bekannte Spaltenüberschrift) und wird übersprungen.", WARNING))
        return
    found, problems = layout(sheet, table)
    rows.problems += problems
    rows.aliases += [(sheet.file, header, column.title) for _, header, column in found.aliases]
    rows.present[sheet.file] = {column.name for column in found.columns.values()}
    rows.skipped += [Skipped(sheet.file, row.number, "title", first_text(row.cells)) for row in title_rows(sheet)]
    rows.skipped += [Skipped(sheet.file, number, "empty") for number in sheet.empty]
    for position, row in enumerate(sheet.rows):
        if position == 0 and is_notes_row(row, found):
            continue  # the template's explanations
        reason = skip_reason(row.hidden, [v for _, _, v in found.cells(row)], numbers_too=not table.path)
        if reason:
            rows.skipped.append(Skipped(sheet.file, row.number, reason, first_text(row.cells)))
            continue
        origin = Cell(sheet.file, row.number)
        values, cells = read_row(found.cells(row), origin, rows)
        if table.path:
            partner = values.pop(PARTNER_ID.key, None)
            rows.lists.append(ListRow(table, partner, origin, values, cells))
        else:
            rows.partners.append(Incoming(origin, {tuple(key.split(".")): v for key, v in values.items()}, cells))


def read_row(cells, origin: Cell, rows: Rows) -> tuple[dict[str, Any], dict[str, Cell]]:
    """The row's values by column name (`contact.email`), and the cell of each."""
    values: dict[str, Any] = {}
    where: dict[str, Cell] = {}
    for index, column, raw in cells:
        cell = Cell(origin.file, origin.row, index + 1, column.title)
        where[column.name] = cell
        try:
            values[column.name] = convert(column.field, raw)
        except CellError as error:
            rows.problems.append(cell.problem(str(error)))
            rows.failed.add((cell.file, cell.row, cell.column))
            rows.failed_rows.add((cell.file, cell.row))
    return values, where
