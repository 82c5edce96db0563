"""`python -m klimapakt import`: spreadsheets (.xlsx, .csv) into partners.yml, checked like a pull request.

The fixtures are fictional companies (tests/fixtures/import/): a registry with comments and
several quoting styles, CSV files as German Excel writes them (Windows-1252, semicolons, TT.MM.JJJJ,
decimal comma, German labels, no id column), and one row with three errors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, TODAY
from klimapakt.__main__ import main
from klimapakt.exports import csv_tables
from klimapakt.load.loader import load_text
from klimapakt.office import sheet
from klimapakt.office.importer import new_id
from klimapakt.office.summary import import_files

from import_fixtures import BASE, IMPORT, LOGOS, registry, run, today  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("today")


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """An .xlsx file with the given sheets, rows as lists (the first row holds the headers)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


# --- CSV as German Excel writes it

def test_windows_1252_csv_without_ids_updates_by_name_and_appends_in_the_files_style(registry):
    outcome = run([IMPORT / "ohne-kennung-windows.csv"], registry)
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert [(row.id, row.generated) for row in outcome.added] == [("muster-roesterei-sued-gmbh-co-kg", True)]
    assert outcome.updated == [("muster-holzbau", ["website (Website)"]),
                               ("beispiel-baeckerei", ["size (Größe)", "website (Website)"])]
    expected = (BASE.replace("    website: https://muster-holzbau.example\n",
                             "    website: https://www.muster-holzbau.example\n")
                .replace("    sector: I\n    website:\n",
                         "    sector: I\n    size: micro\n    website: https://beispiel-baeckerei.example\n")
                .replace("das den Pakt verlassen hat.\n# end of list\n", "das den Pakt verlassen hat.\n\n"
                         "  - id: muster-roesterei-sued-gmbh-co-kg\n"
                         "    name: Muster-Rösterei Süd GmbH & Co. KG\n"
                         "    role: partner\n"
                         "    status: letter-of-intent\n"
                         "    joined: 2026-03-01\n"
                         "    sector: I\n"
                         "    size: small\n"
                         "    district: 9\n"
                         "    website: https://muster-roesterei.example\n"
                         "    contact:\n"
                         "      email: kaffee@muster-roesterei.example\n"
                         "# end of list\n"))
    assert outcome.text == expected


def test_decimal_comma_and_one_emission_row_per_year_merge_into_the_entry_of_that_year(registry):
    outcome = run([IMPORT / "emissionen-windows.csv"], registry)
    assert outcome.ok and outcome.updated == [("muster-holzbau", ["emissions (Emissionen)"])]
    assert outcome.text == BASE.replace(
        "        scope2: 40\n",
        "        scope2: 41\n      - year: 2024\n        scope1: 110.25\n        scope2: 38.5\n")
    partner = load_text(outcome.text, today=TODAY, logo_dir=LOGOS).partners[0]
    assert [(e.year, e.scope1, e.scope2, e.scope3) for e in partner.emissions] == [
        (2023, 120.5, 41, None), (2024, 110.25, 38.5, None)]


