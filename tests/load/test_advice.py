"""Advice that is right (issue 12, item 4): real dates or none, the likely cause of a duplicate before a
deletion, a missing „- “ named as such, and own messages for URLs with spaces, addresses in „<…>“ and
stand-ins such as „k. A.“. Each test names what the check said before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from klimapakt import rules
from klimapakt.load.loader import load_text
from helpers.corpus import AGREEMENT, BASE, CONTACT, SECOND, registry

TODAY = dt.date(2026, 11, 25)
LOGOS = Path(__file__).resolve().parents[1] / "fixtures" / "logos"
E = "partners.yml"


def problems(text: str) -> list[str]:
    return [str(p) for p in load_text(text, today=TODAY, logo_dir=LOGOS).problems]


# --- dates: a suggestion is a real date, or there is none

@pytest.mark.parametrize(("written", "why"), [
    ("31.06.2025", "den 31. Juni 2025"), ("29.02.2023", "den 29. Februar 2023"), ("0.3.2024", "den 0. März 2024")])
def test_a_german_date_that_does_not_exist_gets_no_suggestion(written, why):
    # Before: „Meinten Sie 2025-06-31?“
    assert problems(registry(f"    joined: {written}\n")) == [
        f"{E}:8: acme: joined: „{written}“ ist kein Datum in der Form JJJJ-MM-TT. Außerdem gibt es {why} nicht. "
        "Bitte das Datum prüfen und als JJJJ-MM-TT schreiben, z. B. 2024-03-15 für den 15. März 2024."]


def test_a_german_date_with_a_thirteenth_month_gets_no_suggestion():
    assert problems(registry("    joined: 01.13.2024\n")) == [
        f"{E}:8: acme: joined: „01.13.2024“ ist kein Datum in der Form JJJJ-MM-TT. Außerdem gibt es keinen 13. Monat. "
        "Bitte das Datum prüfen, z. B. 2024-03-15 für den 15. März 2024."]


def test_a_german_date_that_exists_is_suggested_in_iso_form():
    assert problems(registry("    joined: 29.2.2024\n")) == [
        f"{E}:8: acme: joined: „29.2.2024“ ist kein Datum in der Form JJJJ-MM-TT. Meinten Sie 2024-02-29?"]


# --- duplicate keys: the likely cause first

DUPLICATE_IN_ENTRY = ("Das passiert meist, wenn beim Bearbeiten Zeilen gelöscht wurden und so zwei Einträge ineinander "
                      "übergehen, oder wenn vor einem neuen Eintrag der Strich „- “ fehlt.")


def test_an_entry_without_its_dash_is_named_once_not_as_six_duplicate_fields():
    # Before: six messages „Das Feld „id“/„name“/… steht doppelt … Bitte einen der beiden Einträge löschen.“
    text = registry(SECOND.replace("  - id: beta", "    id: beta"))
    assert problems(text) == [
        f"{E}:8: acme: id: Das Feld „id“ steht doppelt im selben Eintrag (Zeilen 2 und 8). Wahrscheinlich beginnt in "
        "Zeile 8 ein neuer Eintrag, und davor fehlt der Strich „- “. Bitte den Strich ergänzen, genau unter dem Strich "
        "in Zeile 2: „- id: beta“."]


def test_deleted_lines_that_merge_two_entries_are_named_before_a_deletion_is_suggested():
    # Lines 6 to 9 deleted: the rest of acme runs into the rest of beta. Deleting „one of the two“, as the
    # check advised, would have deleted beta.
    lines = (BASE + SECOND).splitlines()
    text = "\n".join(lines[:5] + lines[9:]) + "\n"  # …, status (5); beta's role (6), status (7), logo, description
    assert problems(text) == [
        f"{E}:6: acme: role: Das Feld „role“ steht doppelt im selben Eintrag (Zeilen 4 und 6). {DUPLICATE_IN_ENTRY} "
        "Bitte zuerst prüfen, ob zwischen Zeile 4 und 6 etwas fehlt; nur wenn das Feld versehentlich zweimal "
        "eingetragen ist, eine der beiden Zeilen löschen.",
        f"{E}:7: acme: status: Auch das Feld „status“ steht doppelt (Zeilen 5 und 7), wohl aus demselben Grund wie "
        "„role“ in Zeile 6."]


def test_an_entry_without_its_dash_where_the_dashes_stand_is_named_not_blamed_on_indentation():
    # Before: „die Einrückung passt nicht zur vorigen Zeile. Hinweis: Die Zeile ist mit 2 Leerzeichen eingerückt …“
    message = (f"{E}:8: Datei: -: YAML-Syntaxfehler in Spalte 3: Hier beginnt wohl ein neuer Eintrag der Liste, aber vor "
               "„id: beta“ fehlt der Strich „- “, mit dem jeder Eintrag beginnt. Bitte so schreiben: „- id: beta“.")
    assert problems(registry(SECOND.replace("  - id: beta", "  id: beta"))) == [message]
    flush = SECOND.replace("  - id: beta", "  id: beta").replace("\n    ", "\n  ")
    assert problems(registry(flush)) == [message]


def test_a_first_entry_without_its_dash_is_named_at_its_own_line():
    assert problems(BASE.replace("  - id: acme", "  id: acme")) == [
        f"{E}:2: Datei: -: YAML-Syntaxfehler in Spalte 3: Hier beginnt wohl ein neuer Eintrag der Liste, aber vor "
        "„id: acme“ fehlt der Strich „- “, mit dem jeder Eintrag beginnt. Bitte so schreiben: „- id: acme“."]


# --- web addresses with spaces, addresses in angle brackets

def test_a_web_address_with_a_space_gets_its_own_message():
    # Before: „… ist keine gültige Webadresse (Rechnername fehlt oder ist fehlerhaft).“
    assert problems(registry("    website: https://acme.example/über uns\n")) == [
        f"{E}:8: acme: website: „https://acme.example/über uns“ enthält ein Leerzeichen (an Stelle 26); in einer "
        "Webadresse ist keins erlaubt. Ist es versehentlich hineingeraten, bitte löschen. Gehört es zur Adresse, bitte "
        "die Adresse aus der Adresszeile des Browsers kopieren: Dort steht statt des Leerzeichens „%20“."]
    assert rules.check_url("https://acme de.de")[0].startswith("„https://acme de.de“ enthält ein Leerzeichen (an Stelle 13)")
    assert rules.check_url("Acme Website") == [
        "„Acme Website“ ist keine erlaubte Webadresse: sie muss mit https:// (oder http://) beginnen."]


def test_a_web_address_in_angle_brackets_is_not_called_html():
    # Before: „Der Text enthält HTML (z. B. „<b>“).“ and „… muss mit https:// beginnen.“
    assert problems(registry("    website: <https://acme.example>\n")) == [
        f"{E}:8: acme: website: „<https://acme.example>“: Die spitzen Klammern „<“ und „>“ gehören nicht zur Adresse, "
        "und die Website hielte sie für HTML. Bitte ohne Klammern schreiben: https://acme.example."]


def test_a_name_with_a_mail_address_in_angle_brackets_asks_for_the_address_only():
    assert problems(registry(CONTACT.replace("erika@acme.example", "Erika Mustermann <erika@acme.example>"))) == [
        f"{E}:10: acme: contact.email: „Erika Mustermann <erika@acme.example>“: So schreiben E-Mail-Programme Name und "
        "Adresse. Hier bitte nur die Adresse eintragen, ohne spitze Klammern: erika@acme.example."]


def test_an_address_in_angle_brackets_inside_a_description_and_real_html_beside_it():
    assert problems(registry(description="Fragen an <info@acme.example>.")) == [
        f"{E}:7: acme: description: „<info@acme.example>“: Die spitzen Klammern „<“ und „>“ gehören nicht zur Adresse, "
        "und die Website hielte sie für HTML. Bitte ohne Klammern schreiben: info@acme.example."]
    assert rules.check_markup("<b>Hallo</b> <https://acme.example>") == [
        "Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen."]
    assert rules.check_markup("Fragen an <info@acme.example>.") == []  # the address has its own rule


# --- stand-ins for „no value“

def nothing(value: str, key: str) -> str:
    return (f"„{value}“ steht wohl für „keine Angabe“. Dafür bitte nichts eintragen: hinter dem Doppelpunkt nichts "
            f"schreiben („{key}:“), „{key}: null“ schreiben oder die Zeile löschen.")


@pytest.mark.parametrize(("line", "field", "shown"), [
    ("    website: k. A.\n", "website", "k. A."), ("    joined: n/a\n", "joined", "n/a"),
    ("    sector: unbekannt\n", "sector", "unbekannt"), ("    website: –\n", "website", "–"),
    ("    district: \"k.A.\"\n", "district", "k.A.")])
def test_a_stand_in_for_no_value_points_to_writing_nothing_or_null(line, field, shown):
    # Before: „„k. A.“ ist keine erlaubte Webadresse …“, „„n/a“ ist kein Datum …“, „„unbekannt“ ist nicht erlaubt …“
    assert problems(registry(line)) == [f"{E}:8: acme: {field}: {nothing(shown, field)}"]


def test_stand_ins_in_nested_fields_lists_and_required_fields():
    assert problems(registry(CONTACT.replace("+49 211 1234567", "unbekannt"))) == [
        f"{E}:11: acme: contact.phone: {nothing('unbekannt', 'phone')}"]
    assert problems(registry(AGREEMENT.replace("scopes: [1, 2]", "scopes: [k. A.]"))) == [
        f"{E}:15: acme: agreement.targets[1].scopes[1]: „k. A.“ steht wohl für „keine Angabe“. Dafür bitte den "
        "Listeneintrag löschen."]
    assert problems(registry(name="k. A.")) == [
        f"{E}:3: acme: name: „k. A.“ steht wohl für „keine Angabe“, aber „name“ ist ein Pflichtfeld. Bitte den richtigen "
        "Wert eintragen."]


def test_a_dash_for_no_value_gets_a_hint_with_the_syntax_error():
    # Before: „hier darf kein Listeneintrag („- “) beginnen. Hinweis: Prüfen Sie Einrückung, Doppelpunkte …“
    assert problems(registry("    website: -\n")) == [
        f"{E}:8: Datei: -: YAML-Syntaxfehler in Spalte 14: hier darf kein Listeneintrag („- “) beginnen. Hinweis: Soll "
        "„-“ „keine Angabe“ heißen? Dann bitte nichts hinter den Doppelpunkt schreiben („website:“) oder „website: null“."]


def test_real_values_are_no_stand_ins():
    for value in ("Kaufhaus", "NA Logistik", "n/a GmbH", "Kein Angebot", "– Klima –"):
        assert rules.placeholder_message(value, "name", True, False) is None, value
