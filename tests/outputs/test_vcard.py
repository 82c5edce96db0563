"""The office's vCard (klimapakt.outputs.vcard): RFC 2426 text escaping, CRLF, folding at 75 octets,
only filled-in fields, and every value back exactly when the file is parsed again (by hand, below)."""

from __future__ import annotations

import re

import pytest

import taint_helpers as th
from klimapakt.outputs import vcard

OFFICE = {
    "name": "Geschäftsstelle Klimapakt Düsseldorf",
    "organisation": "Wirtschaftsförderung der Landeshauptstadt Düsseldorf",
    "email": "klimapakt@duesseldorf.de",
    "adresse": "",
    "telefon": "",
    "ansprechperson": "",
}
SITE_URL = "https://klimapakt.example.org/"


# A small reader of what the module writes (taint_helpers: unfold, split at unescaped ";", unescape).

def unfold(data: str) -> list[str]:
    assert data.endswith("\r\n")
    return th.vcard_lines(data.encode("utf-8"))


def parse(data: bytes) -> dict[str, list[tuple[str, list[str]]]]:
    """{NAME: [(params, components), ...]} of one vCard."""
    lines = unfold(data.decode("utf-8"))
    assert (lines[0], lines[-1]) == ("BEGIN:VCARD", "END:VCARD")
    card: dict[str, list[tuple[str, list[str]]]] = {}
    for line in lines[1:-1]:
        match = re.fullmatch(r"([A-Za-z0-9-]+)((?:;[^:;]+)*):(.*)", line)
        assert match, line
        name, params, value = match.groups()
        card.setdefault(name.upper(), []).append((params.lstrip(";"), th.vcard_values(value)))
    return card


def text_of(card, name: str) -> str:
    [(_, components)] = card[name]
    return ";".join(components)


# The file as a whole ----------------------------------------------------------------------------

def test_the_configured_office_becomes_a_vcard_3_with_only_the_filled_in_fields():
    card = parse(vcard.vcard_text(OFFICE, SITE_URL).encode())
    assert text_of(card, "VERSION") == "3.0"
    assert text_of(card, "FN") == OFFICE["name"]
    assert card["ORG"] == [("", [OFFICE["organisation"], OFFICE["name"]])]
    assert card["EMAIL"] == [("TYPE=INTERNET,WORK", [OFFICE["email"]])]
    assert text_of(card, "URL") == "https://klimapakt.example.org/kontakt/"
    assert not {"TEL", "ADR", "NOTE", "REV"} & set(card)  # empty settings and no clock


def test_phone_address_and_contact_person_once_configured():
    office = {**OFFICE, "telefon": "+49 211 8991234", "adresse": "Burgplatz 1, 40213 Düsseldorf",
              "ansprechperson": "Erika Muster"}
    card = parse(vcard.vcard_text(office).encode())
    assert card["TEL"] == [("TYPE=WORK,VOICE", ["+49 211 8991234"])]
    assert card["ADR"] == [("TYPE=WORK", ["", "", "Burgplatz 1", "Düsseldorf", "", "40213", ""])]
    assert text_of(card, "NOTE") == "Ansprechperson: Erika Muster"
    assert "URL" not in card  # no site URL, no link


def test_an_address_in_another_form_stays_one_street_line_with_its_comma():
    card = parse(vcard.vcard_text({**OFFICE, "adresse": "Rathaus, Marktplatz 1"}).encode())
    assert card["ADR"] == [("TYPE=WORK", ["", "", "Rathaus, Marktplatz 1", "", "", "", ""])]


def test_every_line_ends_with_crlf_and_no_bare_line_feed_or_carriage_return():
    data = vcard.vcard_text({**OFFICE, "ansprechperson": "A\nB\rC\r\nD"}, SITE_URL)
    assert data.endswith("\r\n")
    assert "\n" not in data.replace("\r\n", "") and "\r" not in data.replace("\r\n", "")


def test_the_same_settings_give_the_same_bytes():
    assert vcard.vcard_text(OFFICE, SITE_URL) == vcard.vcard_text(dict(OFFICE), SITE_URL)


