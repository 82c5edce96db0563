"""The header by keyboard at 390, 640 and 1280 px: the menu and search buttons (header-controls.js),
the closed drawer outside the tab order, Escape back to the control that opened drawer or search.

Material shows the menu button below 1220 px and the search button below 960 px; above, the tabs and
the search field take their place. Pages load without motion (conftest.StillBrowser) except in the
test of the drawer's slide, which waits for the end state instead.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quality.keyboard import tab_through, tab_to
from quality.pages import HEIGHT

pytestmark = pytest.mark.browser

WIDTHS = (390, 640, 1280)
NARROW = (390, 640)  # the menu and the search are buttons here
PAGE = "klimapakt/"  # a page with a table of contents: the drawer holds that too
MENU, SEARCH = ".kp-header-control--menu", ".kp-header-control--search"


@pytest.fixture
def page_at(browser, demo_url):
    pages = []

    def open_page(width: int, path: str = PAGE):
        page = browser.new_page(viewport={"width": width, "height": HEIGHT})
        pages.append(page)
        page.goto(demo_url + path)
        return page
    yield open_page
    for page in pages:
        page.close()


def toggle(page, name: str):
    """Material's hidden checkbox that opens the drawer (__drawer) or the search (__search)."""
    return page.locator(f"input#{name}")


def focused_in(page, selector: str):
    """The focused element if it is inside `selector` (for expect(...).to_have_count(1) / to_have_count(0))."""
    return page.locator(f"{selector} :focus")


@pytest.mark.parametrize("width", WIDTHS)
def test_header_controls_are_named_tab_stops_where_they_are_shown(page_at, width):
    page = page_at(width)
    stops = tab_through(page, selectors=(MENU, SEARCH, ".md-search__input", ".md-sidebar--primary *"))
    names = {sel: [s.name for s in stops if sel in s.matches] for sel in (MENU, SEARCH, ".md-search__input")}
    if width in NARROW:
        assert len(names[MENU]) == 1 and names[MENU][0].startswith('button') and names[MENU][0].endswith('"Menü"')
        assert len(names[SEARCH]) == 1 and names[SEARCH][0].endswith('"Suche"')
        assert names[".md-search__input"] == []  # reached through its button only
        menu = page.locator(MENU)
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(menu).to_have_attribute("aria-controls", "kp-drawer")  # header-controls.js names the drawer
        expect(page.locator(".md-sidebar--primary")).to_have_id("kp-drawer")
    else:
        assert names[MENU] == [] and names[SEARCH] == [] and len(names[".md-search__input"]) == 1
    assert not [s.name for s in stops if ".md-sidebar--primary *" in s.matches]  # the closed drawer (or hidden sidebar)
    expect(page.locator('label[for="__drawer"].md-header__button')).to_be_hidden()  # the label gave way to the button


@pytest.mark.parametrize("width", NARROW)
def test_menu_opens_with_enter_or_space_takes_the_focus_and_escape_brings_it_back(page_at, width):
    page = page_at(width)
    tab_to(page, MENU)
    page.keyboard.press("Enter")
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "true")
    expect(toggle(page, "__drawer")).to_be_checked()
    expect(focused_in(page, ".md-sidebar--primary")).to_be_visible()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    first = page.evaluate_handle("() => document.activeElement")  # once the focus is in the drawer
    page.keyboard.press("Tab")
    page.wait_for_function("first => document.activeElement !== first", arg=first)
    expect(focused_in(page, ".md-sidebar--primary")).to_have_count(1)  # Tab walks on inside the open drawer
    page.keyboard.press("Escape")
    expect(page.locator(MENU)).to_be_focused()
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".md-sidebar--primary")).to_have_css("visibility", "hidden")
    page.keyboard.press("Space")
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "true")
    expect(focused_in(page, ".md-sidebar--primary")).to_have_count(1)


