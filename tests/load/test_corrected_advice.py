"""Advice that leads somewhere: each mistake gets the fix that works, and the fix passes."""

from __future__ import annotations

import datetime as dt

import pytest

from klimapakt import urls, vocabulary
from klimapakt.load.loader import load_text
from klimapakt.rules import logo_content, svg_fonts, values

TODAY = dt.date(2026, 11, 25)
BASE = """partners:
  - id: testwerk
    name: Testwerk GmbH
    role: partner
    status: partner
{extra}"""


def errors(extra: str) -> list[str]:
    return [str(p) for p in load_text(BASE.format(extra=extra), today=TODAY).problems if p.severity == "error"]


@pytest.mark.parametrize("written", ["no", "yes", '"no"', "nein", "keine"])
def test_website_no_is_told_to_leave_the_field_out_not_to_quote_it(written):
    shown = written.strip('"')
    assert errors(f"    website: {written}\n") == [
        f"partners.yml:6: testwerk: website: „{shown}“ ist keine Webadresse. Gibt es keine, lassen Sie das Feld weg: "
        f"die Zeile „website: {shown}“ löschen. Sonst die Angabe selbst eintragen."]


def test_an_email_no_gets_the_same_advice_and_the_advice_followed_passes():
    assert errors("    contact:\n      name: Testperson Beispiel\n      email: no\n") == [
        "partners.yml:8: testwerk: contact.email: „no“ ist keine E-Mail-Adresse. Gibt es keine, lassen Sie das Feld "
        "weg: die Zeile „email: no“ löschen. Sonst die Angabe selbst eintragen."]
    assert errors("    contact:\n      name: Testperson Beispiel\n") == []
    assert errors("    website: https://testwerk.example\n") == []


def test_a_phone_with_plus_49_and_0_is_refused_with_the_number_that_dials_right():
    assert errors("    contact:\n      phone: +49 (0)211 7654321\n") == [
        "partners.yml:7: testwerk: contact.phone: „+49 (0)211 7654321“: Die (0) wählt man nur ohne Ländervorwahl; mit "
        "„+49“ ergäbe sie eine falsche Nummer. Bitte so schreiben: +49 211 7654321 (oder ohne Ländervorwahl: 0211 7654321)."]
    assert not values.PHONE_RE.match("+49 (0)211 7654321")  # the JSON Schema refuses it in the editor too


@pytest.mark.parametrize("phone, dialled", [("+49 211 7654321", "tel:+492117654321"), ("0211 7654321", "tel:02117654321"),
                                            ("(0211) 76 54 32-1", "tel:02117654321")])
def test_phones_written_right_pass_and_dial_the_number(phone, dialled):
    assert errors(f"    contact:\n      phone: {phone}\n") == []
    assert urls.tel_url(phone) == dialled


@pytest.mark.parametrize("quarter, district", [("Bilk", 3), ("oberkassel", 4), ("Flingern Nord", 2),
                                               ("Düsseldorf-Benrath", 9)])
def test_a_stadtteil_as_district_is_answered_with_its_stadtbezirk(quarter, district):
    assert errors(f"    district: {quarter}\n") == [
        f"partners.yml:6: testwerk: district: „{quarter}“ ist ein Stadtteil im Stadtbezirk {district}. Bitte die Nummer "
        f"des Stadtbezirks eintragen: district: {district}."]
    assert errors(f"    district: {district}\n") == []
    assert quarter.split("-")[-1].split()[0].casefold() in vocabulary.district_label(district).casefold()


def test_an_unknown_place_as_district_still_lists_the_allowed_numbers():
    assert errors("    district: Köln\n") == [
        "partners.yml:6: testwerk: district: „Köln“ ist nicht erlaubt. Erlaubt sind: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10."]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60">{inner}</svg>'
FONT_FACE = ("<style>@font-face{font-family:MyriadPro;src:url(data:font/woff2;base64,d09GMgABAAAAA)}"
             ".st0{font-family:MyriadPro}</style><text class=\"st0\" x=\"10\" y=\"40\">Testwerk</text>")
SVG_FONT = '<defs><font id="f" horiz-adv-x="500"><glyph unicode="T" d="M0 0h10v10z"/></font></defs>'


@pytest.mark.parametrize("inner", [FONT_FACE, SVG_FONT])
def test_an_illustrator_svg_with_an_embedded_font_is_told_what_to_do(inner):
    assert logo_content.check_svg(SVG.format(inner=inner).encode()) == [svg_fonts.MESSAGE]
    assert "In Pfade umwandeln" in svg_fonts.MESSAGE and "SVG Tiny" in svg_fonts.MESSAGE and "PNG" in svg_fonts.MESSAGE


def test_an_embedded_font_beside_a_script_names_both():
    data = SVG.format(inner=FONT_FACE + "<script>alert(1)</script>").encode()
    assert logo_content.check_svg(data) == [svg_fonts.MESSAGE, "Das SVG enthält das Element <script>; das ist aus "
                                                        "Sicherheitsgründen nicht erlaubt."]


def test_text_converted_to_paths_and_plain_text_pass():
    assert logo_content.check_svg(SVG.format(inner='<path d="M10 10h20v20H10z" fill="#0f6b5e"/>').encode()) == []
    assert logo_content.check_svg(SVG.format(inner='<text x="10" y="40" font-family="sans-serif">Testwerk</text>').encode()) == []


@pytest.mark.parametrize("partner_id", ["y", "n", "ja"])
def test_an_id_that_is_a_yes_no_word_is_an_id_as_before(partner_id):
    text = BASE.format(extra="").replace("id: testwerk", f'id: "{partner_id}"')
    assert [p for p in load_text(text, today=TODAY).problems if p.severity == "error"] == []
