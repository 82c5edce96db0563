"""What keeps the build linear and pages light: checked on the built site and in a browser.

The timings themselves are measured by `make bench` (scripts/bench.py), not here.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from klimapakt.load import loader


def test_partner_cards_appear_on_the_directory_page_only(demo_site):
    pages = [p for p in demo_site.rglob("*.html") if 'class="kp-card"' in p.read_text(encoding="utf-8")]
    assert pages == [demo_site / "klimapartner/index.html"]


def test_profiles_link_no_other_profile(demo_site):
    """A profile page holds its own partner only: its size does not grow with the registry."""
    for path in list((demo_site / "partner").glob("*/index.html"))[:20]:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        own = f"{path.parent.name}"
        links = {a["href"] for a in page.select("a[href]") if "muster-" in a["href"]}
        assert all(own in href for href in links), (path, links)


def test_every_profile_is_one_compact_entry_in_the_search_index(demo_site, demo_registry):
    """Profiles are indexed from the data (site.add_to_search_index), not parsed from HTML."""
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    docs = json.loads((demo_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    profiles = [d for d in docs if d["location"].startswith("partner/")]
    assert [d["location"] for d in profiles] == [f"partner/{p.id}/" for p in partners]
    for entry, partner in zip(profiles, partners):
        assert entry["title"] == partner.name.replace("&", "&amp;")
        for measure in partner.measures:
            assert measure.title in entry["text"]


@pytest.mark.browser
def test_search_index_loads_only_when_the_visitor_searches(browser, demo_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_url + "klimapartner/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if u.endswith("search/search_index.json")]
    page.keyboard.press("/")  # Material's shortcut focuses the search field
    page.keyboard.type("Muster")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert [u for u in requests if u.endswith("search/search_index.json")] == [demo_url + "search/search_index.json"]
    page.close()


@pytest.mark.browser
def test_search_works_on_a_phone_after_tapping_the_icon(browser, demo_url):
    page = browser.new_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "search_index" in u]
    page.tap("button.kp-header-control--search")  # header-controls.js: the button that replaces the label
    page.keyboard.type("Muster")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.close()


@pytest.mark.browser
def test_a_search_link_loads_the_index_at_once(browser, demo_url):
    page = browser.new_page()
    page.goto(demo_url + "?q=Muster")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.close()
