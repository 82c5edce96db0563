"""The office's contact box (render.html.render_contact_box): what it shows with and without a phone,
and configured values that stay text, also after the Markdown step the page goes through."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from klimapakt.render import html as render

OFFICE = {"name": "Geschäftsstelle Klimapakt Düsseldorf", "organisation": "Wirtschaftsförderung",
          "email": "klimapakt@duesseldorf.de", "telefon": ""}
# What the site's Markdown does to a page (mkdocs.yml markdown_extensions that touch HTML and text).
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "def_list", "tables", "pymdownx.details"]
HOSTILE = ("</div><script>alert(1)</script> {{ config }} *_[l](javascript:x) &amp; \"q\" 'z' "
           "{: onclick=\"x\" }\n\n# Überschrift\n\n<img src=x onerror=alert(1)>")


def box(office: dict, root: str = "../") -> BeautifulSoup:
    return BeautifulSoup(render.render_contact_box(office, root=root), "html.parser")


def on_page(office: dict) -> BeautifulSoup:
    """The box as a macro puts it on a Markdown page, between two paragraphs, after Markdown ran."""
    page = f"Davor.\n\n{render.render_contact_box(office, root='../')}\n\nDanach.\n"
    return BeautifulSoup(markdown.markdown(page, extensions=EXTENSIONS), "html.parser")


def test_the_box_shows_office_email_and_a_link_to_kontakt_but_no_phone_while_it_is_empty():
    html = box(OFFICE)
    assert html.select_one("h2").get_text() == "Kontakt"
    assert html.select_one(".kp-contact__office").get_text() == OFFICE["name"]
    ways = [li.get_text(" ", strip=True) for li in html.select(".kp-contact__ways li")]
    assert ways == ["E-Mail: klimapakt@duesseldorf.de"]
    assert html.select_one(".kp-contact__ways a")["href"] == "mailto:klimapakt@duesseldorf.de"
    assert html.find("a", string="Alle Kontaktwege und Visitenkarte")["href"] == "../kontakt/"
    assert "wird ergänzt" not in html.get_text() and "Telefon" not in html.get_text()


def test_a_configured_phone_is_shown_with_a_tel_link():
    html = box({**OFFICE, "telefon": "+49 211 89-91234"}, root="")
    phone = html.select(".kp-contact__ways li")[1]
    assert phone.get_text(" ", strip=True) == "Telefon: +49 211 89-91234"
    assert phone.a["href"] == "tel:+492118991234"  # digits and "+" only
    assert html.find("a", string="Alle Kontaktwege und Visitenkarte")["href"] == "kontakt/"


def test_heading_is_the_pages_choice():
    assert box(OFFICE).select_one("h2").get_text() == "Kontakt"
    html = BeautifulSoup(render.render_contact_box(OFFICE, root="", heading="Fragen?"), "html.parser")
    assert html.select_one("h2").get_text() == "Fragen?"


def test_without_email_and_phone_there_is_no_empty_list():
    html = box({"name": "Geschäftsstelle", "email": "", "telefon": None})
    assert html.select(".kp-contact__ways") == []
    assert html.select_one(".kp-contact__more a")["href"] == "../kontakt/"


@pytest.mark.parametrize("key", ["name", "email", "telefon"])
def test_hostile_configured_values_stay_text_after_markdown(key):
    page = on_page({**OFFICE, "telefon": "+49 211 1", key: HOSTILE})
    contact = page.select_one("div.kp-contact")
    ways = ["li", "a", "li", "a"]
    assert [tag.name for tag in contact.find_all(True)] == ["h2", "p", "ul", *ways, "p", "a"]  # nothing added
    assert not page.find_all(["script", "img", "h1"]) and not page.select("[onclick], [onerror]")
    shown = " ".join(HOSTILE.split())  # white space as the browser shows it anyway
    texts = [" ".join(node.get_text().split()) for node in contact.select(".kp-contact__office, .kp-contact__ways a")]
    assert shown in texts
    assert [p.get_text() for p in page.find_all("p", recursive=False)] == ["Davor.", "Danach."]  # the block held


def test_a_hostile_email_cannot_add_headers_to_the_message():
    html = box({**OFFICE, "email": "x@example.org?cc=spy@evil.example&body=hi"})
    href = html.select_one(".kp-contact__ways a")["href"]
    assert href == "mailto:x@example.org%3Fcc%3Dspy@evil.example%26body%3Dhi"


def test_a_hostile_phone_becomes_a_tel_link_of_digits_only():
    href = box({**OFFICE, "telefon": "+49 211 1\" onclick=\"x"}).select("a")[1]["href"]
    assert href == "tel:+492111"


# The Kontakt page's details (render.html.render_office_details): only what staff configured.

def details(office: dict) -> BeautifulSoup:
    page = f"Davor.\n\n{render.render_office_details(office)}\n\nDanach.\n"
    return BeautifulSoup(markdown.markdown(page, extensions=EXTENSIONS), "html.parser")


def test_kontakt_lists_only_the_configured_details_and_never_wird_ergaenzt():
    html = details(OFFICE | {"adresse": "", "ansprechperson": ""})
    assert [dt.get_text() for dt in html.select("dl.kp-office dt")] == ["E-Mail"]
    assert html.select_one("dl.kp-office a")["href"] == "mailto:klimapakt@duesseldorf.de"
    assert html.select_one(".kp-office__name").get_text("|") == f"{OFFICE['name']}|{OFFICE['organisation']}"
    assert "wird ergänzt" not in html.get_text() and "Postanschrift" not in html.get_text()


def test_kontakt_lists_every_detail_once_staff_fill_them_in():
    full = OFFICE | {"telefon": "+49 211 1234567", "adresse": "Musterstraße 1, 40213 Düsseldorf",
                     "ansprechperson": "Erika Mustermann"}
    html = details(full)
    assert [dt.get_text() for dt in html.select("dl.kp-office dt")] == ["E-Mail", "Telefon", "Postanschrift", "Ansprechperson"]
    assert [dd.get_text() for dd in html.select("dl.kp-office dd")][1:] == [full["telefon"], full["adresse"], full["ansprechperson"]]
    assert html.select_one('dl.kp-office a[href^="tel:"]')["href"] == "tel:+492111234567"


def test_kontakt_without_any_configured_detail_shows_no_empty_list():
    html = details({key: "" for key in ("name", "organisation", "email", "telefon", "adresse", "ansprechperson")})
    assert html.select("dl, .kp-office__name") == []


def test_configured_details_stay_text_after_the_markdown_step():
    html = details(OFFICE | {"adresse": HOSTILE, "ansprechperson": HOSTILE})
    assert html.select("script, img, h1") == [] and not html.select("[onclick]")
    shown = " ".join(HOSTILE.split())  # the text as written, nothing made of it
    assert [" ".join(dd.get_text().split()) for dd in html.select("dl.kp-office dd")][1:] == [shown, shown]
    assert [tag.name for tag in html.select_one("dl.kp-office").find_all(True)] == ["dt", "dd", "a", "dt", "dd", "dt", "dd"]
    assert [p.get_text() for p in html.find_all("p", recursive=False)][::2] == ["Davor.", "Danach."]