def test_a_row_with_three_errors_names_row_and_column_of_each_and_nothing_is_written(registry, capsys):
    assert main(["import", str(IMPORT / "drei-fehler.csv"), "--into", str(registry), "--logo-dir", str(LOGOS)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        "Fehler:",
        "  drei-fehler.csv:2:C: Rolle: „Partnerin“ ist nicht erlaubt. Erlaubt sind: founding (Initialpartner), "
        "partner (Partner).",
        "  drei-fehler.csv:2:E: Beitritt: Das Datum 31.02.2024 gibt es nicht.",
        "  drei-fehler.csv:2:G: Website: „www.muster-fehler.example“: Bitte mit https:// beginnen, "
        "z. B. „https://www.muster-fehler.example“.",
    ]
    assert "Nichts geschrieben" in out
    assert registry.read_text(encoding="utf-8") == BASE


def test_dry_run_reports_the_summary_and_leaves_the_file_alone(registry, capsys):
    assert main(["import", str(IMPORT / "ohne-kennung-windows.csv"), "--into", str(registry), "--dry-run",
                 "--logo-dir", str(LOGOS)]) == 0
    out = capsys.readouterr().out
    assert "Neu: 1, geändert: 2, unverändert: 0." in out
    assert "neu: muster-roesterei-sued-gmbh-co-kg „Muster-Rösterei Süd GmbH & Co. KG“ – Kennung aus dem Namen " \
           "erzeugt, bitte prüfen" in out
    assert "geändert: beispiel-baeckerei: size (Größe), website (Website)" in out
    assert "Probelauf (--dry-run)" in out
    assert registry.read_text(encoding="utf-8") == BASE


def test_the_import_writes_the_file_when_all_is_well(registry):
    code, text = import_files([IMPORT / "ohne-kennung-windows.csv"], registry, logo_dir=LOGOS, today=TODAY,
                              dry_run=False)
    assert code == 0 and "wurde geändert" in text
    written = registry.read_text(encoding="utf-8")
    assert "muster-roesterei-sued-gmbh-co-kg" in written
    assert [p.id for p in load_text(written, today=TODAY, logo_dir=LOGOS).partners] == [
        "muster-holzbau", "beispiel-baeckerei", "fantasia-logistik", "muster-roesterei-sued-gmbh-co-kg"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_is_read_in_utf8_with_or_without_bom_and_in_windows_1252(tmp_path, encoding):
    path = tmp_path / "liste.csv"
    path.write_bytes("Name;Größe\r\nMuster-Bäckerei Süd;Kleinstunternehmen\r\n".encode(encoding))
    (found,) = sheet.read_sheets(path)
    assert found.header == ("Name", "Größe")
    assert found.rows == (sheet.Row(2, ("Muster-Bäckerei Süd", "Kleinstunternehmen")),)


# --- .xlsx

def test_xlsx_with_date_cells_number_cells_german_labels_and_list_sheets(registry, tmp_path):
    path = workbook(tmp_path / "liste.xlsx", {
        "Partner": [["Kennung", "Name", "Stand der Teilnahme", "Beitritt", "Branche", "Vereinbarung – Unterzeichnet am"],
                    ["muster-holzbau", "Muster-Holzbau Rhein GmbH", "Klimapartner", dt.datetime(2023, 2, 1),
                     "Baugewerbe", "01.10.2023"]],
        "Ziele": [["Partner-Kennung", "Zieljahr", "Minderung in Prozent", "Basisjahr", "Scopes", "Klimaneutral"],
                  ["muster-holzbau", 2030.0, "55,5", 2019, "1 2", "nein"],
                  ["muster-holzbau", 2035, None, None, None, "ja"]],
        "Maßnahmen": [["Partner-Kennung", "Titel", "Handlungsfeld", "Stand der Umsetzung", "Jahr"],
                      ["muster-holzbau", "Lastenrad für die Baustelle", "Mobilität", "Geplant", 2026]],
    })
    outcome = run([path], registry)
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert outcome.updated == [("muster-holzbau", ["agreement.signed (Vereinbarung – Unterzeichnet am)",
                                                   "agreement.targets (Ziele)", "agreement.measures (Maßnahmen)"])]
    partner = load_text(outcome.text, today=TODAY, logo_dir=LOGOS).partners[0]
    assert partner.agreement.signed == dt.date(2023, 10, 1)
    assert [(t.year, t.reduction_percent, t.baseline_year, t.scopes, t.climate_neutral)
            for t in partner.agreement.targets] == [(2030, 55.5, 2019, (1, 2), False), (2035, None, None, (), True)]
    assert [(m.title, m.field, m.status, m.year) for m in partner.measures] == [
        ("Lastenrad für die Baustelle", "mobility", "planned", 2026)]
    # Everything outside the agreement block is as it was.
    before, after = BASE.split("    agreement:\n"), outcome.text.split("    agreement:\n")
    assert after[0] == before[0]
    assert after[1][after[1].index("    emissions:"):] == before[1][before[1].index("    emissions:"):]


def test_the_template_filled_in_imports_and_its_notes_row_is_skipped(registry, tmp_path):
    from klimapakt.office.template import template_bytes

    path = tmp_path / "vorlage.xlsx"
    path.write_bytes(template_bytes())
    book = openpyxl.load_workbook(path)
    book["Partner"].append(["", "Muster-Kanzlei Nord", "Partner", "Letter of Intent", dt.date(2026, 6, 1)])
    book.save(path)
    outcome = run([path], registry)
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert [row.id for row in outcome.added] == ["muster-kanzlei-nord"]
    assert outcome.problems == [sheet.CellProblem("vorlage.xlsx (Blatt „Partner“)", 3, 0, "Ohne Logo und Beschreibung wirkt das Profil "
                                              "leer. Bitte nachtragen, wenn möglich.", "warning")]


def test_values_are_edited_in_place_keeping_comments_and_new_keys_follow_the_declaration_order(registry, tmp_path):
    description = ("Die Muster-Holzbau Rhein GmbH ist ein erfundenes Unternehmen: Sie baut Dachstühle, Treppen und "
                   "Carports aus heimischem Holz und bildet jedes Jahr zwei Lehrlinge aus.")
    path = workbook(tmp_path / "kontakt.xlsx", {
        "Partner": [["Kennung", "Name", "Beschreibung", "Ansprechperson – Funktion", "Ansprechperson – Telefon"],
                    ["muster-holzbau", "Muster-Holzbau Rhein und Ruhr GmbH", description, "Geschäftsführerin",
                     "+49 211 000000"]],
    })
    outcome = run([path], registry)
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert outcome.text == (BASE
        .replace("    name: Muster-Holzbau Rhein GmbH   # the carpenters\n",
                 "    name: Muster-Holzbau Rhein und Ruhr GmbH   # the carpenters\n")
        .replace("    description: >-\n"
                 "      Die Muster-Holzbau Rhein GmbH ist ein erfundenes Unternehmen für die Tests des\n"
                 "      Imports: Sie baut Dachstühle aus heimischem Holz.\n",
                 "    description: >-\n"
                 "      Die Muster-Holzbau Rhein GmbH ist ein erfundenes Unternehmen: Sie baut Dachstühle, Treppen und\n"
                 "      Carports aus heimischem Holz und bildet jedes Jahr zwei Lehrlinge aus.\n")
        .replace("      name: Erika Beispiel\n      email: erika@muster-holzbau.example\n",
                 "      name: Erika Beispiel\n      role: Geschäftsführerin\n"
                 "      email: erika@muster-holzbau.example\n      phone: +49 211 000000\n"))
    partner = load_text(outcome.text, today=TODAY, logo_dir=LOGOS).partners[0]
    assert partner.description == description and partner.contact.phone == "+49 211 000000"


def test_a_sheet_of_the_same_values_changes_nothing_byte_for_byte(registry, tmp_path):
    """Export the registry's own values and import them again: every entry unchanged, the file identical."""
    from klimapakt.exports.xlsx import partners_xlsx

    partners = load_text(BASE, today=TODAY, logo_dir=LOGOS).partners
    path = tmp_path / "partners.xlsx"
    path.write_bytes(partners_xlsx(partners, dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), publisher="Test",
                                   rights="Test"))
    outcome = run([path], registry)
    assert outcome.ok and outcome.unchanged == ["muster-holzbau", "beispiel-baeckerei", "fantasia-logistik"]
    assert outcome.added == outcome.updated == []
    assert outcome.text == BASE


# --- problems at their cells

def test_cells_that_do_not_fit_their_field_are_reported_at_their_cell(registry, tmp_path):
    path = workbook(tmp_path / "fehler.xlsx", {
        "Partner": [["Kennung", "Name", "Rolle", "Stand der Teilnahme", "Stadtbezirk", "Notizen", "Beitritt"],
                    ["muster-neu", "Muster Neu GmbH", "Partner", "Klimapartner", "Stadtbezirk 11", "intern", "2026"]],
        "Emissionen": [["Partner-Kennung", "Berichtsjahr", "Scope 1 (t CO2e)"],
                       ["muster-unbekannt", 2024, 1],
                       ["muster-holzbau", 2024, "1.234"]],
    })
    outcome = run([path], registry)
    assert not outcome.ok
    partners, emissions = "fehler.xlsx (Blatt „Partner“)", "fehler.xlsx (Blatt „Emissionen“)"
    assert [str(p) for p in outcome.problems if p.severity == "error"] == [
        f"{emissions}:2:A: Partner-Kennung: Den Partner „muster-unbekannt“ gibt es weder in partners.yml noch in "
        "der Tabelle der Partner. Bitte die Kennung, den Namen oder die Zeile des Partners im Blatt „Partner“ "
        "(z. B. „Zeile 5“) eintragen.",
        f"{emissions}:3:C: Scope 1 (t CO2e): „1.234“ ist mehrdeutig: Bitte 1234 (ohne Tausenderpunkt) oder 1,234 "
        "(mit Dezimalkomma) schreiben.",
        f"{partners}:2:E: Stadtbezirk: „Stadtbezirk 11“ ist nicht erlaubt. Erlaubt sind: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.",
        f"{partners}:2:G: Beitritt: „2026“ ist kein Datum. Bitte TT.MM.JJJJ schreiben, z. B. 15.03.2024.",
    ]
    assert f"{partners}:1:F: Die Spalte „Notizen“ gehört zu keinem Feld und wird nicht übernommen." in [
        str(p) for p in outcome.problems if p.severity == "warning"]


def test_a_partner_twice_in_the_sheet_and_a_row_without_id_or_name_are_errors(registry, tmp_path):
    path = workbook(tmp_path / "doppelt.xlsx", {
        "Partner": [["Kennung", "Name", "Website"],
                    ["muster-holzbau", None, "https://a.example"],
                    [None, "Muster-Holzbau Rhein GmbH", "https://b.example"],
                    [None, None, "https://c.example"]],
    })
    outcome = run([path], registry)
    assert [str(p) for p in outcome.problems] == [
        "doppelt.xlsx:3: Der Partner „muster-holzbau“ steht schon in Zeile 2. Bitte die Zeilen zusammenführen.",
        "doppelt.xlsx:4: Die Zeile hat weder eine Kennung noch einen Namen.",
    ]


def test_a_file_that_is_no_spreadsheet_is_refused_in_german(registry, tmp_path):
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"not a zip file")
    old = tmp_path / "alt.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    outcome = run([broken, old], registry)
    assert [str(p) for p in outcome.problems] == [
        "alt.xls: Es werden nur .xlsx- und .csv-Dateien gelesen. Bitte in Excel als „Excel-Arbeitsmappe (.xlsx)“ "
        "speichern.",
        "kaputt.xlsx: Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx).",
    ]