def test_with_neither_name_nor_organisation_the_card_still_has_its_required_name():
    card = parse(vcard.vcard_text({"email": "a@example.org"}).encode())
    assert text_of(card, "FN") == vcard.FALLBACK_NAME
    assert "ORG" not in card


def test_write_vcard_puts_the_file_where_the_kontakt_page_links_it(tmp_path):
    path = vcard.write_vcard(OFFICE, tmp_path, SITE_URL)
    assert path == tmp_path / vcard.VCARD_PATH
    assert path.read_bytes() == vcard.vcard_text(OFFICE, SITE_URL).encode("utf-8")


# Escaping ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, escaped", [
    ("a,b", "a\\,b"),
    ("a;b", "a\\;b"),
    ("a\\b", "a\\\\b"),
    ("a\nb", "a\\nb"),
    ("a\r\nb", "a\\nb"),
    ("a\rb", "a\\nb"),
    ("\\n", "\\\\n"),  # a backslash before an "n" stays a backslash
])
def test_text_escaping_per_rfc(value, escaped):
    assert vcard.escape_text(value) == escaped


HOSTILE = "Muster; Müller, \\Söhne\nEND:VCARD\r\nBEGIN:VCARD\tX-INJECTED:1 <b>&amp;</b>"


@pytest.mark.parametrize("key, name", [("name", "FN"), ("email", "EMAIL"), ("telefon", "TEL"),
                                       ("ansprechperson", "NOTE")])
def test_hostile_values_come_back_exactly_and_add_no_property(key, name):
    data = vcard.vcard_text({**OFFICE, key: HOSTILE}, SITE_URL)
    lines = unfold(data)
    assert lines.count("BEGIN:VCARD") == 1 and lines.count("END:VCARD") == 1
    assert not [line for line in lines if line.startswith("X-INJECTED")]
    expected = HOSTILE.replace("\t", " ").replace("\r\n", "\n")
    shown = text_of(parse(data.encode()), name)
    assert shown == (f"Ansprechperson: {expected}" if key == "ansprechperson" else expected)


def test_structured_components_keep_their_own_semicolons_and_commas():
    card = parse(vcard.vcard_text({"name": "Büro; Nord", "organisation": "Stadt, Amt"}).encode())
    assert card["ORG"] == [("", ["Stadt, Amt", "Büro; Nord"])]


def test_control_characters_are_dropped_and_values_trimmed():
    card = parse(vcard.vcard_text({**OFFICE, "telefon": "  +49\x00 211\x1b 1 "}).encode())
    assert text_of(card, "TEL") == "+49 211 1"


def test_a_site_url_with_separators_is_percent_encoded_not_escaped():
    card = parse(vcard.vcard_text(OFFICE, "https://x.example/a,b;c d/").encode())
    assert text_of(card, "URL") == "https://x.example/a%2Cb%3Bc%20d/kontakt/"


# Folding -----------------------------------------------------------------------------------------

def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    name = "Geschäftsstelle für Klimaschutz und Wirtschaftsförderung in Düsseldorf-Öst " * 3
    data = vcard.vcard_text({**OFFICE, "name": name.strip()}).encode("utf-8")
    physical = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) == 75
    for line in physical:
        line.decode("utf-8")  # each physical line is whole UTF-8: no character cut in two
    continued = [line for line in physical if line.startswith(b" ")]
    assert len(continued) >= 3
    assert text_of(parse(data), "FN") == name.strip()


def test_fold_counts_octets_and_the_leading_space():
    line = "X:" + "ü" * 100  # two octets each
    folded = vcard.fold(line).split("\r\n")
    assert [len(piece.encode()) for piece in folded] == [74, 75, 55]  # "X:" + 36 ü, " " + 37 ü, " " + 27 ü
    assert folded[0] + "".join(piece[1:] for piece in folded[1:]) == line


def test_a_short_line_is_not_folded():
    assert vcard.fold("FN:Kurz") == "FN:Kurz"
