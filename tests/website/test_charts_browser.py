"""Charts and tables on a phone, in Debian's Chromium: legible chart text, legends in words, wide tables
that are named, keyboard-scrollable and show that they scroll, and progress rows that lead to the directory."""

from __future__ import annotations

import base64
import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from helpers.waits import until
from klimapakt import vocabulary as model
from klimapakt.load import loader
from klimapakt.render import charts, emissions
from quality.keyboard import focus_problems, tab_through
from quality.styles import add_style

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 900}
MIN_PX = 12
TABLE_PAGES = ("fortschritt/", "daten/", "klimapakt/")  # and a profile with emissions, added below


@pytest.fixture(scope="module")
def everyone(demo_registry):
    return loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners


@pytest.fixture(scope="module")
def current(everyone):
    return [p for p in everyone if p.status in ("partner", "letter-of-intent")]


@pytest.fixture(scope="module")
def charted(everyone):
    """A demo partner whose profile has an emissions chart of more than one scope."""
    return next(p for p in everyone if len(emissions.common_scopes(p)) >= 2)


@pytest.fixture
def phone(browser):
    page = browser.new_page(viewport=PHONE)
    yield page
    page.close()


# The size each chart <text> is drawn at: its computed font size times the SVG's scale (viewBox to
# CSS px, from the screen matrix), and the height of its rendered box as a second measure.
TEXT_SIZES_JS = """() => [...document.querySelectorAll('svg.kp-chart text')].map(t => ({
  text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a,
  box: t.getBoundingClientRect().height }))"""


@pytest.mark.parametrize("which", ["profile", "fortschritt"])
def test_every_chart_text_renders_at_12px_or_more_at_390px(phone, demo_url, charted, which):
    phone.goto(demo_url + (f"partner/{charted.id}/" if which == "profile" else "fortschritt/"))

    def legible():
        texts = phone.evaluate(TEXT_SIZES_JS)
        # A profile: per year its label, its total and the scopes' values; the progress page: eight charts.
        assert len(texts) >= (3 * len(charted.emissions) if which == "profile" else 50)
        small = [t for t in texts if t["size"] < MIN_PX or t["box"] < MIN_PX]
        assert not small, f"{len(small)} chart texts below {MIN_PX} px at 390 px, e.g. {small[:3]}"
    until(legible)


# Each chart's drawn width against the max-width its class promises (charts.MAX_WIDTH for bar charts),
# in px of the page's root font size: Material's own `svg { max-width: 100% }` must not win.
CHART_WIDTHS_JS = """() => { const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return [...document.querySelectorAll('svg.kp-chart')].map(svg => ({id: svg.id,
    width: svg.getBoundingClientRect().width, limit: (svg.classList.contains('kp-chart--bars') ? 24 : 40) * rem})); }"""


@pytest.mark.parametrize("which", ["profile", "fortschritt"])
def test_charts_keep_their_max_width_on_a_desktop(browser, demo_url, charted, which):
    assert charts.MAX_WIDTH == "24rem"  # the 24 in CHART_WIDTHS_JS
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_url + (f"partner/{charted.id}/" if which == "profile" else "fortschritt/"))

    def within():
        widths = page.evaluate(CHART_WIDTHS_JS)
        assert widths, "no chart on the page"
        wide = [w for w in widths if w["width"] > w["limit"] + 0.5]
        assert not wide, f"charts wider than their max-width at 1280 px: {wide[:3]}"
    until(within)
    page.close()


def legend_items(page, chart_id: str) -> list[dict]:
    return page.evaluate("""id => [...document.querySelectorAll(`#${CSS.escape(id)}-legende li`)].map(li => {
        const r = li.getBoundingClientRect();
        return {text: li.textContent.trim(), size: parseFloat(getComputedStyle(li).fontSize),
                onScreen: r.width > 0 && r.left >= 0 && r.right <= innerWidth,
                swatchHidden: li.querySelector('svg').getAttribute('aria-hidden') === 'true'}; })""", chart_id)


def test_profile_legend_explains_each_charted_scope_in_words(phone, demo_url, charted):
    phone.goto(demo_url + f"partner/{charted.id}/")

    def explained():
        items = legend_items(phone, f"emissionen-{charted.id}")
        assert [i["text"] for i in items] == [f"Scope {s}: {emissions.SCOPE_NOTES[s]}" for s in emissions.common_scopes(charted)]
        assert all(i["onScreen"] and i["size"] >= MIN_PX and i["swatchHidden"] for i in items), items
        assert {"Scope 1: direkte Emissionen", "Scope 2: eingekaufte Energie"} <= {i["text"] for i in items}
    until(explained)


