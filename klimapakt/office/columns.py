"""Which sheet holds which table of the export, and which column holds which field.

A column is found by its header: the export's key (`contact.email`, as in the CSV files) or its
German title (`Ansprechperson – E-Mail`, as in partners.xlsx and the template), compared without
case, spaces and punctuation; a field's own key or title alone (`E-Mail`) where it names one
column of the table; for the partners table also the usual office names (`office.aliases`:
„Unternehmen“, „Homepage“). A sheet is found by its name (`Maßnahmen`, `measures`), else by its
headers. The template's second row (the notes) is recognised and skipped.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..exports.csv_tables import PARTNER_ID, Column, Table
from ..report import WARNING
from .aliases import PARTNER_ALIASES
from .sheet import CellProblem, Row, Sheet

IDENTITY = ("id",)  # the partners table's key column: left empty, the id is made from the name
FORMAT_NOTES = {  # what a cell of each datatype takes, for the notes row
    "date": "Datum, z. B. 15.03.2024.",
    "integer": "Ganze Zahl.",
    "number": "Zahl, Komma als Dezimaltrenner, z. B. 12,5.",
    "boolean": "ja oder nein.",
    "anyURI": "Webadresse, beginnt mit https://.",
    "string": "",
}


@dataclass(frozen=True)
class Layout:
    table: Table
    columns: dict[int, Column]  # index of the cell in the row → its column
    aliases: tuple[tuple[int, str, Column], ...] = ()  # (index, header, column) of headers read as another name

    def cells(self, row: Row):
        """(index, column, value) of every filled cell of the row that belongs to a known column."""
        for index, column in self.columns.items():
            value = row.cells[index] if index < len(row.cells) else None
            if value is not None:
                yield index, column, value


def normalised(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", str(text)).casefold())


def names_of(table: Table) -> dict[str, Column]:
    """Every header that names a column of the table, normalised: full names first, then unique short ones."""
    names = {normalised(name): column for column in table.columns for name in (column.name, column.title)}
    short = {column.name: {normalised(name) for name in (column.field.key, column.field.title) if name}
             for column in table.columns}
    counts = Counter(name for names_of_column in short.values() for name in names_of_column)
    for column in table.columns:
        for name in short[column.name]:
            if counts[name] == 1:
                names.setdefault(name, column)
    if not table.path:
        by_name = {column.name: column for column in table.columns}
        for key, aliases in PARTNER_ALIASES.items():
            for alias in aliases:
                names.setdefault(normalised(alias), by_name[key])
    return names


def table_for(sheet: Sheet, tables: tuple[Table, ...]) -> Table | None:
    """The table a sheet holds: by its name, else the table most of whose headers it has."""
    name = normalised(sheet.name)
    for table in tables:
        if name in (normalised(table.name), normalised(table.title)):
            return table
    headers = {normalised(header) for header in sheet.header if header}
    scores = [(len(headers & names_of(table).keys()), -index, table) for index, table in enumerate(tables)]
    best = max(scores, key=lambda score: score[:2])
    return best[2] if best[0] else None


def layout(sheet: Sheet, table: Table) -> tuple[Layout, list[CellProblem]]:
    """The sheet's columns; an unknown header is a hint (its cells are not imported), a repeated one an error."""
    names, columns, problems, aliases = names_of(table), {}, [], []
    first: dict[str, int] = {}
    row = sheet.header_row
    for index, header in enumerate(sheet.header):
        if not header:
            continue
        column = names.get(normalised(header))
        if column is None:
            close = difflib.get_close_matches(header, [c.title for c in table.columns], n=1, cutoff=0.7)
            hint = f" Meinten Sie „{close[0]}“?" if close else ""
            problems.append(CellProblem(sheet.file, row, index + 1, f"Die Spalte „{header}“ gehört zu keinem Feld und wird "
                                    f"nicht übernommen.{hint}", WARNING))
        elif column.name in first:
            problems.append(CellProblem(sheet.file, row, index + 1, f"Die Spalte „{header}“ steht doppelt (schon in Spalte "
                                    f"{first[column.name] + 1}). Bitte eine der beiden löschen."))
        else:
            first[column.name] = index
            columns[index] = column
            if normalised(header) not in (normalised(column.name), normalised(column.title)):
                aliases.append((index, header, column))
    if table.path and PARTNER_ID not in [c.field for c in columns.values()]:
        problems.append(CellProblem(sheet.file, row, 0, f"Im Blatt „{sheet.name}“ fehlt die Spalte „{PARTNER_ID.title}“ "
                                f"({PARTNER_ID.key}): Sie sagt, zu welchem Partner eine Zeile gehört."))
    return Layout(table, columns, tuple(aliases)), problems


def note(table: Table, column: Column) -> str:
    """The German explanation of a column, for the template's second row."""
    f = column.field
    parts = [f.help.rstrip(".") + "."]
    if f.choices and f.many:
        parts.append(f"Erlaubt: {', '.join(map(str, f.choices))}; mehrere durch Leerzeichen getrennt.")
    elif f.choices:
        parts.append("Bitte aus der Liste wählen.")
    else:
        parts.append(FORMAT_NOTES[f.kind.datatype(f)])
    if not table.path and column.path == IDENTITY:
        parts.append("Leer lassen bei neuen Partnern: Die Kennung wird aus dem Namen erzeugt.")
    elif f is PARTNER_ID:
        parts.append("Bei einem neuen Partner, der noch keine Kennung hat: sein Name oder seine Zeile im Blatt "
                     "„Partner“ (z. B. „Zeile 3“). Pflichtfeld.")
    elif f.required:
        parts.append("Pflichtfeld.")
    return " ".join(part for part in parts if part)


def is_notes_row(row: Row, found: Layout) -> bool:
    """The template's row of explanations below the headers."""
    cells = list(found.cells(row))
    return bool(cells) and all(value == note(found.table, column) for _, column, value in cells)
