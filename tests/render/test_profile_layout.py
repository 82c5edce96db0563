"""The profile's layout: a way back first, the facts, targets and measures, the badge last and small."""

import datetime as dt

from bs4 import BeautifulSoup

from klimapakt import model
from klimapakt.outputs import badges
from klimapakt.render import html as render

SITE_URL = "https://klimapakt.example.org/"


def klimapartner(**changes) -> model.Partner:
    values = dict(
        id="muster", name="Muster GmbH", role="partner", status="partner", joined=dt.date(2024, 3, 1), district=3,
        sector="C", agreement=model.Agreement(
            signed=dt.date(2024, 6, 1), targets=(model.Target(year=2035, climate_neutral=True),),
            measures=(model.Measure(title="Photovoltaik", field="renewables", status="planned"),)),
    )
    values.update(changes)
    return model.Partner(**values)


def profile(partner: model.Partner) -> BeautifulSoup:
    html = render.render_profile(partner, office_email="klimapakt@duesseldorf.de", badge=badges.embed(partner, SITE_URL))
    return BeautifulSoup(html, "html.parser").select_one("article.kp-profile")


def test_a_link_back_to_the_directory_stands_before_the_heading():
    article = profile(klimapartner())
    first = article.find(True)
    assert first.name == "p" and "kp-profile__back" in first["class"]
    link = first.select_one("a")
    assert link["href"] == "../../klimapartner/#partner-muster"  # back at its card and link.get_text(" ", strip=True) == "← Zurück zum Verzeichnis"
    assert link.select_one('[aria-hidden="true"]').get_text() == "←"  # the arrow is not read out
    assert first.find_next("h1").get_text(strip=True) == "Muster GmbH"


def test_facts_targets_and_measures_come_before_the_badge_section_at_the_end():
    article = profile(klimapartner())
    order = [h.get("id") for h in article.select("h2, h3")]
    assert order == ["steckbrief", "vereinbarung", "ziele", "massnahmen", "fuer-klimapartner"]
    section = article.select_one("section.kp-badge")
    after = section.find_next_siblings(True)  # nothing of the profile's content after it, only the way back
    assert [(tag.name, tag["class"]) for tag in after] == [("p", ["kp-profile__back", "kp-profile__back--end"])]
    assert section.find_previous_sibling("footer").select_one('a[href^="mailto:"]').get_text() == "Angaben korrigieren"


def test_badge_section_is_compact_with_the_code_folded_away():
    section = profile(klimapartner()).select_one("section.kp-badge")
    assert section["aria-labelledby"] == "fuer-klimapartner"
    assert section.select_one("h2").get_text(strip=True) == "Für Klimapartner"
    assert len(section.find_all("p", recursive=False)) == 2  # one sentence, then the preview
    preview = section.select_one("img.kp-badge__preview")
    assert preview.find_parent("details") is None and preview["src"] == "badge.svg"
    details = section.select_one("details.kp-badge__details")
    assert details is not None and not details.has_attr("open")
    assert details.select_one("summary").get_text(strip=True) == "HTML-Code für Ihre Website"
    assert details.select_one("pre.kp-badge__code code").get_text().startswith(f'<a href="{SITE_URL}partner/muster/">')


def test_status_shows_in_the_header_and_the_facts_only():
    article = profile(klimapartner())
    assert article.select_one(".kp-profile__status").get_text(strip=True) == "Klimapartner"
    facts = {div.dt.get_text(strip=True): div.dd.get_text(strip=True) for div in article.select("dl.kp-facts > div")}
    assert facts["Status"] == "Klimapartner"
    badge_text = article.select_one("section.kp-badge").get_text(" ", strip=True)
    assert "Status" not in badge_text and not article.select("section.kp-badge .kp-tag")


def test_district_shows_its_number_and_stadtteile():
    article = profile(klimapartner(district=3))
    facts = {div.dt.get_text(strip=True): div.dd.get_text(strip=True) for div in article.select("dl.kp-facts > div")}
    assert facts["Lage"] == ("Stadtbezirk 3 (Bilk, Flehe, Friedrichstadt, Hafen, Hamm, Oberbilk, Unterbilk, "
                             "Volmerswerth)")
    assert "Lage" not in {div.dt.get_text(strip=True) for div in profile(klimapartner(district=None)).select("dl div")}


def test_founding_partners_still_get_no_badge_section():
    founding = klimapartner(role="founding", status="founding", agreement=None, sector=None)
    assert badges.embed(founding, SITE_URL) is None
    article = profile(founding)
    assert article.select_one("section.kp-badge") is None and "Für Klimapartner" not in article.get_text()
    assert article.select_one(".kp-profile__back a")["href"].startswith("../../klimapartner/#")


def test_letter_of_intent_gets_no_badge_section():
    article = profile(klimapartner(status="letter-of-intent", agreement=None))
    assert article.select_one("section.kp-badge") is None
