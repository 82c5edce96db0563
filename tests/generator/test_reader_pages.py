"""What readers asked of the built pages: costs findable, nothing "wird ergänzt" in Leichte Sprache,
the Fortschritt page leads with the pact's own figures, the WZ names explained."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_mitmachen_says_what_joining_costs_or_whom_to_ask(real_site):
    page = soup(real_site / "mitmachen/index.html")
    assert page.find("h2", string="Kosten") is not None
    costs = page.find("h2", string="Kosten").find_next("p")
    assert "kostet" in costs.get_text() and costs.a["href"].startswith("mailto:")


def test_leichte_sprache_shows_only_what_is_known(real_site):
    article = soup(real_site / "leichte-sprache/index.html").select_one("article")
    assert "wird ergänzt" not in article.get_text()
    assert "2 Tonnen CO2" in article.get_text()


def test_fortschritt_shows_the_pact_figures_before_the_directory_counts(real_site):
    article = soup(real_site / "fortschritt/index.html").select_one("article")
    pact, coverage = article.select_one(".kp-pact-figures"), article.select_one(".kp-coverage")
    assert pact is not None and coverage is not None
    assert pact.sourceline < coverage.sourceline
    assert all(li.select_one(".kp-pact-figure__source a[href^='https://']") for li in pact.select("li"))


def test_fortschritt_explains_every_wz_section(demo_site):
    rows = soup(demo_site / "fortschritt/index.html").select(".kp-sector-list tbody tr")
    assert [r.td.get_text() for r in rows] == list("ABCDEFGHIJKLMNOPQRSTU")


def test_no_empty_banner_on_the_real_site_and_the_demo_notice_on_the_demo(real_site, demo_site):
    assert soup(real_site / "index.html").select("aside.md-banner") == []
    banner = soup(demo_site / "index.html").select_one("aside.md-banner")
    assert banner is not None and banner.get_text(" ", strip=True).startswith("Demodaten:")


def test_aktuelles_names_each_read_more_link_and_has_no_unnamed_navigation(real_site):
    page = soup(real_site / "aktuelles/index.html")
    links = page.select(".md-post__action a")
    names = [" ".join(a.get_text(" ").split()) for a in links]
    assert len(links) >= 2 and len(set(names)) == len(names)
    assert all(name.startswith("Weiterlesen : ") or name.startswith("Weiterlesen: ") for name in names), names
    empty = [nav for nav in page.select("nav") if not nav.get_text(strip=True) and not nav.select("a, button")]
    assert empty == [] and page.select("nav.md-post__action") == []


def test_the_404_page_says_so_in_its_title(real_site):
    assert soup(real_site / "404.html").title.get_text().startswith("Seite nicht gefunden")


def test_the_accessibility_statement_names_the_known_keyboard_gaps(real_site):
    text = soup(real_site / "barrierefreiheit/index.html").select_one("article").get_text(" ")
    for gap in ("Menü auf dem Smartphone", "Menü ohne JavaScript", "Suche auf dem Smartphone",
                "Suche auf großen Bildschirmen", "Diagramme"):
        assert gap in text
