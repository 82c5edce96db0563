"""The directory filter in a real browser (Debian's Chromium via Playwright)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import ROOT
from helpers.waits import until
from klimapakt import model, vocabulary
from klimapakt.load import loader
from klimapakt.render import directory, html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def partners(demo_registry):
    return loader.load_valid(demo_registry, logo_dir=ROOT / "docs/assets/partners").partners


CARD_TITLES = "li.kp-card:visible .kp-card__title"


def visible_titles(page) -> list[str]:
    return page.locator(CARD_TITLES).all_inner_texts()


def shows(page, names) -> None:
    """Waits until the visible cards are exactly `names`, in any order (directory.js filters on input)."""
    def listed_now():
        assert sorted(visible_titles(page)) == sorted(names)
    until(listed_now)


def url_has(page, part: str) -> None:
    expect(page).to_have_url(re.compile(re.escape(part)))


def count_says(page, shown: int, total: int) -> None:
    expect(page.locator("#kp-count")).to_have_text(f"{shown} von {total} Einträgen")


def test_without_javascript_every_partner_is_listed(browser, demo_url, partners):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "klimapartner/?status=partner")
    expect(page.locator(CARD_TITLES)).to_have_count(len(partners))
    expect(page.locator("#kp-filter")).to_be_hidden()  # a form that cannot filter is not offered
    context.close()


def test_status_filter_narrows_list_updates_count_and_url(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/")
    count_says(page, len(partners), len(partners))
    page.click("#kp-filter-toggle")  # the filters are folded on every screen at first
    page.select_option("#kp-status", "letter-of-intent")
    expected = sorted(p.name for p in partners if p.status == "letter-of-intent")
    shows(page, expected)
    count_says(page, len(expected), len(partners))
    expect(page.locator("#kp-count")).to_have_attribute("aria-live", "polite")
    url_has(page, "status=letter-of-intent")
    page.close()


def test_filters_are_restored_from_the_url(browser, demo_url, partners):
    sector = next(p.sector for p in partners if p.sector)
    page = browser.new_page()
    page.goto(demo_url + f"klimapartner/?branche={sector}&status=partner")
    expected = sorted(p.name for p in partners if p.sector == sector and p.status == "partner")
    shows(page, expected)
    expect(page.locator("#kp-branche")).to_have_value(sector)
    page.close()


def test_text_search_matches_names_case_insensitively(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/")
    page.fill("#kp-q", "GÄRTNEREI")
    expected = sorted(p.name for p in partners if "gärtnerei" in p.name.lower())
    assert expected
    shows(page, expected)
    url_has(page, "q=G%C3%84RTNEREI")
    page.fill("#kp-q", "gibt es nicht")
    expect(page.locator("#kp-empty")).to_be_visible()
    page.close()


def test_sort_by_date_joined_puts_newest_first(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/?sortierung=beitritt")
    newest = max((p for p in partners if p.joined), key=lambda p: p.joined)
    expect(page.locator(CARD_TITLES).first).to_have_text(newest.name)
    page.close()


def test_keyboard_user_can_filter_and_open_a_profile(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/")
    page.focus("#kp-filter-toggle")
    page.keyboard.press("Enter")  # unfold the filters
    page.focus("#kp-status")
    page.keyboard.press("ArrowDown")  # Chromium changes a focused <select> with arrow keys
    expect(page.locator("#kp-status")).not_to_have_value("")
    page.locator("li.kp-card:visible a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/partner/**")
    expect(page.locator("article.kp-profile h1")).to_have_count(1)
    page.close()


# ------------------------------------------------------------------ on a phone, near me, by letter

PHONE = {"width": 390, "height": 900}


def listed(partners):
    """The partners of the filterable list (the Initialpartner have their own section)."""
    return [p for p in partners if not p.is_founding]


@pytest.mark.parametrize("width", [390, 640, 1280])
def test_first_card_is_in_the_first_screen_with_no_filter_active(browser, demo_url, partners, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(demo_url + "klimapartner/")
    toggle = page.locator("#kp-filter-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")  # folded on every screen, so the cards come first
    expect(toggle).to_have_text("Filter")
    expect(page.locator("li.kp-card").first).to_be_in_viewport()  # its top within the first 900 px
    page.close()


def test_filter_control_opens_and_closes_by_keyboard_and_counts_active_filters(browser, demo_url):
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/")
    toggle, panel = page.locator("#kp-filter-toggle"), page.locator("#kp-filter-panel")
    expect(panel).to_be_hidden()
    page.focus("#kp-q")
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#kp-branche")).to_be_focused()
    for select in ("#kp-bezirk", "#kp-status"):
        page.focus(select)
        page.keyboard.press("ArrowDown")
    expect(toggle).to_have_text("Filter (2 aktiv)")
    page.focus("#kp-filter-toggle")
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    expect(toggle).to_have_text("Filter (2 aktiv)")  # the closed control still says that the list is narrowed
    page.close()


def test_district_filter_narrows_the_list_and_survives_a_reload(browser, demo_url, partners):
    by_district = {}
    for p in listed(partners):
        by_district.setdefault(p.district, []).append(p.name)
    district, names = max(((d, n) for d, n in by_district.items() if d), key=lambda item: len(item[1]))
    assert len(names) < len(listed(partners))
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/")
    page.click("#kp-filter-toggle")
    page.select_option("#kp-bezirk", str(district))
    shows(page, names)
    url_has(page, f"bezirk={district}")
    expect(page.locator("#kp-bezirk option:checked")).to_have_text(vocabulary.district_label(district))
    page.reload()
    shows(page, names)
    expect(page.locator("#kp-bezirk")).to_have_value(str(district))
    expect(page.locator("#kp-filter-toggle")).to_have_text("Filter (1 aktiv)")
    page.close()


def test_a_size_link_from_another_page_filters_the_list(browser, demo_url, partners):
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/?groesse=large")
    expected = sorted(p.name for p in listed(partners) if p.size == "large")
    assert expected
    shows(page, expected)
    page.close()


def search_expectation(partners, query: str) -> list[str]:
    """The search's rule written out: name, sector label, district name and Stadtteile, case-insensitive."""
    def text(p):
        return " ".join([p.name, vocabulary.SECTORS.get(p.sector, ""), vocabulary.district_label(p.district) if p.district else ""])
    return sorted(p.name for p in listed(partners) if query.lower() in text(p).lower())


