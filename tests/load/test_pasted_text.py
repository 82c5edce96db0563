"""Characters pasted from Word or Outlook: named in German, at their exact line and column, never removed.

Each case of issue 12, item 3 first shows where the check went wrong before (in the test's name or
comment), then asserts the whole message, its line and its column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from klimapakt.load.loader import load_events_text, load_text
from helpers.corpus import AGREEMENT, CONTACT, EMISSIONS, SECOND, registry
from helpers.examples import SETTINGS

TODAY = dt.date(2026, 11, 25)
LOGOS = Path(__file__).resolve().parents[1] / "fixtures" / "logos"
E = "partners.yml"
NBSP = "ein geschütztes Leerzeichen (wie es Word einfügt, U+00A0)"
SOFT_HYPHEN = "ein weiches Trennzeichen (ein unsichtbarer Trennvorschlag, U+00AD)"
ZWSP = "ein breitenloses Leerzeichen (unsichtbar, U+200B)"
INDENTATION = "So erkennt YAML die Einrückung nicht. Bitte die Einrückung löschen und mit normalen Leerzeichen neu tippen."


def found(text: str) -> list[tuple[str, int, int, str]]:
    """(severity, line, column, printed problem) of every problem."""
    return [(p.severity, p.line, p.column, str(p)) for p in load_text(text, today=TODAY, logo_dir=LOGOS).problems]


def test_a_no_break_space_after_website_colon_is_named_not_called_a_missing_colon():
    # Before: „YAML-Syntaxfehler … hier fehlt ein Doppelpunkt … fehlt ein Leerzeichen“.
    assert found(registry("    website:\u00a0https://acme.example\n")) == [
        ("error", 8, 13, f"{E}:8: Datei: website: Nach „website:“ steht in Spalte 13 {NBSP} statt eines normalen "
         "Leerzeichens; so erkennt YAML den Feldnamen nicht. Bitte durch ein normales Leerzeichen ersetzen.")]


def test_no_break_spaces_in_a_phone_number_are_named_not_shown_as_an_identical_looking_example():
    # Before: „„+49 211 1234567“ ist keine gültige Telefonnummer (Beispiel: +49 211 1234567).“
    text = registry(CONTACT.replace("+49 211 1234567", "+49\u00a0211\u00a01234567"))
    assert found(text) == [
        ("error", 11, 17, f"{E}:11: acme: contact.phone: In Spalte 17 und 21 steht je {NBSP}. "
         "Bitte jeweils durch ein normales Leerzeichen ersetzen.")]


def test_a_soft_hyphen_in_a_name_is_refused_with_the_word_it_splits():
    assert found(registry(name="Acme Werk\u00adzeug GmbH")) == [
        ("error", 3, 20, f"{E}:3: acme: name: In Spalte 20 (zwischen „Werk“ und „zeug“) steht {SOFT_HYPHEN}. Man sieht "
         "es nicht, aber die Suche auf der Website findet „Werkzeug“ so nicht. Bitte löschen.")]


def test_a_soft_hyphen_in_a_description_is_a_warning_and_kept():
    text = registry(description="Wir bauen Werk\u00adzeuge.")
    assert found(text) == [
        ("warning", 7, 32, f"{E}:7: acme: description: In Spalte 32 (zwischen „Werk“ und „zeuge.“) steht {SOFT_HYPHEN}. "
         "Man sieht es nicht, aber die Suche auf der Website findet „Werkzeuge“ so nicht. Bitte löschen.")]
    assert load_text(text, today=TODAY, logo_dir=LOGOS).partners[0].description == "Wir bauen Werk\u00adzeuge."


def test_no_break_spaces_used_for_indentation_are_reported_at_their_own_line():
    # Before: reported at line 5 (the next field) as „an dieser Stelle ist kein Doppelpunkt erlaubt“.
    text = registry().replace("    role:", "\u00a0\u00a0\u00a0\u00a0role:")
    assert found(text) == [
        ("error", 4, 1, f"{E}:4: Datei: role: In der Einrückung dieser Zeile (Spalte 1 bis 4) stehen Zeichen, die wie "
         f"Leerzeichen aussehen, aber keine sind: {NBSP}. {INDENTATION}")]
    one = registry("    website: https://acme.example\n").replace("    website", "  \u00a0 website")
    assert found(one) == [
        ("error", 8, 3, f"{E}:8: Datei: website: In der Einrückung dieser Zeile steht in Spalte 3 {NBSP} statt eines "
         f"normalen Leerzeichens. {INDENTATION}")]


def test_a_zero_width_space_in_a_folded_text_is_reported_at_its_line_and_column():
    # Before: „an Stelle 17“, counted over the joined text.
    text = registry(description=">-\n      Acme stellt\n      Werk\u200bzeuge her.")  # lines 7, 8, 9
    assert found(text) == [
        ("error", 9, 11, f"{E}:9: acme: description: In Spalte 11 (zwischen „Werk“ und „zeuge“) steht {ZWSP}. "
         "Bitte löschen.")]


def test_a_zero_width_space_in_a_literal_text_and_in_its_indentation():
    literal = registry(description="|\n      Erste Zeile.\n      Zweite\u200b Zeile.")
    assert found(literal) == [
        ("error", 9, 13, f"{E}:9: acme: description: In Spalte 13 (zwischen „Zweite“ und „Zeile.“) steht {ZWSP}. "
         "Bitte löschen.")]
    leading = registry(description="|\n      Erste Zeile.\n      \u00a0Zweite Zeile.")  # after the text's indentation
    assert found(leading) == [
        ("error", 9, 7, f"{E}:9: acme: description: In Spalte 7 (vor „Zweite“) steht {NBSP}. Bitte löschen.")]


def test_a_trailing_no_break_space_is_reported_with_its_fix_not_removed_without_a_word():
    # Before: no message, the loaded name was „Acme GmbH“.
    assert found(registry(name="Acme GmbH\u00a0")) == [
        ("error", 3, 20, f"{E}:3: acme: name: In Spalte 20 (nach „GmbH“) steht {NBSP}. Bitte löschen.")]
    assert found(registry(name='"Acme GmbH\u00a0"')) == [
        ("error", 3, 21, f"{E}:3: acme: name: In Spalte 21 (nach „GmbH“) steht {NBSP}. Bitte löschen.")]


def test_a_no_break_space_beside_a_normal_one_is_an_extra_space():
    assert found(registry(name="Acme \u00a0GmbH")) == [
        ("error", 3, 16, f"{E}:3: acme: name: In Spalte 16 (zwischen „Acme“ und „GmbH“) steht {NBSP}. Bitte löschen.")]


def test_a_no_break_space_between_words_of_a_text_may_be_deliberate_a_warning_that_keeps_it():
    text = registry(description="Acme stellt 100\u202f% Ökostrom her.")
    assert found(text) == [
        ("warning", 7, 33, f"{E}:7: acme: description: In Spalte 33 (zwischen „100“ und „%“) steht ein schmales "
         "geschütztes Leerzeichen (U+202F). An dieser Stelle bricht die Website die Zeile nie um. Wenn das nicht "
         "gewollt ist, bitte durch ein normales Leerzeichen ersetzen.")]
    assert load_text(text, today=TODAY, logo_dir=LOGOS).partners[0].description == "Acme stellt 100\u202f% Ökostrom her."


def test_pasted_characters_in_dates_numbers_and_choices_are_errors_not_stripped():
    assert found(registry("    joined: 2024-03-15\u00a0\n")) == [
        ("error", 8, 23, f"{E}:8: acme: joined: In Spalte 23 (nach „2024-03-15“) steht {NBSP}. Bitte löschen.")]
    assert found(registry("    district: 3\u200b\n")) == [
        ("error", 8, 16, f"{E}:8: acme: district: In Spalte 16 (nach „3“) steht {ZWSP}. Bitte löschen.")]
    assert found(registry(EMISSIONS.replace("120.5", "120.5\u00a0"))) == [
        ("error", 10, 22, f"{E}:10: acme: emissions[1].scope1: In Spalte 22 (nach „120.5“) steht {NBSP}. Bitte löschen.")]
    assert found(registry(AGREEMENT.replace("scopes: [1, 2]", "scopes: [1,\u00a02]"))) == [
        ("error", 15, 22, f"{E}:15: acme: agreement.targets[1].scopes[2]: In Spalte 22 (vor „2“) steht {NBSP}. "
         "Bitte löschen.")]


def test_a_no_break_space_before_a_hash_keeps_the_comment_in_the_text():
    assert found(registry(name="Acme\u00a0# intern")) == [
        ("error", 3, 15, f"{E}:3: acme: name: In Spalte 15 (zwischen „Acme“ und „#“) steht {NBSP}. Deshalb gilt das "
         "„#“ danach nicht als Beginn eines Kommentars, sondern gehört zum Wert. Bitte durch ein normales Leerzeichen "
         "ersetzen.")]


def test_pasted_characters_around_keys_and_list_dashes():
    assert found(registry("    website\u00a0: https://acme.example\n")) == [
        ("error", 8, 12, f"{E}:8: acme: website: In Spalte 12 (nach „website“) steht {NBSP}. Bitte löschen.")]
    assert found(registry(SECOND.replace("  - id: beta", "  -\u00a0id: beta"))) == [
        ("error", 8, 4, f"{E}:8: Datei: id: Nach dem Strich „-“ am Anfang des Eintrags steht in Spalte 4 {NBSP}. Bitte "
         "die Zeichen nach dem Strich löschen und ein normales Leerzeichen tippen.")]
    assert found(registry(CONTACT.replace("    contact:", "    contact:\u00a0"))) == [
        ("error", 8, 13, f"{E}:8: Datei: contact: Nach „contact:“ steht in Spalte 13 {NBSP}. Bitte löschen.")]
    assert found(registry("\u00a0\u00a0\n" + SECOND)) == [
        ("error", 8, 1, f"{E}:8: Datei: -: Die Zeile sieht leer aus, enthält aber in Spalte 1 und 2 {NBSP}. Bitte alle "
         "Zeichen der Zeile löschen.")]
    assert found(registry(name="x").replace("    name: x", "\u200b    name: Acme")) == [
        ("error", 3, 1, f"{E}:3: Datei: name: Am Anfang der Zeile steht in Spalte 1 {ZWSP}. Bitte löschen.")]


def test_a_value_in_typographic_quotes_is_named_where_yaml_quotes_belong():
    assert found(registry(name="„Acme GmbH“")) == [
        ("error", 3, 11, f"{E}:3: acme: name: Der Wert steht in typografischen Anführungszeichen (ab Spalte 11). YAML "
         "erkennt nur gerade Anführungszeichen (\" oder '); diese hier würden mit auf der Website stehen. Bitte gerade "
         "Anführungszeichen verwenden oder keine: \"Acme GmbH\".")]
    assert found(registry(name="„Acme“ GmbH")) == []  # quotes inside a name are typography
    assert found(registry(name="'„Acme GmbH“'")) == []  # in straight quotes: wanted on the page
    # Before: „Ein Text mit „: “ muss in Anführungszeichen stehen“, although it was, in Word's quotes.
    assert found(registry(name="”Acme: GmbH”")) == [
        ("error", 3, 16, f"{E}:3: Datei: -: YAML-Syntaxfehler in Spalte 16: an dieser Stelle ist kein Doppelpunkt "
         "erlaubt. Hinweis: Der Wert beginnt in Spalte 11 mit einem typografischen Anführungszeichen, wie es Word setzt; "
         "YAML erkennt nur gerade Anführungszeichen (\" oder '). Bitte so schreiben: name: \"Acme: GmbH\".")]


def test_a_pasted_character_that_stops_yaml_is_named_in_the_syntax_error():
    text = registry(description=">-\u00a0\n      Acme stellt\n      Werkzeuge her.")
    assert found(text) == [
        ("error", 7, 20, f"{E}:7: Datei: -: YAML-Syntaxfehler in Spalte 20: nach „|“ oder „>“ muss der Text in der "
         f"nächsten Zeile beginnen. Hinweis: In Spalte 20 steht {NBSP}. Bitte löschen (oder, wo ein Leerzeichen "
         "hingehört, durch ein normales ersetzen).")]


def test_a_byte_order_mark_at_the_start_shifts_no_column():
    assert found("\ufeff" + registry(name="Acme\u00a0 GmbH")) == [
        ("error", 3, 15, f"{E}:3: acme: name: In Spalte 15 (zwischen „Acme“ und „GmbH“) steht {NBSP}. Bitte löschen.")]


def test_comments_may_hold_anything():
    assert found(registry("    # Notiz:\u00a0Word\u00adtext\u200b\n")) == []


def test_events_are_read_alike():
    text = ("events:\n  - id: e\n    title: Treffen\u00a0\n    start: 2026-12-01T18:00\n    end: 2026-12-01T20:00\n"
            "    kind: workshop\n")
    assert [str(p) for p in load_events_text(text, {"acme"}, today=TODAY)[1]] == [
        f"events.yml:3: e: title: In Spalte 19 (nach „Treffen“) steht {NBSP}. Bitte löschen."]


RICH = registry(AGREEMENT + EMISSIONS + CONTACT + "    last_reviewed: 2026-06-01\n",
                description=">-\n      Acme stellt\n      Werkzeuge her.") + SECOND
PASTED = ["\u00a0", "\u202f", "\u00ad", "\u200b", "\u2060", "\ufeff", "\u200e"]


@SETTINGS
@given(st.data())
def test_any_pasted_character_anywhere_is_reported_at_its_line_and_column(data):
    """One pasted character inserted anywhere in a valid registry: some problem names it and its line,
    and its column as the problem's column or in the message."""
    lines = RICH.splitlines()
    number = data.draw(st.integers(0, len(lines) - 1))
    column = data.draw(st.integers(0, len(lines[number])))
    char = data.draw(st.sampled_from(PASTED))
    assume((number, column, char) != (0, 0, "\ufeff"))  # a byte order mark that starts the file is no mistake
    lines[number] = lines[number][:column] + char + lines[number][column:]
    problems = load_text("\n".join(lines) + "\n", today=TODAY, logo_dir=LOGOS).problems
    assert any(p.line == number + 1 and (p.column == column + 1 or f"Spalte {column + 1} " in p.message)
               and f"U+{ord(char):04X}" in p.message for p in problems), [str(p) for p in problems]
