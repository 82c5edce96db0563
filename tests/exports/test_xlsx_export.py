"""site/daten/partners.xlsx: one sheet per CSV table, German headers, real dates and numbers,
a frozen header row, column widths, text that stays text, and the same bytes for the same input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import io
import zipfile

import openpyxl
import pytest

from conftest import ROOT, TODAY
from klimapakt import exports, memory, model
from klimapakt.exports import xlsx
from klimapakt.exports.xlsx import partners_xlsx
from klimapakt.load import loader

STAMP = dt.datetime(2025, 11, 24, 16, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def demo_partners(demo_registry):
    return loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners", today=TODAY).partners


@pytest.fixture(scope="module")
def book(demo_site):
    return openpyxl.load_workbook(demo_site / exports.EXPORT_DIR / "partners.xlsx")


def test_one_sheet_per_table_with_german_headers_and_one_row_per_entry(book, demo_partners):
    assert book.sheetnames == [table.title for table in exports.tables()] == ["Partner", "Ziele", "Maßnahmen",
                                                                               "Emissionen"]
    for table in exports.tables():
        sheet = book[table.title]
        assert [cell.value for cell in sheet[1]] == [column.title for column in table.columns]
        assert sheet.max_row == 1 + table.count(demo_partners)
        assert sheet.freeze_panes == "A2"
    assert [c.value for c in book["Partner"][1]][:4] == ["Kennung", "Name", "Rolle", "Stand der Teilnahme"]
    assert "Ansprechperson – E-Mail" in [c.value for c in book["Partner"][1]]


def test_values_keep_their_type_dates_numbers_true_false(book, demo_partners):
    header = [c.value for c in book["Partner"][1]]
    first = {name: cell for name, cell in zip(header, book["Partner"][2])}
    partner = demo_partners[0]
    assert first["Kennung"].value == partner.id
    assert first["Beitritt"].value == dt.datetime.combine(partner.joined, dt.time())
    assert first["Beitritt"].number_format == "DD.MM.YYYY"
    assert first["Stadtbezirk"].value == partner.district and first["Stadtbezirk"].data_type == "n"
    emissions = book["Emissionen"]
    values = [row for row in emissions.iter_rows(min_row=2, values_only=True)]
    expected = [(p.id, e.year, e.scope1, e.scope2, e.scope3) for p in demo_partners for e in p.emissions]
    assert values == expected and any(isinstance(v[2], float) for v in values)
    targets = list(book["Ziele"].iter_rows(min_row=2, values_only=True))
    assert {type(row[5]) for row in targets} == {bool}
    assert {row[4] for row in targets if row[4]} <= {"1", "2", "3", "1 2", "1 2 3", "2 3", "1 3"}


def test_columns_have_widths_within_bounds(book):
    for sheet in book.worksheets:  # the file holds Excel's width: characters plus 5 px padding (≈ 0.71)
        widths = [int(sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width)
                  for i in range(1, sheet.max_column + 1)]
        assert all(8 <= width <= 60 for width in widths), (sheet.title, widths)
    header = [c.value for c in book["Partner"][1]]
    assert book["Partner"].column_dimensions[openpyxl.utils.get_column_letter(header.index("Beschreibung") + 1)].width // 1 == 60


def test_text_that_a_spreadsheet_would_run_as_a_formula_stays_text(demo_partners):
    partner = dataclasses.replace(demo_partners[0], name="=HYPERLINK(\"https://example.org\")",
                                  description="+49 211 1234567 @SUM(A1)")
    sheet = openpyxl.load_workbook(io.BytesIO(partners_xlsx([partner], STAMP, publisher="T", rights="R")))["Partner"]
    assert sheet["B2"].value == "=HYPERLINK(\"https://example.org\")" and sheet["B2"].data_type == "s"
    header = [c.value for c in sheet[1]]
    description = sheet.cell(2, header.index("Beschreibung") + 1)
    assert description.value == "+49 211 1234567 @SUM(A1)" and description.data_type == "s"


def test_the_same_partners_and_time_give_the_same_bytes_stamped_with_that_time(demo_partners):
    data = partners_xlsx(demo_partners, STAMP, publisher="Geschäftsstelle", rights="dl-de/by-2-0")
    assert data == partners_xlsx(demo_partners, STAMP, publisher="Geschäftsstelle", rights="dl-de/by-2-0")
    assert data != partners_xlsx(demo_partners, STAMP + dt.timedelta(days=1), publisher="Geschäftsstelle",
                                 rights="dl-de/by-2-0")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # one fixed member time, never the wall clock
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert properties.created == properties.modified == dt.datetime(2025, 11, 24, 16, 0)
    assert properties.creator == "Geschäftsstelle" and properties.description == "dl-de/by-2-0"


def test_the_daten_page_lists_the_workbook(demo_site):
    page = (demo_site / "daten/index.html").read_text(encoding="utf-8")
    assert 'href="../daten/partners.xlsx" type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"' \
           in page
    assert "in partners.xlsx: Blatt „Maßnahmen“" in page and "Ansprechperson – E-Mail" in page


def test_every_field_has_a_german_title_for_the_spreadsheets():
    missing = [f"{record.__name__}.{f.key}" for record in model.all_records(model.PartnerRegistry)
               for f in model.fields_of(record) if not f.title]
    assert missing == []
    titles = [column.title for table in exports.tables() for column in table.columns]
    assert all(len(set(c.title for c in t.columns)) == len(t.columns) for t in exports.tables()), titles


def test_the_workbook_leaves_the_cycle_collector_as_it_found_it(demo_partners):
    assert gc.isenabled()
    partners_xlsx(demo_partners[:3], STAMP, publisher="T", rights="R")
    assert gc.isenabled()
    gc.disable()
    try:
        with memory.cycle_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), memory.cycle_collector_paused():
        raise ValueError
    assert gc.isenabled()