def test_search_finds_partners_by_sector_label(browser, demo_url, partners):
    # A sector label no partner has in its name: the name search alone would find nobody.
    label = next(vocabulary.SECTORS[p.sector] for p in listed(partners)
                 if p.sector and all(vocabulary.SECTORS[p.sector].lower() not in q.name.lower() for q in partners))
    expected = search_expectation(partners, label)
    assert expected == sorted(p.name for p in listed(partners) if p.sector and vocabulary.SECTORS[p.sector] == label)
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/")
    page.fill("#kp-q", label.upper())
    shows(page, expected)
    page.close()


def test_search_finds_partners_by_a_stadtteil_not_shown_on_the_card(browser, demo_url, partners):
    district = next(p.district for p in listed(partners) if p.district and len(vocabulary.DISTRICT_QUARTERS[p.district]) > 3)
    quarter = vocabulary.DISTRICT_QUARTERS[district][-1]
    expected = search_expectation(partners, quarter)
    assert expected and set(expected) >= {p.name for p in listed(partners) if p.district == district}
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/")
    card = page.locator(f"li.kp-card[data-district='{district}']").first
    expect(card).not_to_contain_text(quarter)  # the card names the first Stadtteile only; the search knows all
    page.fill("#kp-q", quarter.upper())
    shows(page, expected)
    url_has(page, f"q={quote(quarter.upper())}")
    page.close()


def first_card_per_letter(page) -> dict[str, str]:
    return page.evaluate("""() => { const first = {};
        for (const card of document.querySelectorAll('#kp-cards > li.kp-card'))
          if (!card.hidden && !(card.dataset.letter in first)) first[card.dataset.letter] = '#' + card.id;
        return first; }""")


