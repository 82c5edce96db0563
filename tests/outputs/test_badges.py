"""Partner badges: a static, accessible SVG per Klimapartner and a snippet on its profile."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from conftest import ROOT
from klimapakt import model
from klimapakt.load import loader
from klimapakt.mkdocs import site
from klimapakt.outputs import badges
from klimapakt.render import html as render

SVG = "{http://www.w3.org/2000/svg}"
SITE_URL = "https://klimapakt.example.org/"


@pytest.fixture(scope="module")
def partners(demo_registry) -> tuple[model.Partner, ...]:
    return loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners


def test_every_klimapartner_has_a_badge_that_parses_and_names_its_year(demo_site, partners):
    klimapartner = [p for p in partners if p.status == "partner"]
    assert klimapartner
    for partner in klimapartner:
        root = ElementTree.parse(demo_site / "partner" / partner.id / "badge.svg").getroot()
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert root.get("aria-labelledby") == title.get("id")
        year = (partner.joined or partner.agreement.signed).year
        assert title.text == f"Klimapartner Düsseldorf seit {year}"
        assert f"seit {year}" in "".join(root.itertext())


def test_badges_are_static_and_load_nothing(demo_site):
    for path in (demo_site / "partner").glob("*/badge.svg"):
        text = path.read_text(encoding="utf-8")
        root = ElementTree.fromstring(text)
        tags = {element.tag.removeprefix(SVG) for element in root.iter()}
        assert not tags & {"script", "foreignObject", "image", "use", "a", "style"}, path
        attributes = {name for element in root.iter() for name in element.attrib}
        assert not {a for a in attributes if a.lower().startswith("on") or "href" in a}, path
        assert "url(" not in text and "http" not in text.replace("http://www.w3.org/2000/svg", ""), path


def test_only_klimapartner_get_a_badge(demo_site, partners):
    for partner in partners:
        has_badge = (demo_site / "partner" / partner.id / "badge.svg").exists()
        assert has_badge == (partner.status == "partner"), partner.id


def test_profile_shows_a_snippet_that_embeds_the_badge_and_links_back(demo_site, partners):
    for partner in partners:
        article = BeautifulSoup((demo_site / "partner" / partner.id / "index.html").read_text(encoding="utf-8"),
                                "html.parser").select_one("article.kp-profile")
        section = article.select_one("section.kp-badge")
        if partner.status != "partner":
            assert section is None, partner.id
            continue
        snippet = BeautifulSoup(section.select_one("pre code").get_text(), "html.parser")
        link, image = snippet.select_one("a"), snippet.select_one("a > img")
        assert link["href"] == f"{SITE_URL}partner/{partner.id}/"
        assert image["src"] == f"{SITE_URL}partner/{partner.id}/badge.svg"
        assert image["alt"].startswith("Klimapartner Düsseldorf seit ") and partner.name in image["alt"]
        assert (image["width"], image["height"]) == (str(badges.WIDTH), str(badges.HEIGHT))
        preview = section.select_one("img.kp-badge__preview")
        assert preview["src"] == "badge.svg" and preview["alt"]


def test_badge_section_stays_out_of_the_search_index(demo_site):
    index = json.loads((demo_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].endswith(("#badge", "#fuer-klimapartner"))]
    assert not [d for d in index["docs"] if "badge.svg" in d["text"] or "Kopieren Sie diesen HTML-Code" in d["text"]]


def test_snippet_escapes_the_partner_name():
    partner = model.Partner(id="x", name='A "B" <C> & D', role="partner", status="partner", joined=dt.date(2023, 1, 1))
    snippet = badges.embed(partner, SITE_URL).snippet
    assert 'alt="Klimapartner Düsseldorf seit 2023 – Profil von A &quot;B&quot; &lt;C&gt; &amp; D im Klimapakt Düsseldorf"' in snippet
    html = render.render_profile(partner, office_email="a@example.org", badge=badges.embed(partner, SITE_URL))
    assert "<C>" not in html and "&amp;lt;C&amp;gt;" in html  # shown as code: escaped once more


def test_badge_without_any_date_has_no_year():
    partner = model.Partner(id="x", name="X", role="partner", status="partner")
    assert badges.badge_for(partner).text == "Klimapartner Düsseldorf"
    assert "seit" not in badges.badge_svg(None)


def test_signing_year_stands_in_for_a_missing_joined_date():
    partner = model.Partner(id="x", name="X", role="partner", status="partner",
                            agreement=model.Agreement(signed=dt.date(2022, 5, 1)))
    assert badges.badge_for(partner).year == 2022


def test_profile_markdown_keeps_the_badge_out_without_a_site_url():
    partner = model.Partner(id="x", name="X", role="partner", status="partner", joined=dt.date(2023, 1, 1))
    assert "kp-badge" not in site.profile_markdown(partner, "a@example.org")
    assert "kp-badge" in site.profile_markdown(partner, "a@example.org", SITE_URL)


def test_an_initialpartner_gets_a_badge_only_with_its_own_agreement():
    agreement = model.Agreement(signed=dt.date(2024, 5, 1))
    with_agreement = model.Partner(id="k", name="Kammer", role="founding", status="partner", agreement=agreement)
    assert badges.badge_for(with_agreement) is not None
    html = BeautifulSoup(render.render_profile(with_agreement, office_email="a@example.org",
                                               badge=badges.embed(with_agreement, SITE_URL)), "html.parser")
    assert [t.get_text() for t in html.select(".kp-profile__status .kp-tag")] == ["Initialpartner", "Klimapartner"]
    # The record rule refuses "founding" + "partner" without agreement; the badge does not rely on it alone.
    for status in ("partner", "founding"):
        assert badges.badge_for(model.Partner(id="k", name="Kammer", role="founding", status=status)) is None


def test_badges_are_written_again_over_old_ones_without_changing_any_other_file(tmp_path):
    partners = [model.Partner(id=f"p{n}", name=f"P{n}", role="partner", status="partner", joined=dt.date(2020 + n % 2, 1, 1))
                for n in range(4)]
    (tmp_path / "partner" / "p0").mkdir(parents=True)  # p1 … p3: their folders are made by write_badges
    other = tmp_path / "other.txt"
    other.write_text("unrelated", encoding="utf-8")
    (tmp_path / "partner" / "p2").mkdir()
    (tmp_path / "partner" / "p2" / badges.BADGE_FILE).hardlink_to(other)  # a stale file that must not be written into
    for _run in range(2):
        assert badges.write_badges(partners, tmp_path) == 4
        for partner in partners:
            assert (tmp_path / badges.badge_for(partner).path).read_text(encoding="utf-8") == badges.badge_svg(partner.year_joined)
        assert other.read_text(encoding="utf-8") == "unrelated"
    assert (tmp_path / "partner/p0/badge.svg").samefile(tmp_path / "partner/p2/badge.svg")
