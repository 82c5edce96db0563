"""A corpus of invalid registries: each yields exactly the expected message at the expected line.

Every case starts from `BASE`, a valid registry that yields no problem at all, and changes or
adds a few lines. The expected strings are what `python -m klimapakt check` prints.
"""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from helpers.corpus import AGREEMENT, BASE, CONTACT, EMISSIONS, SECOND, registry
from klimapakt.load.loader import load_text

TODAY = dt.date(2026, 11, 25)
LOGOS = Path(__file__).parents[1] / "fixtures" / "logos"


def test_base_registry_and_its_richer_variants_yield_no_problem(logo_dir):
    for text in (BASE, registry(SECOND), registry(AGREEMENT + EMISSIONS + CONTACT + "    last_reviewed: 2026-06-01\n")):
        loaded = load_text(text, today=TODAY, logo_dir=logo_dir)
        assert [str(p) for p in loaded.problems] == []
        assert loaded.partners


def test_a_founding_partner_is_initialpartner_or_a_klimapartner_with_its_agreement(logo_dir):
    """Both are valid; neither is warned about a missing agreement (an Initialpartner needs none)."""
    for text in (registry("    joined: 2021-10-01\n", role="founding", status="founding"),
                 registry(AGREEMENT, role="founding")):
        loaded = load_text(text, today=TODAY, logo_dir=logo_dir)
        assert [str(p) for p in loaded.problems] == [] and loaded.partners


@pytest.mark.data
def test_shipped_partners_yml_has_no_errors():  # on the real build date: a partner may have joined today
    loaded = load_text((Path(__file__).parents[2] / "partners.yml").read_text(encoding="utf-8"),
                       logo_dir=Path(__file__).parents[2] / "docs/assets/partners")
    assert [str(p) for p in loaded.problems if p.severity == "error"] == []


E = "partners.yml"
DUPLICATE_IN_ENTRY = ("Das passiert meist, wenn beim Bearbeiten Zeilen gelöscht wurden und so zwei Einträge ineinander "
                      "übergehen, oder wenn vor einem neuen Eintrag der Strich „- “ fehlt.")
DUPLICATE = "Das passiert meist, wenn beim Bearbeiten Zeilen gelöscht oder doppelt eingefügt wurden."


def check_between(first: int, line: int) -> str:
    return (f"Bitte zuerst prüfen, ob zwischen Zeile {first} und {line} etwas fehlt; nur wenn das Feld versehentlich "
            "zweimal eingetragen ist, eine der beiden Zeilen löschen.")