def letter_links(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#kp-letters a[href]')]
        .map(a => [a.textContent, a.getAttribute('href')]))""")


def test_letter_links_point_at_the_first_card_of_each_letter(browser, demo_url, partners):
    assert len(listed(partners)) > 40
    ordered = sorted(listed(partners), key=directory.sort_key)
    expected = {}
    for p in ordered:
        expected.setdefault(directory.initial(p.name), f"#partner-{p.id}")
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/")

    def letters_agree():
        assert letter_links(page) == expected == first_card_per_letter(page)
    until(letters_agree)
    expect(page.locator("#kp-letters span")).to_have_count(26 - len(expected))  # letters without partners are no links
    letter = next(iter(expected))
    page.focus(f"#kp-letters a[data-letter='{letter}']")
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === id", arg=expected[letter])
    expect(page.locator(expected[letter])).to_be_in_viewport()
    page.close()


def test_letter_links_never_point_at_hidden_cards(browser, demo_url, partners):
    page = browser.new_page(viewport=PHONE)
    status = "letter-of-intent"
    page.goto(demo_url + f"klimapartner/?status={status}")

    def letters_agree():
        links = letter_links(page)
        assert links and links == first_card_per_letter(page)
        return links
    for target in until(letters_agree).values():
        expect(page.locator(target)).to_be_visible()
    page.fill("#kp-q", "gibt es nicht")
    expect(page.locator("#kp-letters a[href]")).to_have_count(0)  # nothing shown: no letter is a link
    page.goto(demo_url + "klimapartner/?sortierung=beitritt")
    expect(page.locator("#kp-letters")).to_be_hidden()  # sorted by date, letters mean nothing
    page.close()


def test_without_javascript_the_letter_links_jump_to_their_card(browser, demo_url, partners):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(demo_url + "klimapartner/")
    link = page.locator("#kp-letters a[href]").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("id => location.hash === id", arg=target)
    expect(page.locator(target)).to_be_in_viewport()
    expect(page.locator(CARD_TITLES)).to_have_count(len(listed(partners)))
    context.close()


def test_browser_order_and_letters_agree_with_the_server_for_umlauts(browser, demo_url):
    """The server sorts by DIN 5007-1, the script by the browser's German collation: same first cards."""
    names = ["Zebra Logistik", "Ärztehaus Nord", "apfel & Co", "Öko-Bäckerei", "Ostwind GmbH", "Überland Energie",
             "Straßenbau Süd", "Strasse & Platz", *[f"Kaffeerösterei {i:02d}" for i in range(40)]]
    people = [model.Partner(id=f"p-{i:03d}", name=n, role="partner", status="partner" if i % 2 else "letter-of-intent")
              for i, n in enumerate(names)]
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + "klimapartner/")
    markup = html.render_directory(people, root=demo_url)
    served = BeautifulSoup(markup, "html.parser")  # what the server sends, before any script runs
    server_order = [title.get_text(" ", strip=True) for title in served.select("#kp-cards .kp-card__title")]
    server_links = {a.get_text(): a["href"] for a in served.select("#kp-letters a[href]")}
    page.set_content(markup)
    page.click("#kp-filter-toggle")
    page.select_option("#kp-status", "partner")
    page.select_option("#kp-status", "")  # everything shown again, now in the browser's order
    expect(page.locator("#kp-cards .kp-card__title")).to_have_text(server_order)

    def letters_agree():
        assert letter_links(page) == server_links == first_card_per_letter(page)
    until(letters_agree)
    assert server_links["A"] == "#partner-p-002" and server_links["O"] == "#partner-p-003"
    page.close()


def test_status_aktuell_lists_everyone_taking_part_now_and_no_former_partner(browser, demo_url, partners):
    page = browser.new_page()
    page.goto(demo_url + "klimapartner/?status=aktuell")
    expected = sorted(p.name for p in partners if p.status in ("partner", "letter-of-intent"))
    assert any(p.status == "former" for p in partners)
    shows(page, expected)
    expect(page.locator("#kp-status")).to_have_value("aktuell")
    page.close()
