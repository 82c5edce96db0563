"""Dates no more precise than their source: the posts known only to the month show only the month,
on their pages, in every list, on the start page and in both feeds (built site)."""

from __future__ import annotations

import datetime as dt
import email.utils
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import feedparser
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from blog_overrides import TEMPLATES, expected_override
from conftest import ROOT
from klimapakt import precision
from klimapakt.load import news
from klimapakt.outputs import feeds

pytestmark = pytest.mark.data  # reads docs/, partners.yml or events.yml of this repository

BERLIN = ZoneInfo("Europe/Berlin")
SITE_URL = "https://klimapakt.example.org/"  # mkdocs.yml's default, which real_site uses
# Whatever the posts are: every page and feed shows each post's date as precise as its front matter
# says. The rules themselves are tested on fixture posts below.
POSTS = {post.slug: post for post in news.read_posts(ROOT / "docs/aktuelles/posts")}
MONTH_ONLY = {slug: post.date_text for slug, post in POSTS.items() if post.precision == precision.MONTH}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def invented_days(post: news.Post) -> list[str]:
    """Every way a page could name a day of the post's month: "31. Oktober 2021", "1.10.2021", …"""
    last = (post.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    days = [post.date.replace(day=d) for d in range(1, last.day + 1)]
    return [text for day in days for text in (precision.text_de(day), f"{day.day}.{day.month}.{day.year}",
                                              f"{day:%d.%m.%Y}", f'datetime="{day.isoformat()}')]


def test_no_built_page_or_feed_names_a_day_of_a_month_only_post(real_site):
    outputs = [p for p in real_site.rglob("*") if p.suffix in {".html", ".xml", ".json"} and p.is_file()]
    assert real_site / feeds.RSS_PATH in outputs and real_site / feeds.JSON_PATH in outputs
    forbidden = [text for slug in MONTH_ONLY for text in invented_days(POSTS[slug])]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        found = [day for day in forbidden if day in text]
        assert not found, f"{path.relative_to(real_site)} names {found}"


def test_post_pages_show_their_date_as_precise_as_declared(real_site):
    for post in feeds.published(POSTS.values()):
        time = soup(real_site / post.path / "index.html").select_one(".md-sidebar--post time")
        assert (time.get_text(strip=True), time["datetime"]) == (post.date_text, post.date_iso), post.slug


def listings(site: Path) -> list[Path]:
    return [site / "aktuelles/index.html", *sorted((site / "aktuelles").glob("archive/*/index.html")),
            *sorted((site / "aktuelles").glob("category/*/index.html"))]


def test_blog_lists_and_archive_show_each_date_as_declared(real_site):
    by_url = {post.path.removeprefix("aktuelles/"): post for post in POSTS.values()}  # "klimapakt-gegruendet/"
    for listing in listings(real_site):
        for excerpt in soup(listing).select("article.md-post--excerpt"):
            # "../../klimapakt-gegruendet/": the "Weiterlesen" link, or the title's link of a post without one
            hrefs = [a["href"].lstrip("./") for a in excerpt.select("a[href]")]
            post = next(by_url[href] for href in hrefs if href in by_url)
            time = excerpt.select_one("time")
            assert (time.get_text(strip=True), time["datetime"]) == (post.date_text, post.date_iso), listing


def test_start_page_latest_news_show_each_date_as_declared(real_site):
    by_title = {post.title: post for post in POSTS.values()}
    for item in soup(real_site / "index.html").select(".kp-news__item"):
        post = by_title[item.a.get_text(strip=True)]
        assert (item.time.get_text(strip=True), item.time["datetime"]) == (post.date_text, post.date_iso)


def test_feeds_give_month_only_posts_no_date_and_name_no_day(real_site):
    rss = feedparser.parse((real_site / feeds.RSS_PATH).read_bytes())
    json_items = {i["url"]: i for i in json.loads((real_site / feeds.JSON_PATH).read_text(encoding="utf-8"))["items"]}
    rss_items = {e.link: e for e in rss.entries}
    for slug, shown in MONTH_ONLY.items():
        post, url = POSTS[slug], SITE_URL + POSTS[slug].path
        assert "published" not in rss_items[url]  # no pubDate: RSS knows only full dates
        assert "date_published" not in json_items[url]
        assert json_items[url][feeds.EXTENSION] == {"about": feeds.EXTENSION_ABOUT, "date": post.date_iso,
                                                    "date_precision": "month"}
        visible = [rss_items[url].title, rss_items[url].description,
                   json_items[url]["title"], json_items[url]["summary"], json_items[url]["content_text"]]
        assert [precision.day_named_in(text) for text in visible] == [None] * len(visible)
        assert any(shown.split()[-1] in text for text in visible)  # the year, at least, is said


# Reading posts ------------------------------------------------------------------------------------

def write_post(folder: Path, front: str, title: str = "Meldung", name: str = "p.md") -> Path:
    path = folder / name
    path.write_text(f"---\n{front}\n---\n\n# {title}\n\nText.\n", encoding="utf-8")
    return path


def test_a_month_is_dated_on_its_first_day(tmp_path):
    with pytest.raises(news.PostError, match=r"p\.md:3: Meldung: date_precision: 2021-10-31 passt nicht .*2021-10-01.*„Oktober 2021“"):
        news.read_post(write_post(tmp_path, "date: 2021-10-31\ndate_precision: month"))
    with pytest.raises(news.PostError, match=r"„monat“ ist keine Genauigkeit. Erlaubt: day \(Tag\), month \(Monat\)"):
        news.read_post(write_post(tmp_path, "date: 2021-10-01\ndate_precision: monat"))
    with pytest.raises(news.PostError, match=r"date: „2021-10“ ist kein Datum .* `date_precision: month`"):
        news.read_post(write_post(tmp_path, "date: 2021-10"))
    year = news.read_post(write_post(tmp_path, "date: 2021-01-01\ndate_precision: year"))
    assert (year.date_text, year.date_iso) == ("2021", "2021")


@pytest.mark.parametrize("front, title", [
    ("date: 2021-10-01\ndate_precision: month\ndescription: Am 31. Oktober 2021 gegründet.", "Gründung"),
    ("date: 2021-10-01\ndate_precision: month", "Gründung am 31.10.2021"),
])
def test_a_month_only_post_names_no_day_in_title_or_description(tmp_path, front, title):
    with pytest.raises(news.PostError, match=r"nennt den Tag „31\. ?(Oktober|10\.2021)“.*„Oktober 2021“"):
        news.read_post(write_post(tmp_path, front, title))


def test_a_day_precise_post_may_name_its_day(tmp_path):
    post = news.read_post(write_post(tmp_path, "date: 2022-12-05\ndescription: Am 5. Dezember 2022."))
    assert (post.precision, post.date_text, post.date_iso) == (precision.DAY, "5. Dezember 2022", "2022-12-05")


def test_the_build_stops_with_the_german_message(tmp_path):
    """hooks.on_config reads the posts first, so a wrong date never reaches the blog plugin."""
    (tmp_path / "aktuelles/posts").mkdir(parents=True)
    write_post(tmp_path / "aktuelles/posts", "date: 2023-11-30\ndate_precision: month")
    spec = importlib.util.spec_from_file_location("hooks", ROOT / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path),
                             extra={"registry": "partners.yml", "events": "events.yml"})
    with pytest.raises(Abort, match=r"date_precision: 2023-11-30 passt nicht .* 2023-11-01"):
        hooks.on_config(config)


@pytest.mark.parametrize("template", TEMPLATES)
def test_blog_template_overrides_are_materials_with_only_the_date_changed(template):
    assert (ROOT / "overrides" / template).read_text(encoding="utf-8") == expected_override(template)
