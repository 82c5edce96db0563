"""News feeds, calendar and events pages as a visitor or a feed reader gets them from the built site.

Three builds with the demo partners and the fixture events, at build dates before, between and
after those events (KLIMAPAKT_TODAY), run in parallel once for this module. The fixed dates apply
to fixtures only: the repository's posts are read as they are, whatever they say.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site
from klimapakt.load import loader
from klimapakt.load import news
from klimapakt.outputs import feeds
from klimapakt.render import events as event_words

pytestmark = pytest.mark.data  # reads the posts in docs/aktuelles/posts of this repository

SITE_URL = "https://feeds.klimapakt.test/"
EVENTS_FILE = FIXTURES / "events-valid.yml"
BUILD_DATES = {
    "before": dt.date(2026, 9, 1),  # all four fixture events ahead
    "between": dt.date(2026, 10, 1),  # the September workshop is over
    "after": dt.date(2027, 1, 15),  # all over
}
NEXT_EVENT = {"before": "test-workshop-herbst", "between": "test-treffen-zeitumstellung", "after": None}
BERLIN = ZoneInfo("Europe/Berlin")
POSTS = feeds.published(news.read_posts(ROOT / "docs/aktuelles/posts"))
EVENT_PARTNERS = ("ihk-duesseldorf", "handwerkskammer-duesseldorf")  # the ids the fixture names
FIXTURE_EVENTS = loader.load_events(EVENTS_FILE, EVENT_PARTNERS)[0]


@pytest.fixture(scope="module")
def demo_registry(tmp_path_factory) -> Path:
    """Fictional partners dated up to the day before the earliest build date."""
    from klimapakt.demo import write_demo_registry
    day = min(BUILD_DATES.values()) - dt.timedelta(days=1)
    return write_demo_registry(tmp_path_factory.mktemp("demo") / "partners.yml", 20, seed=2035, today=day)


@pytest.fixture(scope="module")
def demo_ids(demo_registry) -> tuple[str, ...]:
    """The demo partners that stand in for the fixture's partners."""
    return tuple(p.id for p in loader.load_file(demo_registry).partners[:len(EVENT_PARTNERS)])


@pytest.fixture(scope="module")
def sites(tmp_path_factory, demo_registry, demo_ids) -> dict[str, Path]:
    events = tmp_path_factory.mktemp("events") / "events.yml"
    text = EVENTS_FILE.read_text(encoding="utf-8")
    for fixture_id, demo_id in zip(EVENT_PARTNERS, demo_ids):
        text = text.replace(fixture_id, demo_id)
    events.write_text(text, encoding="utf-8")

    def build(name: str) -> Path:
        out = tmp_path_factory.mktemp(f"site-{name}") / "site"
        result = build_site(demo_registry, out, KLIMAPAKT_EVENTS=str(events),
                            KLIMAPAKT_TODAY=BUILD_DATES[name].isoformat(), SITE_URL=SITE_URL)
        if result.returncode != 0:
            pytest.fail(f"mkdocs build ({name}) failed:\n{result.stdout}\n{result.stderr}")
        return out

    with ThreadPoolExecutor(max_workers=len(BUILD_DATES)) as pool:
        return dict(zip(BUILD_DATES, pool.map(build, BUILD_DATES)))