CORPUS = [
    # --- YAML syntax: line, column and a hint for the usual causes
    ("tab-indentation", "partners:\n  - id: acme\n\tname: Acme GmbH\n",
     f"{E}:3: Datei: -: YAML-Syntaxfehler in Spalte 1: Tabulatorzeichen sind in YAML nicht erlaubt. "
     "Hinweis: Die Zeile enthält Tabulatorzeichen. Bitte nur Leerzeichen zum Einrücken verwenden."),
    ("missing-space-after-colon", registry(role="x").replace("role: x", "role:partner"),
     f"{E}:4: Datei: -: YAML-Syntaxfehler in Spalte 5: hier fehlt ein Doppelpunkt. "
     "Hinweis: Nach dem Doppelpunkt in „role:partner“ fehlt ein Leerzeichen."),
    ("unquoted-colon-in-text", registry(description="Ziel: klimaneutral bis 2035"),
     f"{E}:7: Datei: -: YAML-Syntaxfehler in Spalte 22: an dieser Stelle ist kein Doppelpunkt erlaubt. "
     "Hinweis: Ein Text mit „: “ muss in Anführungszeichen stehen, z. B. description: \"Ziel: klimaneutral bis 2035\"."),
    ("missing-colon", registry(role="x").replace("role: x", "role partner"),
     f"{E}:4: Datei: -: YAML-Syntaxfehler in Spalte 5: hier fehlt ein Doppelpunkt. "
     "Hinweis: In „role partner“ fehlt nach dem Feldnamen ein Doppelpunkt."),
    ("unclosed-quote", registry(name='"Acme GmbH'),
     f"{E}:3: Datei: -: YAML-Syntaxfehler in Spalte 11: die Datei endet unerwartet (fehlt ein schließendes "
     "Anführungszeichen oder eine Klammer?). Hinweis: Das Anführungszeichen am Anfang des Texts wird nicht geschlossen."),
    ("text-after-closing-quote", registry(name='"Acme" GmbH'),
     f"{E}:3: Datei: -: YAML-Syntaxfehler in Spalte 18: nach dem Wert steht noch etwas, das YAML nicht zuordnen kann. "
     "Hinweis: Wenn ein Text in Anführungszeichen beginnt, muss er auch damit enden. Anführungszeichen im Text: "
     "den ganzen Text in die jeweils anderen setzen, z. B. 'Firma \"Nord\" GmbH'."),
    ("indentation-too-deep", registry().replace("    role:", "      role:"),
     f"{E}:4: Datei: -: YAML-Syntaxfehler in Spalte 11: an dieser Stelle ist kein Doppelpunkt erlaubt. "
     "Hinweis: Die Zeile ist mit 6 Leerzeichen eingerückt, die Zeile darüber mit 4. "
     "Felder desselben Abschnitts müssen genau untereinander stehen."),
    ("text-starting-with-ampersand", registry(name="& Söhne"),
     f"{E}:3: Datei: -: YAML-Syntaxfehler in Spalte 11: „&“ oder „*“ am Anfang eines Werts hat in YAML eine "
     "besondere Bedeutung. Hinweis: Ein Text, der mit „&“ beginnt, muss in Anführungszeichen stehen, z. B. \"&…\"."),
    ("list-entry-without-space", registry(SECOND.replace("  - id: beta", "  -id: beta")),
     f"{E}:8: Datei: -: YAML-Syntaxfehler in Spalte 3: die Einrückung passt nicht zur vorigen Zeile. "
     "Hinweis: Nach dem Strich „-“ am Anfang eines Listeneintrags fehlt ein Leerzeichen."),
    ("comment-without-hash", "Partnerliste des Klimapakts\n" + BASE,
     f"{E}:2: Datei: -: YAML-Syntaxfehler in Spalte 9: an dieser Stelle ist kein Doppelpunkt erlaubt. "
     "Hinweis: Soll „Partnerliste des Klimapakts“ ein Kommentar sein? Dann bitte „# “ davor setzen."),
    ("two-documents", registry("---\npartners: []\n"),
     f"{E}:8: Datei: -: YAML-Syntaxfehler in Spalte 1: die Datei darf nur ein Dokument enthalten (Zeile „---“ löschen)."),
    ("control-character", registry(description="Acme\x07 stellt her"),
     f"{E}:7: Datei: -: Die Zeile enthält ein unsichtbares Steuerzeichen (U+0007) in Spalte 22. "
     "Bitte das Zeichen löschen, am einfachsten die Zeile neu tippen."),
    ("hidden-line-separator", registry(description="Acme\u2028stellt her"),
     f"{E}:7: Datei: -: Die Zeile enthält einen unsichtbaren Zeilenumbruch (U+2028) in Spalte 22. "
     "Bitte das Zeichen löschen, am einfachsten die Zeile neu tippen."),
    ("anchor-and-alias", registry(name="&n Acme GmbH", description="*n"),
     [f"{E}:3: Datei: -: In Spalte 11 steht ein YAML-Anker („&…“); das wird hier nicht unterstützt. Bitte die Angaben "
      "ausschreiben. Ein Text, der mit „&“, „*“, „!“ oder „%“ beginnt, muss in Anführungszeichen stehen.",
      f"{E}:7: Datei: -: In Spalte 18 steht ein YAML-Verweis („*…“); das wird hier nicht unterstützt. Bitte die Angaben "
      "ausschreiben. Ein Text, der mit „&“, „*“, „!“ oder „%“ beginnt, muss in Anführungszeichen stehen."]),
    ("explicit-tag", registry(name="!!str 2024"),
     f"{E}:3: Datei: -: In Spalte 11 steht eine YAML-Typangabe („!…“); das wird hier nicht unterstützt. Bitte die "
     "Angaben ausschreiben. Ein Text, der mit „&“, „*“, „!“ oder „%“ beginnt, muss in Anführungszeichen stehen."),
    # --- structure: empty file, wrong shapes, duplicates, unknown and missing keys
    ("empty-file", "# nur ein Kommentar\n",
     f"{E}:1: Datei: -: Die Datei ist leer. Sie muss mit „partners:“ beginnen."),
    ("partners-not-a-list", "partners: Acme\n",
     f"{E}:1: Datei: partners: „partners“ muss eine Liste sein (jeder Eintrag beginnt mit „- id: …“)."),
    ("entry-not-a-mapping", registry("  - beta\n"),
     f"{E}:8: Eintrag 2: -: Hier wird ein Abschnitt mit Feldern erwartet (z. B. „id: …“), nicht der Text „beta“."),
    # (the duplicate messages name the likely cause before a deletion: issue 12, item 4)
    ("duplicate-key", registry("    name: Acme AG\n"),
     f"{E}:8: acme: name: Das Feld „name“ steht doppelt im selben Eintrag (Zeilen 3 und 8). {DUPLICATE_IN_ENTRY} "
     f"{check_between(3, 8)}"),
    ("duplicate-key-nested", registry(CONTACT + "      name: Max Muster\n"),
     f"{E}:12: acme: contact.name: Das Feld „name“ steht doppelt (Zeilen 9 und 12). {DUPLICATE} {check_between(9, 12)}"),
    ("duplicate-key-top-level", registry("partners:\n  - id: beta\n"),
     f"{E}:8: Datei: partners: Das Feld „partners“ steht doppelt (Zeilen 1 und 8). {DUPLICATE} {check_between(1, 8)}"),
    ("duplicate-key-below-unknown-key", registry("    extras:\n      farbe: grün\n      farbe: blau\n"),
     [f"{E}:8: acme: extras: Unbekanntes Feld „extras“. Erlaubt sind: id, name, role, status, joined, joined_precision, sector, size, "
      "district, website, logo, description, contact, agreement, emissions, last_reviewed, former_ids.",
      f"{E}:10: acme: extras.farbe: Das Feld „farbe“ steht doppelt (Zeilen 9 und 10). {DUPLICATE} {check_between(9, 10)}"]),
    ("duplicate-id", registry(SECOND.replace("id: beta", "id: acme")),
     f"{E}:8: acme: id: Die Kennung „acme“ ist schon in Zeile 2 vergeben. Jede Kennung darf nur einmal vorkommen."),
    ("unknown-key-typo", registry("    webiste: https://acme.example\n"),
     f"{E}:8: acme: webiste: Unbekanntes Feld „webiste“. Meinten Sie „website“?"),
    ("unknown-key-german", registry("    branche: C\n"),
     f"{E}:8: acme: branche: Unbekanntes Feld „branche“. Meinten Sie „sector“?"),
    ("unknown-key-belongs-to-section", registry("    email: info@acme.example\n"),
     f"{E}:8: acme: email: Das Feld „email“ gehört in den Abschnitt „contact“. Ist es richtig eingerückt?"),
    ("unknown-key-indented-too-far", registry(CONTACT + "      website: https://acme.example\n"),
     f"{E}:12: acme: contact.website: Das Feld „website“ gehört nicht in den Abschnitt „contact“, sondern eine Ebene "
     "höher. Ist es zu weit eingerückt?"),
    ("unknown-key", registry("    umsatz: 12\n"),
     f"{E}:8: acme: umsatz: Unbekanntes Feld „umsatz“. Erlaubt sind: id, name, role, status, joined, joined_precision, sector, size, "
     "district, website, logo, description, contact, agreement, emissions, last_reviewed, former_ids."),
    ("required-key-missing", registry(status=None),
     f"{E}:2: acme: status: Das Pflichtfeld „status“ fehlt (Stand der Teilnahme)."),
    ("required-key-empty", registry(name=""),
     f"{E}:3: acme: name: Das Pflichtfeld „name“ ist leer (Name des Unternehmens oder der Organisation)."),
    ("required-nested-key-missing", registry("    emissions:\n      - scope1: 3\n"),
     f"{E}:9: acme: emissions[1].year: Das Pflichtfeld „year“ fehlt (Berichtsjahr)."),
    ("emission-year-twice", registry("    emissions:\n      - {year: 2021, scope1: 3}\n      - {year: 2021, scope1: 4}\n"),
     f"{E}:10: acme: emissions[2].year: „year: 2021“ steht schon in Zeile 9. Jeder Wert darf nur einmal vorkommen."),
    # --- types
    ("section-expected", registry("    contact: Erika Beispiel\n"),
     f"{E}:8: acme: contact: Hier wird ein Abschnitt mit Feldern erwartet (z. B. „name: …“), nicht der Text „Erika Beispiel“."),
    ("list-expected", registry("    emissions: 120\n"),
     f"{E}:8: acme: emissions: Hier wird eine Liste erwartet (jeder Eintrag beginnt mit „- “), nicht eine Zahl („120“)."),
    ("scalar-expected", registry(name="[Acme, GmbH]"),
     f"{E}:3: acme: name: Hier wird ein Text erwartet, nicht eine Liste."),
    ("number-expected", registry("    emissions:\n      - year: 2023\n        scope1: viel\n"),
     f"{E}:10: acme: emissions[1].scope1: Hier wird eine Zahl erwartet, nicht der Text „viel“."),
    ("year-in-quotes", registry("    emissions:\n      - year: \"2023\"\n        scope1: 3\n"),
     f"{E}:9: acme: emissions[1].year: Hier wird eine Jahreszahl erwartet, nicht der Text „2023“. "
     "Bitte ohne Anführungszeichen schreiben: 2023."),
    ("decimal-comma", registry("    emissions:\n      - year: 2023\n        scope1: 120,5\n"),
     f"{E}:10: acme: emissions[1].scope1: „120,5“: Meinen Sie 120,5 (einhundertzwanzig Komma fünf)? "
     "Bitte einen Punkt statt des Kommas schreiben: 120.5."),
    ("number-with-unit", registry("    emissions:\n      - year: 2023\n        scope1: 120 t\n"),
     f"{E}:10: acme: emissions[1].scope1: Hier wird eine Zahl erwartet, nicht der Text „120 t“. "
     "Bitte nur die Zahl ohne Einheit schreiben."),
    ("bool-yes", registry(AGREEMENT.replace("climate_neutral: true", "climate_neutral: yes")),
     f"{E}:17: acme: agreement.targets[2].climate_neutral: Hier bitte true oder false eintragen, nicht „yes“."),
    ("scopes-not-a-list", registry(AGREEMENT.replace("scopes: [1, 2]", "scopes: 1, 2")),
     f"{E}:15: acme: agreement.targets[1].scopes: Hier wird eine Liste erwartet (z. B. [1, 2]), nicht der Text „1, 2“."),
    ("demo-flag-not-bool", "demo: ja\n" + BASE,
     f"{E}:1: Datei: demo: Hier bitte true oder false eintragen, nicht „ja“."),
    # --- YAML 1.1 surprises: refused, never converted
    ("no-as-text", registry(description="no"),
     f"{E}:7: acme: description: „no“ liest YAML als Ja/Nein-Wert (false), nicht als Text. "
     "Bitte in Anführungszeichen setzen: \"no\"."),
    ("on-as-text", registry(CONTACT.replace("Erika Beispiel", "On")),
     f"{E}:9: acme: contact.name: „On“ liest YAML als Ja/Nein-Wert (true), nicht als Text. "
     "Bitte in Anführungszeichen setzen: \"On\"."),
    ("number-lost-digits", registry(name="1.10"),
     f"{E}:3: acme: name: „1.10“ liest YAML als Zahl 1.1, nicht als Text. Bitte in Anführungszeichen setzen: \"1.10\"."),
    ("number-in-text-for-editors", registry(name="12e4"),
     f"{E}:3: acme: name: „12e4“ lesen manche Programme als Zahl, nicht als Text. Bitte in Anführungszeichen setzen: \"12e4\"."),
    ("octal-in-text", registry(description="0211"),
     f"{E}:7: acme: description: „0211“ liest YAML als Zahl 137, nicht als Text. Bitte in Anführungszeichen setzen: \"0211\"."),
    ("leading-zero-number", registry("    district: 07\n"),
     f"{E}:8: acme: district: „07“ beginnt mit einer Null; YAML würde die Zahl umdeuten. Bitte ohne führende Null schreiben."),
    ("leading-zero-year", registry("    emissions:\n      - year: 02023\n        scope1: 3\n"),
     f"{E}:9: acme: emissions[1].year: „02023“ beginnt mit einer Null; YAML würde die Zahl umdeuten. "
     "Bitte ohne führende Null schreiben."),
    ("date-as-text", registry(description="2024-01-01"),
     f"{E}:7: acme: description: „2024-01-01“ liest YAML als Datum, nicht als Text. "
     "Bitte in Anführungszeichen setzen: \"2024-01-01\"."),
    ("comment-cuts-text", registry(name="Acme #1 GmbH"),
     f"{E}:3: acme: name: „#1 GmbH“ liest YAML als Kommentar, es fehlt also im Text. "
     "Bitte den ganzen Text in Anführungszeichen setzen (ein Kommentar beginnt mit „# “)."),
    # --- allowed values, listed in the message
    ("role", registry(role="Initialpartner"),
     f"{E}:4: acme: role: „Initialpartner“ ist nicht erlaubt. Meinten Sie „founding“? "
     "Erlaubt sind: founding (Initialpartner), partner (Partner)."),
    ("status", registry(status="aktiv"),
     f"{E}:5: acme: status: „aktiv“ ist nicht erlaubt. Erlaubt sind: letter-of-intent (Letter of Intent), "
     "partner (Klimapartner), former (Ehemaliger Partner), founding (Initialpartner)."),
    ("sector", registry("    sector: Z\n"),
     f"{E}:8: acme: sector: „Z“ ist nicht erlaubt. Erlaubt sind: A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U."),
    ("sector-lowercase", registry("    sector: c\n"),
     f"{E}:8: acme: sector: „c“ ist nicht erlaubt. Meinten Sie „C“? "
     "Erlaubt sind: A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U."),
    ("size", registry("    size: gross\n"),
     f"{E}:8: acme: size: „gross“ ist nicht erlaubt. Erlaubt sind: micro (Kleinstunternehmen), small (Kleines "
     "Unternehmen), medium (Mittleres Unternehmen), large (Großunternehmen)."),
    ("district", registry("    district: 11\n"),
     f"{E}:8: acme: district: „11“ ist nicht erlaubt. Erlaubt sind: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10."),
    ("district-in-quotes", registry("    district: \"3\"\n"),
     f"{E}:8: acme: district: Bitte ohne Anführungszeichen schreiben: 3."),
    ("measure-field", registry(AGREEMENT.replace("field: energy-efficiency", "field: Licht")),
     f"{E}:20: acme: agreement.measures[1].field: „Licht“ ist nicht erlaubt. Erlaubt sind: energy-efficiency "
     "(Energieeffizienz), renewables (Erneuerbare Energien), buildings (Gebäude), mobility (Mobilität), "
     "procurement (Beschaffung), circular-economy (Kreislaufwirtschaft), awareness (Sensibilisierung), other (Sonstiges)."),
    ("measure-status", registry(AGREEMENT.replace("status: done", "status: Umgesetzt")),
     f"{E}:21: acme: agreement.measures[1].status: „Umgesetzt“ ist nicht erlaubt. Meinten Sie „done“? "
     "Erlaubt sind: planned (Geplant), in-progress (In Umsetzung), done (Umgesetzt)."),
    ("scope", registry(AGREEMENT.replace("scopes: [1, 2]", "scopes: [1, 4]")),
     f"{E}:15: acme: agreement.targets[1].scopes[2]: „4“ ist nicht erlaubt. Erlaubt sind: 1, 2, 3."),
    # --- formats
    ("id-format", registry(id="Acme_GmbH"),
     f"{E}:2: Acme_GmbH: id: „Acme_GmbH“ ist keine gültige Kennung: erlaubt sind Kleinbuchstaben a–z, Ziffern und "
     "einzelne Bindestriche, z. B. „muster-gmbh“."),
    ("id-too-long", registry(id="a" * 61),
     f"{E}:2: {'a' * 61}: id: Die Kennung ist 61 Zeichen lang; höchstens 60 sind erlaubt."),
    ("url-javascript", registry("    website: javascript:alert(1)\n"),
     f"{E}:8: acme: website: „javascript:alert(1)“ ist keine erlaubte Webadresse: sie muss mit https:// (oder http://) beginnen."),
    ("url-data", registry("    website: data:text/html;base64,PHNjcmlwdD4=\n"),
     f"{E}:8: acme: website: „data:text/html;base64,PHNjcmlwdD4=“ ist keine erlaubte Webadresse: sie muss mit "
     "https:// (oder http://) beginnen."),
    ("url-without-scheme", registry("    website: www.acme.example\n"),
     f"{E}:8: acme: website: „www.acme.example“: Bitte mit https:// beginnen, z. B. „https://www.acme.example“."),
    ("url-bad-host", registry("    website: https://acme\n"),
     f"{E}:8: acme: website: „https://acme“ ist keine gültige Webadresse (Rechnername fehlt oder ist fehlerhaft)."),
    ("email", registry(CONTACT.replace("erika@acme.example", "erika(at)acme.example")),
     f"{E}:10: acme: contact.email: „erika(at)acme.example“ ist keine gültige E-Mail-Adresse (Beispiel: name@firma.de)."),
    ("phone", registry(CONTACT.replace("+49 211 1234567", "Zentrale")),
     f"{E}:11: acme: contact.phone: „Zentrale“ ist keine gültige Telefonnummer (Beispiel: +49 211 1234567)."),
    ("date-german-format", registry("    joined: 15.03.2024\n"),
     f"{E}:8: acme: joined: „15.03.2024“ ist kein Datum in der Form JJJJ-MM-TT. Meinten Sie 2024-03-15?"),
    ("date-does-not-exist", registry("    joined: 2024-02-30\n"),
     f"{E}:8: acme: joined: Das Datum 2024-02-30 gibt es nicht."),
    ("date-in-future", registry("    last_reviewed: 2026-11-26\n"),
     f"{E}:8: acme: last_reviewed: Das Datum 2026-11-26 liegt in der Zukunft."),
    ("date-implausible-year", registry("    joined: 1989-12-31\n"),
     f"{E}:8: acme: joined: Das Jahr 1989 ist nicht plausibel: erlaubt sind 1990 bis 2050."),
    ("year-implausible", registry(AGREEMENT.replace("year: 2040", "year: 2060")),
     f"{E}:16: acme: agreement.targets[2].year: Das Jahr 2060 ist nicht plausibel: erlaubt sind 1990 bis 2050."),
    ("target-before-baseline", registry(AGREEMENT.replace("year: 2030", "year: 2019")),
     f"{E}:12: acme: agreement.targets[1].year: Das Zieljahr 2019 muss nach dem Basisjahr 2019 liegen."),
    ("target-without-goal", registry(AGREEMENT.replace("          climate_neutral: true\n", "")),
     f"{E}:16: acme: agreement.targets[2]: Ein Ziel braucht „reduction_percent“ oder „climate_neutral: true“."),
    ("reduction-without-baseline", registry(AGREEMENT.replace("          baseline_year: 2019\n", "")),
     f"{E}:12: acme: agreement.targets[1].baseline_year: Zu einer Minderung in Prozent gehört ein Basisjahr („baseline_year“)."),
    ("percent-over-100", registry(AGREEMENT.replace("reduction_percent: 50", "reduction_percent: 150")),
     f"{E}:13: acme: agreement.targets[1].reduction_percent: 150 liegt nicht zwischen 0 und 100 Prozent."),
    ("percent-sign", registry(AGREEMENT.replace("reduction_percent: 50", "reduction_percent: 50 %")),
     f"{E}:13: acme: agreement.targets[1].reduction_percent: Hier wird eine Zahl erwartet, nicht der Text „50 %“. "
     "Bitte nur die Zahl ohne Einheit schreiben."),
    ("emissions-negative", registry(EMISSIONS.replace("120.5", "-120.5")),
     f"{E}:10: acme: emissions[1].scope1: Emissionen können nicht negativ sein (-120,5)."),
    ("emissions-without-value", registry("    emissions:\n      - year: 2023\n"),
     f"{E}:9: acme: emissions[1]: Für 2023 ist kein Wert angegeben (scope1, scope2 oder scope3)."),
    ("too-many-decimals", registry(EMISSIONS.replace("120.5", "120.5678")),
     f"{E}:10: acme: emissions[1].scope1: „120.5678“ hat mehr als 3 Nachkommastellen; die Website zeigt höchstens 3. "
     "Bitte runden."),
    ("too-many-digits", registry(EMISSIONS.replace("120.5", "1" * 13)),
     f"{E}:10: acme: emissions[1].scope1: „{'1' * 13}“ hat zu viele Stellen (höchstens 12 vor dem Punkt)."),
    # --- text
    ("name-too-long", registry(name="A" * 121),
     f"{E}:3: acme: name: Der Text ist 121 Zeichen lang; höchstens 120 sind erlaubt."),
    ("description-too-long", registry(description="x" * 1501),
     f"{E}:7: acme: description: Der Text ist 1501 Zeichen lang; höchstens 1500 sind erlaubt."),
    ("jinja", registry(description="Hallo {{ config }}"),
     f"{E}:7: acme: description: Der Text enthält „{{{{“, „{{%“ oder „{{#“. Diese Zeichenfolgen sind nicht erlaubt."),
    ("html", registry(description="Wir sind <b>klimaneutral</b>"),
     f"{E}:7: acme: description: Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen."),
    ("line-break-in-name", registry(name="|\n      Acme\n      GmbH"),
     f"{E}:3: acme: name: Dieser Text muss in einer Zeile stehen (ohne Zeilenumbruch)."),
    ("invisible-character", registry(name='"Acme\\u200b GmbH"'),
     f"{E}:3: acme: name: Der Text enthält ein unsichtbares Steuerzeichen (U+200B) an Stelle 5. "
     "Bitte das Zeichen löschen, am einfachsten den Text neu tippen."),
    ("empty-text", registry(description='"  "'),
     f"{E}:7: acme: description: Der Text ist leer. Bitte ausfüllen oder die Zeile löschen."),
    # --- logos
    ("logo-missing", registry(logo="fehlt.svg"),
     f"{E}:6: acme: logo: Die Logo-Datei „fehlt.svg“ fehlt im Ordner docs/assets/partners/."),
    ("logo-format", registry(logo="acme.gif"),
     f"{E}:6: acme: logo: „acme.gif“: erlaubt sind SVG, PNG, WebP oder JPEG (Endung .svg, .png, .webp, .jpg oder .jpeg)."),
    ("logo-with-folder", registry(logo="../../secret.png"),
     f"{E}:6: acme: logo: Bitte nur den Dateinamen angeben (ohne Ordner): „../../secret.png“."),
    ("logo-file-name", registry(logo="Acme Logo.png"),
     f"{E}:6: acme: logo: „Acme Logo.png“: Der Dateiname darf nur Buchstaben a–z, Ziffern, „-“, „_“ und einen Punkt "
     "vor der Endung enthalten und höchstens 100 Zeichen lang sein."),
    ("logo-too-big", registry(logo="big.png"),
     f"{E}:6: acme: logo: Die Logo-Datei ist 201 KB groß; höchstens 200 KB sind erlaubt."),
    ("logo-too-narrow", registry(logo="narrow.png"),
     f"{E}:6: acme: logo: Das Logo ist nur 120 Pixel breit; mindestens 200 Pixel sind nötig."),
    ("logo-jpeg-too-narrow", registry(logo="narrow.jpg"),
     f"{E}:6: acme: logo: Das Logo ist nur 150 Pixel breit; mindestens 200 Pixel sind nötig."),
    ("logo-not-what-suffix-says", registry(logo="fake.png"),
     f"{E}:6: acme: logo: „fake.png“ ist keine lesbare PNG-Datei."),
    ("svg-script", registry(logo="script.svg"),
     f"{E}:6: acme: logo: Das SVG enthält das Element <script>; das ist aus Sicherheitsgründen nicht erlaubt."),
    ("svg-event-handler", registry(logo="onload.svg"),
     f"{E}:6: acme: logo: Das SVG enthält das Attribut „onload“; das ist aus Sicherheitsgründen nicht erlaubt."),
    ("svg-foreign-object", registry(logo="foreign.svg"),
     f"{E}:6: acme: logo: Das SVG enthält das Element <foreignObject>; das ist aus Sicherheitsgründen nicht erlaubt."),
    ("svg-external-reference", registry(logo="external.svg"),
     f"{E}:6: acme: logo: Das SVG enthält einen Verweis auf eine externe Quelle; das ist aus Sicherheitsgründen nicht erlaubt."),
    ("svg-animated-href", registry(logo="animate.svg"),
     f"{E}:6: acme: logo: Das SVG enthält das Element <set>, das „href“ verändert; das ist aus Sicherheitsgründen nicht erlaubt."),
    ("svg-entity", registry(logo="entity.svg"),
     f"{E}:6: acme: logo: Das SVG enthält DOCTYPE- oder ENTITY-Angaben; diese sind nicht erlaubt."),
    ("svg-not-svg", registry(logo="html.svg"),
     f"{E}:6: acme: logo: Die Datei ist kein SVG (das äußerste Element ist nicht <svg>)."),
    ("svg-broken", registry(logo="broken.svg"),
     f"{E}:6: acme: logo: Das SVG ist keine gültige XML-Datei (Fehler in Zeile 2 der SVG-Datei)."),
    # --- roles: a founding partner is a Klimapartner only with its own agreement
    ("founding-klimapartner-without-agreement", registry(role="founding"),
     f"{E}:5: acme: status: Ein Initialpartner („role: founding“) ist nur mit eingetragener Klimaschutzvereinbarung "
     "(Feld „agreement“) ein Klimapartner („status: partner“). Bitte „status: founding“ eintragen oder die "
     "Vereinbarung unter „agreement“ ergänzen."),
    ("founding-status-for-a-company", registry(status="founding"),
     f"{E}:5: acme: status: „status: founding“ gilt nur für Initialpartner („role: founding“). Bitte „role“ oder "
     "„status“ korrigieren."),
    # --- warnings
    ("warn-no-logo-no-description", registry(logo=None, description=None),
     f"{E}:2: acme: -: Ohne Logo und Beschreibung wirkt das Profil leer. Bitte nachtragen, wenn möglich."),
    # A review or an agreement that is due is no warning of `check`: see tests/test_monitoring.py.
]
WARNINGS = {"warn-no-logo-no-description"}


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=name) for name, t, e in CORPUS])
def test_invalid_registry_yields_exactly_the_expected_problem(text, expected, logo_dir):
    loaded = load_text(text, today=TODAY, logo_dir=logo_dir)
    assert [str(p) for p in loaded.problems] == ([expected] if isinstance(expected, str) else expected)


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_warnings_do_not_count_as_errors(name, logo_dir):
    text = next(t for n, t, _ in CORPUS if n == name)
    loaded = load_text(text, today=TODAY, logo_dir=logo_dir)
    assert {p.severity for p in loaded.problems} == {"warning"} and loaded.partners


