"""Property tests: hostile text in any field renders as that exact text and adds no markup.

The records are built directly, without the loader's rules, so escaping is tested on its
own. Each generated text starts with a sentinel (taint_helpers); every output is read back
with its own parser. For HTML, the elements and attributes must be the same as for a
harmless text in the same fields: data adds no element and no attribute.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import taint_helpers as th
from conftest import ROOT
from klimapakt import clock, exports, model
from klimapakt.load import news
from klimapakt.mkdocs import site
from klimapakt.outputs import badges
from klimapakt.outputs import feeds
from klimapakt.outputs import ical
from klimapakt.render import charts
from klimapakt.render import emissions
from klimapakt.render import events as event_words
from klimapakt.render import html as render

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SITE_URL = "https://klimapakt.example.org/"
OFFICE = "klimapakt@duesseldorf.de"

# Pieces that break one output format or another; text is drawn as a run of them.
UNCLOSED_TAGS = ["<img src=x onerror=alert(1)", "<svg onload=alert(1)", "<a href=\"javascript:alert(1)\"", "<script",
                 "</title>", "</textarea>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml ", "<b>", "</p>", "<1>", "< img"]
BREAKOUTS = ["\" onmouseover=\"x", "' onfocus='x", "\"><b>", "'><b>", "\"", "'", "`", "=", "/>"]
ENTITIES = ["&lt;script&gt;", "&#x3C;", "&#60;", "&amp;lt;", "&quot;", "&#39;", "&", "&amp;", "&nbsp;", "&#0;"]
SEPARATORS = [";", ",", ":", "\\", "\\N", "\\n", "\t", "%0A", "%", "?", "#", "{{ x }}", "{% raw %}", "{#", "*_[l](javascript:x)"]
WORDS = ["Muster", "GmbH", "ä", "ß", "„Klima“", " ", "  ", "x", "-", "=1+1", "@SUM(A1)", "+49"]
LINE_BREAKS = ["\n", "\n\n", "\r\n", "\nX-INJECTED:1\n"]
PIECES = UNCLOSED_TAGS + BREAKOUTS + ENTITIES + SEPARATORS + WORDS


FORMULA_PREFIXES = ["", "", "", "=", "+", "-", "@", "\t", "'="]  # CSV cells that would start a formula


def hostile(number: int, long: bool = False) -> st.SearchStrategy[str]:
    """A marker: maybe a formula character, sentinel number `number`, then a run of hostile pieces
    (with line breaks if `long`)."""
    pieces = st.sampled_from(PIECES + LINE_BREAKS if long else PIECES)
    return st.builds(lambda prefix, parts: f"{prefix}ZZ{number:02d}Q" + "".join(parts),
                     st.sampled_from(FORMULA_PREFIXES), st.lists(pieces, min_size=1, max_size=12))


def plain(number: int) -> str:
    return f"ZZ{number:02d}Qx"


URL_PIECES = st.sampled_from(["\"", "'", "<1>", "&amp;", "&", ";", ",", "{{x}}", "%22", "#x", "?a=b", "/", "ä", "javascript:"])
EMAIL_LOCAL = st.lists(st.sampled_from(list("abc.!#$%&'*+/=?^_`{|}~-") + ["?cc=spy%40evil.example", "&body=x"]),
                       min_size=1, max_size=8).map("".join)


@st.composite
def partners(draw) -> tuple[model.Partner, model.Partner]:
    """A Klimapartner with hostile text in every text field, and the same partner with plain text."""
    texts = {1: draw(hostile(1)), 2: draw(hostile(2, long=True)), 3: draw(hostile(3)), 4: draw(hostile(4)),
             5: draw(hostile(5)), 6: draw(hostile(6, long=True))}
    website = "https://testwerk.example/ZZ07Q" + "".join(draw(st.lists(URL_PIECES, max_size=6)))
    email = "ZZ08Q" + draw(EMAIL_LOCAL) + "@testwerk.example"

    def partner(text, website, email) -> model.Partner:
        return model.Partner(
            id="muster", name=text(1), role="partner", status="partner", joined=dt.date(2024, 1, 2), sector="C",
            website=website, description=text(2), last_reviewed=dt.date(2026, 1, 1),
            contact=model.Contact(name=text(3), role=text(4), email=email, phone="+49 211 123456"),
            agreement=model.Agreement(signed=dt.date(2024, 3, 1), targets=(model.Target(2035, climate_neutral=True),),
                                      measures=(model.Measure(text(5), "mobility", "done", 2024, text(6)),)),
            emissions=(model.Emission(2023, scope1=10.5),),
        )

    return (partner(texts.get, website, email),
            partner(plain, "https://testwerk.example/ZZ07Qx", "ZZ08Qx@testwerk.example"))


@st.composite
def event_pairs(draw) -> tuple[model.Event, model.Event]:
    """An upcoming event with hostile text in every text field, and the same event with plain text."""
    texts = {11: draw(hostile(11)), 12: draw(hostile(12)), 13: draw(hostile(13)), 14: draw(hostile(14, long=True))}
    registration = draw(st.one_of(
        st.lists(URL_PIECES, max_size=6).map(lambda parts: "https://anmeldung.example/ZZ15Q" + "".join(parts)),
        EMAIL_LOCAL.map(lambda local: f"ZZ15Q{local}@testwerk.example")))

    def event(text, registration) -> model.Event:
        return model.Event(
            id="kommend", title=text(11), start=dt.datetime(2026, 12, 10, 17, 0, tzinfo=clock.TZ),
            end=dt.datetime(2026, 12, 10, 19, 0, tzinfo=clock.TZ), kind="workshop",
            location=model.Location(text(12), text(13)), description=text(14), registration=registration,
            partners=("muster",))

    plain_registration = "https://anmeldung.example/ZZ15Qx" if "://" in registration else "ZZ15Qx@testwerk.example"
    return event(texts.get, registration), event(plain, plain_registration)


def markers_of(record) -> dict[str, str]:
    """Every sentinel in the record's text fields, with the text that must follow it."""
    values = []
    if isinstance(record, model.Partner):
        values = [record.name, record.description, record.website, record.contact.name, record.contact.role,
                  record.contact.email, *(v for m in record.measures for v in (m.title, m.description))]
    elif isinstance(record, model.Event):
        values = [record.title, record.location.name, record.location.address, record.description, record.registration]
    return {th.SENTINEL_RE.search(v).group(): v for v in values}


def structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """The elements and attribute names of an HTML text, in document order."""
    return [(tag.name, tuple(sorted(tag.attrs))) for tag in BeautifulSoup(html, "html.parser").find_all(True)]


def assert_html_shows_exactly(html: str, plain_html: str, markers: dict[str, str], *, expect: set[str]) -> None:
    problems, shown = th.check_html(html, markers, "html")
    assert problems == []
    assert th.foreign_markup(html, "html") == []
    assert structure(html) == structure(plain_html)  # data added no element and no attribute
    assert expect <= shown


def profile(partner: model.Partner) -> str:
    return render.render_profile(partner, office_email=OFFICE, emissions_svg=emissions.partner_chart(partner),
                                 badge=badges.embed(partner, SITE_URL))


@SETTINGS
@given(partners())
def test_profile_shows_every_hostile_text_exactly_and_adds_no_markup(pair):
    partner, plain_partner = pair
    markers = markers_of(partner)
    assert_html_shows_exactly(profile(partner), profile(plain_partner), markers, expect=set(markers.values()))
    contact = BeautifulSoup(profile(partner), "html.parser").select_one("#kontakt + dl a[href^='mailto:']")
    url = urlsplit(contact["href"])
    assert (unquote(url.path), url.query) == (partner.contact.email, "")


@SETTINGS
@given(partners())
def test_directory_card_shows_the_name_exactly_and_adds_no_markup(pair):
    partner, plain_partner = pair
    html, plain_html = render.render_directory([partner]), render.render_directory([plain_partner])
    assert_html_shows_exactly(html, plain_html, markers_of(partner), expect={partner.name})
    card = BeautifulSoup(html, "html.parser").select_one("li.kp-card")
    assert card.select_one(".kp-card__title a").get_text() == partner.name  # directory.js sorts and searches by it


@SETTINGS
@given(partners())
def test_front_matter_gives_material_text_that_shows_as_the_name(pair):
    partner, _ = pair
    # Front matter ends at a line of "---" (as MkDocs reads it), not at "---" inside a name.
    meta = yaml.safe_load(site.profile_front_matter(partner).removeprefix("---\n").split("\n---\n")[0])
    # As Material's base.html and header print them: unescaped, inside <title>, <meta content="…"> and a span.
    page = (f'<title>{meta["title"]} - Klimapakt Düsseldorf</title><meta name="description" content="{meta["description"]}">'
            f'<span class="md-ellipsis">{meta["title"]}</span>')
    parsed = BeautifulSoup(page, "html.parser")
    assert parsed.title.get_text() == f"{partner.name} - Klimapakt Düsseldorf"
    assert parsed.select_one("meta")["content"] == site.profile_description(partner)
    assert site.profile_description(partner).startswith(f"{partner.name} im Klimapakt Düsseldorf (")
    assert parsed.select_one("span").get_text() == partner.name
    assert [tag.name for tag in parsed.find_all(True)] == ["title", "meta", "span"]
    assert meta["render_macros"] is False


