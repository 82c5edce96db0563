"""German number formats in quantity fields: the likely meaning named, in digits and in words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from klimapakt.load import loader
from klimapakt.load.registries import FIGURES
from klimapakt.rules import numbers

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("value, words", [
    (0, "null"), (1, "eins"), (11, "elf"), (16, "sechzehn"), (17, "siebzehn"), (21, "einundzwanzig"),
    (30, "dreißig"), (101, "einhunderteins"), (157, "einhundertsiebenundfünfzig"), (1000, "eintausend"),
    (1001, "eintausendeins"), (1250, "eintausendzweihundertfünfzig"), (21000, "einundzwanzigtausend"),
    (100000, "einhunderttausend"), (101000, "einhunderteintausend"), (1000000, "eine Million"),
    (2500000, "zwei Millionen fünfhunderttausend"), (101000000, "einhunderteine Millionen"),
    (1000000001, "eine Milliarde eins"), (Decimal("1234.5"), "eintausendzweihundertvierunddreißig Komma fünf"),
    (Decimal("0.25"), "null Komma zwei fünf"),
])
def test_number_words(value, words):
    assert numbers.number_words(value) == words


@pytest.mark.parametrize("raw, decimals, message", [
    ("1.250", True, "„1.250“ ist mehrdeutig: Meinen Sie 1250 (eintausendzweihundertfünfzig) oder 1,25? "
                    "Für 1250 schreiben Sie 1250, für 1,25 schreiben Sie 1.25."),
    ("100.000", True, "„100.000“ ist mehrdeutig: Meinen Sie 100000 (einhunderttausend) oder 100? "
                      "Für 100000 schreiben Sie 100000, für 100 schreiben Sie 100."),
    ("1.255", True, "„1.255“ ist mehrdeutig: Meinen Sie 1255 (eintausendzweihundertfünfundfünfzig) oder 1,255? "
                    "Für 1255 schreiben Sie 1255, für 1,255 schreiben Sie \"1.255\" (mit Anführungszeichen)."),
    ("1.250", False, "„1.250“: Meinen Sie 1250 (eintausendzweihundertfünfzig)? Bitte ohne Tausendertrennzeichen "
                     "schreiben: 1250."),
    ("1.234.567", True, "„1.234.567“: Meinen Sie 1234567 (eine Million zweihundertvierunddreißigtausendfünfhundert"
                        "siebenundsechzig)? Bitte ohne Tausendertrennzeichen schreiben: 1234567."),
    ("1 250", True, "„1 250“: Meinen Sie 1250 (eintausendzweihundertfünfzig)? Bitte ohne Tausendertrennzeichen "
                    "schreiben: 1250."),
    ("1.234,5", True, "„1.234,5“: Meinen Sie 1234,5 (eintausendzweihundertvierunddreißig Komma fünf)? Bitte ohne "
                      "Tausendertrennzeichen und mit Punkt als Dezimaltrenner schreiben: 1234.5."),
    ("12,5", True, "„12,5“: Meinen Sie 12,5 (zwölf Komma fünf)? Bitte einen Punkt statt des Kommas schreiben: 12.5."),
    ("1,250", True, "„1,250“ ist mehrdeutig: Meinen Sie 1,25 oder 1250 (eintausendzweihundertfünfzig)? "
                    "Für 1,25 schreiben Sie 1.25, für 1250 schreiben Sie 1250."),
])
def test_german_numbers_are_named_with_their_likely_meaning(raw, decimals, message):
    assert numbers.german_number(raw, decimals=decimals) == message


@pytest.mark.parametrize("raw", ["1250", "1250.5", "0.250", "12.5", "1234.567", "2030", "100"])
def test_numbers_written_as_the_registry_wants_are_not_german(raw):
    assert numbers.german_number(raw, decimals=True) is None


PARTNER = """partners:
  - id: testbetrieb
    name: Testbetrieb GmbH
    role: partner
    status: partner
    agreement:
      targets:
        - year: 2030
          reduction_percent: {percent}
          baseline_year: 2019
    emissions:
      - year: 2024
        scope1: {scope1}
"""


def load_partner(scope1: str, percent: str = "50"):
    return loader.load_text(PARTNER.format(scope1=scope1, percent=percent), today=TODAY)


@pytest.mark.parametrize("scope1, value", [("1250", 1250), ("1250.5", 1250.5), ('"1.250"', 1.25), ('"1.255"', 1.255),
                                           ("1.25", 1.25), ("0.250", 0.25)])
def test_a_number_written_right_is_read_as_written(scope1, value):
    loaded = load_partner(scope1)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    assert loaded.partners[0].emissions[0].scope1 == value


def test_a_thousands_point_in_tonnes_is_an_error_at_its_line():
    loaded = load_partner("1.250")
    assert [str(p) for p in loaded.problems if p.severity == "error"] == [
        "partners.yml:13: testbetrieb: emissions[1].scope1: „1.250“ ist mehrdeutig: Meinen Sie 1250 "
        "(eintausendzweihundertfünfzig) oder 1,25? Für 1250 schreiben Sie 1250, für 1,25 schreiben Sie 1.25."]


def test_a_decimal_comma_in_a_percentage_is_an_error_at_its_line():
    loaded = load_partner("1250", percent="42,5")
    assert [str(p) for p in loaded.problems if p.severity == "error"] == [
        "partners.yml:9: testbetrieb: agreement.targets[1].reduction_percent: „42,5“: Meinen Sie 42,5 "
        "(zweiundvierzig Komma fünf)? Bitte einen Punkt statt des Kommas schreiben: 42.5."]


def test_a_year_with_a_thousands_point_is_named_as_the_year():
    text = PARTNER.format(scope1="1250", percent="50").replace("year: 2024", "year: 2.024")
    assert [str(p) for p in loader.load_text(text, today=TODAY).problems if p.severity == "error"] == [
        "partners.yml:12: testbetrieb: emissions[1].year: „2.024“: Meinen Sie 2024 (zweitausendvierundzwanzig)? "
        "Bitte ohne Tausendertrennzeichen schreiben: 2024."]


FIGURE = """figures:
  - id: einsparpotenzial
    value: {value}
    qualifier: about
    unit: t CO2 pro Jahr
    label: können die Maßnahmen einsparen
    as_of: 2025-07
    source_title: "Muster-Quelle: Ein Bericht"
    source_url: https://quelle.example/bericht
"""


def test_kennzahlen_refuse_a_thousands_point_and_take_the_plain_number():
    wrong = loader.load_text(FIGURE.format(value="100.000"), registry=FIGURES, today=TODAY)
    assert [str(p) for p in wrong.problems] == [
        "kennzahlen.yml:3: einsparpotenzial: value: „100.000“ ist mehrdeutig: Meinen Sie 100000 (einhunderttausend) "
        "oder 100? Für 100000 schreiben Sie 100000, für 100 schreiben Sie 100."]
    right = loader.load_text(FIGURE.format(value="100000"), registry=FIGURES, today=TODAY)
    assert right.problems == () and right.records[0].value == 100000
