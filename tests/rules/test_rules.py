"""One test (or a small table) per rule function, asserting the exact German message.

The line each message is reported at is asserted in test_loader_corpus.py.
"""

from __future__ import annotations

import datetime as dt
import struct

import pytest

from klimapakt import model, rules
from klimapakt.kinds import choice
from klimapakt.load import structure
from klimapakt.load.registries import PARTNERS
from klimapakt.source import syntax

TODAY = dt.date(2026, 11, 25)


# --- value rules

@pytest.mark.parametrize("value", ["acme", "ihk-duesseldorf", "a1", "3m", "a" * 60])
def test_check_id_accepts_lowercase_words_joined_by_single_hyphens(value):
    assert rules.check_id(value) == []


@pytest.mark.parametrize("value", ["Acme", "acme_gmbh", "acme--gmbh", "-acme", "acme-", "müller", "acme gmbh", ""])
def test_check_id_refuses_other_characters(value):
    assert rules.check_id(value) == [
        f"„{value}“ ist keine gültige Kennung: erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, "
        "z. B. „muster-gmbh“."]


def test_check_id_limits_length():
    assert rules.check_id("a" * 61) == ["Die Kennung ist 61 Zeichen lang; höchstens 60 sind erlaubt."]


@pytest.mark.parametrize("value", ["5 < 7 & 8 > 3", "{ config }", "a <b", "E-Mail: x@y.de", "Zeile 1\nZeile 2", "Tab\there"])
def test_check_markup_accepts_ordinary_text(value):
    assert rules.check_markup(value) == [] and rules.find_hidden_character(value) is None


@pytest.mark.parametrize(("value", "found"), [
    ("Muster GmbH, Musterweg 1", []),
    ("a\u202eb {{ x }}", ["Der Text enthält ein unsichtbares Steuerzeichen (U+202E) an Stelle 2. Bitte das Zeichen löschen, "
                          "am einfachsten den Text neu tippen.",
                          "Der Text enthält „{{“, „{%“ oder „{#“. Diese Zeichenfolgen sind nicht erlaubt."]),
])
def test_check_plain_text_combines_hidden_characters_and_markup(value, found):
    assert rules.check_plain_text(value) == found


@pytest.mark.parametrize("value", ["{{ config }}", "{% raw %}", "{# x #}"])
def test_check_markup_refuses_template_delimiters(value):
    assert rules.check_markup(value) == [
        "Der Text enthält „{{“, „{%“ oder „{#“. Diese Zeichenfolgen sind nicht erlaubt."]


@pytest.mark.parametrize("value", ["<b>fett</b>", "<script>alert(1)</script>", "a<br>b", "<!-- x", "<img src=x onerror=y>"])
def test_check_markup_refuses_html(value):
    assert rules.check_markup(value) == ["Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen."]


@pytest.mark.parametrize(("value", "code", "position"), [
    ("a\x00b", "0000", 2), ("\x1b[31m", "001B", 1), ("ab\u202ecd", "202E", 3), ("x\u200by", "200B", 2), ("\x85", "0085", 1)])
def test_invisible_control_characters_are_found(value, code, position):
    assert [rules.hidden_character_message(*rules.find_hidden_character(value))] == [
        f"Der Text enthält ein unsichtbares Steuerzeichen (U+{code}) an Stelle {position}. "
        "Bitte das Zeichen löschen, am einfachsten den Text neu tippen."]


def test_check_single_line():
    assert rules.check_single_line("Acme GmbH") == []
    assert rules.check_single_line("Acme\nGmbH") == rules.check_single_line("Acme\rGmbH") == [
        "Dieser Text muss in einer Zeile stehen (ohne Zeilenumbruch)."]


def test_check_length():
    assert rules.check_length("x" * 120, 120) == []
    assert rules.check_length("x" * 121, 120) == ["Der Text ist 121 Zeichen lang; höchstens 120 sind erlaubt."]
    assert rules.check_length("x" * 5000, None) == []


@pytest.mark.parametrize("value", [
    "https://www.ihk.de/duesseldorf", "http://acme.example", "HTTPS://ACME.DE/", "https://müller-bau.de",
    "https://acme.de:8443/pfad?x=1#teil", "https://sub.domain.acme.co.uk"])
def test_check_url_accepts_http_and_https_with_a_host(value):
    assert rules.check_url(value) == []


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "mailto:a@b.de",
    "ftp://acme.de", "file:///etc/passwd", "//acme.de", "acme", " javascript:alert(1)"])