@SETTINGS
@given(partners())
def test_search_entry_title_and_text_are_html_that_shows_the_data(pair):
    partner, plain_partner = pair
    entry, plain_entry = site.search_entry(partner), site.search_entry(plain_partner)
    document = json.loads(json.dumps(entry))
    assert BeautifulSoup(document["title"], "html.parser").get_text() == partner.name
    assert_html_shows_exactly(document["text"], plain_entry["text"], markers_of(partner),
                              expect={partner.description, partner.measures[0].title})


@SETTINGS
@given(partners())
def test_badge_snippet_is_html_whose_alt_text_is_exact(pair):
    partner, _ = pair
    badge = badges.badge_for(partner)
    snippet = BeautifulSoup(badges.embed_snippet(badge, SITE_URL), "html.parser")
    assert [tag.name for tag in snippet.find_all(True)] == ["a", "img"]
    assert snippet.img["alt"] == badge.alt()


def svg_charts(title: str, desc: str, label: str) -> list[str]:
    return [charts.bar_chart("c", title, desc, [charts.Bar(label, (1.0,), "1")], charts.fills("Serie"))]


@SETTINGS
@given(hostile(1), hostile(2, long=True), hostile(3))
def test_charts_keep_title_description_and_labels_as_text_and_add_no_element(title, desc, label):
    for svg, plain_svg in zip(svg_charts(title, desc, label), svg_charts(plain(1), plain(2), plain(3))):
        root, plain_root = ET.fromstring(svg), ET.fromstring(plain_svg)
        assert (root.findtext("{*}title"), root.findtext("{*}desc")) == (title, th.line_feeds(desc))
        # A long label wraps onto more <text> lines in bar_chart; nothing else may differ.
        tags = {e.tag.rsplit("}", 1)[-1] for e in root.iter()}
        assert tags == {e.tag.rsplit("}", 1)[-1] for e in plain_root.iter()}
        assert all(not name.lower().startswith("on") for e in root.iter() for name in e.attrib)
    # The label's lines (bold, above the bar) hold every character of it; only whitespace may change where it wraps.
    lines = [t.text for t in ET.fromstring(svg_charts(title, desc, label)[0]).findall("{*}text") if t.get("font-weight")]
    assert "".join("".join(lines).split()) == "".join(label.split())


@SETTINGS
@given(partners())
def test_csv_cells_parse_back_to_the_data_and_never_start_a_formula(pair):
    partner, _ = pair
    tables = {t.name: t for t in exports.tables()}
    for name, values in (("partners", {partner.name, partner.description, partner.website, partner.contact.name,
                                       partner.contact.role, partner.contact.email}),
                         ("measures", {partner.measures[0].title, partner.measures[0].description})):
        text = exports.csv_text(tables[name], [partner])
        rows = list(csv.reader(io.StringIO(text, newline=""), **th.CSV_DIALECT))
        cells = [cell for row in rows for cell in row]
        assert not [cell for cell in cells if cell.startswith(th.FORMULA_CHARS)]
        assert values <= {exports.parse_scalar("text", cell) for cell in cells}


@SETTINGS
@given(partners())
def test_json_export_holds_the_data_exactly(pair):
    partner, _ = pair
    meta = exports.Metadata(SITE_URL, "Geschäftsstelle", "2026-11-25T00:00:00Z")
    record = json.loads(exports.partners_json([partner], meta))["partners"][0]
    assert (record["name"], record["description"], record["website"]) == (partner.name, partner.description, partner.website)
    assert record["contact"] == {"name": partner.contact.name, "role": partner.contact.role,
                                 "email": partner.contact.email, "phone": partner.contact.phone}
    assert record["agreement"]["measures"][0]["title"] == partner.measures[0].title


@SETTINGS
@given(event_pairs(), hostile(16))
def test_events_page_and_start_page_show_every_hostile_text_exactly(pair, partner_name):
    event, plain_event = pair
    markers = {**markers_of(event), "ZZ16Q": partner_name}

    def page(e: model.Event, name: str) -> str:
        return (render.render("events.html", events=[e], section="upcoming", partner_names={"muster": name},
                              root="../", when=event_words.when_de, iso=event_words.iso)
                + render.render("next-event.html", e=e, root="", when=event_words.when_de, iso=event_words.iso))

    assert_html_shows_exactly(page(event, partner_name), page(plain_event, plain(16)), markers,
                              expect=set(markers.values()))
    link = BeautifulSoup(page(event, partner_name), "html.parser").find("a", string=event.registration)
    if "://" not in event.registration:
        url = urlsplit(link["href"])
        assert (url.scheme, unquote(url.path), url.query) == ("mailto", event.registration, "")