def test_corpus_is_large_and_every_case_distinct():
    names = [name for name, _, _ in CORPUS]
    assert len(names) == len(set(names)) and len(names) - len(WARNINGS) >= 40
    assert len({text for _, text, _ in CORPUS}) == len(CORPUS)


def test_every_problem_is_reported_in_one_pass(logo_dir):
    text = registry(AGREEMENT.replace("status: done", "status: fertig") + "    webiste: x\n", role="Partner",
                    name="1.10") + SECOND.replace("id: beta", "id: acme")
    loaded = load_text(text, today=TODAY, logo_dir=logo_dir)
    assert [(p.line, p.field) for p in sorted(loaded.problems)] == [
        (3, "name"), (4, "role"), (21, "agreement.measures[1].status"), (23, "webiste"), (24, "id")]


def test_a_partner_with_an_error_is_left_out_and_the_others_are_kept(logo_dir):
    loaded = load_text(registry(SECOND, role="Partner"), today=TODAY, logo_dir=logo_dir)
    assert [p.id for p in loaded.partners] == ["beta"]


def test_records_remember_the_line_of_each_field(logo_dir):
    loaded = load_text(registry(AGREEMENT), today=TODAY, logo_dir=logo_dir)
    (partner,) = loaded.partners
    assert partner.line == 2 and partner.lines["name"] == 3 and partner.lines["agreement"] == 9