def test_check_url_refuses_other_schemes(value):
    assert rules.check_url(value) == [
        f"„{value}“ ist keine erlaubte Webadresse: sie muss mit https:// (oder http://) beginnen."]


def test_check_url_suggests_the_scheme_for_a_bare_host():
    assert rules.check_url("www.acme.de/kontakt") == [
        "„www.acme.de/kontakt“: Bitte mit https:// beginnen, z. B. „https://www.acme.de/kontakt“."]


@pytest.mark.parametrize("value", [
    "https://acme", "https://", "https://-acme.de", "https://acme..de", "https://user:pw@acme.de", "https://acme.de:99999",
    "https://[::1", "https://127.0.0.1", "http://acme.de\u200b"])
def test_check_url_refuses_malformed_hosts(value):
    assert rules.check_url(value) == [f"„{value}“ ist keine gültige Webadresse (Rechnername fehlt oder ist fehlerhaft)."]


def test_ascii_host_converts_umlauts_and_gives_up_quietly():
    assert rules.ascii_host("müller.de") == "xn--mller-kva.de"
    assert rules.ascii_host("a" * 70 + ".de") == ""


@pytest.mark.parametrize("value", ["erika@acme.example", "e.mustermann+klima@stadt.duesseldorf.de"])
def test_check_email_accepts_addresses(value):
    assert rules.check_email(value) == []


@pytest.mark.parametrize("value", ["erika(at)acme.de", "erika@acme", "@acme.de", "erika@acme.de ", "a@b@c.de"])
def test_check_email_refuses_other_text(value):
    assert rules.check_email(value) == [f"„{value}“ ist keine gültige E-Mail-Adresse (Beispiel: name@firma.de)."]


@pytest.mark.parametrize("value", ["+49 211 1234567", "0211 123456-7", "(0211) 12 34 56", "0211/123456"])
def test_check_phone_accepts_german_and_international_numbers(value):
    assert rules.check_phone(value) == []


@pytest.mark.parametrize("value", ["Zentrale", "12345", "+49 211 123 ext. 5", "0211 12345 -"])
def test_check_phone_refuses_other_text(value):
    assert rules.check_phone(value) == [f"„{value}“ ist keine gültige Telefonnummer (Beispiel: +49 211 1234567)."]


def test_check_year_bounds():
    assert rules.check_year(1990) == rules.check_year(2050) == []
    assert rules.check_year(1989) == ["Das Jahr 1989 ist nicht plausibel: erlaubt sind 1990 bis 2050."]
    assert rules.check_year(2051) == ["Das Jahr 2051 ist nicht plausibel: erlaubt sind 1990 bis 2050."]


def test_check_percent_bounds():
    assert rules.check_percent(0) == rules.check_percent(100) == rules.check_percent(55.5) == []
    assert rules.check_percent(100.5) == ["100,5 liegt nicht zwischen 0 und 100 Prozent."]
    assert rules.check_percent(-1) == ["-1 liegt nicht zwischen 0 und 100 Prozent."]


def test_check_non_negative():
    assert rules.check_non_negative(0) == []
    assert rules.check_non_negative(-0.5) == ["Emissionen können nicht negativ sein (-0,5)."]


def test_check_date_not_future():
    assert rules.check_date_not_future(TODAY, TODAY) == []
    assert rules.check_date_not_future(TODAY + dt.timedelta(days=1), TODAY) == ["Das Datum 2026-11-26 liegt in der Zukunft."]


def test_format_number_uses_the_german_decimal_comma():
    assert rules.format_number(120.5) == "120,5" and rules.format_number(3) == "3"


def test_allowed_values_lists_labels_for_short_lists_and_keys_for_long_ones():
    assert rules.allowed_values(model.ROLES) == "founding (Initialpartner), partner (Partner)"
    assert rules.allowed_values(model.DISTRICTS) == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
    assert rules.allowed_values(model.SECTORS).startswith("A, B, C")


# --- logos

def png(width: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, 1) + b"\x08\x02\x00\x00\x00"


@pytest.mark.parametrize(("data", "suffix", "width"), [
    (png(240), ".png", 240),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
     b"\xff\xc2\x00\x11\x08\x00\x10\x01\x40\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01", ".jpeg", 320),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", 300, 100), ".webp", 300),
    (b"RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f" + struct.pack("<I", 299) + b"\x00", ".webp", 300),
    (b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00" + (255).to_bytes(3, "little") + b"\x00\x00\x00",
     ".webp", 256),
])
def test_raster_width_reads_the_header(data, suffix, width):
    assert rules.raster_size(data, suffix)[0] == width


