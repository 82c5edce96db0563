"""Material's site search in the browser: a partner is found by a Stadtteil of its district.

Browser tests live under tests/website/: pytest runs them after the other folders, because once
Playwright's sync API runs, the process keeps an event loop that other tests' asyncio.run refuses.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from helpers.waits import until
from klimapakt import vocabulary
from klimapakt.load import loader


@pytest.mark.browser
def test_the_site_search_lists_a_partner_for_a_stadtteil_of_its_district(browser, demo_url, demo_registry):
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    partner = next(p for p in partners if p.district)
    quarter = vocabulary.DISTRICT_QUARTERS[partner.district][-1]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_url)
    page.locator("input.md-search__input").fill(quarter)
    results = page.locator(".md-search-result__item a")
    expect(results.filter(has_text=partner.name).first).to_be_visible()

    def only_that_district():
        found = {href.split("/partner/")[1].split("/")[0] for href in results.evaluate_all("links => links.map(a => a.href)")
                 if "/partner/" in href}
        assert partner.id in found
        assert {p.district for p in partners if p.id in found} == {partner.district}  # no partner from elsewhere
    until(only_that_district)
