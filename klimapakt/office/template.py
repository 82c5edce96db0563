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
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)  # fixed: the template changes only with the fields
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
    hidden = workbook.create_sheet(LISTS_SHEET)
    hidden.sheet_state = "hidden"
    hidden.append([title for title, _ in lists])
    for row in range(max(len(choices) for _, choices in lists)):
        hidden.append([choices[row] if row < len(choices) else None for _, choices in lists])
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


def add_drop_down(sheet, column: int, list_number: int, count: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    source = column_letter(list_number)
    rule = DataValidation(type="list", formula1=f"={LISTS_SHEET}!${source}$2:${source}${count + 1}",
                          allow_blank=True, showErrorMessage=True, errorTitle="Wert aus der Liste",
                          error="Bitte einen Wert aus der Liste wählen.")
    letter = column_letter(column)
    rule.add(f"{letter}3:{letter}{LAST_ROW}")
    sheet.data_validations.append(rule)


def write_template(root: Path, check: bool = False) -> tuple[Path, bool]:
    """Write the template (or, with `check`, only compare); returns its path and whether it was current."""
    path = root / TEMPLATE_PATH
    current = path.is_file() and path.read_bytes() == template_bytes()
    if not check and not current:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(template_bytes())
    return path, current


