"""What readers meet in Debian's Chromium beyond the default view: high contrast in a dark theme,
the text-spacing override of WCAG 1.4.12, a 320 px screen, Shift+Tab past Material's back-to-top
button, the way back from a profile to the filtered directory, and the first cards in the first screen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, serve
from helpers.waits import until
from klimapakt.load import loader
from klimapakt.render import emissions
from quality.contrast import contrast, parse_color
from quality.pages import page_types
from quality.styles import add_style

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 900}
MIN_PX = 12
# The styles of the WCAG 1.4.12 text-spacing bookmarklet (Steve Faulkner's), which readers use.
TEXT_SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""


@pytest.fixture(scope="module")
def charted(demo_registry):
    """A demo partner whose profile has an emissions chart of more than one scope."""
    partners = loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners
    return next(p for p in partners if len(emissions.common_scopes(p)) >= 2)


@pytest.fixture(scope="module")
def real_url(real_site):
    server = serve(real_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def chart_pages(charted) -> list[str]:
    return ["fortschritt/", f"partner/{charted.id}/"]


# Each chart text's own fill against the first opaque background behind its chart.
CHART_TEXT_COLOURS_JS = """() => {
  const behind = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) return c; } return 'rgb(255, 255, 255)'; };
  return [...document.querySelectorAll('svg.kp-chart text')].map(t => ({
    text: t.textContent, fill: getComputedStyle(t).fill, background: behind(t.ownerSVGElement) }));
}"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_chart_text_keeps_its_contrast_in_forced_colours(browser, demo_url, charted, scheme):
    page = browser.new_page(viewport=PHONE, forced_colors="active", color_scheme=scheme)
    for path in chart_pages(charted):
        page.goto(demo_url + path)
        page.wait_for_function("matchMedia('(forced-colors: active)').matches")

        def readable(path=path):
            texts = page.evaluate(CHART_TEXT_COLOURS_JS)
            assert len(texts) >= 6, path
            low = [(t["text"], t["fill"], t["background"]) for t in texts
                   if contrast(parse_color(t["fill"]), parse_color(t["background"])) < 4.5]
            assert low == [], f"{path}: chart text below 4.5:1 in forced colours ({scheme})"
        until(readable)
    page.close()


# The size each chart <text> is drawn at (computed font size times the SVG's scale), and the badge
# preview's 14-unit text at the image's rendered width (the badge is 240 units wide).
TEXT_SIZES_JS = """() => [
  ...[...document.querySelectorAll('svg.kp-chart text')].map(t => ({
     text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a })),
  ...[...document.querySelectorAll('img.kp-badge__preview')].map(i => ({
     text: i.alt, size: 14 * i.getBoundingClientRect().width / 240 }))]"""


def test_no_chart_or_badge_text_under_12px_on_a_320px_screen(browser, demo_url, charted):
    page = browser.new_page(viewport={"width": 320, "height": 740})
    for path in chart_pages(charted):
        page.goto(demo_url + path)

        def large_enough(path=path):
            sizes = page.evaluate(TEXT_SIZES_JS)
            assert len(sizes) >= 6, path
            if path.startswith("partner/"):
                assert any(s["text"].startswith("Vorschau des Badges") for s in sizes), "the badge preview was not measured"
            small = [(s["text"], round(s["size"], 1)) for s in sizes if s["size"] < MIN_PX]
            assert small == [], f"{path}: text under {MIN_PX} px at 320 px"
        until(large_enough)
    page.close()


# Every shown text node's font size (in an SVG times the drawing's scale) under 12 px, once per kind.
SMALL_TEXT_JS = """() => { const out = new Set(); const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) { const el = n.parentElement;
    if (!n.textContent.trim() || !el.getClientRects().length ||
        !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const svg = el.closest('svg'), size = parseFloat(getComputedStyle(el).fontSize) * (svg ? svg.getScreenCTM().a : 1);
    if (size < %d) out.add(`${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''} ${size.toFixed(1)} px: ${n.textContent.trim().slice(0, 30)}`); }
  return [...out]; }""" % MIN_PX


def test_no_text_on_any_page_type_is_under_12px_on_a_320px_screen(browser, demo_url, demo_site):
    page = browser.new_page(viewport={"width": 320, "height": 740})
    for name, path in page_types(demo_site).items():
        page.goto(demo_url + path)

        def large_enough(name=name):
            assert page.evaluate(SMALL_TEXT_JS) == [], f"{name}: text under {MIN_PX} px at 320 px"
        until(large_enough)
    page.close()


