"""SVG logos a browser renders quickly: nested <use> amplification, depth, element count and encodings
are refused with a German message naming the file, never with a traceback."""

from __future__ import annotations

import pytest

from klimapakt.rules import logo_content, logos, svg_bounds
from svg_corpus import amplified, flat, svg

SAVE_AS = svg_bounds.SAVE_AS


def check_file(tmp_path, name: str, text: str | bytes) -> list[str]:
    (tmp_path / name).write_bytes(text.encode() if isinstance(text, str) else text)
    return logos.check_logo(name, tmp_path)


NESTED = (f"Die Logo-Datei „bombe.svg“ verweist mit <use> auf ein Element, das selbst <use>-Verweise enthält "
          f"(verschachtelte Wiederverwendung vervielfacht die Formen, bis Browser stocken). {SAVE_AS}")


@pytest.mark.parametrize("levels", [3, 4, 5, 6, 9])
@pytest.mark.parametrize("href", ["href", "xlink:href"])
def test_nested_use_groups_are_refused_naming_the_file(tmp_path, levels, href):
    assert check_file(tmp_path, "bombe.svg", amplified(levels, href=href)) == [NESTED]


def test_a_use_of_a_use_is_refused():
    text = svg('<path id="a" d="M0 0h1v1z"/><use id="b" href="#a"/><use href="#b"/>')
    assert logo_content.check_svg(text.encode()) == [NESTED.replace("Die Logo-Datei „bombe.svg“", "Das SVG")]


def test_many_uses_of_a_large_group_are_refused_by_the_expanded_count(tmp_path):
    assert check_file(tmp_path, "viele.svg", flat(uses=600, paths=100)) == [
        f"Die Logo-Datei „viele.svg“ vervielfacht seine Formen über <use>-Verweise, Muster, Masken oder "
        f"Zuschneidepfade auf mehr als 50.000 Elemente; das bringt Browser zum Stocken. {SAVE_AS}"]


def test_a_use_cycle_is_refused():
    text = svg('<g id="a"><path d="M0 0h1v1z"/><use href="#a"/></g>')
    assert logo_content.check_svg(text.encode(), "kreis.svg")[0].startswith(
        "Die Logo-Datei „kreis.svg“ verweist mit <use> auf ein Element, das selbst <use>-Verweise enthält")
    assert svg_bounds.expanded_count(*_tree('<g id="a"><use href="#a"/></g>')) is None


def _tree(body: str):
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg(body))
    return root, {e.get("id"): e for e in root.iter() if e.get("id")}


@pytest.mark.parametrize("text", [
    svg('<defs><symbol id="s" viewBox="0 0 10 10"><path d="M0 0h10v10z"/><circle r="2"/></symbol></defs>'
        + '<use href="#s" x="10"/>' * 20),  # a symbol placed twenty times, as design tools export it
    flat(uses=40, paths=1000),  # 40,000 drawn elements: within the bound
    svg('<linearGradient id="a"><stop offset="0"/></linearGradient><linearGradient id="b" xlink:href="#a"/>'
        '<rect width="10" height="10" fill="url(#b)"/><use href="#missing"/><use href="#"/>'),
])
def test_logos_within_the_bounds_pass(text):
    assert logo_content.check_svg(text.encode()) == []


def test_99_nested_groups_pass_and_100_are_refused():  # the bound counts <svg> as the first level
    assert logo_content.check_svg(svg("<g>" * 99 + "</g>" * 99).encode()) == []
    assert logo_content.check_svg(svg("<g>" * 100 + "</g>" * 100).encode(), "tief.svg") == [
        f"Die Logo-Datei „tief.svg“ ist zu tief verschachtelt (mehr als 100 Ebenen ineinander). {SAVE_AS}"]


@pytest.mark.parametrize("depth", [1000, 10_000, 25_000])
def test_deep_nesting_gets_a_german_message_and_no_traceback(tmp_path, depth):
    assert check_file(tmp_path, "tief.svg", svg("<g>" * depth + "</g>" * depth)) == [
        f"Die Logo-Datei „tief.svg“ ist zu tief verschachtelt (mehr als 100 Ebenen ineinander). {SAVE_AS}"]


def test_more_than_20000_elements_are_refused(tmp_path):
    assert check_file(tmp_path, "voll.svg", svg("<g/>" * 20_000)) == [
        f"Die Logo-Datei „voll.svg“ hat mehr als 20.000 Elemente; so viele braucht kein Logo. {SAVE_AS}"]


