"""The keyboard's corners of the drawer and the search (header-controls.js, assets/css/keyboard.css):
the current page's entry in the drawer, sub-menus opened and closed with Enter, Tab through search
results, Escape from a result back to the header's field, and the menu without JavaScript.

Material draws the drawer's page entries and sub-menu titles as <label>s, closes the search on Tab
and drops the focus to the page when what had it is covered or hidden.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers.waits import until
from quality.keyboard import tab_to
from quality.pages import opened_pages

pytestmark = pytest.mark.browser

PAGE = "klimapakt/"  # in the navigation, with a table of contents
MENU, SEARCH = ".kp-header-control--menu", ".kp-header-control--search"
DRAWER = ".md-sidebar--primary"
QUERY = ".md-search__input"
RESULT_LINK = ".md-search-result__list a[href]"
CURRENT_ENTRY = f'{DRAWER} label.md-nav__link[for="__toc"]'
SECTION = f"{DRAWER} label.md-nav__link[for]:not([for='__toc'])"  # a sub-menu's entry (Aktuelles)


@pytest.fixture
def page_at(browser, demo_url):
    with opened_pages(browser, demo_url) as open_page:
        yield lambda width, path=PAGE, **options: open_page(width, path, **options)


def open_drawer(page):
    tab_to(page, MENU)
    page.keyboard.press("Enter")
    expect(page.locator(f"{DRAWER} :focus")).to_have_count(1)


def test_the_current_pages_entry_in_the_drawer_is_a_tab_stop_that_opens_its_contents(page_at):
    page = page_at(390)
    open_drawer(page)
    entry = page.locator(CURRENT_ENTRY)
    for _ in range(20):
        if page.evaluate("sel => document.activeElement === document.querySelector(sel)", CURRENT_ENTRY):
            break
        page.keyboard.press("Tab")
    expect(entry).to_be_focused()
    expect(entry).to_contain_text("Der Klimapakt")
    page.keyboard.press("Enter")
    expect(page.locator("input#__toc")).to_be_checked()
    toc_link = page.locator(f"{DRAWER} nav.md-nav--secondary a.md-nav__link").first
    expect(toc_link).to_be_focused()  # into the page's contents, not to the page
    page.keyboard.press("Shift+Tab")  # the contents' title: back to the menu
    title = page.locator(f'{DRAWER} nav.md-nav--secondary > label.md-nav__title[for="__toc"]')
    expect(title).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("input#__toc")).not_to_be_checked()
    expect(entry).to_be_focused()


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_a_sub_menu_opened_from_the_keyboard_takes_the_focus_and_gives_it_back(page_at, key):
    page = page_at(390)
    open_drawer(page)
    section = page.locator(SECTION).first
    box = page.locator(f"input#{section.get_attribute('for')}")
    section.focus()
    page.keyboard.press(key)
    expect(box).to_be_checked()
    menu = page.locator(f"nav[aria-labelledby='{section.get_attribute('id')}']")
    first = menu.locator("a.md-nav__link").first
    expect(first).to_be_focused()  # "Aktuelles": the focus did not drop to the page
    expect(first).to_be_in_viewport()
    page.keyboard.press("Shift+Tab")
    expect(menu.locator(":scope > label.md-nav__title")).to_be_focused()
    page.keyboard.press(key)
    expect(box).not_to_be_checked()
    expect(section).to_be_focused()


def search_for(page, width: int, text: str = "klima"):
    if width < 960:
        tab_to(page, SEARCH)
        page.keyboard.press("Enter")
    else:
        tab_to(page, QUERY)
    expect(page.locator(QUERY)).to_be_focused()
    page.keyboard.type(text)
    expect(page.locator(".md-search-result__meta")).to_contain_text("Suchergebnis")
    expect(page.locator(RESULT_LINK).first).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_tab_after_typing_in_the_search_walks_through_the_results_and_a_hint_says_so(page_at, width):
    page = page_at(width)
    search_for(page, width)
    hint = page.locator("#kp-search-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Tab-Taste")
    expect(page.locator(QUERY)).to_have_attribute("aria-describedby", "kp-search-hint")
    page.keyboard.press("Tab")
    first = page.locator(RESULT_LINK).first
    expect(first).to_be_focused()
    expect(page.locator("input#__search")).to_be_checked()  # Material would have closed it
    page.keyboard.press("Tab")
    expect(page.locator(".md-search-result :focus")).to_have_count(1)
    expect(first).not_to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(first).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator(QUERY)).to_be_focused()
    page.keyboard.press("Shift+Tab")  # round again: to the last result shown
    expect(page.locator(".md-search-result :focus")).to_have_count(1)
    expect(page.locator("input#__search")).to_be_checked()


# Material opens the search whenever its field gets the focus, after a 1 ms debounce (its focus
# observer), unless that focus came before it had seen the focus leave: the script cancels that click
# while the search is held closed. Clicks that opened the box are counted after every other listener
# has run (a cancelled click is undone only after them); a timer of 10 ms fires after Material's 1 ms
# timer, so its answer is the state after Material decided.
WATCH_REOPEN_JS = """() => { window.__kpOpened = 0;
  addEventListener('click', e => { if (e.target.id === '__search' && e.target.checked && !e.defaultPrevented) window.__kpOpened += 1; }); }"""
AFTER_MATERIAL_JS = "() => new Promise(done => setTimeout(() => done({open: __search.checked, opened: __kpOpened}), 10))"


@pytest.mark.parametrize("width, key, back", [(390, "Tab", SEARCH), (1280, "ArrowDown", QUERY)])
def test_escape_from_a_result_returns_the_focus_to_what_opened_the_search(page_at, width, key, back):
    """On a phone to the search button; where the header holds the field, to the field, the search closed."""
    page = page_at(width)
    search_for(page, width)
    page.keyboard.press(key)
    expect(page.locator(RESULT_LINK).first).to_be_focused()
    page.evaluate(WATCH_REOPEN_JS)
    page.keyboard.press("Escape")
    expect(page.locator(back)).to_be_focused()
    expect(page.locator("input#__search")).not_to_be_checked()
    if back != QUERY:
        return

    def held_closed():
        assert page.evaluate(AFTER_MATERIAL_JS) == {"open": False, "opened": 0}  # Material's try was held back
    until(held_closed)
    expect(page.locator(QUERY)).to_be_focused()
    page.keyboard.type("x")
    expect(page.locator("input#__search")).to_be_checked()
    expect(page.locator(QUERY)).to_have_value("klimax")


def test_without_javascript_the_narrow_screen_menu_is_a_tab_stop_that_space_opens(page_at):
    page = page_at(390, java_script_enabled=False)
    page.keyboard.press("Tab")
    toggle = page.locator("input#__drawer")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_accessible_name("Menü")
    label = page.locator('.md-header label.md-header__button[for="__drawer"]')
    expect(label).to_have_css("outline-style", "solid")  # the ring is drawn round the menu icon
    expect(page.locator(DRAWER)).to_have_css("visibility", "hidden")
    page.keyboard.press("Space")
    expect(toggle).to_be_checked()
    expect(page.locator(DRAWER)).to_have_css("visibility", "visible")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("sel => !!document.activeElement.closest(sel)", DRAWER):
            break
    expect(page.locator(f"{DRAWER} a[href]:focus")).to_have_count(1)  # the drawer's logo link, then its pages


def test_with_a_wide_screen_and_no_javascript_the_hidden_toggle_is_no_tab_stop(page_at):
    page = page_at(1280, java_script_enabled=False)
    page.keyboard.press("Tab")
    expect(page.locator("input#__drawer")).not_to_be_focused()