def test_an_import_into_a_registry_with_errors_stops_before_reading_the_sheet(registry):
    registry.write_text(BASE.replace("status: former", "status: ehemalig"), encoding="utf-8")
    outcome = run([IMPORT / "ohne-kennung-windows.csv"], registry)
    assert not outcome.ok and outcome.problems == [] and len(outcome.registry_problems) == 1


def test_generated_ids_are_valid_and_unique():
    assert new_id("Muster-Bäckerei Süd GmbH & Co. KG", set()) == "muster-baeckerei-sued-gmbh-co-kg"
    assert new_id("Muster Straße", {"muster-strasse"}) == "muster-strasse-2"
    assert new_id("Ｍｕｓｔｅｒ Ｆｉｒｍａ", set()) == "muster-firma"
    assert new_id("Организация", set()) == "partner"
    assert len(new_id("Muster " * 40, set())) <= 60


# --- round trip: the site's export → an empty registry → the same directory

def directory_html(partners) -> str:
    from klimapakt.render.html import render_directory

    return render_directory(list(partners), root="")


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_export_then_import_into_an_empty_registry_gives_the_same_directory(demo_registry, tmp_path, form):
    from klimapakt import exports

    original = load_text(demo_registry.read_text(encoding="utf-8"), today=TODAY, logo_dir=LOGOS).partners
    meta = exports.Metadata("https://example.org/", "Test", "2026-01-01T00:00:00Z")
    exports.write_exports(original, tmp_path / "daten", meta)
    files = ([tmp_path / "daten/partners.xlsx"] if form == "xlsx"
             else [tmp_path / "daten" / table.file for table in csv_tables.tables()])
    empty = tmp_path / "partners.yml"
    empty.write_text("# Neu angelegt für den Import.\npartners: []\n", encoding="utf-8")
    outcome = run(files, empty)
    assert outcome.ok, [str(p) for p in outcome.problems if p.severity == "error"][:5]
    assert len(outcome.added) == len(original) == 60
    imported = load_text(outcome.text, today=TODAY, logo_dir=LOGOS).partners
    assert imported == original
    assert directory_html(imported) == directory_html(original)


