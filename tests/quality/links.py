"""Links and sitemap: every internal link and anchor resolves, the sitemap lists every page."""

from __future__ import annotations

import html.parser
import urllib.parse
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path


class _LinkParser(html.parser.HTMLParser):
    LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
                  "source": "src", "iframe": "src", "audio": "src", "video": "src", "form": "action"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "base" and attrs.get("href"):
            self.base = attrs["href"]
        name = self.LINK_ATTRS.get(tag)
        if name and attrs.get(name) is not None:
            self.links.append((attrs[name], self.getpos()[0]))
        if attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.links.append((candidate.split()[0], self.getpos()[0]))


@lru_cache(maxsize=4096)
def _parse(path: Path, mtime: float) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def parse_html(path: Path) -> _LinkParser:
    return _parse(path, path.stat().st_mtime)


def url_path_of(site: Path, file: Path) -> str:
    """The URL path a built file is served at ("/", "/kontakt/", "/404.html")."""
    rel = file.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def file_of(site: Path, url_path: str) -> Path | None:
    """The built file for a URL path, or None."""
    rel = urllib.parse.unquote(url_path).lstrip("/")
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    elif target.is_dir():
        target = target / "index.html"
    try:
        target.resolve().relative_to(site.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


def link_problems(site: Path, site_url: str = "") -> list[str]:
    """Every internal link and anchor in every built HTML file resolves to a file and an id.

    Internal: relative links, root-relative links and absolute links under `site_url`."""
    site_url = site_url.rstrip("/") + "/" if site_url else ""
    base_path = urllib.parse.urlsplit(site_url).path if site_url else "/"
    problems = []
    for file in sorted(site.rglob("*.html")):
        parsed = parse_html(file)
        page_url = "http://site.invalid" + (base_path.rstrip("/") + url_path_of(site, file))
        if file.name == "404.html" and file.parent == site:
            page_url = "http://site.invalid" + base_path + "diese-seite-gibt-es-nicht/"
        for href, line in parsed.links:
            href = href.strip()
            if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:", "blob:")):
                continue
            if site_url and href.startswith(site_url):
                href = base_path + href[len(site_url):]
            base = urllib.parse.urljoin(page_url, parsed.base) if parsed.base else page_url
            target = urllib.parse.urljoin(base, href)
            parts = urllib.parse.urlsplit(target)
            if parts.netloc != "site.invalid":
                continue  # external: not this checker's business
            where = f"{file.relative_to(site)}:{line}: {href}"
            if not parts.path.startswith(base_path):
                problems.append(f"{where}: outside the site's base path {base_path}")
                continue
            same_page = parts.path == urllib.parse.urlsplit(page_url).path
            target_file = file if same_page else file_of(site, "/" + parts.path[len(base_path):])
            if target_file is None:
                problems.append(f"{where}: no such file")
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if fragment and target_file.suffix == ".html" and fragment not in parse_html(target_file).ids:
                problems.append(f"{where}: no element with id {fragment!r}")
    return problems


def sitemap_problems(site: Path, site_url: str) -> list[str]:
    """sitemap.xml lists every HTML page (not the 404 page), and only pages that exist."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return ["sitemap.xml is missing"]
    site_url = site_url.rstrip("/") + "/"
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text.strip() for el in ET.parse(sitemap).getroot().findall("sm:url/sm:loc", ns)]
    problems, listed = [], set()
    for loc in locs:
        if not loc.startswith(site_url):
            problems.append(f"sitemap lists {loc}, not under {site_url}")
            continue
        target = file_of(site, "/" + loc[len(site_url):])
        if target is None:
            problems.append(f"sitemap lists {loc}, which is not in the build")
        else:
            listed.add(target)
    for page in sorted(site.rglob("*.html")):
        if page == site / "404.html" or page in listed:
            continue
        if 'name="robots" content="noindex' in page.read_text(encoding="utf-8"):
            continue
        problems.append(f"{page.relative_to(site)} is not in sitemap.xml")
    return problems
