"""Accessibility (WCAG 2.1 AA) of every page type in Debian's Chromium, at 390 px and 1280 px.

axe-core (pinned in package.json) runs every rule tagged WCAG 2.0/2.1 A and AA; the other
tests cover what axe cannot see: the keyboard, focus indicators, heading order, the skip
link, reflow at 320 px and at 200 % zoom, charts and the filter's live count.
Known exceptions (none at present) are listed in quality.axe.AXE_EXCEPTIONS with their
reason, and named in the Erklärung zur Barrierefreiheit.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from helpers.waits import until
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


# Enter on the skip link: the address names its target, which is in view and in the main content.
_SKIPPED_TO_JS = """id => { const t = document.getElementById(decodeURIComponent(id));
    const r = t.getBoundingClientRect(); return location.hash === '#' + id && r.top < innerHeight && r.bottom > 0
      && !!t.closest('.md-content, article'); }"""


def _skip_link(page) -> list[str]:
    focus_start(page)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    try:
        expect(skip).to_be_focused()
    except AssertionError:
        first = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
        return [f"first Tab stop is {first}, not the skip link"]
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")
    try:
        expect(skip).to_be_in_viewport()
    except AssertionError:
        return [f"skip link is not visible when focused: {skip.bounding_box()}"]
    target = skip.get_attribute("href").lstrip("#")
    page.keyboard.press("Enter")
    try:
        page.wait_for_function(_SKIPPED_TO_JS, arg=target, timeout=10_000)
    except PlaywrightTimeoutError:
        return [f"Enter on the skip link did not bring #{target} into view"]
    return []


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


@pytest.mark.npm
def test_axe_checks_the_wcag_a_and_aa_rules(browser, demo_url, capsys):
    page = browser.new_page()
    page.goto(demo_url)

    def rules_tagged():
        rules = axe_rule_ids(page)
        assert "color-contrast" in rules and "image-alt" in rules and "html-has-lang" in rules
        assert len(rules) >= 50
        return rules, page.evaluate("() => axe.version")
    rules, version = until(rules_tagged)
    page.close()
    with capsys.disabled():
        print(f"\naxe-core {version}: {len(rules)} rules tagged {', '.join(AXE_TAGS)}")


@pytest.mark.npm  # the survey runs axe-core on every page
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations(survey, width):
    assert not survey[width]["axe"], f"axe-core violations at {width} px:\n{report(survey[width]['axe'])}"


@pytest.mark.npm  # the survey runs axe-core on every page
@pytest.mark.parametrize("width", WIDTHS)
def test_colour_contrast_in_every_palette_light_and_dark(survey, width):
    assert not survey[width]["contrast"], report(survey[width]["contrast"])


@pytest.mark.npm  # the survey runs axe-core on every page
@pytest.mark.parametrize("width", WIDTHS)
def test_lang_headings_images_charts_and_skip_link(survey, width):
    assert not survey[width]["structure"], report(survey[width]["structure"])


@pytest.mark.npm  # the survey runs axe-core on every page
@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(survey, width):
    assert not survey[width]["skip"], report(survey[width]["skip"])


@pytest.mark.npm  # the survey runs axe-core on every page
@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_is_visible_and_has_a_focus_indicator(survey, width):
    assert not survey[width]["focus"], report(survey[width]["focus"])


@pytest.mark.parametrize("label", ["320 px", "200 % zoom"])
def test_reflow_without_horizontal_scrolling(reflow, label):
    assert not reflow[label], f"{label}:\n{report(reflow[label])}"


# Each chart: an image (an <img>, or role=img) with a name, and a table of its values after it.
CHARTS_JS = """() => [...document.querySelectorAll('svg.kp-chart, img.kp-chart')].map(el => {
  const label = el.getAttribute('alt') || el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '')
    .split(/\\s+/).map(id => (document.getElementById(id) || {}).textContent || '').join(' ');
  let block = el, table = false;
  while (block.parentElement && !block.parentElement.matches('article, .md-content__inner, section')) block = block.parentElement;
  for (let n = block.nextElementSibling; n; n = n.nextElementSibling) {
    if (n.matches('table, .kp-table-wrap') || n.querySelector('table')) { table = true; break; }
    if (/^H[1-3]$/.test(n.tagName) && n !== el) break; }
  return {id: el.id, image: el.tagName === 'IMG' || el.getAttribute('role') === 'img', label, table}; })"""


def test_charts_have_a_text_alternative_and_a_table(browser, demo_url, pages):
    """Charts are SVG images with a name; the values are also in a table (the text alternative)."""
    page = browser.new_page()
    charts = 0
    for name in ("profile", "fortschritt"):
        if name not in pages:
            continue
        page.goto(demo_url + pages[name])

        def described():
            found = page.evaluate(CHARTS_JS)
            for chart in found:
                assert chart["image"], f"{name}: chart without role=img"
                assert chart["label"].strip(), f"{name}: chart without a name"
                assert chart["table"], f"{name}: chart {chart['id']} without a table of its values after it"
            return len(found)
        charts += until(described)
    page.close()
    assert charts >= 1, "no chart found: the chart checks did not run"


def test_404_page_is_served_for_a_missing_path(browser, demo_url):
    page = browser.new_page()
    response = page.goto(demo_url + "gibt-es-nicht/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Seite nicht gefunden")
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
    card, letters = "li.kp-card a", "#kp-letters a"
    toggle = page.locator("#kp-filter-toggle")
    # The filters fold behind the toggle on every screen (the first card within the first screen);
    # folded, they are no tab stops.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    order = directory_tab_order(page, letters, card)
    assert [s for s in order if s not in (card, letters)] == DIRECTORY_OUTSIDE
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    order = directory_tab_order(page, letters, card)
    controls = [s for s in order if s not in (card, letters)]
    assert controls == DIRECTORY_CONTROLS, f"filter controls in tab order: {controls}"
    expect(page.locator(".kp-directory")).to_have_attribute("data-total", str(order.count(card)))  # every card's link
    assert order.count(letters) > 0
    expect(page.locator("#kp-letters a[href]")).to_have_count(order.count(letters))
    assert order.index("#kp-filter button[type=reset]") < order.index(letters) < order.index(card)
    page.close()


def test_directory_is_usable_with_tab_enter_and_space(browser, demo_url, pages, partners_total):
    page = browser.new_page()
    page.goto(demo_url + pages["directory"])
    count, total = page.locator("#kp-count"), partners_total
    expect(count).to_have_attribute("aria-live", "polite")
    expect(count).to_have_attribute("role", "status")
    visible = page.locator("li.kp-card:visible")

    def announced(shown: int):
        expect(count).to_have_text(f"{shown} von {total} Einträgen")

    # Search: type, then Enter submits without leaving the page.
    page.focus("#kp-q")
    page.keyboard.type("gärtnerei")  # a trade of the seed-2035 demo (klimapakt.demo.TRADES)
    page.keyboard.press("Enter")

    def narrowed():
        assert page.url.startswith(demo_url + pages["directory"])
        searched = visible.count()
        assert 0 < searched < total
        announced(searched)  # by the live region
    until(narrowed)

    # Filters: Tab to the Filter control (folded at first on every screen), Enter unfolds them, then
    # Tab to each select; arrow keys change it; the live count follows.
    page.keyboard.press("Tab")
    expect(page.locator("#kp-filter-toggle")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#kp-filter-toggle")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.locator("#kp-branche")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(page.locator("#kp-status")).to_be_focused()
    page.fill("#kp-q", "")
    page.focus("#kp-status")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#kp-status")).not_to_have_value("")

    def filtered():
        shown = visible.count()
        assert shown < total
        announced(shown)
    until(filtered)

    # Sort by keyboard: the newest partner comes first.
    page.focus("#kp-sortierung")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#kp-sortierung")).to_have_value("beitritt")

    # Space on the reset button clears every filter.
    page.keyboard.press("Tab")
    expect(page.locator("#kp-filter button[type=reset]")).to_be_focused()
    page.keyboard.press("Space")
    announced(total)
    expect(page.locator("#kp-status")).to_have_value("")

    # Tab to the letter bar; Enter jumps to the first card under the letter, Tab focuses its
    # link, Enter opens the profile.
    page.keyboard.press("Tab")
    letter = page.locator("#kp-letters a[href]").first
    expect(letter).to_be_focused()  # the letter bar follows the filters
    target = letter.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === id", arg=target)
    page.keyboard.press("Tab")
    expect(page.locator(f"{target} :focus")).to_have_count(1)  # a link of the card under the letter
    page.keyboard.press("Enter")
    page.wait_for_url("**/partner/**")
    expect(page.locator("article.kp-profile h1")).to_have_count(1)
    page.close()


@pytest.fixture(scope="module")
def partners_total(demo_site, pages) -> int:
    """How many partners the directory lists, as the built page says (before any script runs)."""
    html = (demo_site / pages["directory"] / "index.html").read_text(encoding="utf-8")
    return int(re.search(r'class="kp-directory" data-total="(\d+)"', html).group(1))


def test_filter_result_count_is_a_polite_live_region_that_changes(browser, demo_url, pages):
    page = browser.new_page()
    page.goto(demo_url + pages["directory"])
    region = page.locator("[aria-live]")
    expect(region).to_have_count(1)
    expect(region).to_have_id("kp-count")
    expect(region).to_have_attribute("aria-live", "polite")
    page.evaluate("""() => { window.kpAnnounced = [];
        new MutationObserver(() => kpAnnounced.push(document.getElementById('kp-count').textContent))
          .observe(document.getElementById('kp-count'), {childList: true, characterData: true, subtree: true}); }""")
    page.click("#kp-filter-toggle")  # folded at first on every screen
    page.select_option("#kp-status", "letter-of-intent")
    # The live region announced the count of the cards now shown.
    page.wait_for_function("""() => { const shown = [...document.querySelectorAll('li.kp-card')]
        .filter(li => li.getClientRects().length > 0).length;
        return kpAnnounced.length > 0 && kpAnnounced[kpAnnounced.length - 1].startsWith(`${shown} von `); }""")
    page.close()