def test_demo_flag_is_read(logo_dir):
    assert load_text("demo: true\n" + BASE, today=TODAY, logo_dir=logo_dir).demo is True
    assert load_text(BASE, today=TODAY, logo_dir=logo_dir).demo is False


def test_unreadable_file_is_one_problem(tmp_path):
    from klimapakt.load.loader import load_file
    path = tmp_path / "partners.yml"
    path.write_bytes(BASE.encode("utf-8") + b"    description: Gr\xfc\xdfe\n")
    assert [str(p) for p in load_file(path).problems] == [
        "partners.yml:8: Datei: -: Die Datei ist nicht UTF-8-kodiert (ein Zeichen in dieser Zeile ist nicht lesbar). "
        "Bitte als UTF-8 speichern."]
    assert [str(p) for p in load_file(tmp_path / "fehlt.yml").problems] == [
        f"fehlt.yml:1: Datei: -: Die Datei {tmp_path / 'fehlt.yml'} wurde nicht gefunden."]


# Fixture logos: tiny files built from bytes, so the tests need nothing downloaded.

def png(width: int, height: int = 1) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x2e\x7d\x32" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def jpeg_header(width: int, height: int = 1) -> bytes:
    """Start of image, a JFIF segment and a baseline frame header: enough to read the width."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def webp_lossless_header(width: int, height: int = 1) -> bytes:
    bits = (width - 1) | (height - 1) << 14
    payload = b"\x2f" + struct.pack("<I", bits) + b"\x00" * 4
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


# Complete images (raster logos are decoded in full): a grey 320 × 1 JPEG and a green 300 × 1 lossless
# WebP, as Pillow 12.3 wrote them.
OK_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1x"
    "eXBkeFxlZ2P/wAALCAABAUABAREA/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAA/AJgAAAAA"
    "AAAAAAAD/9k=")
OK_WEBP = bytes.fromhex("524946461e000000574542505650384c110000002f2b01000007d0beba54a6ff8188e87f0000")
SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="240" height="120"'
FIXTURE_LOGOS = {
    "ok.svg": f'<svg {SVG_NS}><defs><linearGradient id="g"><stop offset="0" stop-color="#2e7d32"/></linearGradient>'
              '</defs><rect width="240" height="120" fill="url(#g)"/><use href="#g"/></svg>\n',
    "ok.png": png(240),
    "ok.jpg": OK_JPEG,
    "ok.webp": OK_WEBP,
    "narrow.png": png(120),
    "narrow.jpg": jpeg_header(150),
    "fake.png": b"GIF89a, not a PNG\n",
    "script.svg": f"<svg {SVG_NS}><script>alert(document.cookie)</script></svg>\n",
    "onload.svg": f'<svg {SVG_NS} onload="alert(1)"><rect width="10" height="10"/></svg>\n',
    "foreign.svg": f"<svg {SVG_NS}><foreignObject><p>Hallo</p></foreignObject></svg>\n",
    "external.svg": f'<svg {SVG_NS}><image xlink:href="https://tracker.example/pixel.png"/></svg>\n',
    "animate.svg": f'<svg {SVG_NS}><a><set attributeName="href" to="https://tracker.example/"/>'
                   '<text y="20">Logo</text></a></svg>\n',
    "entity.svg": '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                  f"<svg {SVG_NS}><text>&x;</text></svg>\n",
    "html.svg": "<html><body>kein SVG</body></html>\n",
    "broken.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n',
}


def write_fixture_logos(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in FIXTURE_LOGOS.items():
        (directory / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def test_committed_fixture_logos_are_the_generated_ones():
    for name, content in FIXTURE_LOGOS.items():
        expected = content.encode("utf-8") if isinstance(content, str) else content
        assert (LOGOS / name).read_bytes() == expected, f"{name}: run write_fixture_logos(LOGOS)"


@pytest.fixture(scope="module")
def logo_dir(tmp_path_factory) -> Path:
    """The committed fixture logos plus one generated file above the 200 KB limit."""
    directory = tmp_path_factory.mktemp("logos")
    for path in LOGOS.iterdir():
        shutil.copy(path, directory / path.name)
    (directory / "big.png").write_bytes(png(240) + b"\x00" * (201 * 1024 - len(png(240))))
    return directory
