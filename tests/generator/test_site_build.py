"""The built site, read as a visitor gets it: every partner listed and profiled, figures right."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site
from klimapakt import model
from klimapakt.load import loader, registries
from klimapakt.render import coverage, html
from klimapakt.render import figures as stats


FOUNDING = """partners:
  - id: test-kammer-eins
    name: Test-Kammer Eins
    role: founding
    status: founding
    description: Eine erfundene Kammer, die den Pakt mit organisiert.

  - id: test-kammer-zwei
    name: Test-Kammer Zwei
    role: founding
    status: founding

  - id: test-betrieb
    name: Testbetrieb GmbH
    role: partner
    status: partner
    size: small
    agreement:
      signed: 2024-05-02
    former_ids: [test-betrieb-alt]
"""


@pytest.fixture(scope="module")
def founding_registry(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("founding") / "partners.yml"
    path.write_text(FOUNDING, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def founding_site(founding_registry) -> Path:
    out = founding_registry.parent / "site"
    result = build_site(founding_registry, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def partners_of(registry: Path) -> tuple[model.Partner, ...]:
    return loader.load_valid(registry, logo_dir=ROOT / "docs/assets/partners").partners


@pytest.mark.parametrize("site_fixture, registry_fixture", [("demo_site", "demo_registry"), ("real_site", None)])
def test_directory_lists_every_partner_with_its_facts(request, site_fixture, registry_fixture):
    site = request.getfixturevalue(site_fixture)
    registry = request.getfixturevalue(registry_fixture) if registry_fixture else ROOT / "partners.yml"
    partners = partners_of(registry)
    cards = soup(site / "klimapartner/index.html").select("li.kp-card")
    assert len(cards) == len(partners)
    by_link = {card.select_one("a")["href"]: card for card in cards}
    for partner in partners:
        card = by_link[f"../partner/{partner.id}/"]
        assert card.select_one(".kp-card__title").get_text(strip=True) == partner.name
        text = card.get_text(" ", strip=True)
        assert model.STATUSES[partner.status] in text
        if partner.sector:  # the short, readable name on the card; the WZ title on the profile
            assert model.SECTOR_SHORT[partner.sector] in text
        if partner.size:
            assert model.SIZES[partner.size] in text
        # "Dabei seit" would claim a former partner is still in the pact.
        assert ("Dabei seit" in text) == bool(partner.joined and partner.status != model.STATUS_FORMER)
    # The counter counts the filterable list (not the Initialpartner) and never claims the whole pact.
    listed = [p for p in partners if p.role != "founding"]
    count = soup(site / "klimapartner/index.html").select_one("#kp-count").get_text(strip=True)
    # "Einträgen", not "eingetragenen Partnerunternehmen": with former partners listed, "60 von 60 eingetragenen
    # Partnerunternehmen" contradicted "Bisher sind 56 von über 100 Partnerunternehmen eingetragen" right above.
    assert count == f"{len(listed)} von {len(listed)} Einträgen"


def test_every_partner_has_a_profile_with_its_fields(demo_site, demo_registry):
    for partner in partners_of(demo_registry):
        page = soup(demo_site / "partner" / partner.id / "index.html")
        article = page.select_one("article.kp-profile")
        text = article.get_text(" ", strip=True)
        assert article.select_one("h1").get_text(strip=True) == partner.name
        if partner.description:
            assert " ".join(partner.description.split()) in text
        if partner.website:
            assert article.select_one(f'a[href="{partner.website}"]') is not None
        if partner.contact and partner.contact.email:
            assert article.select_one(f'a[href="mailto:{partner.contact.email}"]') is not None
        for measure in partner.measures:
            assert measure.title in text
        for target in partner.agreement.targets if partner.agreement else ():
            assert f"Bis {target.year}" in text
        if partner.emissions:
            assert len(article.select("table.kp-emissions tbody tr")) == len(partner.emissions)
            chart = article.select_one("svg.kp-chart")
            assert chart["role"] == "img" and chart.select_one("title") and chart.select_one("desc")
        assert article.select_one('a[href^="mailto:klimapakt@duesseldorf.de?subject="]').get_text() == "Angaben korrigieren"


def test_start_page_figures_equal_counts_from_data(demo_site, demo_registry):
    figures = stats.key_figures(partners_of(demo_registry))
    values = [v.get_text(strip=True) for v in soup(demo_site / "index.html").select(".kp-figure__value")]
    assert values[:3] == [f"{figures.klimapartner}", f"{figures.letters_of_intent}", f"{figures.measures}"]
    assert figures.klimapartner > 0 and figures.letters_of_intent > 0 and figures.measures > 0


@pytest.mark.parametrize("site_fixture", ["demo_site", "real_site"])
def test_no_headline_figure_is_0_and_each_says_it_counts_the_directory(request, site_fixture):
    cards = soup(request.getfixturevalue(site_fixture) / "index.html").select("a.kp-figure")
    assert cards
    for card in cards:
        assert card.select_one(".kp-figure__value").get_text(strip=True) != "0"
        assert card.select_one(".kp-figure__scope").get_text(strip=True) == "im Verzeichnis auf dieser Website eingetragen"


def test_the_real_start_page_shows_only_the_directory_counts_above_0(real_site):
    figures = stats.key_figures(partners_of(ROOT / "partners.yml"))
    labels = [card.select_one(".kp-figure__label").get_text(strip=True)
              for card in soup(real_site / "index.html").select("a.kp-figure")]
    expected = [label for value, label in ((figures.klimapartner, "Klimapartner"),
                                           (figures.letters_of_intent, "Unternehmen mit Letter of Intent"),
                                           (figures.measures, "vereinbarte Maßnahmen")) if value]
    assert labels == expected


def test_the_directory_intro_says_how_many_of_the_pacts_partners_it_holds(real_site):
    """The wording is the renderer's (tests/render/test_coverage.py); here: the real data reach the page."""
    figures = loader.load_valid(ROOT / "kennzahlen.yml", registry=registries.FIGURES).records
    expected = coverage.coverage(partners_of(ROOT / "partners.yml"), figures)
    page = soup(real_site / "klimapartner/index.html")
    shown = " ".join(page.select_one("article .kp-coverage").get_text(" ", strip=True).split())
    assert shown == " ".join(BeautifulSoup(html.render_coverage(expected), "html.parser").get_text(" ", strip=True).split())
    article = page.select_one("article").get_text(" ", strip=True)
    assert "Hier finden Sie alle" not in article and "Profil mit Zielen und Maßnahmen" not in article


