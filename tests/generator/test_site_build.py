"""The built site, read as a visitor gets it: every partner listed and profiled, figures right."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site
from klimapakt import model
from klimapakt.load import loader
from klimapakt.render import figures as stats


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
        if partner.sector:
            assert model.SECTORS[partner.sector] in text
        if partner.size:
            assert model.SIZES[partner.size] in text
    count = soup(site / "klimapartner/index.html").select_one("#kp-count").get_text(strip=True)
    assert count == f"{len(partners)} von {len(partners)} Partnern"


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