@SETTINGS
@given(event_pairs())
def test_calendar_parses_back_to_every_text_and_no_property_is_added(pair):
    event, plain_event = pair
    data, plain_data = ical.event_bytes(event, SITE_URL), ical.event_bytes(plain_event, SITE_URL)
    problems, shown = th.check_ics(data, markers_of(event), "ics")
    assert problems == []
    assert {th.line_feeds(m) for m in markers_of(event).values()} <= shown
    parsed = icalendar.Calendar.from_ical(data)
    vevent = parsed.walk("VEVENT")[0]
    assert (str(vevent["SUMMARY"]), str(vevent["LOCATION"])) == (event.title, str(event.location))
    assert str(vevent["DESCRIPTION"]).startswith(th.line_feeds(event.description) + "\n\n")
    assert icalendar.parser.unescape_backslash(str(parsed["NAME"])) == event.title
    names = lambda cal: sorted(name for name, _ in cal.property_items(recursive=True))  # noqa: E731
    assert names(parsed) == names(icalendar.Calendar.from_ical(plain_data))


@pytest.fixture(scope="module")
def post_source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("posts") / "post.md"
    path.write_text("---\ndate: 2026-01-01\n---\n# Titel\n", encoding="utf-8")
    return path


@SETTINGS
@given(hostile(21), hostile(22, long=True), hostile(23))
def test_news_feeds_parse_back_to_the_exact_title_description_and_category(post_source, title, description, category):
    post = news.Post(title, dt.date(2026, 1, 1), "beitrag", (category,), description, source=post_source)
    item = ET.fromstring(feeds.rss([post], SITE_URL, "Klimapakt Düsseldorf", "Beschreibung")).find("channel/item")
    assert (item.findtext("title"), item.findtext("description"), item.findtext("category")) == (
        title, th.line_feeds(description), category)
    entry = json.loads(feeds.json_feed([post], SITE_URL, "Klimapakt Düsseldorf", "Beschreibung"))["items"][0]
    assert (entry["title"], entry["summary"], entry["tags"]) == (title, description, [category])


MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "def_list", "tables", "pymdownx.details"]  # mkdocs.yml


def markdown_page(*values: str) -> str:
    """The HTML Python-Markdown makes of a page that puts each value in a line, as docs/*.md do."""
    import markdown
    lines = [f"Text davor {values[0]} danach.", "", "Begriff", f":   {values[-1]}"]
    return markdown.markdown("\n".join(lines), extensions=MARKDOWN_EXTENSIONS)


def spaced(text: str) -> str:
    return " ".join(text.split())


@SETTINGS
@given(hostile(31, long=True), hostile(32, long=True))
def test_text_for_a_markdown_page_stays_text(first, second):
    html = markdown_page(render.markdown_text(first), render.markdown_text(second))
    parsed = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in parsed.find_all(True)] == ["p", "dl", "dt", "dd"]
    assert (parsed.p.get_text(), parsed.dd.get_text()) == (f"Text davor {spaced(first)} danach.", spaced(second))
    assert all(tag.attrs == {} for tag in parsed.find_all(True))


@SETTINGS
@given(hostile(33), EMAIL_LOCAL)
def test_macros_write_configured_facts_as_text_into_the_page(fact, local):
    """macros.py's setting() and office_email_link(), with a stand-in for mkdocs-macros' env."""
    from types import SimpleNamespace

    import macros

    email = f"{local}@testwerk.example"
    env = SimpleNamespace(macros={}, page=None, conf=SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"),
        extra={"settings": {"geschaeftsstelle": {"email": email, "telefon": fact}, "impressum": {"betreiber": fact}}}))
    env.macro = lambda function: env.macros.setdefault(function.__name__, function)
    macros.define_env(env)
    html = markdown_page(env.macros["setting"]("impressum.betreiber"), env.macros["office_email_link"]())
    parsed = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in parsed.find_all(True)] == ["p", "dl", "dt", "dd", "a"]
    assert parsed.p.get_text() == f"Text davor {spaced(fact)} danach."
    url = urlsplit(parsed.a["href"])
    assert (parsed.a.get_text(), unquote(url.path), url.query) == (email, email, "")