@pytest.fixture(scope="module")
def site(sites) -> Path:
    return sites["between"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_of(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL) / "index.html"


# News feeds ---------------------------------------------------------------------------------------

def test_every_post_has_categories_and_a_description():
    assert all(p.categories and p.description for p in POSTS)


def test_rss_feed_lists_every_post_with_its_date_and_absolute_link(site):
    raw = (site / feeds.RSS_PATH).read_bytes()
    root = ET.fromstring(raw)
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Klimapakt Düsseldorf – Aktuelles"
    assert feed.feed.link == SITE_URL + "aktuelles/"
    entries = {e.link: e for e in feed.entries}
    assert len(feed.entries) == len(POSTS)
    for post in POSTS:
        entry = entries[SITE_URL + post.path]
        assert entry.title == post.title
        assert entry.id == SITE_URL + post.path
        if post.precision == "day":
            published = email.utils.parsedate_to_datetime(entry.published)
            assert published == dt.datetime.combine(post.date, dt.time.min, tzinfo=BERLIN)
            assert published.date() == post.date
        else:  # the source gives no day: the feed claims none
            assert "published" not in entry
        assert [t.term for t in entry.get("tags", [])] == list(post.categories)
        assert page_of(site, entry.link).is_file()  # the link leads to the built post
    order = [entries[SITE_URL + post.path].link for post in POSTS]
    assert [e.link for e in feed.entries] == order  # newest first, undated items in their place


def test_json_feed_lists_every_post(site):
    feed = json.loads((site / feeds.JSON_PATH).read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == SITE_URL + feeds.JSON_PATH
    items = {item["url"]: item for item in feed["items"]}
    assert set(items) == {SITE_URL + p.path for p in POSTS}
    for post in POSTS:
        item = items[SITE_URL + post.path]
        assert item["id"] == item["url"] and item["title"] == post.title
        if post.precision == "day":
            assert dt.datetime.fromisoformat(item["date_published"]) == dt.datetime.combine(post.date, dt.time.min, tzinfo=BERLIN)
        else:
            assert "date_published" not in item and item[feeds.EXTENSION]["date"] == post.date_iso
        assert item["tags"] == list(post.categories)
        assert page_of(site, item["url"]).is_file()


@pytest.mark.parametrize("page", ["index.html", "aktuelles/index.html", "veranstaltungen/index.html"])
def test_every_page_links_the_feeds_in_its_head(site, page):
    head = soup(site / page).head
    links = {link["type"]: link["href"] for link in head.select('link[rel~="alternate"]')}
    assert links["application/rss+xml"] == SITE_URL + feeds.RSS_PATH
    assert links["application/feed+json"] == SITE_URL + feeds.JSON_PATH
    assert links["text/calendar"] == SITE_URL + "veranstaltungen.ics"


def test_post_pages_show_german_dates_and_the_archive_exists(site):
    for post in POSTS:
        text = page_of(site, SITE_URL + post.path).read_text(encoding="utf-8")
        assert post.date_text in text
    assert (site / "aktuelles/archive" / str(POSTS[0].date.year) / "index.html").is_file()
    categories = {c for post in POSTS for c in post.categories}
    assert len(list((site / "aktuelles/category").glob("*/index.html"))) == len(categories)


# Calendar ----------------------------------------------------------------------------------------

def test_built_calendar_and_per_event_files_hold_every_event(site):
    cal = icalendar.Calendar.from_ical((site / "veranstaltungen.ics").read_bytes())
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(by_uid) == {f"{e.id}@feeds.klimapakt.test" for e in FIXTURE_EVENTS}
    for event in FIXTURE_EVENTS:
        component = by_uid[f"{event.id}@feeds.klimapakt.test"]
        assert component.start == event.start
        single = icalendar.Calendar.from_ical((site / "veranstaltungen" / f"{event.id}.ics").read_bytes())
        assert [str(e["UID"]) for e in single.walk("VEVENT")] == [f"{event.id}@feeds.klimapakt.test"]
    across = by_uid["test-treffen-zeitumstellung@feeds.klimapakt.test"]
    assert (across.start.hour, across.start.utcoffset(), across.end.hour, across.end.utcoffset()) == (
        18, dt.timedelta(hours=2), 13, dt.timedelta(hours=1))


# Events page and start page --------------------------------------------------------------------------

def test_events_page_lists_upcoming_first_then_past_each_with_anchor(site):
    page = soup(site / "veranstaltungen/index.html")
    content = page.select_one("article.md-content__inner")
    upcoming = [a["id"] for a in content.select(".kp-events--upcoming article.kp-event")]
    past = [a["id"] for a in content.select(".kp-events--past article.kp-event")]
    assert upcoming == ["test-treffen-zeitumstellung", "test-beratungstage", "test-jahresabschluss"]
    assert past == ["test-workshop-herbst"]
    headings = [h.get_text(strip=True) for h in content.find_all(["h2", "h3"])]
    assert headings.index("Kommende Veranstaltungen") < headings.index("Test-Jahresabschluss") < headings.index(
        "Vergangene Veranstaltungen") < headings.index("Test-Workshop Klimabilanz")


@pytest.mark.parametrize("when", list(BUILD_DATES))
def test_only_upcoming_events_offer_the_calendar_link(sites, when):
    """Which events are over depends on the build date (KLIMAPAKT_TODAY): a past one has no calendar link."""
    content = soup(sites[when] / "veranstaltungen/index.html").select_one("article.md-content__inner")
    upcoming = content.select(".kp-events--upcoming article.kp-event")
    past = content.select(".kp-events--past article.kp-event")
    over = {"before": set(), "between": {"test-workshop-herbst"}, "after": {e.id for e in FIXTURE_EVENTS}}[when]
    assert {a["id"] for a in past} == over
    assert {a["id"] for a in upcoming} == {e.id for e in FIXTURE_EVENTS} - over
    for article in upcoming:
        link = article.find("a", string="Zum Kalender hinzufügen (.ics)")
        assert link["href"] == f"../veranstaltungen/{article['id']}.ics"
        assert (sites[when] / "veranstaltungen" / f"{article['id']}.ics").is_file()
    for article in past:
        assert article.select("a[href$='.ics']") == [], article["id"]
        assert "Kalender" not in article.get_text()


def test_event_entries_show_german_times_place_partners_and_registration(site, demo_ids):
    page = soup(site / "veranstaltungen/index.html")
    across = page.select_one("#test-treffen-zeitumstellung")
    time = across.select_one("time")
    assert time.get_text() == "Samstag, 24. Oktober 2026, 18:00 Uhr, bis Sonntag, 25. Oktober 2026, 13:00 Uhr"
    assert time["datetime"] == "2026-10-24T18:00+02:00"
    assert across.select_one('a[href="mailto:anmeldung@example.org"]') is not None
    assert "Testhalle" in across.get_text()
    days = page.select_one("#test-beratungstage time").get_text()
    assert days == "Donnerstag, 3. Dezember 2026, bis Freitag, 4. Dezember 2026"
    workshop = page.select_one("#test-workshop-herbst")
    assert workshop.select_one("time").get_text() == "Dienstag, 15. September 2026, 9:30 bis 12:00 Uhr"
    assert [a["href"] for a in workshop.select('a[href^="../partner/"]')] == [f"../partner/{i}/" for i in demo_ids]
    assert "Testhaus, Teststraße 1, 40210 Düsseldorf" in workshop.get_text()
    assert workshop.select_one('a[href^="https://anmeldung"]') is None  # no registration for past events


@pytest.mark.parametrize("when", list(BUILD_DATES))
def test_start_page_shows_the_next_event(sites, when):
    page = soup(sites[when] / "index.html")
    box = page.select_one(".kp-next-event")
    expected = NEXT_EVENT[when]
    if expected is None:
        assert box is None
        assert "Nächste Veranstaltung" not in page.get_text()
        upcoming = soup(sites[when] / "veranstaltungen/index.html").select_one(".kp-events__none")
        assert upcoming.get_text(" ", strip=True).startswith("Auf dieser Website ist derzeit kein kommender Termin eingetragen.")
        return
    event = next(e for e in FIXTURE_EVENTS if e.id == expected)
    assert box.select_one("h2").get_text(strip=True) == "Nächste Veranstaltung"
    title = box.select_one(".kp-next-event__title a")
    assert (title.get_text(strip=True), title["href"]) == (event.title, f"veranstaltungen/#{event.id}")
    assert box.select_one("time").get_text() == event_words.when_de(event)
    assert box.find("a", string="Zum Kalender hinzufügen (.ics)")["href"] == f"veranstaltungen/{event.id}.ics"


# Feed building without a site ---------------------------------------------------------------------

def write_post(folder: Path, name: str, front: str, title: str) -> None:
    (folder / name).write_text(f"---\n{front}\n---\n\n# {title}\n\nText.\n", encoding="utf-8")


def test_feeds_leave_out_drafts_and_escape_text(tmp_path):
    write_post(tmp_path, "a.md", "date: 2024-03-31\nslug: a\ndescription: 'Wärme & Strom, 5 < 7 > 3'", "Müller & Söhne <GmbH>")
    write_post(tmp_path, "b.md", "date: 2024-04-01\nslug: b\ndraft: true", "Entwurf")
    posts = news.read_posts(tmp_path)
    feed = feedparser.parse(feeds.rss(posts, "https://x.example/", "Site", "Beschreibung"))
    assert not feed.bozo
    assert [(e.title, e.link) for e in feed.entries] == [("Müller & Söhne <GmbH>", "https://x.example/aktuelles/a/")]
    # 31 March 2024 is the first day of summer time: midnight is still +01:00.
    assert feed.entries[0].published == "Sun, 31 Mar 2024 00:00:00 +0100"
    items = json.loads(feeds.json_feed(posts, "https://x.example", "Site", "Beschreibung"))["items"]
    assert [(i["url"], i["summary"], i["date_published"]) for i in items] == [
        ("https://x.example/aktuelles/a/", "Wärme & Strom, 5 < 7 > 3", "2024-03-31T00:00:00+01:00")]


def test_feeds_give_a_month_only_post_no_invented_day(tmp_path):
    write_post(tmp_path, "m.md", "date: 2021-10-01\ndate_precision: month\nslug: m", "Gegründet im Oktober 2021")
    write_post(tmp_path, "d.md", "date: 2021-09-30\nslug: d", "Vorher")
    posts = news.read_posts(tmp_path)
    rss = feeds.rss(posts, "https://x.example/", "Site", "Beschreibung")
    feed = feedparser.parse(rss)
    assert not feed.bozo and [e.link for e in feed.entries] == ["https://x.example/aktuelles/m/", "https://x.example/aktuelles/d/"]
    assert "published" not in feed.entries[0] and feed.entries[1].published == "Thu, 30 Sep 2021 00:00:00 +0200"
    assert b"lastBuildDate" not in rss and b"01 Oct 2021" not in rss  # the newest has no day: no build date either
    month, day = json.loads(feeds.json_feed(posts, "https://x.example", "Site", "Beschreibung"))["items"]
    assert "date_published" not in month
    assert month["_klimapakt"] == {"about": "https://jsonfeed.org/version/1.1#extensions", "date": "2021-10",
                                   "date_precision": "month"}
    assert day["date_published"] == "2021-09-30T00:00:00+02:00" and "_klimapakt" not in day


def test_build_fails_with_the_line_numbered_event_errors(tmp_path):
    result = build_site(ROOT / "partners.yml", tmp_path / "site", KLIMAPAKT_EVENTS=str(FIXTURES / "events-invalid.yml"))
    assert result.returncode != 0
    assert ("events-invalid.yml:15: unbekannter-partner: partners[2]: „metor“ ist keine Kennung aus partners.yml."
            in result.stdout + result.stderr)