@pytest.mark.parametrize(("encoding", "shown"), [
    ("utf-7", "utf-7"), ("shift_jis", "shift_jis"), ("euc-jp", "euc-jp"), ("big5", "big5"), ("gb18030", "gb18030"),
    ("utf-32", "UTF-16/UTF-32"), ("utf-16", "UTF-16/UTF-32"), ("utf-16-le", "UTF-16/UTF-32"), ("cp037", None),
    ("iso-2022-jp", "iso-2022-jp"), ("koi8-r", "koi8-r"),
])
def test_unusual_encodings_get_a_german_message(tmp_path, encoding, shown):
    text = svg('<rect width="1" height="1"/>', f'<?xml version="1.0" encoding="{encoding}"?>')
    message = check_file(tmp_path, "zeichen.svg", text.encode(encoding))
    assert len(message) == 1 and "Traceback" not in message[0]
    if shown:
        assert message == [f"Die Logo-Datei „zeichen.svg“ ist nicht als UTF-8 gespeichert (sondern als „{shown}“). "
                           "Bitte beim Export „UTF-8“ als Zeichensatz wählen."]


@pytest.mark.parametrize("declared", ["x-unbekannt", "UTF-8\u0000", "\u00ff" * 3])
def test_an_unknown_or_garbled_declared_encoding_is_refused(declared):
    text = svg('<rect width="1" height="1"/>', f'<?xml version="1.0" encoding="{declared}"?>')
    message = logo_content.check_svg(text.encode("utf-8"))
    assert len(message) == 1 and message[0].startswith("Das SVG ist nicht als UTF-8 gespeichert")


@pytest.mark.parametrize("encoding", ["UTF-8", "utf-8", "US-ASCII", "ISO-8859-1", "windows-1252"])
def test_utf8_and_latin1_pass(encoding):
    word = "Gruen" if encoding == "US-ASCII" else "Grün"
    text = svg(f'<text x="1" y="9">{word}</text>', f'<?xml version="1.0" encoding="{encoding}"?>')
    assert logo_content.check_svg(text.encode(encoding)) == []
    assert logo_content.check_svg(b"\xef\xbb\xbf" + svg("<rect/>").encode()) == []  # UTF-8 with BOM


@pytest.mark.parametrize("kind", ["pattern", "mask", "clipPath"])
@pytest.mark.parametrize("via_style", [False, True])
def test_a_pattern_mask_or_clip_path_drawn_for_many_elements_is_refused(tmp_path, kind, via_style):
    from svg_corpus import drawn_per_reference

    message = check_file(tmp_path, "muster.svg", drawn_per_reference(kind, 100, 1000, via_style))
    assert message == [f"Die Logo-Datei „muster.svg“ vervielfacht seine Formen über <use>-Verweise, Muster, Masken "
                       f"oder Zuschneidepfade auf mehr als 50.000 Elemente; das bringt Browser zum Stocken. {SAVE_AS}"]
    assert check_file(tmp_path, "wenig.svg", drawn_per_reference(kind, 40, 1000, via_style)) == []


def test_a_use_of_a_shape_filled_with_a_heavy_pattern_counts_the_pattern_each_time(tmp_path):
    body = ('<defs><g id="g">' + '<path d="M0 0h1v1z"/>' * 1000 + '</g><pattern id="p" width="1" height="1">'
            '<use href="#g"/></pattern><rect id="r" width="9" height="9" fill="url(#p)"/></defs>' + '<use href="#r"/>' * 100)
    assert check_file(tmp_path, "muster.svg", svg(body))[0].startswith(
        "Die Logo-Datei „muster.svg“ vervielfacht seine Formen")


def test_a_pattern_that_refers_to_itself_is_a_cycle():
    text = svg('<pattern id="p" width="1" height="1"><rect width="1" height="1" fill="url(#p)"/></pattern>'
               '<rect width="9" height="9" fill="url(#p)"/>')
    assert logo_content.check_svg(text.encode())[0].startswith("Das SVG enthält einen Kreis von Verweisen")


def test_gradients_are_not_counted_per_reference():
    gradient = '<linearGradient id="g"><stop offset="0"/><stop offset="1"/></linearGradient>'
    text = svg(f"<defs>{gradient}</defs>" + '<rect width="1" height="1" fill="url(#g)"/>' * 5000)
    assert logo_content.check_svg(text.encode()) == []
