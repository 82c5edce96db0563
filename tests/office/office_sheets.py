"""Office spreadsheets as a pact office keeps them, generated with openpyxl: fictional companies only.

`office_list` writes the realistic list of the done-when of issue 19: a merged title row, a
„Stand:“ line, an empty row, German header names, 148 partners, one hidden row and a total row:
150 rows below the header.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

FIRST = ("Fabelhaft", "Nirgendwo", "Beispiel", "Phantasie", "Erdacht", "Traumland", "Wolkenheim", "Fiktiva",
         "Imaginaria", "Luftschloss", "Zauberberg", "Sternental")
SECOND = ("Bäckerei", "Druckerei", "Logistik", "Holzbau", "Elektrotechnik", "Kanzlei", "Planungsbüro",
          "Gärtnerei", "Metallbau", "Software")
LEGAL = ("GmbH", "GmbH & Co. KG", "AG", "e. K.", "KG")
QUARTERS = ("40225 Bilk", "Flingern-Nord", "Oberkassel", "40597 Benrath", "Gerresheim", "Stadtmitte", "Rath",
            "Eller", "Kaiserswerth", "Garath")
HEADERS = ("Nr.", "Unternehmen", "Rolle", "Status", "Beitrittsdatum", "PLZ/Stadtteil", "Webseite",
           "E-Mail-Adresse", "Telefon")
HEADER_ROW = 4
HIDDEN_ROW = 60


def company(index: int) -> str:
    """A distinct fictional name per index: no name begins another (none is a look-alike of another)."""
    first, second = FIRST[index % len(FIRST)], SECOND[(index // len(FIRST)) % len(SECOND)]
    return f"{first} {second} {index + 1:03d} {LEGAL[index % len(LEGAL)]}"


def slug(index: int) -> str:
    return f"{FIRST[index % len(FIRST)].lower()}-{index + 1:03d}"


def office_list(path: Path, partners: int = 148) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Partnerliste"
    sheet["A1"] = "Klimapakt Düsseldorf – Liste der Partnerunternehmen"
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A2"] = "Stand: 01.11.2026"
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(HEADER_ROW, column, header)
    row = HEADER_ROW + 1
    for index in range(partners + 1):  # one more: the hidden row
        name = company(index) if row != HIDDEN_ROW else "Ausgeblendet Verworfen GmbH"
        sheet.append([index + 1, name, "Partner", "Letter of Intent", dt.datetime(2025, 1 + index % 12, 1 + index % 28),
                      QUARTERS[index % len(QUARTERS)], f"https://www.{slug(index)}.example",
                      f"klima@{slug(index)}.example", f"0211 {100000 + index}"])
        if row == HIDDEN_ROW:
            sheet.row_dimensions[row].hidden = True
        row += 1
    sheet.append([None, "Gesamt", None, None, None, None, None, None, None])
    book.save(path)
    return path
