"""Where the header row of an office sheet is: below title rows, merged title cells and a „Stand:“ line.

The header is the first of the sheet's first rows with at least two known column names, else the
first with one; the rows above it are reported as skipped. Without such a row the first row stays
the header, and the sheet is reported as matching no table.
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
    scores = [header_score(row.cells, known) for row in sheet.lines[:SEARCH_ROWS]]
    index = next((i for i, score in enumerate(scores) if score >= 2), None)
    if index is None:  # a sheet of one known column: its first row that names one
        index = next((i for i, score in enumerate(scores) if score == 1), 0)
    return framed(sheet, index) if sheet.lines else sheet


def title_rows(sheet: Sheet):
    """The rows above the header: a title, a „Stand:“ line, merged cells."""
    return [row for row in sheet.lines if row.number < sheet.header_row]
