"""Privacy in Debian's Chromium: every request stays on 127.0.0.1; no cookies and nothing in
browser storage, after loading any page type and after using the directory filter and search."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quality.pages import HEIGHT, WIDTHS, page_types
from quality.privacy import RequestLog, storage_problems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(demo_site):
    return page_types(demo_site)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_request_goes_to_127_0_0_1_and_nothing_is_stored(browser, demo_url, pages, width):
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    log = RequestLog(context)
    page = context.new_page()
    stored = {}
    for name, path in pages.items():
        page.goto(demo_url + path, wait_until="networkidle")
        # Scroll through the page so lazy images and anything loaded on scroll are requested too.
        page.evaluate("async () => { for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {"
                      " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); } }")
        page.wait_for_load_state("networkidle")
        problems = storage_problems(context, page)
        if problems:
            stored[name] = problems
    context.close()
    assert len(log.urls) > len(pages), "the request log recorded nothing: the check did not run"
    assert not log.foreign, "requests to other hosts:\n" + "\n".join(sorted(set(log.foreign)))
    assert not stored, f"stored in the browser: {stored}"


def test_nothing_is_stored_after_using_the_filter_and_the_search(browser, demo_url, pages):
    context = browser.new_context()
    log = RequestLog(context)
    page = context.new_page()
    page.goto(demo_url + pages["directory"], wait_until="networkidle")
    assert storage_problems(context, page) == []
    page.fill("#kp-q", "gmbh")
    page.click("#kp-filter-toggle")  # folded at first on every screen
    page.select_option("#kp-status", "partner")
    page.select_option("#kp-sortierung", "beitritt")
    page.click("#kp-filter button[type=reset]")
    page.select_option("#kp-groesse", index=1)
    page.reload(wait_until="networkidle")  # the filter state comes back from the URL, not from storage
    expect(page.locator("#kp-groesse")).not_to_have_value("")
    # Material's search: the index loads on demand, from 127.0.0.1, and leaves nothing behind.
    search_button = page.locator("button.kp-header-control--search")
    if search_button.is_visible():  # phones: the search opens from a button
        search_button.click()
    page.fill(".md-search__input", "klima")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_load_state("networkidle")
    problems = storage_problems(context, page)
    context.close()
    assert any(url.endswith("search/search_index.json") for url in log.urls), "the search did not run"
    assert not log.foreign, f"requests to other hosts: {log.foreign}"
    assert problems == []


def test_search_index_is_not_loaded_until_the_visitor_searches(browser, demo_url):
    context = browser.new_context()
    log = RequestLog(context)
    page = context.new_page()
    page.goto(demo_url, wait_until="networkidle")
    context.close()
    assert not [url for url in log.urls if "search_index.json" in url]