def test_progress_page_legends_name_the_scope_of_each_emissions_chart(phone, demo_url):
    phone.goto(demo_url + "fortschritt/")

    def named():
        ids = phone.evaluate("() => [...document.querySelectorAll('svg[id^=\"chart-emissionen-scope\"]')].map(s => s.id)")
        assert ids
        for chart_id in ids:
            scope = int(chart_id[-1])
            assert [i["text"] for i in legend_items(phone, chart_id)] == [f"Scope {scope}: {emissions.SCOPE_NOTES[scope]}"]
    until(named)


# ------------------------------------------------------------------ wide tables

TABLES_JS = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });  // the Daten page folds its column tables
  const scroller = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
      if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return p; return null; };
  return [...document.querySelectorAll('article table')].map((t, index) => {
    const s = scroller(t), wrap = t.closest('.kp-table-wrap'), label = wrap && document.getElementById(wrap.getAttribute('aria-labelledby'));
    return {index, id: t.id || `table ${index + 1}`, wider: t.getBoundingClientRect().width > t.closest('article').clientWidth + 1,
            scrollsIn: s && s.className, overflows: !!s && s.scrollWidth > s.clientWidth + 1, wrapped: !!wrap,
            role: wrap && wrap.getAttribute('role'), tabindex: wrap && wrap.getAttribute('tabindex'),
            name: label ? label.textContent.trim() : '', nameIsCaption: !!label && label === t.caption}; }); }"""

# The wrapper's edges with the table see-through: what is left is the wrapper's own background, i.e.
# the scroll shadows. Mean brightness of a 6 px strip at each edge, 0–255.
EDGES_JS = """async ([index, png]) => {
  const image = new Image(); image.src = 'data:image/png;base64,' + png; await image.decode();
  const canvas = document.createElement('canvas'); canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d'); context.drawImage(image, 0, 0);
  const mean = x => { const d = context.getImageData(x, 0, 6, image.height).data; let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3; return sum / (d.length / 4); };
  return {left: mean(0), right: mean(image.width - 6)}; }"""


def table_pages(charted) -> list[str]:
    return [*TABLE_PAGES, f"partner/{charted.id}/"]


def wrap_of(page, index: int):
    return page.locator("article table").nth(index).locator("xpath=ancestor::div[contains(@class, 'kp-table-wrap')][1]")


def edges(page, index: int) -> dict:
    """Brightness at the wrapper's left and right edge, from a screenshot of a band of it in mid-screen
    (away from the sticky header, which a screenshot of the whole element would catch)."""
    box = wrap_of(page, index).evaluate("""w => { document.activeElement && document.activeElement.blur();
        w.scrollIntoView({block: 'center', behavior: 'instant'}); const r = w.getBoundingClientRect();
        return {x: r.left, y: r.top, width: r.width, height: r.height}; }""")
    top = max(box["y"], 150)
    height = min(box["y"] + box["height"], PHONE["height"] - 50) - top
    assert height >= 20, f"table {index} is not on screen: {box}"
    png = page.screenshot(clip={"x": box["x"], "y": top, "width": box["width"], "height": height}, animations="disabled")
    return page.evaluate(EDGES_JS, [index, base64.b64encode(png).decode()])


def test_every_table_that_is_wider_than_a_phone_scrolls_in_a_named_focusable_region(phone, demo_url, charted):
    overflowing = Counter()
    for path in table_pages(charted):
        phone.goto(demo_url + path)

        def scroll_in_regions():
            wide = 0
            for table in phone.evaluate(TABLES_JS):
                where = f"/{path} {table['id']}"
                if table["wider"] or table["overflows"]:
                    assert table["wrapped"] and table["scrollsIn"] == "kp-table-wrap", f"{where}: wide, but not in .kp-table-wrap"
                    wide += 1
                if table["wrapped"]:
                    assert (table["role"], table["tabindex"]) == ("region", "0"), where
                    assert table["name"] and table["nameIsCaption"], f"{where}: region not named by the table's caption"
            return wide
        overflowing[path] = until(scroll_in_regions)
    assert overflowing["fortschritt/"] >= 1, "no table overflows at 390 px: the scrolling checks did not run"


@pytest.mark.parametrize("path", ["fortschritt/", "daten/"])
def test_a_wide_table_shows_that_it_scrolls_and_scrolls_by_keyboard(phone, demo_url, path):
    phone.goto(demo_url + path)

    def measured():
        tables = phone.evaluate(TABLES_JS)
        assert [t for t in tables if t["overflows"]], "no table overflows: the shadow checks did not run"
        return tables
    tables = until(measured)
    # The table in the wrapper made see-through, its layout kept: what is left to see is the wrapper's own background.
    add_style(phone, ":is([data-kp-test-hidden], [data-kp-test-hidden] *) { color: transparent !important; "
                     "background: none !important; border-color: transparent !important; "
                     "text-decoration-color: transparent !important; box-shadow: none !important; }")
    for table in tables:
        if not table["wrapped"]:
            continue
        index, name = table["index"], table["id"]
        phone.locator("article table").nth(index).evaluate("t => { t.dataset.kpTestHidden = ''; }")  # not a class: that would change which rules apply
        if not table["overflows"]:  # no false alarm: both edges plain white
            def plain(index=index, name=name):
                start = edges(phone, index)
                assert min(start.values()) > 250, (name, start)
            until(plain)
            continue

        def shadow_right(index=index, name=name):
            start = edges(phone, index)
            assert start["right"] < start["left"] - 25, f"{name}: no shadow at the right edge before scrolling: {start}"
        until(shadow_right)
        wrap = wrap_of(phone, index)
        wrap.focus()
        phone.keyboard.press("ArrowRight")  # a focused scroll container scrolls with the arrow keys
        phone.wait_for_function("w => w.scrollLeft > 0", arg=wrap.element_handle())
        wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
        phone.wait_for_function("w => w.scrollLeft + w.clientWidth >= w.scrollWidth - 1", arg=wrap.element_handle())

        def shadow_left(index=index, name=name):
            end = edges(phone, index)
            assert end["left"] < end["right"] - 25, f"{name}: no shadow at the left edge once scrolled: {end}"
        until(shadow_left)


# ------------------------------------------------------------------ progress rows lead to the directory

CATEGORIES = [("branche", "sector", model.SECTOR_SHORT), ("groesse", "size", model.SIZES), ("bezirk", "district", model.DISTRICTS)]


def test_every_category_on_the_progress_page_is_a_named_link_reached_by_tab(phone, demo_url, current):
    phone.goto(demo_url + "fortschritt/")
    expected = 0
    for param, key, labels in CATEGORIES:
        for value, count in Counter(getattr(p, key) for p in current if getattr(p, key) is not None).items():
            link = phone.get_by_role("link", name=f"{labels[value]}: {count} Partner – im Verzeichnis anzeigen", exact=True)
            expect(link).to_have_count(1)
            expect(link).to_have_js_property("href", demo_url + f"klimapartner/?{param}={value}&status=aktuell")
            expected += 1
    stops = tab_through(phone, max_steps=400, selectors=("a[data-filter]",))
    reached = [s for s in stops if s.matches]
    assert len(reached) == expected
    assert not focus_problems(reached)


@pytest.mark.parametrize("param, key", [("branche", "sector"), ("groesse", "size"), ("bezirk", "district")])
def test_a_category_link_opens_the_directory_filtered_by_it(phone, demo_url, everyone, current, param, key):
    value = Counter(getattr(p, key) for p in current if getattr(p, key) is not None).most_common(1)[0][0]
    phone.goto(demo_url + "fortschritt/")
    phone.locator(f'a[data-filter="{param}"][data-key="{value}"]').click()
    phone.wait_for_url(f"**/klimapartner/?{param}={value}&status=aktuell")
    expect(phone.locator(f"#kp-{param}")).to_have_value(str(value))
    # Exactly the partners the row counts: taking part now, former partners filtered out.
    counted = {p.name for p in current if getattr(p, key) == value}

    def filtered():
        assert set(phone.locator("li.kp-card:visible .kp-card__title").all_inner_texts()) == counted
    until(filtered)
    expect(phone.locator("#kp-count")).to_have_text(re.compile(f"^{len(counted)} von "))