@pytest.mark.parametrize(("data", "suffix"), [
    (png(240), ".jpg"), (b"GIF89a", ".png"), (b"\xff\xd8\x00", ".jpg"), (b"RIFF\x00\x00\x00\x00WEBPXXXX" + b"\x00" * 20, ".webp"),
    (b"\xff\xd8" + b"\xff\xe0\x00\x02" * 3, ".jpg")])
def test_raster_width_is_none_when_the_header_is_not_what_the_suffix_says(data, suffix):
    assert rules.raster_size(data, suffix) is None


def test_check_logo_file_rules(tmp_path):
    from PIL import Image

    Image.new("RGB", (200, 1)).save(tmp_path / "ok.png")  # a complete image: raster logos are decoded
    (tmp_path / "narrow.png").write_bytes(png(199))
    (tmp_path / "big.png").write_bytes(png(400) + b"\x00" * model.LOGO_MAX_BYTES)
    (tmp_path / "fake.webp").write_bytes(png(400))
    (tmp_path / "ordner.svg").mkdir()
    assert rules.check_logo("ok.png", tmp_path) == []
    assert rules.check_logo("narrow.png", tmp_path) == ["Das Logo ist nur 199 Pixel breit; mindestens 200 Pixel sind nötig."]
    assert rules.check_logo("big.png", tmp_path) == ["Die Logo-Datei ist 200 KB groß; höchstens 200 KB sind erlaubt."]
    assert rules.check_logo("fake.webp", tmp_path) == ["„fake.webp“ ist keine lesbare WEBP-Datei."]
    assert rules.check_logo("ordner.svg", tmp_path) == ["Die Logo-Datei „ordner.svg“ fehlt im Ordner docs/assets/partners/."]
    assert rules.check_logo("logo.bmp", tmp_path) == [
        "„logo.bmp“: erlaubt sind SVG, PNG, WebP oder JPEG (Endung .svg, .png, .webp, .jpg oder .jpeg)."]
    for name in ("../x.png", "sub/x.png", "C:\\x.png", ".hidden.png"):
        assert rules.check_logo(name, tmp_path) == [f"Bitte nur den Dateinamen angeben (ohne Ordner): „{name}“."]
    assert rules.check_logo("x" * 300 + ".png", tmp_path) == [
        f"„{'x' * 40}…“: Der Dateiname darf nur Buchstaben a–z, Ziffern, „-“, „_“ und einen Punkt vor der Endung "
        "enthalten und höchstens 100 Zeichen lang sein."]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def svg_problem(found: str) -> list[str]:
    return [f"Das SVG enthält {found}; das ist aus Sicherheitsgründen nicht erlaubt."]


@pytest.mark.parametrize("body", [
    '<rect width="10" height="10" fill="url(#g)"/>', '<use href="#a"/>', '<use xlink:href="#a"/>',
    "<style>.a{fill:url(#g)}</style>", '<animate attributeName="opacity" values="0;1"/>', "<title>Logo</title>"])
def test_check_svg_accepts_inert_drawings(body):
    assert rules.check_svg(SVG.format(body).encode()) == []


@pytest.mark.parametrize(("body", "found"), [
    ("<script>alert(1)</script>", "das Element <script>"),
    ('<g onclick="x()"/>', "das Attribut „onclick“"),
    ('<g ONLOAD="x()"/>', "das Attribut „ONLOAD“"),
    ("<foreignObject/>", "das Element <foreignObject>"),
    ("<iframe/>", "das Element <iframe>"),
    ('<image href="https://x.example/a.png"/>', "einen Verweis auf eine externe Quelle"),
    ('<image xlink:href="data:image/svg+xml;base64,AAAA"/>', "einen Verweis auf eine externe Quelle"),
    ('<a href="javascript:alert(1)"><text>x</text></a>', "einen Verweis auf eine externe Quelle"),
    ('<rect style="fill: url(https://x.example/a.svg#g)"/>', "einen Verweis auf eine externe Quelle"),
    ("<style>@import 'https://x.example/a.css';</style>", "einen Verweis auf eine externe Quelle"),
    ('<set attributeName="xlink:href" to="#a"/>', "das Element <set>, das „xlink:href“ verändert"),
    ('<animate attributeName="onbegin" values="x"/>', "das Element <animate>, das „onbegin“ verändert"),
    ('<rect fill="javascript:alert(1)"/>', "„javascript:“"),
])
def test_check_svg_refuses_active_content_and_external_references(body, found):
    assert rules.check_svg(SVG.format(body).encode()) == svg_problem(found)