@pytest.mark.parametrize("width", NARROW)
def test_leaving_the_open_drawer_with_shift_tab_closes_it(page_at, width):
    page = page_at(width)
    tab_to(page, MENU)
    page.keyboard.press("Enter")
    expect(focused_in(page, ".md-sidebar--primary")).to_have_count(1)
    page.keyboard.press("Shift+Tab")  # from the drawer's first entry back into the header
    expect(page.locator(MENU)).to_have_attribute("aria-expanded", "false")
    expect(toggle(page, "__drawer")).not_to_be_checked()
    expect(focused_in(page, ".md-sidebar--primary")).to_have_count(0)


@pytest.mark.parametrize("width", NARROW)
def test_search_button_opens_the_search_and_escape_returns_the_focus_to_it(page_at, width):
    page = page_at(width)
    tab_to(page, SEARCH)
    page.keyboard.press("Enter")
    expect(page.locator(".md-search__input")).to_be_focused()
    expect(toggle(page, "__search")).to_be_checked()
    expect(page.locator(SEARCH)).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("klima")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(SEARCH)).to_be_focused()
    expect(toggle(page, "__search")).not_to_be_checked()
    expect(page.locator(SEARCH)).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Tab")
    expect(page.locator(SEARCH)).not_to_be_focused()
    expect(focused_in(page, ".md-search")).to_have_count(0)  # the closed search is no tab stop


def test_search_field_in_the_header_keeps_the_focus_after_escape_and_opens_again_on_typing(page_at):
    page = page_at(1280)
    tab_to(page, ".md-search__input")
    page.wait_for_function("() => __search.checked")  # Material opens the search when its field gets the focus
    page.keyboard.type("klima")
    page.keyboard.press("Escape")
    expect(page.locator(".md-search__input")).to_be_focused()
    expect(toggle(page, "__search")).not_to_be_checked()
    page.keyboard.type("x")
    page.wait_for_function("() => __search.checked")
    expect(page.locator(".md-search__input")).to_have_value("klimax")


@pytest.mark.parametrize("width", WIDTHS)
def test_escape_after_the_search_shortcut_returns_to_where_the_focus_was(page_at, width):
    page = page_at(width)
    link = page.locator("article a[href]").first
    link.focus()
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    expect(toggle(page, "__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(link).to_be_focused()
    expect(toggle(page, "__search")).not_to_be_checked()


@pytest.mark.parametrize("width", NARROW)
def test_a_profile_has_the_same_controls(page_at, width, demo_site):
    profile = sorted(p.parent.name for p in (demo_site / "partner").glob("*/index.html"))[0]
    page = page_at(width, f"partner/{profile}/")
    assert tab_to(page, MENU) == 2  # after the skip link
    page.keyboard.press("Enter")
    expect(focused_in(page, ".md-sidebar--primary")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(MENU)).to_be_focused()


def test_closed_drawer_is_hidden_once_it_has_slid_out(browser, demo_url):
    """With motion (the visitor has not asked for less): the drawer slides, then leaves the tab order."""
    context = browser.new_context(viewport={"width": 390, "height": HEIGHT}, reduced_motion="no-preference")
    page = context.new_page()
    page.goto(demo_url + PAGE)
    page.evaluate("() => { window.kpTestNoMotion.disabled = true; }")  # the site's own transitions
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).to_have_css("transition-duration", re.compile(r"\b0\.25s\b"))
    tab_to(page, MENU)
    page.keyboard.press("Enter")
    expect(drawer).to_have_css("visibility", "visible")
    expect(drawer).to_have_css("transform", "matrix(1, 0, 0, 1, 242, 0)")  # slid in: 12.1rem
    page.keyboard.press("Escape")
    expect(page.locator(MENU)).to_be_focused()
    expect(drawer).to_have_css("visibility", "hidden")
    expect(drawer).to_have_css("transform", "matrix(1, 0, 0, 1, 0, 0)")  # slid out
    context.close()


def test_asked_for_less_motion_the_drawer_does_not_slide(browser, demo_url):
    context = browser.new_context(viewport={"width": 390, "height": HEIGHT}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(demo_url + PAGE)
    page.evaluate("() => { window.kpTestNoMotion.disabled = true; }")
    expect(page.locator(".md-sidebar--primary")).to_have_css("transition-duration", "0s")
    expect(page.locator(".md-overlay")).to_have_css("transition-duration", "0s")
    context.close()
