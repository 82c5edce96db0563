"""Accessibility (WCAG 2.1 AA) of every page type in Debian's Chromium, at 390 px and 1280 px.

axe-core (pinned in package.json) runs every rule tagged WCAG 2.0/2.1 A and AA; the other
tests cover what axe cannot see: the keyboard, focus indicators, heading order, the skip
link, reflow at 320 px and at 200 % zoom, charts and the filter's live count.
Known exceptions (none at present) are listed in quality.axe.AXE_EXCEPTIONS with their
reason, and named in the Erklärung zur Barrierefreiheit.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quality.axe import (AXE_EXCEPTIONS, AXE_TAGS, axe_rule_ids, describe_violations, page_problems, reflow_problems,
                         run_axe)
from quality.contrast import apply_palette, palettes
from quality.keyboard import focus_problems, focus_start, tab_through
from quality.pages import HEIGHT, REQUIRED_PAGES, WIDTHS, page_types

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(demo_site):
    return page_types(demo_site)


def report(found: dict[str, list[str]], limit: int = 12) -> str:
    """Problems by page; the same problem on several pages is listed once, with the pages."""
    pages_of: dict[str, list[str]] = {}
    for page, problems in found.items():
        for problem in dict.fromkeys(problems):
            pages_of.setdefault(problem, []).append(page)
    lines = [f"{problem}\n    on: {', '.join(pages)}" for problem, pages in pages_of.items()]
    more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def _contrast(page) -> list[str]:
    """Every palette the site offers (the one on <body> and any palette toggle), with the
    system set to light and to dark: the site must not fall into an unchecked palette."""
    problems = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for palette in palettes(page):
            apply_palette(page, palette)
            violations = run_axe(page, rules=["color-contrast", "link-in-text-block"])
            problems += [f"{scheme}, palette {palette}: {line}" for line in describe_violations(violations)]
    page.emulate_media(color_scheme="light")
    return problems


def _skip_link(page) -> list[str]:
    focus_start(page)
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    if "md-skip" not in str(first[0]):
        return [f"first Tab stop is {first}, not the skip link"]
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    box = page.locator("a.md-skip").bounding_box()
    if not box or box["width"] < 10 or box["y"] < 0 or box["x"] < 0:
        return [f"skip link is not visible when focused: {box}"]
    page.keyboard.press("Enter")
    target = first[1].lstrip("#")
    moved = page.evaluate("""id => { const t = document.getElementById(decodeURIComponent(id));
        const r = t.getBoundingClientRect(); return location.hash === '#' + id && r.top < innerHeight && r.bottom > 0
          && !!t.closest('.md-content, article'); }""", target)
    return [] if moved else [f"Enter on the skip link did not bring #{target} into view"]


CHECKS = {
    "axe": lambda page: describe_violations(run_axe(page)),
    "structure": page_problems,
    "contrast": _contrast,
    "skip": _skip_link,
    "focus": lambda page: focus_problems(tab_through(page)),
}


# Checks that use the keyboard start on a freshly loaded page: the skip-link check follows an
# in-page link, and Material closes the search 125 ms after every such navigation, so a Tab
# walk started right after it found the search field open or closed depending on timing.
FRESH_PAGE = {"skip", "focus"}


def _visit(context, demo_url, pages, checks) -> dict[str, dict[str, list[str]]]:
    """Open every page once and run the checks in order; {check: {page: problems}}."""
    found: dict[str, dict[str, list[str]]] = {check: {} for check in checks}
    page = context.new_page()
    for name, path in pages.items():
        response = page.goto(demo_url + path, wait_until="load")
        expected = 404 if name == "404" else 200
        if response is None or response.status != expected:
            for check in checks:
                found[check][name] = [f"/{path} answered {response and response.status}, not {expected}"]
            continue
        for check, run in checks.items():
            if check in FRESH_PAGE:
                page.goto(demo_url + path, wait_until="load")
            try:
                problems = run(page)
            except Exception as error:  # one broken check must not hide the others' findings
                problems = [f"check failed: {type(error).__name__}: {error}"]
            if problems:
                found[check][name] = problems
    page.close()
    return found


@pytest.fixture(scope="module")
def survey(browser, demo_url, pages):
    """Every page type at 390 px and 1280 px, each loaded once per width, all checks run."""
    results = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT})
        try:
            results[width] = _visit(context, demo_url, pages, CHECKS)
        finally:
            context.close()
    return results


@pytest.fixture(scope="module")
def reflow(browser, demo_url, pages):
    """320 px wide, and 200 % zoom of a 1280 px window (a 640 CSS px viewport at scale factor 2)."""
    def at(width, height):
        def check(page):
            page.set_viewport_size({"width": width, "height": height})
            return reflow_problems(page)
        return check
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2)
    try:
        return _visit(context, demo_url, pages, {"320 px": at(320, 640), "200 % zoom": at(640, 450)})
    finally:
        context.close()


def test_every_required_page_type_is_checked(pages):
    assert set(REQUIRED_PAGES) <= set(pages)
    assert len(pages) >= 12


def test_exceptions_are_named_in_the_accessibility_statement(demo_site):
    """A rule the site cannot meet is listed in AXE_EXCEPTIONS with its reason, and the
    Erklärung zur Barrierefreiheit names it; without exceptions, the Erklärung says so."""
    text = (demo_site / "barrierefreiheit" / "index.html").read_text(encoding="utf-8")
    for rule, reason in AXE_EXCEPTIONS.items():
        assert reason.strip(), f"exception {rule} without a reason"
        assert rule in text, f"exception {rule} is not named in the Erklärung zur Barrierefreiheit"
    if not AXE_EXCEPTIONS:
        assert "Ausnahmen von diesen Regeln gibt es zurzeit nicht" in text


def test_axe_checks_the_wcag_a_and_aa_rules(browser, demo_url, capsys):
    page = browser.new_page()
    page.goto(demo_url)
    rules = axe_rule_ids(page)
    version = page.evaluate("() => axe.version")
    page.close()
    assert "color-contrast" in rules and "image-alt" in rules and "html-has-lang" in rules
    assert len(rules) >= 50
    with capsys.disabled():
        print(f"\naxe-core {version}: {len(rules)} rules tagged {', '.join(AXE_TAGS)}")


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations(survey, width):
    assert not survey[width]["axe"], f"axe-core violations at {width} px:\n{report(survey[width]['axe'])}"


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_contrast_in_every_palette_light_and_dark(survey, width):
    assert not survey[width]["contrast"], report(survey[width]["contrast"])


@pytest.mark.parametrize("width", WIDTHS)
def test_lang_headings_images_charts_and_skip_link(survey, width):
    assert not survey[width]["structure"], report(survey[width]["structure"])


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(survey, width):
    assert not survey[width]["skip"], report(survey[width]["skip"])


@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_is_visible_and_has_a_focus_indicator(survey, width):
    assert not survey[width]["focus"], report(survey[width]["focus"])


@pytest.mark.parametrize("label", ["320 px", "200 % zoom"])
def test_reflow_without_horizontal_scrolling(reflow, label):
    assert not reflow[label], f"{label}:\n{report(reflow[label])}"


def test_charts_have_a_text_alternative_and_a_table(browser, demo_url, pages):
    """Charts are SVG images with a name; the values are also in a table (the text alternative)."""
    page = browser.new_page()
    charts = 0
    for name in ("profile", "fortschritt"):
        if name not in pages:
            continue
        page.goto(demo_url + pages[name])
        for chart in page.locator("svg.kp-chart, img.kp-chart").all():
            charts += 1
            label = chart.evaluate("""el => el.getAttribute('alt') || el.getAttribute('aria-label') ||
                (el.getAttribute('aria-labelledby') || '').split(/\\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ')""")
            assert chart.evaluate("el => el.tagName === 'IMG' || el.getAttribute('role') === 'img'"), f"{name}: chart without role=img"
            assert label.strip(), f"{name}: chart without a name"
            has_table = chart.evaluate("""el => { let block = el;
                while (block.parentElement && !block.parentElement.matches('article, .md-content__inner, section'))
                  block = block.parentElement;
                for (let n = block.nextElementSibling; n; n = n.nextElementSibling) {
                if (n.matches('table, .kp-table-wrap') || n.querySelector('table')) return true;
                if (/^H[1-3]$/.test(n.tagName) && n !== el) return false; } return false; }""")
            assert has_table, f"{name}: chart {chart.get_attribute('id')} without a table of its values after it"
    page.close()
    assert charts >= 1, "no chart found: the chart checks did not run"


def test_404_page_is_served_for_a_missing_path(browser, demo_url):
    page = browser.new_page()
    response = page.goto(demo_url + "gibt-es-nicht/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Seite nicht gefunden"
    page.close()


# ------------------------------------------------------------------ the directory by keyboard

DIRECTORY_OUTSIDE = ["#kp-q", "#kp-filter-toggle"]  # always shown; the filters fold behind the toggle
DIRECTORY_FOLDED = ["#kp-branche", "#kp-groesse", "#kp-bezirk", "#kp-status", "#kp-sortierung", "#kp-filter button[type=reset]"]
DIRECTORY_CONTROLS = DIRECTORY_OUTSIDE + DIRECTORY_FOLDED


def directory_tab_order(page, letters: str, card: str) -> list[str]:
    stops = tab_through(page, max_steps=600, selectors=(*DIRECTORY_CONTROLS, letters, card))
    assert not focus_problems([stop for stop in stops if stop.matches])
    return [stop.matches[0] for stop in stops if stop.matches]


@pytest.mark.parametrize("width", WIDTHS)
def test_directory_controls_and_cards_are_reachable_by_tab_with_visible_focus(browser, demo_url, pages, width):
    page = browser.new_page(viewport={"width": width, "height": HEIGHT})
    page.goto(demo_url + pages["directory"])
    total = int(page.locator(".kp-directory").get_attribute("data-total"))
    card, letters = "li.kp-card a", "#kp-letters a"
    toggle = page.locator("#kp-filter-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        # Folded (on a phone): the hidden filters are no tab stops.
        order = directory_tab_order(page, letters, card)
        assert [s for s in order if s not in (card, letters)] == DIRECTORY_OUTSIDE
        toggle.click()
    order = directory_tab_order(page, letters, card)
    controls = [s for s in order if s not in (card, letters)]
    assert controls == DIRECTORY_CONTROLS, f"filter controls in tab order: {controls}"
    assert order.count(card) == total, "every card's link is a tab stop"
    assert order.count(letters) == page.locator("#kp-letters a[href]").count() > 0
    assert order.index("#kp-filter button[type=reset]") < order.index(letters) < order.index(card)
    page.close()


def test_directory_is_usable_with_tab_enter_and_space(browser, demo_url, pages):
    page = browser.new_page()
    page.goto(demo_url + pages["directory"])
    count = page.locator("#kp-count")
    total = int(page.locator(".kp-directory").get_attribute("data-total"))
    assert count.get_attribute("aria-live") == "polite" and count.get_attribute("role") == "status"
    visible = page.locator("li.kp-card:visible")

    # Search: type, then Enter submits without leaving the page.
    page.focus("#kp-q")
    page.keyboard.type("gärtnerei")  # a trade of the seed-2035 demo (klimapakt.demo.TRADES)
    page.keyboard.press("Enter")
    assert page.url.startswith(demo_url + pages["directory"])
    searched = visible.count()
    assert 0 < searched < total
    assert count.inner_text() == f"{searched} von {total} eingetragenen Partnerunternehmen"  # announced by the live region

    # Filters: Tab to the Filter control (folded at first on every screen), Enter unfolds them, then
    # Tab to each select; arrow keys change it; the live count follows.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kp-filter-toggle"
    page.keyboard.press("Enter")
    expect(page.locator("#kp-filter-toggle")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kp-branche"
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kp-status"
    page.fill("#kp-q", "")
    page.focus("#kp-status")
    page.keyboard.press("ArrowDown")
    status = page.locator("#kp-status").input_value()
    assert status
    shown = visible.count()
    assert count.inner_text() == f"{shown} von {total} eingetragenen Partnerunternehmen" and shown < total

    # Sort by keyboard: the newest partner comes first.
    page.focus("#kp-sortierung")
    page.keyboard.press("ArrowDown")
    assert page.locator("#kp-sortierung").input_value() == "beitritt"

    # Space on the reset button clears every filter.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "reset"
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.getElementById('kp-count').textContent === '{total} von {total} eingetragenen Partnerunternehmen'")
    assert page.locator("#kp-status").input_value() == ""

    # Tab to the letter bar; Enter jumps to the first card under the letter, Tab focuses its
    # link, Enter opens the profile.
    page.keyboard.press("Tab")
    target = page.evaluate("() => document.activeElement.closest('#kp-letters') && document.activeElement.getAttribute('href')")
    assert target, "the letter bar follows the filters"
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === id", arg=target)
    page.keyboard.press("Tab")
    assert page.evaluate("id => document.activeElement.closest('li.kp-card') === document.querySelector(id)", target)
    page.keyboard.press("Enter")
    page.wait_for_url("**/partner/**")
    assert page.locator("article.kp-profile h1").count() == 1
    page.close()


def test_filter_result_count_is_a_polite_live_region_that_changes(browser, demo_url, pages):
    page = browser.new_page()
    page.goto(demo_url + pages["directory"])
    region = page.locator("[aria-live]")
    assert region.count() == 1 and region.get_attribute("id") == "kp-count"
    assert region.get_attribute("aria-live") == "polite"
    page.evaluate("""() => { window.kpAnnounced = [];
        new MutationObserver(() => kpAnnounced.push(document.getElementById('kp-count').textContent))
          .observe(document.getElementById('kp-count'), {childList: true, characterData: true, subtree: true}); }""")
    page.click("#kp-filter-toggle")  # folded at first on every screen
    page.select_option("#kp-status", "letter-of-intent")
    announced = page.evaluate("() => kpAnnounced")
    shown = page.locator("li.kp-card:visible").count()
    assert announced and announced[-1].startswith(f"{shown} von ")
    page.close()
