"""The directory filter in a real browser (Debian's Chromium via Playwright)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from klimapakt.load import loader

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def partners(demo_registry):
    return loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners


def visible_titles(page) -> list[str]:
    return page.locator("li.kp-card:visible .kp-card__title").all_inner_texts()


def test_without_javascript_every_partner_is_listed(browser, demo_url, partners):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "klimapartner/?status=partner")
    assert len(visible_titles(page)) == len(partners)
    assert page.locator("#kp-filter").is_hidden()  # a form that cannot filter is not offered
    context.close()


def test_status_filter_narrows_list_updates_count_and_url(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/")
    assert page.locator("#kp-count").inner_text() == f"{len(partners)} von {len(partners)} eingetragenen Partnerunternehmen"
    page.select_option("#kp-status", "letter-of-intent")
    expected = sorted(p.name for p in partners if p.status == "letter-of-intent")
    assert sorted(visible_titles(page)) == expected
    assert page.locator("#kp-count").inner_text() == f"{len(expected)} von {len(partners)} eingetragenen Partnerunternehmen"
    assert page.locator("#kp-count").get_attribute("aria-live") == "polite"
    assert "status=letter-of-intent" in page.url
    page.close()


def test_filters_are_restored_from_the_url(browser, demo_url, partners):
    sector = next(p.sector for p in partners if p.sector)
    page = browser.new_page()
    page.goto(demo_url + f"klimapartner/?branche={sector}&status=partner")
    expected = sorted(p.name for p in partners if p.sector == sector and p.status == "partner")
    assert sorted(visible_titles(page)) == expected
    assert page.locator("#kp-branche").input_value() == sector
    page.close()


def test_text_search_matches_names_case_insensitively(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/")
    page.fill("#kp-q", "GÄRTNEREI")
    expected = sorted(p.name for p in partners if "gärtnerei" in p.name.lower())
    assert expected and sorted(visible_titles(page)) == expected
    assert "q=G%C3%84RTNEREI" in page.url
    page.fill("#kp-q", "gibt es nicht")
    assert page.locator("#kp-empty").is_visible()
    page.close()


def test_sort_by_date_joined_puts_newest_first(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/?sortierung=beitritt")
    newest = max((p for p in partners if p.joined), key=lambda p: p.joined)
    assert visible_titles(page)[0] == newest.name
    page.close()


def test_keyboard_user_can_filter_and_open_a_profile(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/")
    page.focus("#kp-status")
    page.keyboard.press("ArrowDown")  # Chromium changes a focused <select> with arrow keys
    assert page.locator("#kp-status").input_value() != ""
    page.locator("li.kp-card:visible a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/partner/**")
    assert page.locator("article.kp-profile h1").count() == 1
    page.close()