def test_check_svg_names_every_finding_once():
    body = '<script/><script/><g onload="x"/>'
    assert rules.check_svg(SVG.format(body).encode()) == svg_problem("das Attribut „onload“, das Element <script>")


def test_check_svg_refuses_stylesheet_processing_instructions():
    data = b'<?xml-stylesheet href="https://x.example/a.css"?>' + SVG.format("").encode()
    assert rules.check_svg(data) == svg_problem("einen Verweis auf eine externe Quelle")


@pytest.mark.parametrize("data", [
    b'<!DOCTYPE svg [<!ENTITY lol "lol">]><svg xmlns="http://www.w3.org/2000/svg">&lol;</svg>',
    b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    b'<svg xmlns="http://www.w3.org/2000/svg"/>'])
def test_check_svg_refuses_doctype_and_entities(data):
    assert rules.check_svg(data) == ["Das SVG enthält DOCTYPE- oder ENTITY-Angaben; diese sind nicht erlaubt."]


def test_check_svg_refuses_other_xml_and_broken_files():
    assert rules.check_svg(b"<html/>") == ["Die Datei ist kein SVG (das äußerste Element ist nicht <svg>)."]
    assert rules.check_svg(b"<svg>\n<g></svg>") == ["Das SVG ist keine gültige XML-Datei (Fehler in Zeile 2 der SVG-Datei)."]


# --- record rules

def test_check_target_years():
    assert model.check_target_years(model.Target(year=2030, baseline_year=2019)) == []
    assert model.check_target_years(model.Target(year=2030)) == []
    assert model.check_target_years(model.Target(year=2019, baseline_year=2019)) == [
        ("year", "Das Zieljahr 2019 muss nach dem Basisjahr 2019 liegen.")]


def test_check_target_has_goal():
    assert model.check_target_has_goal(model.Target(year=2030, climate_neutral=True)) == []
    assert model.check_target_has_goal(model.Target(year=2030, reduction_percent=0)) == []
    assert model.check_target_has_goal(model.Target(year=2030)) == [
        ("-", "Ein Ziel braucht „reduction_percent“ oder „climate_neutral: true“.")]


def test_check_reduction_has_baseline():
    assert model.check_reduction_has_baseline(model.Target(year=2030, reduction_percent=50, baseline_year=2019)) == []
    assert model.check_reduction_has_baseline(model.Target(year=2030, reduction_percent=50)) == [
        ("baseline_year", "Zu einer Minderung in Prozent gehört ein Basisjahr („baseline_year“).")]


def test_check_emission_reported():
    assert model.check_emission_reported(model.Emission(year=2023, scope3=0)) == []
    assert model.check_emission_reported(model.Emission(year=2023)) == [
        ("-", "Für 2023 ist kein Wert angegeben (scope1, scope2 oder scope3).")]


# --- warnings

def partner(**values) -> model.Partner:
    return model.Partner(**{"id": "acme", "name": "Acme", "role": "partner", "status": "partner", **values})


def test_warn_missing_logo_or_description():
    assert model.warn_missing_logo_or_description(partner(logo="a.svg", description="x"), TODAY) == []
    assert model.warn_missing_logo_or_description(partner(description="x"), TODAY) == [
        ("-", "Ohne Logo wirkt das Profil leer. Bitte nachtragen, wenn möglich.")]
    assert model.warn_missing_logo_or_description(partner(logo="a.svg"), TODAY) == [
        ("-", "Ohne Beschreibung wirkt das Profil leer. Bitte nachtragen, wenn möglich.")]


# The day-dependent reminders (review, agreement due) are monitoring rules: tests/test_monitoring.py.


# --- loader helpers that word structural messages

@pytest.mark.parametrize(("problem", "german"), [
    ("found character '\\t' that cannot start any token", "Tabulatorzeichen sind in YAML nicht erlaubt"),
    ("mapping values are not allowed here", "an dieser Stelle ist kein Doppelpunkt erlaubt"),
    ("could not find expected ':'", "hier fehlt ein Doppelpunkt"),
    ("expected <block end>, but found '-'", "der Listeneintrag ist falsch eingerückt"),
    ("something new", "die Zeile ist nicht lesbar (YAML meldet: something new)"),
])
def test_german_syntax_problem(problem, german):
    assert syntax.german_syntax_problem(problem) == german