@pytest.mark.parametrize("site_fixture, registry_fixture", [("founding_site", "founding_registry"), ("real_site", None)])
def test_founding_partners_are_initialpartner_without_badge_size_or_agreement_claim(request, site_fixture,
                                                                                       registry_fixture):
    real_site = request.getfixturevalue(site_fixture)
    registry = request.getfixturevalue(registry_fixture) if registry_fixture else ROOT / "partners.yml"
    organisers = [p for p in partners_of(registry) if p.role == "founding"]
    founding = [p for p in organisers if p.status == "founding"]  # without an agreement of their own
    if registry_fixture:
        assert len(founding) == 2  # the fixture's two Initialpartner
    if not organisers:
        return
    directory = soup(real_site / "klimapartner/index.html")
    section = directory.select_one("section.kp-founding")
    assert section.select_one("h2").get_text(strip=True) == "Initialpartner"
    cards = {card.select_one("a")["href"]: card for card in section.select("li.kp-card")}
    assert set(cards) == {f"../partner/{p.id}/" for p in organisers}
    assert not directory.select("#kp-cards li.kp-card--founding")  # not in the list of partner companies
    for partner in founding:
        card = cards[f"../partner/{partner.id}/"].get_text(" ", strip=True)
        assert "Rolle Initialpartner" in card and "Klimapartner" not in card and "Größe" not in card
        page = soup(real_site / "partner" / partner.id / "index.html").select_one("article.kp-profile")
        assert page.select_one(".kp-profile__status").get_text(" ", strip=True) == "Initialpartner"
        facts = page.select_one("dl.kp-facts").get_text(" ", strip=True)
        assert "Initialpartner" in facts and "Klimapartner" not in facts and "Größe" not in facts
        assert "Eine eigene Klimaschutzvereinbarung ist auf dieser Website nicht eingetragen." in page.get_text(" ", strip=True)
        assert page.select_one(".kp-badge") is None and "Badge" not in page.get_text()
        assert not (real_site / "partner" / partner.id / "badge.svg").exists()


def test_a_former_id_keeps_the_old_profile_and_badge_addresses_working(founding_site):
    old = founding_site / "partner/test-betrieb-alt"
    page = soup(old / "index.html")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../test-betrieb/"
    assert page.select_one('link[rel="canonical"]')["href"].endswith("/partner/test-betrieb/")
    assert page.select_one("main a")["href"] == "../test-betrieb/"
    assert (old / "../test-betrieb/index.html").resolve().is_file()
    assert (old / "badge.svg").read_bytes() == (founding_site / "partner/test-betrieb/badge.svg").read_bytes()


def test_profiles_are_not_in_the_navigation(demo_site):
    nav = soup(demo_site / "index.html").select_one("nav.md-nav--primary")
    assert not nav.select('a[href*="partner/muster-"]')


def test_demo_notice_on_every_demo_page_and_never_on_the_real_site(demo_site, real_site):
    demo_pages = list(demo_site.rglob("*.html"))
    assert len(demo_pages) > 60
    for page in demo_pages:
        assert "Demodaten:" in page.read_text(encoding="utf-8"), page
    for page in real_site.rglob("*.html"):
        assert "Demodaten:" not in page.read_text(encoding="utf-8"), page


def test_tricky_but_valid_text_is_shown_literally(tmp_path):
    registry = tmp_path / "partners.yml"
    registry.write_text((FIXTURES / "tricky-text.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = build_site(registry, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    partner = partners_of(registry)[0]
    page = soup(tmp_path / "site/partner/tricky/index.html")
    assert page.select_one("article h1").get_text() == partner.name
    assert page.select_one(".kp-profile__description").get_text() == partner.description
    assert page.title.get_text().startswith(partner.name)
    directory = soup(tmp_path / "site/klimapartner/index.html")
    assert directory.select_one(".kp-card__title").get_text(strip=True) == partner.name


def test_build_fails_loudly_with_the_check_messages(tmp_path):
    registry = tmp_path / "partners.yml"
    registry.write_text("partners:\n  - id: acme\n    name: Acme\n    role: partner\n    status: partner\n    webiste: https://acme.example\n", encoding="utf-8")
    result = build_site(registry, tmp_path / "site")
    assert result.returncode != 0
    assert "partners.yml:6: acme: webiste: Unbekanntes Feld „webiste“. Meinten Sie „website“?" in result.stdout + result.stderr
