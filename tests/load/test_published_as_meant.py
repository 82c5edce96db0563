"""What is published is what was meant: comments inside a text, the guide's example values,
leftover merge-conflict blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from klimapakt.load.loader import load_text

TODAY = dt.date(2026, 11, 25)
ENTRY = """partners:
  - id: testwerk
    name: {name}
    role: partner
    status: partner
    website: {website}
    description: >-
{description}
    contact:
      name: {person}
      email: klima@testwerk.example
"""
RIGHT = {"name": "Testwerk GmbH", "website": "https://testwerk.example", "person": "Testperson Beispiel",
         "description": "      Wir bauen Hallen #2 und #3: mit Holz.\n      Zweite Zeile."}


def errors(**changes: str) -> list[str]:
    loaded = load_text(ENTRY.format(**{**RIGHT, **changes}), today=TODAY)
    return [str(p) for p in loaded.problems if p.severity == "error"]


def test_a_hash_in_the_middle_of_a_line_and_a_comment_above_the_field_are_fine():
    assert errors() == []
    text = ENTRY.format(**RIGHT).replace("    description: >-\n", "    # TODO: Text mit der Firma abstimmen\n"
                                                                   "    description: >-\n")
    assert [p for p in load_text(text, today=TODAY).problems if p.severity == "error"] == []


COMMENT = ("Kommentar im Text wird veröffentlicht: „{line}“ steht im mehrzeiligen Text (nach „>-“ oder „|“) und "
           "erschiene so auf der Website. Bitte die Zeile löschen oder den Kommentar in eine eigene Zeile über die "
           "Zeile mit dem Feldnamen schreiben.")


def test_a_comment_line_inside_a_block_text_is_an_error_at_its_line():
    description = "      Wir bauen Hallen.\n      # TODO Zahlen nachfragen\n      Zweite Zeile."
    assert errors(description=description) == [
        "partners.yml:9: testwerk: description: " + COMMENT.format(line="# TODO Zahlen nachfragen")]


def test_a_comment_line_in_a_literal_block_of_a_measure_is_an_error_too():
    text = """partners:
  - id: testwerk
    name: Testwerk GmbH
    role: partner
    status: partner
    agreement:
      measures:
        - title: LED
          field: energy-efficiency
          status: done
          description: |
            Alle Hallen.
            #noch prüfen
"""
    assert [str(p) for p in load_text(text, today=TODAY).problems] == [
        "partners.yml:13: testwerk: agreement.measures[1].description: " + COMMENT.format(line="#noch prüfen")]


PLACEHOLDER = ("„{value}“ ist ein Beispielwert aus dem Leitfaden (CONTRIBUTING.md) und würde so veröffentlicht. "
               "Bitte die echte Angabe eintragen oder die Zeile löschen.")


@pytest.mark.parametrize("field, value, line, path", [
    ("person", "Erika Mustermann", 11, "contact.name"),
    ("name", "Muster GmbH", 3, "name"),
    ("website", "https://www.muster.example", 6, "website"),
])
def test_the_guides_example_values_are_errors(field, value, line, path):
    assert errors(**{field: value}) == [f"partners.yml:{line}: testwerk: {path}: " + PLACEHOLDER.format(value=value)]


def test_names_and_domains_that_only_resemble_the_example_are_fine():
    assert errors(name="Musterbau Rhein GmbH", website="https://mustermann-bau.example", person="Erika Musterfrau") == []


def test_the_demo_registry_may_use_the_guides_example_values():
    text = "demo: true\n" + ENTRY.format(**{**RIGHT, "person": "Erika Mustermann", "website": "https://muster.example"})
    assert [p for p in load_text(text, today=TODAY).problems if p.severity == "error"] == []


ADVICE = ("Bitte entscheiden, welche Fassung gilt (oder beide zusammenführen), und die Zeilen mit „<<<<<<<“, "
          "„=======“ und „>>>>>>>“ löschen.")
CONFLICT = """partners:
  - id: testwerk
<<<<<<< HEAD
    name: Testwerk GmbH
    website: https://testwerk.example
=======
    name: Testwerk AG
>>>>>>> patch-1
    role: partner
    status: partner
"""


def test_a_merge_conflict_block_gets_its_own_message_naming_both_versions():
    assert [str(p) for p in load_text(CONFLICT, today=TODAY).problems] == [
        "partners.yml:3: Datei: -: Konfliktmarkierung: Hier stehen noch zwei Fassungen aus einem Zusammenführen "
        "(Merge) untereinander: Zeilen 4–5 („HEAD“) und Zeile 7 („patch-1“). " + ADVICE]


def test_a_conflict_with_an_empty_side_and_a_stray_marker_are_named_too():
    text = "partners:\n<<<<<<< HEAD\n=======\n  - id: a\n>>>>>>> main\n=======\n"
    assert [str(p) for p in load_text(text, today=TODAY).problems] == [
        "partners.yml:2: Datei: -: Konfliktmarkierung: Hier stehen noch zwei Fassungen aus einem Zusammenführen "
        "(Merge) untereinander: eine leere Fassung („HEAD“) nach Zeile 2 und Zeile 4 („main“). " + ADVICE,
        "partners.yml:6: Datei: -: Konfliktmarkierung „=======“ ohne die zugehörigen anderen Markierungen: ein Rest "
        "aus einem Zusammenführen (Merge). " + ADVICE]


def test_the_conflict_resolved_and_equals_signs_inside_a_text_are_fine():
    resolved = "\n".join(line for line in CONFLICT.splitlines()
                         if not line.startswith(("<<<<<<<", "=======", ">>>>>>>", "    name: Testwerk AG")))
    resolved += "\n    description: |\n      Überschrift\n      =======\n"
    assert [p for p in load_text(resolved + "\n", today=TODAY).problems if p.severity == "error"] == []
