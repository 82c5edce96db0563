"""The import of spreadsheets as a pact office keeps them (issue 19, item 2; issue 25, items 2 and 8).

Titles above the header, German header names, hidden, empty and total rows, look-alike names,
missing columns, whole columns of one mistake, new partners' targets by row or name, the exact
round trip of a leading apostrophe, and cells that would reach the terminal raw. Fictional
companies only (tests/office/office_sheets.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, TODAY
from klimapakt.__main__ import main
from klimapakt.load.loader import load_text
from klimapakt.office.summary import import_files
from office_sheets import HIDDEN_ROW, office_list

from import_fixtures import LOGOS, registry, run, today  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("today")


def summary(paths, into: Path, dry_run: bool = True) -> tuple[int, str]:
    return import_files([Path(p) for p in paths], into, logo_dir=LOGOS, today=TODAY, dry_run=dry_run)


def workbook(path: Path, rows: list[list], title: str = "Tabelle1") -> Path:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def errors_of(outcome) -> list[str]:
    return [str(p) for p in outcome.problems if p.severity == "error"]


# --- the realistic office list

def test_a_150_row_office_list_imports_exactly_its_148_partners_and_lists_what_it_skipped(registry, tmp_path, capsys):
    sheet = office_list(tmp_path / "Partnerliste 2026.xlsx")
    code, text = summary([sheet], registry, dry_run=False)
    assert code == 0, text
    lines = text.splitlines()
    assert "Neu: 148, geändert: 0, unverändert: 0." in lines
    assert lines[lines.index("Nicht übernommene Zeilen:") + 1:][:3] == [
        "  Partnerliste 2026.xlsx: über der Kopfzeile (Titel, „Stand:“): Zeile 1 („Klimapakt Düsseldorf – Liste der "
        "Partne…“); 2 („Stand: 01.11.2026“)",
        f"  Partnerliste 2026.xlsx: ausgeblendet: Zeile {HIDDEN_ROW} („Ausgeblendet Verworfen GmbH“)",
        "  Partnerliste 2026.xlsx: Summenzeile: Zeile 154 („Gesamt“)",
    ]
    assert "  Partnerliste 2026.xlsx: „Unternehmen“ → Name" in lines
    assert "  Partnerliste 2026.xlsx: „PLZ/Stadtteil“ → Stadtbezirk" in lines
    assert "  Partnerliste 2026.xlsx: „E-Mail-Adresse“ → Ansprechperson – E-Mail" in lines
    # One hint for the 148 empty profiles, not 148.
    assert sum("Ohne Logo und Beschreibung" in line for line in lines) == 1
    loaded = load_text(registry.read_text(encoding="utf-8"), today=TODAY, logo_dir=LOGOS)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    names = [p.name for p in loaded.partners]
    assert len(names) == 3 + 148 and "Ausgeblendet Verworfen GmbH" not in names and "Gesamt" not in names
    new = loaded.partners[3]
    assert (new.name, new.district, new.website, new.contact.email) == (
        "Fabelhaft Bäckerei 001 GmbH", 3, "https://www.fabelhaft-001.example", "klima@fabelhaft-001.example")
    capsys.readouterr()
    assert main(["check", str(registry), "--logo-dir", str(LOGOS)]) == 0


def test_the_two_column_csv_without_rolle_exits_1_with_one_message_and_no_hang(registry, tmp_path):
    sheet = tmp_path / "liste.csv"
    sheet.write_text("Name;Stand der Teilnahme\nNeu Eins GmbH;Letter of Intent\nNeu Zwei GmbH;Klimapartner\n",
                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "klimapakt", "import", str(sheet), "--into", str(registry),
                           "--dry-run", "--logo-dir", str(LOGOS)], capture_output=True, text=True, timeout=60,
                          cwd=ROOT, env={"KLIMAPAKT_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.splitlines()[:2] == [
        "Fehler:",
        "  liste.csv: Die Spalte „Rolle“ fehlt. Sie ist Pflicht für neue Partner (hier 2, Zeile 2–3). Bitte eine "
        "Spalte mit der Überschrift „Rolle“ einfügen und in jede Zeile „Partner“ oder „Initialpartner“ eintragen.",
    ]
    assert sum(line.startswith("  liste.csv") for line in done.stdout.splitlines()) == 1


def test_the_same_two_columns_update_existing_partners_which_need_no_rolle(registry, tmp_path):
    sheet = tmp_path / "stand.csv"
    sheet.write_text("Name;Stand der Teilnahme\nBeispiel-Bäckerei Kö KG;Klimapartner\n", encoding="utf-8")
    outcome = run([sheet], registry)
    assert outcome.ok, errors_of(outcome)
    assert outcome.updated == [("beispiel-baeckerei", ["status (Stand der Teilnahme)"])]


def test_a_sheet_without_a_name_column_is_one_message_not_one_per_row(registry, tmp_path):
    sheet = workbook(tmp_path / "ohne-namen.xlsx", [["Firmensitz", "Rolle", "Status"],
                                                     *[[f"Ort {n}", "Partner", "Letter of Intent"] for n in range(20)]])
    outcome = run([sheet], registry)
    assert errors_of(outcome) == [
        "ohne-namen.xlsx:2: Die Zeile hat weder eine Kennung noch einen Namen. Ebenso in 19 weiteren Zeilen "
        "(Zeile 3–21)."]
    assert not outcome.ok


def test_one_mistake_in_a_whole_column_is_one_message_with_its_rows(registry, tmp_path):
    rows = [["Unternehmen", "Rolle", "Status", "Homepage"],
            *[[f"Spalte Test {n} GmbH", "Partner", "Letter of Intent", f"www.spalte-{n}.example"] for n in range(6)]]
    outcome = run([workbook(tmp_path / "web.xlsx", rows)], registry)
    (only,) = errors_of(outcome)
    assert only.startswith("web.xlsx:2:D: Website: „www.spalte-0.example“: Bitte mit https:// beginnen")
    assert only.endswith("Ebenso in 5 weiteren Zellen dieser Spalte (Zeile 3–7).")


# --- rows that are no partners

@pytest.mark.parametrize("total", [["Summe", None, None], [150, None, None], ["Gesamt: 150", None, None],
                                   [None, None, "150"]])
def test_a_total_row_is_skipped_and_listed(registry, tmp_path, total):
    rows = [["Name", "Rolle", "Stand der Teilnahme"], ["Summen Test GmbH", "Partner", "Letter of Intent"], total]
    code, text = summary([workbook(tmp_path / "summe.xlsx", rows)], registry)
    assert code == 0, text
    assert "Neu: 1, geändert: 0, unverändert: 0." in text
    assert "  summe.xlsx: Summenzeile: Zeile 3 („" in text


def test_empty_rows_between_partners_are_listed_as_ranges(registry, tmp_path):
    rows = [["Name", "Rolle", "Stand der Teilnahme"], ["Leer Eins GmbH", "Partner", "Letter of Intent"], [], [],
            ["Leer Zwei GmbH", "Partner", "Letter of Intent"], [], ["Leer Drei GmbH", "Partner", "Letter of Intent"]]
    code, text = summary([workbook(tmp_path / "leer.xlsx", rows)], registry)
    assert code == 0 and "  leer.xlsx: leer: Zeile 3–4, 6" in text.splitlines()


def test_a_sheet_whose_headers_match_nothing_imports_nothing_and_fails(registry, tmp_path):
    rows = [["Liste für die Weihnachtsfeier"], ["Gast", "Getränk"], ["Frau Beispiel", "Tee"]]
    code, text = summary([workbook(tmp_path / "feier.xlsx", rows)], registry)
    assert code == 1
    assert text.splitlines()[-1].startswith("Nichts übernommen: In der Tabelle steht keine Zeile mit einem Partner.")


def test_a_stand_line_and_a_title_above_a_csv_header_are_skipped(registry, tmp_path):
    sheet = tmp_path / "liste.csv"
    sheet.write_text("Partnerliste;;\nStand: 01.11.2026;;\n;;\nFirma;Rolle;Teilnahme\n"
                     "Titelzeile Test GmbH;Partner;Letter of Intent\n", encoding="utf-8")
    outcome = run([sheet], registry)
    assert outcome.ok, errors_of(outcome)
    assert [(row.id, row.origin.row) for row in outcome.added] == [("titelzeile-test-gmbh", 5)]
    assert [(s.row, s.reason) for s in outcome.skipped] == [(1, "title"), (2, "title")]


# --- look-alikes

def test_a_look_alike_of_an_existing_partner_is_a_question_not_a_second_entry(registry, tmp_path):
    rows = [["Name", "Rolle", "Stand der Teilnahme"], ["Muster-Holzbau Rhein GmbH & Co. KG", "Partner", "Klimapartner"]]
    outcome = run([workbook(tmp_path / "aehnlich.xlsx", rows)], registry)
    assert errors_of(outcome) == [
        "aehnlich.xlsx:2:A: Name: Ist „Muster-Holzbau Rhein GmbH & Co. KG“ der Partner „Muster-Holzbau Rhein GmbH“ "
        "(Kennung muster-holzbau)? Dann bitte muster-holzbau in die Spalte „Kennung“ schreiben, damit der Eintrag "
        "aktualisiert wird. Ist es ein anderes Unternehmen, bitte eine eigene Kennung eintragen (z. B. "
        "muster-holzbau-rhein-gmbh-co-kg); sonst entstünde ein zweiter Eintrag für dasselbe Unternehmen."]
    assert outcome.added == []


def test_a_look_alike_with_its_own_kennung_is_a_new_partner(registry, tmp_path):
    rows = [["Kennung", "Name", "Rolle", "Stand der Teilnahme"],
            ["muster-holzbau-ruhr", "Muster-Holzbau Rhein GmbH & Co. KG", "Partner", "Letter of Intent"]]
    outcome = run([workbook(tmp_path / "eigene.xlsx", rows)], registry)
    assert outcome.ok, errors_of(outcome)
    assert [row.id for row in outcome.added] == ["muster-holzbau-ruhr"]


# --- the template: targets and measures of a new partner

@pytest.mark.parametrize("reference", ["Muster-Kanzlei Nord", "Zeile 3", 3])
def test_targets_and_measures_of_a_new_partner_by_its_name_or_row(registry, tmp_path, reference):
    import datetime as dt

    from klimapakt.office.template import template_bytes

    path = tmp_path / "vorlage.xlsx"
    path.write_bytes(template_bytes())
    book = openpyxl.load_workbook(path)
    book["Partner"].append(["", "Muster-Kanzlei Nord", "Partner", "Klimapartner", dt.date(2026, 6, 1)])
    book["Ziele"].append([reference, 2030, 50, 2020])
    book["Maßnahmen"].append([reference, "Ökostrom", "Erneuerbare Energien", "Umgesetzt", 2026])
    book.save(path)
    outcome = run([path], registry)
    assert outcome.ok, errors_of(outcome)
    partner = load_text(outcome.text, today=TODAY, logo_dir=LOGOS).partners[-1]
    assert partner.id == "muster-kanzlei-nord"
    assert [(t.year, t.reduction_percent) for t in partner.agreement.targets] == [(2030, 50)]
    assert [(m.title, m.status) for m in partner.measures] == [("Ökostrom", "done")]


# --- districts from „PLZ/Stadtteil“

def test_a_stadtteil_gives_its_stadtbezirk_and_a_bare_postcode_asks_for_it(registry, tmp_path):
    rows = [["Name", "Rolle", "Stand der Teilnahme", "PLZ/Stadtteil"],
            ["Bezirk Eins GmbH", "Partner", "Letter of Intent", "40547 Oberkassel"],
            ["Bezirk Zwei GmbH", "Partner", "Letter of Intent", "40225"]]
    outcome = run([workbook(tmp_path / "bezirk.xlsx", rows)], registry)
    assert errors_of(outcome) == [
        "bezirk.xlsx:3:D: Stadtbezirk: Die Postleitzahl 40225 sagt nicht sicher, in welchem Stadtbezirk das "
        "Unternehmen liegt. Bitte den Stadtteil (z. B. „Bilk“) oder die Nummer des Stadtbezirks (1 bis 10) eintragen."]
    rows[2][3] = "Unterbilk"
    outcome = run([workbook(tmp_path / "bezirk.xlsx", rows)], registry)
    assert outcome.ok and [row.values[("district",)] for row in outcome.added] == [4, 3]


def test_a_header_with_one_known_name_below_a_title_and_notes_below_the_list_are_found(registry, tmp_path):
    rows = [["Neue Partner 2026"], ["Firma", "Bemerkung"], ["Vermerk Test GmbH", "neu"],
            ["Stand: 01.11.2026"], [None, "* Fußnote in einer Spalte, die nicht übernommen wird"]]
    outcome = run([workbook(tmp_path / "kurz.xlsx", rows)], registry)
    assert [(s.row, s.reason) for s in outcome.skipped] == [(1, "title"), (4, "note"), (5, "unknown")]
    assert [e.split(". Bitte")[0] for e in errors_of(outcome)] == [  # the one new partner is row 3
        "kurz.xlsx: Die Spalte „Rolle“ fehlt. Sie ist Pflicht für neue Partner (hier 1, Zeile 3)",
        "kurz.xlsx: Die Spalte „Stand der Teilnahme“ fehlt. Sie ist Pflicht für neue Partner (hier 1, Zeile 3)"]
