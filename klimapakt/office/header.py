"""Where the header row of an office sheet is: below title rows, merged title cells and a „Stand:“ line.

The header is the first of the sheet's first rows with at least two known column names (one is
enough for a sheet of one column); the rows above it are reported as skipped. Without such a row
the first row stays the header, and the sheet is reported as matching no table.
"""

from __future__ import annotations

from .columns import names_of, normalised
from .sheet import Sheet, framed

SEARCH_ROWS = 30  # a title block is a few rows; a header further down is not looked for


def known_names(tables) -> set[str]:
    return {name for table in tables for name in names_of(table)}


def header_score(cells, known: set[str]) -> int:
    return sum(1 for cell in cells if isinstance(cell, str) and normalised(cell) in known)


def with_header(sheet: Sheet, tables) -> Sheet:
    """The sheet framed at its header row."""
    known = known_names(tables)
    for index, row in enumerate(sheet.lines[:SEARCH_ROWS]):
        score = header_score(row.cells, known)
        filled = sum(1 for cell in row.cells if cell is not None)
        if score >= 2 or (score == 1 and filled == 1 and index == 0):
            return framed(sheet, index)
    return sheet


def title_rows(sheet: Sheet):
    """The rows above the header: a title, a „Stand:“ line, merged cells."""
    return [row for row in sheet.lines if row.number < sheet.header_row]
