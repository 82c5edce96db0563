"""The directory's German order, its letter jump bar, district facts and search text (no site build)."""

import datetime as dt

from bs4 import BeautifulSoup

from klimapakt import model, vocabulary
from klimapakt.render import directory
from klimapakt.render import html as render

# Names that a code-point sort or an A–Z-only initial would put in the wrong place.
TRICKY = ["Zebra Logistik", "Ärztehaus Nord", "apfel & Co", "Öko-Bäckerei", "Ostwind GmbH", "Überland Energie",
          "1. Solarverein", "Straßenbau Süd", "Strasse & Platz"]


def partner(index: int, name: str, **changes) -> model.Partner:
    values = dict(id=f"p-{index:03d}", name=name, role="partner", status="partner", joined=dt.date(2024, 1, 2))
    values.update(changes)
    return model.Partner(**values)


def many_partners(names=TRICKY, fill_to=directory.LETTER_NAV_MIN) -> list[model.Partner]:
    fillers = [f"Kaffeerösterei {i:02d}" for i in range(max(0, fill_to - len(names)))]
    return [partner(i, name) for i, name in enumerate([*names, *fillers])]


def soup_of(partners) -> BeautifulSoup:
    return BeautifulSoup(render.render_directory(partners, root="../"), "html.parser")


def test_german_order_puts_umlauts_with_their_vowel_and_ignores_case():
    ordered = [p.name for p in sorted(many_partners(fill_to=0), key=directory.sort_key)]
    assert ordered == ["1. Solarverein", "apfel & Co", "Ärztehaus Nord", "Öko-Bäckerei", "Ostwind GmbH",
                       "Strasse & Platz", "Straßenbau Süd", "Überland Energie", "Zebra Logistik"]


def test_initial_folds_umlauts_and_groups_digits_and_signs():
    assert [directory.initial(n) for n in ("Ärztehaus", "öko", "Überland", "ßtest", "1. FC", "„Quote“ AG", "")] == \
        ["A", "O", "U", "S", "#", "Q", "#"]


def test_folded_drops_marks_and_keeps_plain_names_as_they_are_in_lower_case():
    assert [directory.folded(n) for n in ("Äpfel & Söhne", "Straße", "Crème Brûlée", "Muster GmbH (Demo 8)", "ﬁne")] == \
        ["apfel & sohne", "strasse", "creme brulee", "muster gmbh (demo 8)", "fine"]


def test_letter_bar_links_each_letter_to_its_first_card_in_list_order():
    soup = soup_of(many_partners())
    bar = soup.select_one("nav#kp-letters")
    links = {a.get_text(): a["href"] for a in bar.select("a[href]")}
    cards = soup.select("#kp-cards > li.kp-card")
    first_of = {}
    for card in cards:
        first_of.setdefault(card["data-letter"], "#" + card["id"])
    assert links == first_of
    assert links["A"] == "#partner-p-002"  # "apfel & Co" before "Ärztehaus Nord"
    assert links["O"] == "#partner-p-003"  # "Öko-Bäckerei" before "Ostwind GmbH"
    assert links["#"] == "#partner-p-006"
    assert bar.select_one('a[data-letter="#"]')["aria-label"] == "Ziffern und Zeichen"
    assert [s.get_text() for s in bar.select("span")] == [c for c in "BCDEFGHIJLMNPQRTVWXY"]  # no links
    assert soup.select_one("#kp-letters-back a")["href"] == "#kp-letters"


def test_letter_bar_only_above_forty_partners():
    soup = soup_of(many_partners(fill_to=directory.LETTER_NAV_MIN - 1))
    assert soup.select_one("#kp-letters") is None and soup.select_one("#kp-letters-back") is None
    assert len(soup.select("#kp-cards > li")) == 40


def test_card_shows_district_with_first_stadtteile_and_carries_no_copy_of_its_labels():
    card = BeautifulSoup(render.render_card(partner(1, "Muster Café", sector="I", district=3)), "html.parser").li
    facts = {div.dt.get_text(): div.dd.get_text() for div in card.select("dl > div")}
    assert facts["Stadtbezirk"] == "3 (Bilk, Flehe, Friedrichstadt …)"
    assert (card["data-district"], card["data-sector"]) == ("3", "I")
    # directory.js searches the name, and the sector's and district's labels from the filters' options
    assert not {"data-search", "data-name"} & set(card.attrs)
    short = BeautifulSoup(render.render_card(partner(2, "X", district=10)), "html.parser")
    assert short.select("dd")[-2].get_text() == "10 (Garath, Hellerhof)"  # no "…" when all fit


def test_the_sector_filter_shows_short_names_and_carries_the_official_titles_for_the_search():
    """directory.js searches a card's sector by its short name (the option's text) and official title."""
    soup = soup_of([partner(1, "Muster Café", sector="I")])
    (option,) = soup.select("select#kp-branche option[value=I]")
    assert (option.get_text(), option["data-title"]) == ("Hotels und Gastronomie", "Gastgewerbe")


def test_district_filter_offers_all_ten_districts_with_their_stadtteile():
    select = soup_of(many_partners(fill_to=0)).select_one("select#kp-bezirk[name=bezirk]")
    options = [(o["value"], o.get_text()) for o in select.select("option")]
    assert options[0] == ("", "Alle Stadtbezirke")
    assert options[1:] == [(str(n), vocabulary.district_label(n)) for n in range(1, 11)]
    assert options[3][1] == "Stadtbezirk 3 (Bilk, Flehe, Friedrichstadt, Hafen, Hamm, Oberbilk, Unterbilk, Volmerswerth)"


def test_filter_control_names_its_panel_and_starts_closed():
    soup = soup_of(many_partners(fill_to=0))
    toggle = soup.select_one("button#kp-filter-toggle")
    assert toggle["type"] == "button" and toggle["aria-expanded"] == "false"
    panel = soup.select_one("#" + toggle["aria-controls"])
    assert panel.has_attr("hidden") and panel.select_one("#kp-bezirk") and panel.select_one("button[type=reset]")
    assert soup.select_one("label[for=kp-q]").get_text() == "Suchen (Name, Branche, Stadtteil)"
