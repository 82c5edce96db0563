"""The built site: the office's contact box and vCard, and the profiles' entries in the site search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from klimapakt import vocabulary
from klimapakt.load import loader
from klimapakt.outputs import vcard


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def config():
    from mkdocs.config import load_config
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def office(config) -> dict:
    return dict(config.extra["settings"]["geschaeftsstelle"])


# Contact box -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page, root", [("index.html", ""), ("mitmachen/index.html", "../")])
def test_start_page_and_mitmachen_show_the_contact_box(real_site, office, page, root):
    box = soup(real_site / page).select_one("article .kp-contact")
    assert box.select_one(".kp-contact__office").get_text() == office["name"]
    mail = box.select_one('.kp-contact__ways a[href^="mailto:"]')
    assert (mail.get_text(), mail["href"]) == (office["email"], "mailto:" + office["email"])
    more = box.find("a", string="Alle Kontaktwege und Visitenkarte")["href"]
    assert more == root + "kontakt/"
    assert ((real_site / page).parent / more / "index.html").resolve() == real_site / "kontakt/index.html"


def test_while_no_phone_is_configured_the_box_leaves_it_out(real_site, office):
    assert office["telefon"] == ""  # FACTS.md: no public phone number yet
    box = soup(real_site / "index.html").select_one(".kp-contact")
    assert "Telefon" not in box.get_text() and "wird ergänzt" not in box.get_text()
    assert box.select('a[href^="tel:"]') == []


def test_on_mitmachen_the_box_comes_before_the_first_section(real_site):
    content = soup(real_site / "mitmachen/index.html").select_one("article.md-content__inner")
    box = content.select_one(".kp-contact")
    sections = [h for h in content.find_all("h2") if not h.find_parent(class_="kp-contact")]
    assert sections[0].get_text(strip=True) == "Wer mitmachen kann"
    assert box in sections[0].find_all_previous("div")


def test_kontakt_shows_the_configured_office_details_and_no_wird_ergaenzt(real_site, office):
    article = soup(real_site / "kontakt/index.html").select_one("article.md-content__inner")
    assert "wird ergänzt" not in article.get_text()
    labels = {"email": "E-Mail", "telefon": "Telefon", "adresse": "Postanschrift", "ansprechperson": "Ansprechperson"}
    shown = [dt.get_text() for dt in article.select("dl.kp-office dt")]
    assert shown == [label for key, label in labels.items() if office[key]]


# vCard -------------------------------------------------------------------------------------------

def test_kontakt_links_the_vcard_and_the_file_holds_the_configured_office(real_site, office, config):
    link = soup(real_site / "kontakt/index.html").find("a", string="Kontakt speichern (Visitenkarte, .vcf)")
    assert link.has_attr("download") and link["type"] == "text/vcard"
    target = (real_site / "kontakt" / link["href"]).resolve()
    assert target == (real_site / vcard.VCARD_PATH).resolve()
    data = target.read_bytes()
    lines = data.decode("utf-8").split("\r\n")
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:3.0"] and lines[-2:] == ["END:VCARD", ""]
    unfolded = data.decode("utf-8").replace("\r\n ", "")
    assert f"\r\nEMAIL;TYPE=INTERNET,WORK:{office['email']}\r\n" in unfolded
    assert f"\r\nFN:{office['name']}\r\n" in unfolded
    assert "\r\nTEL" not in unfolded and "\r\nADR" not in unfolded  # empty in mkdocs.yml
    assert data == vcard.vcard_text(office, config.site_url).encode("utf-8")


# Site search -------------------------------------------------------------------------------------

def profile_entries(site: Path) -> dict[str, str]:
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: d["text"] for d in docs if d["location"].startswith("partner/")}


def test_profile_search_entries_keep_labels_and_values_apart(demo_site, demo_registry):
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    entries = profile_entries(demo_site)
    for partner in partners:
        text = BeautifulSoup(entries[f"partner/{partner.id}/"], "html.parser").get_text(" ")
        assert f"Status: {vocabulary.STATUSES[partner.status]}" in text or partner.is_founding
        if partner.sector:
            assert f" · Branche: {vocabulary.SECTORS[partner.sector]}" in text
        if partner.size:
            assert f" · Größe: {vocabulary.SIZES[partner.size]}" in text
        assert not re.search(r"(Status|Branche|Größe|Sitz)[A-ZÄÖÜ]", text), text  # nothing glued


def test_the_directory_page_leaves_its_cards_and_controls_to_the_profile_entries(demo_site, demo_registry):
    """Material would index every card and option of the directory as one glued text (and twice over)."""
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    docs = json.loads((demo_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    directory = " ".join(d["text"] for d in docs if d["location"].startswith("klimapartner/"))
    assert directory and "Alle Branchen" not in directory and "Dabei seit" not in directory
    assert not [p.name for p in partners if p.name in directory]


def test_site_search_finds_a_partner_by_its_stadtteil(demo_site, demo_registry):
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    entries = profile_entries(demo_site)
    located = [p for p in partners if p.district]
    assert located
    for partner in located:
        text = entries[f"partner/{partner.id}/"]
        assert f"Sitz: {vocabulary.district_label(partner.district)}" in text
        for quarter in vocabulary.DISTRICT_QUARTERS[partner.district]:
            assert quarter in text
