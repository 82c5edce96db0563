"""News feeds: RSS 2.0 and JSON Feed 1.1, built from the posts' front matter.

Written here rather than with a plugin so the feeds need no network and no git history,
and any generator can call them. Links are absolute (from `site_url`), as feed readers need.
A post's date has no time: it is published at midnight in Düsseldorf (Europe/Berlin).
A post whose source gives only the month (or year) gets no date in either feed: both formats know
only full timestamps, and both make the date optional, so leaving it out is the one way to claim no
invented first-of-month day. The JSON Feed marks such an item with the date as the source gives it
(`_klimapakt`, an extension as JSON Feed 1.1 allows); items stay newest first. Its title and
description name no day either (klimapakt.news checks them). docs/aktuelles/index.md says so to readers.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .. import precision
from ..clock import TZ
from ..load import news

RSS_PATH = "aktuelles/feed.xml"
JSON_PATH = "aktuelles/feed.json"
NEWS_PATH = "aktuelles/"
TITLE_SUFFIX = "Aktuelles"
LANGUAGE = "de-DE"
ATOM_NS = "http://www.w3.org/2005/Atom"


def absolute(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path.lstrip('/')}"


EXTENSION = "_klimapakt"  # JSON Feed extension: the post's date only as precise as its source
EXTENSION_ABOUT = "https://jsonfeed.org/version/1.1#extensions"


def published_at(post: news.Post) -> dt.datetime | None:
    """Midnight of the post's day in Düsseldorf; None when the source gives no day."""
    if post.precision != precision.DAY:
        return None
    return dt.datetime.combine(post.date, dt.time.min, tzinfo=TZ)


def published(posts: Iterable[news.Post]) -> list[news.Post]:
    """Newest first. Drafts are left out where posts are read (news.read_posts), for every listing alike."""
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)


def rss(posts: Iterable[news.Post], site_url: str, site_name: str, description: str) -> bytes:
    posts = published(posts)
    ET.register_namespace("atom", ATOM_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", f"{site_name} – {TITLE_SUFFIX}")
    _text(channel, "link", absolute(site_url, NEWS_PATH))
    _text(channel, "description", description)
    _text(channel, "language", LANGUAGE)
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": absolute(site_url, RSS_PATH), "rel": "self", "type": "application/rss+xml"})
    if posts and published_at(posts[0]):
        # The newest post's date, not the build time: the feed changes only when the news do.
        _text(channel, "lastBuildDate", email.utils.format_datetime(published_at(posts[0])))
    for post in posts:
        url = absolute(site_url, post.path)
        item = ET.SubElement(channel, "item")
        _text(item, "title", post.title)
        _text(item, "link", url)
        _text(item, "guid", url, isPermaLink="true")
        if published_at(post):
            _text(item, "pubDate", email.utils.format_datetime(published_at(post)))
        if post.description:
            _text(item, "description", post.description)
        for category in post.categories:
            _text(item, "category", category)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def json_feed(posts: Iterable[news.Post], site_url: str, site_name: str, description: str) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{site_name} – {TITLE_SUFFIX}",
        "home_page_url": absolute(site_url, NEWS_PATH),
        "feed_url": absolute(site_url, JSON_PATH),
        "description": description,
        "language": LANGUAGE,
        "items": [
            {
                "id": absolute(site_url, post.path),
                "url": absolute(site_url, post.path),
                "title": post.title,
                "content_text": post.description or post.title,
                **({"summary": post.description} if post.description else {}),
                **date_fields(post),
                **({"tags": list(post.categories)} if post.categories else {}),
            }
            for post in published(posts)
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def date_fields(post: news.Post) -> dict:
    """`date_published` for a post with a known day; else the date as precise as its source, marked."""
    moment = published_at(post)
    if moment:
        return {"date_published": moment.isoformat()}
    return {EXTENSION: {"about": EXTENSION_ABOUT, "date": post.date_iso, "date_precision": post.precision}}


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element