# Every chart text's right edge against its chart's: with wider letters a line must not run out of the SVG.
CUT_OFF_JS = """() => [...document.querySelectorAll('svg.kp-chart text')].filter(t => {
  const box = t.getBoundingClientRect(), svg = t.ownerSVGElement.getBoundingClientRect();
  return box.right > svg.right + 0.5 || box.left < svg.left - 1.5; }).map(t => t.textContent)"""  # a bold w overhangs 1 px


@pytest.mark.parametrize("width", [320, 390])
def test_chart_labels_fit_their_chart_under_the_text_spacing_override(browser, demo_url, charted, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in chart_pages(charted):
        page.goto(demo_url + path)
        add_style(page, TEXT_SPACING_CSS)
        page.wait_for_function("getComputedStyle(document.querySelector('svg.kp-chart text')).letterSpacing !== 'normal'")
        expect(page.locator("svg.kp-chart text").nth(5)).to_be_attached()  # six or more

        def inside(path=path):
            assert page.evaluate(CUT_OFF_JS) == [], f"{path}: chart text cut off under the text-spacing override"
        until(inside)
    page.close()


# Focus and Material's back-to-top button. Every frame counts the frames since the last scroll; the
# predicate holds once the page has been still for three frames (Material has shown or hidden its
# button by then) and the visible button covers no part of the focused element.
SCROLL_WATCH_JS = """() => { window.__kpStill = 0; addEventListener('scroll', () => { window.__kpStill = 0; }, true);
  const tick = () => { window.__kpStill += 1; requestAnimationFrame(tick); }; requestAnimationFrame(tick); }"""
FOCUS_UNCOVERED_JS = """() => {
  const el = document.activeElement;
  if (window.__kpStill < 3) return false;
  if (!el || el === document.body) return true;  // before the first stop: the walk ends
  const top = document.querySelector('.md-top');
  if (!top || top.hidden || el === top) return true;
  const style = getComputedStyle(top);
  if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) return true;
  const a = el.getBoundingClientRect(), b = top.getBoundingClientRect();
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w <= 0 || h <= 0;
}"""
BACK_STOPS = 40


def walk_back(page, url: str) -> tuple[int, str | None]:
    """From the end of the page, Shift+Tab until the focus leaves it: the stops walked, and the first focused
    element the back-to-top button covered (None: none)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    page.evaluate(SCROLL_WATCH_JS)
    page.keyboard.press("End")
    page.wait_for_function("() => window.__kpStill >= 3 && (scrollY > 0 || innerHeight >= document.body.scrollHeight)")
    for stops in range(1, BACK_STOPS + 1):
        page.keyboard.press("Shift+Tab")
        try:
            page.wait_for_function(FOCUS_UNCOVERED_JS, timeout=3000)
        except PlaywrightTimeout:
            return stops, page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        if page.evaluate("document.activeElement === document.body"):
            return stops, None
    return BACK_STOPS, None


@pytest.mark.parametrize("width", [390, 1280])
def test_shift_tab_never_puts_the_focus_under_the_back_to_top_button_on_any_page_type(browser, demo_url, demo_site,
                                                                                      width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    walked, covered = {}, {}
    for name, path in page_types(demo_site).items():
        walked[name], covered[name] = walk_back(page, demo_url + path)
    page.close()
    assert {name: c for name, c in covered.items() if c} == {}, f"focus under the back-to-top button at {width} px"
    for name in ("directory", "news-list", "fortschritt"):  # long pages: the walk really went back a long way
        assert walked[name] >= 10, f"{name}: only {walked[name]} stops walked back"


@pytest.mark.parametrize("width", [390, 1280])
def test_back_from_a_profile_returns_to_the_filtered_list_at_the_card(browser, demo_url, width):
    from playwright.sync_api import expect
    import re

    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(demo_url + "klimapartner/")
    page.locator("#kp-filter-toggle").click()
    page.locator("#kp-status").select_option("letter-of-intent")
    count = page.locator("#kp-count")
    expect(count).not_to_have_text(re.compile(r"^(\d+) von \1 "))
    filtered = count.inner_text()
    cards = page.locator("#kp-cards > li:not([hidden])")
    expect(cards.first).to_be_visible()
    card = cards.nth(min(3, cards.count() - 1))
    card_id = card.get_attribute("id")
    card.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/partner/[^/]+/\?verzeichnis="))
    page.locator("a[data-kp-back]").first.click()
    expect(page).to_have_url(re.compile(rf"/klimapartner/\?status=letter-of-intent#{card_id}$"))
    expect(count).to_have_text(filtered)
    expect(page.locator(f"#{card_id} a").first).to_be_focused()
    expect(page.locator(f"#{card_id}")).to_be_in_viewport()
    page.close()


def test_a_profile_without_the_directorys_filters_links_back_to_its_card(browser, demo_url):
    from playwright.sync_api import expect
    import re

    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/")
    link = page.locator("#kp-cards > li a").nth(5)
    card_id = page.locator("#kp-cards > li").nth(5).get_attribute("id")
    link.click()
    back = page.locator("a[data-kp-back]").first
    expect(back).to_have_attribute("href", f"../../klimapartner/#{card_id}")
    # A handed-on query keeps only the directory's own fields.
    page.goto(page.url + "?verzeichnis=" + "status%3Dpartner%26evil%3D%22x")
    expect(back).to_have_attribute("href", re.compile(rf"klimapartner/\?status=partner#{card_id}$"))
    page.close()


# The first shown card's title: where its first line ends, against the height of the first screen.
FIRST_TITLE_JS = """() => { const title = document.querySelector('#kp-cards > li:not([hidden]) .kp-card__title');
  const box = title.getBoundingClientRect(), line = parseFloat(getComputedStyle(title).lineHeight);
  return {firstLine: box.top + line, screen: innerHeight}; }"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}])
@pytest.mark.parametrize("site", ["demo", "real"])
def test_the_first_card_is_in_the_first_screen(browser, request, site, viewport):
    from playwright.sync_api import expect

    base = request.getfixturevalue("demo_url" if site == "demo" else "real_url")
    page = browser.new_page(viewport=viewport)
    page.goto(base + "klimapartner/")
    expect(page.locator("#kp-filter-toggle")).to_have_attribute("aria-expanded", "false")  # closed on every screen
    expect(page.locator("#kp-filter-panel")).to_be_hidden()
    page.wait_for_function(f"() => ({FIRST_TITLE_JS})().firstLine <= innerHeight")
    page.close()


PRINTED_JS = """() => ({
  line: (() => { const p = document.querySelector('.kp-print-only');
    return p && getComputedStyle(p).display !== 'none' ? p.textContent.trim() : null; })(),
  banner: (() => { const b = document.querySelector('.md-banner');
    return b ? getComputedStyle(b).display !== 'none' : null; })(),
  badge: (() => { const b = document.querySelector('.kp-badge'); return b ? getComputedStyle(b).display : null; })(),
  sources: [...document.querySelectorAll('.kp-pact-figure__source a')].map(a => getComputedStyle(a, '::after').content),
})"""


def test_a_printout_names_the_site_and_page_shows_source_addresses_and_the_demo_notice(browser, demo_url, charted):
    page = browser.new_page(viewport=PHONE)
    page.emulate_media(media="print")
    page.goto(demo_url + "fortschritt/")
    page.wait_for_function("matchMedia('print').matches")

    def printed_as_meant():
        printed = page.evaluate(PRINTED_JS)
        assert printed["line"].startswith("Klimapakt Düsseldorf · ") and printed["line"].endswith("/fortschritt/")
        assert printed["banner"] is True  # "Demodaten" on paper too
        assert printed["sources"] and all(s.startswith('" (https://') for s in printed["sources"]), printed["sources"]
    until(printed_as_meant)
    page.goto(demo_url + f"partner/{charted.id}/")
    page.wait_for_function("matchMedia('print').matches")
    page.wait_for_function(f"({PRINTED_JS})().badge === 'none'")
    # A post's date is in its sidebar, which Material does not print: the printed line carries it.
    page.goto(demo_url + "aktuelles/")
    page.goto(demo_url + "aktuelles/" + page.locator("article.md-post h2 a").first.get_attribute("href"))
    page.wait_for_function("matchMedia('print').matches")
    expect(page.locator(".kp-print-only")).to_be_visible()
    expect(page.locator(".kp-print-only time")).to_have_text(re.compile(r"^(?:\d{1,2}\. )?[A-ZÄÖÜ][a-zäöü]+ \d{4}$"))
    expect(page.locator(".md-sidebar--post")).to_be_hidden()
    page.emulate_media(media="screen")
    page.wait_for_function("getComputedStyle(document.querySelector('.kp-print-only')).display === 'none'")
    page.close()
