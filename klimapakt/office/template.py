"""The import template `vorlagen/partner-import.xlsx`, generated from the field declarations.

One sheet per table of the export (partners, measures, targets, emissions), one column per field
with its German title; the second row explains each column (klimapakt.office.columns.note); choice
columns offer their German labels as a drop-down list, kept on a hidden sheet „Auswahllisten“
(Excel limits a list written into the rule to 255 characters). The file's time stamps are fixed,
so `template --check` can compare it byte for byte with what the code generates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..exports.csv_tables import tables
from ..exports.xlsx import add_table, column_letter, new_workbook, workbook_bytes
from .columns import note

TEMPLATE_PATH = Path("vorlagen/partner-import.xlsx")
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # fixed: the template changes only with the fields
LISTS_SHEET = "Auswahllisten"
LAST_ROW = 2000  # the drop-down lists reach this far
BOOLEAN_CHOICES = ("ja", "nein")


def template_bytes() -> bytes:
    workbook = new_workbook()
    lists: list[tuple[str, list[str]]] = []  # (column title, choices) for the hidden sheet
    for table in tables():
        sheet = add_table(workbook, table.title, [c.title for c in table.columns],
                          rows=[], notes=[note(table, c) for c in table.columns])
        for index, column in enumerate(table.columns, start=1):
            choices = choice_labels(column.field)
            if choices and not column.field.many:  # a drop-down list takes one value, scopes may be several
                lists.append((f"{table.title}: {column.title}", choices))
                add_drop_down(sheet, index, len(lists), len(choices))
    write_lists(workbook.workbook.add_worksheet(LISTS_SHEET), lists)
    return workbook_bytes(workbook, STAMP, title="Vorlage: Partner in den Klimapakt Düsseldorf eintragen",
                          creator="Klimapakt Düsseldorf",
                          description="Ausfüllen und mit `python -m klimapakt import` in partners.yml übernehmen "
                                      "(siehe CONTRIBUTING.md).")


def choice_labels(field) -> list[str]:
    if field.choices:
        return list(field.choices.values())
    if field.kind is not None and field.kind.datatype(field) == "boolean":
        return list(BOOLEAN_CHOICES)
    return []


def write_lists(sheet, lists: list[tuple[str, list[str]]]) -> None:
    """The hidden sheet the drop-down lists read: one column per list, its title in the first row."""
    sheet.hide()
    for column, (title, choices) in enumerate(lists):
        sheet.write_string(0, column, title)
        for row, choice in enumerate(choices, start=1):
            sheet.write_string(row, column, choice)


def add_drop_down(sheet, column: int, list_number: int, count: int) -> None:
    """Rows 3 to LAST_ROW of `column` (1-based) accept only the values of list `list_number`."""
    source = column_letter(list_number)
    sheet.data_validation(2, column - 1, LAST_ROW - 1, column - 1, {
        "validate": "list", "source": f"={LISTS_SHEET}!${source}$2:${source}${count + 1}", "ignore_blank": True,
        "error_title": "Wert aus der Liste", "error_message": "Bitte einen Wert aus der Liste wählen."})


def write_template(root: Path, check: bool = False) -> tuple[Path, bool]:
    """Write the template (or, with `check`, only compare); returns its path and whether it was current."""
    path = root / TEMPLATE_PATH
    current = path.is_file() and path.read_bytes() == template_bytes()
    if not check and not current:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(template_bytes())
    return path, current