@pytest.mark.parametrize(("lines", "line", "hint"), [
    (["a:", "\tb: 1"], 2, "Die Zeile enthält Tabulatorzeichen. Bitte nur Leerzeichen zum Einrücken verwenden."),
    (["  -id: x"], 1, "Nach dem Strich „-“ am Anfang eines Listeneintrags fehlt ein Leerzeichen."),
    (["    role:partner", "    status: partner"], 2, "Nach dem Doppelpunkt in „role:partner“ fehlt ein Leerzeichen."),
    (["    role partner", "    status: x"], 2, "In „role partner“ fehlt nach dem Feldnamen ein Doppelpunkt."),
    (["Liste der Partner", "partners:"], 2, "Soll „Liste der Partner“ ein Kommentar sein? Dann bitte „# “ davor setzen."),
    (["    name: Ziel: 2035"], 1, "Ein Text mit „: “ muss in Anführungszeichen stehen, z. B. description: \"Ziel: klimaneutral bis 2035\"."),
    (["    name: @acme"], 1, "Ein Text, der mit „@“ beginnt, muss in Anführungszeichen stehen, z. B. \"@…\"."),
    (['    name: "Acme'], 1, "Das Anführungszeichen am Anfang des Texts wird nicht geschlossen."),
    (['    name: "C:\\x"'], 1, "In doppelten Anführungszeichen hat „\\“ eine besondere Bedeutung. Bitte einfache "
                               "Anführungszeichen verwenden, z. B. 'C:\\Daten'."),
    (["    scopes: - 1"], 1, "Listeneinträge („- …“) stehen in eigenen, tiefer eingerückten Zeilen unter dem Feldnamen – "
                            "oder in eckigen Klammern, z. B. scopes: [1, 2]."),
    (["    name: x", "   role: y"], 2, "Die Zeile ist mit 3 Leerzeichen eingerückt, die Zeile darüber mit 4. "
                                     "Felder desselben Abschnitts müssen genau untereinander stehen."),
    (["x"], 1, "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser und der vorigen Zeile."),
])
def test_syntax_hint(lines, line, hint):
    assert syntax.syntax_hint(lines, line, PARTNERS.known_keys()) == " Hinweis: " + hint


PARENTS = structure.parents_of(model.PartnerRegistry)


def test_unknown_key_message_prefers_synonyms_then_sections_then_typos():
    assert structure.unknown_key_message("Webseite", model.fields_of(model.Partner), PARENTS) == "Unbekanntes Feld „Webseite“. Meinten Sie „website“?"
    assert structure.unknown_key_message("signed", model.fields_of(model.Partner), PARENTS) == (
        "Das Feld „signed“ gehört in den Abschnitt „agreement“. Ist es richtig eingerückt?")
    assert structure.unknown_key_message("sector", model.fields_of(model.Contact), PARENTS) == (
        "Das Feld „sector“ gehört nicht in den Abschnitt „contact“, sondern eine Ebene höher. Ist es zu weit eingerückt?")
    assert structure.unknown_key_message("titel", model.fields_of(model.Measure), PARENTS) == "Unbekanntes Feld „titel“. Meinten Sie „title“?"
    assert structure.unknown_key_message("Status", model.fields_of(model.Partner), PARENTS) == "Unbekanntes Feld „Status“. Meinten Sie „status“?"
    assert structure.unknown_key_message("xyz", model.fields_of(model.Contact), PARENTS) == "Unbekanntes Feld „xyz“. Erlaubt sind: name, role, email, phone."


def test_choice_suggestion():
    assert choice.choice_suggestion("Klimapartner", model.STATUSES) == " Meinten Sie „partner“?"
    assert choice.choice_suggestion("LARGE", model.SIZES) == " Meinten Sie „large“?"
    assert choice.choice_suggestion("in progress", model.MEASURE_STATUSES) == " Meinten Sie „in-progress“?"
    assert choice.choice_suggestion("irgendwas", model.SIZES) == ""
    assert choice.choice_suggestion("11", model.DISTRICTS) == ""


def test_entry_label_uses_a_printable_id_or_the_position():
    import yaml
    node = yaml.compose('- id: acme\n- id: "a\\nb"\n- name: x\n- text\n')
    assert [structure.entry_label(item, i) for i, item in enumerate(node.value, 1)] == ["acme", "Eintrag 2", "Eintrag 3", "Eintrag 4"]