# --- the template vorlagen/partner-import.xlsx

def test_the_committed_template_is_what_the_code_generates(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["template", "--check"]) == 0
    assert capsys.readouterr().out == "Importvorlage vorlagen/partner-import.xlsx aktuell.\n"


def test_the_template_has_a_column_per_field_notes_and_drop_down_lists():
    from klimapakt.office.columns import note

    book = openpyxl.load_workbook(ROOT / "vorlagen/partner-import.xlsx")
    assert book.sheetnames == ["Partner", "Ziele", "Maßnahmen", "Emissionen", "Auswahllisten"]
    assert book["Auswahllisten"].sheet_state == "hidden"
    for table in csv_tables.tables():
        sheet = book[table.title]
        assert [c.value for c in sheet[1]] == [c.title for c in table.columns]
        assert [c.value for c in sheet[2]] == [note(table, c) for c in table.columns]
        assert sheet.freeze_panes == "A3"
    partners = book["Partner"]
    assert partners["G2"].value == ("Branche: Abschnitt der WZ 2008 (A–U). Bitte aus der Liste wählen.")
    assert partners["E2"].value.startswith("Datum des Letter of Intent oder der Vereinbarung (JJJJ-MM-TT)")
    assert partners["E2"].value.endswith("Datum, z. B. 15.03.2024.")
    assert partners["F2"].value == "Wie genau „joined“ bekannt ist (leer: auf den Tag). Bitte aus der Liste wählen."
    assert partners["A2"].value.endswith("Leer lassen bei neuen Partnern: Die Kennung wird aus dem Namen erzeugt.")
    rules = {str(rule.sqref): rule.formula1 for rule in partners.data_validations.dataValidation}
    sector = rules["G3:G2000"]
    column = sector.split("!$")[1].split("$")[0]
    labels = [row[0].value for row in book["Auswahllisten"][f"{column}2:{column}22"]]
    assert labels[:3] == ["Land- und Forstwirtschaft, Fischerei", "Bergbau und Gewinnung von Steinen und Erden",
                          "Verarbeitendes Gewerbe"] and len(labels) == 21
    targets = {str(rule.sqref) for rule in book["Ziele"].data_validations.dataValidation}
    assert targets == {"F3:F2000"}  # „Klimaneutral“ (ja/nein); scopes may be several, so no drop-down list
